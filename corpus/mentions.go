package corpus

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// mention is a named person the text presents as a speaker or subject,
// to which later pronouns and unattributed quotes can refer.
type mention struct {
	who  person
	para int
	// unnamed marks a speaker the article does not name ("a spokesman
	// said"), whom a later pronoun or quote may mean: it stops the search
	// for a named one. group marks several people, never "he" or "she".
	unnamed, group bool
	// pronounOnly marks someone only spoken of, not speaking (`Saman
	// Kunan was working as a volunteer`): "he" may mean them, but a
	// quote left unattributed is not theirs for that.
	pronounOnly bool
}

// collectMentions lists, in text order, the people a reader would take
// "he" or "she" to mean: named speakers of quotes, named subjects of
// reporting verbs, and sentences that open with a titled or already
// quoted name ("Mr Kerry expressed some scepticism …", "Mayor Ann Cole
// arrived late"). withTitle are the people introduced with a title
// (collectTitled), whom a title as subject ("the captain said") means.
func collectMentions(a *Article, all []token, attrs []attribution, spans []quoteSpan, withTitle []mention) []mention {
	var ms []mention
	quoted := func(pos int) bool {
		i := sort.Search(len(spans), func(i int) bool { return spans[i].end > pos })
		return i < len(spans) && spans[i].start <= pos
	}
	speakers := make(map[string]bool)
	paraOf := func(pos int) int {
		return sort.Search(len(a.Paragraphs), func(i int) bool { return a.Paragraphs[i].End >= pos })
	}
	for _, at := range attrs {
		switch {
		case at.named:
			ms = append(ms, mention{who: at.who, para: paraOf(at.pos)})
			speakers[at.who.surname()] = true
		case at.unnamed:
			ms = append(ms, unnamedMention(at, paraOf(at.pos)))
		}
	}
	var openers []mention
	for _, s := range a.Sentences {
		toks := tokensIn(all, sentenceStory(a, s), s.End)
		for v, t := range toks {
			if t.word && isVerb(t.text) && v > 0 {
				at := subjectOf(toks, v)
				if !at.found() {
					at = invertedSubject(toks, v)
				}
				switch {
				case quoted(at.pos):
				case at.named:
					ms = append(ms, mention{who: at.who, para: s.Paragraph})
					speakers[at.who.surname()] = true
				case at.unnamed:
					ms = append(ms, unnamedMention(at, s.Paragraph))
				case at.title != nil:
					// "Le capitaine a affirmé …": the person introduced
					// with the title, else someone the article does not
					// name, whom a later "il" may mean.
					if p, ok := titledBefore(withTitle, at.title, at.gender, at.pos); ok {
						p.pos = at.pos
						ms = append(ms, mention{who: p, para: s.Paragraph})
					} else {
						ms = append(ms, unnamedMention(at, s.Paragraph))
					}
				}
			} else if p, ok := auxSubject(toks, v, a.Language); ok && !quoted(p.pos) {
				ms = append(ms, mention{who: p, para: s.Paragraph, pronounOnly: true})
			}
		}
		if len(toks) > 0 && toks[0].word && !quoted(toks[0].start) {
			phrase, next := namePhraseForward(toks, 0)
			if p, ok := appositiveOpener(toks); ok {
				openers = append(openers, mention{who: p, para: s.Paragraph})
			} else if p, ok := personFrom(phrase); ok && (p.gender != 0 || titled(phrase) || describedAfter(toks, next)) {
				openers = append(openers, mention{who: p, para: s.Paragraph})
			} else if ok {
				openers = append(openers, mention{who: p, para: -1 - s.Paragraph}) // kept if quoted elsewhere
			}
		}
	}
	for _, o := range openers {
		if o.para < 0 {
			if !speakers[o.who.surname()] {
				continue
			}
			o.para = -1 - o.para
		}
		ms = append(ms, o)
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].who.pos < ms[j].who.pos })
	return ms
}

