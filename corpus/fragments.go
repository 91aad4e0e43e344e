package corpus

// attributeSentenceBefore reads the attribution before spans[i] in the
// whole of its sentence, the words of the earlier quotes in it left out,
// when one of them cut the prefix short: `Robin said the passengers died
// "instantly" and were not aware until the "very last moment"`, `Chung
// said he had given the situation "first priority," adding that he did
// not want to be "any burden"`. from is where the sentence's words start.
// The words since the last quote must not open a clause with a subject
// of its own (`… a "terrible tragedy" but the opposition was "furious"`).
func (r *quoteReading) attributeSentenceBefore(i, from int) attribution {
	s := r.spans[i]
	if i == 0 || r.spans[i-1].close <= from || opensClause(tokensIn(r.toks, r.spans[i-1].close, s.open)) {
		return attribution{}
	}
	var kept []token
	for _, t := range tokensIn(r.toks, from, s.open) {
		if !r.quotedBefore(i, t.start) {
			kept = append(kept, t)
		}
	}
	return attributeBefore(kept)
}

// quotedBefore reports whether offset lies within the words of an
// earlier span than spans[i], its opening mark included (the punctuation
// and closing mark after the words stay: `"first priority," adding`).
func (r *quoteReading) quotedBefore(i, offset int) bool {
	for j := i - 1; j >= 0 && r.spans[j].close > offset; j-- {
		if r.spans[j].open <= offset && offset < r.spans[j].end {
			return true
		}
	}
	return false
}

// opensClause reports whether the words gap, between two quotes of one
// sentence, open a clause with a subject of its own: a conjunction or a
// clause word followed by a determiner, a pronoun or a name ("but the
// opposition", "while Lavrov", "and he").
func opensClause(gap []token) bool {
	for k := 0; k+1 < len(gap); k++ {
		w, next := gap[k], gap[k+1]
		if !w.word || !next.word || !inSet(clauseWords, w.text) && !inSet(conjunctions, w.text) {
			continue
		}
		if inSet(determiners, next.text) || inSet(subjectPronouns, next.text) || isNameWord(next.text) {
			return true
		}
	}
	return false
}

// subjectPronouns open a clause of their own after a conjunction.
var subjectPronouns = setOf(`i he she it we they il elle on ils elles él ella ellos ellas lui lei
loro ele ela eles elas er sie es wir hij zij ze`)
