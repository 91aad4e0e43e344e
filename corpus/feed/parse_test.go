package feed

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const testBase = "http://news.test"

// readWeb reads a file of the test news web with its {{base}} filled in.
func readWeb(tb testing.TB, name, base string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "web", filepath.FromSlash(name)))
	if err != nil {
		tb.Fatal(err)
	}
	return []byte(strings.ReplaceAll(string(data), "{{base}}", base))
}

func mustURL(tb testing.TB, s string) *url.URL {
	tb.Helper()
	u, err := url.Parse(s)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

func TestParse(t *testing.T) {
	type item struct {
		guid, link, title, published, content, summary string
	}
	tests := []struct {
		file, contentType string
		format, title     string
		link              string
		items             []item
	}{
		{
			file: "kestrel/feed.xml", format: "rss", title: "The Kestrel Post", link: testBase + "/kestrel/",
			items: []item{
				{guid: "kestrel-1001", link: testBase + "/kestrel/news/bridge-closed.html?utm_source=rss&utm_medium=feed",
					title: "Millbrook bridge closed after flood", published: "2026-02-10T12:05:00Z",
					content: `<p>The Old Mill Bridge will stay shut`, summary: "The Old Mill Bridge is shut\u00a0until"},
				{guid: testBase + "/kestrel/news/cafe-owners.html", link: testBase + "/kestrel/amp/cafe-owners.html",
					title: "Café owners count the cost — and the mud", published: "2026-02-11T08:30:00Z", summary: "<p>Owners on Mill Street"},
				{link: testBase + "/kestrel/news/repair-timetable.html?fbclid=IwAR0xyz", title: "Council sets out repair timetable",
					published: "2026-02-11T23:00:00Z", summary: "Repairs to begin"},
				{guid: "kestrel-1003-social", link: testBase + "/kestrel/news/cafe-owners.html?utm_source=twitter&utm_campaign=flood#comments",
					title: "Café owners count the cost (shared)", published: "2026-02-11T09:00:00Z", summary: "The same story"},
			},
		},
		{
			file: "gazette/feed.atom", format: "atom", title: "Harrow Valley Gazette", link: testBase + "/gazette/",
			items: []item{
				{guid: "tag:harrowvalleygazette.example,2026:1", link: testBase + "/gazette/news/2026/02/10/old-mill-bridge.html",
					title: "Old Mill Bridge closed for six weeks", published: "2026-02-10T11:00:00Z",
					content: `<div xmlns="http://www.w3.org/1999/xhtml"><p>The Old Mill Bridge, the only road crossing`, summary: "<p>The bridge will be shut"},
				{guid: "tag:harrowvalleygazette.example,2026:2", link: testBase + "/gazette/news/2026/02/11/homes-lost.html",
					title: "Paywalled: fire service counts homes lost", published: "2026-02-11T09:00:00Z", content: "<p>Twelve homes were destroyed"},
			},
		},
		{
			file: "oakmere/feed.json", format: "json", title: "Radio Oakmere News", link: testBase + "/oakmere/",
			items: []item{
				{guid: "https://radiooakmere.example/news/old-mill-bridge-weeks", link: testBase + "/oakmere/news/old-mill-bridge-weeks.html",
					title: "Old Mill Bridge shut for weeks", published: "2026-02-10T20:20:00Z", content: "<p>Fire crews say 17 homes"},
				{guid: "42", link: testBase + "/oakmere/news/volunteers.html", title: "Volunteers fill sandbags",
					published: "2026-02-11T07:45:00Z", content: "<p>Dozens of volunteers filled sandbags outside"},
			},
		},
		{
			file: "courier/rdf.xml", format: "rss", title: "Millbrook Courier", link: testBase + "/courier/",
			items: []item{
				{guid: testBase + "/courier/news/school-reopens.html", link: testBase + "/courier/news/school-reopens.html",
					title: "School reopens after flood", published: "2026-02-12T00:00:00Z", summary: "Pupils at Millbrook"},
			},
		},
		{
			file: "ashby/feed.xml", format: "rss", title: "Ashby Echo", link: testBase + "/ashby/",
			items: []item{
				{link: testBase + "/ashby/news/cafe-reopens.html", title: "Café reopens on Mill Road",
					published: "2026-02-11T09:00:00Z", summary: "The café reopened"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := Parse(readWeb(t, tt.file, testBase), mustURL(t, testBase+"/"+tt.file), tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if f.Format != tt.format || f.Title != tt.title || f.Link != tt.link {
				t.Errorf("feed = %q %q %q, want %q %q %q", f.Format, f.Title, f.Link, tt.format, tt.title, tt.link)
			}
			if len(f.Items) != len(tt.items) {
				t.Fatalf("%d items, want %d: %+v", len(f.Items), len(tt.items), f.Items)
			}
			for i, want := range tt.items {
				got := f.Items[i]
				if got.GUID != want.guid || got.Link != want.link || got.Title != want.title {
					t.Errorf("item %d = guid %q link %q title %q\nwant guid %q link %q title %q", i, got.GUID, got.Link, got.Title, want.guid, want.link, want.title)
				}
				if p := got.Published.UTC().Format(time.RFC3339); p != want.published {
					t.Errorf("item %d published %s, want %s", i, p, want.published)
				}
				if !strings.HasPrefix(got.Content, want.content) || (want.content == "" && got.Content != "") {
					t.Errorf("item %d content %q, want it to start %q", i, got.Content, want.content)
				}
				if !strings.HasPrefix(got.Summary, want.summary) {
					t.Errorf("item %d summary %q, want it to start %q", i, got.Summary, want.summary)
				}
			}
		})
	}
}

func TestParseSitemaps(t *testing.T) {
	f, err := Parse(readWeb(t, "kestrel/news-sitemap.xml", testBase), mustURL(t, testBase+"/kestrel/news-sitemap.xml"), "")
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != "sitemap" || f.Title != "The Kestrel Post" || len(f.Items) != 2 {
		t.Fatalf("news sitemap: %q %q, %d items", f.Format, f.Title, len(f.Items))
	}
	got := fmt.Sprintf("%s|%s|%s %s|%s|%s", f.Items[0].Link, f.Items[0].Title, f.Items[0].Published.UTC().Format(time.RFC3339),
		f.Items[1].Link, f.Items[1].Title, f.Items[1].Published.UTC().Format(time.RFC3339))
	want := testBase + "/kestrel/news/footbridge.html|Temporary footbridge opens|2026-02-12T08:00:00Z " +
		testBase + "/kestrel/news/repair-timetable.html|Council sets out repair timetable|2026-02-11T23:00:00Z"
	if got != want {
		t.Errorf("items\n%s\nwant\n%s", got, want)
	}
	idx, err := Parse(readWeb(t, "sitemap.xml", testBase), mustURL(t, testBase+"/sitemap.xml"), "")
	if err != nil {
		t.Fatal(err)
	}
	if idx.Format != "sitemapindex" || len(idx.Sitemaps) != 2 || idx.Sitemaps[1].URL != testBase+"/kestrel/news-sitemap.xml.gz" {
		t.Errorf("sitemap index: %q %+v", idx.Format, idx.Sitemaps)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
	}{
		{"broken XML", string(readWeb(t, "broken/feed.xml", testBase)), ErrBrokenFeed},
		{"HTML page", `<!doctype html><html><head><title>Home</title></head><body><p>Hi</p></body></html>`, ErrNotFeed},
		{"empty", "  \n", ErrNotFeed},
		{"JSON, not a feed", `{"hello": "world"}`, ErrNotFeed},
		{"broken JSON", `{"version": "https://jsonfeed.org/version/1.1", "items": [}`, ErrBrokenFeed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data), mustURL(t, testBase+"/"), "")
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestParseCharsetFromHeader(t *testing.T) {
	// No XML declaration: the Content-Type's charset decides.
	data := []byte("<rss version=\"2.0\"><channel><title>Caf\xe9 News</title></channel></rss>")
	f, err := Parse(data, mustURL(t, testBase+"/"), "application/rss+xml; charset=windows-1252")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Café News" {
		t.Errorf("title %q, want Café News", f.Title)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tue, 10 Feb 2026 12:05:00 GMT", "2026-02-10T12:05:00Z"},
		{"Tue, 10 Feb 2026 12:05:00 +0100", "2026-02-10T11:05:00Z"},
		{"Wed, 11 Feb 2026 18:00:00 EST", "2026-02-11T23:00:00Z"},
		{"Mon, 10 Feb 2026 12:05:00 PDT", "2026-02-10T19:05:00Z"}, // wrong day name
		{"10 Feb 2026 12:05:00 +0000", "2026-02-10T12:05:00Z"},
		{"2026-02-10T12:05:00.123Z", "2026-02-10T12:05:00Z"},
		{"2026-02-10", "2026-02-10T00:00:00Z"},
		{"2026-02-10 12:05", "2026-02-10T12:05:00Z"},
		{"February 10, 2026", "2026-02-10T00:00:00Z"},
		{"not a date", "0001-01-01T00:00:00Z"},
		{"", "0001-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		got := parseDate(tt.in).UTC().Truncate(time.Second).Format(time.RFC3339)
		if got != tt.want {
			t.Errorf("parseDate(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestDiscover(t *testing.T) {
	page := `<!doctype html><html><head>
<base href="/outlet/">
<link rel="stylesheet" href="style.css">
<link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">
<link rel="Alternate" type="application/atom+xml; charset=utf-8" href="https://other.test/atom">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="application/rss+xml" href="feed.xml">
<link rel="alternate" hreflang="fr" href="/fr/">
</head><body><link rel="alternate" type="application/rss+xml" href="/body-feed.xml"></body></html>`
	got := Discover([]byte(page), mustURL(t, testBase+"/"))
	want := []string{testBase + "/outlet/feed.xml", "https://other.test/atom", testBase + "/outlet/feed.json"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Discover = %q, want %q", got, want)
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<p>One &amp; two</p><p>Three<br>four</p><script>x()</script>", "One & two\nThree\nfour"},
		{"Caf&eacute; &#8212; ok", "Café — ok"},
	}
	for _, tt := range tests {
		if got := htmlText(tt.in); got != tt.want {
			t.Errorf("htmlText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestParseTitleWithoutControls: a JSON feed's title (the outlet's name)
// and its items' titles lose their control characters: printed, an escape
// sequence would draw on the reader's terminal.
func TestParseTitleWithoutControls(t *testing.T) {
	doc := `{"version":"https://jsonfeed.org/version/1.1","title":"Daily \u001b[2J\u001b[32mAll feeds ok","items":[{"id":"1","url":"https://daily.example/1","title":"Dam \u001b[1mbursts"}]}`
	base, _ := url.Parse("https://daily.example/feed.json")
	f, err := Parse([]byte(doc), base, "application/feed+json")
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(f.Title, '\u001b') || len(f.Items) != 1 || strings.ContainsRune(f.Items[0].Title, '\u001b') {
		t.Errorf("feed title %q, item title %q: want no escape", f.Title, f.Items[0].Title)
	}
}

// TestParseFeedTitleDecoded: a feed's own title (the outlet's name, which
// names its folder) is read as its items' titles are, entities and markup
// decoded in RSS, by type in Atom, as plain text in JSON Feed.
func TestParseFeedTitleDecoded(t *testing.T) {
	const escaped = `Bob&amp;#8217;s &lt;b&gt;Blog&lt;/b&gt;`
	tests := []struct {
		name, doc, want string
	}{
		{"rss", `<rss version="2.0"><channel><title>` + escaped + `</title>
<item><title>` + escaped + `</title><link>https://bob.example/1</link></item></channel></rss>`, "Bob’s Blog"},
		{"rss 1.0", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel><title>` + escaped + `</title></channel><item><title>` + escaped + `</title><link>https://bob.example/1</link></item></rdf:RDF>`, "Bob’s Blog"},
		{"atom html", `<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">` + escaped + `</title>
<entry><id>1</id><title type="html">` + escaped + `</title><link href="https://bob.example/1"/></entry></feed>`, "Bob’s Blog"},
		{"atom text", `<feed xmlns="http://www.w3.org/2005/Atom"><title>Bob &amp; Ann</title>
<entry><id>1</id><title>Bob &amp; Ann</title><link href="https://bob.example/1"/></entry></feed>`, "Bob & Ann"},
		{"json", `{"version":"https://jsonfeed.org/version/1.1","title":"Bob & Ann <3",
"items":[{"id":"1","url":"https://bob.example/1","title":"Bob & Ann <3"}]}`, "Bob & Ann <3"},
		{"news sitemap", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://bob.example/1</loc><news:news><news:publication><news:name>` + escaped + `</news:name></news:publication>
<news:title>` + escaped + `</news:title></news:news></url></urlset>`, "Bob’s Blog"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.doc), mustURL(t, "https://bob.example/feed"), "")
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != tt.want || len(f.Items) != 1 || f.Items[0].Title != f.Title {
				t.Errorf("feed title %q (items %+v), want %q as its item's", f.Title, f.Items, tt.want)
			}
		})
	}
}
