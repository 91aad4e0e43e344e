package search

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// How a question becomes queries. bleve has no top-k pruning: it scores
// every passage a query matches, so a question costs what its query
// matches, and in a big story the frequent words ("people", "killed",
// "talks") match tens of thousands of passages. The plan therefore runs
// the most selective query that can answer first and widens only when
// that finds too little, and it looks at how many passages hold each word
// (the term dictionaries, no search) before choosing a wide query whose
// cost it can bound.

// planBudgets bound what the plan lets a question cost, in postings.
type planBudgets struct {
	// phrase is the most passages the rarest word of a quoted phrase may
	// be in for the phrase to be searched as such: checking positions
	// costs several times what scoring does, and a phrase of common words
	// is nearly as well served by requiring its words and favouring
	// passages holding them in order.
	phrase uint64
	// loose is the most postings the minimum-match query may walk. Past
	// it, the wider query keeps the question's rarest word required: a
	// passage without the question's most telling word is seldom its
	// answer, and skipping the passages that only share its frequent words
	// is what keeps a question fast at 100k articles.
	loose uint64
}

// defaultBudgets: about 5 and 10 ms of bleve's time on 2 cores (scoring a
// posting costs about 0.1 µs, checking a phrase's positions about 2 µs a
// passage). Below them, on the thousands of articles a story has, the
// plan never narrows.
var defaultBudgets = planBudgets{phrase: 20000, loose: 100000}

// contentCandidates finds up to size candidates for the question's content.
//
//  1. Quoted words, when the question has any and they are not all
//     frequent, as a phrase: `Who said "waited long enough"?` asks for
//     those words in that order.
//  2. Every content word (or a word related to it): when there are size
//     such passages, those missing a word would rank below them anyway.
//  3. Only when they are too few, fewer and fewer of the content words,
//     down to one: no word is required just because the question holds
//     it. A paraphrase shares few words with its answer, and one extra
//     word in a question must not sink it; the rescoring (rank) decides
//     what answers. Within looseBudget any of the words; past it with
//     the rarest one among them, which keeps a question fast at 100k
//     articles.
//
// pq's related words are pruned to those the coverage holds when step 3
// needs them (see keepCoveredRelated).
func (ix *Index) contentCandidates(ctx context.Context, counts *termCounter, pq *question, outlet string, speakerTerms []string, size int) ([]*candidate, error) {
	if len(pq.quoted) > 0 && ix.quotedCost(counts, pq.quoted) <= ix.budgets.phrase {
		cands, hits, err := ix.candidates(ctx, pq.quotedQuery(outlet, speakerTerms), size)
		if err != nil || hits > 0 {
			return cands, err
		}
	}
	n := pq.core()
	// The question's own words first, without their related words: a
	// conjunction of plain terms skips through the rarest one's postings,
	// and when it finds enough, passages holding only related words would
	// rank below them anyway.
	// Only the last search's hits become candidates: loading and
	// analysing the hits of a search that found too few would be thrown
	// away with them.
	// It is skipped when its rarest word is in fewer passages than it
	// would need to find: the wider search would follow it anyway.
	own := pq.withoutRelated()
	var res *bleve.SearchResult
	if ownCanFind(counts, own) >= uint64(size) {
		var err error
		if res, err = ix.search(ctx, own.contentQuery(outlet, speakerTerms, n, -1), size); err != nil {
			return nil, err
		}
		if len(res.Hits) >= size {
			return ix.candidatesOf(res)
		}
	}
	ix.keepCoveredRelated(counts, pq)
	anchor, least, total := -1, uint64(0), uint64(0)
	for i, g := range pq.groups {
		c := counts.group(g)
		total += c
		if c > 0 && !g.optional && (anchor < 0 || c < least) {
			anchor, least = i, c
		}
	}
	if total <= ix.budgets.loose {
		anchor = -1
	}
	// Then with related words: most groups, then any one. The levels
	// between add little, for bleve scores a passage matching more groups
	// higher, and each is a search of its own. A long question stops at a
	// quarter of its words: a passage holding fewer cannot cover the half
	// of the question an answer needs (minCoverage), and a disjunction of
	// twenty frequent words scores most of the index.
	var levels []int
	for _, need := range []int{required(n), max(1, n/4)} {
		if len(levels) == 0 || need < levels[len(levels)-1] {
			if need < n || pq.hasRelated() {
				levels = append(levels, need)
			}
		}
	}
	for _, need := range levels {
		a := anchor
		if need == n {
			a = -1
		}
		var err error
		if res, err = ix.search(ctx, pq.contentQuery(outlet, speakerTerms, need, a), size); err != nil {
			return nil, err
		}
		if len(res.Hits) >= size {
			break
		}
	}
	if res == nil {
		// no wider search to fall back on: the own words' few hits are all
		var err error
		if res, err = ix.search(ctx, own.contentQuery(outlet, speakerTerms, n, -1), size); err != nil {
			return nil, err
		}
	}
	return ix.candidatesOf(res)
}

