package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mayNamePlace reports whether text can hold a match of placeRE: a
// preposition of place before a capitalised word (an article may come
// between), or a kind of place. Most sentences hold neither, and placeRE,
// an alternation of some eighty kinds three times over, costs a quarter
// of a question's CPU on a small index when run on every candidate. It
// errs towards true: a false here must mean placeRE finds nothing.
func mayNamePlace(text string) bool {
	var prev, prevPrev string // the last two words as written (placeRE's prepositions are lower case)
	var prevLower string
	for len(text) > 0 {
		i := strings.IndexFunc(text, unicode.IsLetter)
		if i < 0 {
			return false
		}
		text = text[i:]
		j := strings.IndexFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
		if j < 0 {
			j = len(text)
		}
		word := text[:j]
		text = text[j:]
		lower := strings.ToLower(word)
		if placeKindWords[lower] {
			return true
		}
		// "…port of Mokpo": placeRE takes a kind before "of" even as the
		// end of a longer word
		if placeKindLinks[lower] && endsWithPlaceKind(prevLower) {
			return true
		}
		if first, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(first) &&
			(placePrepositionSet[prev] || placeArticleSet[prev] && placePrepositionSet[prevPrev]) {
			return true
		}
		prevPrev, prev, prevLower = prev, word, lower
	}
	return false
}

// placePrepositionSet and placeArticleSet are placeRE's words as sets.
var (
	placePrepositionSet = setOf(placePrepositions...)
	placeArticleSet     = setOf(placeArticles...)
)

// placeKindWords are placeKinds as words: "borders?" is border and
// borders, "harbou?r" harbor and harbour.
var placeKindWords = func() map[string]bool {
	m := map[string]bool{}
	for _, alt := range strings.Split(placeKinds, "|") {
		i := strings.IndexByte(alt, '?')
		if i < 0 {
			m[alt] = true
			continue
		}
		m[alt[:i-1]+alt[i+1:]] = true // without the optional letter
		m[alt[:i]+alt[i+1:]] = true   // with it
	}
	return m
}()

// placeKindLinks join a kind of place to its name in placeRE ("port of
// Mokpo", "île de Jindo").
var placeKindLinks = setOf("of", "de", "di", "do", "da", "von")

// endsWithPlaceKind reports whether word ends with a kind of place.
func endsWithPlaceKind(word string) bool {
	for k := range placeKindWords {
		if strings.HasSuffix(word, k) {
			return true
		}
	}
	return false
}
