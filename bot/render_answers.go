package bot

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

// Colours of the bot's embeds.
const (
	colorAnswer  = 0x2b6cb0
	colorArticle = 0x4a5568
)

// answersPerPage keeps a page of answers readable on a phone and well
// inside the 6,000-character embed total.
const answersPerPage = 5

// maxReportLines is how many outlets an answer lists one per line; the
// rest are named on one line.
const maxReportLines = 5

// answersPage renders one page of answers as an embed with a field per
// answer, plus "Read" buttons for the page's articles and paging buttons.
func answersPage(title, description string, ans search.Answers, searched search.Coverage, ref pageRef) Reply {
	page, lo, hi, pages := pageOf(ref.Page, len(ans.Answers), answersPerPage)
	ref.Page = page
	e := Embed{Title: title, Description: description, Color: colorAnswer}
	for i, a := range ans.Answers[lo:hi] {
		e.Fields = append(e.Fields, Field{Name: answerName(lo+i+1, a), Value: answerValue(a)})
	}
	e.Footer = searchedFooter(searched)
	if pages > 1 {
		e.Footer += fmt.Sprintf(" · Page %d of %d", page+1, pages)
	}
	r := Reply{Embeds: []Embed{e}}
	if row := articleButtons(ans.Answers[lo:hi]); row != nil {
		r.Components = append(r.Components, row)
	}
	if row := pageRow(ref, pages); row != nil {
		r.Components = append(r.Components, row)
	}
	return r
}

func answerName(n int, a search.Answer) string {
	switch {
	case a.Speaker != "":
		return fmt.Sprintf("%d. %s", n, escapeTruncate(a.Speaker, MaxFieldName-8, escapeInline))
	case a.Quote:
		return fmt.Sprintf("%d. Unattributed quote", n)
	case a.Quoting != "":
		return fmt.Sprintf("%d. From the reporting, quoting %s", n, escapeTruncate(a.Quoting, MaxFieldName-40, escapeInline))
	default:
		return fmt.Sprintf("%d. From the reporting", n)
	}
}

// answerValue is the quote in quotation marks, then every outlet that
// reported it, within Discord's 1,024 characters. The quote keeps its room
// (all of it, or at least minQuoteRoom characters): when the outlet lines
// are long they shrink first — their links go, then outlets past the first
// few are counted instead of named.
func answerValue(a search.Answer) string {
	text := strings.TrimSpace(a.Text)
	esc := escapeMarkdown
	marks := 0
	if a.Quote {
		esc, marks = escapeInline, 2
	}
	quoteNeed := min(utf8.RuneCountInString(esc(text))+marks, minQuoteRoom)
	reports := fitReports(search.SortReports(a.Reports), MaxFieldValue-quoteNeed-1)
	room := MaxFieldValue - utf8.RuneCountInString(reports) - 1 - marks
	if a.Quote {
		opening, closing := corpus.QuoteMarks(text)
		return opening + escapeTruncate(text, room, esc) + closing + "\n" + reports
	}
	return escapeTruncate(text, room, esc) + "\n" + reports
}

// minQuoteRoom is the least room a quote keeps in an answer's field,
// whatever its outlets' lines take.
const minQuoteRoom = 640

// fitReports lists the outlets in at most room characters, in the longest
// form that fits: with links; without links; the first few without links
// and the rest counted.
func fitReports(reports []search.Report, room int) string {
	for _, links := range []bool{true, false} {
		if s := reportLines(reports, links); utf8.RuneCountInString(s) <= room {
			return s
		}
	}
	for n := min(len(reports), maxReportLines) - 1; n >= 0; n-- {
		lines := make([]string, 0, n+1)
		for _, r := range reports[:n] {
			lines = append(lines, "— "+reportLine(r, false))
		}
		lines = append(lines, fmt.Sprintf("— and %s", plural(len(reports)-n, "more outlet")))
		if n == 0 {
			lines[0] = "— reported by " + plural(len(reports), "outlet")
		}
		if s := strings.Join(lines, "\n"); utf8.RuneCountInString(s) <= room || n == 0 {
			return s
		}
	}
	return ""
}

// reportLines is one line per outlet, up to maxReportLines, then one line
// naming the rest.
func reportLines(reports []search.Report, links bool) string {
	var b strings.Builder
	for i, r := range reports {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i == maxReportLines {
			rest := make([]string, 0, len(reports)-i)
			for _, r := range reports[i:] {
				rest = append(rest, outletName(r.Outlet))
			}
			b.WriteString(escapeTruncate(fmt.Sprintf("— and %d more: %s", len(rest), strings.Join(rest, ", ")), 300, escapeInline))
			break
		}
		b.WriteString("— ")
		b.WriteString(reportLine(r, links))
	}
	return b.String()
}

// reportLine is "[Outlet](url), 2 Jan 2014" (the outlet without a link
// when links is false), with a note when the article was cut short,
// saying why (a paywall, a cut-off scrape, a feed's text only).
func reportLine(r search.Report, links bool) string {
	outlet := escapeTruncate(outletName(r.Outlet), 80, escapeInline)
	s := outlet
	if link := linkURL(r.URL); links && link != "" && len(link) < maxInlineLink {
		s = "[" + outlet + "](" + link + ")"
	}
	if d := formatDate(r.Published); d != "" {
		s += ", " + d
	}
	if r.Truncated {
		s += " · *" + corpus.TruncationNote(r.TruncatedBy) + "*"
	}
	return s
}

// articleButtons offers a "Read" button for each distinct article on the
// page (up to a row of five).
func articleButtons(answers []search.Answer) Row {
	var row Row
	seen := map[string]bool{}
	for _, a := range answers {
		for _, r := range a.Reports {
			if len(row) == MaxButtonsPerRow {
				return row
			}
			if r.ArticleID == "" || seen[r.ArticleID] {
				continue
			}
			id := articleCustomID(r.ArticleID)
			seen[r.ArticleID] = true
			row = append(row, Button{Label: "Show article: " + plainText(outletName(r.Outlet)), CustomID: id, Style: ButtonSecondary})
		}
	}
	return row
}

// outletName is how an outlet is named to people; the corpus says
// "unknown" when nothing in an article names its outlet.
func outletName(o string) string {
	if isUnknownOutlet(o) {
		return "Unknown outlet"
	}
	return strings.TrimSpace(o)
}

// isUnknownOutlet reports whether nothing in the article named its outlet.
func isUnknownOutlet(o string) bool {
	o = strings.TrimSpace(o)
	return o == "" || strings.EqualFold(o, string(corpus.OutletUnknown))
}

func searchedFooter(c search.Coverage) string {
	return fmt.Sprintf("Searched %s from %s", plural(c.Articles, "article"), plural(c.Outlets, "outlet"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006")
}

// maxInlineLink is the longest url written into text as a markdown link:
// longer ones would crowd the text out of its field (the outlet is shown
// without a link instead).
const maxInlineLink = 400

// linkURL is u as the target of a markdown link: safeURL's form with its
// parentheses encoded, or "" when Discord would not take u.
var linkEscaper = strings.NewReplacer("(", "%28", ")", "%29")

func linkURL(u string) string { return linkEscaper.Replace(safeURL(u)) }
