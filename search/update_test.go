package search

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
)

// story writes a small article file with front matter.
func story(outlet string, n int, body ...string) *fstest.MapFile {
	text := fmt.Sprintf("---\nsource: %s\nurl: https://%s.example/%d\npublished: 2026-01-%02dT10:00:00Z\ntitle: Story %d\n---\n",
		outlet, strings.ToLower(strings.ReplaceAll(outlet, " ", "")), n, n%28+1, n)
	text += strings.Join(body, "\n") + "\n"
	return &fstest.MapFile{Data: []byte(text), ModTime: time.Date(2026, 1, 1, 0, 0, n, 0, time.UTC)}
}

func newsCorpus() fstest.MapFS {
	return fstest.MapFS{
		"a/1.txt": story("North Star", 1,
			"The council voted on Monday to close the river ferry for the winter months.",
			`"We cannot keep a boat running at a loss all winter," said council leader Maria Lind.`,
			"Subscribe to the North Star for all the local news."),
		"a/2.txt": story("North Star", 2,
			"Farmers in the valley say the drought has cut the wheat harvest by a third.",
			`"It is the worst year I can remember," said farmer Owen Pike.`,
			"Subscribe to the North Star for all the local news."),
		"b/1.txt": story("South Wind", 3,
			"The river ferry will close for the winter, the council decided on Monday.",
			`"We cannot keep a boat running at a loss all winter," Maria Lind said.`),
	}
}

// indexedIDs lists every document id in bleve, sorted.
func indexedIDs(tb testing.TB, ix *Index) []string {
	tb.Helper()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 100000, 0, false)
	res, err := ix.bleve.Search(req)
	if err != nil {
		tb.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	sort.Strings(ids)
	return ids
}

// storedArticles lists the article ids in the store, sorted.
func storedArticles(tb testing.TB, ix *Index) []string {
	tb.Helper()
	var ids []string
	err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return nil
		})
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ids
}

// checkMirrors fails unless the index holds exactly the passages of its
// stored articles, each once, and the stored articles are those of files.
func checkMirrors(tb testing.TB, ix *Index, wantArticles []string) {
	tb.Helper()
	sort.Strings(wantArticles)
	if got := storedArticles(tb, ix); strings.Join(got, ",") != strings.Join(wantArticles, ",") {
		tb.Errorf("stored articles %q, want %q", got, wantArticles)
	}
	var want []string
	for _, id := range wantArticles {
		a, err := ix.Article(context.Background(), id)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range passageRefs(a) {
			want = append(want, p.docID())
		}
	}
	sort.Strings(want)
	got := indexedIDs(tb, ix)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		tb.Errorf("index holds %d passages, want the %d of the stored articles", len(got), len(want))
	}
}

