package search_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/coveragebot/coveragebot/corpus/sample"
	"github.com/coveragebot/coveragebot/search"
)

// An index is opened (or created) in a folder, brought in line with a
// corpus, and asked questions. The quote comes back verbatim, with its
// speaker and every outlet that reported it.
func ExampleIndex_Answer() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "coverage-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ix, err := search.Open(ctx, dir)
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(ctx, sample.FS, search.Options{}); err != nil {
		log.Fatal(err)
	}

	got, err := ix.Answer(ctx, search.Question{Text: "What did Wilk say about the water?", Limit: 1})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range got.Answers {
		fmt.Printf("%s: %q\n", a.Speaker, a.Text)
		for _, r := range a.Reports {
			fmt.Println("  reported by", r.Outlet)
		}
	}

	none, err := ix.Answer(ctx, search.Question{Text: "Who won the Millbrook mayoral election?"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("answers about the election:", len(none.Answers))
	// Output:
	// Tomasz Wilk: "The water came up faster than anyone had predicted"
	//   reported by The Kestrel Post
	//   reported by Harrow Valley Gazette
	//   reported by Radio Oakmere News
	// answers about the election: 0
}
