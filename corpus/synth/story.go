package synth

import (
	"fmt"
	"strings"
	"time"
)

// speaker is someone the coverage quotes. Speakers come from a power-law
// pool: a few are quoted everywhere, most once or twice.
type speaker struct {
	id      uint64
	first   string
	last    string
	role    string
	country string
	pronoun string
}

func (s *speaker) full() string { return s.first + " " + s.last }

// cycle is a news cycle: a run of stories over several days that share a
// place, a country, topics, an organisation and speakers.
type cycle struct {
	place, place2, country string
	org                    string
	topics                 []uint64 // noun ranks
	speakers               []*speaker
	killed                 int // the running toll, reported again and again
	money                  int // millions
	event                  uint64
	eventPlace             string
	eventDate              time.Time
	stories                int
}

// para is a paragraph of a wire story. A quote paragraph prints
// pre + open-quote + quote + close-quote + post; numbers are written as
// numMark+index and phrased per outlet.
type para struct {
	pre, quote, post string
	// bound reports whether the paragraph leans on the one before it ("he
	// said", or a quote continuing the last speaker) and must move with it.
	bound bool
}

const numMark = '\x01'

// story is one wire story, before any outlet has edited it.
type story struct {
	id      int
	cycle   *cycle
	date    time.Time
	title   string
	wire    string
	topic   uint64
	paras   []para
	nums    []int
	tags    []string
	related string
}

// expand fills a template: {N} noun, {AN} adjective+noun, {NN} compound,
// {T} topic, {AT} adjective+topic, {V} past verb, {Vb} base verb, {A}
// adjective, {P} place, {P2} second place, {C} country, {Org}, {Day},
// {Num}, {Money}.
func (g *generator) expand(st *story, tmpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		b.WriteString(tmpl[:i])
		b.WriteString(g.slot(st, tmpl[i+1:i+j]))
		tmpl = tmpl[i+j+1:]
	}
	return capitalize(fixArticles(b.String()))
}

func (g *generator) slot(st *story, name string) string {
	c := st.cycle
	switch name {
	case "N":
		r, w := g.nouns.next()
		switch g.r.IntN(10) {
		case 0, 1, 2, 3:
			return g.modifier(r) + " " + w
		case 4, 5:
			c := g.nouns.collocate(g.nouns, r, g.r.IntN(3))
			if c == r {
				c++
			}
			return w + " " + g.nouns.word(c)
		}
		return w
	case "AN":
		r, w := g.nouns.next()
		return g.modifier(r) + " " + w
	case "NN":
		r, w := g.nouns.next()
		c := g.nouns.collocate(g.nouns, r, g.r.IntN(3))
		if c == r {
			c++
		}
		return w + " " + g.nouns.word(c)
	case "T":
		t := g.topic(st)
		g.lastTopic = g.nouns.word(t)
		return g.lastTopic
	case "AT":
		t := g.topic(st)
		g.lastTopic = g.nouns.word(t)
		return g.modifier(t) + " " + g.lastTopic
	case "A":
		_, w := g.adjs.next()
		return w
	case "V":
		_, w := g.verbs.next()
		return pastTense(w)
	case "Vb":
		_, w := g.verbs.next()
		return baseForm(w)
	case "P":
		return c.place
	case "P2":
		return c.place2
	case "C":
		return c.country
	case "Org":
		return c.org
	case "Day":
		return weekdays[st.date.Weekday()]
	case "Num":
		return g.number(st, c.killed)
	case "Num2":
		return g.number(st, 50+g.r.IntN(5000))
	case "Money":
		return fmt.Sprintf("$%d million", c.money)
	}
	panic("synth: unknown template slot " + name) // templates are constants
}

// topic picks one of the story's topics, the main one most often, so topic
// words repeat within an article and across the cycle.
func (g *generator) topic(st *story) uint64 {
	if g.r.IntN(2) == 0 {
		return st.topic
	}
	return st.cycle.topics[g.r.IntN(len(st.cycle.topics))]
}

// modifier returns an adjective for a noun: usually one of the noun's own
// few collocates, sometimes any adjective.
func (g *generator) modifier(noun uint64) string {
	if g.r.IntN(4) == 0 {
		_, w := g.adjs.next()
		return w
	}
	i := 0
	for i < 3 && g.r.IntN(2) == 0 {
		i++
	}
	return g.adjs.word(g.nouns.collocate(g.adjs, noun, i))
}

