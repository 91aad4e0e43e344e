package search

import (
	"slices"
	"sort"
	"strings"

	"github.com/coveragebot/coveragebot/search/internal/wordmemo"
	"github.com/coveragebot/coveragebot/search/lexicon"
)

// Vocabulary bridging. Members ask in their own words: "how many died"
// of coverage that says "killed 130,000 people", "ballot" of an article
// that says "vote". Each content word of a question brings the words its
// lexicon relates to it (derived forms, synonyms, causes, broader and
// narrower terms), each weighted below the word itself, so a passage
// holding the question's own words still ranks first and one holding
// only related words is found rather than declined.

// lexiconHolder lets the lexicon be swapped atomically while questions
// are answered, and keeps the analysed terms of the words it has related
// (see newTermsMemo).
type lexiconHolder struct {
	l     lexicon.Lexicon
	terms *wordmemo.Memo[[]relatedTerm]
}

// SetLexicon sets the word relations questions are bridged with. Until
// it is called an index uses the embedded table (read at the first
// question, not at Open); a caller with WordNet installed can set the full
// lexicon. nil turns bridging off.
func (ix *Index) SetLexicon(l lexicon.Lexicon) {
	ix.lexicon.Store(&lexiconHolder{l: l, terms: newTermsMemo()})
}

// lexiconOf is the lexicon questions are bridged with; nil for none.
func (ix *Index) lexiconOf() *lexiconHolder {
	h := ix.lexicon.Load()
	if h == nil {
		l, err := lexicon.Embedded()
		if err != nil {
			return nil // a broken embedded table only turns bridging off
		}
		ix.lexicon.CompareAndSwap(nil, &lexiconHolder{l: l, terms: newTermsMemo()})
		h = ix.lexicon.Load()
	}
	if h.l == nil {
		return nil
	}
	return h
}

// The analysed terms a word's relations or translations give are kept by
// question word: a word brings dozens of them, and analysing them again
// for every question that holds the word was most of what bridging cost a
// question.

// maxCachedWords bounds the words whose analysed terms are kept.
const maxCachedWords = 20000

func newTermsMemo() *wordmemo.Memo[[]relatedTerm] {
	return wordmemo.New[[]relatedTerm](maxCachedWords)
}

// termsKey is the memo's key for word whose own terms are own (left out
// of what is stored).
func termsKey(word string, own []string) string {
	return word + "\x00" + strings.Join(own, "\x00")
}

// relatedTerm is an analysed term a question word is related to.
type relatedTerm struct {
	term    string
	weight  float64
	foreign bool // a translation (see crosslang.go), budgeted apart
}

// maxRelatedTerms bounds what one question word brings: each is a term
// every candidate query also walks. Only words the coverage holds count
// against it (see weigh): "croak" for "die" takes no place from "kill".
const maxRelatedTerms = 10

// related returns the analysed terms word is related to, best first,
// without the terms the word itself gives.
func (ix *Index) related(word string, own []string) []relatedTerm {
	h := ix.lexiconOf()
	if h == nil {
		return nil
	}
	return h.terms.Get(termsKey(word, own), func() []relatedTerm { return ix.analyseRelated(h.l, word, own) })
}

// analyseRelated turns the words l relates to word into analysed terms.
func (ix *Index) analyseRelated(l lexicon.Lexicon, word string, own []string) []relatedTerm {
	skip := map[string]bool{}
	for _, t := range own {
		skip[t] = true
	}
	best := map[string]float64{}
	for _, r := range l.Related(word) {
		forms := []string{r.Word}
		if other, ok := nounForms[r.Word]; ok {
			// "child" is also "children"
			forms = other
		} else if other, ok := verbForms[r.Word]; ok {
			// "begin" is also "began"
			forms = other
		}
		for _, f := range forms {
			toks := ix.an.text.Analyze([]byte(f))
			if len(toks) != 1 {
				continue
			}
			t := string(toks[0].Term)
			if skip[t] || len(t) < 3 {
				continue
			}
			if r.Weight > best[t] {
				best[t] = r.Weight
			}
		}
	}
	return byWeight(best)
}

// byWeight lists the terms of best with their weights, best first (ties
// by term, so the order never depends on the map's).
func byWeight(best map[string]float64) []relatedTerm {
	out := make([]relatedTerm, 0, len(best))
	for t, w := range best {
		out = append(out, relatedTerm{term: t, weight: w})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].weight != out[j].weight {
			return out[i].weight > out[j].weight
		}
		return out[i].term < out[j].term
	})
	return out
}

// maxPhrasalWords: past this many words a question is not a member's
// (see maxBridgedGroups) and its word pairs are not looked up.
const maxPhrasalWords = 40

// objectPronouns may stand between a phrasal verb and its particle: "get
// them out", "called it off".
var objectPronouns = setOf("them", "it", "him", "her", "us", "me", "everyone", "everybody", "anyone", "people")