// ownCanFind is the most passages the conjunction of q's required groups
// can match: as many as hold its rarest group.
func ownCanFind(counts *termCounter, q question) uint64 {
	least, first := uint64(0), true
	for _, g := range q.groups {
		if g.optional {
			continue
		}
		if c := counts.group(g); first || c < least {
			least, first = c, false
		}
	}
	return least
}

// withoutRelated is q with its groups' related words left out.
func (q question) withoutRelated() question {
	groups := make([]termGroup, len(q.groups))
	copy(groups, q.groups)
	for i := range groups {
		groups[i].related = nil
	}
	q.groups = groups
	return q
}

// hasRelated reports whether any of q's groups brings related words.
func (q question) hasRelated() bool {
	for _, g := range q.groups {
		if len(g.related) > 0 {
			return true
		}
	}
	return false
}

// quotedCost is how many passages hold the rarest word of the quoted
// spans: what a phrase query has to check positions for.
func (ix *Index) quotedCost(counts *termCounter, spans []string) uint64 {
	var least uint64
	first := true
	for _, span := range spans {
		for _, t := range ix.an.text.Analyze([]byte(span)) {
			if c := counts.count(fieldText, string(t.Term)); first || c < least {
				least, first = c, false
			}
		}
	}
	return least
}

// termCounter counts the passages holding a term in one snapshot of the
// index, remembering what it counted. The snapshot is opened at the first
// count.
type termCounter struct {
	ix     *Index
	ctx    context.Context
	reader index.IndexReader
	seen   map[string]uint64
}

func (tc *termCounter) close() {
	if tc.reader != nil {
		_ = tc.reader.Close()
	}
}

// count is how many passages hold term in field; 0 when that cannot be
// told, which only makes the plan choose the wider query.
func (tc *termCounter) count(field, term string) uint64 {
	key := field + "\x00" + term
	if n, ok := tc.seen[key]; ok {
		return n
	}
	if tc.reader == nil {
		adv, err := tc.ix.bleve.Advanced()
		if err != nil {
			return 0
		}
		if tc.reader, err = adv.Reader(); err != nil {
			return 0
		}
		tc.seen = map[string]uint64{}
	}
	var n uint64
	if tfr, err := tc.reader.TermFieldReader(tc.ctx, []byte(term), field, false, false, false); err == nil {
		n = tfr.Count()
		_ = tfr.Close()
	}
	tc.seen[key] = n
	return n
}

// group is about how many passages a content group matches: each of its
// alternatives summed, a conjunction counted by its rarest part.
func (tc *termCounter) group(g termGroup) uint64 {
	var n uint64
	for _, t := range g.terms {
		n += tc.count(fieldText, t)
	}
	for _, r := range g.related {
		n += tc.count(fieldText, r.term)
	}
	n += tc.rarest(fieldText, g.parts)
	n += tc.rarest(fieldSpeaker, g.name)
	return n
}