// auxSubject reads the person whose full name stands right before the
// auxiliary at toks[v], the subject of whatever verb follows: `Bernard
// Arnault a donc signé …` is whom a later `a-t-il déclaré` means. Only a
// name of two words or more, not after a preposition or an article
// ("la famille de Bernard Arnault a"), counts; French and Portuguese "a"
// is an English article too, so it counts in those languages only.
func auxSubject(toks []token, v int, lang string) (person, bool) {
	t := toks[v]
	// (A short word after a capital, checked first, rules out most words
	// cheaply: the longest auxiliary is "était".)
	if v == 0 || !t.word || len(t.text) > len("était") || !unicode.IsUpper(firstRune(toks[v-1].text)) ||
		!inSet(subjectAuxiliaries, t.text) && !(t.text == "a" && (lang == "fr" || lang == "pt")) {
		return person{}, false
	}
	if v+1 >= len(toks) || !toks[v+1].word || !unicode.IsLower(firstRune(toks[v+1].text)) {
		return person{}, false
	}
	phrase, before := namePhraseBackward(toks, v-1)
	if before >= 0 && toks[before].word && (isPreposition(toks[before].text) || inSet(determiners, toks[before].text)) {
		return person{}, false
	}
	p, ok := personFrom(phrase)
	if !ok || len(p.words) < 2 || !hasCapitalisedName(p) {
		return person{}, false
	}
	return p, true
}

// subjectAuxiliaries follow a subject and open its verb, in the
// languages news is read in.
var subjectAuxiliaries = setOf(`has had was is hat hatte ist war heeft avait est était ha había fue
aveva è tem tinha foi`)

// invertedSubject reads the speaker named after the reporting verb at
// toks[v] when the verb follows a comma, perhaps after its auxiliary:
// `…, said French prosecutor Brice Robin`, `…, a annoncé le
// vice-gouverneur …, Passakorn Boonyaluck`. Only a name counts.
func invertedSubject(toks []token, v int) attribution {
	c := v
	for c > 0 && toks[c-1].word && isAuxAt(toks, c-1) {
		c--
	}
	if c == 0 || toks[c-1].text != "," {
		return attribution{}
	}
	if at := speakerOfVerb(toks, v); at.named {
		return at
	}
	return attribution{}
}

// mentionedAgain adds p, whom a pronoun or an unattributed quote at pos
// was taken to mean, as mentioned there: the article is still speaking
// of p, so a run of quote paragraphs ("…," he said. / "…" / "…") keeps
// its speaker past the paragraphs recentMention looks back over. ms stay
// in text order.
func mentionedAgain(ms []mention, p person, pos, para int) []mention {
	p.pos = pos
	i := sort.Search(len(ms), func(i int) bool { return ms[i].who.pos > pos })
	return slices.Insert(ms, i, mention{who: p, para: para})
}

func unnamedMention(at attribution, para int) mention {
	return mention{who: person{gender: at.gender, pos: at.pos}, para: para, unnamed: true, group: at.group}
}

// describedAfter reports whether a description of a person follows the
// name ending before toks[next]: "Michel Aupetit, the archbishop of
// Paris, has hailed …".
func describedAfter(toks []token, next int) bool {
	return next+1 < len(toks) && toks[next].text == "," && inSet(determiners, toks[next+1].text)
}

// appositiveOpener reads the person a sentence opens with when it names
// them after a description, between commas: "One of the boys, Adun
// Samon, described …", "One student, Lim Hyung-min, told …".
func appositiveOpener(toks []token) (person, bool) {
	if !inSet(determiners, toks[0].text) && !isElidedArticle(strings.ToLower(toks[0].text)) {
		return person{}, false
	}
	c := 1
	for c < len(toks) && c < maxNounWords+2 && toks[c].word {
		c++
	}
	if c+1 >= len(toks) || toks[c].text != "," {
		return person{}, false
	}
	phrase, e := namePhraseForward(toks, c+1)
	p, ok := personFrom(phrase)
	if !ok || !hasCapitalisedName(p) || e >= len(toks) || toks[e].text != "," {
		return person{}, false
	}
	p.addRoles(toks[:c])
	return p, true
}

// titled reports whether a name phrase carries an honorific or a role,
// which makes it a person: "Mr Kerry", "Mayor Ann Cole".
func titled(phrase []token) bool {
	for i, t := range phrase {
		if isHonorific(t.text) || !isAllCaps(t.text) && inSet(roleWords, t.text) && !jobAsName(phrase, i) {
			return true
		}
	}
	return false
}

// recentMention returns the person last mentioned before pos within two
// paragraphs, three for "he" or "she" (a pronoun says more than a quote
// left unattributed), skipping people whose title says the pronoun cannot
// be theirs.
func recentMention(ms []mention, pos, para int, gender byte) (person, bool) {
	back := 2
	if gender != 0 {
		back = 3
	}
	for i := sort.Search(len(ms), func(i int) bool { return ms[i].who.pos >= pos }) - 1; i >= 0; i-- {
		m := ms[i]
		if m.para < para-back {
			break
		}
		if gender != 0 && (m.group || m.who.org || m.who.gender != 0 && m.who.gender != gender) || gender == 0 && m.pronounOnly {
			continue
		}
		if m.unnamed {
			// `"…," one survivor told YTN. "…," he added.`: the
			// survivor, whom the article does not name.
			return person{}, false
		}
		return m.who, true
	}
	return person{}, false
}

