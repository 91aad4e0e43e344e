package search

import "testing"

// TestStoryPairsMissNoLink checks the candidate pairs against every pair:
// each pair storyLinked accepts must be among them, from one side or the
// other, so the stories are those of the all-pairs comparison.
func TestStoryPairsMissNoLink(t *testing.T) {
	arts := synthArticles(t, 400)
	docs := make([]*storyDoc, len(arts))
	for i, a := range arts {
		docs[i] = newStoryDoc(a)
	}
	weightTerms(docs)
	cand := map[[2]int]bool{}
	storyPairs(docs, func(i, j int) {
		if i == j {
			t.Fatalf("pair (%d, %d) of an article with itself", i, j)
		}
		cand[[2]int{min(i, j), max(i, j)}] = true
	})
	links, quoteLinks := 0, 0
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if !storyLinked(docs[i], docs[j]) {
				continue
			}
			links++
			if docs[i].sharesQuote(docs[j]) || docs[j].sharesQuote(docs[i]) {
				quoteLinks++
			}
			if !cand[[2]int{i, j}] {
				t.Errorf("%s and %s are linked but never compared", docs[i].a.ID, docs[j].a.ID)
			}
		}
	}
	all := len(docs) * (len(docs) - 1) / 2
	t.Logf("%d linked pairs (%d by a quote), %d candidates of %d pairs", links, quoteLinks, len(cand), all)
	if links == 0 || quoteLinks == 0 || quoteLinks == links {
		t.Errorf("%d links, %d by quotes: the corpus does not exercise both kinds", links, quoteLinks)
	}
	if len(cand) >= all/2 {
		t.Errorf("%d candidate pairs of %d: blocking prunes little", len(cand), all)
	}
}

func TestStoryQuoteNeed(t *testing.T) {
	for n := 1; n <= 60; n++ {
		need := storyQuoteNeed(n)
		if float64(need)/float64(n) < storyQuoteContainment || (need > 1 && float64(need-1)/float64(n) >= storyQuoteContainment) {
			t.Errorf("storyQuoteNeed(%d) = %d", n, need)
		}
	}
}
