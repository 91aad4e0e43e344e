package search

import (
	"context"
	"slices"
	"sort"
	"time"
)

// Comparing every article with every other made a digest of 10,000
// articles take minutes (50 million pairs). storyPairs finds the pairs
// whose score (storyTopicScore, storyQuoteLinkScore) can reach
// storyMergeScore, the least that counts in grouping, without missing one:
//
//   - a shared quote: a quote of x with G 3-grams is in y only if y holds
//     at least need of them (need/G ≥ storyQuoteContainment), so y holds
//     one of any G-need+1 of them; the rarest are looked up.
//   - topic similarity: order all terms rarest first and split each
//     article's weighted terms there into a prefix P and the rest S, with
//     |S| < √t·|x| for the similarity t needed. For x and y, take the one
//     whose split comes later in that order, say y: the terms both share
//     past it lie in S(x) and S(y), adding under √t·√t = t to cos(x, y)
//     (Cauchy–Schwarz). So cos(x, y) ≥ t needs a term of P(y) in x. The
//     common terms, whose lists are long, fall in S.
//   - names and figures across languages: the same split over the names
//     printed in several languages, whose cosine namesSimilarity is.
//   - dates: the scores give nothing to articles further apart than
//     storyQuoteMaxDateGap, nor to a topic alone further than
//     storyMaxDateGap.
//
// A pair left out scores under storyMergeScore, which grouping counts as
// nothing anyway.

// storyPairs calls link(i, j, quote) for every candidate pair, i ≠ j, in a
// deterministic order; a pair may come twice (once from each side). quote
// says whether j holds a 3-gram of a quote of i: only then can a quote of
// i be printed in j. It stops early when ctx is done.
func storyPairs(ctx context.Context, docs []*storyDoc, link func(i, j int, quote bool)) {
	quoteGrams := storyQuoteIndex(docs)
	terms := make(map[string][]int32)
	for i, d := range docs {
		for t := range d.terms {
			terms[t] = append(terms[t], int32(i))
		}
	}
	seen := make([]int32, len(docs))   // i+1 once j is a candidate of i
	quoted := make([]int32, len(docs)) // i+1 once j is a candidate by a quote of i
	var cands []int
	for i, d := range docs {
		if ctx.Err() != nil {
			return
		}
		cands = cands[:0]
		add := func(posting []int32, maxGap time.Duration, quote bool) {
			for _, j := range posting {
				if int(j) == i || seen[j] == int32(i+1) {
					continue
				}
				if gap, dated := storyDateGap(d.a, docs[j].a); dated && gap > maxGap {
					continue
				}
				seen[j] = int32(i + 1)
				if quote {
					quoted[j] = int32(i + 1)
				}
				cands = append(cands, int(j))
			}
		}
		for _, q := range d.quotes {
			if len(q.words) < storyQuoteMinWords || len(q.grams) == 0 {
				continue
			}
			grams := make([]uint64, 0, len(q.grams))
			for g := range q.grams {
				grams = append(grams, g)
			}
			sort.Slice(grams, func(a, b int) bool {
				na, nb := len(quoteGrams[grams[a]]), len(quoteGrams[grams[b]])
				if na != nb {
					return na < nb
				}
				return grams[a] < grams[b]
			})
			for _, g := range grams[:len(grams)-storyQuoteNeed(len(grams))+1] {
				add(quoteGrams[g], storyQuoteMaxDateGap, true)
			}
		}
		for _, t := range storyTopicPrefix(d, terms, storyMergeScore*storyTopicSimilarity) {
			add(terms[t], storyMaxDateGap, false)
		}
		for _, t := range storyNamesPrefix(d, terms, storyMergeScore*storyOtherLanguageSimilarity) {
			add(terms[t], storyMaxDateGap, false)
		}
		sort.Ints(cands)
		for _, j := range cands {
			link(i, j, quoted[j] == int32(i+1))
		}
	}
}

// storyQuoteIndex maps every 3-gram of a long quote to the articles whose
// text holds it.
func storyQuoteIndex(docs []*storyDoc) map[uint64][]int32 {
	index := make(map[uint64][]int32)
	for _, d := range docs {
		for _, q := range d.quotes {
			if len(q.words) < storyQuoteMinWords {
				continue
			}
			for g := range q.grams {
				index[g] = nil
			}
		}
	}
	for i, d := range docs {
		for g := range d.textGrams {
			if posting, ok := index[g]; ok {
				index[g] = append(posting, int32(i))
			}
		}
	}
	return index
}

// storyQuoteNeed is the fewest of a quote's n grams another text must hold
// for storyContainment to reach storyQuoteContainment.
func storyQuoteNeed(n int) int {
	for k := 1; k <= n; k++ {
		if float64(k)/float64(n) >= storyQuoteContainment {
			return k
		}
	}
	return max(n, 1)
}

// storyTopicPrefix returns d's terms before its split in the rarest-first
// order (fewest articles, then alphabetical): all but the commonest terms
// whose weight together stays under √threshold of d's.
func storyTopicPrefix(d *storyDoc, postings map[string][]int32, threshold float64) []string {
	ts := make([]string, 0, len(d.terms))
	for t := range d.terms {
		ts = append(ts, t)
	}
	return storyPrefix(d, ts, d.norm, postings, threshold)
}

// storyNamesPrefix is storyTopicPrefix for namesSimilarity: the split of
// d's names and figures printed in several languages.
func storyNamesPrefix(d *storyDoc, postings map[string][]int32, threshold float64) []string {
	return storyPrefix(d, slices.Clone(d.names), d.namesNorm, postings, threshold)
}

// storyPrefix returns the terms ts of d (of norm norm) before their split
// in the rarest-first order; it reorders ts.
func storyPrefix(d *storyDoc, ts []string, norm float64, postings map[string][]int32, threshold float64) []string {
	if norm == 0 {
		return nil
	}
	sort.Slice(ts, func(a, b int) bool {
		na, nb := len(postings[ts[a]]), len(postings[ts[b]])
		if na != nb {
			return na < nb
		}
		return ts[a] < ts[b]
	})
	// A margin below the bound keeps rounding from dropping a term.
	limit := threshold * norm * norm * 0.999
	rest := 0.0
	cut := len(ts)
	for cut > 0 {
		w := d.terms[ts[cut-1]]
		if rest+w*w >= limit {
			break
		}
		rest += w * w
		cut--
	}
	return ts[:cut]
}

// storySimilarPairs calls pair(i, j), i < j, once for every pair of docs
// whose similarity can reach threshold (and for some that cannot), in
// order of i, then j. It stops early when ctx is done.
func storySimilarPairs(ctx context.Context, docs []*storyDoc, threshold float64, pair func(i, j int)) {
	terms := make(map[string][]int32)
	for i, d := range docs {
		for t := range d.terms {
			terms[t] = append(terms[t], int32(i))
		}
	}
	// The bound finds a pair from one side only; collect both sides.
	cands := make([][]int32, len(docs))
	for i, d := range docs {
		for _, t := range storyTopicPrefix(d, terms, threshold) {
			for _, j := range terms[t] {
				if int(j) != i {
					a, b := min(i, int(j)), max(i, int(j))
					cands[a] = append(cands[a], int32(b))
				}
			}
		}
	}
	for i, js := range cands {
		if ctx.Err() != nil {
			return
		}
		slices.Sort(js)
		for k, j := range js {
			if k == 0 || js[k-1] != j {
				pair(i, int(j))
			}
		}
	}
}
