package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// The crash test of issue 6: `coveragebot index` really killed with
// SIGKILL part-way through, twice (building, then updating a changed
// corpus). Each time the index must open afterwards and the next `index`
// must end with exactly the corpus's articles (the generator's count after
// the build, a fresh build's after the update), every passage of the
// article store exactly once in the passage index, and after the update
// the very same passages as a fresh build.

// indexChildEnv carries "corpus<newline>index" to the child process.
const indexChildEnv = "COVERAGEBOT_INDEX_CHILD"

// TestIndexChild is `coveragebot index` in a child process: this test
// binary run again, calling the same run as main.
func TestIndexChild(t *testing.T) {
	spec := os.Getenv(indexChildEnv)
	if spec == "" {
		t.Skip("runs only as the child process of TestIndexSurvivesSIGKILL")
	}
	corpusDir, indexDir, _ := strings.Cut(spec, "\n")
	if err := run(context.Background(), []string{"index", "--corpus", corpusDir, "--index", indexDir}, os.Getenv, nil, os.Stdout, os.Stderr); err != nil {
		t.Fatal(err)
	}
}

func TestIndexSurvivesSIGKILL(t *testing.T) {
	if os.Getenv(indexChildEnv) != "" {
		t.Skip("the child process runs only TestIndexChild")
	}
	corpusDir := filepath.Join(t.TempDir(), "corpus")
	const articles = 300
	runOK(t, "gen", "--articles", fmt.Sprint(articles), "--seed", "61", "--out", corpusDir)
	indexDir := filepath.Join(t.TempDir(), "index")

	// Killed while building.
	killIndexMidway(t, corpusDir, indexDir)
	out := runOK(t, "index", "--corpus", corpusDir, "--index", indexDir)
	checkKilledEarly(t, out)
	got := holds(t, out)
	if want := fmt.Sprintf("%d articles", articles); !strings.HasPrefix(got, want) {
		t.Errorf("after the kill, index holds %q, want %s", got, want)
	}
	checkPassages(t, indexDir, got)

	// Killed while updating: a new outlet's folder arrives, some files go.
	runOK(t, "gen", "--articles", "100", "--seed", "62", "--out", filepath.Join(corpusDir, "later"))
	removed := removeSomeFiles(t, corpusDir, 20)
	killIndexMidway(t, corpusDir, indexDir)
	out = runOK(t, "index", "--corpus", corpusDir, "--index", indexDir)
	checkKilledEarly(t, out)
	got = holds(t, out)
	checkPassages(t, indexDir, got)
	freshDir := filepath.Join(t.TempDir(), "fresh")
	if want := holds(t, runOK(t, "index", "--corpus", corpusDir, "--index", freshDir)); got != want {
		t.Errorf("after the second kill, index holds %q; a fresh build holds %q", got, want)
	}
	if gotIDs, wantIDs := passageIDs(t, indexDir), passageIDs(t, freshDir); !slices.Equal(gotIDs, wantIDs) {
		t.Errorf("passages differ from a fresh build: %s", firstDifference(gotIDs, wantIDs))
	}
	t.Logf("killed twice (build of %d articles; update adding 100 and removing %d files): %s, as a fresh build", articles, removed, got)
}

// runOK runs the coveragebot command line in this process and returns its
// standard output.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	getenv, stdout, stderr := testEnv(nil)
	if err := run(t.Context(), args, getenv, nil, stdout, stderr); err != nil {
		t.Fatalf("coveragebot %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	return stdout.String()
}

// killIndexMidway starts `coveragebot index` in a child process and kills
// it with SIGKILL as soon as it has written a new segment of the passage
// index: part of the corpus indexed, the rest not.
func killIndexMidway(t *testing.T, corpusDir, indexDir string) {
	t.Helper()
	before := segments(indexDir)
	cmd := exec.Command(os.Args[0], "-test.run=^TestIndexChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), indexChildEnv+"="+corpusDir+"\n"+indexDir)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(2 * time.Minute)
	for {
		select {
		case err := <-exited:
			t.Fatalf("index finished (%v) before it could be killed: make the corpus bigger\n%s", err, out.String())
		case <-deadline:
			cmd.Process.Kill()
			t.Fatalf("index wrote no new segment in 2 minutes\n%s", out.String())
		case <-time.After(2 * time.Millisecond):
		}
		if s := segments(indexDir); len(s) > 0 && !slices.Equal(s, before) {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no deferred cleanup runs
		t.Fatal(err)
	}
	if err := <-exited; err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("child was not killed mid-index: %v\n%s", err, out.String())
	}
}

// segments lists the passage index's segment files.
func segments(indexDir string) []string {
	files, _ := filepath.Glob(filepath.Join(indexDir, "passages.bleve", "store", "*.zap"))
	slices.Sort(files)
	return files
}

// removeSomeFiles deletes n article files (every third .txt), returning how
// many it removed.
func removeSomeFiles(t *testing.T, dir string, n int) int {
	t.Helper()
	var paths []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			paths = append(paths, p)
		}
		return err
	})
	removed := 0
	for i := 0; i < len(paths) && removed < n; i += 3 {
		if err := os.Remove(paths[i]); err != nil {
			t.Fatal(err)
		}
		removed++
	}
	return removed
}

