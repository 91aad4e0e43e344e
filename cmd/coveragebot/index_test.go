package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

func TestIndexSample(t *testing.T) {
	index := filepath.Join(t.TempDir(), "index")
	getenv, stdout, stderr := testEnv(map[string]string{envIndex: index})
	err := run(t.Context(), []string{"index"}, getenv, nil, stdout, stderr)
	if err != nil {
		t.Fatalf("index: %v\nstderr: %s", err, stderr)
	}
	for _, want := range []string{
		"Indexed the embedded sample corpus in ",
		"index:    " + index,
		"holds:    7 articles from 3 outlets;",
		"files:    6 added, 0 changed, 0 removed, 0 unchanged",
		"skipped:  none",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("summary does not say %q:\n%s", want, stdout)
		}
	}
	if !regexp.MustCompile(`; [1-9]\d* passages, [1-9]\d* quotes`).MatchString(stdout.String()) {
		t.Errorf("summary counts no passages or quotes:\n%s", stdout)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr is not a terminal, want no progress on it, got %q", stderr)
	}

	stdout.Reset()
	if err := run(t.Context(), []string{"index", "--index", index}, getenv, nil, stdout, stderr); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Index of the embedded sample corpus is up to date", "0 added, 0 changed, 0 removed, 6 unchanged"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("second run does not say %q:\n%s", want, stdout)
		}
	}
}

