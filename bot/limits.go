package bot

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Discord's message limits, in characters (Unicode code points). Every
// reply passes through Fit before a transport sends it, so this is the one
// place they are enforced.
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthor           = 256
	MaxEmbedTotal       = 6000 // all text in all of a message's embeds
	MaxRows             = 5
	MaxButtonsPerRow    = 5
	MaxButtonLabel      = 80
	MaxCustomID         = 100
	MaxURL              = 2048
	MaxChoices          = 25
	MaxChoiceName       = 100
	MaxChoiceValue      = 100
)

// ellipsis marks text that was cut.
const ellipsis = "…"

// Fit returns r cut to Discord's limits: every string within its limit,
// cut on a word boundary with an ellipsis and never inside a character;
// invalid UTF-8 replaced; embeds, fields, buttons and choices beyond their
// counts dropped; all embed text within the 6,000 total.
func Fit(r Reply) Reply {
	r.Content = Truncate(r.Content, MaxContent)

	if len(r.Embeds) > MaxEmbeds {
		r.Embeds = r.Embeds[:MaxEmbeds]
	}
	embeds := make([]Embed, len(r.Embeds))
	for i, e := range r.Embeds {
		embeds[i] = fitEmbed(e)
	}
	r.Embeds = fitEmbedTotal(embeds)

	r.Components = fitRows(r.Components)

	if len(r.Choices) > 0 {
		choices := make([]Choice, 0, min(len(r.Choices), MaxChoices))
		for _, c := range r.Choices {
			if len(choices) == MaxChoices {
				break
			}
			c.Value = strings.ToValidUTF8(c.Value, "")
			if c.Value == "" || utf8.RuneCountInString(c.Value) > MaxChoiceValue {
				continue // a value cannot be cut without changing what it selects
			}
			c.Name = Truncate(c.Name, MaxChoiceName)
			if c.Name == "" {
				c.Name = Truncate(c.Value, MaxChoiceName)
			}
			choices = append(choices, c)
		}
		r.Choices = choices
	}
	return r
}

func fitEmbed(e Embed) Embed {
	e.Title = Truncate(e.Title, MaxEmbedTitle)
	e.Author = Truncate(e.Author, MaxAuthor)
	e.Description = Truncate(e.Description, MaxEmbedDescription)
	e.Footer = Truncate(e.Footer, MaxFooter)
	if !validURL(e.URL) {
		e.URL = ""
	}
	// Discord refuses a whole message over one bad timestamp or colour.
	if !validTimestamp(e.Timestamp) {
		e.Timestamp = ""
	}
	if e.Color < 0 || e.Color > 0xFFFFFF {
		e.Color = 0
	}
	if len(e.Fields) > MaxEmbedFields {
		e.Fields = e.Fields[:MaxEmbedFields]
	}
	fields := make([]Field, len(e.Fields))
	for i, f := range e.Fields {
		f.Name = Truncate(f.Name, MaxFieldName)
		f.Value = Truncate(f.Value, MaxFieldValue)
		// Discord rejects empty field names and values.
		if strings.TrimSpace(f.Name) == "" {
			f.Name = "\u200b"
		}
		if strings.TrimSpace(f.Value) == "" {
			f.Value = "\u200b"
		}
		fields[i] = f
	}
	e.Fields = fields
	return e
}

// EmbedText counts the characters of e that count towards the 6,000 total.
func EmbedText(e Embed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description) +
		utf8.RuneCountInString(e.Footer) + utf8.RuneCountInString(e.Author)
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	return n
}

// fitEmbedTotal keeps the embeds within MaxEmbedTotal, dropping the last
// fields first (the least relevant answers come last), then cutting the
// last description, then dropping trailing embeds.
func fitEmbedTotal(embeds []Embed) []Embed {
	total := 0
	for _, e := range embeds {
		total += EmbedText(e)
	}
	for total > MaxEmbedTotal && len(embeds) > 0 {
		last := &embeds[len(embeds)-1]
		switch {
		case len(last.Fields) > 0:
			f := last.Fields[len(last.Fields)-1]
			last.Fields = last.Fields[:len(last.Fields)-1]
			total -= utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		case utf8.RuneCountInString(last.Description) > 0:
			excess := total - MaxEmbedTotal
			n := utf8.RuneCountInString(last.Description)
			keep := max(n-excess, 0)
			cut := ""
			if keep > 0 {
				cut = Truncate(last.Description, keep)
			}
			total -= n - utf8.RuneCountInString(cut)
			last.Description = cut
		case len(embeds) > 1:
			total -= EmbedText(*last)
			embeds = embeds[:len(embeds)-1]
		default:
			// One embed with no fields or description: only title, author
			// and footer remain, each within its own limit; cut the footer.
			excess := total - MaxEmbedTotal
			n := utf8.RuneCountInString(last.Footer)
			cut := Truncate(last.Footer, max(n-excess, 0))
			total -= n - utf8.RuneCountInString(cut)
			last.Footer = cut
			if total > MaxEmbedTotal {
				last.Author = ""
				total = EmbedText(*last)
			}
		}
	}
	return embeds
}

func fitRows(rows []Row) []Row {
	var out []Row
	seen := make(map[string]bool) // Discord refuses a message with a custom id twice
	for _, row := range rows {
		if len(out) == MaxRows {
			break
		}
		var kept Row
		for _, b := range row {
			if len(kept) == MaxButtonsPerRow {
				break
			}
			b.Label = Truncate(b.Label, MaxButtonLabel)
			if b.Style == ButtonLink {
				if !validURL(b.URL) {
					continue
				}
				b.CustomID = ""
			} else {
				b.URL = ""
				if b.CustomID == "" || len(b.CustomID) > MaxCustomID || !utf8.ValidString(b.CustomID) || seen[b.CustomID] {
					continue // an id cannot be cut without breaking the button
				}
				seen[b.CustomID] = true
			}
			if b.Label == "" {
				b.Label = "…"
			}
			kept = append(kept, b)
		}
		if len(kept) > 0 {
			out = append(out, kept)
		}
	}
	return out
}

// validTimestamp reports whether t is empty or an RFC 3339 time with a
// four-digit year, the only timestamps Discord accepts in an embed.
func validTimestamp(t string) bool {
	if t == "" {
		return true
	}
	parsed, err := time.Parse(time.RFC3339, t)
	return err == nil && parsed.Year() >= 1 && parsed.Year() <= 9999
}

func validURL(u string) bool {
	if u == "" || len(u) > MaxURL || !utf8.ValidString(u) {
		return false
	}
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// Truncate returns s with at most max characters. Cut text ends with "…" on
// a word boundary when one is near, and is never cut inside a character.
// Invalid UTF-8 is replaced first.
func Truncate(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if max <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return ellipsis
	}
	// Byte offset of the end of the first max-1 runes.
	end, n := 0, 0
	for i := range s {
		if n == max-1 {
			end = i
			break
		}
		n++
	}
	cut := s[:end]
	next, _ := utf8.DecodeRuneInString(s[end:])
	// Prefer the last space in the final fifth of the text kept, so a word
	// is not cut in half; otherwise cut at the character boundary.
	if unicode.IsSpace(next) {
		// The cut already falls between words.
	} else if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > 0 && utf8.RuneCountInString(cut[:i]) >= (max-1)*4/5 {
		cut = cut[:i]
	}
	cut = strings.TrimRightFunc(cut, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' || r == '-' || r == '\u200d'
	})
	return cut + ellipsis
}