func (g *generator) number(st *story, n int) string {
	st.nums = append(st.nums, n)
	return string(rune(numMark)) + string(rune('0'+len(st.nums)-1))
}

// Verbs are stored "base:past".
func baseForm(v string) string {
	if i := strings.IndexByte(v, ':'); i >= 0 {
		return v[:i]
	}
	return v
}

func pastTense(v string) string {
	if i := strings.IndexByte(v, ':'); i >= 0 {
		return v[i+1:]
	}
	return v + "d"
}

// fixArticles turns "a" into "an" before a vowel.
func fixArticles(s string) string {
	if !strings.Contains(s, "a ") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 'a' && (i == 0 || s[i-1] == ' ') && i+2 < len(s) && s[i+1] == ' ' && strings.IndexByte("aeiou", s[i+2]) >= 0 {
			b.WriteString("an")
			continue
		}
		if s[i] == 'A' && i == 0 && i+2 < len(s) && s[i+1] == ' ' && strings.IndexByte("aeiou", s[i+2]) >= 0 {
			b.WriteString("An")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var narrativeTemplates = []string{
	"{Org} {V} the {AT} in {P} on {Day}, officials said.",
	"The {T} {V} the {AN} after a {A} meeting of the {NN}, according to {Org}.",
	"{Num} people have been killed in {P} since the {T} began, and {Num2} have fled to {P2}.",
	"{Org} has pledged {Money} to {Vb} the {AT} and {Vb} the {AN} in {P2}.",
	"It was not immediately clear whether the {N} would {Vb} the {AT} before the {N} in {P}.",
	"{C} has {V} a {AN} since the {NN} {V} the {T} in {P2}.",
	"Critics say the {AN} has {V} the {AT} for years and left the {NN} without {N}.",
	"The {NN} is expected to {Vb} the {AT} by the end of the month.",
	"Residents of {P} said the {AN} had {V} the {N} and the {AN}.",
	"The {AT} has become a {A} issue for the {NN} in {C}, where the {N} {V} the {AN}.",
	"Talks on the {T} were {V} on {Day} as the {NN} {V} a {AN}.",
	"The {A} {T} is the first since the {NN} {V} the {AN} in {P}.",
}

var quoteTemplates = []string{
	"We {V} the {AT} today and we will {Vb} the {AN} in {P}",
	"There is no {A} {N} for the {T}. We need a {AN} now",
	"This {N} is about the {AT}, not about the {NN}",
	"I am convinced that the {AN} will {Vb} the {T}",
	"We are going to {Vb} the {AN} to all sides on the need for a {AT}",
	"Nobody should {Vb} the {T} before the {N} in {P}",
	"The {AT} has to {Vb} the {NN}, and it has to happen before the {N}",
	"We would welcome the {NN} if it is coming to {Vb} the {AT}",
	"What can be done about the {AT} should be done. The {AN} cannot wait",
	"The {N} of {P} have waited long enough for the {AT}",
	"Every {N} we lose to the {T} is a {N} we will not get back",
	"Nobody in {P} asked for the {AN}, and nobody wants the {NN}",
	"If the {NN} will not {Vb} the {AT}, we will",
	"I have seen the {AN} with my own eyes, and the {N} is {A}",
	"Our {N} is simple: {Vb} the {AT} and let the {NN} work",
	"The {AN} did not start with us, but the {N} will end with us",
}

// quoteTails lengthen every quote with a clause of their own, so that two
// speakers on different stories rarely say nearly the same words: real
// quotes are far more varied than a list of templates.
var quoteTails = []string{
	"{S}, because the {AN} is {A}",
	"{S}, and the {NN} knows it",
	"{S}. The {N} in {P} cannot {Vb} the {AN} alone",
	"{S}, whatever the {NN} says about the {T}",
	"{S}. That is what the {AN} means for {P}",
	"{S}, as the {N} said on {Day}",
	"{S}. The {A} {N} has to {Vb} the {AT} first",
}

// quotePara builds one quote paragraph for sp in one of the attribution
// shapes news copy uses. first reports whether the speaker is named here
// for the first time in the story.
func (g *generator) quotePara(st *story, sp *speaker, first bool, q string) para {
	name := sp.last
	if first {
		name = sp.full()
	}
	switch g.r.IntN(5) {
	case 0:
		if first {
			return para{quote: q + ",", post: " said " + sp.full() + ", the " + sp.role + " of " + sp.country + "."}
		}
		return para{quote: q + ",", post: " said " + name + "."}
	case 1:
		return para{pre: name + " told reporters: ", quote: q + "."}
	case 2:
		return para{pre: name + " said: ", quote: q + "."}
	case 3:
		return para{quote: q + ",", post: " " + name + " said."}
	default:
		return para{quote: q + ",", post: " " + name + " told reporters in " + st.cycle.place + "."}
	}
}

// buildStory writes the wire copy of one story in cycle c.
func (g *generator) buildStory(c *cycle, id int, date time.Time) *story {
	st := &story{id: id, cycle: c, date: date, wire: wireNames[g.r.IntN(len(wireNames))]}
	st.topic = c.topics[g.r.IntN(len(c.topics))]
	if g.r.IntN(3) == 0 {
		st.topic, _ = g.nouns.next()
	}
	c.stories++
	c.killed += g.r.IntN(40) * 10
	topic := g.nouns.word(st.topic)

	// Lead: who did what where; the dateline is added per outlet.
	lead := g.expand(st, pick(g, []string{
		"{Org} {V} the {AT} in {P} on {Day}, as the toll from the {T} rose to {Num}.",
		"The {C} government {V} a {AN} on {Day} after the {AT} in {P} left {Num} people dead.",
		"{P} {V} the {AT} on {Day}, the latest turn in a crisis that has killed {Num} people.",
	}))
	st.paras = append(st.paras, para{pre: lead})

	nQuoted := 1 + g.r.IntN(min(4, len(c.speakers)))
	for i := 0; i < nQuoted; i++ {
		sp := c.speakers[g.r.IntN(len(c.speakers))]
		first := true
		for _, p := range st.paras {
			if strings.Contains(p.pre+p.post, sp.full()) {
				first = false
			}
		}
		st.paras = append(st.paras, g.narrative(st))
		q := g.quote(st, sp)
		st.paras = append(st.paras, g.quotePara(st, sp, first, q))
		switch g.r.IntN(4) {
		case 0: // "he said" follows
			q2 := g.quote(st, sp)
			st.paras = append(st.paras, para{quote: q2 + ",", post: " " + sp.pronoun + " said.", bound: true})
		case 1: // an unattributed quote paragraph carried by the last speaker
			q2 := g.quote(st, sp)
			st.paras = append(st.paras, para{quote: q2 + ".", bound: true})
		case 2: // a partial quote inside the reporter's sentence
			_, a := g.adjs.next()
			_, a2 := g.adjs.next()
			st.paras = append(st.paras, para{pre: sp.last + " called the " + topic + " ", quote: a + " and " + a2, post: ".", bound: true})
			g.addQuote(sp, a+" and "+a2, topic)
		}
	}
	if c.eventPlace != "" && g.r.IntN(2) == 0 {
		ev := g.nouns.word(c.event)
		st.paras = append(st.paras, para{pre: fmt.Sprintf("Talks on the %s are due to start in %s on %s.", ev, c.eventPlace, c.eventDate.Format("January 2"))})
		g.addEvent(ev, c.eventPlace)
	}
	for n := 3 + g.r.IntN(4); n > 0; n-- {
		st.paras = append(st.paras, g.narrative(st))
	}
	_, v := g.verbs.next()
	_, a := g.adjs.next()
	st.title = capitalize(fmt.Sprintf("%s %s %s %s in %s", g.nouns.word(st.topic), pastTense(v), a, g.nouns.word(c.topics[0]), c.place))
	st.tags = []string{c.place, topic, c.country}
	st.related = capitalize(g.expand(st, "{AN} {V} in {P2}"))
	if len(st.nums) > 0 {
		g.addCount(st.nums[0], c.place)
	}
	return st
}

// quote writes something sp says; every quote template names a topic.
func (g *generator) quote(st *story, sp *speaker) string {
	g.lastTopic = ""
	q := g.expand(st, pick(g, quoteTemplates))
	q += g.expand(st, strings.TrimPrefix(pick(g, quoteTails), "{S}"))
	g.addQuote(sp, q, g.lastTopic)
	return q
}

// narrative writes a reporter's paragraph: one sentence, sometimes two.
func (g *generator) narrative(st *story) para {
	text := g.expand(st, pick(g, narrativeTemplates))
	if g.r.IntN(5) < 2 {
		text += " " + g.expand(st, pick(g, narrativeTemplates))
	}
	return para{pre: text}
}

func pick(g *generator, list []string) string { return list[g.r.IntN(len(list))] }
