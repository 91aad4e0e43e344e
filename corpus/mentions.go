package corpus

import "sort"

// mention is a named person the text presents as a speaker or subject,
// to which later pronouns and unattributed quotes can refer.
type mention struct {
	who  person
	para int
}

// collectMentions lists, in text order, the people a reader would take
// "he" or "she" to mean: named speakers of quotes, named subjects of
// reporting verbs, and sentences that open with a titled or already
// quoted name ("Mr Kerry expressed some scepticism …", "Mayor Ann Cole
// arrived late").
func collectMentions(a *Article, all []token, attrs []attribution, spans []quoteSpan) []mention {
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
		if at.named {
			ms = append(ms, mention{who: at.who, para: paraOf(at.pos)})
			speakers[at.who.surname()] = true
		}
	}
	var openers []mention
	for _, s := range a.Sentences {
		toks := tokensIn(all, s.Start, s.End)
		for v, t := range toks {
			if t.word && isVerb(t.text) && v > 0 {
				if at := subjectOf(toks, v); at.named && !quoted(at.pos) {
					ms = append(ms, mention{who: at.who, para: s.Paragraph})
					speakers[at.who.surname()] = true
				}
			}
		}
		if len(toks) > 0 && toks[0].word && !quoted(toks[0].start) {
			phrase, _ := namePhraseForward(toks, 0)
			if p, ok := personFrom(phrase); ok && (p.gender != 0 || titled(phrase)) {
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

// titled reports whether a name phrase carries an honorific or a role,
// which makes it a person: "Mr Kerry", "Mayor Ann Cole".
func titled(phrase []token) bool {
	for _, t := range phrase {
		if isHonorific(t.text) || !isAllCaps(t.text) && inSet(roleWords, t.text) {
			return true
		}
	}
	return false
}

// recentMention returns the person last mentioned before pos within two
// paragraphs, skipping people whose title says the pronoun cannot be
// theirs.
func recentMention(ms []mention, pos, para int, gender byte) (person, bool) {
	for i := sort.Search(len(ms), func(i int) bool { return ms[i].who.pos >= pos }) - 1; i >= 0; i-- {
		m := ms[i]
		if m.para < para-2 {
			break
		}
		if gender != 0 && m.who.gender != 0 && m.who.gender != gender {
			continue
		}
		return m.who, true
	}
	return person{}, false
}
