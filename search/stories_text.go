package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// storyWords splits text into lowercase words with the variants outlets
// differ on folded (British/American spellings, curly apostrophes,
// possessives), so "localised" in one outlet meets "localized" in another.
// Digits stay, so "Geneva 2" and figures still count as words.
func storyWords(text string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() == 0 {
			return
		}
		// The one British→American fold answers use too, so a digest and
		// an answer agree on which printings are the same quote.
		words = append(words, americanSpelling(b.String()))
		b.Reset()
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// Possessive "Kerry's" → "kerry"; inner apostrophes ("don't") kept
			// out of the word so both spellings of the quote mark agree.
			flush()
		case (r == '-' || r == '‐') && b.Len() > 0:
			// "cease-fire" meets "ceasefire".
		case r == ',' && b.Len() > 0:
			// "130,000" stays one word; a trailing comma ends the word below.
			b.WriteRune(',')
		default:
			flush()
		}
	}
	flush()
	// A comma kept inside a word that is not a number was punctuation.
	out := words[:0]
	for _, w := range words {
		if strings.ContainsRune(w, ',') && !storyIsNumber(w) {
			for _, part := range strings.Split(w, ",") {
				if part != "" {
					out = append(out, part)
				}
			}
			continue
		}
		out = append(out, strings.TrimRight(w, ","))
	}
	// Drop possessive "s" left by the apostrophe split.
	final := out[:0]
	for _, w := range out {
		if w == "s" || w == "t" || w == "ll" || w == "re" || w == "ve" || w == "d" || w == "m" {
			continue
		}
		final = append(final, w)
	}
	return final
}

func storyIsNumber(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if r != ',' && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// storyGrams returns the set of word 3-grams of words (one gram for
// shorter inputs, so short quotes still compare), as 64-bit FNV-1a hashes:
// grouping compares hundreds of thousands of grams, and a collision costs at
// most one gram of containment.
func storyGrams(words []string) map[uint64]struct{} {
	grams := make(map[uint64]struct{}, max(len(words)-2, 1))
	if len(words) == 0 {
		return grams
	}
	if len(words) < 3 {
		grams[storyHash(words...)] = struct{}{}
		return grams
	}
	for i := 0; i+3 <= len(words); i++ {
		grams[storyHash(words[i:i+3]...)] = struct{}{}
	}
	return grams
}

// storyHash is FNV-1a over the words, a space between them.
func storyHash(words ...string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i, w := range words {
		if i > 0 {
			h = (h ^ ' ') * prime
		}
		for j := 0; j < len(w); j++ {
			h = (h ^ uint64(w[j])) * prime
		}
	}
	return h
}

// storyContainment returns the share of a's grams that are also in b.
func storyContainment(a, b map[uint64]struct{}) float64 {
	if len(a) == 0 {
		return 0
	}
	n := 0
	for g := range a {
		if _, ok := b[g]; ok {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// storyStopwords are words too common to say what a story is about.
var storyStopwords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself said says say told tell according mr mrs ms dr new one two
three year years week weeks day days today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
last next first however including may might must us like made make many much well still already since ahead later
time people reported report reports added news per cent percent around whether though`) {
		m[w] = true
	}
	return m
}()

// storyTerm reduces a word to a crude stem for topic comparison, so
// "ceasefires" meets "ceasefire" and "talks" meets "talk".
func storyTerm(w string) string {
	if storyStopwords[w] || len(w) < 3 || storyIsNumber(w) {
		return ""
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 5:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ss"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 4:
		return w[:len(w)-1]
	}
	return w
}

// storyEntities are the words of text that name the same thing in every
// language: capitalised words inside a sentence (people, places,
// organisations: "Lubitz", "Montabaur", "Mokpo") and figures of two
// digits or more ("150", "2015", "9525"). Articles in different languages
// about one event share them when they share little else. Each is counted
// as often as it occurs, under a prefix of its own so a name never meets
// the same word in lower case.
func storyEntities(text string) map[string]float64 {
	out := map[string]float64{}
	start := true // at the start of a sentence or line, capitals prove nothing
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) }) {
		word := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if word != "" {
			first, _ := utf8.DecodeRuneInString(word)
			switch {
			case unicode.IsDigit(first):
				digits := strings.Map(func(r rune) rune {
					if unicode.IsDigit(r) {
						return r
					}
					return -1
				}, word)
				if len(digits) >= 2 {
					out["#"+digits]++
				}
			case unicode.IsUpper(first) && !start && utf8.RuneCountInString(word) >= 3 && strings.ToUpper(word) != word:
				lower := strings.ToLower(word)
				out["@"+americanSpelling(lower)]++
				// "Notre-Dame" meets "Notre Dame", "Jun-seok" meets "Joon-seok"
				// in part: outlets hyphenate and transliterate names apart.
				if parts := strings.Split(lower, "-"); len(parts) > 1 {
					for _, p := range parts {
						if utf8.RuneCountInString(p) >= 3 {
							out["@"+americanSpelling(p)]++
						}
					}
				}
			}
		}
		last, _ := utf8.DecodeLastRuneInString(f)
		start = last == '.' || last == '!' || last == '?' || last == ':' || last == '"' || last == '“'
	}
	return out
}
