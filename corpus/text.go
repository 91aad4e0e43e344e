package corpus

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// readText reads a plain text or Markdown article: an optional front-matter
// header, then paragraphs one per line or separated by blank lines. notes
// are what of the header could not be used (the article is read all the
// same).
func readText(name string, data []byte, markdown bool) (d *Document, notes []Skip) {
	lines := strings.Split(string(trimBOM(data)), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	fm, first := parseFrontMatter(lines)
	if fm.DateText != "" && fm.Published.IsZero() {
		notes = append(notes, Skip{Path: name, Kept: true,
			Reason: fmt.Sprintf("published %q is not a date: the article is read without one; write a date like 2014-01-13", fm.DateText)})
	}
	if problem := frontMatterProblem(lines); problem != "" {
		notes = append(notes, Skip{Path: name, Kept: true, Reason: problem})
	}
	d = &Document{
		ID:       name,
		Path:     name,
		URL:      fm.URL,
		Title:    fm.Title,
		Language: fm.Language,
		Hash:     hashHex(data),
	}
	d.Published = fm.Published
	d.Lines = bodyLines(lines, first, markdown)
	setOutlet(d, fm.Source)
	return d, notes
}

// bodyLines turns source lines into paragraphs. A paragraph hard-wrapped
// over several lines is joined back: in Markdown every run of lines is one
// paragraph; in plain text a line continues the previous one when the file
// is hard-wrapped (see hardWrapped) and it was broken only for width, or
// when that one stops mid-sentence and this one starts in lower case,
// since scraped text puts every block, however short, on its own line.
func bodyLines(lines []string, first int, markdown bool) []Line {
	var wrapped []bool
	if !markdown {
		wrapped = hardWrapped(lines, first)
	}
	var out []Line
	open := false // whether the last Line may take a continuation
	// A long hard-wrapped paragraph is built up in joined rather than by
	// concatenating line after line.
	var joined strings.Builder
	flush := func() {
		if joined.Len() > 0 {
			out[len(out)-1].Text = joined.String()
			joined.Reset()
		}
	}
	for i := first; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			open = false
			continue
		}
		heading := false
		if markdown {
			var block bool
			t, heading, block = markdownBlock(t)
			if block {
				open = false
			}
			t = markdownInline(t)
			if strings.TrimSpace(t) == "" {
				continue
			}
		}
		if open && len(out) > 0 && (continues(lines[i-1], t, markdown) || wrapped != nil && wrapped[i]) {
			if joined.Len() == 0 {
				joined.WriteString(out[len(out)-1].Text)
			}
			joined.WriteString(" ")
			joined.WriteString(t)
			continue
		}
		flush()
		out = append(out, Line{Text: t, Number: i + 1, Heading: heading})
		open = !heading
	}
	flush()
	return out
}

// Widths a hard-wrapped plain text file is wrapped at: 40 to 100 columns.
const (
	minWrapWidth = 40
	maxWrapWidth = 100
)

// hardWrapped reports, line by line, whether a plain text body is
// hard-wrapped and lines[i] continues the line before it. A file is taken
// as hard-wrapped only when it separates paragraphs with blank lines and
// at least three in four of its line breaks after a line of half the
// width or more fall where the next word would not have fitted on the
// line at the file's width (the longest such line, 40 to 100 columns), as
// a greedy wrapper breaks. Then a line continues the one before when that break is a
// wrap; a short line (a heading, a menu item) keeps its own. A file
// written a paragraph per line, or without blank lines, is left as it is.
func hardWrapped(lines []string, first int) []bool {
	blanks, width := 0, 0
	var breaks []int // lines followed by another non-blank line
	for i := first; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case t == "":
			if i > first && strings.TrimSpace(lines[i-1]) != "" && i+1 < len(lines) {
				blanks++
			}
		case i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "":
			breaks = append(breaks, i)
			width = max(width, utf8.RuneCountInString(t))
		}
	}
	if blanks == 0 || len(breaks) < 2 || width < minWrapWidth || width > maxWrapWidth {
		return nil
	}
	wrapped := make([]bool, len(lines))
	n, long := 0, 0 // wrapped breaks; breaks after a line at least half the width
	for _, i := range breaks {
		if 2*utf8.RuneCountInString(strings.TrimSpace(lines[i])) >= width {
			long++
		}
		if wrapsBefore(lines[i], lines[i+1], width) {
			wrapped[i+1] = true
			n++
		}
	}
	if n < 2 || 4*n < 3*long {
		return nil
	}
	return wrapped
}

// wrapsBefore reports whether a greedy wrapper at width would have broken
// line before next: next's first word does not fit after it.
func wrapsBefore(line, next string, width int) bool {
	word, _, _ := strings.Cut(strings.TrimSpace(next), " ")
	return utf8.RuneCountInString(strings.TrimSpace(line))+1+utf8.RuneCountInString(word) > width
}

