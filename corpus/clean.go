package corpus

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Why an article was cut short, for Article.TruncatedBy.
const (
	TruncatedByPaywall = "paywall"
	TruncatedByCutOff  = "cut-off"
	// TruncatedByFeed: the page could not be fetched or read (blocked,
	// paywalled, empty), and the text is what the outlet's feed carried,
	// often a summary. Set by a JSON line's "truncated_by": "feed".
	TruncatedByFeed = "feed"
	// TruncatedByTooLong: the text was longer than MaxArticleSize and was
	// cut at the last sentence that fits, by whoever wrote the file (a
	// feed's item of megabytes), rather than the article lost whole.
	TruncatedByTooLong = "too long"
)

// TruncationNote says in words why an article was cut short, given its
// TruncatedBy: a reader must not take a teaser for the whole story, nor
// be told of a paywall that was not there.
func TruncationNote(truncatedBy string) string {
	switch {
	case strings.Contains(strings.ToLower(truncatedBy), TruncatedByPaywall):
		return "article truncated by paywall"
	case truncatedBy == TruncatedByFeed:
		return "page unreadable, feed's text only"
	case truncatedBy == TruncatedByTooLong:
		return fmt.Sprintf("article cut at the %d MB limit on one article's text", MaxArticleSize>>20)
	}
	return "article cut off before the story ends"
}

// Clean turns a document into a clean article: junk lines dropped,
// sentences split, quotes and speakers found, truncation marked.
// bp may be nil, in which case no cross-article rule applies.
func Clean(d *Document, bp *Boilerplate) *Article {
	a := &Article{
		ID:         d.ID,
		Path:       d.Path,
		Outlet:     d.Outlet,
		OutletFrom: d.OutletFrom,
		URL:        d.URL,
		Published:  d.Published,
		Title:      d.Title,
		Language:   d.Language,
		Hash:       d.Hash,
	}
	infos, cutOff := classify(d.Lines, d.Outlet, bp, d.Language)
	if strings.TrimSpace(a.Outlet) == "" {
		if s := signature(infos); s != "" {
			a.Outlet, a.OutletFrom = s, OutletFromSignature
		} else {
			a.Outlet, a.OutletFrom = string(OutletUnknown), OutletUnknown
		}
	}

	var text strings.Builder
	lastKept := -1
	for i, in := range infos {
		if !in.keep {
			continue
		}
		if text.Len() > 0 {
			text.WriteString("\n\n")
		}
		start := text.Len()
		text.WriteString(in.text)
		a.Paragraphs = append(a.Paragraphs, Paragraph{Start: start, End: text.Len(), Line: d.Lines[i].Number, Heading: in.heading})
		lastKept = i
	}
	a.Text = text.String()
	a.analyseBy(writers(infos))
	if a.OutletFrom == OutletUnknown {
		if o := a.datelineOutlet(); o != "" {
			a.Outlet, a.OutletFrom = o, OutletFromDateline
		}
	}
	if strings.TrimSpace(a.Title) == "" {
		a.Title = headline(infos, a.Text)
	}

	switch {
	case lastKept >= 0 && paywallAfter(infos, lastKept):
		a.Truncated, a.TruncatedBy = true, TruncatedByPaywall
	case cutOff:
		a.Truncated, a.TruncatedBy = true, TruncatedByCutOff
	case d.TruncatedBy != "":
		a.Truncated, a.TruncatedBy = true, d.TruncatedBy
	}
	return a
}

// paywallAfter reports whether the lines after the story hold a paywall:
// a prompt that says the rest is for subscribers, so the scrape ended at a
// wall, not at the story's end. A promotion ("Subscribe now: your first
// month for $1") after a finished story is junk but cuts nothing short.
func paywallAfter(infos []lineInfo, last int) bool {
	for _, in := range infos[last+1:] {
		if in.fam == famTemplate || in.fam == famPaywall && containsAny(strings.ToLower(in.text), wallPhrases) {
			return true
		}
	}
	return false
}

// wallPhrases are the paywall prompts that say the article goes on behind
// the wall, unlike offers that only sell a subscription.
var wallPhrases = []string{
	"reached your limit", "free articles", "free article", "article limit", "continue reading",
	"subscribe to read", "subscribe to continue", "sign up to read", "register to read",
	"subscribers only", "for subscribers", "already subscribed", "already a subscriber",
	"already have an account", "paywall", "read the full", "full story", "full article",
}

