package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

// DigestView says how a digest is shown to one channel.
type DigestView struct {
	Location *time.Location // the subscriber's time zone; nil means UTC
	NoNews   NoNews         // what to post when nothing is new
}

// Budgets that keep a story readable on a phone; long links can still take
// a story past Discord's limits, and storyEmbed then leaves items out.
const (
	digestQuoteChars    = 350
	digestExcerptChars  = 220
	digestArticleLines  = 6
	digestFigures       = 4
	digestDisagreements = 3
	digestColor         = 0x2b6cb0
	digestWarnColor     = 0xd69e2e
)

// DigestTitle names a digest post (a forum post's title, for one).
func DigestTitle(slot time.Time) string {
	return "Coverage digest — " + slot.Format("Mon 2 Jan 2006")
}

// RenderDigest turns a digest into Discord messages: a header, then one
// embed per story, as many stories per message as fit within Discord's
// limits. A story is never split across messages. With no stories it is a
// one-line note, or nothing when the subscription chose silence.
func RenderDigest(d search.Digest, v DigestView) []Reply {
	loc := v.Location
	if loc == nil {
		loc = time.UTC
	}
	since := discordTime(d.Since, "f")
	if len(d.Stories) == 0 {
		if v.NoNews == NoNewsSilent {
			return nil
		}
		return []Reply{{Content: "📰 No new coverage since " + since + "."}}
	}
	outlets := make(map[string]bool)
	for _, s := range d.Stories {
		for _, o := range s.Outlets {
			if !isUnknownOutlet(o) {
				outlets[o] = true // "unknown" is no outlet
			}
		}
	}
	header := fmt.Sprintf("📰 **Coverage digest** — %s, %s from %s, new since %s.",
		digestCount(len(d.Stories), "story", "stories"), digestCount(d.Articles, "article", "articles"),
		digestCount(len(outlets), "outlet", "outlets"), since)
	if d.Omitted > 0 {
		header += fmt.Sprintf(" (%s first seen earlier left out: a digest groups the newest %d.)",
			digestCount(d.Omitted, "more article", "more articles"), search.MaxDigestArticles)
	}

	var msgs []Reply
	cur := Reply{Content: header}
	total := 0
	for i, s := range d.Stories {
		e := storyEmbed(s, i+1, len(d.Stories), loc)
		n := EmbedText(e)
		if len(cur.Embeds) > 0 && (len(cur.Embeds) == MaxEmbeds || total+n > MaxEmbedTotal) {
			msgs = append(msgs, cur)
			cur, total = Reply{}, 0
		}
		cur.Embeds = append(cur.Embeds, e)
		total += n
	}
	msgs = append(msgs, cur)
	for i := range msgs {
		msgs[i] = Fit(msgs[i])
	}
	return msgs
}

// storyOutletsLine names the story's outlets; articles no outlet is
// known for are counted apart, not as one more outlet.
// maxOutletsLine bounds the names a story's outlets line lists: a story
// ninety outlets covered must not fill the description and push out what
// they disagree on.
const maxOutletsLine = 600

// joinWithin joins names with commas while they fit in max characters,
// then says how many more there are.
func joinWithin(names []string, max int) string {
	var b strings.Builder
	for i, n := range names {
		sep := ""
		if i > 0 {
			sep = ", "
		}
		if i > 0 && b.Len()+len(sep)+len(n) > max {
			fmt.Fprintf(&b, " and %d more", len(names)-i)
			break
		}
		b.WriteString(sep + n)
	}
	return b.String()
}

func storyOutletsLine(s search.Story) string {
	names := make([]string, 0, len(s.Outlets))
	for _, o := range s.Outlets {
		if !isUnknownOutlet(o) {
			names = append(names, escapeInline(Truncate(outletName(o), 60)))
		}
	}
	unknown := 0
	for _, a := range s.Articles {
		if isUnknownOutlet(a.Outlet) {
			unknown++
		}
	}
	line := "**" + digestCount(len(names), "outlet", "outlets") + ":** " + joinWithin(names, maxOutletsLine)
	switch {
	case unknown > 0 && len(names) == 0:
		line = "**Outlet unknown:** " + digestCount(unknown, "article names", "articles name") + " no outlet"
	case unknown > 0:
		line += " (and " + digestCount(unknown, "article", "articles") + " from an unknown outlet)"
	}
	if copies := syndicatedCopies(s); copies > 0 {
		line += " (" + digestCount(copies, "is a copy", "are copies") + " of another's report)"
	}
	return line
}

