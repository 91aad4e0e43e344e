package corpus

import "unicode"

// colonSubject reads the speaker of a quote that a colon introduces when
// no reporting verb does: the subject that opens the sentence before the
// colon, toks ending with it: `Bundespräsident Joachim Gauck fand
// tröstende Worte: "…"`, `Macron had a message for the firefighters:
// "…"`.
func colonSubject(toks []token) attribution {
	if len(toks) < 3 || toks[len(toks)-1].text != ":" {
		return attribution{}
	}
	// A colon says less than a verb: a full name or a titled one only.
	if at := openingSubject(toks, len(toks)-1); len(at.who.words) >= 2 || len(at.who.roles) > 0 {
		return at
	}
	return attribution{}
}

// openingSubject reads the subject that opens the sentence toks, for the
// colon at toks[k]: a name, perhaps after a description ("Ratings agency
// Moody's"), with no reporting verb between it and k, nor another name
// followed by a lower-case word, which may be a subject of its own.
func openingSubject(toks []token, k int) attribution {
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
	// `Zijn ouders schreven`, `Ha fatto`: a capitalised function word of
	// another language opening the sentence is no name.
	if len(at.who.words) == 1 && len(at.who.roles) == 0 && isFunctionWord(at.who.words[0]) {
		return attribution{}
	}
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

// isFunctionWord reports whether w is an article, a pronoun, a possessive
// or an auxiliary of a language news is read in, which a capital at a
// sentence's start can make look like a name.
func isFunctionWord(w string) bool {
	return inSet(determiners, w) || inSet(subjectPronouns, w) || inSet(possessives, w) ||
		inSet(subjectAuxiliaries, w) || isBetween(w)
}

// possessives open a noun phrase as an article does: "Zijn ouders", "Sa
// mère", "Su padre".
var possessives = setOf(`my your his her its our their mon ma mes ton ta tes son sa ses notre votre
leur leurs mi tu su sus nuestro nuestra mio mia tuo tua suo sua nostro nostra meu minha seu sua
nosso nossa mein meine dein deine sein seine ihr ihre unser unsere mijn jouw zijn haar ons onze
hun`)
