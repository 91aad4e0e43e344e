package corpus

import "time"

// Article is one cleaned article. Every offset in it is a byte offset into
// Text, so anything quoted from the article can be cut from Text verbatim.
type Article struct {
	// ID identifies the article within its corpus: Path for files holding one
	// article, Path + "#" + line number for JSON lines files.
	ID string
	// Path is the source file, relative to the corpus root, slash-separated.
	Path string
	// Outlet is the publication's name; "unknown" when nothing names it.
	Outlet string
	// OutletFrom says how Outlet was found.
	OutletFrom OutletSource
	URL        string
	// Published is the outlet's own date; zero when unknown.
	Published time.Time
	Title     string
	Language  string

	// Text is the cleaned story, paragraphs separated by a blank line.
	Text       string
	Paragraphs []Paragraph
	Sentences  []Sentence
	Quotes     []Quote

	// Truncated reports whether the scrape stops before the story does
	// (a paywall, or text cut off mid-story); TruncatedBy says which.
	Truncated   bool
	TruncatedBy string

	// Hash is the hex SHA-256 of the source bytes the article came from.
	Hash string
}

// OutletSource says where an article's outlet name came from.
type OutletSource string

// Where an outlet name can come from, most trusted first.
const (
	OutletFromMetadata  OutletSource = "metadata"  // front matter or JSON field
	OutletFromURL       OutletSource = "url"       // the url's host
	OutletFromSignature OutletSource = "signature" // named in the dropped boilerplate
	OutletFromDateline  OutletSource = "dateline"  // named before the dateline: "Newscast Media PARIS—"
	OutletUnknown       OutletSource = "unknown"
)

// Paragraph is a paragraph of Article.Text.
type Paragraph struct {
	Start, End int
	// Line is the 1-based line of the source file the paragraph came from,
	// 0 when the source has no lines of its own (HTML, JSON text).
	Line    int
	Heading bool
}

// Sentence is a sentence of Article.Text.
type Sentence struct {
	Start, End int
	Paragraph  int // index into Article.Paragraphs
}

// Quote is a direct quotation in an article.
type Quote struct {
	// Start and End bound the quoted words in Article.Text, the outer quote
	// marks excluded. A quotation is one Quote however many sentences it
	// runs over; one its attribution interrupts (`"We will not reopen,"
	// she said. "Not this year."`) holds the interruption as printed, so
	// Text[Start:End] between a pair of quote marks reads as the article.
	Start, End int
	// Speaker is the canonical name of who said it, "" when the article does
	// not say clearly; no speaker is preferred to a wrong one.
	Speaker string
	// Attribution says how Speaker was found: "explicit" (a reporting verb
	// beside the quote), "pronoun" (he/she said, resolved to the last named
	// speaker of that gender, or a title such as "the minister said",
	// resolved to the person the article introduced with it), "carried"
	// (an unattributed quote paragraph following a named speaker) or ""
	// when Speaker is empty. A quote whose attribution describes someone
	// the article does not name ("a spokesman said", "officials said") has
	// no speaker.
	Attribution string
	Paragraph   int // index into Article.Paragraphs
	Sentence    int // index into Article.Sentences of the sentence holding Start
	// Partial reports whether the quote is a fragment inside the reporter's
	// own sentence rather than a whole quoted statement.
	Partial bool
}

// QuoteText returns the quote's words exactly as the article prints them.
func (a *Article) QuoteText(q Quote) string { return a.Text[q.Start:q.End] }

// SentenceText returns the sentence's words exactly as the article prints them.
func (a *Article) SentenceText(s Sentence) string { return a.Text[s.Start:s.End] }