// TestIndexBadInput is issue 2's bad-input acceptance: every kind of broken
// file is skipped with a reason naming it, and every other article is still
// indexed.
func TestIndexBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good/one.txt", []byte("---\nsource: Harrow Valley Gazette\npublished: 2026-02-09\n---\n"+
		"The River Harrow burst its banks in Millbrook on Monday, flooding dozens of homes.\n"+
		"\"The water came up faster than anyone had predicted,\" Station Commander Tomasz Wilk said.\n"))
	write("good/two.jsonl", []byte(`{"source":"Radio Oakmere News","url":"https://radiooakmere.example/a","published":"2026-02-10","title":"Bridge shut","text":"The Old Mill Bridge was closed on Tuesday after engineers found cracks in its central pier."}`+"\n"+
		`{"source":"Radio Oakmere News","text": broken json`+"\n"))
	// read all the same, with a warning naming the file and the value
	write("good/undated.txt", []byte("---\nsource: Radio Oakmere News\npublished: sometime last week\n---\n"+
		"Volunteers cleared mud from the Millbrook library on Wednesday.\n"))
	write("empty.txt", nil)
	write("binary.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 3}, 256)...))
	write("latin1.txt", []byte("Le ma\xeetre a d\xe9clar\xe9 que le pont resterait ferm\xe9 pendant six semaines.\n"))
	big := filepath.Join(dir, "huge.txt")
	write("huge.txt", []byte("The River Harrow burst its banks.\n"))
	// Sparse: 50 MB on paper, a few bytes on disk.
	if err := os.Truncate(big, 50<<20); err != nil {
		t.Fatal(err)
	}
	// Unreadable even as root: a link to a file that is not there.
	if err := os.Symlink(filepath.Join(dir, "moved-away.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}

	skips := map[string]*regexp.Regexp{
		"empty.txt":      regexp.MustCompile(`(?i)empty`),
		"binary.txt":     regexp.MustCompile(`(?i)binary`),
		"latin1.txt":     regexp.MustCompile(`(?i)utf-?8`),
		"huge.txt":       regexp.MustCompile(`(?i)large|MB|size`),
		"dangling.txt":   regexp.MustCompile(`(?i)read|exist|link|open`),
		"good/two.jsonl": regexp.MustCompile(`(?i)json`),
	}
	// A named pipe must be skipped, not opened: opening one blocks forever.
	if err := makeFIFO(filepath.Join(dir, "pipe.txt")); err == nil {
		skips["pipe.txt"] = regexp.MustCompile(`(?i)regular|pipe|read`)
	} else if !errors.Is(err, errors.ErrUnsupported) {
		t.Fatal(err)
	}

	index := filepath.Join(t.TempDir(), "index")
	getenv, stdout, stderr := testEnv(nil)
	err := run(t.Context(), []string{"index", "--corpus", dir, "--index", index}, getenv, nil, stdout, stderr)
	if err != nil {
		t.Fatalf("index: %v\nstderr: %s", err, stderr)
	}
	out := stdout.String()
	if !strings.Contains(out, "holds:    3 articles from 2 outlets;") {
		t.Errorf("want the three good articles indexed:\n%s", out)
	}
	if !strings.Contains(out, "warnings: 1 (indexed all the same):") ||
		!strings.Contains(summaryLine(out, "    good/undated.txt"), `published "sometime last week" is not a date`) {
		t.Errorf("want the undated article's warning, naming it and its date:\n%s", out)
	}
	for path, reason := range skips {
		line := summaryLine(out, "    "+path)
		if line == "" {
			t.Errorf("summary does not name skipped file %s:\n%s", path, out)
			continue
		}
		if !reason.MatchString(line) {
			t.Errorf("reason for %s does not say %s: %q", path, reason, line)
		}
		if strings.Count(line, path) != 1 {
			t.Errorf("summary line names %s more than once: %q", path, line)
		}
	}

	// ask on a fresh index mentions the skipped files on stderr, and answers.
	getenv, stdout, stderr = testEnv(map[string]string{envCorpus: dir, envIndex: filepath.Join(t.TempDir(), "ask-index")})
	if err := run(t.Context(), []string{"ask", "--json", "Who said the water came up faster than predicted?"}, getenv, nil, stdout, stderr); err != nil {
		t.Fatalf("ask: %v\nstderr: %s", err, stderr)
	}
	if want := fmt.Sprintf("%d files skipped while indexing", len(skips)); !strings.Contains(stderr.String(), want) {
		t.Errorf("ask's stderr does not say %q: %q", want, stderr)
	}
	checkAskJSONShape(t, stdout.Bytes())
}

// summaryLine returns the summary line starting with prefix, "" if none.
func summaryLine(out, prefix string) string {
	for line := range strings.Lines(out) {
		if strings.HasPrefix(line, prefix) {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

func TestIndexArgs(t *testing.T) {
	getenv, stdout, stderr := testEnv(nil)
	err := run(t.Context(), []string{"index", "some/folder"}, getenv, nil, stdout, stderr)
	if !errors.Is(err, errUsage) || !strings.Contains(stderr.String(), `unexpected argument "some/folder"`) {
		t.Errorf("index with a stray argument = %v, stderr %q; want usage naming it", err, stderr)
	}
}

func TestIndexEmptyCorpus(t *testing.T) {
	dir := t.TempDir()
	getenv, stdout, stderr := testEnv(nil)
	if err := run(t.Context(), []string{"index", "--corpus", dir, "--index", filepath.Join(t.TempDir(), "index")}, getenv, nil, stdout, stderr); err != nil {
		t.Fatal(err)
	}
	if want := "note:     no articles found in " + dir + ": add .txt"; !strings.Contains(stdout.String(), want) {
		t.Errorf("summary of an empty corpus does not say %q:\n%s", want, stdout)
	}
}

func TestWriteSummary(t *testing.T) {
	var out bytes.Buffer
	writeSummary(&out, corpusInfo{Dir: "/data/news", IndexDir: "/cache/coveragebot/news-0a1b2c3d4e5f"}, search.UpdateSummary{
		Articles: 1204, Outlets: 1, Passages: 30110, Quotes: 1,
		Added: 3, Changed: 1, Removed: 2, Unchanged: 1198,
		Skipped: []corpus.Skip{
			{Path: "empty.txt", Reason: "file is empty: delete it or fill it"},
			{Path: "feed.jsonl#12", Reason: "line 12 is not valid JSON:\n unexpected end: fix or delete the line"},
		},
		Took: 2345678912,
	})
	checkGolden(t, "index_summary.golden", out.Bytes())
}

func TestProgressLine(t *testing.T) {
	var out bytes.Buffer
	p := &progressLine{terminalLine: terminalLine{w: &out, width: 60}, start: time.Now().Add(-2 * time.Second)}
	p.update(search.Progress{Done: 500, Total: 1000, Path: "outlet/2026/a-very-long-file-name-that-will-not-fit.txt"})
	line := out.String()
	if !strings.HasPrefix(line, "\rindexing 500/1000 files (50%), ") || !strings.Contains(line, "files/s") {
		t.Errorf("progress line = %q", line)
	}
	if drawn := strings.TrimSuffix(strings.TrimPrefix(line, "\r"), "\x1b[K"); len([]rune(drawn)) >= 60 {
		t.Errorf("progress line %q is wider than the terminal (60)", drawn)
	}
	out.Reset()
	p.update(search.Progress{Done: 501, Total: 1000})
	if out.Len() != 0 {
		t.Errorf("redrawn within 100ms: %q", out.String())
	}
	p.clear()
	if out.String() != "\r\x1b[K" {
		t.Errorf("clear wrote %q, want the line erased", out.String())
	}

	// Not a terminal: nothing at all.
	var buf bytes.Buffer
	quiet := newProgressLine(&buf)
	quiet.update(search.Progress{Done: 1, Total: 2})
	quiet.clear()
	if buf.Len() != 0 {
		t.Errorf("progress written to a non-terminal: %q", buf.String())
	}
}

// TestIndexRefusesLinksOutsideCorpus: a link in the corpus to a file
// outside it (notes.md → ../repo/README.md) is not indexed, so neither ask
// nor /article can show that file, and the summary names it.
func TestIndexRefusesLinksOutsideCorpus(t *testing.T) {
	base := t.TempDir()
	dir, repo := filepath.Join(base, "corpus"), filepath.Join(base, "repo")
	for _, d := range []string{dir, repo} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "bridge.txt"), []byte("\"The water came up faster than anyone had predicted,\" Station Commander Tomasz Wilk said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "README.md"), []byte("\"The deploy key is in the vault under hunter2,\" the maintainer Jane Secret said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../repo/README.md", filepath.Join(dir, "notes.md")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	index := filepath.Join(t.TempDir(), "index")
	getenv, stdout, stderr := testEnv(nil)
	if err := run(t.Context(), []string{"index", "--corpus", dir, "--index", index}, getenv, nil, stdout, stderr); err != nil {
		t.Fatalf("index: %v\nstderr: %s", err, stderr)
	}
	out := stdout.String()
	if line := summaryLine(out, "    notes.md"); !strings.Contains(line, "outside the corpus folder") {
		t.Errorf("summary does not name the refused link:\n%s", out)
	}
	if !strings.Contains(out, "holds:    1 articles") && !strings.Contains(out, "holds:    1 article ") {
		t.Errorf("want only bridge.txt indexed:\n%s", out)
	}
	getenv, stdout, stderr = testEnv(map[string]string{envCorpus: dir, envIndex: index})
	if err := run(t.Context(), []string{"ask", "--json", "What did Jane Secret say about the deploy key?"}, getenv, nil, stdout, stderr); err != nil {
		t.Fatalf("ask: %v\nstderr: %s", err, stderr)
	}
	if strings.Contains(stdout.String(), "hunter2") {
		t.Errorf("a file outside the corpus was answered from: %s", stdout)
	}
}

// TestIndexNamesFilesOfOtherTypes: index -h says which formats it reads,
// and a .pdf or .docx in the corpus is named in the summary instead of
// being passed over without a word.
func TestIndexNamesFilesOfOtherTypes(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"a.txt":         "\"The water came up faster than anyone had predicted,\" Station Commander Tomasz Wilk said.\n",
		"notes.pdf":     "%PDF-1.4",
		"report.docx":   "PK",
		"sub/scan.PDF":  "%PDF-1.4",
		".scraper.log":  "hidden: never listed",
		".git/HEAD.pdf": "hidden too",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	getenv, stdout, stderr := testEnv(nil)
	if err := run(t.Context(), []string{"index", "--corpus", dir, "--index", filepath.Join(t.TempDir(), "index")}, getenv, nil, stdout, stderr); err != nil {
		t.Fatalf("index: %v\n%s", err, stderr)
	}
	line := summaryLine(stdout.String(), "  not read:")
	for _, want := range []string{"3 files of other types", ".pdf ×2", ".docx ×1", "notes.pdf", "report.docx", "sub/scan.PDF"} {
		if !strings.Contains(line, want) {
			t.Errorf("summary's not-read line lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(line, "scraper") || strings.Contains(line, "HEAD") {
		t.Errorf("hidden files are listed: %q", line)
	}
	getenv, stdout, stderr = testEnv(nil)
	if err := run(t.Context(), []string{"index", "-h"}, getenv, nil, stdout, stderr); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".txt", ".md", ".html", ".htm", ".jsonl"} {
		if !strings.Contains(stderr.String(), ext) {
			t.Errorf("index -h does not list %s:\n%s", ext, stderr)
		}
	}
}

// TestIndexNothingReadable: a corpus none of whose files can be read is
// not "up to date", and nothing else "was indexed".
func TestIndexNothingReadable(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "b.txt"), []byte("\x00\x01"), 0o644); err != nil {
		t.Fatal(err)
	}
	getenv, stdout, stderr := testEnv(nil)
	if err := run(t.Context(), []string{"index", "--corpus", dir, "--index", filepath.Join(t.TempDir(), "index")}, getenv, nil, stdout, stderr); err != nil {
		t.Fatalf("index: %v\nstderr: %s", err, stderr)
	}
	out := stdout.String()
	if !strings.HasPrefix(out, "Read nothing of ") || !strings.Contains(out, "  skipped:  1:\n") ||
		strings.Contains(out, "up to date") || strings.Contains(out, "everything else") || !strings.Contains(out, "none of its article files could be read") {
		t.Errorf("summary:\n%s", out)
	}
}

// TestIndexSaysProblemsEveryRun: a broken line of a feed file and a
// warning are named on every run while the file stays as it is, not only
// when it is first read.
func TestIndexSaysProblemsEveryRun(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"f.jsonl": `{"source":"Radio Oakmere News","text":"The Old Mill Bridge was closed on Tuesday after engineers found cracks."}` + "\n" +
			`{"source":"Radio Oakmere News","text": broken json` + "\n",
		"warn.md": "---\nsource: Valley Herald\npublished: sometime last week\n---\nVolunteers cleared mud from the library on Wednesday.\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	index := filepath.Join(t.TempDir(), "index")
	for run1 := range 2 {
		getenv, stdout, stderr := testEnv(nil)
		if err := run(t.Context(), []string{"index", "--corpus", dir, "--index", index}, getenv, nil, stdout, stderr); err != nil {
			t.Fatalf("index: %v\nstderr: %s", err, stderr)
		}
		out := stdout.String()
		if summaryLine(out, "    f.jsonl#2") == "" || summaryLine(out, "    warn.md") == "" {
			t.Errorf("run %d does not name f.jsonl#2 and warn.md:\n%s", run1+1, out)
		}
	}
	// The broken line mended (the articles, and so the hash, the same):
	// it is named no more, on this run or the next.
	good, _, _ := strings.Cut(files["f.jsonl"], "\n")
	if err := os.WriteFile(filepath.Join(dir, "f.jsonl"), []byte(good+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for run2 := range 2 {
		getenv, stdout, stderr := testEnv(nil)
		if err := run(t.Context(), []string{"index", "--corpus", dir, "--index", index}, getenv, nil, stdout, stderr); err != nil {
			t.Fatalf("index: %v\nstderr: %s", err, stderr)
		}
		if out := stdout.String(); summaryLine(out, "    f.jsonl#2") != "" || summaryLine(out, "    warn.md") == "" {
			t.Errorf("run %d after the mend names f.jsonl#2, or no longer warn.md:\n%s", run2+1, out)
		}
	}
}
