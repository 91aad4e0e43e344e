package feed

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
)

// pollFixture is a poller on the test news web, writing into a temporary
// corpus folder, with a store tests can make fail.
type pollFixture struct {
	web    *newsWeb
	clock  *fakeClock
	store  *hookStore
	poller *Poller
	dir    string
}

// hookStore is a MemStore whose MarkSeen can be made to fail, as a crash
// between writing an article and recording it would leave things.
type hookStore struct {
	MemStore
	markSeen  func(url string, ids []string) error
	afterMark func()
}

func (h *hookStore) MarkSeen(ctx context.Context, url string, ids []string) error {
	if h.markSeen != nil {
		if err := h.markSeen(url, ids); err != nil {
			return err
		}
	}
	if err := h.MemStore.MarkSeen(ctx, url, ids); err != nil {
		return err
	}
	if h.afterMark != nil {
		h.afterMark()
	}
	return nil
}

func newPollFixture(t *testing.T) *pollFixture {
	t.Helper()
	fx := &pollFixture{web: newNewsWeb(t), clock: newFakeClock(), store: &hookStore{}, dir: t.TempDir()}
	p, err := NewPoller(PollerConfig{Store: fx.store, Fetcher: newTestFetcher(t, fx.clock, nil), Agent: "CoverageBot", Corpus: fx.dir})
	if err != nil {
		t.Fatal(err)
	}
	fx.poller = p
	return fx
}

