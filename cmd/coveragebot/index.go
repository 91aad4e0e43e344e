package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

const indexUsage = `Usage: coveragebot index [--corpus DIR] [--index DIR]

Builds the index of a folder of scraped articles, or brings it up to date:
new and changed files are indexed, deleted ones removed, unchanged ones left
alone. Ends with a summary, including every file skipped and why.

Formats, by extension (sub-folders are read; hidden files and folders are
not):
  .txt, .md     plain text, paragraphs by line or blank line, with an
                optional front matter (source, url, published, title)
  .html, .htm   a saved web page: the story's text and the page's metadata
  .jsonl        one article per line: {"source", "url", "published",
                "title", and "text" or "html"}, or NewsAPI's articles
Files of other types (.pdf, .docx, …) are not read; the summary lists them.

Flags:
`

func runIndex(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(twoDashes{e.stderr})
	fs.Usage = func() {
		fmt.Fprint(e.stderr, indexUsage)
		printFlags(fs)
	}
	cf := addCorpusFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "coveragebot index: unexpected argument %q (the corpus folder goes after --corpus)\n\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}

	progress := newProgressLine(e.stderr)
	ix, info, sum, err := openIndex(ctx, e, cf.corpus, cf.index, "", search.Options{Progress: progress.update})
	progress.clear()
	if err != nil {
		return err
	}
	if err := ix.Close(); err != nil {
		return fmt.Errorf("close index %s: %w", info.IndexDir, err)
	}
	writeSummary(e.stdout, info, sum)
	return nil
}

// writeSummary prints what an update did: what the index holds, which files
// changed, and every file skipped with its reason.
func writeSummary(w io.Writer, info corpusInfo, sum search.UpdateSummary) {
	switch {
	case sum.Articles == 0 && slices.ContainsFunc(sum.Skipped, articleSkip):
		// nothing could be read: not "up to date", whatever changed
		fmt.Fprintf(w, "Read nothing of %s in %s\n", info.Describe(), roundDuration(sum.Took))
	case sum.Added+sum.Changed+sum.Removed == 0:
		fmt.Fprintf(w, "Index of %s is up to date (checked in %s)\n", info.Describe(), roundDuration(sum.Took))
	default:
		fmt.Fprintf(w, "Indexed %s in %s\n", info.Describe(), roundDuration(sum.Took))
	}
	fmt.Fprintf(w, "  index:    %s\n", info.IndexDir)
	fmt.Fprintf(w, "  holds:    %s from %s; %s, %s\n",
		plural(sum.Articles, "article"), plural(sum.Outlets, "outlet"),
		plural(sum.Passages, "passage"), plural(sum.Quotes, "quote"))
	fmt.Fprintf(w, "  files:    %d added, %d changed, %d removed, %d unchanged\n",
		sum.Added, sum.Changed, sum.Removed, sum.Unchanged)
	switch {
	case sum.Articles == 0 && slices.ContainsFunc(sum.Skipped, articleSkip):
		fmt.Fprintln(w, "  note:     none of its article files could be read: each is named below with why and what to do")
	case sum.Articles == 0:
		fmt.Fprintf(w, "  note:     %s\n", noArticlesHint(info))
	}
	if line := notArticlesLine(sum.NotArticles); line != "" {
		fmt.Fprintf(w, "  not read: %s\n", line)
	}
	if len(sum.Warnings) > 0 {
		fmt.Fprintf(w, "  warnings: %d (indexed all the same):\n", len(sum.Warnings))
		for _, s := range sum.Warnings {
			fmt.Fprintf(w, "    %s: %s\n", s.Path, oneLine(s.Reason))
		}
	}
	if len(sum.Skipped) == 0 {
		fmt.Fprintln(w, "  skipped:  none")
		return
	}
	if sum.Articles == 0 {
		fmt.Fprintf(w, "  skipped:  %d:\n", len(sum.Skipped))
	} else {
		fmt.Fprintf(w, "  skipped:  %d (everything else was indexed):\n", len(sum.Skipped))
	}
	for _, s := range sum.Skipped {
		fmt.Fprintf(w, "    %s: %s\n", s.Path, oneLine(s.Reason))
	}
}

