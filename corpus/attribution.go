package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// attribution is what the words around a quote say about its speaker.
type attribution struct {
	who     person
	named   bool
	pronoun byte // 'm' for he, 'f' for she, when the speaker is a pronoun
	// title holds the role words of a speaker named by title alone ("the
	// minister said", "the secretary of state told reporters"): a person
	// the article introduced with that title.
	title []string
	// unnamed reports a speaker the article does not name ("a spokesman
	// said", "officials said", "one survivor told YTN", "they said"): the
	// quote is theirs, not that of anyone named nearby.
	unnamed bool
	group   bool // the unnamed speaker is several people
	gender  byte // of a titled or unnamed speaker, from its noun ("spokeswoman")
	pos     int  // where the speaker is named (or the pronoun stands)
}

func (a attribution) found() bool { return a.named || a.pronoun != 0 || a.title != nil || a.unnamed }

// auxiliaries and adverbs that may stand between a speaker and the verb:
// "Fabius today said", "Kerry has said", "Lavrov also told".
var betweenWords = setOf(`has had have was is would will also later earlier then again today
yesterday previously separately reportedly once further however repeatedly
ha hat hatte heeft tem avait había aveva ont han hanno haben hebben
également encore aussi ensuite alors además también auch außerdem anche ainda
cependant toutefois donc pourtant néanmoins déjà d'ailleurs notamment enfin`)

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
	// `, a déclaré Macron`, `, ha declarado Lee`
	// (and `, a cependant insisté mercredi le procureur`)
	for i+1 < len(toks) && toks[i].word && isAuxAt(toks, i) && verbFollows(toks, i+1) {
		i++
	}
	t := toks[i]
	switch {
	case cliticPronoun(t.text) != 0 && (verbFollows(toks, i+1) || isVerb(cliticVerb(t.text))):
		// `, a-t-il déclaré`, `, explique-t-elle`, `, a-t-il alors déclaré`
		return attribution{pronoun: cliticPronoun(t.text), pos: t.start}
	case isVerb(t.text):
		return speakerOfVerb(toks, i)
	case accordingPronoun(toks, i) != 0:
		// `"…", selon lui.`, `"…," according to her.`
		return attribution{pronoun: accordingPronoun(toks, i), pos: t.start}
	case (inSet(accordingWords, t.text) || t.text == "so") && i+1 < len(toks) && toks[i+1].word && isNameWord(toks[i+1].text):
		// `"…", so Bach.`, `"…", selon Remy Heitz.`
		phrase, e := namePhraseForward(toks, i+1)
		if at := named(phrase); at.named && (e == len(toks) || !toks[e].word) {
			return at
		}
		return attribution{}
	case (inSet(accordingWords, t.text) || t.text == "so") && i+1 < len(toks) && inSet(determiners, toks[i+1].text):
		// `„…“, so der Kölner Erzbischof Rainer Maria Woelki, „…“`,
		// `"…", selon le procureur Rémy Heitz.`: a description, then the
		// name.
		if at, ok := describedAfterVerb(toks, i+1); ok {
			return at
		}
		return attribution{}
	case strings.EqualFold(t.text, "according") && i+1 < len(toks) && strings.EqualFold(toks[i+1].text, "to"):
		phrase, _ := namePhraseForward(toks, i+2)
		if at := named(phrase); at.found() {
			return at
		}
		return speakerAfterVerb(toks, i+2)
	case isPronoun(t.text) != 0:
		if verbFollows(toks, i+1) {
			return attribution{pronoun: isPronoun(t.text), pos: t.start}
		}
		return attribution{}
	}
	phrase, j := namePhraseForward(toks, i)
	if len(phrase) == 0 || !named(phrase).named {
		return speakerBeforeVerb(toks, i)
	}
	if joint(toks, j) {
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
		// A second description, without its closing comma: `"…,"
		// Seewad Sompiangjai, grandfather of Night, one of the rescued
		// boys told the BBC`.
		if !verbFollows(toks, j) && j < len(toks) && inSet(determiners, toks[j].text) {
			e := j + 1
			for e < len(toks) && e < j+maxNounWords && toks[e].word && !isVerb(toks[e].text) && !inSet(clauseWords, toks[e].text) {
				e++
			}
			if verbFollows(toks, e) {
				j = e
			}
		}
	}
	if verbFollows(toks, j) {
		return named(phrase)
	}
	return speakerBeforeVerb(toks, i) // "Russian officials told reporters"
}

