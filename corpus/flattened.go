package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A page scraped into one run of text: the whole article on one line, its
// last sentence cut off by the scraper ("… trasportando più di un
// miliardo"), or wrapped in the page's menus and links ("Home > Overseas
// … Pinterest A man waves … Read More: … /news/03/30/21/…"). The line ends
// without punctuation, so the jusText pass never calls it prose, and with
// no story sentence anywhere else the page lost every sentence it had.
// When a page has no story sentence, such a line is read sentence by
// sentence: the span from its first clean sentence to its last is kept,
// and its cut-off end too when that reads as the start of a sentence
// rather than as links. A line of one sentence and a credit ("… in the
// Suez Canal. AFP / Maxar") is a photo caption, and stays out.

// rescueRunOnLines promotes the run-on lines of a page that has no story
// sentence, trimming each to its clean span. It reports whether it kept
// any, and whether a kept line ends mid-sentence (the article is cut off).
func rescueRunOnLines(infos []lineInfo, english bool) (rescued, cutOff bool) {
	for i := range infos {
		in := &infos[i]
		if in.class != classNear || in.sentence || in.fam != famNone || in.repeated {
			continue
		}
		ends := sentenceEnds(in.text)
		if len(ends) == 0 {
			continue
		}
		cut := cutSentence(in.text[ends[len(ends)-1]:], english)
		if len(ends) == 1 && !cut {
			continue // one sentence and a credit: a photo caption
		}
		// the clean sentences: from the first to the last, junk between
		// them kept (the text stays one verbatim span)
		from, to := -1, -1
		start := 0
		for _, end := range ends {
			if cleanSentence(in.text[start:end]) {
				if from < 0 {
					from = start
				}
				to = end
			}
			start = end
		}
		if from < 0 {
			continue
		}
		if cut {
			to = len(in.text)
		}
		span := strings.TrimSpace(in.text[from:to])
		st := countWords(span)
		if st.words < goodMinWords || english && st.stopDensity() < goodMinStops {
			continue
		}
		in.text, in.st, in.class = span, st, classGood
		in.sentence = !cut
		rescued = true
		cutOff = cutOff || cut
	}
	return rescued, cutOff
}

// sentenceEnds are the byte offsets just past each sentence end in s that
// another sentence follows: terminal punctuation and closing marks, a
// space, then a capital letter, a digit or an opening quote ("3.5" and
// "U.S." inside a word are not ends).
func sentenceEnds(s string) []int {
	var ends []int
	for i, r := range s {
		if !isTerminal(r) {
			continue
		}
		j := i + utf8.RuneLen(r)
		for j < len(s) {
			c, n := utf8.DecodeRuneInString(s[j:])
			if !isClosing(c) {
				break
			}
			j += n
		}
		rest := strings.TrimLeftFunc(s[j:], unicode.IsSpace)
		if len(rest) == len(s[j:]) || rest == "" {
			continue
		}
		if next := firstRune(rest); unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"“‘'«¿¡(`, next) {
			ends = append(ends, j)
		}
	}
	return ends
}

// menuMarks are characters page furniture is made of and sentences seldom
// hold: breadcrumbs, separators, paths.
const menuMarks = "/|>»•"

// cleanSentence reports whether s, one sentence of a run-on line, is prose
// rather than menus or links.
func cleanSentence(s string) bool {
	s = strings.TrimSpace(s)
	return !strings.ContainsAny(s, menuMarks) && lineFamily(s, countWords(s)) == famNone
}

// cutSentence reports whether tail, the words after a line's last
// sentence end, reads as a sentence the scrape cut off: a few words of
// prose ending in a letter, no links or path separators.
func cutSentence(tail string, english bool) bool {
	tail = strings.TrimSpace(tail)
	if strings.ContainsAny(tail, menuMarks) || !unicode.IsLetter(lastRune(tail)) {
		return false
	}
	st := countWords(tail)
	return st.words >= cutOffMinWords && (!english || st.stopDensity() >= cutOffMinStops)
}
