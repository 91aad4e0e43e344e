package search

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

// doneAfter is a context that is done from its n+1-th Err call on, so a
// test can stop work part way through without a clock.
type doneAfter struct {
	context.Context
	left  atomic.Int64
	calls atomic.Int64
}

func newDoneAfter(n int64) *doneAfter {
	c := &doneAfter{Context: context.Background()}
	c.left.Store(n)
	return c
}

func (c *doneAfter) Err() error {
	c.calls.Add(1)
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestStoriesStopsWhenCancelled: story grouping checks its context in
// every phase (preparing articles, linking pairs, building each story) and
// returns the context's error instead of stories.
func TestStoriesStopsWhenCancelled(t *testing.T) {
	arts := synthArticles(t, 200)
	want := mustStories(t, arts)
	count := newDoneAfter(1 << 40)
	if _, err := Stories(count, arts); err != nil {
		t.Fatal(err)
	}
	checks := count.calls.Load()
	if checks < int64(2*len(arts)) {
		t.Fatalf("grouping %d articles checked its context %d times: not in every phase", len(arts), checks)
	}
	for _, n := range []int64{0, 1, int64(len(arts)), int64(len(arts)) + 5, checks / 2, checks - 2, checks - 1, checks} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			got, err := Stories(newDoneAfter(n), arts)
			if n >= checks {
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Fatalf("not cancelled: err %v, %d stories, want the full %d", err, len(got), len(want))
				}
				return
			}
			if !errors.Is(err, context.Canceled) || got != nil {
				t.Fatalf("cancelled after %d of %d checks: err %v, %d stories; want context.Canceled and none", n, checks, err, len(got))
			}
		})
	}
}

// TestDigestBoundsArticlesNewestFirst: a digest groups at most its bound
// of articles, the newest first seen, and says how many it left out.
func TestDigestBoundsArticlesNewestFirst(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(ctx, filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.digestMax = 3
	article := func(n int, topic string) *fstest.MapFile {
		return &fstest.MapFile{Data: fmt.Appendf(nil, "---\nsource: Outlet %d\n---\nThe council in Millbrook voted on the %s on Tuesday after a long debate.\n\"We will fund the %s this year,\" councillor Ann Rowe %d said.\n", n, topic, topic, n)}
	}
	fsys := fstest.MapFS{"old1.txt": article(1, "harbour wall"), "old2.txt": article(2, "school roof")}
	if _, err := ix.Update(ctx, fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	fsys["new1.txt"], fsys["new2.txt"], fsys["new3.txt"] = article(3, "bus depot"), article(4, "flood barrier"), article(5, "library")
	if _, err := ix.Update(ctx, fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	d, err := ix.Digest(ctx, time.Time{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if d.Articles != 3 || d.Omitted != 2 {
		t.Errorf("digest holds %d articles and omits %d, want 3 and 2", d.Articles, d.Omitted)
	}
	for _, s := range d.Stories {
		for _, a := range s.Articles {
			if !strings.HasPrefix(a.Path, "new") {
				t.Errorf("kept %s, first seen before the newer ones", a.Path)
			}
		}
	}
	if _, err := ix.Digest(newDoneAfter(0), time.Time{}, time.Now()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled digest: err %v, want context.Canceled", err)
	}
}

// TestDigestBoundCountsCopiesOnce: copies of one article (the same url)
// are one article before the bound is applied, so they take one place
// and Omitted counts articles left out, not copies.
func TestDigestBoundCountsCopiesOnce(t *testing.T) {
	ctx := context.Background()
	ix := mustOpen(t, t.TempDir())
	ix.digestMax = 2
	fsys := fstest.MapFS{
		// all first seen at once: the bound takes them by id
		"a.txt":      story("North Star", 1, "The council voted on Monday to close the river ferry for the winter months."),
		"a-copy.txt": story("North Star", 1, "The council voted on Monday evening to close the river ferry for the winter."),
		"b.txt":      story("North Star", 2, "Farmers in the valley say the drought has cut the wheat harvest by a third."),
		"c.txt":      story("North Star", 3, "The harbour wall at Kinsale will be rebuilt before the storms of next winter."),
	}
	if _, err := ix.Update(ctx, fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	d, err := ix.Digest(ctx, time.Time{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if d.Articles != 2 || d.Omitted != 1 {
		t.Errorf("digest holds %d articles and omits %d, want 2 and 1 (a.txt once, b.txt; c.txt left out)", d.Articles, d.Omitted)
	}
}
