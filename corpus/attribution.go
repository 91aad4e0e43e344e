package corpus

import (
	"strings"
	"unicode"
)

// attribution is what the words around a quote say about its speaker.
type attribution struct {
	who     person
	named   bool
	pronoun byte // 'm' for he, 'f' for she, when the speaker is a pronoun
	pos     int  // where the speaker is named (or the pronoun stands)
}

func (a attribution) found() bool { return a.named || a.pronoun != 0 }

// auxiliaries and adverbs that may stand between a speaker and the verb:
// "Fabius today said", "Kerry has said", "Lavrov also told".
var betweenWords = setOf(`has had have was is would will also later earlier then again today
yesterday previously separately reportedly once further however repeatedly`)

// attributeAfter reads the attribution that follows a quote: `, X said`,
// `, said X`, `, he said`, `, according to X`.
func attributeAfter(toks []token) attribution {
	i := 0
	for i < len(toks) && i < 3 && !toks[i].word {
		switch toks[i].text {
		case ",", "—", "–", "-":
			i++
			continue
		}
		return attribution{}
	}
	if i >= len(toks) {
		return attribution{}
	}
	t := toks[i]
	switch {
	case isVerb(t.text):
		// said X / said US Secretary of State John Kerry
		j := i + 1
		if j < len(toks) && strings.EqualFold(toks[j].text, "by") {
			return attribution{}
		}
		if j < len(toks) && isPronoun(toks[j].text) != 0 {
			return attribution{pronoun: isPronoun(toks[j].text), pos: toks[j].start}
		}
		phrase, _ := namePhraseForward(toks, describedFrom(toks, j))
		return named(phrase)
	case strings.EqualFold(t.text, "according") && i+1 < len(toks) && strings.EqualFold(toks[i+1].text, "to"):
		phrase, _ := namePhraseForward(toks, i+2)
		return named(phrase)
	case isPronoun(t.text) != 0:
		if verbFollows(toks, i+1) {
			return attribution{pronoun: isPronoun(t.text), pos: t.start}
		}
		return attribution{}
	}
	phrase, j := namePhraseForward(toks, i)
	if len(phrase) == 0 || joint(toks, j) {
		return attribution{}
	}
	// An appositive: `"…," Kerry, the US secretary of state, said`.
	if j < len(toks) && toks[j].text == "," {
		k := j + 1
		for k < len(toks) && k < j+16 && toks[k].text != "," && toks[k].text != "." {
			k++
		}
		if k < len(toks) && toks[k].text == "," {
			j = k + 1
		}
	}
	if verbFollows(toks, j) {
		return named(phrase)
	}
	return attribution{}
}

// describedFrom skips a lower-case description before a name, as in
// `said council leader Maria Lind` or `said local farmer Owen Pike`: up to
// three lower-case words ending in a role or an occupation, followed by a
// capitalised word. It returns where the name starts, j when there is no
// such description.
func describedFrom(toks []token, j int) int {
	for k := j; k < len(toks) && k < j+3 && toks[k].word && unicode.IsLower(firstRune(toks[k].text)); k++ {
		if (inSet(roleWords, toks[k].text) || inSet(occupations, toks[k].text)) &&
			k+1 < len(toks) && toks[k+1].word && isNameWord(toks[k+1].text) {
			return k + 1
		}
	}
	return j
}

// occupations describe people quoted in local news, lower case before
// their name: "said farmer Owen Pike".
var occupations = setOf(`farmer resident residents shopkeeper owner landlord tenant teacher
headteacher nurse doctor driver pilot worker student pupil pensioner volunteer witness neighbour
neighbor engineer builder fisherman firefighter paramedic officer councillor campaigner activist
organiser organizer coordinator lawyer barrister solicitor researcher scientist historian
expert member parent mother father grandmother grandfather survivor victim rescuer
businessman businesswoman trader retailer publican chef baker butcher vicar priest rabbi imam`)

