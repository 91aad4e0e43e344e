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
	links := linkFinder{close: byteFinder{t: t, c: ']'}, paren: byteFinder{t: t, c: ')'}}
	for i := 0; i < len(t); {
		switch {
		case t[i] == '!' && i+1 < len(t) && t[i+1] == '[':
			if end, _ := links.link(i + 1); end > 0 {
				i = end
				continue
			}
		case t[i] == '[':
			if end, closeText := links.link(i); end > 0 {
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

// linkFinder finds a line's Markdown links.
type linkFinder struct{ close, paren byteFinder }

// link returns the index after a "[text](target)" starting at i and the
// index of its "]", or -1 and -1.
func (l *linkFinder) link(i int) (end, closeText int) {
	c := l.close.from(i)
	if c < 0 || c+1 >= len(l.close.t) || l.close.t[c+1] != '(' {
		return -1, -1
	}
	p := l.paren.from(c + 1)
	if p < 0 {
		return -1, -1
	}
	return p + 1, c
}

// byteFinder finds the next c in t, remembering its last answer: a line
// of a megabyte of "[" with no "]" is then searched once, not once per
// bracket.
type byteFinder struct {
	t        string
	c        byte
	searched bool
	from0    int // the last search started here
	at       int // and found c here, or -1
}

// from returns the index of the first c at or after i, or -1.
func (f *byteFinder) from(i int) int {
	if f.searched && f.from0 <= i && (f.at < 0 || i <= f.at) {
		return f.at // no c in [from0, at), so none in [i, at)
	}
	f.searched, f.from0, f.at = true, i, strings.IndexByte(f.t[i:], f.c)
	if f.at >= 0 {
		f.at += i
	}
	return f.at
}
