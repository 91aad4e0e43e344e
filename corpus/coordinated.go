package corpus

import "unicode"

// coordinatedSubject reads the subject of a reporting verb coordinated
// with an earlier verb of its sentence, toks[k] being the conjunction
// before it: `Macron set a five-year target, and asked his nation to
// think about "…"`, `Ratings agency Moody's expects delays … and said
// congestion was "inevitable"`. The verbs share the subject that opens
// the sentence: a name, perhaps after a description. Another name that
// may be a subject of its own between them, or another reporting verb,
// and no speaker is read.
func coordinatedSubject(toks []token, k int) attribution {
	e := 0
	for e < k && e < maxNounWords+2 && toks[e].word && !opensPredicate(toks, e) {
		e++
	}
	if e == 0 || e >= k || !toks[e].word || !opensPredicate(toks, e) {
		return attribution{}
	}
	at, ok := describedName(toks[:e])
	if !ok {
		phrase, end := namePhraseForward(toks, 0)
		if end != e {
			return attribution{}
		}
		at = named(phrase)
	}
	at = ownPossessive(at, toks[:e])
	if !at.named {
		return attribution{}
	}
	for j := e; j < k; j++ {
		t := toks[j]
		if !t.word {
			continue
		}
		if isVerb(t.text) {
			return attribution{} // a clause with an attribution of its own
		}
		if isNameWord(t.text) && !isPossessive(t.text) && !(j > 0 && toks[j-1].word && (inSet(determiners, toks[j-1].text) || isPreposition(toks[j-1].text))) &&
			j+1 < k && toks[j+1].word && unicode.IsLower(firstRune(toks[j+1].text)) {
			return attribution{} // perhaps a subject of its own
		}
	}
	return at
}

// opensPredicate reports whether toks[e] is a lower-case word after a
// name that is not part of a description (a role, an occupation, an
// organisation's noun), and so may be the verb after a subject.
func opensPredicate(toks []token, e int) bool {
	w := toks[e].text
	return e > 0 && toks[e].word && unicode.IsLower(firstRune(w)) && isNameWord(toks[e-1].text) &&
		!inSet(determiners, w) && !isParticle(w) && !isRoleNoun(w) && !inSet(orgWords, w) && !inSet(journalists, w)
}

// isPossessive reports whether w ends in a possessive 's.
func isPossessive(w string) bool {
	return len(w) > 2 && (w[len(w)-2:] == "'s" || len(w) > 4 && w[len(w)-4:] == "’s")
}

// ownPossessive gives back the 's that personFrom drops when the name
// phrase ends in it with nothing possessed after it, the verb following:
// "Moody's said" is Moody's speaking, not Moody's spokesman.
func ownPossessive(at attribution, phrase []token) attribution {
	if !at.named || len(phrase) == 0 || len(at.who.words) == 0 {
		return at
	}
	last := phrase[len(phrase)-1].text
	if n := len(at.who.words) - 1; isPossessive(last) && !isPossessive(at.who.words[n]) {
		at.who.words = append(at.who.words[:n:n], last)
	}
	return at
}