// notArticlesLine says, on one line, which files of other types the corpus
// holds and were not read: their types, the first few names, and what to
// do; "" when there are none.
func notArticlesLine(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	exts := map[string]int{}
	var order []string
	for _, p := range paths {
		ext := strings.ToLower(filepath.Ext(p))
		if ext == "" {
			ext = "no extension"
		}
		if exts[ext] == 0 {
			order = append(order, ext)
		}
		exts[ext]++
	}
	kinds := make([]string, 0, len(order))
	for _, ext := range order {
		kinds = append(kinds, fmt.Sprintf("%s ×%d", ext, exts[ext]))
	}
	const shown = 5
	names := strings.Join(paths[:min(len(paths), shown)], ", ")
	if len(paths) > shown {
		names += fmt.Sprintf(" and %d more", len(paths)-shown)
	}
	return fmt.Sprintf("%s of other types (%s): %s — only .txt, .md, .html, .htm and .jsonl are read; convert the articles among them to one of those",
		plural(len(paths), "file"), strings.Join(kinds, ", "), names)
}

// progressLine draws a single, updating line on a terminal while a large
// corpus is indexed: files done of total, rate, and the current file. On
// anything that is not a terminal it draws nothing, so logs and pipes stay
// clean.
type progressLine struct {
	terminalLine // its mutex also guards last: Progress may be called from the indexer's workers
	start        time.Time
	last         time.Time
}

// terminalLine is one line redrawn in place on a terminal; on anything
// else (w nil) nothing is drawn.
type terminalLine struct {
	w     io.Writer
	width int
	mu    sync.Mutex
	drawn bool
}

// terminalOf returns w and its width when w is a terminal, else nil.
func terminalOf(w io.Writer) (io.Writer, int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width < 20 {
		width = 80
	}
	return w, width
}

// drawLocked replaces the line with line, cut to the terminal's width; the
// caller holds mu.
func (t *terminalLine) drawLocked(line string) {
	fmt.Fprintf(t.w, "\r%s\x1b[K", truncateRunes(line, t.width-1))
	t.drawn = true
}

// clear removes the line so what follows starts on a clean one.
func (t *terminalLine) clear() {
	if t.w == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.drawn {
		fmt.Fprint(t.w, "\r\x1b[K")
		t.drawn = false
	}
}

// progressDelay keeps small corpora, which index in a blink, from flashing a
// line that is cleared at once.
const progressDelay = 300 * time.Millisecond

func newProgressLine(w io.Writer) *progressLine {
	p := &progressLine{start: time.Now()}
	p.w, p.width = terminalOf(w)
	return p
}

func (p *progressLine) update(pr search.Progress) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	elapsed := now.Sub(p.start)
	if elapsed < progressDelay || (now.Sub(p.last) < 100*time.Millisecond && pr.Done != pr.Total) {
		return
	}
	p.last = now
	line := fmt.Sprintf("indexing %d/%d files", pr.Done, pr.Total)
	if pr.Total > 0 {
		line += fmt.Sprintf(" (%d%%)", pr.Done*100/pr.Total)
	}
	line += fmt.Sprintf(", %.0f files/s", float64(pr.Done)/elapsed.Seconds())
	if pr.Path != "" {
		line += "  " + pr.Path
	}
	p.drawLocked(line)
}

// noArticlesHint says what to do when a corpus yields no article at all.
func noArticlesHint(info corpusInfo) string {
	return fmt.Sprintf("no articles found in %s: add .txt, .md, .html, .htm or .jsonl files (sub-folders are fine), or pass the right folder with --corpus DIR", info.Describe())
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d
}

// oneLine keeps a reason on its line of the summary.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if n <= 0 || len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// articleSkip reports whether s is an article file (or a record of one)
// that could not be read, not a link or folder the scan passed over.
func articleSkip(s corpus.Skip) bool {
	file, _, _ := strings.Cut(s.Path, "#") // "feed.jsonl#12" is a line of feed.jsonl
	return corpus.IsArticlePath(file)
}