// speakerOfVerb reads the speaker after the reporting verb at toks[i]
// that follows a quote: `said X`, `said US Secretary of State John
// Kerry`, `said he`, a subject dropped or put after a prepositional
// phrase.
func speakerOfVerb(toks []token, i int) attribution {
	t := toks[i]
	j := i + 1
	// `a insisté mercredi le procureur`, `dijo ayer el ministro`: the day
	// stands between the verb and its subject.
	for j < len(toks) && j < i+3 && toks[j].word && (inSet(dayWords, toks[j].text) || inSet(thisWords, toks[j].text) && j+1 < len(toks) && inSet(dayWords, toks[j+1].text)) {
		j++
	}
	if j < len(toks) && strings.EqualFold(toks[j].text, "by") {
		return attribution{}
	}
	if j < len(toks) && isPronoun(toks[j].text) != 0 {
		return attribution{pronoun: isPronoun(toks[j].text), pos: toks[j].start}
	}
	if j < len(toks) && sheBy(toks[j].text, t.text) {
		return attribution{pronoun: 'f', pos: toks[j].start} // `, sagte sie`
	}
	phrase, e := namePhraseForward(toks, describedFrom(toks, j))
	if modifies(toks, e) {
		// `said AFP reporter Jean Dupont`, `said Paris prosecutor Remy
		// Heitz`: the name phrase is a modifier, the speaker follows the
		// role.
		if d := describedFrom(toks, e); d > e {
			if inner, _ := namePhraseForward(toks, d); len(inner) > 0 {
				if at := named(inner); at.named && !at.who.org && len(at.who.words) >= 2 {
					at.who.addRoles(toks[e:d])
					return at
				}
			}
		}
	} else if at := named(phrase); at.found() {
		return at
	}
	// `«…», explicó en una rueda de prensa`: Spanish, Italian and
	// Portuguese drop the subject; it is the last person spoken of,
	// as with "he" or "she".
	if j == len(toks) || !toks[j].word || inSet(droppedSubjectWords, toks[j].text) {
		// `dijo en inglés Adul Sam-On`: the subject after a short
		// prepositional phrase.
		k := j + 1
		for k < len(toks) && k < j+4 && toks[k].word && unicode.IsLower(firstRune(toks[k].text)) {
			k++
		}
		if j < len(toks) && toks[j].word && k < len(toks) && toks[k].word && isNameWord(toks[k].text) {
			phrase, e := namePhraseForward(toks, k)
			if at := named(phrase); at.named && (len(at.who.words) >= 2 || at.who.gender != 0) {
				return at
			}
			// `escreveu em seu Twitter a prefeita de Paris, Anne
			// Hidalgo`: the capitalised word was a place or a medium,
			// and the speaker's description follows it.
			if e < len(toks) && toks[e].word && (inSet(determiners, toks[e].text) || isElidedArticle(toks[e].text)) {
				if at := speakerAfterVerb(toks, e); at.named {
					return at
				}
			}
			return attribution{} // "berichtete in der Nacht"
		}
		// `a déclaré aux journalistes le ministre de la Santé
		// publique, Piyasakol Sakolsattayatorn`: the subject's
		// description after the prepositional phrase. (After a comma,
		// `, ha affermato, riferendosi ad una grande sala`, the words
		// are the reporter's, and the subject stays dropped.)
		for d := j + 2; d < k && d < len(toks) && toks[j].word; d++ {
			if inSet(determiners, toks[d].text) || isElidedArticle(toks[d].text) {
				return speakerAfterVerb(toks, d) // someone described, named or not
			}
		}
		return attribution{pronoun: anyGender, pos: t.start}
	}
	return speakerAfterVerb(toks, j)
}

// describedFrom skips a lower-case description before a name, as in
// `said council leader Maria Lind` or `said local farmer Owen Pike`: up to
// three lower-case words ending in a role or an occupation, followed by a
// capitalised word. It returns where the name starts, j when there is no
// such description.
func describedFrom(toks []token, j int) int {
	for k := j; k < len(toks) && k < j+3 && toks[k].word && unicode.IsLower(firstRune(toks[k].text)); k++ {
		if (inSet(roleWords, toks[k].text) || inSet(occupations, toks[k].text) || inSet(journalists, toks[k].text)) &&
			k+1 < len(toks) && toks[k+1].word && isNameWord(toks[k+1].text) {
			return k + 1
		}
	}
	return j
}

// attributeBefore reads an attribution that precedes a quote in its
// sentence: `X said: "…"`, `X told reporters "…"`, and the subject of a
// reporting verb earlier in the sentence for a partial quote (`Mr Kerry
// said that he and Mr Lavrov "talked …"`).
func attributeBefore(toks []token) attribution {
	// The verb stands within a dozen words of the quote, commas counted
	// (`Chung said that he wanted to resign earlier, but had given the
	// situation "first priority"`), or of the colon that introduces it:
	// `Kraft (SPD) sagte, das Mitfühlen … könnten den Schmerz nicht
	// nehmen, aber die Hinterbliebenen sollten wissen: "…"`.
	window := 14
	if len(toks) > 0 && toks[len(toks)-1].text == ":" {
		window = 24
	}
	v := -1
	for k := len(toks) - 1; k >= 0 && k >= len(toks)-window; k-- {
		// `Leth Agencies … tweeted early Sunday, adding that "…"`,
		// `Macron vowed to rebuild it, saying: "…"`: the speaker is the
		// subject of the verb the participle hangs on.
		if toks[k].word && inSet(reportingParticiples, toks[k].text) && commaBefore(toks, k) {
			// The verb may stand far back in the sentence, past the
			// reporter's circumstances: `Rabie avait annoncé lors de la
			// cérémonie …, en direct …, jugeant que …`.
			for m := k - 2; m >= 0 && m >= k-32; m-- {
				if toks[m].word && isVerb(toks[m].text) {
					v = m
					break
				}
			}
			break
		}
		if toks[k].word && isVerb(toks[k].text) {
			v = k
			break
		}
		if letKnow(toks, k) {
			v = k - 1 // the subject stands before "fatto"
			break
		}
	}
	if v <= 0 {
		return accordingTo(toks)
	}
	// `Kerry said Lavrov believed the plan was "unworkable"`: another
	// person opens a clause of their own before the quote, with a verb of
	// thinking or naming, whose words these may well be. (`Desjardin said
	// Lubitz had begun to show symptoms that "could be …"` speaks of
	// Lubitz in Desjardin's words; `Mr Kerry said that he and Mr Lavrov
	// "talked …"` names Mr Lavrov as a joint subject and stays.)
	for k := v + 1; k < len(toks); k++ {
		if !toks[k].word || !isNameWord(toks[k].text) || inSet(dateWords, toks[k].text) {
			continue // not a name, or "on Sunday"
		}
		phrase, next := namePhraseForward(toks, k)
		// (A colon after their clause introduces their words: `… and Dunn
		// would surely agree: "…"`.)
		colon := wordsAfter(toks, next) && toks[len(toks)-1].text == ":"
		if p, ok := personFrom(phrase); ok && hasCapitalisedName(p) && (thinksAfter(toks, next) || colon) && !thingNamed(toks, k, phrase) {
			return attribution{}
		}
		k = next
	}
	at := subjectOf(toks, v)
	// `Kerry said Lavrov had described the plan as "unworkable"`: the
	// words are reported by someone else, who may have chosen them. (`Cole
	// said, and Dunn replied: "…"` is a second clause of its own.)
	if at.named {
		for k := v - 1; k >= 0 && toks[k].start > at.pos-24; k-- {
			if toks[k].word && (inSet(clauseWords, toks[k].text) || inSet(conjunctions, toks[k].text)) || toks[k].text == ";" {
				break
			}
			if toks[k].word && isVerb(toks[k].text) && toks[k].end <= at.pos {
				if first := subjectOf(toks, k); first.found() && !(first.named && first.who.surname() == at.who.surname()) {
					return attribution{}
				}
				break
			}
		}
	}
	return at
}

