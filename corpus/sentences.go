package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitSentences returns the [start, end) byte ranges of the sentences in
// a paragraph, trimmed of surrounding space. It is a rule-based splitter
// for news text: a sentence ends at . ! ? or … (with any closing quotes or
// brackets) followed by space and a capital, a digit or an opening quote,
// except after titles ("Mr Kerry", "Dr. Lee"), initials ("J. Smith"),
// abbreviations and acronyms ("Jan. 22", "U.S. officials") unless what
// follows plainly starts a sentence ("in the U.S. The talks").
func splitSentences(p string) [][2]int {
	var out [][2]int
	start := skipSpace(p, 0)
	eachBreak(p, func(_, end, next int) {
		out = appendSentence(out, p, start, end)
		start = next
	})
	return appendSentence(out, p, start, len(p))
}

// eachBreak calls f for each place splitSentences ends a sentence of p,
// in order: the final punctuation starts at k, its run (with closing
// quotes and brackets) ends at end, and the next sentence starts at next.
func eachBreak(p string, f func(k, end, next int)) {
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		if !isTerminal(r) {
			i += size
			continue
		}
		// The whole run of final punctuation and closers: `?!`, `..."`, `.)`.
		end := i + size
		for end < len(p) {
			r2, s2 := utf8.DecodeRuneInString(p[end:])
			if !isTerminal(r2) && !isClosing(r2) {
				break
			}
			end += s2
		}
		next := skipSpace(p, end)
		if next == end && next < len(p) && (r == '。' || r == '！' || r == '？') {
			// Chinese and Japanese sentences follow one another unspaced.
			f(i, end, end)
			i = end
			continue
		}
		if next == end || next >= len(p) {
			// No space after (3.5, U.S.A, a URL) or the paragraph ends.
			i = end
			continue
		}
		if breaksAt(p, i, r, end, next) {
			f(i, end, next)
		}
		i = next
	}
}

// keepQuotationsWhole joins the sentences of a paragraph (ranges relative
// to base, as splitSentences gives them) that a quotation runs across:
// `He said they "talked about a ceasefire. Maybe a local one," in Aleppo.`
// is one sentence, so no piece of a quote stands alone as the reporter's
// words. spans are the paragraph's quotations.
func keepQuotationsWhole(sents [][2]int, spans []quoteSpan, base int) [][2]int {
	if len(spans) == 0 || len(sents) < 2 {
		return sents
	}
	out := sents[:1]
	for _, s := range sents[1:] {
		last := &out[len(out)-1]
		if insideQuotation(spans, base+last[1], base+s[0]) {
			last[1] = s[1]
			continue
		}
		out = append(out, s)
	}
	return out
}

// insideQuotation reports whether the gap [end, next) between two
// sentences lies within the quoted words of one of spans.
func insideQuotation(spans []quoteSpan, end, next int) bool {
	for _, q := range spans {
		if q.start < end && next < q.end {
			return true
		}
	}
	return false
}

