package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuoteMarks returns the marks to print a quote's text between. A
// quotation its attribution interrupts is one quote whose text keeps the
// marks around the attribution (`Es ist etwas zerstört worden“, sagte
// Joachim Gauck, „das …`): printed between “ and ”, the narrator's words
// look like the speaker's and the article's own marks are changed. So
// the marks are those the article used, read off the text's inner ones:
// the first closes the opening part, the last opens the closing part.
// Any other text (no inner marks, or a nested quote) gets “ and ”.
func QuoteMarks(text string) (opening, closing string) {
	// a quotation set in double marks may nest single ones ("… flüstern:
	// 'horrible, horrible'"): its own marks are the double ones
	doubles := strings.ContainsFunc(text, func(r rune) bool { return isQuoteMark(r) && !isSingleMark(r) })
	first, last := rune(0), rune(0)
	firstCloses, lastOpens := false, false
	for i, r := range text {
		if !isQuoteMark(r) || doubles && isSingleMark(r) {
			continue
		}
		head, tail := text[:i], text[i+utf8.RuneLen(r):]
		before, n := utf8.DecodeLastRuneInString(head)
		after, m := utf8.DecodeRuneInString(tail)
		if isSingleMark(r) && (unicode.IsLetter(before) || unicode.IsDigit(after)) {
			// an apostrophe: there's, l’enquête, the divers’ work, '22
			continue
		}
		// French sets a space inside its marks (« Le feu »): the words
		// quoted are one rune further
		inBefore, inAfter := before, after
		if r == '«' || r == '»' {
			if unicode.IsSpace(before) {
				inBefore, _ = utf8.DecodeLastRuneInString(head[:len(head)-n])
			}
			if unicode.IsSpace(after) {
				inAfter, _ = utf8.DecodeRuneInString(tail[m:])
			}
		}
		closes := i > 0 && !unicode.IsSpace(inBefore) && !unicode.IsLetter(after) && !unicode.IsDigit(after)
		opens := i > 0 && unicode.IsSpace(before) && (unicode.IsLetter(inAfter) || unicode.IsDigit(inAfter))
		if first == 0 {
			first, firstCloses = r, closes
		}
		last, lastOpens = r, opens
	}
	o, okOpen := openingFor[first]
	c, okClose := closingFor[last]
	if !firstCloses || !lastOpens || !okOpen || !okClose || isSingleMark(first) != isSingleMark(last) {
		// marks of two families ('…," he said. "…) are a typing slip or
		// something else: the article's marks cannot be told
		return "“", "”"
	}
	if first == '”' && last == '„' {
		// Dutch, Polish, Romanian: „…”
		return "„", "”"
	}
	return string(o), string(c)
}

// openingFor is the mark that opens a quote the key closes, and
// closingFor the mark that closes one the key opens: English “…” and
// '…', German „…“ and »…«, French «…», and straight "…".
var (
	openingFor = map[rune]rune{'"': '"', '”': '“', '“': '„', '»': '«', '«': '»', '’': '‘', '\'': '\'', '‘': '‚'}
	closingFor = map[rune]rune{'"': '"', '“': '”', '„': '“', '«': '»', '»': '«', '‘': '’', '\'': '\'', '‚': '‘'}
)

func isQuoteMark(r rune) bool {
	_, ok := openingFor[r]
	return ok || r == '„' || r == '‚'
}

// isSingleMark reports whether r is a single quote mark, or an apostrophe
// written as one: the context says which.
func isSingleMark(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == '‚' }
