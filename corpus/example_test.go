package corpus_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"github.com/coveragebot/coveragebot/corpus"
)

func ExampleClean() {
	scraped := `---
source: Ashby Echo
url: https://www.ashbyecho.example/news/bridge
---
Skip to content
By Tom Abbot
Ashby's Mill Road bridge will reopen in May, three months later than planned, the county council said.
Image: Ashby Echo/Sam Reed
"Nobody is more frustrated than I am," Councillor Ann Cole said. "But we will not open a bridge that is not safe."
Also Read
You've reached your limit of {{free_limit}} free articles.
Subscribe now
£4.99/month
`
	fsys := fstest.MapFS{"bridge.txt": {Data: []byte(scraped)}}
	docs, _, err := corpus.ReadFile(context.Background(), fsys, "bridge.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	a := corpus.Clean(docs[0], nil)
	fmt.Println(a.Outlet)
	fmt.Println(a.Text)
	for _, q := range a.Quotes {
		fmt.Printf("%s: “%s”\n", q.Speaker, a.QuoteText(q))
	}
	fmt.Println("truncated by", a.TruncatedBy)
	// Output:
	// Ashby Echo
	// Ashby's Mill Road bridge will reopen in May, three months later than planned, the county council said.
	//
	// "Nobody is more frustrated than I am," Councillor Ann Cole said. "But we will not open a bridge that is not safe."
	// Ann Cole: “Nobody is more frustrated than I am," Councillor Ann Cole said. "But we will not open a bridge that is not safe.”
	// truncated by paywall
}