// checkPassages checks the passage index against the article store's
// count in summary ("N articles from M outlets; P passages, Q quotes"):
// exactly P passages, each once. A batch lost by the passage index, or
// indexed twice, shows here.
func checkPassages(t *testing.T, indexDir, summary string) {
	t.Helper()
	var articles, outlets, passages int
	if _, err := fmt.Sscanf(summary, "%d articles from %d outlets; %d passages", &articles, &outlets, &passages); err != nil {
		t.Fatalf("cannot read %q: %v", summary, err)
	}
	ids := passageIDs(t, indexDir)
	if len(ids) != passages {
		t.Errorf("the passage index holds %d passages, the article store %d", len(ids), passages)
	}
	if d := firstDifference(ids, slices.Compact(slices.Clone(ids))); d != "" {
		t.Error(d)
	}
}

// checkKilledEarly checks, from the summary of the run after a kill, that
// the kill came before the killed run had finished: files were left to
// index (added), or to index again (changed: a batch the passage index had
// not yet made durable is redone).
func checkKilledEarly(t *testing.T, summary string) {
	t.Helper()
	for _, line := range strings.Split(summary, "\n") {
		var added, changed int
		if _, err := fmt.Sscanf(strings.TrimSpace(line), "files: %d added, %d changed", &added, &changed); err == nil {
			if added+changed == 0 {
				t.Errorf("the run after the kill had nothing left to do: the kill came too late\n%s", summary)
			}
			return
		}
	}
	t.Fatalf("no files: line in\n%s", summary)
}

// holds returns what the "holds:" line of an index summary says.
func holds(t *testing.T, summary string) string {
	t.Helper()
	for _, line := range strings.Split(summary, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "holds:"); ok {
			return strings.TrimSpace(rest)
		}
	}
	t.Fatalf("no holds: line in\n%s", summary)
	return ""
}

// passageIDs reads every document id of the passage index, sorted, with
// bleve directly (the index is closed).
func passageIDs(t *testing.T, indexDir string) []string {
	t.Helper()
	path := filepath.Join(indexDir, "passages.bleve")
	bi, err := bleve.OpenUsing(path, map[string]any{"read_only": true})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer bi.Close()
	n, err := bi.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n)+1, 0, false)
	res, err := bi.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	if len(ids) != int(n) {
		t.Errorf("passage index counts %d documents but lists %d", n, len(ids))
	}
	return ids
}

// firstDifference describes the first id in one sorted list and not the
// other, or a duplicate; "" when the lists are equal.
func firstDifference(got, want []string) string {
	for i := 1; i < len(got); i++ {
		if got[i] == got[i-1] {
			return fmt.Sprintf("passage %q is there twice", got[i])
		}
	}
	i, j := 0, 0
	for i < len(got) && j < len(want) {
		switch {
		case got[i] == want[j]:
			i++
			j++
		case got[i] < want[j]:
			return fmt.Sprintf("passage %q should not be there", got[i])
		default:
			return fmt.Sprintf("passage %q is missing", want[j])
		}
	}
	if i < len(got) {
		return fmt.Sprintf("passage %q should not be there", got[i])
	}
	if j < len(want) {
		return fmt.Sprintf("passage %q is missing", want[j])
	}
	return ""
}