func (fx *pollFixture) add(t *testing.T, path, name string) Source {
	t.Helper()
	src, err := fx.poller.Add(context.Background(), fx.web.URL+path, name)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// articles reads every article file under feeds/, by path.
func (fx *pollFixture) articles(t *testing.T) map[string]line {
	t.Helper()
	out := map[string]line{}
	root := filepath.Join(fx.dir, Folder)
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") {
			t.Errorf("a hidden file was left behind: %s", p)
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var l line
		if err := json.Unmarshal(data, &l); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		rel, _ := filepath.Rel(fx.dir, p)
		out[filepath.ToSlash(rel)] = l
		return nil
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

func TestAddDiscoversFeeds(t *testing.T) {
	fx := newPollFixture(t)
	tests := []struct {
		path, name       string
		wantURL, wantNam string
		wantErr          error
	}{
		{path: "/kestrel/", wantURL: "/kestrel/feed.xml", wantNam: "The Kestrel Post"},
		{path: "/gazette/", name: "HVG", wantURL: "/gazette/feed.atom", wantNam: "HVG"},
		{path: "/oakmere/feed.json", wantURL: "/oakmere/feed.json", wantNam: "Radio Oakmere News"},
		{path: "/moved/feed.xml", wantErr: ErrFollowed}, // redirects to the Kestrel feed, already followed
		// A page announcing no feed: the site's robots.txt lists a sitemap
		// (TestFeedsErrors in cmd has a site without one: ErrNoFeedFound).
		{path: "/oakmere/news/old-mill-bridge-weeks.html", wantURL: "/sitemap.xml", wantNam: "The Kestrel Post"},
		{path: "/broken/feed.xml", wantErr: ErrBrokenFeed},
		{path: "/gone/feed.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			src, err := fx.poller.Add(context.Background(), fx.web.URL+tt.path, tt.name)
			switch {
			case tt.path == "/gone/feed.xml":
				var se *StatusError
				if !errors.As(err, &se) || se.Status != 404 {
					t.Fatalf("err = %v, want HTTP 404", err)
				}
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
			case err != nil:
				t.Fatal(err)
			case src.URL != fx.web.URL+tt.wantURL || src.Name != tt.wantNam:
				t.Fatalf("added %q as %q, want %q as %q", src.URL, src.Name, fx.web.URL+tt.wantURL, tt.wantNam)
			}
		})
	}
}

func TestPoll(t *testing.T) {
	fx := newPollFixture(t)
	ctx := context.Background()
	for _, path := range []string{"/kestrel/", "/gazette/feed.atom", "/oakmere/feed.json", "/courier/rdf.xml", "/ashby/feed.xml"} {
		fx.add(t, path, "")
	}

	results, err := fx.poller.Poll(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	type counts struct{ items, new, fromFeed, seen, empty, retry int }
	want := map[string]counts{
		"The Kestrel Post":      {items: 4, new: 3, seen: 1}, // the shared copy of the café story is the same article
		"Harrow Valley Gazette": {items: 2, new: 2, fromFeed: 1},
		"Radio Oakmere News":    {items: 2, new: 2, fromFeed: 1}, // volunteers: robots.txt says no
		"Millbrook Courier":     {items: 1, new: 1, fromFeed: 1}, // 403
		"Ashby Echo":            {items: 1, new: 1},
	}
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Feed.Name, r.Err)
		}
		got := counts{r.Items, r.New, r.FromFeed, r.Seen, r.Empty, r.Retry}
		if got != want[r.Feed.Name] {
			t.Errorf("%s: %+v, want %+v", r.Feed.Name, got, want[r.Feed.Name])
		}
	}
	if n := fx.web.Hits("/oakmere/news/volunteers.html"); n != 0 {
		t.Errorf("a page robots.txt disallows was fetched %d times", n)
	}

	arts := fx.articles(t)
	var paths []string
	for p := range arts {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	if len(paths) != 9 {
		t.Fatalf("%d article files, want 9:\n%s", len(paths), strings.Join(paths, "\n"))
	}
	// Each file reads as an article of its feed's outlet, with the item's
	// title, date and clean url.
	checks := []struct {
		prefix, title, url, fallback, holds string
		published                           string // as the feed gave it, offset and all; "" not checked
	}{
		{prefix: "feeds/the-kestrel-post/2026-02-10-millbrook-bridge-closed-after-flood-", title: "Millbrook bridge closed after flood",
			url: "/kestrel/news/bridge-closed.html", holds: "until the engineers tell us it is safe"},
		{prefix: "feeds/the-kestrel-post/2026-02-11-cafe-owners-count-the-cost-and-the-mud-", title: "Café owners count the cost — and the mud",
			url: "/kestrel/news/cafe-owners.html", holds: "the whole of February"},
		{prefix: "feeds/the-kestrel-post/2026-02-11-council-sets-out-repair-timetable-", title: "Council sets out repair timetable",
			url: "/kestrel/news/repair-timetable.html", holds: "new foundations", published: "2026-02-11T18:00:00-05:00"},
		{prefix: "feeds/harrow-valley-gazette/2026-02-11-paywalled-fire-service-counts-homes-lost-", title: "Paywalled: fire service counts homes lost",
			url: "/gazette/news/2026/02/11/homes-lost.html", fallback: "paywalled", holds: "Twelve families have lost everything"},
		{prefix: "feeds/radio-oakmere-news/2026-02-11-volunteers-fill-sandbags-", title: "Volunteers fill sandbags",
			url: "/oakmere/news/volunteers.html", fallback: "robots.txt", holds: "worked through the night"},
		{prefix: "feeds/millbrook-courier/2026-02-12-school-reopens-after-flood-", title: "School reopens after flood",
			url: "/courier/news/school-reopens.html", fallback: "HTTP 403", holds: "Carol Finch"},
		{prefix: "feeds/ashby-echo/2026-02-11-cafe-reopens-on-mill-road-", title: "Café reopens on Mill Road",
			url: "/ashby/news/cafe-reopens.html", holds: "“We couldn’t have done it without our neighbours,” said owner José Ferreira"},
	}
	for _, c := range checks {
		var path string
		for _, p := range paths {
			if strings.HasPrefix(p, c.prefix) {
				path = p
			}
		}
		if path == "" {
			t.Errorf("no article %s*", c.prefix)
			continue
		}
		l := arts[path]
		if l.Title != c.title || l.URL != fx.web.URL+c.url || !strings.Contains(l.Fallback, c.fallback) {
			t.Errorf("%s: title %q url %q fallback %q; want %q %q %q", path, l.Title, l.URL, l.Fallback, c.title, fx.web.URL+c.url, c.fallback)
		}
		docs, skips, err := corpus.ReadFile(ctx, os.DirFS(fx.dir), path)
		if err != nil || len(skips) > 0 || len(docs) != 1 {
			t.Errorf("%s: corpus reads %d articles, %v, %v", path, len(docs), skips, err)
			continue
		}
		if got := docs[0].Published.Format(time.RFC3339); c.published != "" && (l.Published != c.published || got != c.published) {
			t.Errorf("%s: published %q, read as %q; want %q as the feed gave it", path, l.Published, got, c.published)
		}
		a := corpus.Clean(docs[0], nil)
		if a.Outlet != l.Source || a.OutletFrom != corpus.OutletFromMetadata {
			t.Errorf("%s: outlet %q from %s, want %q from the feed", path, a.Outlet, a.OutletFrom, l.Source)
		}
		if !strings.Contains(a.Text, c.holds) {
			t.Errorf("%s: text %q does not hold %q", path, a.Text, c.holds)
		}
		if fromFeed := c.fallback != ""; fromFeed != (a.TruncatedBy == corpus.TruncatedByFeed) {
			t.Errorf("%s: truncated by %q; from the feed %v", path, a.TruncatedBy, fromFeed)
		}
		if c.fallback == "" && l.HTML == "" {
			t.Errorf("%s: the raw page was not kept", path)
		}
	}

	// A second pass at once: every feed answers 304, no page is fetched.
	pages := fx.web.Hits("/kestrel/news/bridge-closed.html")
	fx.clock.Advance(15 * time.Minute)
	results, err = fx.poller.Poll(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 5 {
		t.Fatalf("%d feeds due after 15 minutes, want 5", len(results))
	}
	for _, r := range results {
		if !r.NotModified || r.New != 0 {
			t.Errorf("%s: second pass not-modified %v new %d; want a 304 and nothing new", r.Feed.Name, r.NotModified, r.New)
		}
	}
	if fx.web.Hits("/kestrel/news/bridge-closed.html") != pages {
		t.Error("a page taken in before was fetched again")
	}

	// Not due yet: nothing is fetched.
	results, err = fx.poller.Poll(ctx, false, nil)
	if err != nil || len(results) != 0 {
		t.Fatalf("Poll right after a pass fetched %d feeds, %v; want none due", len(results), err)
	}

	// The outlet publishes: only the new item's page is fetched.
	fx.web.mu.Lock()
	fx.web.edit = func(name string, body []byte) []byte {
		if name != "kestrel/feed.xml" {
			return body
		}
		return bytes.Replace(body, []byte("<item>"), []byte(`<item><title>Temporary footbridge opens</title>
<link>/kestrel/news/footbridge.html</link><guid>kestrel-1004</guid>
<pubDate>Thu, 12 Feb 2026 08:00:00 GMT</pubDate></item>
<item>`), 1)
	}
	fx.web.mu.Unlock()
	fx.clock.Advance(15 * time.Minute)
	results, err = fx.poller.Poll(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		wantNew := 0
		if r.Feed.Name == "The Kestrel Post" {
			wantNew = 1
		}
		if r.New != wantNew || r.Err != nil {
			t.Errorf("%s: %d new, %v; want %d", r.Feed.Name, r.New, r.Err, wantNew)
		}
	}
	if fx.web.Hits("/kestrel/news/bridge-closed.html") != pages {
		t.Error("a page taken in before was fetched again")
	}
	if n := len(fx.articles(t)); n != 10 {
		t.Errorf("%d articles after the new item, want 10", n)
	}

	// The same text under a new url and id is the same article (content
	// hash), within one outlet's feed.
	fx.web.mu.Lock()
	fx.web.edit = func(name string, body []byte) []byte {
		if name != "kestrel/feed.xml" {
			return body
		}
		return bytes.Replace(body, []byte("<item>"), []byte(`<item><title>Repair timetable (print edition)</title>
<link>/kestrel/news/repair-timetable.html?edition=print</link><guid>kestrel-1005</guid>
<pubDate>Thu, 12 Feb 2026 10:00:00 GMT</pubDate></item>
<item>`), 1)
	}
	fx.web.mu.Unlock()
	fx.clock.Advance(15 * time.Minute)
	r := fx.poller.Fetch(ctx, mustFeed(t, fx.store, "The Kestrel Post"))
	if r.Err != nil || r.New != 0 || r.Seen != 5 { // the footbridge item has left the feed; four old, one copy
		t.Errorf("same text, new url: %+v; want nothing new", r)
	}
}

func mustFeed(t *testing.T, s Store, name string) Source {
	t.Helper()
	feeds, err := s.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no feed %q", name)
	return Source{}
}

func TestAddAndPollNewsSitemap(t *testing.T) {
	fx := newPollFixture(t)
	// The home page announces no feed: robots.txt's Sitemap line leads to a
	// sitemap index, whose newest sitemap (gzipped) is a Google News one;
	// the oldest is gone (404) and does not matter.
	src := fx.add(t, "/sitemapped/", "")
	if src.URL != fx.web.URL+"/sitemap.xml" || src.Name != "The Kestrel Post" {
		t.Fatalf("added %q as %q", src.URL, src.Name)
	}
	r := fx.poller.Fetch(context.Background(), src)
	if r.Err != nil || r.Items != 2 || r.New != 2 {
		t.Fatalf("sitemap pass: %+v", r)
	}
	if fx.web.Hits("/kestrel/news-sitemap.xml.gz") != 2 || fx.web.Hits("/kestrel/news/footbridge.html") != 1 {
		t.Errorf("sitemap fetched %d times, page %d", fx.web.Hits("/kestrel/news-sitemap.xml.gz"), fx.web.Hits("/kestrel/news/footbridge.html"))
	}
	var titles []string
	for _, l := range fx.articles(t) {
		titles = append(titles, l.Title+" "+l.Published)
	}
	sort.Strings(titles)
	if got := strings.Join(titles, "; "); got != "Council sets out repair timetable 2026-02-11T23:00:00Z; Temporary footbridge opens 2026-02-12T08:00:00Z" {
		t.Errorf("articles: %s", got)
	}
}

func TestPollCrashBetweenWriteAndRecord(t *testing.T) {
	fx := newPollFixture(t)
	ctx := context.Background()
	src := fx.add(t, "/kestrel/feed.xml", "")
	// As if killed after the first article file was written, before its
	// ids were recorded: the pass stops there.
	fx.store.markSeen = func(string, []string) error { return errors.New("killed") }
	r := fx.poller.Fetch(ctx, src)
	if !errors.Is(r.Err, ErrStore) || r.New != 0 {
		t.Fatalf("crashed pass: %+v", r)
	}
	if got := fx.articles(t); len(got) != 1 {
		t.Fatalf("%d files written before the crash, want 1", len(got))
	}
	first := fx.web.Hits("/kestrel/news/bridge-closed.html")
	if first != 1 {
		t.Fatalf("the first page was fetched %d times", first)
	}

	// The restart: the feed's validators were not saved (items were left),
	// so the feed is read again; the file is found and recorded without
	// fetching its page again, and the rest are taken in.
	fx.store.markSeen = nil
	feeds, _ := fx.store.Feeds(ctx)
	if feeds[0].ETag != "" {
		t.Fatal("validators saved although items were left over")
	}
	r = fx.poller.Fetch(ctx, feeds[0])
	if r.Err != nil || r.New != 2 || r.Seen != 2 || r.Retry != 0 {
		t.Fatalf("pass after the crash: %+v; want 2 new (fetched), 2 seen (the file found, counted by the pass that wrote it, and the shared copy)", r)
	}
	if n := fx.web.Hits("/kestrel/news/bridge-closed.html"); n != 1 {
		t.Errorf("the page written before the crash was fetched %d times, want once", n)
	}
	if got := fx.articles(t); len(got) != 3 {
		t.Errorf("%d files after the restart, want 3", len(got))
	}
	if r.Feed.ETag == "" {
		t.Error("validators not saved after a complete pass")
	}
	// And once more: everything is recorded, the feed answers 304.
	r = fx.poller.Fetch(ctx, r.Feed)
	if !r.NotModified || r.New != 0 {
		t.Errorf("third pass: %+v, want a 304", r)
	}
}

// TestPollFileAlreadyThereIsNotNew: an item whose article is already on
// disk (the same feed removed and added again, or a second feed of the
// outlet repeating it) is recorded without being fetched and counted as
// seen, not as a new article: nothing was written.
func TestPollFileAlreadyThereIsNotNew(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		again func(t *testing.T, fx *pollFixture) Source
	}{
		{"removed and added again", func(t *testing.T, fx *pollFixture) Source {
			if _, err := fx.store.RemoveFeed(ctx, fx.web.URL+"/kestrel/feed.xml"); err != nil {
				t.Fatal(err)
			}
			return fx.add(t, "/kestrel/feed.xml", "")
		}},
		// /chain/0 serves the Kestrel feed under another url
		{"a second feed of the outlet", func(t *testing.T, fx *pollFixture) Source { return fx.add(t, "/chain/0", "The Kestrel Post") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newPollFixture(t)
			if r := fx.poller.Fetch(ctx, fx.add(t, "/kestrel/feed.xml", "")); r.Err != nil || r.New != 3 {
				t.Fatalf("first pass: %+v", r)
			}
			pages := fx.web.Hits("/kestrel/news/bridge-closed.html")
			r := fx.poller.Fetch(ctx, tt.again(t, fx))
			if r.Err != nil || r.New != 0 || r.Seen != 4 {
				t.Errorf("pass finding every article on disk: %d new, %d seen, %v; want 0 new, 4 seen", r.New, r.Seen, r.Err)
			}
			if n := len(fx.articles(t)); n != 3 {
				t.Errorf("%d article files, want the 3 written once", n)
			}
			if fx.web.Hits("/kestrel/news/bridge-closed.html") != pages {
				t.Error("a page already on disk was fetched again")
			}
		})
	}
}

