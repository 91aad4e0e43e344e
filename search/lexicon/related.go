package lexicon

import (
	"slices"
	"sort"
	"strings"

	"github.com/coveragebot/coveragebot/search/internal/wordmemo"
)

// Related is a word related to another, with how much an answer holding
// it should count for one holding the word itself (0 to 1).
type Related struct {
	Word   string
	Weight float64
}

// Lexicon gives the words related to a word.
type Lexicon interface {
	// Related returns the words related to word (any inflection, lower
	// case), best first, without word itself; nil when it knows none.
	Related(word string) []Related
}

// Weights of one step along a WordNet relation. A derived form names the
// same event or thing in another part of speech (die, death, dead) and is
// closest; then the other words of the same sense (vote, ballot); then a
// cause or consequence (kill, die); then a broader or narrower term
// (vessel, ferry), which answers less surely. A path of two steps weighs
// their product, and words below minWeight are left out.
var stepWeight = map[string]float64{
	"+":  0.8,            // derivationally related form
	"=":  0.6,            // attribute (noun for an adjective's scale)
	"\\": 0.7,            // pertainym (adjective or adverb from a noun)
	">":  0.6,            // cause (kill > die)
	"<":  0.6,            // caused by (reverse of >, added by the graph)
	"*":  0.5,            // entailment
	"@":  0.6, "@i": 0.6, // hypernym, instance hypernym
	"~": 0.55, "~i": 0.5, // hyponym, instance hyponym
	"&": 0.6, // similar adjective
}

const (
	synonymWeight = 0.75
	minWeight     = 0.3
	maxRelated    = 32
	// maxSenses is how many senses of a word are followed, most used
	// first: rarer senses bring in more noise than answers.
	maxSenses = 4
	// maxHyponyms bounds the narrower terms taken from one sense: "vehicle"
	// has hundreds.
	maxHyponyms = 12
)

// numberWords are never related to a word: WordNet reaches "four" and
// "six" from "die" (the cube), and a figure in a passage answering "who
// died" is no sign of a death.
var numberWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("one two three four five six seven eight nine ten eleven twelve " +
		"thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty " +
		"sixty seventy eighty ninety hundred thousand million billion trillion dozen " +
		"first second third fourth fifth sixth seventh eighth ninth tenth") {
		m[w] = true
	}
	return m
}()

// senseWeight is what the relations of a word's n-th sense count for,
// most used first: a rarer sense is less likely the one a question means.
var senseWeight = [maxSenses]float64{1, 0.8, 0.6, 0.6}

// wordnet is a Lexicon over the whole of WordNet.
type wordnet struct {
	g     *graph
	cache *wordmemo.Memo[[]Related]
}

// OpenWordNet reads WordNet from dir (DefaultWordNetDir when empty).
func OpenWordNet(dir string) (Lexicon, error) {
	if dir == "" {
		dir = DefaultWordNetDir
	}
	fsys, err := openDir(dir)
	if err != nil {
		return nil, err
	}
	g, err := loadGraph(fsys)
	if err != nil {
		return nil, err
	}
	return &wordnet{g: g, cache: wordmemo.New[[]Related](maxCached)}, nil
}

// maxCached bounds the words whose relations are remembered.
const maxCached = 50000

// Related implements Lexicon.
func (w *wordnet) Related(word string) []Related {
	return w.cache.Get(word, func() []Related { return w.g.related(word) })
}

// sense is one lemma in one part of speech.
type sense struct {
	lemma string
	p     pos
}