// attributeBefore reads an attribution that precedes a quote in its
// sentence: `X said: "…"`, `X told reporters "…"`, and the subject of a
// reporting verb earlier in the sentence for a partial quote (`Mr Kerry
// said that he and Mr Lavrov "talked …"`).
func attributeBefore(toks []token) attribution {
	v := -1
	for k := len(toks) - 1; k >= 0 && k >= len(toks)-12; k-- {
		if toks[k].word && isVerb(toks[k].text) {
			v = k
			break
		}
	}
	if v <= 0 {
		return attribution{}
	}
	// `Kerry said Lavrov had described the plan as "unworkable"`: another
	// person opens a clause of their own before the quote, whose words
	// these may well be. (`Mr Kerry said that he and Mr Lavrov "talked …"`
	// names Mr Lavrov as a joint subject of the quoted words and stays.)
	for k := v + 1; k < len(toks); k++ {
		if !toks[k].word || !isNameWord(toks[k].text) {
			continue
		}
		phrase, next := namePhraseForward(toks, k)
		if p, ok := personFrom(phrase); ok && hasCapitalisedName(p) && wordsAfter(toks, next) {
			return attribution{}
		}
		k = next
	}
	return subjectOf(toks, v)
}

// wordsAfter reports whether any word follows toks[i:].
func wordsAfter(toks []token, i int) bool {
	for ; i < len(toks); i++ {
		if toks[i].word {
			return true
		}
	}
	return false
}

// subjectOf reads the speaker standing before the reporting verb at v.
func subjectOf(toks []token, v int) attribution {
	k := v - 1
	for k >= 0 && toks[k].word && isBetween(toks[k].text) {
		k--
	}
	if k < 0 {
		return attribution{}
	}
	// An appositive: `Mr Lavrov, whose government backs Mr Assad, said`.
	if toks[k].text == "," {
		c := k - 1
		for c >= 0 && c > k-16 && toks[c].text != "," && toks[c].text != "." {
			c--
		}
		if c < 0 || toks[c].text != "," {
			return attribution{}
		}
		// `The council's highways chief, Councillor Ann Cole, said`: the
		// name is the part between the commas.
		if inner, end := namePhraseForward(toks, c+1); end == k && len(inner) > 0 {
			if at := named(inner); at.named {
				return at
			}
		}
		k = c - 1
		// An age before the clause: `Margaret Ellery, 71, who has lived
		// there for forty years, said`.
		if k >= 1 && isNumber(toks[k].text) && toks[k-1].text == "," {
			k -= 2
		}
		if k < 0 {
			return attribution{}
		}
	}
	if g := isPronoun(toks[k].text); g != 0 {
		return attribution{pronoun: g, pos: toks[k].start}
	}
	phrase, before := namePhraseBackward(toks, k)
	if len(phrase) == 0 || before >= 1 && (strings.EqualFold(toks[before].text, "and") || toks[before].text == "&") &&
		toks[before-1].word {
		return attribution{} // "Kerry and Lavrov said": no single speaker
	}
	return named(phrase)
}

func isBetween(w string) bool {
	_, ok := betweenWords[strings.ToLower(w)]
	return ok
}

// verbFollows reports whether a reporting verb follows at toks[j],
// allowing auxiliaries and adverbs in between.
func verbFollows(toks []token, j int) bool {
	for j < len(toks) && toks[j].word && isBetween(toks[j].text) {
		j++
	}
	return j < len(toks) && toks[j].word && isVerb(toks[j].text)
}

// joint reports whether the name phrase ending before j is one of several
// speakers ("Kerry and Lavrov said").
func joint(toks []token, j int) bool {
	return j < len(toks) && (strings.EqualFold(toks[j].text, "and") || toks[j].text == "&")
}

func named(phrase []token) attribution {
	p, ok := personFrom(phrase)
	if !ok || !hasCapitalisedName(p) {
		return attribution{}
	}
	return attribution{who: p, named: true, pos: p.pos}
}

func hasCapitalisedName(p person) bool {
	for _, w := range p.words {
		if unicode.IsUpper(firstRune(w)) {
			return true
		}
	}
	return false
}

// isPronoun returns 'm' for he, 'f' for she, 0 otherwise. "They" is not
// resolved: a group is not a speaker.
func isPronoun(w string) byte {
	switch strings.ToLower(w) {
	case "he":
		return 'm'
	case "she":
		return 'f'
	}
	return 0
}