// phrasalHeads are question words that still head a phrasal verb: "how
// did they get out", "what made it go down".
var phrasalHeads = setOf("get", "got", "make", "made", "happen", "happened")

// timeLinks after a verb in a question start a time, not a phrasal verb:
// "where did it go after Egypt let it go" is not "go after" (chase).
var timeLinks = setOf("after", "before", "since", "until", "till", "during", "once", "while")

// strandedPrepositions end a question asking for a place whose answer is
// their object ("which hospital were they taken to", "where did the money
// come from"). In a question asking anything else they end a phrasal verb
// ("what are investigators looking into", "who did the family turn to"),
// as an adverb particle does ("did the roof cave in").
var strandedPrepositions = setOf("to", "from", "into", "onto")

// phrasalVerb reads words[i] and the word after it (past an object
// pronoun) as a phrasal verb when the lexicon knows them as one:
// "stepped down", "took part", "get them out", "caught fire". Members ask
// with phrasal verbs where articles use one formal verb (resigned,
// participated, escaped, ignited), and the particle alone carries nothing:
// the pair is one content group whose related words are the phrase's,
// not the verb's ("step down" is resign, not stair). taken is the index
// of the word the group also took, or -1.
func (ix *Index) phrasalVerb(words []word, lower []string, i int, asksPlace bool) (g termGroup, taken int, ok bool) {
	if len(words) > maxPhrasalWords || questionWords[lower[i]] && !phrasalHeads[lower[i]] || sayOnly[lower[i]] {
		return g, -1, false
	}
	j := i + 1
	if j < len(lower) && objectPronouns[lower[j]] && words[j].adjacent {
		j++
	}
	if j >= len(lower) || !words[j].adjacent || lower[j] == "the" || lower[j] == "a" || lower[j] == "an" || timeLinks[lower[j]] {
		return g, -1, false
	}
	h := ix.lexiconOf()
	if h == nil {
		return g, -1, false
	}
	if asksPlace && j == len(lower)-1 && strandedPrepositions[lower[j]] {
		// "which hospital were they taken to": the question's last word is
		// the preposition of what it asks for (taken to which hospital),
		// not the particle of "take to" (to start liking)
		return g, -1, false
	}
	phrase := lower[i] + " " + lower[j]
	if len(h.l.Related(phrase)) == 0 {
		return g, -1, false
	}
	head := ix.an.text.Analyze([]byte(words[i].text))
	if len(head) != 1 {
		return g, -1, false
	}
	g = termGroup{word: phrase, bridge: true, light: phrasalHeads[lower[i]]}
	if tail := ix.an.text.Analyze([]byte(words[j].text)); len(tail) == 1 && !questionWords[lower[j]] {
		// "ran aground", "got stuck", "caught fire": the second word is
		// the content, whatever verb an article uses with it
		g.terms = ix.withVerbForms(lower[j], []string{string(tail[0].Term)})
	} else {
		// "stepped down": the particle is no word of the index
		g.terms = ix.withVerbForms(lower[i], []string{string(head[0].Term)})
	}
	g.related = ix.related(phrase, g.terms)
	if prepositionParticles[lower[j]] {
		// "ask for money", "search for survivors": a preposition's verb
		// is often meant as itself, and the phrase's senses may be only
		// its idioms (WordNet's "ask for" is only "invite trouble"); the
		// verb's own relations count too, below the phrase's
		g.related = withHeadRelations(g.related, ix.related(lower[i], []string{string(head[0].Term)}), g.terms)
	}
	if g.related == nil {
		g.related = []relatedTerm{}
	}
	return g, j, true
}

// prepositionParticles are the second words of verb pairs that take an
// object ("ask for", "look into", "talk about"), unlike the adverb
// particles that change a verb's meaning ("step down", "call off").
// Some idioms take them too ("go on", "turn to"): there the plain verb's
// relations add a little noise, below the phrase's own.
var prepositionParticles = setOf("for", "about", "with", "into", "on", "at", "of", "to", "from")

// headVerbWeight is what a phrasal verb's head verb's relations count for,
// against their own weight.
const headVerbWeight = 0.8

// withHeadRelations merges the head verb's relations, weighted by
// headVerbWeight, into the phrase's, best first, leaving out own terms.
func withHeadRelations(phrase, head []relatedTerm, own []string) []relatedTerm {
	best := map[string]float64{}
	// both come from the lexicon (translations are added later, see
	// withTranslations), so no term here is foreign
	for _, r := range phrase {
		best[r.term] = max(best[r.term], r.weight)
	}
	for _, r := range head {
		if slices.Contains(own, r.term) {
			continue
		}
		best[r.term] = max(best[r.term], r.weight*headVerbWeight)
	}
	return byWeight(best)
}