// morphyRules are WordNet's regular endings, by part of speech.
var morphyRules = map[pos][][2]string{
	noun: {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
	verb: {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
	adj:  {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
}

// lemmas are the base forms WordNet knows for word, each with its part of
// speech: the word itself, exceptions (sank -> sink, a verb) and the
// regular endings of each part of speech (WordNet's morphy).
func (g *graph) lemmas(word string) []sense {
	word = strings.ToLower(strings.TrimSpace(word))
	if head, rest, ok := strings.Cut(word, " "); ok {
		return g.phrasalLemmas(head, rest)
	}
	seen := map[sense]bool{}
	var out []sense
	add := func(l string, p pos) {
		s := sense{l, p}
		if l == "" || seen[s] || !g.has(l, p) {
			return
		}
		seen[s] = true
		out = append(out, s)
	}
	for _, pf := range posFiles {
		add(word, pf.p)
		for _, b := range g.exc[string(pf.p)+":"+word] {
			add(b, pf.p)
		}
		for _, r := range morphyRules[pf.p] {
			if strings.HasSuffix(word, r[0]) && len(word) > len(r[0])+1 {
				add(word[:len(word)-len(r[0])]+r[1], pf.p)
			}
		}
		if pf.p == verb {
			// doubled consonants: stopped -> stop, planning -> plan
			for _, suf := range []string{"ed", "ing"} {
				if b, ok := strings.CutSuffix(word, suf); ok && len(b) > 2 && b[len(b)-1] == b[len(b)-2] {
					add(b[:len(b)-1], verb)
				}
			}
		}
	}
	return out
}

// phrasalLemmas are the verb collocations WordNet knows for a verb and
// what follows it ("stepped down" -> "step down", "took part" -> "take
// part"): members ask with phrasal verbs where articles use one formal
// verb (resign, participate, sink). Only the verb is inflected.
func (g *graph) phrasalLemmas(head, rest string) []sense {
	var out []sense
	for _, l := range g.lemmas(head) {
		if l.p != verb {
			continue
		}
		s := sense{l.lemma + " " + rest, verb}
		if !slices.Contains(out, s) && g.has(s.lemma, verb) {
			out = append(out, s)
		}
	}
	return out
}

// has reports whether lemma has a sense in part of speech p.
func (g *graph) has(lemma string, p pos) bool {
	ids, _ := g.senses(lemma, p)
	return len(ids) > 0
}

// maxTargetSenses: a word with more senses than this ("go", "take", "make",
// "pass", "get") is too vague to stand for a question's word.
const maxTargetSenses = 25

// related walks up to two steps from each of word's lemmas' first senses.
func (g *graph) related(word string) []Related {
	lemmas := g.lemmas(word)
	if len(lemmas) == 0 {
		return nil
	}
	best := map[string]float64{}
	own := map[string]bool{strings.ToLower(word): true}
	for _, l := range lemmas {
		own[l.lemma] = true
	}
	offer := func(w string, weight float64) {
		if weight < minWeight || own[w] || strings.ContainsAny(w, " -'.") || weight <= best[w] || g.senseCount(w) > maxTargetSenses || numberWords[w] {
			return
		}
		if weight > best[w] {
			best[w] = weight
		}
	}
	for _, l := range lemmas {
		// senses holds each part of speech's senses in its own order,
		// most used first; take the first maxSenses of l's.
		ids, _ := g.senses(l.lemma, l.p)
		for n, s := range ids[:min(maxSenses, len(ids))] {
			weight := senseWeight[n]
			g.walk(s, l.lemma, weight, 2, offer)
		}
	}
	out := make([]Related, 0, len(best))
	for w, x := range best {
		out = append(out, Related{Word: w, Weight: x})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Word < out[j].Word
	})
	if len(out) > maxRelated {
		out = out[:maxRelated]
	}
	return out
}

// walk offers the words of synset s (reached with weight) and follows its
// relations for steps more steps. from is the lemma that led here: a
// derivation pointer is followed only from that word.
func (g *graph) walk(s synsetID, from string, weight float64, steps int, offer func(string, float64)) {
	syn := g.synset(s)
	fromIdx := 0
	for i, w := range syn.words {
		if w == from {
			fromIdx = i + 1
		}
		offer(w, weight*synonymWeight)
	}
	if steps == 0 {
		return
	}
	ptrs := syn.ptrs
	for _, c := range g.causedBy[s] {
		ptrs = append(ptrs[:len(ptrs):len(ptrs)], pointer{sym: "<", target: c})
	}
	hypos := 0
	for _, p := range ptrs {
		step, ok := stepWeight[p.sym]
		if !ok {
			continue
		}
		if p.src != 0 && int(p.src) != fromIdx {
			continue // a lexical pointer from another word of the sense
		}
		if p.sym == "~" || p.sym == "~i" {
			if hypos++; hypos > maxHyponyms {
				continue
			}
		}
		w := weight * step
		if w < minWeight {
			continue
		}
		t := g.synset(p.target)
		if p.dst != 0 && int(p.dst) <= len(t.words) {
			target := t.words[p.dst-1]
			offer(target, w)
			if steps > 1 {
				g.walkWord(p.target, target, w, steps-1, offer)
			}
			continue
		}
		for _, tw := range t.words {
			offer(tw, w)
		}
		if steps > 1 {
			g.walk(p.target, "", w, steps-1, offer)
		}
	}
}

// walkWord continues from one word of a synset: its own derivations and
// the synset's semantic relations.
func (g *graph) walkWord(s synsetID, word string, weight float64, steps int, offer func(string, float64)) {
	g.walk(s, word, weight, steps, func(w string, x float64) {
		offer(w, x)
	})
}