// commaBefore reports whether a comma stands before toks[k], perhaps
// inside the marks of a quote that ends there: `, adding`, `"first
// priority," adding`.
func commaBefore(toks []token, k int) bool {
	if k > 1 && !toks[k-1].word && isDoubleQuote(firstRune(toks[k-1].text)) {
		k--
	}
	return k > 0 && toks[k-1].text == ","
}

// conjunctions join two clauses in the other languages news is read in.
var conjunctions = setOf(`et y e und en ma mais pero aber maar`)

// letKnow reports whether toks[k] ends "let it be known" as Romance
// languages say it, a reporting verb of two words: "ha fatto sapere",
// "a fait savoir", "hizo saber", "fez saber". "Saber" alone is knowing.
func letKnow(toks []token, k int) bool {
	return k > 0 && k < len(toks) && toks[k].word && inSet(knowWords, toks[k].text) && inSet(makeWords, toks[k-1].text)
}

var (
	knowWords = setOf(`sapere savoir saber`)
	makeWords = setOf(`fatto fa fait hizo hecho fez feito`)
)

// accordingTo reads a source named before a partial quote by "according
// to" or its counterpart in another language: `Secondo Fabio Dattilo,
// capo dei vigili del fuoco, le fiamme "si sono sviluppate dall'alto"`.
func accordingTo(toks []token) attribution {
	for k := 0; k+1 < len(toks); k++ {
		from := accordingFrom(toks, k)
		if from < 0 || from >= len(toks) {
			continue
		}
		if g := objectPronoun(toks[from].text); g != 0 {
			return attribution{pronoun: g, pos: toks[from].start} // "selon lui"
		}
		phrase, _ := namePhraseForward(toks, from)
		if at := named(phrase); at.named && len(at.who.words) >= 2 {
			return at
		}
		// `Volgens burgemeester Jan de Vries`, `D'après le maire Jean
		// Dupont`: a role, then the name.
		d := from
		if inSet(determiners, toks[d].text) && d+1 < len(toks) {
			d++ // "o prefeito": Portuguese "o" is Spanish "or" too
		}
		if at, ok := describedAfterVerb(toks, d); ok && len(at.who.words) >= 2 {
			return at
		}
		return describedBetweenCommas(toks, from)
	}
	return attribution{}
}

// accordingFrom returns where the source starts when toks[k] opens
// "according to" or its counterpart in another language ("selon",
// "d'après", "de acuerdo con", "nach Angaben von"), else -1.
func accordingFrom(toks []token, k int) int {
	w := toks[k].text
	next := func(d int, words ...string) bool {
		if k+d >= len(toks) {
			return false
		}
		for _, x := range words {
			if strings.EqualFold(toks[k+d].text, x) {
				return true
			}
		}
		return false
	}
	switch {
	case strings.EqualFold(w, "according") && next(1, "to"):
		return k + 2
	case inSet(accordingWords, w):
		return k + 1
	case strings.EqualFold(w, "de") && next(1, "acuerdo", "acordo") && next(2, "con", "com"):
		return k + 3
	case strings.EqualFold(w, "nach") && next(1, "Angaben") && next(2, "von"):
		return k + 3
	}
	return -1
}

// accordingPronoun returns the gender of the pronoun that ends an
// attribution opening at toks[i] with "according to": `, selon lui.`.
func accordingPronoun(toks []token, i int) byte {
	f := accordingFrom(toks, i)
	if f < 0 || f >= len(toks) || f+1 < len(toks) && toks[f+1].word {
		return 0
	}
	return objectPronoun(toks[f].text)
}

// objectPronoun returns 'm' or 'f' for a pronoun as it follows
// "according to": "him", "selon lui", "según ella".
func objectPronoun(w string) byte {
	switch strings.ToLower(w) {
	case "him", "lui", "él", "ele", "ihm", "hem":
		return 'm'
	case "her", "elle", "ella", "lei", "ela", "haar":
		return 'f'
	}
	return 0
}

// describedBetweenCommas reads a source described and then named between
// commas, from toks[from]: `Selon le premier adjoint à la mairie de Paris,
// Emmanuel Grégoire, les tableaux …`, `According to the city's deputy
// mayor, Paul Martin, …`. The description opens with a determiner and
// holds a role; the name has two words at least.
func describedBetweenCommas(toks []token, from int) attribution {
	if !inSet(determiners, toks[from].text) && !isElidedArticle(toks[from].text) {
		return attribution{}
	}
	c, role := from, false
	for c < len(toks) && c < from+12 && toks[c].word {
		role = role || isRoleNoun(toks[c].text) || inSet(foreignRoles, toks[c].text) || isElidedRole(toks[c].text)
		c++
	}
	if !role || c+1 >= len(toks) || toks[c].text != "," {
		return attribution{}
	}
	at, e := appositiveName(toks, c+1, toks[from:c])
	if !at.named || len(at.who.words) < 2 || e >= len(toks) || toks[e].text != "," {
		return attribution{}
	}
	return at
}

// isElidedRole reports whether w is a role with an elided article:
// "l'adjoint", "l’archevêque".
func isElidedRole(w string) bool {
	if !isElidedArticle(w) {
		return false
	}
	_, rest, _ := strings.Cut(strings.ReplaceAll(w, "’", "'"), "'")
	return isRoleNoun(rest) || inSet(foreignRoles, rest)
}

