package synth

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Config chooses a corpus. The same Config always yields the same bytes.
type Config struct {
	Articles int    // how many articles to write (JSON lines files hold several)
	Seed     uint64 // any value; 0 is as good as another
}

// File is one generated article file.
type File struct {
	Path     string // slash-separated, relative to the corpus root
	Data     []byte
	Articles int // articles in the file: 1, or more for .jsonl
}

// Manifest describes a generated corpus and keeps what questions are
// built from.
type Manifest struct {
	Config   Config
	Articles int
	Files    int
	Bytes    int64
	// Articles by format: "txt", "html", "jsonl".
	Formats  map[string]int
	Outlets  int // outlets that carried at least one article
	Stories  int // wire stories
	Cycles   int // news cycles
	Speakers int // distinct people quoted
	Start    time.Time
	End      time.Time // first and last publication dates

	facts *facts
}

// ErrBadConfig is returned for a Config that cannot be generated.
var ErrBadConfig = errors.New("synth: bad config")

// corpusStart is the first day of every generated corpus.
var corpusStart = time.Date(2024, time.January, 8, 0, 0, 0, 0, time.UTC)

type generator struct {
	cfg      Config
	r        *rand.Rand
	nouns    *lexicon
	verbs    *lexicon
	adjs     *lexicon
	places   *growingZipf
	people   *growingZipf
	speakers map[uint64]*speaker
	outlets  []*outlet
	weights  []float64 // outlet sizes, power law
	facts    *facts
	// lastTopic is the topic word the last template slot wrote.
	lastTopic string
}

func newGenerator(cfg Config) *generator {
	r := rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15))
	// Vocabulary caps grow as V = base + k·n^β in the number of draws n.
	g := &generator{
		cfg:      cfg,
		r:        r,
		nouns:    &lexicon{base: baseNouns, name: "noun", seed: cfg.Seed, draw: newGrowingZipf(r, float64(len(baseNouns)), 100, 0.6)},
		verbs:    &lexicon{base: baseVerbs, suffix: "t", name: "verb", seed: cfg.Seed, draw: newGrowingZipf(r, float64(len(baseVerbs)), 20, 0.6)},
		adjs:     &lexicon{base: baseAdjectives, suffix: "n", name: "adj", seed: cfg.Seed, draw: newGrowingZipf(r, float64(len(baseAdjectives)), 40, 0.6)},
		places:   newGrowingZipf(r, 40, 2, 0.6),
		people:   newGrowingZipf(r, float64(len(lastNamesBase)), 5, 0.6),
		speakers: map[uint64]*speaker{},
		facts:    newFacts(cfg.Seed),
	}
	n := min(80, max(6, cfg.Articles/120))
	or := rand.New(rand.NewPCG(cfg.Seed, 0x0a7e1e75))
	for i := range n {
		o := g.newOutlet(i, or)
		switch i { // every format in every corpus
		case 2:
			o.format = "html"
		case 4:
			o.format = "jsonl"
		}
		g.outlets = append(g.outlets, o)
		g.weights = append(g.weights, 1/float64(i+2))
	}
	return g
}

// properName spells rank as a pseudo-word of three or four syllables,
// scrambled (a bijection below properSpace) so that neighbouring ranks do
// not share their endings.
const properSpace = 70 * 70 * 70

func properName(rank uint64, suffix string) string {
	return capitalize(pseudoWord(70*70+(rank*7919+1234)%properSpace, suffix))
}

// place names end in "r", which no other word class ends in.
func (g *generator) place(rank uint64) string { return properName(rank, "r") }

func (g *generator) country(rank uint64) string {
	return properName(rank, []string{"land", "ria", "stan"}[rank%3])
}

func (g *generator) speaker(id uint64) *speaker {
	if sp, ok := g.speakers[id]; ok {
		return sp
	}
	r := rand.New(rand.NewPCG(g.cfg.Seed^0x5bd1e995, id))
	sp := &speaker{id: id, first: firstNames[r.IntN(len(firstNames))], role: roles[r.IntN(len(roles))], country: g.country(uint64(r.IntN(60)))}
	if id < uint64(len(lastNamesBase)) {
		sp.last = lastNamesBase[id]
	} else {
		sp.last = capitalize(pseudoWord(id-uint64(len(lastNamesBase)), []string{"ov", "son", "ez", "ski"}[id%4]))
	}
	sp.pronoun = []string{"he", "she"}[r.IntN(2)]
	g.speakers[id] = sp
	return sp
}

func (g *generator) newCycle(date time.Time) *cycle {
	r := g.r
	c := &cycle{place: g.place(g.places.next()), place2: g.place(g.places.next()), country: g.country(uint64(r.IntN(60)))}
	for len(c.topics) < 3 {
		rank, _ := g.nouns.next()
		if rank >= 8 || r.IntN(4) == 0 {
			c.topics = append(c.topics, rank)
		}
	}
	for n := 2 + r.IntN(4); n > 0; n-- {
		sp := g.speaker(g.people.next())
		if !slices.Contains(c.speakers, sp) {
			c.speakers = append(c.speakers, sp)
		}
	}
	_, noun := g.nouns.next()
	c.org = []string{
		"the " + c.country + " " + capitalize(noun) + " Ministry",
		"the " + c.place + " Council",
		"the United Nations",
		"the " + capitalize(noun) + " Commission",
	}[r.IntN(4)]
	c.killed = 10 + r.IntN(5000)
	c.money = 1 + r.IntN(900)
	if r.IntN(2) == 0 {
		c.event = c.topics[0]
		c.eventPlace = g.place(g.places.next())
		c.eventDate = date.AddDate(0, 0, 5+r.IntN(25))
	}
	return c
}