func continues(prev, next string, markdown bool) bool {
	if markdown {
		return true
	}
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(r) && !endsSentence(prev) && !strings.HasSuffix(prev, ":")
}

// markdownBlock strips a Markdown block marker from a line. block reports
// whether the line starts a block of its own (heading, list item, quote).
func markdownBlock(t string) (text string, heading, block bool) {
	switch {
	case strings.HasPrefix(t, "#"):
		s := strings.TrimLeft(t, "#")
		if s == "" || s[0] == ' ' {
			return strings.TrimSpace(strings.TrimRight(s, "# ")), true, true
		}
	case strings.HasPrefix(t, "> "), t == ">":
		return strings.TrimSpace(t[1:]), false, false
	case strings.HasPrefix(t, "- "), strings.HasPrefix(t, "* "), strings.HasPrefix(t, "+ "):
		return strings.TrimSpace(t[2:]), false, true
	case isRule(t):
		return "", false, true
	}
	// Ordered list item: "12. text".
	if n := leadingDigits(t); n > 0 && n < len(t)-1 && (t[n] == '.' || t[n] == ')') && t[n+1] == ' ' {
		return strings.TrimSpace(t[n+2:]), false, true
	}
	return t, false, false
}

func isRule(t string) bool {
	if len(t) < 3 {
		return false
	}
	for _, c := range []byte(t) {
		if c != '-' && c != '*' && c != '_' && c != ' ' {
			return false
		}
	}
	return true
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// markdownInline drops images, keeps link text and strips emphasis marks:
// left in, `*"…,"* said _Declan Moore_` hides both the quote and the
// speaker.
func markdownInline(t string) string {
	if !strings.ContainsAny(t, "[*_`") {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); {
		switch {
		case t[i] == '!' && i+1 < len(t) && t[i+1] == '[':
			if end := linkEnd(t, i+1); end > 0 {
				i = end
				continue
			}
		case t[i] == '[':
			if end := linkEnd(t, i); end > 0 {
				closeText := strings.IndexByte(t[i:], ']') + i
				b.WriteString(t[i+1 : closeText])
				i = end
				continue
			}
		case t[i] == '*' && i+1 < len(t) && t[i+1] == '*', t[i] == '_' && i+1 < len(t) && t[i+1] == '_':
			i += 2
			continue
		case t[i] == '`':
			i++
			continue
		}
		b.WriteByte(t[i])
		i++
	}
	return stripEmphasis(b.String())
}

// stripEmphasis drops single * and _ emphasis marks. A mark opens at the
// start of a word (the line's start, a space, an opening quote or bracket)
// and pairs with the next same mark that ends a word (before the line's
// end, a space or punctuation) when the words between are one sentence.
// Marks inside words (snake_case, 5*3*2, a URL's path), lone marks and
// marks spaced apart stay, and no other character is touched.
func stripEmphasis(t string) string {
	if !strings.ContainsAny(t, "*_") {
		return t
	}
	drop := make([]bool, len(t))
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c != '*' && c != '_' || drop[i] || !opensEmphasis(t, i) {
			continue
		}
		for j := i + 2; j < len(t); j++ {
			if t[j] != c || !closesEmphasis(t, j) {
				continue
			}
			if len(splitSentences(t[i+1:j])) == 1 {
				drop[i], drop[j] = true, true
			}
			break
		}
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if !drop[i] {
			b.WriteByte(t[i])
		}
	}
	return b.String()
}

// opensEmphasis reports whether the mark at i can open emphasis: it starts
// a word and a word follows it.
func opensEmphasis(t string, i int) bool {
	next, _ := utf8.DecodeRuneInString(t[i+1:])
	if i+1 >= len(t) || unicode.IsSpace(next) || next == rune(t[i]) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(t[:i])
	return i == 0 || unicode.IsSpace(prev) || isOpening(prev) || strings.ContainsRune("{*_—–", prev)
}

// closesEmphasis reports whether the mark at j can close emphasis: it
// ends a word.
func closesEmphasis(t string, j int) bool {
	prev, _ := utf8.DecodeLastRuneInString(t[:j])
	if unicode.IsSpace(prev) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(t[j+1:])
	return j+1 == len(t) || unicode.IsSpace(next) || isClosing(next) || isTerminal(next) ||
		strings.ContainsRune(",;:}—–", next)
}

// linkEnd returns the index after a "[text](target)" starting at i, or -1.
func linkEnd(t string, i int) int {
	c := strings.IndexByte(t[i:], ']')
	if c < 0 || i+c+1 >= len(t) || t[i+c+1] != '(' {
		return -1
	}
	p := strings.IndexByte(t[i+c+1:], ')')
	if p < 0 {
		return -1
	}
	return i + c + 1 + p + 1
}
