package search

import (
	"strings"

	"github.com/coveragebot/coveragebot/corpus"
)

// Outlets print the same quote with small differences: "localised" and
// "localized", a clause trimmed, a comma for a full stop. Two passages are
// the same answer when their analysed terms (spelling folded, stop words
// out, stemmed) are equal, or when the shorter one's word 3-grams are
// almost all (≥ 80 %) in the longer one.
const sameQuoteContainment = 0.8

// shingles returns the word 3-grams of terms; passages of under three
// terms give their single terms. segs numbers the stretch of text each term
// is in (see splitElisions): no 3-gram spans two stretches, because an
// outlet that cuts words out of a quote ("nations... and be") joins words
// the speaker never said side by side. nil segs is one stretch.
func shingles(terms []string, segs []int) map[string]bool {
	set := map[string]bool{}
	for i := 0; i+3 <= len(terms); i++ {
		if segs != nil && segs[i] != segs[i+2] {
			continue
		}
		set[terms[i]+" "+terms[i+1]+" "+terms[i+2]] = true
	}
	if len(set) == 0 {
		for _, t := range terms {
			set[t] = true
		}
	}
	return set
}

// elisionMarks are how outlets mark words left out of a quote.
var elisionMarks = strings.NewReplacer("...", "\x00", "…", "\x00", ". . .", "\x00")

// splitElisions cuts text at its elision marks into the stretches of words
// an outlet printed side by side.
func splitElisions(text string) []string {
	return strings.Split(elisionMarks.Replace(text), "\x00")
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
	short, long := len(a.words), len(b.words)
	if short > long {
		short, long = long, short
	}
	if short < 3 && long > short {
		return false
	}
	return containment(a.shingles, b.shingles) >= sameQuoteContainment
}

// sameURL reports whether a and b are one article saved twice (a scraper
// run again, a page kept as .html and .md): they have the same URL.
// Articles without one are told apart by their content instead.
func sameURL(a, b *corpus.Article) bool {
	u := strings.TrimSpace(a.URL)
	return u != "" && u == strings.TrimSpace(b.URL)
}

// newerCopy reports whether copy a of an article supersedes copy b: it
// was published (or updated) later, so its words are the outlet's latest.
func newerCopy(a, b *corpus.Article) bool {
	return a.Published.After(b.Published)
}