// thinksAfter reports whether a verb of thinking or naming stands in
// toks[i:], the clause of a person named before it: "believed", "called".
func thinksAfter(toks []token, i int) bool {
	for ; i < len(toks); i++ {
		if toks[i].word && inSet(thinkingVerbs, toks[i].text) {
			return true
		}
	}
	return false
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
	// `Jeon Myung-sun … was quoted by AP as saying`: the subject of
	// "quoted".
	if v >= 2 && strings.EqualFold(toks[v-1].text, "as") {
		for q := v - 2; q >= 0 && q >= v-6; q-- {
			if strings.EqualFold(toks[q].text, "quoted") {
				v = q
				break
			}
		}
	}
	k := v - 1
	for k >= 0 && toks[k].word && isAuxAt(toks, k) {
		k--
	}
	// `El presidente le pidió`, `Macron lui a dit`, `il presidente gli ha
	// detto`: an object pronoun before the verb, as Romance languages
	// put it, is no subject (an article never stands before a verb).
	if k >= 1 && toks[k].word && inSet(objectClitics, toks[k].text) {
		k--
		for k >= 0 && toks[k].word && isAuxAt(toks, k) {
			k--
		}
	}
	// A day between subject and verb: `Macron on Monday night said`.
	if d := dayBefore(toks, k); d < k {
		k = d
		for k >= 0 && toks[k].word && isAuxAt(toks, k) {
			k--
		}
	}
	// A relative clause: `Woo Hyung-ho, jefe de la policía, que ha
	// asegurado`, `Tom Dunn, who said`: the subject is what it follows.
	if k >= 2 && toks[k].word && inSet(relativeWords, toks[k].text) && toks[k-1].text == "," {
		if at := subjectOf(toks, k); at.found() {
			return at
		}
		return subjectOf(toks, k-1) // no description between commas
	}
	// `a dit M. Robin qui a précisé`: French and English relatives need
	// no comma; the name before them is the subject.
	if k >= 1 && toks[k].word && inSet(bareRelatives, toks[k].text) && toks[k-1].word && isNameWord(toks[k-1].text) {
		phrase, _ := namePhraseBackward(toks, k-1)
		if at := named(phrase); at.named {
			return at
		}
	}
	// A party or an age in brackets: `Hannelore Kraft (SPD) sagte`.
	if k >= 2 && toks[k].text == ")" {
		o := k - 1
		for o >= 0 && o > k-6 && toks[o].text != "(" {
			o--
		}
		if o > 0 && toks[o].text == "(" {
			k = o - 1
		}
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
		// (`Farshid Moussavi, founder of Farshid Moussavi Architecture,
		// said`: a role in lower case describes the name before it.)
		if inner, end := namePhraseForward(toks, c+1); end == k && len(inner) > 0 && !unicode.IsLower(firstRune(inner[0].text)) {
			if at := named(inner); at.named {
				// `Amporn Sriwichai, an aunt of the rescued coach, Ekkapol
				// Chantawong, said`: the description is the first name's,
				// and the name after it is whom it mentions.
				if first, ok := describedBefore(toks, c); ok {
					return first
				}
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
	if k+1 == v && sheBy(toks[k].text, toks[v].text) {
		return attribution{pronoun: 'f', pos: toks[k].start} // `sie sagte`
	}
	if at, ok := nounSubject(toks, k); ok {
		return at
	}
	phrase, before := namePhraseBackward(toks, k)
	// `le procureur de Paris Rémy Heitz a déclaré`: the role's place, then
	// the name.
	if name, cut := withoutPlace(toks, before+1, phrase); cut > 0 {
		if at := named(name); at.named {
			r := placeRole(toks, before+1)
			at.who.addRoles(toks[r : r+1])
			return at
		}
	}
	if len(phrase) == 1 && before >= 0 && inSet(determiners, toks[before].text) {
		// "the Kremlin said", "la Fiscalía subrayó": a body, not a person.
		return attribution{unnamed: true, group: true, pos: phrase[0].start}
	}
	if len(phrase) > 0 && before >= 0 && toks[before].word && (inSet(npStops, toks[before].text) || inSet(foreignStops, toks[before].text)) {
		// "a spokesman for President Obama said", "Uno de los niños … en
		// Tailandia dijo": the name ends a longer subject, not its head.
		return attribution{unnamed: true, pos: phrase[0].start}
	}
	if len(phrase) > 0 && before >= 0 && toks[before].word {
		if at, ok := describedHead(toks, before, phrase); ok {
			return at
		}
	}
	if len(phrase) == 0 || before >= 1 && (strings.EqualFold(toks[before].text, "and") || toks[before].text == "&") &&
		toks[before-1].word {
		return attribution{} // "Kerry and Lavrov said": no single speaker
	}
	return ownPossessive(named(phrase), phrase)
}

// describedHead reads the subject when the name before a verb ends a
// description that a preposition opens a few words back, toks[before]
// being its last word before the name: `Jeon Myung-sun, father of ferry
// victim Jeon Chan-ho was quoted`, the head named before the comma; `The
// mother of flood victim Ann Cole said`, someone unnamed; `le chef de la
// junte Prayut Chan-O-Cha a appelé`, the name (phrase) itself. ok is false
// when no preposition stands within the few words back.
func describedHead(toks []token, before int, phrase []token) (attribution, bool) {
	stop := -1
	b := before
	for ; b >= 0 && b > before-6 && toks[b].word; b-- {
		if stop < 0 && (inSet(npStops, toks[b].text) || inSet(foreignStops, toks[b].text)) && unicode.IsLower(firstRune(toks[b].text)) {
			stop = b
		}
	}
	if stop < 0 {
		return attribution{}, false
	}
	// `, le chef de la junte Prayut Chan-O-Cha a appelé`: a role of an
	// institution, then the name, is the role holder's own name (where a
	// relation, "the mother of flood victim Ann Cole", names another).
	if d := b + 1; d+1 < stop && inSet(determiners, toks[d].text) && (inSet(roleWords, toks[d+1].text) || inSet(foreignRoles, toks[d+1].text)) {
		if at := named(phrase); at.named {
			at.who.addRoles(toks[d+1 : stop])
			return at, true
		}
	}
	if b >= 1 && toks[b].text == "," && toks[b-1].word {
		// (`Back from Leeds, the mother of …`: a place after a
		// preposition is no head.)
		phrase, p := namePhraseBackward(toks, b-1)
		if at := named(phrase); at.named && !(p >= 0 && toks[p].word && (inSet(npStops, toks[p].text) || inSet(foreignStops, toks[p].text))) {
			at.who.addRoles(toks[b+1 : stop])
			return at, true
		}
	}
	return attribution{unnamed: true, pos: toks[stop].start}, true
}

// dayBefore skips back over a day ending at toks[k] ("on Monday", "on
// Monday night", "late on Tuesday") and returns where the words before
// it end; k when there is none.
func dayBefore(toks []token, k int) int {
	d := k
	if d >= 0 && toks[d].word && inSet(partsOfDay, toks[d].text) {
		d--
	}
	if d < 1 || !toks[d].word || !inSet(weekdays, toks[d].text) || !strings.EqualFold(toks[d-1].text, "on") {
		return k
	}
	d -= 2
	if d >= 0 && toks[d].word && (strings.EqualFold(toks[d].text, "late") || strings.EqualFold(toks[d].text, "early")) {
		d--
	}
	return d
}

var (
	weekdays   = setOf(`monday tuesday wednesday thursday friday saturday sunday`)
	partsOfDay = setOf(`morning afternoon evening night`)
)

func isBetween(w string) bool {
	_, ok := betweenWords[strings.ToLower(w)]
	return ok
}

// isAuxAt reports whether toks[k] stands between a speaker and the verb:
// a word of betweenWords, or French and Portuguese "a" before a reporting
// verb ("Macron a déclaré"), which elsewhere is an article.
func isAuxAt(toks []token, k int) bool {
	if isBetween(toks[k].text) {
		return true
	}
	if toks[k].text != "a" {
		return false
	}
	// `a cependant insisté`, `a donc déclaré`: adverbs between "a" and
	// its participle.
	j := k + 1
	for j < len(toks) && j < k+3 && toks[j].word && isBetween(toks[j].text) {
		j++
	}
	return j < len(toks) && toks[j].word && (isVerb(toks[j].text) || letKnow(toks, j+1))
}

// verbFollows reports whether a reporting verb follows at toks[j],
// allowing auxiliaries and adverbs in between.
func verbFollows(toks []token, j int) bool {
	for j < len(toks) && toks[j].word && isAuxAt(toks, j) {
		j++
	}
	// `"…," Dunn was quoted as saying.`
	if j+1 < len(toks) && strings.EqualFold(toks[j].text, "quoted") && strings.EqualFold(toks[j+1].text, "as") {
		return true
	}
	return j < len(toks) && toks[j].word && isVerb(toks[j].text)
}

// joint reports whether the name phrase ending before j is one of several
// speakers ("Kerry and Lavrov said").
func joint(toks []token, j int) bool {
	return j < len(toks) && (strings.EqualFold(toks[j].text, "and") || toks[j].text == "&")
}

func named(phrase []token) attribution {
	if p, ok := orgFrom(phrase); ok {
		return attribution{who: p, named: true, pos: p.pos}
	}
	p, ok := personFrom(phrase)
	if !ok || !hasCapitalisedName(p) {
		return attribution{}
	}
	return attribution{who: p, named: true, pos: p.pos}
}

// orgFrom reads a name phrase that names an organisation rather than a
// person, which speaks through its statements: an acronym ("GAC"), or
// capitalised words holding an organisation's noun and no role or
// honorific ("La Autoridad del Canal de Suez", "the Harbour Authority").
// A capitalised article that opens the phrase is dropped.
func orgFrom(phrase []token) (person, bool) {
	for len(phrase) > 0 && inSet(determiners, phrase[0].text) && unicode.IsUpper(firstRune(phrase[0].text)) {
		phrase = phrase[1:]
	}
	if len(phrase) == 0 {
		return person{}, false
	}
	org := len(phrase) == 1 && isAcronym(phrase[0].text)
	if len(phrase) >= 2 && len(phrase) <= maxOrgWords {
		for i, t := range phrase {
			if roleAt(phrase, i) && !isAllCaps(t.text) || isHonorific(t.text) {
				return person{}, false
			}
			org = org || inSet(orgWords, t.text) && unicode.IsUpper(firstRune(t.text))
		}
		org = org && !isParticle(phrase[len(phrase)-1].text)
	}
	if !org {
		return person{}, false
	}
	p := person{pos: phrase[0].start, org: true}
	for _, t := range phrase {
		p.words = append(p.words, strings.TrimSuffix(strings.TrimSuffix(t.text, "'s"), "’s"))
	}
	return p, true
}

// maxOrgWords bounds an organisation's name: "Autoridad del Canal de
// Suez", "Middle East News Agency".
const maxOrgWords = 7

// modifies reports whether the name phrase ending before toks[e] only
// modifies the role or occupation there: `said AFP reporter Jean Dupont`.
func modifies(toks []token, e int) bool {
	return e < len(toks) && toks[e].word && unicode.IsLower(firstRune(toks[e].text)) &&
		(isRoleNoun(toks[e].text) || inSet(foreignRoles, toks[e].text) || inSet(journalists, toks[e].text))
}

// isAcronym reports whether w is an organisation's acronym: three
// capitals or more ("GAC", "MENA"); "US" and "UN" are places and roles
// as often.
func isAcronym(w string) bool {
	return isAllCaps(w) && !strings.ContainsAny(w, "-.") && utf8.RuneCountInString(w) >= 3
}

// thingNamed reports whether the name phrase at toks[k] names a thing
// rather than a person opening a clause: an article or a preposition
// stands before it and no role or honorific is in it ("l'Ever Given",
// "die Hinterbliebenen", "laut Simultanübersetzung": German capitalises
// its nouns).
func thingNamed(toks []token, k int, phrase []token) bool {
	if k == 0 || !toks[k-1].word {
		return false
	}
	prev := toks[k-1].text
	if !inSet(determiners, prev) && !hasElidedArticle(prev) && !isPreposition(prev) {
		return false
	}
	for i, t := range phrase {
		if roleAt(phrase, i) || isHonorific(t.text) {
			return false
		}
	}
	return true
}

// isPreposition reports whether w is a lower-case preposition of a
// language news is read in: "in", "laut", "während", "de".
func isPreposition(w string) bool {
	return unicode.IsLower(firstRune(w)) && (inSet(npStops, w) || inSet(foreignStops, w) || inSet(accordingWords, w) || inSet(droppedSubjectWords, w))
}

// hasElidedArticle reports whether w opens with a French or Italian
// article elided onto it, whatever follows: "l'Ever", "l’archevêque".
func hasElidedArticle(w string) bool {
	for _, p := range []string{"l'", "l’", "d'", "d’", "L'", "L’"} {
		if rest, ok := strings.CutPrefix(w, p); ok && rest != "" {
			return true
		}
	}
	return false
}

func hasCapitalisedName(p person) bool {
	for _, w := range p.words {
		if unicode.IsUpper(firstRune(w)) {
			return true
		}
	}
	return false
}

// anyGender marks an attribution whose subject is dropped: a pronoun of
// either gender.
const anyGender = '?'

// isElidedArticle reports whether w is a French or Italian article elided
// onto a lower-case noun: "l'archevêque", "l’amiral", "dell'".
func isElidedArticle(w string) bool {
	for _, p := range []string{"l'", "l’", "d'", "d’"} {
		if rest, ok := strings.CutPrefix(w, p); ok {
			return rest != "" && unicode.IsLower(firstRune(rest))
		}
	}
	return false
}

// cliticPronoun returns the gender of the pronoun a French verb carries
// after it: 'm' for "a-t-il" and "explique-t-il", 'f' for "a-t-elle".
func cliticPronoun(w string) byte {
	switch {
	case strings.HasSuffix(w, "-il"):
		return 'm'
	case strings.HasSuffix(w, "-elle"):
		return 'f'
	}
	return 0
}

// cliticVerb returns the verb a clitic pronoun hangs on: "explique" of
// "explique-t-il".
func cliticVerb(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "-il"), "-elle")
	return strings.TrimSuffix(w, "-t")
}

// sheBy reports whether w is German "sie" or Dutch "ze" or "zij" as the
// subject of the verb verb, and so "she": they would take the plural
// ("sagten sie", "zeiden ze"), and the singular verb ends otherwise
// ("sagte sie", "zei ze", "erklärt sie").
func sheBy(w, verb string) bool {
	switch w {
	case "sie", "ze", "zij":
	default:
		return false
	}
	return isVerb(verb) && !strings.HasSuffix(verb, "en")
}

// isPronoun returns 'm' for he, 'f' for she, 0 otherwise. "They" is not
// resolved: a group is not a speaker.
func isPronoun(w string) byte {
	switch strings.ToLower(w) {
	case "he", "er", "él", "ele", "hij":
		return 'm'
	case "she", "elle", "ella", "ela":
		return 'f'
	}
	return 0
}

// maxNounWords bounds a speaker described rather than named: "a senior
// State Department official", "one senior rescue team official".
const maxNounWords = 7

// speakerBeforeVerb reads a speaker described rather than named between
// a quote and its verb, starting at toks[i]: `"…," a spokesman said`,
// `"…," the minister told reporters`, and a description with the name
// between commas: `"…," one senior rescue team official, Cho Yang-bok,
// told YTN`.
func speakerBeforeVerb(toks []token, i int) attribution {
	j := i
	for j < len(toks) && j < i+maxNounWords+2 && (toks[j].word && !isVerb(toks[j].text) && !isBetween(toks[j].text) ||
		toks[j].text == "'" || toks[j].text == "’") {
		j++
	}
	np := wordsOnly(toks[i:j])
	if len(np) == 0 {
		return attribution{}
	}
	if j < len(toks) && toks[j].text == "," {
		if !describes(np) {
			return attribution{}
		}
		if at, e := appositiveName(toks, j+1, np); at.named && e < len(toks) && toks[e].text == "," && verbFollows(toks, e+1) {
			return at
		}
		return attribution{}
	}
	if !verbFollows(toks, j) {
		return attribution{}
	}
	if at, ok := describedName(np); ok {
		return at
	}
	if !describes(np) {
		return attribution{}
	}
	return nounSpeaker(np)
}

// describedName reads the name that ends np after a description of its
// bearer: "Marseille prosecutor Brice Robin", "Duesseldorf prosecutors'
// office spokesman Ralf Herrenbrueck", "one boy named Pipat Photi", "a
// sombre Chung". The description holds a lower-case word besides a
// determiner and no preposition or conjunction, so "the White House", "a
// spokeswoman for Kerry", "Kerry and Lavrov" and "…", although Mayor
// Emmanuel Gregoire insisted' name no one.
func describedName(np []token) (attribution, bool) {
	k := len(np)
	for k > 0 && isNameWord(np[k-1].text) {
		k--
	}
	if k == len(np) || k == 0 {
		return attribution{}, false
	}
	lower := false
	for _, t := range np[:k] {
		if inSet(npStops, t.text) || inSet(clauseWords, t.text) || strings.EqualFold(t.text, "or") {
			return attribution{}, false
		}
		lower = lower || unicode.IsLower(firstRune(t.text)) && !inSet(determiners, t.text)
	}
	at := named(np[k:])
	if !lower || !at.named {
		return attribution{}, false
	}
	at.who.addRoles(np[:k])
	return at, true
}

// speakerAfterVerb reads a speaker described rather than named after the
// verb at toks[j]: `said a spokesman for the ministry`, `said the
// minister`, `said Kerry's spokeswoman, Jen Psaki`.
func speakerAfterVerb(toks []token, j int) attribution {
	if at, ok := describedAfterVerb(toks, j); ok {
		return at
	}
	if at, ok := roleOfPlaceName(toks, j); ok {
		return at
	}
	e := j
	for e < len(toks) && e < j+maxNounWords && toks[e].word && !isVerb(toks[e].text) {
		e++
	}
	np := toks[j:e]
	if len(np) == 0 || !describes(np) {
		return attribution{}
	}
	if e < len(toks) && toks[e].text == "," {
		if at, _ := appositiveName(toks, e+1, np); at.named {
			return at
		}
	}
	// `a annoncé le vice-gouverneur de la province de Chiang Rai,
	// Passakorn Boonyaluck`: a role with a longer complement, then the
	// full name between the comma and the sentence's end (or a comma).
	if c := e; c == j+maxNounWords {
		for c < len(toks) && c < j+maxLongNounWords && toks[c].word && !isVerb(toks[c].text) {
			c++
		}
		if c < len(toks) && toks[c].text == "," {
			if at, f := appositiveName(toks, c+1, toks[j:c]); at.named && len(at.who.words) >= 2 && (f == len(toks) || !toks[f].word) {
				return at
			}
		}
	}
	return nounSpeaker(np)
}

// maxLongNounWords bounds a description whose role has a complement of
// its own before the name: "le vice-gouverneur de la province de Chiang
// Rai".
const maxLongNounWords = 12

// appositiveName reads the name standing at toks[i] after a description
// of its bearer (desc), giving it the description's roles.
func appositiveName(toks []token, i int, desc []token) (attribution, int) {
	phrase, e := namePhraseForward(toks, i)
	at := named(phrase)
	if at.named {
		at.who.addRoles(desc)
	}
	return at, e
}

// nounSubject reads the subject before a reporting verb when it is a
// noun phrase rather than a name, ending at toks[k]: `A spokesman said:
// "…"`, `The minister told reporters "…"`, `Several rescued passengers
// said`. ok is false when toks[k] may end a name.
func nounSubject(toks []token, k int) (attribution, bool) {
	if !toks[k].word || !unicode.IsLower(firstRune(toks[k].text)) || isRole(toks[k].text) && k > 0 && toks[k-1].word && isNameWord(toks[k-1].text) {
		return attribution{}, false
	}
	b := k
	for b > 0 && b > k-maxNounWords && toks[b-1].word && !isVerb(toks[b-1].text) && !inSet(clauseWords, toks[b-1].text) && !strings.EqualFold(toks[b-1].text, "that") {
		b--
	}
	np := toks[b : k+1]
	if !describes(np) {
		return attribution{}, false
	}
	return nounSpeaker(np), true
}

// describes reports whether np reads as a description of a speaker: it
// opens with a determiner or a possessive, or is a plural or a role noun
// ("officials", "police", "spokesman"); not a preposition or a clause.
func describes(np []token) bool {
	w := np[0].text
	switch {
	case inSet(determiners, w), inSet(definiteArticles, w), strings.HasSuffix(w, "'s"), strings.HasSuffix(w, "’s"), isElidedArticle(w):
		return true
	case inSet(npStops, w):
		return false
	case len(np) == 1 && (strings.EqualFold(w, "they") || strings.EqualFold(w, "we")):
		return true
	}
	head := strings.ToLower(np[len(np)-1].text)
	return isPluralNoun(head) || isRoleNoun(head) || inSet(institutions, head)
}

// nounSpeaker classifies a speaker described by the noun phrase np. "the"
// and a role ("the minister", "the secretary of state", "the
// spokeswoman") is a title that names a person the article introduced
// with it; anything else is someone unnamed.
func nounSpeaker(np []token) attribution {
	words := wordsOnly(np)
	if len(words) > 1 && inSet(definiteArticles, words[0].text) {
		// "la chef d'État lors d'un discours", "il capo dello Stato": the
		// president, by whatever title introduced.
		for n := len(words); n > 1; n-- {
			if isHeadOfState(words[1:n]) {
				return attribution{title: []string{"leader"}, pos: words[n-1].start}
			}
		}
	}
	for k := 1; k < len(words); k++ { // "a spokesman for the ministry", "le maire de Paris"
		if inSet(npStops, words[k].text) && !strings.EqualFold(words[k].text, "of") ||
			inSet(foreignStops, words[k].text) || inSet(droppedSubjectWords, words[k].text) && !inSet(npStops, words[k].text) ||
			strings.EqualFold(words[k].text, "of") && !isRoleNoun(nextText(words, k+1)) {
			words = words[:k]
			break
		}
	}
	if len(words) == 0 {
		return attribution{}
	}
	head := words[len(words)-1]
	h := strings.ToLower(head.text)
	at := attribution{unnamed: true, pos: head.start, gender: nounGender(words)}
	switch {
	case h == "they" || h == "we" || h == "it" || isPluralNoun(h) || inSet(institutions, h):
		at.group = true
		return at
	}
	if len(words) > 1 && inSet(definiteArticles, words[0].text) && unicode.IsLower(firstRune(head.text)) {
		// A definite description names someone the article introduced:
		// "the minister", "the prosecutor", "the 41-year-old leader",
		// "le ministre", "de coach".
		for _, w := range words[1 : len(words)-1] {
			if isRoleNoun(w.text) {
				at.title = append(at.title, roleKey(w.text))
			}
		}
		at.title = append(at.title, roleKey(h))
		at.unnamed = false
	}
	return at
}

// isHeadOfState reports whether words say "head of state" in one of the
// languages news is read in: a leader, by whatever title introduced.
func isHeadOfState(words []token) bool {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = strings.ReplaceAll(strings.ToLower(w.text), "’", "'")
	}
	_, ok := headOfState[strings.Join(parts, " ")]
	return ok
}

