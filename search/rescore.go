package search

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/coveragebot/coveragebot/corpus"
)

// Rescoring. Candidates come from a loose query; what decides whether a
// passage answers, and how well, is how much of the question it covers:
// each content word counts by how telling it is in this coverage (its
// idf), fully when the passage holds it, by its relation's weight when it
// holds only a related word, and by half of that when only a neighbouring
// sentence holds it (a window finds an answer split over two sentences;
// what is shown is still the one passage).

const (
	// windowWeight is what a word counts when only the sentence before or
	// after the passage holds it.
	windowWeight = 0.5
	// minCoverage is the least weighted share of the question a passage
	// must cover to be an answer at all; below it the bot says it found
	// nothing. Calibrated on the tuning half of the real-coverage
	// evaluation (search/realcoverage), where both false declines and
	// false answers are measured.
	minCoverage = 0.5
	// untypedCoverage is what a passage lacking the wanted answer type
	// needs (see coverageNeeded); calibrated with minCoverage.
	untypedCoverage = 0.85
	// leadWeight is what a word counts when the passage and its
	// neighbours lack it but its article's title or opening sentences
	// (leadSentences) hold it: a report names its subject there and
	// says "the ship", "it" or nothing after ("how long was the ship
	// held by Egypt" is answered by "It was detained for more than three
	// months" in a report whose lead says Egypt seized the Ever Given).
	// Below windowWeight: the lead is further away. Chosen on the
	// tuning halves of the real-coverage evaluation (0.25 to 0.4 score
	// alike; see BENCHMARKS).
	leadWeight    = 0.3
	leadSentences = 2
)

// coverageNeeded is the coverage a passage needs to answer a question
// asking for t: more when it lacks what the question asks for. A "how
// many" question is seldom answered by a sentence without a figure, or a
// "when" by one without a date, unless it says nearly all the question
// does.
func coverageNeeded(t answerType, holds bool) float64 {
	switch t {
	case dateAnswer, numberAnswer, durationAnswer, placeAnswer, personAnswer:
		if !holds {
			return untypedCoverage
		}
	}
	return minCoverage
}

// weigh sets each group's idf from how many passages hold its words.
func (ix *Index) weigh(counts *termCounter, pq *question) {
	if len(pq.groups) == 0 {
		return
	}
	ix.mu.RLock()
	n := float64(ix.stats.Passages)
	ix.mu.RUnlock()
	for i := range pq.groups {
		g := &pq.groups[i]
		var df uint64
		for _, t := range g.terms {
			df += counts.count(fieldText, t)
		}
		df += counts.rarest(fieldText, g.parts)
		if len(g.name) > 0 {
			df += counts.rarest(fieldSpeaker, g.name)
		}
		g.idf = math.Log(1 + (n+1)/(float64(df)+1))
		if g.light {
			g.idf /= 2
		}
	}
}

// keepCoveredRelated keeps of each group's related words the first
// maxRelatedTerms the coverage holds: only they can find anything, and
// each is a term every query with related words walks. It is called only
// when the question's own words find too little, for counting them is a
// dictionary look-up a word.
func (ix *Index) keepCoveredRelated(counts *termCounter, pq *question) {
	for i := range pq.groups {
		g := &pq.groups[i]
		kept := make([]relatedTerm, 0, min(len(g.related), maxRelatedTerms))
		var native, foreign int
		for _, r := range g.related {
			n := &native
			limit := maxRelatedTerms
			if r.foreign {
				n, limit = &foreign, maxTranslatedTerms
			}
			if *n < limit && counts.count(fieldText, r.term) > 0 {
				kept = append(kept, r)
				*n++
			}
		}
		g.related = kept
	}
}

