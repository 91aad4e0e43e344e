package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// plainText makes text from an article safe to show where Discord renders
// no markdown (embed authors, footers, button labels, choice names):
// invalid UTF-8 is replaced, format characters (bidi overrides and
// isolates, zero-width characters, tag characters, soft hyphens) are
// removed, and control characters other than newline and tab become spaces.
func plainText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r < utf8.RuneSelf && r >= ' ' && r != 0x7f:
			return r
		case unicode.Is(unicode.Cf, r):
			return -1
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return ' '
		}
		return r
	}, s)
}

// escapeMarkdown is plainText with Discord's markdown neutralised, for text
// from articles (quotes, titles, outlet and speaker names) shown in embed
// descriptions, field values and titles: emphasis, spoilers, code, masked
// links, block quotes, mentions, timestamps, channel links and custom
// emoji (<…>), headings, subtext and lists at the start of a line, and bare
// urls (Discord links "https://…" but not "https\://…"). Discord drops the
// backslashes, so readers see the article's own characters. s is taken
// to start a line; see escapeInline for text placed after other text.
func escapeMarkdown(s string) string { return escape(s, true) }

// escapeInline is escapeMarkdown for text that follows other text on its
// first line ("• " + name): what only matters at the start of a line is
// escaped only after a newline inside s.
func escapeInline(s string) string { return escape(s, false) }

func escape(s string, lineStart bool) string {
	s = plainText(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if lineStart {
			switch {
			case r == ' ' || r == '\t':
				b.WriteRune(r)
				i += size
				continue
			case r == '#' || r == '-' || r == '+':
				b.WriteByte('\\')
			case r >= '0' && r <= '9':
				// "1. " starts a numbered list.
				j := i
				for j < len(s) && s[j] >= '0' && s[j] <= '9' {
					j++
				}
				if j < len(s) && s[j] == '.' {
					b.WriteString(s[i:j])
					b.WriteString(`\.`)
					i = j + 1
					lineStart = false
					continue
				}
			}
			lineStart = false
		}
		switch r {
		case '\n':
			lineStart = true
		case '\\', '*', '_', '`', '~', '|', '[', ']', '<', '>':
			b.WriteByte('\\')
		case ':':
			if strings.HasPrefix(s[i:], "://") {
				b.WriteByte('\\')
			}
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}

// escapeTruncate is esc(s) (escapeMarkdown or escapeInline) in at most max
// characters: the text is cut before it is escaped, so an escape is never
// cut in half.
func escapeTruncate(s string, max int, esc func(string) string) string {
	out := esc(s)
	for n := utf8.RuneCountInString(out); n > max; n = utf8.RuneCountInString(out) {
		keep := utf8.RuneCountInString(s) - (n - max)
		if keep <= 1 {
			return Truncate(out, max) // only possible for tiny max
		}
		s = strings.TrimSuffix(Truncate(s, keep), ellipsis)
		out = esc(s) + ellipsis
	}
	return out
}