var headOfState = map[string]struct{}{
	"head of state": {}, "chef d'état": {}, "chef de l'état": {}, "cheffe de l'état": {},
	"jefe de estado": {}, "jefa de estado": {}, "jefe del estado": {}, "capo dello stato": {},
	"chefe de estado": {}, "chefe do estado": {}, "staatschef": {}, "staatschefin": {},
	"staatsoberhaupt": {}, "staatshoofd": {},
}

func nextText(words []token, k int) string {
	if k < len(words) {
		return words[k].text
	}
	return ""
}

// isPluralNoun reports whether a lower-case word reads as a plural noun:
// "officials", "witnesses", "people".
func isPluralNoun(w string) bool {
	w = strings.ToLower(w)
	switch w {
	case "people", "police", "men", "women", "children", "staff", "crew":
		return true
	}
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !inSet(roleWords, w) || inSet(pluralRoles, w)
}

// isRoleNoun reports whether w names a role or an occupation a person is
// introduced with: "minister", "spokeswoman", "mayor", "farmer".
func isRoleNoun(w string) bool {
	if w == "" || inSet(pluralRoles, w) {
		return false
	}
	return inSet(roleWords, w) || inSet(occupations, w)
}

// nounGender returns the gender the words of a description give: 'm' for
// "a male survivor" or "the spokesman", 'f' for "the spokeswoman".
func nounGender(words []token) byte {
	for _, w := range words {
		switch {
		case inSet(maleNouns, w.text):
			return 'm'
		case inSet(femaleNouns, w.text):
			return 'f'
		}
	}
	return 0
}