func TestUpdateIncremental(t *testing.T) {
	ctx := context.Background()
	fsys := newsCorpus()
	dir := t.TempDir()
	ix := mustOpen(t, dir)

	var progress []Progress
	sum, err := ix.Update(ctx, fsys, Options{Progress: func(p Progress) { progress = append(progress, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 3 || sum.Changed+sum.Removed+sum.Unchanged != 0 || sum.Articles != 3 || sum.Outlets != 2 || sum.Quotes < 3 {
		t.Errorf("first update: %+v", sum)
	}
	if len(progress) != 3 || progress[2].Done != 3 || progress[2].Total != 3 {
		t.Errorf("progress %+v, want one call per file", progress)
	}
	checkMirrors(t, ix, []string{"a/1.txt", "a/2.txt", "b/1.txt"})
	got := mustAnswer(t, ix, "What did Lind say about the ferry in winter?")
	if len(got.Answers) == 0 || len(got.Answers[0].Reports) != 2 {
		t.Errorf("Lind's quote: %q, want one answer from both outlets", texts(got))
	}

	// Nothing changed: nothing is read again.
	if sum, err = ix.Update(ctx, fsys, Options{}); err != nil || sum.Unchanged != 3 || sum.Added+sum.Changed+sum.Removed != 0 {
		t.Errorf("second update: %+v, %v", sum, err)
	}

	// A new time on the same bytes is unchanged; new words are a change; a
	// deleted file goes; a bad file is skipped with its reason.
	fsys["a/2.txt"].ModTime = fsys["a/2.txt"].ModTime.Add(time.Hour)
	fsys["b/1.txt"] = story("South Wind", 3,
		"The river ferry will run all winter after all, the council decided on Friday.",
		`"We found the money to keep the boat going," Maria Lind said.`)
	delete(fsys, "a/1.txt")
	fsys["c/bad.txt"] = &fstest.MapFile{Data: []byte{0xff, 0xfe, 0x00, 0x41}}
	fsys["c/good.txt"] = story("West Gate", 9, "Snow closed the mountain pass road for the first time in a decade.")
	sum, err = ix.Update(ctx, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != 1 || sum.Changed != 1 || sum.Removed != 1 || sum.Added != 1 || sum.Articles != 3 {
		t.Errorf("third update: %+v", sum)
	}
	if len(sum.Skipped) != 1 || sum.Skipped[0].Path != "c/bad.txt" || sum.Skipped[0].Reason == "" {
		t.Errorf("skipped %+v, want c/bad.txt with a reason", sum.Skipped)
	} else if r := sum.Skipped[0].Reason; strings.Contains(r, "c/bad.txt") {
		// The summary prints "path: reason"; the reason must not repeat it.
		t.Errorf("reason %q repeats the path", r)
	}
	checkMirrors(t, ix, []string{"a/2.txt", "b/1.txt", "c/good.txt"})
	if got := mustAnswer(t, ix, "What did Lind say about the ferry in winter?"); len(got.Answers) != 0 && strings.Contains(got.Answers[0].Text, "at a loss") {
		t.Errorf("the old quote is still answered: %q", texts(got))
	}
	if got := mustAnswer(t, ix, "Who found the money to keep the boat going?"); len(got.Answers) == 0 {
		t.Error("the changed article's new quote is not found")
	}

	// Reopening is cheap and keeps everything.
	ix.Close()
	ix = mustOpen(t, dir)
	if ix.Coverage() != (Coverage{Articles: 3, Outlets: 3}) {
		t.Errorf("after reopening: %+v", ix.Coverage())
	}
	checkMirrors(t, ix, []string{"a/2.txt", "b/1.txt", "c/good.txt"})
}

// TestUpdateWritesOnlyChangedPassages: a paragraph added to a story (a
// live update) is all an Update writes to bleve; the passages the story
// already had keep their documents, and every passage still answers
// verbatim. A changed outlet rewrites them all, since each document
// carries it.
func TestUpdateWritesOnlyChangedPassages(t *testing.T) {
	lines := []string{
		"The council voted on Monday to close the river ferry for the winter months.",
		`"We cannot keep a boat running at a loss all winter," said council leader Maria Lind.`,
		"The ferry will reopen in the spring, the council said.",
		"The ferry will reopen in the spring, the council said.", // the same words twice
		"Passengers can take the bridge bus in the meantime.",
	}
	fsys := fstest.MapFS{"a/1.txt": story("North Star", 1, lines...)}
	ix := mustOpen(t, t.TempDir())
	first, err := ix.Update(context.Background(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := indexedIDs(t, ix)
	if len(before) != first.Passages {
		t.Fatalf("%d documents for %d passages", len(before), first.Passages)
	}

	added := "Update: the ferry operator said on Tuesday that the crew would be kept on."
	fsys["a/1.txt"] = story("North Star", 1, append([]string{lines[0], added}, lines[1:]...)...)
	fsys["a/1.txt"].ModTime = fsys["a/1.txt"].ModTime.Add(time.Hour)
	sum, err := ix.Update(context.Background(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Changed != 1 || sum.PassagesIndexed != 1 {
		t.Errorf("after adding a paragraph: %d changed, %d passages written, want 1 and 1", sum.Changed, sum.PassagesIndexed)
	}
	after := indexedIDs(t, ix)
	if len(after) != len(before)+1 {
		t.Errorf("%d documents after adding a sentence, want %d", len(after), len(before)+1)
	}
	checkMirrors(t, ix, []string{"a/1.txt"})
	for _, q := range []string{"When does the ferry reopen?", "What did Maria Lind say about the boat?", "Will the crew be kept on?", "What can passengers take meanwhile?"} {
		got := mustAnswer(t, ix, q)
		if len(got.Answers) == 0 {
			t.Errorf("%q: no answer after the update", q)
		}
	}
	if n := ix.verbatimFailures.Load(); n != 0 {
		t.Errorf("%d passages failed the verbatim check", n)
	}

	fsys["a/1.txt"] = story("South Wind", 1, append([]string{lines[0], added}, lines[1:]...)...)
	fsys["a/1.txt"].ModTime = fsys["a/1.txt"].ModTime.Add(2 * time.Hour)
	sum, err = ix.Update(context.Background(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.PassagesIndexed != sum.Passages {
		t.Errorf("after the outlet changed: %d of %d passages written, want all", sum.PassagesIndexed, sum.Passages)
	}
	if got := mustAnswer(t, ix, "When does the ferry reopen?"); len(got.Answers) == 0 || got.Answers[0].Reports[0].Outlet != "South Wind" {
		t.Errorf("after the outlet changed: %+v", got.Answers)
	}
}

// vanishingFS lists gone.txt when the folder is read, and then has no
// such file: a file deleted between the scan and the read.
type vanishingFS struct{ fstest.MapFS }

func (v vanishingFS) Open(name string) (fs.File, error) {
	if name == "gone.txt" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.MapFS.Open(name)
}

func (v vanishingFS) Stat(name string) (fs.FileInfo, error) {
	if name == "gone.txt" {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return v.MapFS.Stat(name)
}

func (v vanishingFS) Lstat(name string) (fs.FileInfo, error) {
	if name == "gone.txt" {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrNotExist}
	}
	return v.MapFS.Lstat(name)
}

// TestUpdateFileGoneMidRun: a file deleted while the update runs is not
// reported as unreadable; it is simply not there.
func TestUpdateFileGoneMidRun(t *testing.T) {
	fsys := vanishingFS{fstest.MapFS{
		"kept.txt": {Data: []byte("---\nsource: Valley Herald\n---\nThe bridge reopened on Monday after repairs.\n")},
		"gone.txt": {Data: []byte("The ferry sank off Jindo.\n")},
	}}
	ix := mustOpen(t, t.TempDir())
	sum, err := ix.Update(context.Background(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Skipped) != 0 || sum.Articles != 1 {
		t.Errorf("skipped %v, %d articles: want the vanished file passed over and the other indexed", sum.Skipped, sum.Articles)
	}
}

// TestUpdateRecleanedFileNotedOnce: a file whose outlet's boilerplate
// changes is re-cleaned in the same update that reads the new file, and
// its warning (kept from its record) is still said once, not twice.
func TestUpdateRecleanedFileNotedOnce(t *testing.T) {
	ctx := context.Background()
	withBadDate := func(mf *fstest.MapFile) *fstest.MapFile {
		mf.Data = []byte(strings.Replace(string(mf.Data), "published: 2026-01-02T10:00:00Z", "published: the second of January", 1))
		return mf
	}
	fsys := fstest.MapFS{
		"a/1.txt": withBadDate(story("North Star", 1,
			"The council voted on Monday to close the river ferry for the winter months.",
			"Valley desk, daily.")),
	}
	ix := mustOpen(t, t.TempDir())
	sum, err := ix.Update(ctx, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if art, err := ix.Article(ctx, "a/1.txt"); err != nil || !strings.Contains(art.Text, "Valley desk") {
		t.Fatalf("a/1.txt = %v, %v; want the line kept while one article carries it", art, err)
	}
	if len(sum.Warnings) != 1 || sum.Warnings[0].Path != "a/1.txt" {
		t.Fatalf("first update's warnings = %+v, want the bad date of a/1.txt", sum.Warnings)
	}
	// a second article of the outlet repeats the line: it becomes the
	// outlet's boilerplate, and a/1.txt is cleaned again without it
	fsys["a/2.txt"] = story("North Star", 3,
		"Farmers in the valley say the drought has cut the wheat harvest by a third.",
		"Valley desk, daily.")
	if sum, err = ix.Update(ctx, fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	if len(sum.Warnings) != 1 || sum.Warnings[0].Path != "a/1.txt" {
		t.Errorf("second update's warnings = %+v, want a/1.txt's bad date once", sum.Warnings)
	}
	art, err := ix.Article(ctx, "a/1.txt")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(art.Text, "Valley desk") {
		t.Errorf("a/1.txt was not re-cleaned: %q", art.Text)
	}
}
