package feed

import (
	"net/url"
	"testing"
)

// FuzzParse feeds Parse anything: it must not panic, and every link it
// returns is absolute http or https, whatever the document says.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"kestrel/feed.xml", "gazette/feed.atom", "oakmere/feed.json", "courier/rdf.xml", "ashby/feed.xml", "broken/feed.xml", "kestrel/index.html", "sitemap.xml", "kestrel/news-sitemap.xml"} {
		f.Add(readWeb(f, name, testBase), "")
	}
	f.Add([]byte(`<rss><channel><item><link>javascript:alert(1)</link><guid>file:///etc/passwd</guid></item></channel></rss>`), "text/xml; charset=iso-8859-1")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":1e400,"url":"//x"}]}`), "")
	base, _ := url.Parse(testBase + "/feed")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		feed, err := Parse(data, base, contentType)
		if err != nil {
			return
		}
		check := func(what, link string) {
			if link == "" {
				return
			}
			u, err := url.Parse(link)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Errorf("%s %q is not an absolute http(s) url", what, link)
			}
		}
		check("feed link", feed.Link)
		for _, it := range feed.Items {
			check("item link", it.Link)
		}
		for _, s := range feed.Sitemaps {
			check("sitemap", s.URL)
		}
		_ = Discover(data, base)
	})
}
