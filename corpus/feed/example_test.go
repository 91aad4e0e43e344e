package feed_test

import (
	"fmt"
	"net/url"

	"github.com/coveragebot/coveragebot/corpus/feed"
)

func ExampleParse() {
	doc := `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Ashby Echo</title>
  <link>https://ashbyecho.example/</link>
  <item>
    <title>Mill Road bridge to reopen in May</title>
    <link>/news/bridge?utm_source=rss</link>
    <guid isPermaLink="false">ae-1</guid>
    <pubDate>Tue, 10 Feb 2026 09:00:00 EST</pubDate>
    <content:encoded><![CDATA[<p>The bridge will reopen in May.</p>]]></content:encoded>
  </item>
</channel>
</rss>`
	base, _ := url.Parse("https://ashbyecho.example/feed.xml")
	f, err := feed.Parse([]byte(doc), base, "application/rss+xml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Format, f.Title)
	for _, it := range f.Items {
		fmt.Println(it.GUID, it.Published.UTC())
		fmt.Println(feed.CleanURL(it.Link))
		fmt.Println(it.Content)
	}
	// Output:
	// rss Ashby Echo
	// ae-1 2026-02-10 14:00:00 +0000 UTC
	// https://ashbyecho.example/news/bridge
	// <p>The bridge will reopen in May.</p>
}

func ExampleDiscover() {
	page := `<html><head>
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" type="application/feed+json" href="https://cdn.example/feed.json">
</head><body>…</body></html>`
	base, _ := url.Parse("https://kestrelpost.example/")
	fmt.Println(feed.Discover([]byte(page), base))
	// Output:
	// [https://kestrelpost.example/feed.xml https://cdn.example/feed.json]
}
