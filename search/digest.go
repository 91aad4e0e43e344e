package search

import (
	"time"
)

// Digest is what is new in the coverage over a period: the articles first
// seen in it, grouped into stories, largest first.
type Digest struct {
	Since, Until time.Time
	// Articles is how many new articles the stories hold.
	Articles int
	// Omitted is how many more articles were first seen in the period but
	// left out, the oldest first seen, to keep a digest within
	// MaxDigestArticles.
	Omitted int
	Stories []Story
}

// MaxDigestArticles bounds the articles one digest groups into stories:
// grouping is the digest's cost, and a day's coverage is far smaller. The
// newest first seen are kept.
const MaxDigestArticles = 2000

// Story is a group of articles about the same event.
type Story struct {
	// Headline is an article title, else the story's most central lead
	// sentence, verbatim either way.
	Headline string
	// HeadlineFrom is the article the headline was taken from.
	HeadlineFrom string
	// Outlets are the distinct outlets that covered the story, most articles
	// first.
	Outlets  []string
	Articles []StoryArticle
	// TopQuote is the quote most widely reported across outlets, with every
	// outlet that carried it; nil when the story has no quote.
	TopQuote *Answer
	// Disagreements are figures the outlets give differently.
	Disagreements []Disagreement
	// Syndicated lists groups of articles that run the same report (wire
	// copy with small edits): copies of one report, not independent
	// confirmation.
	Syndicated []Syndication
}

// StoryArticle is one article of a story.
type StoryArticle struct {
	ID        string
	Path      string
	Outlet    string
	URL       string
	Title     string
	Published time.Time // the outlet's own date; zero when unknown
	FirstSeen time.Time // when the index first saw it; zero when unknown
	Truncated bool
}

// Disagreement is one claim (a count of people killed, homes destroyed …)
// that outlets report with different figures. The figures are shown side by
// side, never reconciled.
type Disagreement struct {
	// Claim says what is counted, e.g. "people killed".
	Claim   string
	Figures []Figure
}

// Figure is one outlet's figure for a claim, in its own words.
type Figure struct {
	// Text is the figure as printed, e.g. "more than 100,000 people".
	Text string
	// Value is the number; Qualifier what the outlet hedged it with
	// ("more than", "about"), "" when stated flatly.
	Value     float64
	Qualifier string
	// Sentence is the outlet's whole sentence, verbatim.
	Sentence  string
	Outlet    string
	URL       string
	Published time.Time
	ArticleID string
	Start     int // byte offsets of Text in the article's cleaned text
	End       int
}

// Syndication is a set of articles that run one report.
type Syndication struct {
	Outlets    []string
	ArticleIDs []string
	// Agency names the wire service the copies credit, "" when they do not
	// agree on one.
	Agency string
	// Overlap is the smallest share of sentences any two copies share.
	Overlap float64
}
