package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Question is a benchmark question built from what the corpus says.
type Question struct {
	Text string
	// Kind is "say" (what did X say about Y), "count" (how many), "phrase"
	// (who said these exact words), "where", "keywords" (a multi-word AND
	// query) or "none" (nothing in the corpus answers it).
	Kind string
	// Want is a string the top answer should contain ("" for "none"); the
	// benchmark reports it for reference, it does not judge quality.
	Want string
}

type quoteFact struct{ speaker, text, topic string }
type countFact struct {
	n     int
	place string
}
type eventFact struct{ event, place string }

// facts keeps a bounded, evenly drawn sample of what the corpus states
// (reservoir sampling with its own random source, so keeping facts never
// changes the text).
type facts struct {
	r      *rand.Rand
	seen   [3]int
	quotes []quoteFact
	counts []countFact
	events []eventFact
	quoted map[string]bool
}

const factsKept = 2000

func newFacts(seed uint64) *facts {
	return &facts{r: rand.New(rand.NewPCG(seed, 0xfac75)), quoted: map[string]bool{}}
}

func (f *facts) slot(kind int, n int) int {
	f.seen[kind]++
	if n < factsKept {
		return n
	}
	if j := f.r.IntN(f.seen[kind]); j < factsKept {
		return j
	}
	return -1
}

func (g *generator) addQuote(sp *speaker, text, topic string) {
	f := g.facts
	f.quoted[sp.full()] = true
	if i := f.slot(0, len(f.quotes)); i == len(f.quotes) {
		f.quotes = append(f.quotes, quoteFact{sp.full(), text, topic})
	} else if i >= 0 {
		f.quotes[i] = quoteFact{sp.full(), text, topic}
	}
}

func (g *generator) addCount(n int, place string) {
	f := g.facts
	if i := f.slot(1, len(f.counts)); i == len(f.counts) {
		f.counts = append(f.counts, countFact{n, place})
	} else if i >= 0 {
		f.counts[i] = countFact{n, place}
	}
}

func (g *generator) addEvent(event, place string) {
	f := g.facts
	if i := f.slot(2, len(f.events)); i == len(f.events) {
		f.events = append(f.events, eventFact{event, place})
	} else if i >= 0 {
		f.events[i] = eventFact{event, place}
	}
}

func (f *facts) speakers() int { return len(f.quoted) }

// questionMix is the share of each kind in a question set, in percent.
var questionMix = []struct {
	kind    string
	percent int
}{
	{"say", 35}, {"count", 20}, {"phrase", 20}, {"where", 10}, {"keywords", 5}, {"none", 10},
}

// stopWords are left out when a question names a topic from a quote.
var stopWords = map[string]bool{"the": true, "and": true, "that": true, "this": true, "will": true,
	"about": true, "there": true, "should": true, "going": true, "today": true, "people": true,
	"have": true, "has": true, "need": true, "what": true, "before": true, "cannot": true,
	"enough": true, "long": true, "waited": true, "coming": true, "welcome": true, "would": true,
	"convinced": true, "happen": true, "nobody": true, "sides": true, "done": true, "wait": true}

// Questions returns n questions in a fixed mix of kinds, the same for the
// same corpus. Every kind but "none" is built from something an article
// says; "none" asks a quoted speaker about a word no article contains.
func (m *Manifest) Questions(n int) []Question {
	f := m.facts
	r := rand.New(rand.NewPCG(m.Config.Seed, 0x9e57))
	counts := make([]int, len(questionMix))
	left := n
	for i, mix := range questionMix {
		counts[i] = n * mix.percent / 100
		left -= counts[i]
	}
	counts[0] += left // rounding slack goes to the commonest kind
	var out []Question
	asked := map[string]bool{}
	for i, mix := range questionMix {
		for j := 0; j < counts[i]; j++ {
			// The same question twice would be timed warm from the cache
			// of the first, so redraw. A story names its place many times,
			// and a small corpus has few places: after a while a "say"
			// question, of which there are plenty, takes the slot.
			for try := range 40 {
				kind := mix.kind
				if try >= 20 {
					kind = "say"
				}
				if q, ok := f.question(r, kind, j); ok && !asked[q.Text] {
					asked[q.Text] = true
					out = append(out, q)
					break
				}
			}
		}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func (f *facts) question(r *rand.Rand, kind string, i int) (Question, bool) {
	switch {
	case kind == "count" && len(f.counts) > 0:
		c := f.counts[r.IntN(len(f.counts))]
		return Question{fmt.Sprintf("How many people have been killed in %s?", c.place), kind, commas(c.n)}, true
	case kind == "where" && len(f.events) > 0:
		e := f.events[r.IntN(len(f.events))]
		return Question{fmt.Sprintf("Where will the talks on the %s start?", e.event), kind, e.place}, true
	case kind == "count" || kind == "where":
		kind = "say" // a corpus too small to state any
	}
	for range 50 { // most quotes qualify; give up on a corpus without any
		if len(f.quotes) == 0 {
			return Question{}, false
		}
		q := f.quotes[r.IntN(len(f.quotes))]
		words := strings.Fields(strings.Trim(q.text, ",."))
		var topics []string
		for _, w := range words {
			w = strings.Trim(w, ",.")
			if len(w) > 3 && !stopWords[strings.ToLower(w)] {
				topics = append(topics, w)
			}
		}
		if len(topics) == 0 || len(words) < 5 {
			continue
		}
		topic := q.topic
		if topic == "" {
			topic = topics[r.IntN(len(topics))]
		}
		last := q.speaker[strings.LastIndexByte(q.speaker, ' ')+1:]
		switch kind {
		case "say":
			if r.IntN(2) == 0 {
				return Question{fmt.Sprintf("What did %s say about %s?", q.speaker, topic), kind, topic}, true
			}
			return Question{fmt.Sprintf("What did %s say about the %s?", last, topic), kind, topic}, true
		case "phrase":
			n := min(len(words), 4+r.IntN(3))
			start := r.IntN(len(words) - n + 1)
			phrase := strings.Trim(strings.Join(words[start:start+n], " "), ",.")
			return Question{fmt.Sprintf("Who said %q?", phrase), kind, phrase}, true
		case "keywords":
			other := topics[r.IntN(len(topics))]
			if other == topic {
				other = topics[0]
			}
			return Question{fmt.Sprintf("%s %s %s", last, topic, other), kind, topic}, true
		default:
			return Question{fmt.Sprintf("What did %s say about %s?", q.speaker, pseudoWord(1<<40+uint64(i), "x")), kind, ""}, true
		}
	}
	return Question{}, false
}
