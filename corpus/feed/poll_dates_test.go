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

// rssServer serves one RSS feed at /feed.xml, its items' pages answering
// 404 (so each article is its item's own text) and no robots.txt; set
// changes the items served.
type rssServer struct {
	*httptest.Server
	mu    sync.Mutex
	items string
}

func newRSSServer(t *testing.T, items string) *rssServer {
	t.Helper()
	s := &rssServer{items: items}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Tidewater Times</title>%s</channel></rss>`,
			strings.ReplaceAll(s.items, "{{base}}", s.URL))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *rssServer) set(items string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = items
}

// rssItemAt is an item dated date, its page gone, with a sentence of text.
func rssItemAt(n int, date string) string {
	return fmt.Sprintf(`<item><title>Tide report %d</title><link>{{base}}/tide-%d.html</link><guid>tide-%d</guid><pubDate>%s</pubDate>
<description>The spring tide reached the harbour wall for the %d time this winter, harbour master Ines Varga said.</description></item>`, n, n, n, date, n)
}

// TestPollFutureDatesUntrusted: an item dated far ahead (2062) neither
// keeps its feed from falling silent nor dates its article; an item a few
// hours ahead (a clock a little off) is believed; and the newest item is
// what the feed holds now, so a feed that once carried a 2062 date falls
// silent like any other.
func TestPollFutureDatesUntrusted(t *testing.T) {
	fx := newPollFixture(t) // the clock: 2026-02-12 09:00 UTC
	ctx := context.Background()
	old := rssItemAt(1, "Sat, 10 Jan 2026 09:00:00 GMT") + rssItemAt(2, "Sun, 11 Jan 2026 09:00:00 GMT") + rssItemAt(3, "Mon, 12 Jan 2026 09:00:00 GMT")
	web := newRSSServer(t, old+rssItemAt(4, "Sat, 01 Jul 2062 09:00:00 GMT"))
	src, err := fx.poller.Add(ctx, web.URL+"/feed.xml", "")
	if err != nil {
		t.Fatal(err)
	}
	r := fx.poller.Fetch(ctx, src)
	if r.Err != nil || r.New != 4 {
		t.Fatalf("pass: %+v, want the four items taken in", r)
	}
	lastOld := time.Date(2026, 1, 12, 9, 0, 0, 0, time.UTC)
	if !r.Feed.Latest.Equal(lastOld) || !r.Feed.Silent {
		t.Errorf("newest item %v, silent %v; want 2026-01-12 and silent, the 2062 date untrusted", r.Feed.Latest, r.Feed.Silent)
	}
	found := false
	for path, l := range fx.articles(t) {
		if l.Title != "Tide report 4" {
			continue
		}
		found = true
		if l.Published != "" || !strings.HasPrefix(path, "feeds/tidewater-times/2026-02-12-") {
			t.Errorf("the 2062 item is written as %s, published %q; want it undated, named by the day it was fetched", path, l.Published)
		}
	}
	if !found {
		t.Error("the item dated 2062 was not taken in")
	}

	// A feed state from before (its newest item 2062) follows the feed as
	// it is now.
	stale := r.Feed
	stale.Latest, stale.Silent = time.Date(2062, 7, 1, 9, 0, 0, 0, time.UTC), false
	web.set(old)
	if r = fx.poller.Fetch(ctx, stale); !r.Feed.Latest.Equal(lastOld) || !r.Feed.Silent {
		t.Errorf("newest item %v, silent %v; want 2026-01-12 and silent once the feed no longer holds 2062", r.Feed.Latest, r.Feed.Silent)
	}

	// A few hours ahead is a clock a little off: believed.
	soon := fx.clock.Now().Add(6 * time.Hour)
	web.set(old + rssItemAt(5, soon.Format(time.RFC1123Z)))
	if r = fx.poller.Fetch(ctx, r.Feed); !r.Feed.Latest.Equal(soon) || r.Feed.Silent {
		t.Errorf("newest item %v, silent %v; want the item 6 hours ahead believed", r.Feed.Latest, r.Feed.Silent)
	}
}

// TestPollFutureDateKeepsItsKey: an item with neither link nor GUID, dated
// two days ahead, is known by the date it reads, not by the date it is
// written with: once the date comes within reach the item is seen, not
// written a second time (its text, which carries a count of comments,
// differs a little pass to pass, so only its key can tell it).
func TestPollFutureDateKeepsItsKey(t *testing.T) {
	fx := newPollFixture(t) // the clock: 2026-02-12 09:00 UTC
	ctx := context.Background()
	item := func(comments int) string {
		return fmt.Sprintf(`<item><title>Regatta moved to Sunday</title><pubDate>Sat, 14 Feb 2026 10:00:00 GMT</pubDate>
<description>The Kells regatta will be sailed on Sunday.</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>The Kells regatta will be sailed on Sunday, not Saturday, because of the gale warning, club secretary Ola Brenne said.</p><p>%d comments.</p>]]></content:encoded></item>`, comments)
	}
	web := newRSSServer(t, item(12))
	src, err := fx.poller.Add(ctx, web.URL+"/feed.xml", "")
	if err != nil {
		t.Fatal(err)
	}
	r := fx.poller.Fetch(ctx, src)
	if r.Err != nil || r.New != 1 {
		t.Fatalf("pass 1: %+v, want the item taken in", r)
	}
	for path, l := range fx.articles(t) {
		if l.Published != "" || !strings.HasPrefix(path, "feeds/tidewater-times/2026-02-12-") || !strings.Contains(l.Text, "12 comments") {
			t.Errorf("written as %s, published %q, text %q; want it undated, named by the day it was fetched", path, l.Published, l.Text)
		}
	}
	fx.clock.Advance(3 * 24 * time.Hour)
	web.set(item(15))
	if r = fx.poller.Fetch(ctx, r.Feed); r.Err != nil || r.New != 0 || r.Seen != 1 {
		t.Errorf("pass 2, the date believable now: %d new, %d seen, %v; want it seen", r.New, r.Seen, r.Err)
	}
	if n := len(fx.articles(t)); n != 1 {
		t.Errorf("%d article files, want the item's one", n)
	}
}
