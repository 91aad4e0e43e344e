package search

import (
	"context"
	"slices"
	"strconv"
	"testing"
)

// TestStoryPairsMissNoLink checks the candidate pairs against every pair:
// each pair whose score reaches storyMergeScore must be among them, from
// one side or the other, so grouping misses no evidence that counts.
func TestStoryPairsMissNoLink(t *testing.T) {
	arts := synthArticles(t, 400)
	docs := make([]*storyDoc, len(arts))
	for i, a := range arts {
		docs[i] = newStoryDoc(a)
	}
	weightTerms(docs)
	cand := map[[2]int]bool{}
	storyPairs(context.Background(), docs, func(i, j int, quote bool) {
		if i == j {
			t.Fatalf("pair (%d, %d) of an article with itself", i, j)
		}
		cand[[2]int{min(i, j), max(i, j)}] = true
		if !quote && docs[i].sharesQuote(docs[j]) {
			t.Errorf("%s prints a quote of %s, but the pair was not offered by the quote", docs[j].a.ID, docs[i].a.ID)
		}
	})
	links, quoteLinks := 0, 0
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if storyLinkScore(docs[i], docs[j]) < storyMergeScore {
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

// storyTestDocs prepares a synthetic corpus's articles as one batch.
func storyTestDocs(t *testing.T, n int) []*storyDoc {
	t.Helper()
	arts := synthArticles(t, n)
	docs := make([]*storyDoc, len(arts))
	for i, a := range arts {
		docs[i] = newStoryDoc(a)
	}
	weightTerms(docs)
	return docs
}

// TestStorySimilarPairsMissNone checks the bound syndication relies on:
// every pair at least as similar as the threshold is offered, once.
func TestStorySimilarPairsMissNone(t *testing.T) {
	docs := storyTestDocs(t, 300)
	offered := map[[2]int]bool{}
	storySimilarPairs(context.Background(), docs, syndicationMinSimilarity, func(i, j int) {
		if i >= j || offered[[2]int{i, j}] {
			t.Fatalf("pair (%d, %d) out of order or offered twice", i, j)
		}
		offered[[2]int{i, j}] = true
	})
	similar := 0
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if docs[i].similarity(docs[j]) >= syndicationMinSimilarity {
				similar++
				if !offered[[2]int{i, j}] {
					t.Errorf("%s and %s are similar but never offered", docs[i].a.ID, docs[j].a.ID)
				}
			}
		}
	}
	if similar == 0 || len(offered) >= len(docs)*(len(docs)-1)/4 {
		t.Errorf("%d similar pairs, %d offered: the test proves nothing", similar, len(offered))
	}
}

// TestStoryQuoteGroupsAsScan checks that looking groups up by shared
// 3-grams groups quotes exactly as trying every group in turn does.
func TestStoryQuoteGroupsAsScan(t *testing.T) {
	docs := storyTestDocs(t, 300)
	var want []*storyQuoteGroup
	for _, d := range docs {
		for _, q := range d.quotes {
			if len(q.words) < 3 || (q.q.Partial && len(q.words) < storyQuoteMinWords) {
				continue
			}
			placed := false
			for _, g := range want {
				if g.matches(q) {
					g.members = append(g.members, storyQuoteMember{doc: d, q: q})
					placed = true
					break
				}
			}
			if !placed {
				want = append(want, &storyQuoteGroup{members: []storyQuoteMember{{doc: d, q: q}}})
			}
		}
	}
	got := storyQuoteGroups(context.Background(), docs)
	key := func(gs []*storyQuoteGroup) []string {
		var out []string
		for _, g := range gs {
			k := ""
			for _, m := range g.members {
				k += m.doc.a.ID + "@" + strconv.Itoa(m.q.q.Start) + " "
			}
			out = append(out, k)
		}
		return out
	}
	if !slices.Equal(key(got), key(want)) {
		t.Errorf("%d groups by 3-gram lookup, %d by scanning, or members differ", len(got), len(want))
	}
	multi := 0
	for _, g := range want {
		if len(g.members) > 1 {
			multi++
		}
	}
	if multi == 0 {
		t.Error("no quote printed twice: the test proves nothing")
	}
}
