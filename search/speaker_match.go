package search

import "strings"

// Outlets name the same person "John Kerry" in one article and plain
// "Kerry" in another. A speaker asked for by full name is therefore
// searched by surname, and the hits are then kept only when their speaker
// can be the same person: same surname, and the same first name (or an
// initial of it) when both names have one. "Kerry" and "J. Kerry" are
// John Kerry; "Jane Kerry" is not.

// surnameTerms is what the index is searched by for a speaker filter: the
// last word of the name.
func surnameTerms(terms []string) []string {
	if len(terms) <= 1 {
		return terms
	}
	return terms[len(terms)-1:]
}

// keepSpeaker drops candidates whose speaker is not the one asked for
// (terms, the analysed words of the name). Without a speaker it keeps all.
func (ix *Index) keepSpeaker(cands []*candidate, terms []string) []*candidate {
	if len(terms) <= 1 {
		return cands // the surname query already says all there is
	}
	same := map[string]bool{}
	kept := cands[:0]
	for _, c := range cands {
		ok, seen := same[c.speaker]
		if !seen {
			var got []string
			for _, t := range ix.an.name.Analyze([]byte(c.speaker)) {
				got = append(got, string(t.Term))
			}
			ok = sameSpeaker(terms, got)
			same[c.speaker] = ok
		}
		if ok {
			kept = append(kept, c)
		}
	}
	return kept
}

// sameSpeaker reports whether a speaker named got can be the person asked
// for as want (both analysed words of a name).
func sameSpeaker(want, got []string) bool {
	if len(want) == 0 {
		return true
	}
	if len(got) == 0 || want[len(want)-1] != got[len(got)-1] {
		return false
	}
	if len(want) == 1 || len(got) == 1 {
		return true
	}
	a, b := want[0], got[0]
	return a == b || initialOf(a, b) || initialOf(b, a)
}

// initialOf reports whether short is one letter that starts name.
func initialOf(short, name string) bool {
	return len([]rune(short)) == 1 && strings.HasPrefix(name, short)
}

// fullerSpeakers gives each answer's speaker the fullest name the whole
// coverage gives them: an article that says only "Lavrov said" shows
// "Sergei Lavrov" when the coverage names one Lavrov, so the same quote
// carries one name whatever was asked.
func (ix *Index) fullerSpeakers(answers []Answer) []Answer {
	ix.mu.RLock()
	book := ix.speakers
	ix.mu.RUnlock()
	for i := range answers {
		if answers[i].Speaker != "" {
			answers[i].Speaker = book.fuller(answers[i].Speaker)
		}
		if answers[i].Quoting != "" {
			answers[i].Quoting = book.fuller(answers[i].Quoting)
		}
	}
	return answers
}