// roleKey is the form roles are compared in: gendered forms of one role
// are one key ("spokesman", "spokeswoman" and "spokesperson").
func roleKey(w string) string {
	w = strings.ToLower(w)
	for _, suffix := range []string{"woman", "man", "person"} {
		if base, ok := strings.CutSuffix(w, suffix); ok && base != "" {
			return base + "person"
		}
	}
	return w
}

// describedBefore reads the name standing before a description that
// ends at the comma toks[c]: `Amporn Sriwichai, an aunt of the rescued
// coach,`. ok is false when the description opens the sentence.
func describedBefore(toks []token, c int) (attribution, bool) {
	d := c - 1
	for d >= 0 && d > c-16 && toks[d].text != "," && toks[d].text != "." {
		d--
	}
	if d < 1 || toks[d].text != "," || d+1 >= c ||
		!inSet(determiners, toks[d+1].text) && !(unicode.IsLower(firstRune(toks[d+1].text)) && isRoleNoun(toks[d+1].text)) {
		return attribution{}, false // `Name, founder of Farshid Moussavi Architecture, said`
	}
	phrase, before := namePhraseBackward(toks, d-1)
	if len(phrase) == 0 || before >= 0 && toks[before].word && !isBetween(toks[before].text) && !inSet(clauseWords, toks[before].text) {
		return attribution{}, false
	}
	at := named(phrase)
	if !at.named {
		return attribution{}, false
	}
	at.who.addRoles(toks[d+1 : c])
	return at, true
}