// analyse splits the article's paragraphs into sentences and finds its
// quotes. A heading is one sentence of its own; a quotation is never cut
// between two sentences, however many full stops it holds.
func (a *Article) analyse() { a.analyseBy(nil) }

// analyseBy analyses the article written by writers (the names its
// byline gives), who are never the speaker of a quote.
func (a *Article) analyseBy(writers []string) {
	a.Sentences = a.Sentences[:0]
	var spans []quoteSpan
	for pi, p := range a.Paragraphs {
		if p.Heading {
			a.Sentences = append(a.Sentences, Sentence{Start: p.Start, End: p.End, Paragraph: pi})
			continue
		}
		ps := quoteSpans(a.Text, p.Start, p.End, pi)
		spans = append(spans, ps...)
		for _, s := range keepQuotationsWhole(splitSentences(a.Text[p.Start:p.End]), ps, p.Start) {
			a.Sentences = append(a.Sentences, Sentence{Start: p.Start + s[0], End: p.Start + s[1], Paragraph: pi})
		}
	}
	a.Quotes = findQuotes(a, spans)
	for i := range a.Quotes {
		if q := &a.Quotes[i]; q.Speaker != "" && wrote(writers, q.Speaker) {
			q.Speaker, q.Attribution = "", ""
		}
	}
}

// writers returns the names the byline lines credit: "By Jane Doe and
// Ken Ito", "Reporting by Tom Wells; Editing by Alex Hart".
func writers(infos []lineInfo) []string {
	var out []string
	for _, in := range infos {
		if in.fam != famByline {
			continue
		}
		toks := tokenize(in.text, 0)
		for i := 0; i < len(toks); i++ {
			if !toks[i].word || !isNameWord(toks[i].text) || strings.EqualFold(toks[i].text, "by") {
				continue
			}
			phrase, next := namePhraseForward(toks, i)
			if p, ok := personFrom(phrase); ok && len(p.words) >= 2 {
				out = append(out, strings.Join(p.words, " "))
			}
			i = max(i, next-1)
		}
	}
	return out
}

// wrote reports whether the speaker's name is one of the writers'
// ("Doe" or "Jane Doe" for Jane Doe).
func wrote(writers []string, speaker string) bool {
	for _, w := range writers {
		if fits(strings.Fields(speaker), strings.Fields(w)) {
			return true
		}
	}
	return false
}

// datelineOutlet returns the outlet the first paragraph's dateline names
// before its place ("Newscast Media PARIS—"), "" when there is none.
func (a *Article) datelineOutlet() string { return a.firstDateline().outlet }

// headline returns the line a scrape without metadata opens with when it
// reads like a headline: before the story, a few capitalised words, not
// junk, and about the story: it shares a word with the story's opening
// (story, the cleaned text). Page furniture reads like a headline too
// ("Play Live Radio", "Was wir bereits wissen", "Zum Inhalt springen")
// but names nothing the story tells. "" when there is none.
func headline(infos []lineInfo, story string) string {
	var lead map[string]bool
	for _, in := range infos {
		if in.keep {
			return ""
		}
		if in.fam == famNone && (in.heading || headingLike(&in)) && in.st.words >= 3 {
			if lead == nil {
				lead = headlineWords(story[:storyOpening(story)])
			}
			for w := range headlineWords(in.text) {
				if lead[w] {
					return in.text
				}
			}
		}
	}
	return ""
}

// headlineOpening is how much of the story (in bytes) a headline is
// compared with: its first paragraphs, where a report says what its
// headline does.
const headlineOpening = 1500

// storyOpening is the end of the story's opening, at a character boundary.
func storyOpening(story string) int {
	if len(story) <= headlineOpening {
		return len(story)
	}
	end := headlineOpening
	for end > 0 && !utf8.RuneStart(story[end]) {
		end--
	}
	return end
}

// headlineWords are the words of s that can tie a headline to its story:
// lower case, of five letters or more, so "with", "from" and "that" (and
// their like in other languages) tie nothing; each cut to its first five
// letters, so "rescued" in a headline meets "rescue" in the story.
func headlineWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if r := []rune(w); len(r) >= 5 {
			out[string(r[:5])] = true
		}
	}
	return out
}
