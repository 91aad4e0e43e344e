package search

import (
	"errors"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
)

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
	// NoTopic reports that the question holds only question and
	// function words ("what is it?", "who said what when"): nothing in it
	// names what it asks about, so nothing was searched. Answers is empty.
	NoTopic  bool
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
	// Quoting, for the outlet's own sentence (Quote false), is the person
	// whose words it quotes in part or whole; "" when none or several.
	Quoting string
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
	Truncated bool // the article was cut short (paywall or cut-off)
	// TruncatedBy says why (corpus.TruncatedByPaywall, …; see
	// corpus.TruncationNote); "" when not cut short.
	TruncatedBy string
	Text        string // this outlet's own wording, verbatim
	Start       int    // byte offsets of Text in the article's cleaned text
	End         int
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
	// What this update (re)indexed: articles cleaned and passages written,
	// re-cleaning for a changed boilerplate model included.
	ArticlesIndexed, PassagesIndexed int
	Skipped                          []corpus.Skip
	// Warnings are articles read and indexed all the same, each with
	// what of it could not be used (a date that is no date, a front
	// matter never closed).
	Warnings []corpus.Skip
	// NotArticles are the files of other types the corpus holds (a .pdf,
	// a log), which are never read.
	NotArticles []string
	Took        time.Duration
}

// Options tune an index.
type Options struct {
	// Progress, when set, is called as files are processed.
	Progress func(Progress)
}

// ErrNotFound is returned when an article id is not in the index.
var ErrNotFound = errors.New("search: not found")

// ErrEmptyQuestion is returned for a question with no words in it.
var ErrEmptyQuestion = errors.New("search: empty question: ask something, e.g. \"What did the minister say about the talks?\"")

// ErrQuestionTooLong is returned (wrapped, with the length) for a question
// over MaxQuestionLength characters.
var ErrQuestionTooLong = errors.New("search: question too long")

// MaxQuestionLength is the longest question accepted, in characters.
const MaxQuestionLength = 500
