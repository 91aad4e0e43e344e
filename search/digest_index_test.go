package search

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
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

// TestFirstSeenFollowsTheArticle: "first seen" belongs to an article, not
// to the line or file it sits in. A JSON lines feed that gains a line at
// its top shifts every article down a line, and a file overwritten with
// another story holds a different article under the same id, while an
// article without a url edited in place (its content, so its key,
// changed; its title did not) is the same article: the digest since the
// change holds the new articles and only them.
func TestFirstSeenFollowsTheArticle(t *testing.T) {
	line := func(url, title, text string) string {
		s := `{"source":"Line Post","title":"` + title + `","text":"` + text + `"`
		if url != "" {
			s += `,"url":"` + url + `"`
		}
		return s + "}\n"
	}
	pier := func(n string) string {
		return line("https://lp.example/"+n, "Story "+n, `Kinsale pier story `+n+`. \"We are delighted with pier `+n+`,\" said harbour master Pat Kelly.`)
	}
	noURL := line("", "Marina story", `The marina opened. \"It is a fine day,\" said skipper Joan Hart.`)
	const oldText = "Quay walls were repaired on Monday.\n\"The quay is sound again,\" engineer Mary Byrne said.\n"
	const newText = "The ferry timetable changes on Sunday.\n\"Sailings will run every hour,\" operator Liam Walsh said.\n"
	untitled := func(text string) string { return line("", "", text) }
	const quay = `Quay walls were repaired on Monday. \"The quay is sound again,\" engineer Mary Byrne said.`
	const ferry = `The ferry timetable changes on Sunday. \"Sailings will run every hour,\" operator Liam Walsh said.`
	for _, tc := range []struct {
		name          string
		before, after map[string]string
		wantNew       []string // titles (ids when untitled) first seen after the change, sorted
	}{
		{"a line added at the top",
			map[string]string{"a.jsonl": pier("1") + pier("2") + pier("3")},
			map[string]string{"a.jsonl": line("", "Story zero", `New lifeboat story. \"Crews are heroes,\" said volunteer Ann Roe.`) + pier("1") + pier("2") + pier("3")},
			[]string{"Story zero"}},
		{"lines without urls reordered",
			map[string]string{"a.jsonl": noURL + pier("1")},
			map[string]string{"a.jsonl": pier("1") + noURL},
			nil},
		{"an article moved to another file",
			map[string]string{"a.jsonl": pier("1") + pier("2")},
			map[string]string{"a.jsonl": pier("2"), "b.jsonl": pier("1")},
			nil},
		{"a file overwritten with another article",
			map[string]string{"latest.txt": "Quay repairs done\n" + oldText},
			map[string]string{"latest.txt": "Ferry timetable changes\n" + newText},
			[]string{"Ferry timetable changes"}},
		{"an article without a url edited",
			map[string]string{"a.jsonl": noURL + pier("1")},
			map[string]string{"a.jsonl": line("", "Marina story", `The new marina opened. \"It is a fine day,\" said skipper Joan Hart.`) + pier("1")},
			nil},
		{"a text file without a url edited",
			map[string]string{"latest.txt": "Quay repairs done\n" + oldText},
			map[string]string{"latest.txt": "Quay repairs done\n" + strings.Replace(oldText, "Monday", "Tuesday", 1)},
			nil},
		{"a text file without a title overwritten with another story",
			map[string]string{"latest.txt": oldText},
			map[string]string{"latest.txt": newText},
			[]string{"latest.txt"}},
		{"a line without url or title overwritten with another story",
			map[string]string{"a.jsonl": untitled(quay) + pier("1")},
			map[string]string{"a.jsonl": untitled(ferry) + pier("1")},
			[]string{"a.jsonl#1"}},
		{"a line without url or title added above another",
			map[string]string{"a.jsonl": untitled(quay) + pier("1")},
			map[string]string{"a.jsonl": untitled(ferry) + untitled(quay) + pier("1")},
			[]string{"a.jsonl#1"}},
		{"a line under the same title added above another",
			map[string]string{"a.jsonl": noURL + pier("1")},
			map[string]string{"a.jsonl": line("", "Marina story", `The marina opened again. \"It is a fine day,\" said skipper Joan Hart.`) + noURL + pier("1")},
			[]string{"Marina story"}},
		{"a line edited while another is added above it",
			map[string]string{"a.jsonl": noURL + pier("1")},
			map[string]string{"a.jsonl": line("", "Power restored", `Power came back to Kells overnight. \"Crews worked till dawn,\" said engineer Rose Byrne.`) +
				line("", "Marina story", `The new marina opened. \"It is a fine day,\" said skipper Joan Hart.`) + pier("1")},
			[]string{"Power restored"}},
		{"a page under a fixed title overwritten with another story",
			map[string]string{"daily.md": "---\ntitle: Daily briefing\n---\n" + oldText},
			map[string]string{"daily.md": "---\ntitle: Daily briefing\n---\n" + newText},
			[]string{"Daily briefing"}},
		{"the same article edited under its url",
			map[string]string{"a.jsonl": pier("1")},
			map[string]string{"a.jsonl": line("https://lp.example/1", "Story 1", `Kinsale pier story 1, updated. \"We are delighted with pier 1,\" said harbour master Pat Kelly.`)},
			nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			root := t.TempDir()
			write := func(files map[string]string) {
				for name, text := range files {
					if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			write(tc.before)
			ix := mustOpen(t, t.TempDir())
			if _, err := ix.Update(ctx, os.DirFS(root), Options{}); err != nil {
				t.Fatal(err)
			}
			time.Sleep(10 * time.Millisecond) // so a fresh first-seen time differs
			since := time.Now()
			for name := range tc.before {
				if _, ok := tc.after[name]; !ok {
					if err := os.Remove(filepath.Join(root, name)); err != nil {
						t.Fatal(err)
					}
				}
			}
			write(tc.after)
			for name := range tc.after {
				// the same size and time would look unchanged
				later := time.Now().Add(time.Minute)
				if err := os.Chtimes(filepath.Join(root, name), later, later); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := ix.Update(ctx, os.DirFS(root), Options{}); err != nil {
				t.Fatal(err)
			}
			d, err := ix.Digest(ctx, since, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range d.Stories {
				for _, a := range s.Articles {
					if a.Title == "" {
						got = append(got, a.ID)
						continue
					}
					got = append(got, a.Title)
				}
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tc.wantNew) {
				t.Errorf("first seen since the change: %q, want %q", got, tc.wantNew)
			}
		})
	}
}

// TestDigestCountsAnArticleSavedTwiceOnce: two files of one article (the
// same URL, one saved again after the outlet updated it) are one article
// of one story in a digest, the latest copy.
func TestDigestCountsAnArticleSavedTwiceOnce(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	page := func(published, opening string) string {
		return "---\nsource: Twice Times\nurl: https://twice.example/a\npublished: " + published + "\ntitle: Floods reach the farms\n---\n" +
			opening + "\n\"We lost everything in the water,\" said farmer Tom Baker.\n"
	}
	for name, text := range map[string]string{
		"a.md":      page("2026-03-01", "Floods reached the Brennock valley farms on Monday."),
		"a-copy.md": page("2026-03-01T15:00:00Z", "Floods reached the Brennock valley farms on Monday morning."),
	} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := mustOpen(t, t.TempDir())
	if _, err := ix.Update(ctx, os.DirFS(root), Options{}); err != nil {
		t.Fatal(err)
	}
	d, err := ix.Digest(ctx, time.Time{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if d.Articles != 1 || len(d.Stories) != 1 || len(d.Stories[0].Articles) != 1 {
		t.Fatalf("digest of %d articles, stories %+v: want one story of one article", d.Articles, d.Stories)
	}
	if got := d.Stories[0].Articles[0].Path; got != "a-copy.md" {
		t.Errorf("the story holds %s, want the latest copy, a-copy.md", got)
	}
}