func TestPollFailures(t *testing.T) {
	fx := newPollFixture(t)
	ctx := context.Background()
	now := fx.clock.Now()
	src := Source{URL: fx.web.URL + "/down/feed.xml", Name: "Down Daily", Added: now, NextDue: now}
	var waits []time.Duration
	for range 4 {
		r := fx.poller.Fetch(ctx, src)
		var se *StatusError
		if !errors.As(r.Err, &se) || se.Status != 500 {
			t.Fatalf("err = %v, want HTTP 500", r.Err)
		}
		src = r.Feed
		waits = append(waits, src.NextDue.Sub(fx.clock.Now()))
	}
	if got := fmt.Sprint(waits); got != "[15m0s 30m0s 1h0m0s 2h0m0s]" {
		t.Errorf("waits after 1..4 failures %s, want the interval doubling", got)
	}
	h := src.Health(fx.clock.Now())
	if !h.Failing || src.Failures != 4 || !strings.Contains(h.Text, "failing 4 times since 2026-02-12 09:00 UTC: GET ") || !strings.Contains(h.Text, "HTTP 500") {
		t.Errorf("health %+v after 4 failures", h)
	}

	// A feed's own interval replaces the poller's, for the next fetch and
	// the backoff alike.
	hourly := Source{URL: fx.web.URL + "/down/feed.xml", Name: "Hourly", Interval: time.Hour}
	r1 := fx.poller.Fetch(ctx, hourly)
	r2 := fx.poller.Fetch(ctx, r1.Feed)
	if d := r2.Feed.NextDue.Sub(fx.clock.Now()); d != 2*time.Hour {
		t.Errorf("hourly feed failing twice: next due in %s, want 2h", d)
	}
	fx.clock.Advance(time.Hour)
	ok := fx.poller.Fetch(ctx, Source{URL: fx.web.URL + "/kestrel/feed.xml", Name: "Hourly", Interval: time.Hour})
	if d := ok.Feed.NextDue.Sub(ok.Feed.LastSuccess); d != time.Hour {
		t.Errorf("hourly feed: next due in %s, want 1h", d)
	}

	// Retry-After longer than the backoff wins.
	closed := fx.poller.Fetch(ctx, Source{URL: fx.web.URL + "/closed/feed.xml", Name: "Closed"})
	if d := closed.Feed.NextDue.Sub(fx.clock.Now()); d != time.Hour {
		t.Errorf("next due in %s after Retry-After: 3600, want 1h", d)
	}
	// ... and a site asking to wait is no failure of the feed: one time
	// to tell, the site's
	if !closed.Waiting || closed.Err != nil || closed.Feed.Failures != 0 || !closed.Feed.WaitAsked.Equal(closed.Feed.NextDue) {
		t.Errorf("after a 429 with Retry-After: waiting %v, err %v, %d failures, wait asked %v, next due %v", closed.Waiting, closed.Err, closed.Feed.Failures, closed.Feed.WaitAsked, closed.Feed.NextDue)
	}
	// ... and holds a fetch asked for by hand within it (a new run of
	// feeds fetch starts with a new fetcher): no request, no failure.
	fx.clock.Advance(time.Minute)
	fresh, err := NewPoller(PollerConfig{Store: fx.store, Fetcher: newTestFetcher(t, fx.clock, nil), Agent: "CoverageBot", Corpus: fx.dir})
	if err != nil {
		t.Fatal(err)
	}
	again := fresh.Fetch(ctx, closed.Feed)
	if !again.Waiting || again.Err != nil || again.Feed.Failures != closed.Feed.Failures {
		t.Errorf("a fetch within the site's Retry-After: waiting %v, err %v, %d failures (before %d)", again.Waiting, again.Err, again.Feed.Failures, closed.Feed.Failures)
	}
	fx.clock.Advance(-time.Minute)

	// Recovery clears the failures (once the host's hour is over: the news
	// web is one host).
	fx.clock.Advance(time.Hour)
	src.URL = fx.web.URL + "/kestrel/feed.xml"
	r := fx.poller.Fetch(ctx, src)
	if r.Err != nil || r.Feed.Failures != 0 || r.Feed.Health(fx.clock.Now()).Failing {
		t.Errorf("after recovery: %v, %d failures", r.Err, r.Feed.Failures)
	}
	if r.Before.Failures != 4 || r.Before.FailingSince.IsZero() {
		t.Errorf("the result's Before has %d failures since %v, want 4 since the first", r.Before.Failures, r.Before.FailingSince)
	}
}

