package feedtest

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus/feed"
)

// TestStore is the contract every feed.Store must pass. open returns an
// empty store; reopen, when not nil, closes the store it is given and opens
// the same one again, to check that what was saved is kept.
func TestStore(t *testing.T, open func(t *testing.T) feed.Store, reopen func(t *testing.T, s feed.Store) feed.Store) {
	ctx := context.Background()
	at := time.Date(2026, 2, 10, 12, 0, 0, 0, time.UTC)
	kestrel := feed.Source{URL: "https://kestrelpost.example/feed.xml", Name: "The Kestrel Post", ETag: `"abc"`,
		LastModified: "Tue, 10 Feb 2026 12:00:00 GMT", Added: at, LastSuccess: at.Add(time.Hour), LastNew: at.Add(time.Hour),
		Failures: 2, FailingSince: at.Add(2 * time.Hour), LastError: "HTTP 500", NextDue: at.Add(3 * time.Hour),
		WaitAsked: at.Add(150 * time.Minute), Latest: at.Add(-time.Hour), Rhythm: 90 * time.Minute, Interval: time.Hour, Silent: true,
		PagesFailing: 2, PageError: "https://kestrelpost.example/news/a: HTTP 500 Internal Server Error; tried 1 time"}
	gazette := feed.Source{URL: "https://gazette.example/atom", Name: "Harrow Valley Gazette", Added: at}

	t.Run("feeds", func(t *testing.T) {
		s := open(t)
		if got := mustFeeds(t, s); len(got) != 0 {
			t.Fatalf("a new store has feeds: %v", got)
		}
		for _, f := range []feed.Source{kestrel, gazette} {
			if err := s.PutFeed(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := mustFeeds(t, s), []feed.Source{gazette, kestrel}; !equalSources(got, want) {
			t.Fatalf("Feeds = %+v\nwant %+v (ordered by URL)", got, want)
		}
		changed := kestrel
		changed.Failures, changed.LastError, changed.FailingSince = 0, "", time.Time{}
		if err := s.PutFeed(ctx, changed); err != nil {
			t.Fatal(err)
		}
		if got, want := mustFeeds(t, s), []feed.Source{gazette, changed}; !equalSources(got, want) {
			t.Fatalf("after replacing: Feeds = %+v\nwant %+v", got, want)
		}
		if reopen != nil {
			s = reopen(t, s)
			if got, want := mustFeeds(t, s), []feed.Source{gazette, changed}; !equalSources(got, want) {
				t.Fatalf("after reopening: Feeds = %+v\nwant %+v", got, want)
			}
		}
		ok, err := s.RemoveFeed(ctx, kestrel.URL)
		if err != nil || !ok {
			t.Fatalf("RemoveFeed = %v, %v; want true", ok, err)
		}
		ok, err = s.RemoveFeed(ctx, kestrel.URL)
		if err != nil || ok {
			t.Fatalf("RemoveFeed again = %v, %v; want false", ok, err)
		}
		if got, want := mustFeeds(t, s), []feed.Source{gazette}; !equalSources(got, want) {
			t.Fatalf("after removing: Feeds = %+v\nwant %+v", got, want)
		}
	})

	t.Run("seen", func(t *testing.T) {
		s := open(t)
		for _, f := range []feed.Source{kestrel, gazette} {
			if err := s.PutFeed(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		ids := []string{"g:kestrel-1001", "u:https://kestrelpost.example/news/a", "h:0123"}
		mustSeen(t, s, kestrel.URL, ids, false)
		if err := s.MarkSeen(ctx, kestrel.URL, ids); err != nil {
			t.Fatal(err)
		}
		// Idempotent: a restart after a crash records the same ids again.
		if err := s.MarkSeen(ctx, kestrel.URL, ids[:2]); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			mustSeen(t, s, kestrel.URL, []string{"u:other", id}, true)
		}
		mustSeen(t, s, kestrel.URL, []string{"g:kestrel-1002"}, false)
		mustSeen(t, s, kestrel.URL, nil, false)
		// Seen ids are per feed: five outlets' copies of one wire story are
		// five articles.
		mustSeen(t, s, gazette.URL, ids, false)
		if reopen != nil {
			s = reopen(t, s)
			mustSeen(t, s, kestrel.URL, ids[2:], true)
		}
		if _, err := s.RemoveFeed(ctx, kestrel.URL); err != nil {
			t.Fatal(err)
		}
		mustSeen(t, s, kestrel.URL, ids, false)
	})

	t.Run("item failures", func(t *testing.T) {
		s := open(t)
		for _, f := range []feed.Source{kestrel, gazette} {
			if err := s.PutFeed(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		failed := func(url, id string, at time.Time, want int, wantFirst time.Time) {
			t.Helper()
			n, first, err := s.ItemFailed(ctx, url, id, at)
			if err != nil || n != want || !first.Equal(wantFirst) {
				t.Fatalf("ItemFailed(%s, %s) = %d since %v, %v; want %d since %v", url, id, n, first, err, want, wantFirst)
			}
		}
		// failures reads what failed recorded, without counting one more
		failures := func(url, id string, want int, wantFirst time.Time) {
			t.Helper()
			for range 2 {
				n, first, err := s.ItemFailures(ctx, url, id)
				if err != nil || n != want || !first.Equal(wantFirst) {
					t.Fatalf("ItemFailures(%s, %s) = %d since %v, %v; want %d since %v", url, id, n, first, err, want, wantFirst)
				}
			}
		}
		t1, t2 := at.Add(time.Hour), at.Add(2*time.Hour)
		failures(kestrel.URL, "g:kestrel-1001", 0, time.Time{})
		failures("https://unknown.example/feed", "g:1", 0, time.Time{})
		failed(kestrel.URL, "g:kestrel-1001", at, 1, at)
		failed(kestrel.URL, "g:kestrel-1001", t1, 2, at)
		failures(kestrel.URL, "g:kestrel-1001", 2, at)
		failed(kestrel.URL, "g:kestrel-1002", t1, 1, t1) // per item
		failed(gazette.URL, "g:kestrel-1001", t1, 1, t1) // per feed
		failures(gazette.URL, "g:kestrel-1002", 0, time.Time{})
		if reopen != nil {
			s = reopen(t, s)
		}
		failures(kestrel.URL, "g:kestrel-1001", 2, at)
		failed(kestrel.URL, "g:kestrel-1001", t2, 3, at) // kept
		if _, err := s.RemoveFeed(ctx, kestrel.URL); err != nil {
			t.Fatal(err)
		}
		failures(kestrel.URL, "g:kestrel-1001", 0, time.Time{})
		failed(kestrel.URL, "g:kestrel-1001", t2, 1, t2) // forgotten with the feed
	})

	t.Run("concurrent", func(t *testing.T) {
		s := open(t)
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				u := fmt.Sprintf("https://outlet%d.example/feed", i)
				if err := s.PutFeed(ctx, feed.Source{URL: u, Name: fmt.Sprint(i)}); err != nil {
					t.Error(err)
				}
				if err := s.MarkSeen(ctx, u, []string{"g:1", "g:2"}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if got := mustFeeds(t, s); len(got) != 8 {
			t.Fatalf("%d feeds after 8 concurrent adds", len(got))
		}
	})

	t.Run("cancelled", func(t *testing.T) {
		s := open(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.PutFeed(cctx, gazette); err == nil {
			t.Error("PutFeed with a cancelled context succeeded")
		}
		if _, err := s.Feeds(cctx); err == nil {
			t.Error("Feeds with a cancelled context succeeded")
		}
	})
}

func mustFeeds(t *testing.T, s feed.Store) []feed.Source {
	t.Helper()
	got, err := s.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func mustSeen(t *testing.T, s feed.Store, url string, ids []string, want bool) {
	t.Helper()
	got, err := s.Seen(context.Background(), url, ids)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Seen(%s, %q) = %v, want %v", url, ids, got, want)
	}
}

// equalSources compares feeds with times compared as instants, since a
// store may give back another location.
func equalSources(a, b []feed.Source) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		for _, p := range [][2]*time.Time{{&x.Added, &y.Added}, {&x.LastSuccess, &y.LastSuccess}, {&x.LastNew, &y.LastNew},
			{&x.FailingSince, &y.FailingSince}, {&x.NextDue, &y.NextDue}, {&x.WaitAsked, &y.WaitAsked}, {&x.Latest, &y.Latest}} {
			if !p[0].Equal(*p[1]) {
				return false
			}
			*p[0], *p[1] = time.Time{}, time.Time{}
		}
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}