// groupScores says, for each of the question's groups, how well c holds
// it: 1 for its own word (or, for a name, a quote attributed to that
// speaker), the weight of the best related word c holds, else 0. named
// reports whether c names, or is a quote of, a speaker the question names
// (true when the question names none).
func (ix *Index) groupScores(pq question, c *candidate) (scores []float64, named bool) {
	have := make(map[string]bool, len(c.terms))
	for _, t := range c.terms {
		have[t] = true
	}
	var speakerToks map[string]bool
	named = true
	for _, g := range pq.groups {
		if len(g.name) > 0 {
			named = false
		}
	}
	scores = make([]float64, len(pq.groups))
	foreign := inOtherLanguage(c)
	for i, g := range pq.groups {
		if falseFriend(c, g, foreign) {
			// a false friend (see crosslang.go): only its translations count
			scores[i] = relatedIn(g, have, true)
			continue
		}
		if groupIn(g, have) {
			scores[i] = 1
			named = named || len(g.name) > 0
			continue
		}
		if len(g.name) > 0 && c.speaker != "" {
			if speakerToks == nil {
				speakerToks = map[string]bool{}
				for _, t := range ix.an.name.Analyze([]byte(c.speaker)) {
					speakerToks[string(t.Term)] = true
				}
			}
			all := true
			for _, t := range g.name {
				all = all && speakerToks[t]
			}
			if all {
				scores[i] = 1
				named = true
				continue
			}
		}
		scores[i] = relatedIn(g, have, foreign)
		if scores[i] == 0 && c.quote && c.speaker != "" && len(g.terms) > 0 && ix.titleOf(c, g) {
			// "what did the mayor say": the quote's speaker is introduced
			// as "Mayor Ana Ruiz" in the article
			scores[i] = 1
		}
	}
	return scores, named
}

// titleOf reports whether c's article introduces c's speaker with g's
// word just before the name ("Mayor Ana Ruiz", "the prosecutor Brice
// Robin", "captain Lee Joon-seok").
func (ix *Index) titleOf(c *candidate, g termGroup) bool {
	text := c.article.Text
	sur := surname(c.speaker)
	if sur == "" {
		return false
	}
	first := strings.Fields(c.speaker)[0]
	for from := 0; from < len(text); {
		i := strings.Index(text[from:], first)
		if i < 0 {
			return false
		}
		i += from
		from = i + len(first)
		lead := text[max(0, i-40):i]
		if j := strings.LastIndexAny(lead, ".!?\n"); j >= 0 {
			lead = lead[j+1:]
		}
		// and the description after the full name, to the comma that
		// closes it: "Peter Berdowski, chief executive of Boskalis, said"
		// is what "the Boskalis boss" names
		var desc string
		if rest := text[i:]; strings.HasPrefix(rest, c.speaker+",") {
			desc = rest[len(c.speaker)+1 : min(len(rest), len(c.speaker)+1+100)]
			if j := strings.IndexAny(desc, ",.!?\n"); j >= 0 {
				desc = desc[:j]
			}
		}
		for _, t := range ix.an.text.Analyze([]byte(lead + " " + desc)) {
			if slices.Contains(g.terms, string(t.Term)) {
				return true
			}
		}
	}
	return false
}

// relatedIn is what the best related word of g in have counts for. In a
// passage in another language (foreign), a translation is how that
// language says the question's word and counts as the word itself would,
// less translatedMatch's doubt about the sense.
func relatedIn(g termGroup, have map[string]bool, foreign bool) float64 {
	best := 0.0
	for _, r := range g.related { // best first
		if !have[r.term] {
			continue
		}
		w := r.weight
		if r.foreign && foreign {
			w = translatedMatch
		}
		best = max(best, w)
	}
	return best
}

// mustMatch is how many of a question's n content words a passage must
// match in some way (its own word, a related one, in its window): both of
// two, for one shared word is not an answer however rare it is. Longer
// questions are left to coverage: they hold words their answers have no
// need of.
func mustMatch(n int) int {
	if n <= 2 {
		return n
	}
	return 1
}

