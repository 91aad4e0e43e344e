package corpus

// attributeTrailing reads an attribution that closes the quote's
// sentence a few words after the quote: `Lubitz appeared to "show a
// desire to destroy" the plane, Robin told reporters`, `Ces révélations
// ont "choqué" les familles, arrivées jeudi, a souligné le procureur
// Brice Robin`. A clause set off by a comma and opening with the
// attribution, as attributeAfter reads it, reports the whole sentence,
// the quoted words included. toks run from the quote's close to the end
// of its sentence (or the next quote); a reporting verb before the comma
// would make the words between a clause of their own, and no speaker is
// read then. A quote ending its sentence (`… background."`) has none.
func attributeTrailing(toks []token) attribution {
	words := 0
	for c, t := range toks {
		if t.word {
			if isVerb(t.text) || inSet(reportingParticiples, t.text) {
				return attribution{}
			}
			words++
			continue
		}
		if isTerminal(firstRune(t.text)) {
			return attribution{} // the sentence ended without one
		}
		if t.text != "," || words == 0 {
			continue
		}
		if words > maxTrailingWords {
			return attribution{}
		}
		if at := attributeAfter(toks[c:]); at.found() {
			return at
		}
	}
	return attribution{}
}

// maxTrailingWords bounds the reporter's words between a quote and the
// attribution that closes its sentence.
const maxTrailingWords = 24
