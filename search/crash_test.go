package search

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The crash test runs Update in a child process (this test binary again),
// kills it with SIGKILL part-way through, and checks that the index opens
// and that the next Update ends with exactly the corpus: the same passages
// and articles as an index built without a crash.

const crashChildEnv = "COVERAGE_SEARCH_CRASH_CHILD" // "index-dir corpus-dir"

// testBatch keeps batches small so a few dozen files make several.
const testBatch = 16

func TestCrashChild(t *testing.T) {
	args := strings.Fields(os.Getenv(crashChildEnv))
	if len(args) != 2 {
		t.Skip("only runs as the crash test's child process")
	}
	ix, err := Open(context.Background(), args[0])
	if err != nil {
		t.Fatal(err)
	}
	ix.batchFiles = testBatch
	_, err = ix.Update(context.Background(), os.DirFS(args[1]), Options{Progress: func(p Progress) {
		fmt.Printf("progress %d\n", p.Done)
	}})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	fmt.Println("finished")
}

// writeCrashCorpus writes n small articles from a few outlets, with each
// outlet's repeated junk lines so the boilerplate model changes as it goes.
func writeCrashCorpus(tb testing.TB, dir string, n, variant int) {
	tb.Helper()
	outlets := []string{"North Star", "South Wind", "East Post", "West Gate"}
	for i := range n {
		o := outlets[i%len(outlets)]
		place := letterName(i) // numbers fold away in line keys; names do not
		body := []string{
			fmt.Sprintf("Councillors in %s voted %d to %d on the new budget for roads and schools.", place, i%9+3, i%5),
			fmt.Sprintf(`"We have listened to %s and this budget delivers," said councillor Ann %s.`, place, letterName(i%7+3)),
			fmt.Sprintf("The %s plan, %s edition, adds %d buses to the morning routes from next month.", place, letterName(variant+11), i%40+2),
			"Subscribe to the " + o + " for all the local news.",
			"Share this article",
		}
		path := filepath.Join(dir, strings.ReplaceAll(strings.ToLower(o), " ", "-"), fmt.Sprintf("%04d.txt", i))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		mf := story(o, i, body...)
		if err := os.WriteFile(path, mf.Data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// letterName spells n in letters: a made-up place name.
func letterName(n int) string {
	name := []byte{'K'}
	for n > 0 || len(name) < 3 {
		name = append(name, "aeioubdfglmnrstv"[n%16])
		n /= 16
	}
	return string(name)
}

// killDuringUpdate runs the child until it has reported at least after
// progress lines, then kills it.
func killDuringUpdate(t *testing.T, indexDir, corpusDir string, after int, wait time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+indexDir+" "+corpusDir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	seen := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "progress ") {
			seen++
		}
		if seen >= after {
			break
		}
	}
	time.Sleep(wait)
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	go func() { // drain so the child never blocks on a full pipe before dying
		for sc.Scan() {
		}
	}()
	cmd.Wait()
	if seen < after {
		t.Fatalf("child finished after %d progress reports, before it could be killed", seen)
	}
}

func TestUpdateSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test builds several indexes")
	}
	corpusDir := t.TempDir()
	writeCrashCorpus(t, corpusDir, 2*testBatch+20, 0)
	indexDir := t.TempDir()

	// Killed in the second batch of the first build, then again while
	// re-indexing changed files.
	killDuringUpdate(t, indexDir, corpusDir, testBatch, 20*time.Millisecond)
	writeCrashCorpus(t, corpusDir, 2*testBatch+20, 1) // every file changes
	killDuringUpdate(t, indexDir, corpusDir, 1, 5*time.Millisecond)

	ix := mustOpen(t, indexDir)
	ix.batchFiles = testBatch
	if d, err := ix.bleve.GetInternal([]byte(genKey)); err == nil {
		t.Logf("after the kills: bleve generation %d, %d passages", genFrom(d), len(indexedIDs(t, ix)))
	}
	sum, err := ix.Update(context.Background(), os.DirFS(corpusDir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("recovery update: %+v", sum)
	if sum.Articles != 2*testBatch+20 {
		t.Errorf("after recovery the index has %d articles, want %d", sum.Articles, 2*testBatch+20)
	}
	fresh := mustOpen(t, t.TempDir())
	if _, err := fresh.Update(context.Background(), os.DirFS(corpusDir), Options{}); err != nil {
		t.Fatal(err)
	}
	want := storedArticles(t, fresh)
	checkMirrors(t, ix, want)
	got, wantIDs := indexedIDs(t, ix), indexedIDs(t, fresh)
	if strings.Join(got, "\n") != strings.Join(wantIDs, "\n") {
		t.Errorf("recovered index has %d passages, a fresh build %d: they differ", len(got), len(wantIDs))
	}
	if a := mustAnswer(t, ix, "How many buses does the "+letterName(5)+" plan, "+letterName(12)+" edition, add?"); len(a.Answers) == 0 {
		t.Error("recovered index does not answer from the changed articles")
	}
}

// TestUpdateRedoesBatchesBleveLost stops Updates between the store and
// bleve, as a kill before bleve persists does, at every batch in turn.
func TestUpdateRedoesBatchesBleveLost(t *testing.T) {
	corpusDir := t.TempDir()
	const n = 2*testBatch + 8
	writeCrashCorpus(t, corpusDir, n, 0)
	fsys := os.DirFS(corpusDir)
	fresh := mustOpen(t, t.TempDir())
	if _, err := fresh.Update(context.Background(), fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	want := indexedIDs(t, fresh)

	ix := mustOpen(t, t.TempDir())
	ix.batchFiles = testBatch
	errCrash := errors.New("simulated crash")
	for _, stopAt := range []int{1, 2, 1} {
		calls := 0
		ix.beforeBatch = func() error {
			if calls++; calls == stopAt {
				return errCrash
			}
			return nil
		}
		if _, err := ix.Update(context.Background(), fsys, Options{}); !errors.Is(err, errCrash) {
			t.Fatalf("stop at batch %d: Update = %v, want the simulated crash", stopAt, err)
		}
		if stopAt == 2 { // files change between crashes too
			writeCrashCorpus(t, corpusDir, n, 1)
			fresh2 := mustOpen(t, t.TempDir())
			if _, err := fresh2.Update(context.Background(), fsys, Options{}); err != nil {
				t.Fatal(err)
			}
			want = indexedIDs(t, fresh2)
		}
	}
	ix.beforeBatch = nil
	sum, err := ix.Update(context.Background(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != n {
		t.Errorf("after recovery: %+v", sum)
	}
	if got := indexedIDs(t, ix); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("recovered index has %d passages, a fresh build %d: they differ", len(got), len(want))
	}
	checkMirrors(t, ix, storedArticles(t, fresh))
}

// TestOpenRecoversUnreadableIndex: a passage index bleve cannot open (a
// kill while it was being created) is rebuilt, not a dead end.
func TestOpenRecoversUnreadableIndex(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	mustIndexArticles(t, ix, harbourArticles(t)...)
	ix.Close()
	if err := os.WriteFile(filepath.Join(dir, passagesDir, "index_meta.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix = mustOpen(t, dir)
	if ix.Coverage().Articles != 0 || len(storedArticles(t, ix)) != 0 {
		t.Errorf("a reset index still claims %+v", ix.Coverage())
	}
	mustIndexArticles(t, ix, harbourArticles(t)...)
	if got := mustAnswer(t, ix, "Who wants the shipping ban lifted?"); len(got.Answers) == 0 {
		t.Error("the rebuilt index does not answer")
	}
}

// TestOpenDamagedStateSaysWhatToDo: a damaged state file is an error that
// names the file and says the index can be rebuilt.
func TestOpenDamagedStateSaysWhatToDo(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	ix.Close()
	if err := os.WriteFile(filepath.Join(dir, stateFile), bytes.Repeat([]byte{0x5A}, 5000), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), dir)
	if err == nil || !strings.Contains(err.Error(), stateFile) || !strings.Contains(err.Error(), "delete the index folder and it is rebuilt") {
		t.Errorf("Open on a damaged state file: %v", err)
	}
}

// TestAnswerDuringUpdate asks questions while an Update runs (for -race).
func TestAnswerDuringUpdate(t *testing.T) {
	corpusDir := t.TempDir()
	writeCrashCorpus(t, corpusDir, 3*testBatch, 0)
	ix := mustOpen(t, t.TempDir())
	ix.batchFiles = testBatch
	done := make(chan error, 1)
	go func() {
		_, err := ix.Update(context.Background(), os.DirFS(corpusDir), Options{})
		done <- err
	}()
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			if ix.Coverage().Articles != 3*testBatch {
				t.Errorf("coverage %+v", ix.Coverage())
			}
			return
		default:
			if _, err := ix.Answer(context.Background(), Question{Text: "Who voted on the new budget for roads?"}); err != nil {
				t.Fatal(err)
			}
			ix.Coverage()
			if _, err := ix.Speakers(context.Background(), "ann", 5); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestUpdateStoppedBeforeRedoKeepsIt: a crash leaves the store ahead of
// bleve; the next Update writes new files first and stops before it
// redoes the old batch. The generation bleve records must not cover the
// batch still to redo, or the third Update would take it as written.
func TestUpdateStoppedBeforeRedoKeepsIt(t *testing.T) {
	corpusDir := t.TempDir()
	writeCrashCorpus(t, corpusDir, 2*testBatch, 0)
	fsys := os.DirFS(corpusDir)
	ix := mustOpen(t, t.TempDir())
	ix.batchFiles = testBatch
	errCrash := errors.New("simulated crash")
	calls := 0
	ix.beforeBatch = func() error {
		if calls++; calls == 2 {
			return errCrash
		}
		return nil
	}
	if _, err := ix.Update(context.Background(), fsys, Options{}); !errors.Is(err, errCrash) {
		t.Fatalf("first Update = %v, want the simulated crash", err)
	}
	ix.beforeBatch = nil
	// New files that sort before the ones to redo, a batch of them.
	for i := range testBatch {
		mf := story("Aardvark Post", i, fmt.Sprintf("Aardvark councillors in %s met on Tuesday about the ferry timetable.", letterName(i+40)))
		path := filepath.Join(corpusDir, "aardvark", fmt.Sprintf("%04d.txt", i))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, mf.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Stopped after the first batch, before the store has the redone one.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := func(p Progress) {
		if p.Done == testBatch {
			cancel()
		}
	}
	if _, err := ix.Update(ctx, fsys, Options{Progress: stop}); !errors.Is(err, context.Canceled) {
		t.Fatalf("second Update = %v, want it cancelled", err)
	}
	if _, err := ix.Update(context.Background(), fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	fresh := mustOpen(t, t.TempDir())
	if _, err := fresh.Update(context.Background(), fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	if got, want := indexedIDs(t, ix), indexedIDs(t, fresh); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("recovered index has %d passages, a fresh build %d: they differ", len(got), len(want))
	}
	checkMirrors(t, ix, storedArticles(t, fresh))
}
