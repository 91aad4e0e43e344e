package search

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// liveIndex is a real index over a corpus folder kept current by Watch.
type liveIndex struct {
	ix      *Index
	root    string
	updated chan struct{}
}

func startLiveIndex(t *testing.T) *liveIndex {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ix, err := Open(ctx, filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	l := &liveIndex{ix: ix, root: t.TempDir(), updated: make(chan struct{}, 100)}
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, ix, l.root, WatchOptions{Debounce: 20 * time.Millisecond, Rescan: -1, Updated: func(_ UpdateSummary, err error) {
			if err != nil {
				t.Errorf("update: %v", err)
			}
			l.updated <- struct{}{}
		}})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watch: %v", err)
		}
		ix.Close()
	})
	<-l.updated // the initial update
	return l
}

// waitFor re-checks cond after each update until it holds.
func (l *liveIndex) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for !cond() {
		select {
		case <-l.updated:
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func (l *liveIndex) answers(t *testing.T, question string) []Answer {
	t.Helper()
	ans, err := l.ix.Answer(context.Background(), Question{Text: question})
	if err != nil {
		t.Fatal(err)
	}
	return ans.Answers
}

const liveArticle = `---
source: Millbrook Echo
url: https://echo.example/weir
published: 2026-02-12T08:00:00Z
title: Weir footbridge reopens to walkers
---
The weir footbridge in Millbrook reopened to walkers on Thursday after engineers checked it overnight.
"The footbridge is safe and the shuttle bus will keep running until the Old Mill Bridge reopens," council engineer Dana Whitlock said.
`

func TestWatchedFileIsAnsweredAndInNextDigest(t *testing.T) {
	l := startLiveIndex(t)
	const question = "What did Dana Whitlock say about the footbridge?"
	if got := l.answers(t, question); len(got) != 0 {
		t.Fatalf("answers before the file exists: %+v", got)
	}
	before := time.Now()
	path := filepath.Join(l.root, "echo", "weir.txt")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(liveArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	l.waitFor(t, "the dropped file to be answerable", func() bool {
		for _, a := range l.answers(t, question) {
			if strings.Contains(a.Text, "The footbridge is safe") {
				return true
			}
		}
		return false
	})

	d, err := l.ix.Digest(context.Background(), before, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 1 || d.Stories[0].Headline != "Weir footbridge reopens to walkers" {
		t.Fatalf("digest = %+v, want the new article's story", d.Stories)
	}
	a := d.Stories[0].Articles[0]
	if a.FirstSeen.Before(before) || a.Outlet != "Millbrook Echo" {
		t.Errorf("article %+v: want first seen after the drop", a)
	}
	if later, _ := l.ix.Digest(context.Background(), time.Now(), time.Now().Add(time.Hour)); len(later.Stories) != 0 {
		t.Errorf("digest since now = %+v, want nothing new", later.Stories)
	}

	// A change keeps the first-seen time.
	if err := os.WriteFile(path, []byte(liveArticle+"\nThe council thanked the engineers for their work through the night.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l.waitFor(t, "the change", func() bool {
		ans := l.answers(t, "Who did the council thank?")
		return len(ans) > 0 && strings.Contains(ans[0].Text, "thanked the engineers")
	})
	d2, err := l.ix.Digest(context.Background(), before, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(d2.Stories) != 1 || !d2.Stories[0].Articles[0].FirstSeen.Equal(a.FirstSeen) {
		t.Errorf("after a change: %+v, want the first-seen time kept (%v)", d2.Stories, a.FirstSeen)
	}

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	l.waitFor(t, "the deleted file to leave the answers", func() bool { return len(l.answers(t, question)) == 0 })
	if d3, _ := l.ix.Digest(context.Background(), before, time.Now()); len(d3.Stories) != 0 {
		t.Errorf("digest after deletion = %+v, want nothing", d3.Stories)
	}
}

// TestMovedFileKeepsFirstSeen: a file renamed or moved into another
// folder, its content unchanged, is not new coverage: its articles keep
// the time they were first seen, and a digest since then leaves them out.
func TestMovedFileKeepsFirstSeen(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	path := filepath.Join(root, "weir.txt")
	if err := os.WriteFile(path, []byte(liveArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := mustOpen(t, t.TempDir())
	if _, err := ix.Update(ctx, os.DirFS(root), Options{}); err != nil {
		t.Fatal(err)
	}
	d, err := ix.Digest(ctx, time.Time{}, time.Now())
	if err != nil || len(d.Stories) != 1 {
		t.Fatalf("digest %+v, %v", d, err)
	}
	first := d.Stories[0].Articles[0].FirstSeen
	time.Sleep(10 * time.Millisecond) // so a fresh first-seen time would differ
	if err := os.MkdirAll(filepath.Join(root, "echo"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path, filepath.Join(root, "echo", "weir-moved.txt")); err != nil {
		t.Fatal(err)
	}
	since := time.Now()
	if _, err := ix.Update(ctx, os.DirFS(root), Options{}); err != nil {
		t.Fatal(err)
	}
	d, err = ix.Digest(ctx, time.Time{}, time.Now())
	if err != nil || len(d.Stories) != 1 {
		t.Fatalf("digest after the move %+v, %v", d, err)
	}
	if a := d.Stories[0].Articles[0]; a.Path != "echo/weir-moved.txt" || !a.FirstSeen.Equal(first) {
		t.Errorf("moved article %s first seen %v, want %v", a.Path, a.FirstSeen, first)
	}
	if d, _ := ix.Digest(ctx, since, time.Now()); len(d.Stories) != 0 {
		t.Errorf("digest since the move = %+v, want nothing new", d.Stories)
	}
}

// TestDigestPeriodEndsAtUntil: an article first seen at or after until is
// left for the next period, so the same period asked again (a digest
// resent after a failure) holds the same articles.
func TestDigestPeriodEndsAtUntil(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "weir.txt"), []byte(liveArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := mustOpen(t, t.TempDir())
	if _, err := ix.Update(ctx, os.DirFS(root), Options{}); err != nil {
		t.Fatal(err)
	}
	until := time.Now()
	later := strings.Replace(liveArticle, "weir", "ford", -1)
	if err := os.WriteFile(filepath.Join(root, "ford.txt"), []byte(later), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(ctx, os.DirFS(root), Options{}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name         string
		since, until time.Time
		want         []string
	}{
		{"up to until", time.Time{}, until, []string{"weir.txt"}},
		{"from until", until, time.Now(), []string{"ford.txt"}},
	} {
		d, err := ix.Digest(ctx, tt.since, tt.until)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range d.Stories {
			for _, a := range s.Articles {
				got = append(got, a.Path)
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") || d.Articles != len(tt.want) {
			t.Errorf("%s: digest holds %v (%d articles), want %v", tt.name, got, d.Articles, tt.want)
		}
	}
}