// syndicatedCopies counts articles that repeat another's report.
func syndicatedCopies(s search.Story) int {
	n := 0
	for _, syn := range s.Syndicated {
		n += len(syn.ArticleIDs) - 1
	}
	return n
}

func articleLine(a search.StoryArticle) string {
	name := escapeInline(Truncate(outletName(a.Outlet), 60))
	if isUnknownOutlet(a.Outlet) {
		// The file name is what tells two such articles apart (and /article finds).
		name += " (" + escapeInline(Truncate(a.Path, 60)) + ")"
	}
	if link := linkURL(a.URL); link != "" && len(link) < maxInlineLink {
		name = "[" + name + "](" + link + ")"
	}
	var parts []string
	parts = append(parts, name)
	if a.Title != "" {
		parts = append(parts, escapeInline(Truncate(a.Title, 90)))
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2 Jan 2006"))
	}
	line := strings.Join(parts, " — ")
	if a.Truncated {
		line += " *(cut short)*"
	}
	return line
}

func topQuoteBlock(q search.Answer) string {
	var b strings.Builder
	opening, closing := corpus.QuoteMarks(q.Text)
	b.WriteString("> " + opening + escapeInline(Truncate(q.Text, digestQuoteChars)) + closing)
	if q.Speaker != "" {
		b.WriteString(" — **" + escapeInline(Truncate(q.Speaker, 80)) + "**")
	}
	var outlets []string
	seen := make(map[string]bool)
	for _, r := range search.SortReports(q.Reports) {
		name := outletName(r.Outlet)
		if isUnknownOutlet(r.Outlet) {
			name += " (" + r.Article + ")"
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		outlets = append(outlets, escapeInline(Truncate(name, 60)))
	}
	b.WriteString("\n> reported by " + strings.Join(outlets, ", "))
	return b.String()
}

// figureExcerpt is the outlet's own sentence around the figure, cut to a
// phone-sized window with the figure in bold.
func figureExcerpt(f search.Figure) string {
	i := strings.Index(f.Sentence, f.Text)
	if i < 0 {
		return escapeInline(Truncate(f.Sentence, digestExcerptChars))
	}
	before, after := f.Sentence[:i], f.Sentence[i+len(f.Text):]
	room := max(digestExcerptChars-utf8.RuneCountInString(f.Text), 40)
	before = truncateLeft(before, room/2)
	after = Truncate(after, room-utf8.RuneCountInString(before))
	return escapeInline(before) + "**" + escapeInline(f.Text) + "**" + escapeInline(after)
}

// truncateLeft keeps the last max characters of s, cut on a word boundary
// with a leading ellipsis.
func truncateLeft(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	runes := []rune(s)
	cut := string(runes[len(runes)-max+1:])
	if i := strings.IndexByte(cut, ' '); i >= 0 && i < len(cut)/5 {
		cut = cut[i+1:]
	}
	return ellipsis + cut
}

func syndicationLine(syn search.Syndication) string {
	names := make([]string, 0, len(syn.Outlets))
	for _, o := range syn.Outlets {
		names = append(names, escapeInline(Truncate(outletName(o), 60)))
	}
	report := "report"
	if syn.Agency != "" {
		report = escapeInline(syn.Agency) + " report"
	}
	return "🔁 **Same report:** " + strings.Join(names, ", ") + " — same " + report + " (copies, not independent confirmation)"
}

// discordTime is a Discord timestamp: each reader sees it in their own
// time zone and language.
func discordTime(t time.Time, style string) string {
	if t.IsZero() {
		return "the start"
	}
	return "<t:" + strconv.FormatInt(t.Unix(), 10) + ":" + style + ">"
}

func digestCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