// describedAfterVerb reads a name after a reporting verb and a short
// lower-case description, as Romance languages put it: `ha comentato il
// presidente francese Emmanuel Macron`, `a assuré le gouverneur Narongsak
// Osottanakorn`, `said former minister John Smith`. The description holds
// no preposition or conjunction ("said the spokesman for Kerry" names no
// one), and the name has two words unless the description holds a role.
func describedAfterVerb(toks []token, j int) (attribution, bool) {
	k, role := j, false
	for k < len(toks) && k < j+4 && toks[k].word && unicode.IsLower(firstRune(toks[k].text)) {
		w := toks[k].text
		// (Portuguese "o" is an article first: `afirmou o presidente`.)
		if inSet(npStops, w) || inSet(clauseWords, w) || inSet(foreignStops, w) && !(k == j && inSet(determiners, w)) || isVerb(w) {
			return attribution{}, false
		}
		role = role || isRoleNoun(w) || inSet(foreignRoles, w)
		k++
	}
	if k == j || k >= len(toks) || !toks[k].word || !isNameWord(toks[k].text) {
		return attribution{}, false
	}
	phrase, e := namePhraseForward(toks, k)
	// `sagte die Präses der Evangelischen Kirche von Westfalen, Annette
	// Kurschus`: a title, then the name between commas.
	if role || len(phrase) > 0 && roleAt(phrase, len(phrase)-1) {
		// The title's complement: "der Evangelischen Kirche von Westfalen".
		f := e
		complement := func(w string) bool {
			return inSet(foreignStops, w) || inSet(determiners, w) && unicode.IsLower(firstRune(w))
		}
		for f < len(toks) && f < e+8 && toks[f].word && (complement(toks[f].text) || isNameWord(toks[f].text)) {
			f++
		}
		if f < len(toks) && toks[f].text == "," && f > e && complement(toks[e].text) {
			e = f
		}
	}
	if e+1 < len(toks) && toks[e].text == "," {
		if inner, f := namePhraseForward(toks, e+1); f > e+1 && (f == len(toks) || !toks[f].word) {
			if at := named(inner); at.named && len(at.who.words) >= 2 {
				at.who.addRoles(toks[j:e])
				return at, true
			}
		}
	}
	if k > j && describedJob(toks[k-1].text, phrase) {
		return attribution{}, false // `said the Harrow Coroner`
	}
	at := named(phrase)
	if !at.named || len(at.who.words) < 2 && !role {
		return attribution{}, false
	}
	at.who.addRoles(toks[j:k])
	return at, true
}
