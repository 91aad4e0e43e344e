package corpus

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stripEmphasis drops single * and _ emphasis marks. A mark opens at the
// start of a word (the line's start, a space, an opening quote or bracket)
// and pairs with the next same mark that ends a word (before the line's
// end, a space or punctuation) when the words between are one sentence.
// Marks inside words (snake_case, 5*3*2, a URL's path), lone marks and
// marks spaced apart stay, and no other character is touched.
//
// It takes time linear in the line, however long (a Markdown file may be
// one line of a megabyte): the marks that can close and the line's
// sentence breaks are listed once, and each opening mark looks up its
// partner and the first break after it, never scanning the line again.
func stripEmphasis(t string) string {
	if !strings.ContainsAny(t, "*_") {
		return t
	}
	// closers holds, per mark, the positions of the marks that can close,
	// in order; next[m] is the first of them an opening mark may take.
	var closers [2][]int
	for j := 0; j < len(t); j++ {
		if m := markIndex(t[j]); m >= 0 && closesEmphasis(t, j) {
			closers[m] = append(closers[m], j)
		}
	}
	var next [2]int
	var breaks []sentenceBreak // read only once an opening mark has a partner
	breaksRead := false
	drop := make([]bool, len(t))
	for i := 0; i < len(t); i++ {
		m := markIndex(t[i])
		if m < 0 || drop[i] || !opensEmphasis(t, i) {
			continue
		}
		cs := closers[m]
		for next[m] < len(cs) && cs[next[m]] < i+2 {
			next[m]++
		}
		if next[m] == len(cs) {
			continue
		}
		j := cs[next[m]]
		if !breaksRead {
			breaks, breaksRead = sentenceBreaks(t), true
		}
		if oneSentence(t, breaks, i+1, j) {
			drop[i], drop[j] = true, true
		}
	}
	var b strings.Builder
	b.Grow(len(t))
	for i := 0; i < len(t); i++ {
		if !drop[i] {
			b.WriteByte(t[i])
		}
	}
	return b.String()
}

// markIndex numbers the emphasis marks: 0 for *, 1 for _, -1 for any
// other byte.
func markIndex(c byte) int {
	switch c {
	case '*':
		return 0
	case '_':
		return 1
	}
	return -1
}

// sentenceBreak is where splitSentences ends a sentence: its final
// punctuation starts at k and the next sentence at next.
type sentenceBreak struct{ k, next int }

func sentenceBreaks(t string) []sentenceBreak {
	var out []sentenceBreak
	eachBreak(t, func(k, _, next int) { out = append(out, sentenceBreak{k, next}) })
	return out
}

// oneSentence reports whether t[from:to], between two emphasis marks, is
// one sentence as splitSentences reads it alone, given the breaks of the
// whole line t. The marks around it end every word and every run of
// punctuation, so the line's breaks inside it are its own, but for a run
// it opens with, which may have begun before the opening mark (`."_! Next_`):
// that one is read on its own (leadingBreak).
func oneSentence(t string, breaks []sentenceBreak, from, to int) bool {
	brk, end := leadingBreak(t[from:to])
	if brk {
		return false
	}
	b := sort.Search(len(breaks), func(b int) bool { return breaks[b].k >= from+end })
	return b == len(breaks) || breaks[b].next >= to
}

// leadingBreak reports whether splitSentences breaks s at the run of
// punctuation and closing marks s opens with, and returns where that run
// ends. It reads only that run and the spaces after it, never past the
// mark that closes s, and a mark of the same kind inside a longer run
// would close s itself: marks of one kind never read one run twice.
func leadingBreak(s string) (bool, int) {
	end, k := 0, -1
	var r rune
	for end < len(s) {
		r2, n := utf8.DecodeRuneInString(s[end:])
		if !isTerminal(r2) && !isClosing(r2) {
			break
		}
		if k < 0 && isTerminal(r2) {
			k, r = end, r2
		}
		end += n
	}
	if k < 0 || end == len(s) {
		return false, end
	}
	next := skipSpace(s, end)
	if next == end {
		return r == '。' || r == '！' || r == '？', end
	}
	return next < len(s) && breaksAt(s, k, r, end, next), end
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
