package feed

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// hitCounter counts a test server's requests by path.
type hitCounter struct {
	mu   sync.Mutex
	hits map[string]int
}

func (h *hitCounter) hit(p string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.hits == nil {
		h.hits = map[string]int{}
	}
	h.hits[p]++
}

func (h *hitCounter) Hits(p string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hits[p]
}

const storyPage = `<!doctype html><html><head><meta charset="utf-8"><title>Weir repaired</title></head><body><article><h1>Weir repaired</h1>
<p>The weir below Corran bridge has been repaired after the January floods tore a gap in it, the river trust said on Monday.</p>
<p>"We had divers in the water for a fortnight," said trust engineer Maud Ellery. "It should hold for another fifty years."</p>
<p>The repair cost ninety thousand pounds, most of it raised by the anglers' club.</p></article></body></html>`

// TestPollRedirectObeysItsRobots: an item's page that redirects to
// another site is fetched only where that site's robots.txt allows
// (asked once, kept as for any site); refused, the item is its feed's
// text, as a page robots.txt disallows. A page read after redirects is
// cited at the url it was read from.
func TestPollRedirectObeysItsRobots(t *testing.T) {
	fx := newPollFixture(t)
	var closedHits, openHits hitCounter
	closed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		closedHits.hit(r.URL.Path)
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n")
			return
		}
		fmt.Fprint(w, storyPage)
	}))
	defer closed.Close()
	var open *httptest.Server
	open = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		openHits.hit(r.URL.Path)
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			item := func(n int, page string) string {
				return fmt.Sprintf(`<item><title>Story %d</title><link>%s/%s</link><guid>s-%d</guid><pubDate>Wed, 11 Feb 2026 09:00:00 GMT</pubDate>
<description>The weir below Corran bridge has been repaired, the river trust said, in story %d.</description></item>`, n, open.URL, page, n, n)
			}
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Corran Crier</title>%s%s%s</channel></rss>`,
				item(7, "a7.html"), item(8, "a8.html"), item(9, "a9.html"))
		case "/a7.html":
			http.Redirect(w, r, closed.URL+"/b1.html", http.StatusMovedPermanently)
		case "/a8.html":
			http.Redirect(w, r, closed.URL+"/b2.html", http.StatusMovedPermanently)
		case "/a9.html":
			http.Redirect(w, r, "/news/weir-repaired.html?utm_source=rss", http.StatusMovedPermanently)
		case "/news/weir-repaired.html":
			fmt.Fprint(w, storyPage)
		default:
			http.NotFound(w, r)
		}
	}))
	defer open.Close()

	ctx := context.Background()
	src, err := fx.poller.Add(ctx, open.URL+"/feed.xml", "")
	if err != nil {
		t.Fatal(err)
	}
	if r := fx.poller.Fetch(ctx, src); r.Err != nil || r.New != 3 || r.FromFeed != 2 {
		t.Fatalf("pass: %+v, want 3 new, 2 of them from the feed's text", r)
	}
	if n := closedHits.Hits("/b1.html") + closedHits.Hits("/b2.html"); n != 0 {
		t.Errorf("pages the robots.txt of their site disallows were fetched %d times", n)
	}
	if n := closedHits.Hits("/robots.txt"); n != 1 {
		t.Errorf("the other site's robots.txt was fetched %d times, want once", n)
	}
	got := map[string]line{}
	for _, l := range fx.articles(t) {
		got[l.Title] = l
	}
	for _, title := range []string{"Story 7", "Story 8"} {
		l := got[title]
		if l.TruncatedBy != "feed" || l.HTML != "" || !strings.Contains(l.Fallback, "robots.txt disallows") || !strings.HasPrefix(l.URL, open.URL+"/a") {
			t.Errorf("%s: url %s, fallback %q, truncated by %q; want the feed's text, saying robots.txt disallows the page, at the item's url", title, l.URL, l.Fallback, l.TruncatedBy)
		}
	}
	if l := got["Story 9"]; l.HTML == "" || l.URL != open.URL+"/news/weir-repaired.html" {
		t.Errorf("Story 9: url %s, %d bytes of page; want the page, cited where it was read", l.URL, len(l.HTML))
	}
}

// TestPollRobotsDownIsTriedAgain: a page whose site's robots.txt cannot be
// fetched for now (a 503) is no page robots.txt disallows: its item is
// tried again, named as failing, and taken in from its page once
// robots.txt answers, not written from the feed's text for good.
func TestPollRobotsDownIsTriedAgain(t *testing.T) {
	ctx := context.Background()
	fx := newPollFixture(t)
	fx.web.mu.Lock()
	fx.web.robotsDown = true
	fx.web.mu.Unlock()
	src := fx.add(t, "/robots-down/feed.xml", "")
	r := fx.poller.Fetch(ctx, src)
	if r.New != 0 || r.Retry != 1 || len(r.Pages) != 1 || !strings.Contains(r.Pages[0].String(), "robots.txt cannot be fetched") {
		t.Fatalf("pass with robots.txt down: %d new, %d to try again, pages %v; want the item tried again and named", r.New, r.Retry, r.Pages)
	}
	fx.web.mu.Lock()
	fx.web.robotsDown = false
	fx.web.mu.Unlock()
	fx.clock.Advance(2 * time.Hour) // past the hour a failed robots.txt is kept
	r = fx.poller.Fetch(ctx, r.Feed)
	if r.Err != nil || r.New != 1 || r.FromFeed != 0 {
		t.Fatalf("pass with robots.txt back: %d new, %d from the feed's text, %v; want 1 new from its page", r.New, r.FromFeed, r.Err)
	}
}
