package search

// Outlets print the same quote with small differences: "localised" and
// "localized", a clause trimmed, a comma for a full stop. Two passages are
// the same answer when their analysed terms (spelling folded, stop words
// out, stemmed) are equal, or when the shorter one's word 3-grams are
// almost all (≥ 80 %) in the longer one.
const sameQuoteContainment = 0.8

// shingles returns the word 3-grams of terms; passages of under three
// terms give their single terms.
func shingles(terms []string) map[string]bool {
	set := map[string]bool{}
	if len(terms) < 3 {
		for _, t := range terms {
			set[t] = true
		}
		return set
	}
	for i := 0; i+3 <= len(terms); i++ {
		set[terms[i]+" "+terms[i+1]+" "+terms[i+2]] = true
	}
	return set
}

// containment is the share of the smaller set found in the larger.
func containment(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n := 0
	for s := range a {
		if b[s] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// sameAnswer reports whether two passages are the same words.
func sameAnswer(a, b *candidate) bool {
	if a.norm == b.norm {
		return true
	}
	// A very short passage inside a long one is not the same statement.
	short, long := len(a.terms), len(b.terms)
	if short > long {
		short, long = long, short
	}
	if short < 3 && long > short {
		return false
	}
	return containment(a.shingles, b.shingles) >= sameQuoteContainment
}
