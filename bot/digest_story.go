package bot

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/search"
)

// storyEmbed renders one story within a single embed's limits. Each
// section is bounded (article lines, quote and excerpt lengths, figures),
// and the description is built from whole lines and blocks, links and all:
// when it would still be too long, earlier sections give way first, so the
// figures the outlets disagree on stay, and a line says what was left out.
func storyEmbed(s search.Story, n, of int, loc *time.Location) Embed {
	e := Embed{
		Title:  escapeTruncate(s.Headline, MaxEmbedTitle, escapeMarkdown),
		Color:  digestColor,
		Footer: fmt.Sprintf("Story %d of %d · %s", n, of, digestCount(len(s.Articles), "article", "articles")),
	}
	if strings.TrimSpace(e.Title) == "" {
		e.Title = "Untitled story"
	}
	for _, a := range s.Articles {
		if a.ID == s.HeadlineFrom {
			e.URL = safeURL(a.URL)
		}
	}
	p := newStoryParts(s)
	if len(p.disagreements) > 0 {
		e.Color = digestWarnColor
	}
	e.Description = p.fit(MaxEmbedDescription)
	return e
}

// storyParts are the whole lines and blocks of a story's description, and
// how many of each kind are left out.
type storyParts struct {
	outlets           string
	articles          []string
	moreArticles      int
	quote             string
	quoteLeftOut      bool
	disagreements     []disagreementParts
	moreDisagreements int
	syndicated        []string
	moreSyndicated    int
}

// disagreementParts is one claim's heading and figure lines.
type disagreementParts struct {
	head    string
	figures []string
	more    int
}

// minFigures is what a disagreement keeps: two figures side by side.
const minFigures = 2

func newStoryParts(s search.Story) storyParts {
	p := storyParts{outlets: storyOutletsLine(s)}
	for i, a := range s.Articles {
		if i == digestArticleLines {
			p.moreArticles = len(s.Articles) - i
			break
		}
		p.articles = append(p.articles, articleLine(a))
	}
	if q := s.TopQuote; q != nil {
		p.quote = topQuoteBlock(*q)
	}
	for i, d := range s.Disagreements {
		if i == digestDisagreements {
			p.moreDisagreements = len(s.Disagreements) - i
			break
		}
		p.disagreements = append(p.disagreements, newDisagreementParts(d))
	}
	for _, syn := range s.Syndicated {
		p.syndicated = append(p.syndicated, syndicationLine(syn))
	}
	return p
}

// fit is the description within max characters: items are left out, the
// least important first, and as a last resort whole trailing lines.
func (p *storyParts) fit(max int) string {
	desc := p.String()
	for utf8.RuneCountInString(desc) > max && p.shorten() {
		desc = p.String()
	}
	return wholeLines(desc, max)
}

// shorten leaves out one more item and reports whether there was one: the
// article lines, the copies and the quote go before any figure, then the
// figures past two a claim, then whole claims but the first.
func (p *storyParts) shorten() bool {
	switch {
	case len(p.articles) > 0:
		p.articles = p.articles[:len(p.articles)-1]
		p.moreArticles++
	case len(p.syndicated) > 0:
		p.syndicated = p.syndicated[:len(p.syndicated)-1]
		p.moreSyndicated++
	case p.quote != "":
		p.quote, p.quoteLeftOut = "", true
	default:
		// The figure from the disagreement showing the most (the last on a
		// tie), so every claim keeps its figures side by side.
		most := -1
		for i, d := range p.disagreements {
			if len(d.figures) > minFigures && (most < 0 || len(d.figures) >= len(p.disagreements[most].figures)) {
				most = i
			}
		}
		if most >= 0 {
			d := &p.disagreements[most]
			d.figures = d.figures[:len(d.figures)-1]
			d.more++
			return true
		}
		if len(p.disagreements) <= 1 {
			return false
		}
		p.disagreements = p.disagreements[:len(p.disagreements)-1]
		p.moreDisagreements++
	}
	return true
}

// String is the description: each kind of item in its place, and a line
// for each kind saying how many were left out.
func (p storyParts) String() string {
	var b strings.Builder
	b.WriteString(p.outlets)
	for _, l := range p.articles {
		b.WriteString("\n• " + l)
	}
	switch {
	case p.moreArticles > 0 && len(p.articles) == 0:
		fmt.Fprintf(&b, "\n…%s not listed", digestCount(p.moreArticles, "article", "articles"))
	case p.moreArticles > 0:
		fmt.Fprintf(&b, "\n…and %s more", digestCount(p.moreArticles, "article", "articles"))
	}
	if p.quote != "" {
		b.WriteString("\n\n" + p.quote)
	}
	if p.quoteLeftOut {
		b.WriteString("\n\n…the most widely reported quote is left out to fit")
	}
	for _, d := range p.disagreements {
		b.WriteString("\n\n" + d.head)
		for _, f := range d.figures {
			b.WriteString("\n• " + f)
		}
		if d.more > 0 {
			fmt.Fprintf(&b, "\n…and %d more", d.more)
		}
	}
	if p.moreDisagreements > 0 {
		fmt.Fprintf(&b, "\n\n…and %d more figures the outlets disagree on", p.moreDisagreements)
	}
	for _, l := range p.syndicated {
		b.WriteString("\n\n" + l)
	}
	if p.moreSyndicated > 0 {
		fmt.Fprintf(&b, "\n\n…and %s", digestCount(p.moreSyndicated, "more report copied by several outlets", "more reports copied by several outlets"))
	}
	return b.String()
}

// wholeLines is s within max characters, cut after its last whole line
// that fits, so no line and no link in it is cut part way; only a first
// line longer than max is cut, on a word.
func wholeLines(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n, end := 0, 0
	for _, line := range strings.SplitAfter(s, "\n") {
		if n += utf8.RuneCountInString(line); n > max {
			break
		}
		end += len(line)
	}
	if end == 0 {
		first, _, _ := strings.Cut(s, "\n")
		return Truncate(first, max)
	}
	return strings.TrimRight(s[:end], "\n")
}

func newDisagreementParts(d search.Disagreement) disagreementParts {
	p := disagreementParts{head: "⚠️ **Outlets disagree: " + escapeInline(d.Claim) + "**"}
	for i, f := range d.Figures {
		if i == digestFigures {
			p.more = len(d.Figures) - i
			break
		}
		who := escapeInline(Truncate(outletName(f.Outlet), 60))
		if link := linkURL(f.URL); link != "" && len(link) < maxInlineLink {
			who = "[" + who + "](" + link + ")"
		}
		if !f.Published.IsZero() {
			who += ", " + f.Published.Format("2 Jan 2006")
		}
		p.figures = append(p.figures, fmt.Sprintf("**%s** — %s: “%s”", escapeInline(f.Text), who, figureExcerpt(f)))
	}
	return p
}