func appendSentence(out [][2]int, p string, start, end int) [][2]int {
	for end > start {
		r, n := utf8.DecodeLastRuneInString(p[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	if end > start {
		out = append(out, [2]int{start, end})
	}
	return out
}

func skipSpace(p string, i int) int {
	for i < len(p) {
		r, n := utf8.DecodeRuneInString(p[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// breaksAt decides whether the punctuation at i (rune r, run ending at end)
// ends a sentence, given the next word starts at next.
func breaksAt(p string, i int, r rune, end, next int) bool {
	nr, nsize := utf8.DecodeRuneInString(p[next:])
	if isOpening(nr) {
		// Look past an opening quote or bracket at the word itself.
		after, _ := utf8.DecodeRuneInString(p[min(next+nsize, len(p)):])
		nr = after
	}
	if !unicode.IsUpper(nr) && !unicode.IsDigit(nr) {
		return false // "nations... and", "pragmatism ... require", "3 p.m. on"
	}
	if r != '.' || end > i+1 && p[i+1] == '.' {
		return true // ! ? … and ellipses before a capital
	}
	word := wordBefore(p, i)
	if word == "" {
		return true
	}
	lw := strings.ToLower(word)
	if _, ok := titleAbbrevs[lw]; ok {
		return false // "Mr. Kerry", "Gen. Idriss"
	}
	nextWord := wordAt(p, next)
	starter := sentenceStarter(nextWord)
	if unicode.IsDigit(nr) {
		if _, ok := numberAbbrevs[lw]; ok {
			return false // "Jan. 22", "No. 10", "pp. 4"
		}
	}
	if isDayOfMonth(word) && germanMonths[strings.ToLower(nextWord)] && germanDateLead(p, i-len(word)) {
		return false // German writes the day as an ordinal: "am 24. März"
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(firstRune(word)) {
		return starter // initials: "J. Smith", but "Plan B. The"
	}
	if strings.Contains(word, ".") {
		return starter // "U.S. officials" vs "in the U.S. The talks"
	}
	if _, ok := otherAbbrevs[lw]; ok {
		return starter // "etc. The", "Corp. said"
	}
	return true
}

func isOpening(r rune) bool {
	switch r {
	case '"', '“', '‘', '\'', '(', '[', '«', '„':
		return true
	}
	return false
}

// wordBefore returns the token ending just before the period at i,
// including inner periods ("U.S" for "U.S.").
func wordBefore(p string, i int) string {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(p[:j])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' {
			break
		}
		j -= n
	}
	return strings.TrimLeft(p[j:i], ".")
}

// wordAt returns the letters of the word starting at (or just after an
// opening mark at) i.
func wordAt(p string, i int) string {
	r, n := utf8.DecodeRuneInString(p[i:])
	if isOpening(r) {
		i += n
	}
	j := i
	for j < len(p) {
		r, n := utf8.DecodeRuneInString(p[j:])
		if !unicode.IsLetter(r) && r != '\'' && r != '’' {
			break
		}
		j += n
	}
	return p[i:j]
}

// sentenceStarter reports whether w is a word that plainly opens a
// sentence when capitalised.
func sentenceStarter(w string) bool {
	if w == "" {
		return false
	}
	_, ok := starters[strings.ToLower(w)]
	return ok
}

var titleAbbrevs = setOf(`mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev hon pres
supt insp det fr msgr messrs mssrs st sr jr maj brig cpl pvt atty amb sec lieut mme mlle`)

var numberAbbrevs = setOf(`jan feb mar apr jun jul aug sep sept oct nov dec no nos vol pp p fig
art sec ch para op ed tel`)

var otherAbbrevs = setOf(`etc inc ltd co corp bros dept est approx vs v al jan feb mar apr jun
jul aug sep sept oct nov dec no ave blvd rd mt ft pt vol univ assn govt intl natl`)

var starters = setOf(`the a an he she it they we i you his her its their our this that these
those there but and so yet or if in on at as after before when while since although though
however meanwhile still then now mr mrs ms dr officials some many most all both each one
two three four five six seven eight nine ten no not what who why how where which`)

// isDayOfMonth reports whether w is a number from 1 to 31 as a day is
// written: one or two digits.
func isDayOfMonth(w string) bool {
	if len(w) == 0 || len(w) > 2 || w[0] < '0' || w[0] > '9' || len(w) == 2 && (w[1] < '0' || w[1] > '9') {
		return false
	}
	n := int(w[0] - '0')
	if len(w) == 2 {
		n = 10*n + int(w[1]-'0')
	}
	return n >= 1 && n <= 31
}

// germanDateLead reports whether the word before the day number starting
// at i introduces a German date: a preposition or article ("am 24.",
// "vom 1.", "bis zum 3.", "des 15.") or a weekday and its comma
// ("Dienstag, 24."). English shares "April", "August", "September" and
// "November", and "The toll rose to 12. August was …" ends a sentence.
func germanDateLead(p string, i int) bool {
	before := strings.TrimRight(p[:max(0, i)], " \t")
	comma := strings.HasSuffix(before, ",")
	before = strings.TrimSuffix(before, ",")
	w := before
	if j := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) }); j >= 0 {
		_, size := utf8.DecodeRuneInString(before[j:])
		w = before[j+size:] // after a quote mark of several bytes too („am 24. März")
	}
	w = strings.ToLower(w)
	if comma {
		return germanWeekdays[w]
	}
	return germanDateWords[w]
}

var germanDateWords = map[string]bool{
	"am": true, "vom": true, "zum": true, "bis": true, "dem": true, "den": true, "des": true,
	"der": true, "ab": true, "seit": true, "im": true, "vor": true, "nach": true, "zwischen": true,
	"und": true,
}

var germanWeekdays = map[string]bool{
	"montag": true, "dienstag": true, "mittwoch": true, "donnerstag": true, "freitag": true,
	"samstag": true, "sonnabend": true, "sonntag": true,
}

// germanMonths are the month names that follow a German ordinal day ("am
// 24. März", "vom 1. Juli"); capitalised, they would otherwise open a new
// sentence. Danish and Norwegian write the day the same way, with the
// month in lower case, which never opens a sentence.
var germanMonths = map[string]bool{
	"januar": true, "jänner": true, "februar": true, "märz": true, "maerz": true,
	"april": true, "mai": true, "juni": true, "juli": true, "august": true,
	"september": true, "oktober": true, "november": true, "dezember": true,
}
