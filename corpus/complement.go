package corpus

import "unicode"

// roleOfPlaceName reads a name after a role and the role's complement,
// with no comma between them, from toks[j]: `le procureur de la
// République de Marseille Brice Robin`, `le procureur de Paris Rémy
// Heitz`, `the mayor of Paris Anne Hidalgo`. Each complement is a
// preposition, perhaps an article, and one capitalised word; the name
// after them must have two words, so a place of two words ("de Chiang
// Rai Narongsak Osottanakorn") is never read into the name.
func roleOfPlaceName(toks []token, j int) (attribution, bool) {
	k := j
	if k < len(toks) && inSet(determiners, toks[k].text) {
		k++
	}
	role := false
	for k < len(toks) && k < j+4 && toks[k].word && unicode.IsLower(firstRune(toks[k].text)) && !inSet(complementWords, toks[k].text) {
		role = role || isRoleNoun(toks[k].text) || inSet(foreignRoles, toks[k].text)
		k++
	}
	if !role {
		return attribution{}, false
	}
	desc, places := k, 0
	for k+1 < len(toks) && toks[k].word && inSet(complementWords, toks[k].text) {
		k++
		if (inSet(determiners, toks[k].text) || dutchArticleAfter(toks, k)) && k+1 < len(toks) {
			k++
		}
		if w := toks[k].text; !toks[k].word || !isNameWord(w) && !(hasElidedArticle(w) && isNameWord(elidedRest(w))) {
			return attribution{}, false
		}
		k++
		places++
	}
	if places == 0 {
		return attribution{}, false
	}
	phrase, e := namePhraseForward(toks, k)
	if len(phrase) != 2 || e < len(toks) && toks[e].word && isNameWord(toks[e].text) {
		return attribution{}, false
	}
	at := named(phrase)
	if !at.named || at.who.org {
		return attribution{}, false
	}
	at.who.addRoles(toks[j:desc])
	return at, true
}

// dutchArticleAfter reports whether toks[k] is Dutch's article after
// "van": "woordvoerder van de Notre-Dame André Filot", where "de" is
// "the", not French's "of".
func dutchArticleAfter(toks []token, k int) bool {
	return k >= 1 && (toks[k].text == "de" || toks[k].text == "het") && toks[k-1].text == "van"
}

// roleNoun reports whether w is a role written as a common noun, in lower
// case ("woordvoerder", "spokesman"), not an honorific ("Mr", "Dr").
func roleNoun(w string) bool { return isRole(w) && unicode.IsLower(firstRune(w)) }

// complementWords open a role's complement: "de la République", "of
// Paris", "von Haltern".
var complementWords = setOf(`de du des of di del della dello von vom van do da`)

// elidedRest is w without the article elided onto it: "Etat" of
// "l'Etat".
func elidedRest(w string) string {
	for i, r := range w {
		if r == '\'' || r == '’' {
			return w[i+len(string(r)):]
		}
	}
	return w
}

// withoutPlace drops the place a name phrase opens with when a role's
// complement runs into the name, toks[i] starting the phrase after "de"
// or "of": "Paris Rémy Heitz" of `le procureur de Paris Rémy Heitz`,
// "République de Marseille Brice Robin" of `le procureur de la
// République de Marseille Brice Robin`. It returns the name's words and
// how many tokens of the phrase were dropped; a phrase of two words, or
// one the name would not keep two words of, is left whole.
func withoutPlace(toks []token, i int, phrase []token) ([]token, int) {
	if len(phrase) < 3 || !placeBefore(toks, i) {
		return phrase, 0
	}
	cut := 1 // the place is one word, unless particles join more
	for k, t := range phrase {
		if isParticle(t.text) && k+2 < len(phrase) {
			cut = k + 2
		}
	}
	if len(phrase)-cut < 2 {
		return phrase, 0
	}
	return phrase[cut:], cut
}

// placeBefore reports whether the name phrase at toks[i] follows a
// role and its complement word, perhaps with an article: "procureur de
// [Paris]", "maire de la [Ville]". (After a relation, "the widow of
// Captain Tom Dunn", the name is someone else's.)
func placeBefore(toks []token, i int) bool { return placeRole(toks, i) >= 0 }

// placeRole returns where the role placeBefore finds stands, -1 when
// there is none.
func placeRole(toks []token, i int) int {
	k := i - 1
	if k >= 1 && inSet(determiners, toks[k].text) {
		k--
	}
	if k >= 2 && dutchArticleAfter(toks, k) {
		k--
	}
	if k < 1 || !toks[k].word || !inSet(complementWords, toks[k].text) || !toks[k-1].word {
		return -1
	}
	if w := toks[k-1].text; unicode.IsLower(firstRune(w)) && (isRoleNoun(w) || inSet(foreignRoles, w)) {
		return k - 1
	}
	return -1
}