func TestPollSilence(t *testing.T) {
	fx := newPollFixture(t)
	ctx := context.Background()
	src := fx.add(t, "/kestrel/feed.xml", "")
	r := fx.poller.Fetch(ctx, src)
	if r.Feed.Silent {
		t.Fatalf("a feed whose newest item is a day old is silent: %+v", r.Feed)
	}
	// Weeks later, the same items: silent, once.
	fx.clock.Advance(21 * 24 * time.Hour)
	r = fx.poller.Fetch(ctx, r.Feed)
	if !r.Feed.Silent || r.Before.Silent {
		t.Errorf("three weeks on: silent %v (before %v), want it to fall silent now", r.Feed.Silent, r.Before.Silent)
	}
	r = fx.poller.Fetch(ctx, r.Feed)
	if !r.Feed.Silent || !r.Before.Silent {
		t.Errorf("next pass: silent %v (before %v), want still silent", r.Feed.Silent, r.Before.Silent)
	}
}

func TestHealth(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		src  Source
		want string
	}{
		{"new", Source{}, "not fetched yet"},
		{"fine", Source{LastSuccess: now, Latest: now.Add(-time.Hour), Rhythm: time.Hour}, "ok"},
		{"one failure", Source{LastSuccess: now, Failures: 1, LastError: "HTTP 502"}, "ok (last fetch failed: HTTP 502)"},
		{"failing", Source{Failures: 3, FailingSince: now.Add(-3 * time.Hour), LastError: "HTTP 404"}, "failing 3 times since 2026-03-01 09:00 UTC: HTTP 404"},
		{"silent daily feed", Source{LastSuccess: now, Latest: now.Add(-5 * 24 * time.Hour), Rhythm: 24 * time.Hour}, "silent: newest item 2026-02-24 12:00 UTC"},
		{"weekly feed, quiet 5 days", Source{LastSuccess: now, Latest: now.Add(-5 * 24 * time.Hour), Rhythm: 7 * 24 * time.Hour}, "ok"},
		{"hourly feed, quiet a day", Source{LastSuccess: now, Latest: now.Add(-24 * time.Hour), Rhythm: time.Hour}, "ok"},
		{"a page failing", Source{LastSuccess: now, PagesFailing: 1, PageError: "https://a.example/8: HTTP 500"}, "an item's page failing: https://a.example/8: HTTP 500"},
		{"silent, a page failing", Source{LastSuccess: now, Latest: now.Add(-5 * 24 * time.Hour), Rhythm: 24 * time.Hour, PagesFailing: 1, PageError: "https://a.example/8: HTTP 500"},
			"silent: newest item 2026-02-24 12:00 UTC; an item's page failing: https://a.example/8: HTTP 500"},
		{"pages failing", Source{LastSuccess: now, PagesFailing: 3, PageError: "https://a.example/8: HTTP 500"}, "3 items' pages failing, the first: https://a.example/8: HTTP 500"},
	}
	for _, tt := range tests {
		if got := tt.src.Health(now).Text; got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestURLKey(t *testing.T) {
	same := [][]string{
		{"https://www.kestrelpost.example/news/story.html", "http://kestrelpost.example/news/story.html?utm_source=rss&utm_medium=feed",
			"https://kestrelpost.example/news/story.html?fbclid=IwAR0#comments", "https://amp.kestrelpost.example/news/story.html",
			"https://kestrelpost.example/amp/news/story.html", "https://m.kestrelpost.example/news/story.html/",
			"https://kestrelpost.example/news/story.amp.html", "https://kestrelpost.example/news/story.html?outputType=amp"},
		{"https://gazette.example/a?id=2&page=1", "https://gazette.example/a?page=1&id=2&gclid=x"},
	}
	for _, group := range same {
		for _, u := range group[1:] {
			if urlKey(u) != urlKey(group[0]) {
				t.Errorf("urlKey(%s) = %s, want %s", u, urlKey(u), urlKey(group[0]))
			}
		}
	}
	if urlKey("https://gazette.example/a?id=2") == urlKey("https://gazette.example/a?id=3") {
		t.Error("two articles told apart by their query share a key")
	}
	if got, want := CleanURL("https://kestrelpost.example/n/s.html?id=7&utm_source=rss&fbclid=x#top"), "https://kestrelpost.example/n/s.html?id=7"; got != want {
		t.Errorf("CleanURL = %s, want %s", got, want)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"The Kestrel Post", 48, "the-kestrel-post"},
		{"Café owners count the cost — and the mud", 60, "cafe-owners-count-the-cost-and-the-mud"},
		{"  ...  ", 10, "item"},
		{"Über-long headline that goes on", 10, "uber-long"},
		{"../../etc/passwd", 48, "etc-passwd"},
		{"Газета Правда", 48, "газета-правда"},
		{"日本新聞", 48, "日本新聞"},
		{"日本新聞", 7, "日本"},
		{"../..", 48, "item"},
		{"दैनिक भास्कर", 48, "दैनिक-भास्कर"},
	}
	for _, tt := range tests {
		if got := slug(tt.in, tt.n); got != tt.want {
			t.Errorf("slug(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestPollCutShortIsDueAtOnce(t *testing.T) {
	fx := newPollFixture(t)
	src := fx.add(t, "/kestrel/feed.xml", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Shutdown arrives once the first article is recorded.
	fx.store.afterMark = cancel
	r := fx.poller.Fetch(ctx, src)
	if r.New != 1 {
		t.Fatalf("cut-short pass: %+v, want 1 new", r)
	}
	if r.Feed.NextDue.After(fx.clock.Now()) || r.Feed.ETag != "" {
		t.Errorf("cut-short pass: next due %v (now %v), etag %q; want due at once, no validators", r.Feed.NextDue, fx.clock.Now(), r.Feed.ETag)
	}
	fx.store.afterMark = nil
	r = fx.poller.Fetch(context.Background(), r.Feed)
	if r.New != 2 || r.Seen != 2 {
		t.Errorf("the pass after: %+v, want the 2 left and the 2 seen", r)
	}
}

// TestPollPageFailingTakesFeedText: an item whose page fails pass after
// pass (a 5xx) is taken in from the feed's own text on the third, not
// fetched again for ever.
func TestPollPageFailingTakesFeedText(t *testing.T) {
	fx := newPollFixture(t)
	ctx := context.Background()
	src := fx.add(t, "/failing-page/feed.xml", "")
	for pass := 1; pass <= maxPageFailures; pass++ {
		r := fx.poller.Fetch(ctx, src)
		src = r.Feed
		last := pass == maxPageFailures
		if r.Err != nil || !last && (r.Retry != 1 || r.New != 0) || last && (r.New != 1 || r.FromFeed != 1 || r.Retry != 0) {
			t.Fatalf("pass %d: %+v", pass, r)
		}
		// Until then the page is named, with why, how many passes failed
		// and what comes next, and the feed needs a look.
		h := r.Feed.Health(fx.clock.Now())
		if last {
			if len(r.Pages) != 0 || h.PagesFailing || r.Feed.PagesFailing != 0 || strings.Contains(h.Text, "page") {
				t.Errorf("pass %d: pages %v, health %+v; want none failing, ok", pass, r.Pages, h)
			}
		} else {
			want := fmt.Sprintf("%s/failing-page/ferry.html: HTTP 502 Bad Gateway; tried %d times since 2026-02-12 09:00 UTC; the feed's own text is used after 3 failed passes over at least an hour", fx.web.URL, pass)
			want = strings.Replace(want, "tried 1 times", "tried 1 time", 1)
			if len(r.Pages) != 1 || r.Pages[0].String() != want || r.Pages[0].Tries != pass {
				t.Errorf("pass %d: pages %v, want %q", pass, r.Pages, want)
			}
			if !h.PagesFailing || !h.NeedsLook() || !strings.HasSuffix(h.Text, "an item's page failing: "+want) {
				t.Errorf("pass %d: health %+v, want the feed flagged, naming the page", pass, h)
			}
		}
		fx.clock.Advance(time.Hour)
	}
	arts := fx.articles(t)
	if len(arts) != 1 {
		t.Fatalf("%d articles written, want the item's one", len(arts))
	}
	for _, l := range arts {
		if l.TruncatedBy != "feed" || !strings.Contains(l.Text, "Frobnitz ferry") || !strings.Contains(l.Fallback, "failed 3 passes") {
			t.Errorf("article %+v, want the feed's text, marked so, saying why", l)
		}
	}
	if r := fx.poller.Fetch(ctx, src); r.New != 0 || r.Retry != 0 {
		t.Errorf("a pass after: %+v, want the item taken in already", r)
	}
}

// TestPollPageRateLimitedIsNoFailure: a page whose site asks to wait
// (429, Retry-After) is asked again later, however many passes that
// takes; it never counts toward taking the feed's text instead.
func TestPollPageRateLimitedIsNoFailure(t *testing.T) {
	fx := newPollFixture(t)
	ctx := context.Background()
	src := fx.add(t, "/rate-limited/feed.xml", "")
	for pass := 1; pass <= 2*maxPageFailures; pass++ {
		r := fx.poller.Fetch(ctx, src)
		src = r.Feed
		if r.New != 0 || r.Retry != 1 {
			t.Fatalf("pass %d: %+v, want the item left for the next pass", pass, r)
		}
		// named, but not a failure: the feed needs no look
		if len(r.Pages) != 1 || r.Pages[0].Tries != 0 || !strings.Contains(r.Pages[0].String(), "/rate-limited/page.html: HTTP 429 Too Many Requests; its site asked to wait") ||
			r.Feed.Health(fx.clock.Now()).PagesFailing {
			t.Errorf("pass %d: pages %v, health %+v; want the page named as asked to wait, the feed ok", pass, r.Pages, r.Feed.Health(fx.clock.Now()))
		}
		fx.clock.Advance(time.Hour)
	}
	if n := len(fx.articles(t)); n != 0 {
		t.Errorf("%d articles written from a page that only asked to wait", n)
	}
}

// TestPollHugeItemIsCut: an item with more text than one article may
// hold (and no page to read instead) is written cut at its last whole
// sentence within the limit and marked so, not dropped as "without any
// text" and recorded as seen.
func TestPollHugeItemIsCut(t *testing.T) {
	fx := newPollFixture(t)
	// the feed is 1.7 MB: within what a real fetcher takes (5 MB)
	p, err := NewPoller(PollerConfig{Store: fx.store, Agent: "CoverageBot", Corpus: fx.dir,
		Fetcher: newTestFetcher(t, fx.clock, func(o *Options) { o.MaxBytes = 5 << 20 })})
	if err != nil {
		t.Fatal(err)
	}
	fx.poller = p
	ctx := context.Background()
	src := fx.add(t, "/huge-item/feed.xml", "")
	r := fx.poller.Fetch(ctx, src)
	if r.Err != nil || r.New != 1 || r.FromFeed != 1 || r.Empty != 0 || r.Retry != 0 {
		t.Fatalf("pass: %+v, want the item written from the feed's text", r)
	}
	arts := fx.articles(t)
	if len(arts) != 1 {
		t.Fatalf("%d articles written, want the item's one", len(arts))
	}
	for path, l := range arts {
		if l.TruncatedBy != corpus.TruncatedByTooLong || len(l.Text) > corpus.MaxArticleSize || len(l.Text) < corpus.MaxArticleSize-100 ||
			!strings.HasSuffix(l.Text, "near Kells.") || !strings.Contains(l.Fallback, "HTTP 404") {
			t.Errorf("article: %d bytes ending %q, truncated by %q, fallback %q; want the text cut after a sentence within %d bytes, marked %q",
				len(l.Text), l.Text[max(0, len(l.Text)-20):], l.TruncatedBy, l.Fallback, corpus.MaxArticleSize, corpus.TruncatedByTooLong)
		}
		// corpus reads it as an article cut short, and says why
		docs, skips, err := corpus.ReadFile(ctx, os.DirFS(fx.dir), path)
		if err != nil || len(docs) != 1 || len(skips) != 0 {
			t.Fatalf("corpus reads %s as %d articles, skips %v, err %v", path, len(docs), skips, err)
		}
		if a := corpus.Clean(docs[0], nil); !a.Truncated || a.TruncatedBy != corpus.TruncatedByTooLong {
			t.Errorf("article truncated %v by %q, want cut short as too long", a.Truncated, a.TruncatedBy)
		}
	}
	if r := fx.poller.Fetch(ctx, r.Feed); r.New != 0 || r.Retry != 0 || r.Seen != 1 {
		t.Errorf("a pass after: %+v, want the item taken in already", r)
	}
}

// TestReadLineRefusalIsNoEmptiness: a line corpus refuses is an error
// saying why, not a line without text; only a line whose text cleaning
// leaves nothing of reads as empty.
func TestReadLineRefusalIsNoEmptiness(t *testing.T) {
	ctx := context.Background()
	huge := &line{Source: "Huge Herald", Text: strings.Repeat("The river rose again. ", corpus.MaxArticleSize/20)}
	var refused *refusedError
	if text, _, err := readLine(ctx, huge); !errors.As(err, &refused) || !strings.Contains(refused.reason, "too large") || text != "" {
		t.Errorf("readLine(%d bytes of text) = %q, %v; want a refusal saying too large", len(huge.Text), text, err)
	}
	fine := &line{Source: "Huge Herald", Text: "The river rose again overnight near Kells."}
	if text, _, err := readLine(ctx, fine); err != nil || text != fine.Text {
		t.Errorf("readLine(a sentence) = %q, %v; want the sentence", text, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := readLine(cancelled, fine); !errors.Is(err, context.Canceled) {
		t.Errorf("readLine after shutdown: %v, want context.Canceled, not an empty line", err)
	}
}

// TestPollGUIDIsTheFeedsOwn: a GUID that is no url ("1") names an item
// within its feed only. Two outlets' linkless items both numbered 1 and 2
// are four articles; and an article written by the version before ids were
// scoped by feed is still found by its own feed added again, not written
// twice.
func TestPollGUIDIsTheFeedsOwn(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		before    func(t *testing.T, fx *pollFixture)
		path      string
		new, seen int
		files     int
	}{
		{"another outlet numbering from 1", func(t *testing.T, fx *pollFixture) {
			if r := fx.poller.Fetch(ctx, fx.add(t, "/nl/one.xml", "")); r.Err != nil || r.New != 2 {
				t.Fatalf("the first outlet's pass: %d new, %v", r.New, r.Err)
			}
		}, "/nl/two.xml", 2, 0, 4},
		{"its own article from before the upgrade", func(t *testing.T, fx *pollFixture) {
			// as the previous version named item 1's file: the hash of
			// "g:1" alone; the feed was since removed, its store forgotten
			l, _ := json.Marshal(line{Source: "Linkless Ledger", Feed: fx.web.URL + "/nl/one.xml", GUID: "1", Title: "Ferry timetable changes",
				Text: "The Frobnitz ferry will leave Kells at seven and at nine from Monday.", TruncatedBy: "feed"})
			if err := writeAtomic(OutletDir(fx.dir, "Linkless Ledger"), "2026-02-10-ferry-timetable-changes-"+shortHash("g:1", 12)+".jsonl", append(l, '\n')); err != nil {
				t.Fatal(err)
			}
		}, "/nl/one.xml", 1, 1, 2},
		{"its own article from before the upgrade, its feed spelled otherwise", func(t *testing.T, fx *pollFixture) {
			l, _ := json.Marshal(line{Source: "Linkless Ledger", Feed: fx.web.URL + "/nl/./one.xml?utm_source=rss#top", GUID: "1", Title: "Ferry timetable changes",
				Text: "The Frobnitz ferry will leave Kells at seven and at nine from Monday.", TruncatedBy: "feed"})
			if err := writeAtomic(OutletDir(fx.dir, "Linkless Ledger"), "2026-02-10-ferry-timetable-changes-"+shortHash("g:1", 12)+".jsonl", append(l, '\n')); err != nil {
				t.Fatal(err)
			}
		}, "/nl/one.xml", 1, 1, 2},
		{"its own articles, the feed followed before under another spelling", func(t *testing.T, fx *pollFixture) {
			// as a version before urls were normalised kept the feed
			old := Source{URL: fx.web.URL + "/nl/one.xml?utm_source=rss", Name: "Linkless Ledger", Added: fx.clock.Now()}
			if err := fx.store.PutFeed(ctx, old); err != nil {
				t.Fatal(err)
			}
			if r := fx.poller.Fetch(ctx, old); r.Err != nil || r.New != 2 {
				t.Fatalf("the pass under the old spelling: %d new, %v", r.New, r.Err)
			}
			if _, err := fx.store.RemoveFeed(ctx, old.URL); err != nil {
				t.Fatal(err)
			}
		}, "/nl/one.xml", 0, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newPollFixture(t)
			tt.before(t, fx)
			r := fx.poller.Fetch(ctx, fx.add(t, tt.path, ""))
			if r.Err != nil || r.Items != 2 || r.New != tt.new || r.Seen != tt.seen {
				t.Errorf("pass: %d items, %d new, %d seen, %v; want %d new, %d seen", r.Items, r.New, r.Seen, r.Err, tt.new, tt.seen)
			}
			if n := len(fx.articles(t)); n != tt.files {
				t.Errorf("%d article files, want %d", n, tt.files)
			}
		})
	}
}

// TestPollItemsSharingALink: items that share one link (a live page's
// posts) under GUIDs or fragments of their own, with texts of their own,
// are each taken in from their own text, not dropped as seen after the
// first; and each is known as itself on the next pass.
func TestPollItemsSharingALink(t *testing.T) {
	ctx := context.Background()
	noGUIDs := func(name string, body []byte) []byte {
		if name != "samelink/feed-fragments.xml" {
			return body
		}
		return regexp.MustCompile(`<guid[^>]*>[^<]*</guid>`).ReplaceAll(body, nil)
	}
	tests := []struct {
		name, path string
		edit       func(name string, body []byte) []byte
	}{
		{"one link, three GUIDs", "/samelink/feed.xml", nil},
		{"one page, three fragments and GUIDs", "/samelink/feed-fragments.xml", nil},
		{"one page, three fragments, no GUIDs", "/samelink/feed-fragments.xml", noGUIDs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newPollFixture(t)
			fx.web.mu.Lock()
			fx.web.edit = tt.edit
			fx.web.mu.Unlock()
			src := fx.add(t, tt.path, "")
			r := fx.poller.Fetch(ctx, src)
			if r.Err != nil || r.Items != 3 || r.New != 3 || r.FromFeed != 3 {
				t.Fatalf("pass: %d items, %d new (%d from the feed), %d seen, %v; want 3 new from the feed", r.Items, r.New, r.FromFeed, r.Seen, r.Err)
			}
			texts := map[string]bool{}
			for path, l := range fx.articles(t) {
				texts[l.Text] = true
				if !strings.Contains(l.Text, "Monday") || l.TruncatedBy != corpus.TruncatedByFeed || !strings.Contains(l.Fallback, "link of 3 items") {
					t.Errorf("%s: text %q, truncated by %q, fallback %q; want its own text, from the feed, saying why", path, l.Text, l.TruncatedBy, l.Fallback)
				}
			}
			if len(texts) != 3 {
				t.Errorf("%d different texts written, want each item's own", len(texts))
			}
			// Read again in full (no 304): each item is known as itself.
			again := r.Feed
			again.ETag, again.LastModified = "", ""
			if r := fx.poller.Fetch(ctx, again); r.New != 0 || r.Seen != 3 {
				t.Errorf("the pass after: %d new, %d seen; want the 3 seen", r.New, r.Seen)
			}
		})
	}
}

// TestAddFollowedUnderAnotherSpelling: a feed is followed once, however
// its url is spelled: with a fragment, tracking parameters, dot segments,
// another case, or a url that redirects to it.
func TestAddFollowedUnderAnotherSpelling(t *testing.T) {
	fx := newPollFixture(t)
	ctx := context.Background()
	kestrel := fx.add(t, "/kestrel/feed.xml", "")
	host := strings.TrimPrefix(fx.web.URL, "http://")
	for _, raw := range []string{
		fx.web.URL + "/kestrel/feed.xml#x",
		fx.web.URL + "/kestrel/feed.xml?utm_source=tw",
		fx.web.URL + "/kestrel/feed.xml?fbclid=IwAR0&gclid=x",
		fx.web.URL + "/./kestrel/feed.xml",
		fx.web.URL + "/gazette/../kestrel/feed.xml",
		"HTTP://" + host + "/kestrel/feed.xml",
		fx.web.URL + "/moved/feed.xml", // redirects to it
	} {
		s, err := fx.poller.Add(ctx, raw, "")
		if !errors.Is(err, ErrFollowed) || s.URL != kestrel.URL || !strings.Contains(err.Error(), `as "The Kestrel Post"`) {
			t.Errorf("Add(%s) = %q, %v; want it followed already as The Kestrel Post", raw, s.URL, err)
		}
	}
	// The url kept is the plain one, and what chooses another feed stays.
	src, err := fx.poller.Add(ctx, fx.web.URL+"/gazette/feed.atom?utm_campaign=x&cid=2#top", "")
	if err != nil || src.URL != fx.web.URL+"/gazette/feed.atom?cid=2" {
		t.Fatalf("Add = %q, %v; want it followed under its url without tracking or fragment", src.URL, err)
	}
	if _, err := fx.poller.Add(ctx, fx.web.URL+"/gazette/feed.atom?cid=3", ""); err != nil {
		t.Errorf("another cid, another feed: %v", err)
	}
	if got := len(mustFeeds(t, fx.store)); got != 3 {
		t.Errorf("%d feeds followed, want 3", got)
	}
}

func TestNormalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://Gazette.EXAMPLE:443/a/./b/../feed.xml?utm_source=x&id=2#top", "https://gazette.example/a/feed.xml?id=2"},
		{"http://gazette.example:80", "http://gazette.example/"},
		{"http://gazette.example:8080/feed/", "http://gazette.example:8080/feed/"},
		{"https://gazette.example/feed?ref=rss&cid=4", "https://gazette.example/feed?ref=rss&cid=4"},
		{" not a url ", "not a url"},
	}
	for _, tt := range tests {
		if got := NormalURL(tt.in); got != tt.want {
			t.Errorf("NormalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func mustFeeds(t *testing.T, s Store) []Source {
	t.Helper()
	feeds, err := s.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return feeds
}
