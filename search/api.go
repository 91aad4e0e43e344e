package search

import (
	"context"
	"errors"
	"io/fs"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
)

// CONTRACT SKELETON: signatures are fixed; bodies are being written.

// Question is what a user asked, with optional filters.
type Question struct {
	Text    string
	Limit   int    // at most this many answers; 0 means the default (5)
	Outlet  string // only answers reported by this outlet (case-insensitive)
	Speaker string // only quotes by this speaker
}

// Answers is the result of a question. An empty Answers list means nothing
// in the coverage answers the question.
type Answers struct {
	Question string
	Answers  []Answer
	Searched Coverage
	Took     time.Duration
}

// Answer is one passage (a quote or a sentence) and every outlet that
// reported it.
type Answer struct {
	// Quote reports whether Text is a direct quotation.
	Quote bool
	// Text is verbatim: the exact words of the first report's article,
	// checked against its cleaned text when the answer was built.
	Text    string
	Speaker string // "" when unattributed
	Reports []Report
	Score   float64
}

// Report is one outlet's printing of an answer.
type Report struct {
	Outlet    string
	URL       string    // "" when unknown
	Published time.Time // zero when unknown
	ArticleID string    // corpus.Article.ID
	Article   string    // source file, relative to the corpus root
	Title     string
	Truncated bool   // the article was cut short (paywall or cut-off)
	Text      string // this outlet's own wording, verbatim
	Start     int    // byte offsets of Text in the article's cleaned text
	End       int
}

// Coverage says how much was searched.
type Coverage struct {
	Articles int
	Outlets  int
}

// OutletStats describes one outlet in the index.
type OutletStats struct {
	Outlet      string
	Articles    int
	First, Last time.Time // published date range; zero when unknown
}

// Progress reports how far an Update has got.
type Progress struct {
	Done, Total int
	Path        string
}

// UpdateSummary says what an Update did.
type UpdateSummary struct {
	Articles, Outlets, Passages, Quotes int // in the index after the update
	Added, Changed, Removed, Unchanged  int // files
	Skipped                             []corpus.Skip
	Took                                time.Duration
}

// Options tune an index.
type Options struct {
	// Progress, when set, is called as files are processed.
	Progress func(Progress)
}

// Index is a passage index on disk.
type Index struct{}

// ErrNotFound is returned when an article id is not in the index.
var ErrNotFound = errors.New("search: not found")

// Open opens the index in dir, creating it when missing.
func Open(ctx context.Context, dir string) (*Index, error) {
	return nil, errors.New("search: Open not written yet")
}

// Close closes the index.
func (ix *Index) Close() error { return nil }

// Update brings the index in line with the corpus in fsys: new and changed
// files are (re)indexed, deleted ones removed, unchanged ones left alone.
func (ix *Index) Update(ctx context.Context, fsys fs.FS, opts Options) (UpdateSummary, error) {
	return UpdateSummary{}, errors.New("search: Update not written yet")
}

// Answer answers a question from the index.
func (ix *Index) Answer(ctx context.Context, q Question) (Answers, error) {
	return Answers{}, errors.New("search: Answer not written yet")
}

// Quotes returns what speaker is quoted as saying, optionally about a topic,
// grouped across outlets.
func (ix *Index) Quotes(ctx context.Context, speaker, about string, limit int) (Answers, error) {
	return Answers{}, errors.New("search: Quotes not written yet")
}

// Article returns a cleaned article by id.
func (ix *Index) Article(ctx context.Context, id string) (*corpus.Article, error) {
	return nil, ErrNotFound
}

// Outlets lists the outlets in the index with article counts and dates.
func (ix *Index) Outlets(ctx context.Context) ([]OutletStats, error) { return nil, nil }

// Speakers lists quoted speakers whose name contains prefix (case-insensitive),
// most quoted first, for autocomplete.
func (ix *Index) Speakers(ctx context.Context, prefix string, limit int) ([]string, error) {
	return nil, nil
}

// Coverage reports how many articles and outlets the index holds.
func (ix *Index) Coverage() Coverage { return Coverage{} }