// coverage is the idf-weighted share of the question c covers, its
// neighbouring sentences counting at windowWeight and its article's lead
// at leadWeight, and how many of the question's groups c matches at all.
// When even full credit from the window could not lift c to need, it
// stops before analysing the neighbours and returns that bound (c is no
// answer either way). leads keeps each article's lead terms for the
// other candidates of one question; nil is an empty one.
func (ix *Index) coverage(pq question, c *candidate, own []float64, need float64, leads articleLeads) (cov float64, matched int) {
	var got, total, windowable, optionalBest float64
	// the most a word the passage lacks can be lifted to, by a neighbour
	// or by the lead
	reach := max(windowWeight, leadWeight)
	for i, g := range pq.groups {
		if g.optional {
			// a word of time only ever raises the share, to its own
			optionalBest = max(optionalBest, own[i], reach)
			continue
		}
		got += g.idf * own[i]
		total += g.idf
		if own[i] < reach && len(g.name) == 0 {
			windowable += g.idf
		}
	}
	if total == 0 && optionalBest == 0 {
		return 0, 0
	}
	if total > 0 {
		if bound := max((got+reach*windowable)/total, optionalBest); bound < need {
			return bound, 0
		}
	}
	got, total = 0, 0
	var near map[string]bool
	foreign := inOtherLanguage(c)
	type held struct{ idf, share float64 }
	var optional []held // the words of time c holds in some way
	for i, g := range pq.groups {
		v := own[i]
		inPassage := v > 0 // or its neighbours; the lead alone matches nothing
		if v < 1 && len(g.name) == 0 {
			if near == nil {
				near = ix.neighbourTerms(c)
			}
			if groupIn(g, near) && !falseFriend(c, g, foreign) {
				v = max(v, windowWeight)
			} else {
				v = max(v, windowWeight*relatedIn(g, near, foreign))
			}
			inPassage = v > 0
			if v < leadWeight && !pq.wantsQuote {
				lead := leads.of(ix, c)
				if groupIn(g, lead) && !falseFriend(c, g, foreign) {
					v = leadWeight
				} else {
					v = max(v, leadWeight*relatedIn(g, lead, foreign))
				}
			}
		}
		if g.optional {
			if v > 0 {
				optional = append(optional, held{g.idf, v})
			}
			continue
		}
		if inPassage {
			matched++
		}
		got += g.idf * v
		total += g.idf
	}
	sort.Slice(optional, func(i, j int) bool { return optional[i].share > optional[j].share })
	// A word of time counts only where it helps: one the passage lacks, or
	// holds only in a neighbour or by a loose relation, is not held
	// against it ("that night" in the next sentence must not rank a
	// passage below one that never mentions the night).
	for _, o := range optional { // the best held first, each while it raises the share
		if total == 0 || o.share > got/total {
			got += o.idf * o.share
			total += o.idf
		}
	}
	if total <= 0 {
		return 0, matched
	}
	return got / total, matched
}

// neighbourTerms are the analysed terms of the sentences just before and
// just after c in its article.
func (ix *Index) neighbourTerms(c *candidate) map[string]bool {
	a := c.article
	out := map[string]bool{}
	ss := a.Sentences
	// the first sentence ending after c starts
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End > c.start })
	for _, j := range []int{i - 1, lastSentenceBefore(ss, c.end) + 1} {
		if j < 0 || j >= len(ss) {
			continue
		}
		s := ss[j]
		if s.Start < 0 || s.End > len(a.Text) || s.Start >= s.End || (s.Start < c.end && c.start < s.End) {
			continue
		}
		for _, t := range ix.an.text.Analyze([]byte(withoutWebAddresses(a.Text[s.Start:s.End]))) {
			out[string(t.Term)] = true
		}
	}
	return out
}

// articleLeads are the analysed terms of articles' leads, by article id.
type articleLeads map[string]map[string]bool

// of returns the terms of c's article's title and first leadSentences
// sentences, analysing them once per article.
func (leads articleLeads) of(ix *Index, c *candidate) map[string]bool {
	a := c.article
	if terms, ok := leads[a.ID]; ok {
		return terms
	}
	var b strings.Builder
	b.WriteString(a.Title)
	for _, s := range a.Sentences[:min(leadSentences, len(a.Sentences))] {
		if s.Start >= 0 && s.End <= len(a.Text) && s.Start < s.End {
			b.WriteString("\n")
			b.WriteString(a.Text[s.Start:s.End])
		}
	}
	terms := map[string]bool{}
	for _, t := range ix.an.text.Analyze([]byte(withoutWebAddresses(b.String()))) {
		terms[string(t.Term)] = true
	}
	if leads != nil {
		leads[a.ID] = terms
	}
	return terms
}

// lastSentenceBefore is the index of the last sentence starting before
// end.
func lastSentenceBefore(ss []corpus.Sentence, end int) int {
	return sort.Search(len(ss), func(i int) bool { return ss[i].Start >= end }) - 1
}