func (tc *termCounter) rarest(field string, terms []string) uint64 {
	var least uint64
	for i, t := range terms {
		if c := tc.count(field, t); i == 0 || c < least {
			least = c
		}
	}
	return least
}

// quotedQuery is the query of every content word with the question's
// quoted words required as they stand, in order.
func (q question) quotedQuery(outlet string, speakerTerms []string) query.Query {
	b := q.contentQuery(outlet, speakerTerms, q.core(), -1).(*query.BooleanQuery)
	for _, span := range q.quoted {
		p := bleve.NewMatchPhraseQuery(span)
		p.SetField(fieldText)
		b.AddMust(p)
	}
	return b
}

// contentQuery matches passages holding need of the question's content
// groups, group anchor (when not -1) among them, with optional filters on
// outlet and speaker. With need equal to the number of groups it is a
// conjunction, which skips through the postings of its rarest word.
func (q question) contentQuery(outlet string, speakerTerms []string, need, anchor int) query.Query {
	// Optional groups (words of time) are no part of what a passage must
	// hold: they only add to the score of one that holds them.
	var groups, optional []query.Query
	at := -1
	for i, g := range q.groups {
		if g.optional {
			optional = append(optional, g.query())
			continue
		}
		if i == anchor {
			at = len(groups)
		}
		groups = append(groups, g.query())
	}
	anchor = at
	var main query.Query
	switch {
	case need >= len(groups):
		main = bleve.NewConjunctionQuery(groups...)
	case anchor >= 0 && need <= 1:
		main = groups[anchor]
	case anchor >= 0:
		others := append(append([]query.Query(nil), groups[:anchor]...), groups[anchor+1:]...)
		d := bleve.NewDisjunctionQuery(others...)
		d.SetMin(float64(need - 1))
		main = bleve.NewConjunctionQuery(groups[anchor], d)
	default:
		d := bleve.NewDisjunctionQuery(groups...)
		d.SetMin(float64(need))
		main = d
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(main)
	if len(optional) > 0 {
		b.AddShould(optional...)
	}
	var filters []query.Query
	if outlet != "" {
		filters = append(filters, termQuery(fieldOutlet, strings.ToLower(outlet), 1))
	}
	for _, t := range surnameTerms(speakerTerms) {
		filters = append(filters, termQuery(fieldSpeaker, t, 1))
	}
	switch len(filters) {
	case 0:
	case 1:
		b.AddFilter(filters[0])
	default:
		b.AddFilter(bleve.NewConjunctionQuery(filters...))
	}
	return b
}

// query matches a passage holding the group: any of its terms, all of its
// parts, or its name in the speaker field.
func (g termGroup) query() query.Query {
	var alts []query.Query
	for _, t := range g.terms {
		alts = append(alts, termQuery(fieldText, t, 1))
	}
	if len(g.parts) > 0 {
		var parts []query.Query
		for _, p := range g.parts {
			parts = append(parts, termQuery(fieldText, p, 1))
		}
		alts = append(alts, bleve.NewConjunctionQuery(parts...))
	}
	if len(g.name) > 0 {
		var parts []query.Query
		for _, p := range g.name {
			parts = append(parts, termQuery(fieldSpeaker, p, 2))
		}
		alts = append(alts, bleve.NewConjunctionQuery(parts...))
	}
	for _, r := range g.related {
		alts = append(alts, termQuery(fieldText, r.term, r.weight))
	}
	if len(alts) == 1 {
		return alts[0]
	}
	// bleve scales a disjunction's score by the share of its clauses
	// that match (coord): a passage holding one of a word's twelve
	// alternatives would score a twelfth of one holding a word that has
	// none, and a question word would count for less the more ways it
	// can be said. Its alternatives are one word, not twelve: each is
	// boosted by their number, so the one a passage holds scores as
	// itself.
	k := float64(len(alts))
	for _, a := range alts {
		if b, ok := a.(query.BoostableQuery); ok {
			b.SetBoost(b.Boost() * k)
		}
	}
	return bleve.NewDisjunctionQuery(alts...)
}
