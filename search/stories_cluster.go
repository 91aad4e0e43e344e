package search

import (
	"container/heap"
	"context"
	"sort"
	"time"
)

// Story grouping by average link. Linking every pair above a threshold
// (single link) let one article chain two events of a story into one: an
// undated follow-up that names the ship and the canal is close enough to
// the grounding and to the release months later. Average link merges two
// groups only when their articles are alike on average, so a story's
// events, each tight within itself, stay apart, and one stray link does
// not weld them.
//
// The evidence between two articles is a score (storyTopicScore, or
// storyQuoteLinkScore for a shared quote, whichever is more): 1 at the
// old single-link thresholds, more for a shared quote. Two groups merge,
// most alike first, while the mean score over all their pairs of articles
// reaches storyMergeScore; pairs never compared (storyPairs found nothing
// in common) count 0, and two dated articles further apart than
// storyMaxDateGap count storyFarPenalty against: reports of one event
// come out within days of each other.
const (
	storyMergeScore = 0.5
	storyQuoteScore = 2.0 // a shared quote: the strongest sign of one event
	storyFarPenalty = 1.0
	storyMaxScore   = 2.0 // one near-copy must not outweigh many unlike pairs
)

// storyQuoteLinkScore is the score of a and b that share a quote.
func storyQuoteLinkScore(a, b *storyDoc) float64 {
	if gap, dated := storyDateGap(a.a, b.a); dated && gap > storyQuoteMaxDateGap {
		return 0
	}
	return storyQuoteScore
}

// storyTopicScore is the score of a and b by what they print in common,
// quotes aside.
func storyTopicScore(a, b *storyDoc) float64 {
	if gap, dated := storyDateGap(a.a, b.a); dated && gap > storyMaxDateGap {
		return 0
	}
	need := storyTopicSimilarity
	if storyOtherLanguages(a.a, b.a) {
		need = storyOtherLanguageSimilarity
	}
	return min(a.similarity(b)/need, storyMaxScore)
}

// storyCluster is one group while grouping: its size, the days of its
// dated articles (sorted), and the summed scores to the groups it has
// compared pairs with.
type storyCluster struct {
	size    int
	days    []int64 // publication times of dated members, sorted (Unix seconds)
	sums    map[int]float64
	best    map[int]float64 // the strongest pair's score, by group
	version int
}

// farPairs counts the pairs of dated articles, one in c and one in o,
// published further apart than storyMaxDateGap.
func (c *storyCluster) farPairs(o *storyCluster) int {
	if len(c.days) == 0 || len(o.days) == 0 {
		return 0
	}
	gap := int64(storyMaxDateGap / time.Second)
	if c.days[len(c.days)-1]-o.days[0] <= gap && o.days[len(o.days)-1]-c.days[0] <= gap {
		return 0 // the usual case: both within the window
	}
	far := 0
	lo, hi := 0, 0 // o.days[lo:hi] are within gap of the current day
	for _, d := range c.days {
		for lo < len(o.days) && o.days[lo] < d-gap {
			lo++
		}
		if hi < lo {
			hi = lo
		}
		for hi < len(o.days) && o.days[hi] <= d+gap {
			hi++
		}
		far += len(o.days) - (hi - lo)
	}
	return far
}

// storyMerge is a candidate merge of two groups, by their mean score.
type storyMerge struct {
	score  float64
	a, b   int // a < b
	va, vb int // the groups' versions when scored
}

type storyMergeHeap []storyMerge

func (h storyMergeHeap) Len() int { return len(h) }
func (h storyMergeHeap) Less(i, j int) bool {
	if h[i].score != h[j].score {
		return h[i].score > h[j].score
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h storyMergeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *storyMergeHeap) Push(x any)   { *h = append(*h, x.(storyMerge)) }
func (h *storyMergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// storyGroups groups docs by average link and returns each doc's group (the
// index of one of its members). It stops early when ctx is done.
func storyGroups(ctx context.Context, docs []*storyDoc) []int {
	clusters := make([]*storyCluster, len(docs))
	for i, d := range docs {
		c := &storyCluster{size: 1, sums: map[int]float64{}, best: map[int]float64{}}
		if !d.a.Published.IsZero() {
			c.days = []int64{d.a.Published.Unix()}
		}
		clusters[i] = c
	}
	// The score of every pair compared, found from either side: a quote
	// of j in i is looked for only when the pair came by i's quotes.
	scores := make(map[[2]int32]float64)
	storyPairs(ctx, docs, func(i, j int, quote bool) {
		k := [2]int32{int32(min(i, j)), int32(max(i, j))}
		s, ok := scores[k]
		if !ok {
			s = storyTopicScore(docs[i], docs[j])
		}
		if quote && s < storyQuoteScore && docs[i].sharesQuote(docs[j]) {
			s = max(s, storyQuoteLinkScore(docs[i], docs[j]))
		}
		scores[k] = s
	})
	for k, s := range scores {
		i, j := int(k[0]), int(k[1])
		if s > 0 && clusters[i].farPairs(clusters[j]) > 0 {
			s += storyFarPenalty // a quote links them across the gap: no penalty
		}
		clusters[i].sums[j], clusters[j].sums[i] = s, s
		clusters[i].best[j], clusters[j].best[i] = s, s
	}
	mean := func(a, b int) float64 {
		ca, cb := clusters[a], clusters[b]
		sum := ca.sums[b] - storyFarPenalty*float64(ca.farPairs(cb))
		return sum / float64(ca.size*cb.size)
	}
	h := &storyMergeHeap{}
	push := func(a, b int) {
		if a > b {
			a, b = b, a
		}
		if clusters[a].best[b] < 1 {
			return // no pair of them would have been linked on its own
		}
		if s := mean(a, b); s >= storyMergeScore {
			heap.Push(h, storyMerge{score: s, a: a, b: b, va: clusters[a].version, vb: clusters[b].version})
		}
	}
	for i, c := range clusters {
		for _, j := range sortedKeys(c.sums) {
			if i < j {
				push(i, j)
			}
		}
	}
	group := make([]int, len(docs))
	for i := range group {
		group[i] = i
	}
	for h.Len() > 0 {
		if ctx.Err() != nil {
			return group
		}
		m := heap.Pop(h).(storyMerge)
		ca, cb := clusters[m.a], clusters[m.b]
		if ca == nil || cb == nil || ca.version != m.va || cb.version != m.vb {
			continue // one of them has merged since
		}
		// b joins a.
		ca.size += cb.size
		ca.days = mergeSorted(ca.days, cb.days)
		delete(ca.sums, m.b)
		delete(ca.best, m.b)
		for k, s := range cb.sums {
			if k == m.a {
				continue
			}
			ck := clusters[k]
			ca.sums[k] += s
			ck.sums[m.a] += s
			best := max(ca.best[k], cb.best[k])
			ca.best[k], ck.best[m.a] = best, best
			delete(ck.sums, m.b)
			delete(ck.best, m.b)
		}
		ca.version++
		clusters[m.b] = nil
		group[m.b] = m.a
		for _, k := range sortedKeys(ca.sums) {
			push(m.a, k)
		}
	}
	for i := range group {
		for group[group[i]] != group[i] {
			group[i] = group[group[i]]
		}
	}
	return group
}

func sortedKeys(m map[int]float64) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}

func mergeSorted(a, b []int64) []int64 {
	out := make([]int64, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] <= b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
