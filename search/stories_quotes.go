package search

import (
	"context"
	"sort"
)

// Two printings of a quote in a story are the same quote by the rule
// answers use (sameQuoteContainment: the shorter one's 3-grams almost all in
// the longer), applied to storyWords, as stories are built without the index
// and its analyzer.

// storyQuoteGroup is one quote as printed by one or more articles.
type storyQuoteGroup struct {
	members []storyQuoteMember
}

type storyQuoteMember struct {
	doc *storyDoc
	q   storyQuote
}

func (g *storyQuoteGroup) matches(q storyQuote) bool {
	for _, m := range g.members {
		short, long := q.grams, m.q.grams
		if len(short) > len(long) {
			short, long = long, short
		}
		if storyContainment(short, long) >= sameQuoteContainment {
			return true
		}
	}
	return false
}

// outlets counts the independent sources of a group: distinct outlets, with
// each article of an unknown outlet counted on its own.
func (g *storyQuoteGroup) outlets() int {
	seen := make(map[string]bool)
	for _, m := range g.members {
		key := m.doc.a.Outlet
		if key == "" || key == "unknown" {
			key = "\x00" + m.doc.a.ID
		}
		seen[key] = true
	}
	return len(seen)
}

// storyTopQuote returns the quote most widely reported in the story, as one
// answer listing every article that printed it; nil when there is none.
func storyTopQuote(ctx context.Context, docs []*storyDoc) *Answer {
	groups := storyQuoteGroups(ctx, docs)
	if len(groups) == 0 || ctx.Err() != nil {
		return nil
	}
	score := func(g *storyQuoteGroup) (int, int, bool, int) {
		speaker := storyGroupSpeaker(g) != ""
		return g.outlets(), len(g.members), speaker, len(storyBestMember(g).q.words)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		ao, am, as, aw := score(groups[i])
		bo, bm, bs, bw := score(groups[j])
		if ao != bo {
			return ao > bo
		}
		if am != bm {
			return am > bm
		}
		if as != bs {
			return as
		}
		return aw > bw
	})
	return storyQuoteAnswer(groups[0])
}

// storyQuoteGroups puts the story's quotes into groups of printings of
// the same quote: each quote joins the oldest group it matches. It stops
// early when ctx is done.
func storyQuoteGroups(ctx context.Context, docs []*storyDoc) []*storyQuoteGroup {
	var groups []*storyQuoteGroup
	// A quote can only match a group one of whose printings shares a
	// 3-gram with it, so only those groups are tried, oldest first as in
	// a scan of them all: a story of thousands of quotes stays fast.
	byGram := make(map[uint64][]int)
	var marked []bool // per group: already among this quote's candidates
	var cands []int
	for _, d := range docs {
		if ctx.Err() != nil {
			return groups
		}
		for _, q := range d.quotes {
			if len(q.words) < 3 || (q.q.Partial && len(q.words) < storyQuoteMinWords) {
				continue
			}
			cands = cands[:0]
			for g := range q.grams {
				for _, gi := range byGram[g] {
					if !marked[gi] {
						marked[gi] = true
						cands = append(cands, gi)
					}
				}
			}
			for _, gi := range cands {
				marked[gi] = false
			}
			sort.Ints(cands)
			placed := -1
			for _, gi := range cands {
				if groups[gi].matches(q) {
					placed = gi
					break
				}
			}
			if placed < 0 {
				placed = len(groups)
				groups = append(groups, &storyQuoteGroup{})
				marked = append(marked, false)
			}
			groups[placed].members = append(groups[placed].members, storyQuoteMember{doc: d, q: q})
			for g := range q.grams {
				if list := byGram[g]; len(list) == 0 || list[len(list)-1] != placed {
					byGram[g] = append(list, placed)
				}
			}
		}
	}
	return groups
}

// storyBestMember is the printing shown as the quote: the fullest one whose
// speaker is stated outright.
func storyBestMember(g *storyQuoteGroup) storyQuoteMember {
	best := g.members[0]
	rank := func(m storyQuoteMember) (bool, bool, int) {
		return m.q.q.Attribution == "explicit", !m.q.q.Partial, len(m.q.words)
	}
	for _, m := range g.members[1:] {
		be, bp, bw := rank(best)
		me, mp, mw := rank(m)
		if me != be {
			if me {
				best = m
			}
			continue
		}
		if mp != bp {
			if mp {
				best = m
			}
			continue
		}
		if mw > bw {
			best = m
		}
	}
	return best
}

// storyGroupSpeaker is the speaker most printings agree on, "" when none
// names one.
func storyGroupSpeaker(g *storyQuoteGroup) string {
	votes := make(map[string]int)
	best := ""
	for _, m := range g.members {
		s := m.q.q.Speaker
		if s == "" {
			continue
		}
		votes[s]++
		if votes[s] > votes[best] || (votes[s] == votes[best] && len(s) > len(best)) {
			best = s
		}
	}
	return best
}

func storyQuoteAnswer(g *storyQuoteGroup) *Answer {
	best := storyBestMember(g)
	ans := &Answer{
		Quote:   true,
		Text:    best.doc.a.QuoteText(best.q.q),
		Speaker: storyGroupSpeaker(g),
	}
	// The shown printing first, then the others; one report per article.
	members := append([]storyQuoteMember{best}, g.members...)
	seen := make(map[string]bool)
	for _, m := range members {
		a := m.doc.a
		if seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		ans.Reports = append(ans.Reports, Report{
			Outlet: a.Outlet, URL: a.URL, Published: a.Published,
			ArticleID: a.ID, Article: a.Path, Title: a.Title, Truncated: a.Truncated, TruncatedBy: a.TruncatedBy,
			Text: a.QuoteText(m.q.q), Start: m.q.q.Start, End: m.q.q.End,
		})
	}
	ans.Score = float64(g.outlets())
	return ans
}
