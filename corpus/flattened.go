package corpus

import (
	"strings"
	"unicode"
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
// any, and whether the last it kept ends mid-sentence (the article is cut
// off).
func rescueRunOnLines(infos []lineInfo, english bool) (rescued, cutOff bool) {
	for i := range infos {
		in := &infos[i]
		if in.class != classNear || in.sentence || in.fam != famNone || in.repeated {
			continue
		}
		// the line's sentences by the article's own splitter; the last,
		// without final punctuation, is the tail
		ranges := splitSentences(in.text)
		if len(ranges) < 2 {
			continue
		}
		whole, tail := ranges[:len(ranges)-1], ranges[len(ranges)-1]
		cut := cutSentence(in.text[tail[0]:tail[1]], english)
		if len(whole) == 1 && !cut {
			continue // one sentence and a credit: a photo caption
		}
		// the clean sentences: from the first to the last, junk between
		// them kept (the text stays one verbatim span)
		from, to := -1, -1
		for _, r := range whole {
			if cleanSentence(in.text[r[0]:r[1]]) {
				if from < 0 {
					from = r[0]
				}
				to = r[1]
			}
		}
		if from < 0 {
			continue
		}
		if cut {
			to = tail[1]
		}
		span := in.text[from:to]
		st := countWords(span)
		if st.words < goodMinWords || english && st.stopDensity() < goodMinStops {
			continue
		}
		in.text, in.st, in.class = span, st, classGood
		rescued, cutOff = true, cut
	}
	return rescued, cutOff
}

// menuMarks are characters page furniture is made of and sentences seldom
// hold: breadcrumbs, separators, paths.
const menuMarks = "/|>»•"

// cleanSentence reports whether s, one sentence of a run-on line, is prose
// rather than menus or links.
func cleanSentence(s string) bool {
	return !strings.ContainsAny(s, menuMarks) && lineFamily(s, countWords(s)) == famNone
}

// cutSentence reports whether tail, the words after a line's last
// sentence end, reads as a sentence the scrape cut off: a few words of
// prose ending in a letter; no links, no share prompt, and not a credit
// ("Foto di Mario Rossi per Ansa": mostly capitalised words).
func cutSentence(tail string, english bool) bool {
	if !cleanSentence(tail) || !unicode.IsLetter(lastRune(tail)) {
		return false
	}
	st := countWords(tail)
	if st.words < cutOffMinWords || 2*st.capitalised > st.words {
		return false
	}
	return !english || st.stopDensity() >= cutOffMinStops
}
