package feed

import (
	"strings"
	"unicode/utf8"
)

// cutText returns text cut to at most n bytes, after the last sentence
// that fits: a full stop, question or exclamation mark (closing quotes
// and brackets after it kept with it) before white space, or a paragraph
// break. Only when no sentence ends in the second half of what fits is it
// cut at white space, or failing that between two characters: a reader is
// better served by whole sentences, and quotes are never cut in two.
func cutText(text string, n int) string {
	if len(text) <= n {
		return text
	}
	// text[i] is the white space after a candidate end, so i may be n.
	for i := n; i > n/2; i-- {
		if c := text[i]; c == '\n' {
			return strings.TrimRight(text[:i], " \t\r\n")
		} else if c == ' ' || c == '\t' || c == '\r' {
			if endsSentence(text[:i]) {
				return text[:i]
			}
		}
	}
	if i := strings.LastIndexAny(text[:n+1], " \t\r\n"); i > 0 {
		return strings.TrimRight(text[:i], " \t\r\n")
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}

// endsSentence reports whether s ends with the end of a sentence.
func endsSentence(s string) bool {
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '"', '\'', ')', ']', '”', '’', '»':
			s = s[:len(s)-size]
		case '.', '!', '?', '…':
			return true
		default:
			return false
		}
	}
	return false
}