// outletsFor picks how many outlets carry a story (power law: most stories
// run once, a few everywhere) and which, bigger outlets more often.
func (g *generator) outletsFor() []*outlet {
	k := 1
	for k < min(8, len(g.outlets)) && g.r.Float64() < 0.55 {
		k++
	}
	var total float64
	for _, w := range g.weights {
		total += w
	}
	var chosen []*outlet
	for len(chosen) < k {
		x := g.r.Float64() * total
		for i, w := range g.weights {
			if x -= w; x < 0 || i == len(g.weights)-1 {
				if !slices.Contains(chosen, g.outlets[i]) {
					chosen = append(chosen, g.outlets[i])
				}
				break
			}
		}
	}
	return chosen
}

// Generate writes the corpus for cfg file by file through emit, in a fixed
// order, and returns its manifest.
func Generate(ctx context.Context, cfg Config, emit func(File) error) (*Manifest, error) {
	if cfg.Articles <= 0 {
		return nil, fmt.Errorf("%w: articles must be at least 1, got %d", ErrBadConfig, cfg.Articles)
	}
	g := newGenerator(cfg)
	m := &Manifest{Config: cfg, Formats: map[string]int{}, facts: g.facts}
	spanDays := max(14, cfg.Articles/50)
	estStories := max(1, float64(cfg.Articles)/2.2)
	usedOutlets := map[*outlet]bool{}
	type feed struct {
		path  string
		data  []byte
		count int
	}
	feeds := map[*outlet]*feed{}
	flush := func(o *outlet) error {
		f := feeds[o]
		if f == nil {
			return nil
		}
		delete(feeds, o)
		m.Files++
		m.Bytes += int64(len(f.data))
		return emit(File{Path: f.path, Data: f.data, Articles: f.count})
	}
	var c *cycle
	cycleLen := 0
	for id := 0; m.Articles < cfg.Articles; id++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		day := time.Duration(float64(id) / estStories * float64(spanDays) * 24 * float64(time.Hour))
		date := corpusStart.Add(day).Truncate(24 * time.Hour).Add(time.Duration(6+g.r.IntN(14)) * time.Hour)
		if c == nil || c.stories >= cycleLen {
			c = g.newCycle(date)
			cycleLen = 2 + g.r.IntN(9)
			m.Cycles++
		}
		st := g.buildStory(c, id, date)
		m.Stories++
		for _, o := range g.outletsFor() {
			if m.Articles >= cfg.Articles {
				break
			}
			v := g.edit(o, st)
			published := date.Add(time.Duration(g.r.IntN(240)) * time.Minute)
			if m.Start.IsZero() || published.Before(m.Start) {
				m.Start = published
			}
			if published.After(m.End) {
				m.End = published
			}
			usedOutlets[o] = true
			m.Articles++
			m.Formats[o.format]++
			dir := o.slug + "/" + published.Format("2006/01")
			name := fmt.Sprintf("%s-%s-%d", published.Format("02"), slugify(st.title), st.id)
			switch o.format {
			case "txt":
				data := v.renderText(published, g.r.Float64() >= o.noMeta)
				m.Files++
				m.Bytes += int64(len(data))
				if err := emit(File{Path: dir + "/" + name + ".txt", Data: data, Articles: 1}); err != nil {
					return nil, err
				}
			case "html":
				data := v.renderHTML(published)
				m.Files++
				m.Bytes += int64(len(data))
				if err := emit(File{Path: dir + "/" + name + ".html", Data: data, Articles: 1}); err != nil {
					return nil, err
				}
			case "jsonl":
				path := dir + "/" + published.Format("02") + "-feed.jsonl"
				if f := feeds[o]; f != nil && f.path != path {
					if err := flush(o); err != nil {
						return nil, err
					}
				}
				if feeds[o] == nil {
					feeds[o] = &feed{path: path}
				}
				feeds[o].data = append(feeds[o].data, v.renderJSON(published)...)
				feeds[o].count++
			}
		}
	}
	for _, o := range g.outlets {
		if err := flush(o); err != nil {
			return nil, err
		}
	}
	m.Outlets = len(usedOutlets)
	m.Speakers = g.facts.speakers()
	return m, nil
}

// Summary is a short human description of the corpus.
func (m *Manifest) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d articles in %d files (%.1f MB, %.0f bytes/article): %d txt, %d html, %d in jsonl feeds\n",
		m.Articles, m.Files, float64(m.Bytes)/1e6, float64(m.Bytes)/float64(max(1, m.Articles)),
		m.Formats["txt"], m.Formats["html"], m.Formats["jsonl"])
	fmt.Fprintf(&b, "%d outlets, %d wire stories in %d news cycles, %d people quoted, %s to %s\n",
		m.Outlets, m.Stories, m.Cycles, m.Speakers, m.Start.Format("2006-01-02"), m.End.Format("2006-01-02"))
	return b.String()
}