// soleMention returns the person mentioned before pos in paragraph para
// when the paragraph mentions one person only there, named, not an
// organisation, and no one unnamed.
func soleMention(ms []mention, pos, para int) (person, bool) {
	var found *mention
	for i := sort.Search(len(ms), func(i int) bool { return ms[i].who.pos >= pos }) - 1; i >= 0 && ms[i].para >= para; i-- {
		m := &ms[i]
		if m.para != para {
			continue
		}
		if m.unnamed || m.group || m.who.org || found != nil && m.who.surname() != found.who.surname() {
			return person{}, false
		}
		if found == nil || len(m.who.words) > len(found.who.words) {
			found = m
		}
	}
	if found == nil {
		return person{}, false
	}
	return found.who, true
}

// collectTitled lists, in text order, the people the article gives a
// role: in the name phrase ("Foreign Minister Sergei Lavrov", "council
// leader Maria Lind"), in a description after the name ("Cho Man-yong, a
// coast guard spokesman,") or before it (attributions, from attrs). A
// speaker named by title alone ("the minister said") is one of them.
func collectTitled(a *Article, toks []token, phrases []namedPhrase, attrs []attribution) []mention {
	paraOf := func(pos int) int {
		return sort.Search(len(a.Paragraphs), func(i int) bool { return a.Paragraphs[i].End >= pos })
	}
	var ms []mention
	for _, np := range phrases {
		start, next, p := np.start, np.next, np.who
		if !hasCapitalisedName(p) {
			continue
		}
		p.roles = slices.Clip(p.roles)
		// "lead prosecutor Brice Robin" ("le capitaine du Sewol" gives
		// the Sewol no role)
		b := start
		for b > 0 && b > start-3 && toks[b-1].word && unicode.IsLower(firstRune(toks[b-1].text)) &&
			!inSet(determiners, toks[b-1].text) && !inSet(npStops, toks[b-1].text) && !inSet(foreignStops, toks[b-1].text) &&
			!isVerb(toks[b-1].text) && !inSet(clauseWords, toks[b-1].text) {
			b--
		}
		p.addRoles(toks[b:start])
		// "A spokeswoman for the council, Ann Cole,", "Kerry's
		// spokeswoman, Jen Psaki,"
		if start > 1 && toks[start-1].text == "," {
			b := start - 1
			for b > 0 && b > start-12 && toks[b-1].text != "," && toks[b-1].text != "." {
				b--
			}
			if w := toks[b].text; b < start-1 && (inSet(determiners, w) || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")) {
				p.addRoles(toks[b : start-1])
			}
		}
		// "Cho Man-yong, a coast guard spokesman, said"
		if next+1 < len(toks) && toks[next].text == "," && inSet(determiners, toks[next+1].text) {
			e := next + 1
			for e < len(toks) && e < next+12 && toks[e].text != "," && toks[e].text != "." {
				e++
			}
			if e < len(toks) {
				p.addRoles(toks[next+1 : e])
			}
		}
		if len(p.roles) > 0 {
			ms = append(ms, mention{who: p, para: paraOf(p.pos)})
		}
	}
	for _, at := range attrs {
		if at.named && len(at.who.roles) > 0 {
			ms = append(ms, mention{who: at.who, para: paraOf(at.pos)})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].who.pos < ms[j].who.pos })
	return ms
}

// titledBefore returns the person last introduced before pos with every
// role of title ("the minister" is "Foreign Minister Sergei Lavrov"),
// skipping those whose gender the title rules out. ok is false when there
// is none, or when two people holding the role are introduced in the same
// paragraph, so the title does not say which.
func titledBefore(ms []mention, title []string, gender byte, pos int) (person, bool) {
	var found *mention
	for i := sort.Search(len(ms), func(i int) bool { return ms[i].who.pos >= pos }) - 1; i >= 0; i-- {
		m := &ms[i]
		if !m.who.hasRoles(title) || gender != 0 && m.who.gender != 0 && m.who.gender != gender {
			continue
		}
		if found == nil {
			found = m
			continue
		}
		if m.who.surname() == found.who.surname() {
			continue
		}
		if m.para == found.para {
			return person{}, false
		}
		break
	}
	if found == nil {
		return person{}, false
	}
	return found.who, true
}
