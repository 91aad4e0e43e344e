package search

import (
	"context"
	"regexp"
	"sort"
)

// Syndicated copies: outlets that run the same wire report with small edits
// share most of their sentences nearly word for word, which independent
// reports never do even when they quote the same people.
const (
	syndicationSentenceSame = 0.8 // 3-gram containment for a sentence to count as shared
	syndicationOverlap      = 0.6 // share of the shorter article's sentences shared
	syndicationMinSentences = 3   // too short to tell a copy from a coincidence
	syndicationMinWords     = 6   // sentences shorter than this prove nothing
	// Copies share nearly all their vocabulary; pairs below this topic
	// similarity are not compared sentence by sentence at all.
	syndicationMinSimilarity = 0.5
)

// syndicationAgencies are wire services whose credit identifies a copy.
var syndicationAgencies = regexp.MustCompile(`\b(AFP|Agence France-Presse|Reuters|Associated Press|AP|PTI|IANS|ANI|dpa|Xinhua|PA Media|Press Association|EFE|ANSA|Kyodo|Yonhap|Bloomberg)\b`)

// syndicationShare returns the share of a's substantial sentences printed
// nearly verbatim in b, and how many sentences were compared.
func syndicationShare(a, b *storyDoc) (float64, int) {
	n, shared := 0, 0
	for _, s := range a.sentences {
		if s.words < syndicationMinWords {
			continue
		}
		n++
		if storyContainment(s.grams, b.textGrams) >= syndicationSentenceSame {
			shared++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(shared) / float64(n), n
}

// syndicationPair returns the overlap of two articles as copies of one
// report, and whether they are.
func syndicationPair(a, b *storyDoc) (float64, bool) {
	if a.similarity(b) < syndicationMinSimilarity {
		return 0, false
	}
	ab, na := syndicationShare(a, b)
	ba, nb := syndicationShare(b, a)
	// The shorter article decides: a copy cut short is still a copy.
	share, n := ab, na
	if nb < na {
		share, n = ba, nb
	}
	return share, n >= syndicationMinSentences && share >= syndicationOverlap
}

// storySyndication finds the groups of articles in a story that are copies
// of one report.
func storySyndication(ctx context.Context, docs []*storyDoc) []Syndication {
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	minOverlap := make(map[[2]int]float64)
	// Copies are similar (syndicationMinSimilarity), so only pairs sharing
	// a term of either one's prefix can be copies (see storyPairs).
	storySimilarPairs(ctx, docs, syndicationMinSimilarity, func(i, j int) {
		if share, ok := syndicationPair(docs[i], docs[j]); ok {
			minOverlap[[2]int{i, j}] = share
			parent[find(j)] = find(i)
		}
	})
	members := make(map[int][]int)
	var roots []int
	for i := range docs {
		r := find(i)
		if len(members[r]) == 0 {
			roots = append(roots, r)
		}
		members[r] = append(members[r], i)
	}
	var out []Syndication
	for _, r := range roots {
		idx := members[r]
		if len(idx) < 2 {
			continue
		}
		var syn Syndication
		syn.Overlap = 1
		for x, i := range idx {
			for _, j := range idx[x+1:] {
				if share, ok := minOverlap[[2]int{i, j}]; ok && share < syn.Overlap {
					syn.Overlap = share
				}
			}
		}
		seen := make(map[string]bool)
		agencies := make(map[string]int)
		for _, i := range idx {
			a := docs[i].a
			syn.ArticleIDs = append(syn.ArticleIDs, a.ID)
			if !seen[a.Outlet] {
				seen[a.Outlet] = true
				syn.Outlets = append(syn.Outlets, a.Outlet)
			}
			credited := make(map[string]bool)
			for _, name := range syndicationAgencies.FindAllString(a.Text, -1) {
				credited[syndicationAgencyName(name)] = true
			}
			for name := range credited {
				agencies[name]++
			}
		}
		var names []string
		for name, n := range agencies {
			if n == len(idx) {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		if len(names) == 1 {
			syn.Agency = names[0]
		}
		out = append(out, syn)
	}
	return out
}

func syndicationAgencyName(s string) string {
	switch s {
	case "Agence France-Presse":
		return "AFP"
	case "Associated Press":
		return "AP"
	case "Press Association":
		return "PA Media"
	}
	return s
}
