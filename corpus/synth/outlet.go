package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// outlet is a publication with its own house style and its own junk.
type outlet struct {
	name, host, slug string
	format           string // "txt", "html" or "jsonl"
	british          bool
	curly            bool
	blankLines       bool // paragraphs separated by blank lines
	section          string

	skipLink  bool
	menu      string
	reporters []string
	caption   bool
	alsoRead  bool
	readMore  bool
	tags      bool
	paywall   []string // the block, fixed per outlet
	cutStory  float64  // how often the paywall cuts the story short
	noMeta    float64  // how often a text scrape lost its front matter
	share     string
	copyright string
	dateline  int // dateline style

	swap, trim, reorder, drop, round float64
}

var currencies = []string{"£", "$", "₹", "€"}

var planNames = []string{"Digital Plus", "Smart Quarterly", "Smart Essential", "Super Saver", "All Access", "Premium", "Basic", "Weekend"}

var menuWords = []string{"Home", "News", "World", "Politics", "Business", "Sport", "Opinion", "Culture", "Local", "Weather", "Podcasts", "Subscribe", "What's On", "Jobs"}

func (g *generator) newOutlet(i int, r *rand.Rand) *outlet {
	place := properName(uint64(i)+properSpace/2, "")
	var name string
	switch r.IntN(5) {
	case 0:
		name = place + " News"
	case 1:
		name = "Radio " + place
	default:
		name = "The " + place + " " + paperWords[r.IntN(len(paperWords))]
	}
	slug := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(name, "The "), " ", "-"))
	o := &outlet{
		name: name, slug: slug, host: "www." + strings.ReplaceAll(slug, "-", "") + ".example",
		british: r.IntN(2) == 0, curly: r.IntN(2) == 0, blankLines: r.IntN(4) == 0,
		section:  []string{"news", "world", "politics", "international"}[r.IntN(4)],
		skipLink: r.IntN(2) == 0, caption: r.IntN(3) > 0, alsoRead: r.IntN(3) == 0,
		readMore: r.IntN(2) == 0, tags: r.IntN(2) == 0, dateline: r.IntN(3),
		swap: r.Float64() * 0.5, trim: r.Float64() * 0.4, reorder: r.Float64() * 0.5,
		drop: r.Float64() * 0.4, round: r.Float64() * 0.5,
	}
	switch f := r.IntN(20); {
	case f < 15:
		o.format = "txt"
	case f < 18:
		o.format = "html"
	default:
		o.format = "jsonl"
	}
	if r.IntN(3) > 0 {
		var menu []string
		for _, j := range r.Perm(len(menuWords))[:4+r.IntN(4)] {
			menu = append(menu, menuWords[j])
		}
		o.menu = strings.Join(menu, " | ")
	}
	for n := 2 + r.IntN(4); n > 0; n-- {
		o.reporters = append(o.reporters, firstNames[r.IntN(len(firstNames))]+" "+lastNamesBase[r.IntN(len(lastNamesBase))])
	}
	if r.IntN(5) < 2 {
		o.paywall = paywallBlock(name, r)
		o.cutStory = r.Float64() * 0.3
		if o.format == "txt" {
			o.noMeta = 0.1
		}
	}
	o.share = []string{"Share this article: Facebook | X | Email", "Share", "Share on WhatsApp | Copy link", ""}[r.IntN(4)]
	o.copyright = fmt.Sprintf("© 2026 %s. All rights reserved.", strings.TrimPrefix(name, "The "))
	return o
}

// paywallBlock writes an outlet's paywall prompt and price list, the way
// real scrapes keep them after the story.
func paywallBlock(name string, r *rand.Rand) []string {
	cur := currencies[r.IntN(len(currencies))]
	lines := []string{
		"You’ve reached your limit of {{free_limit}} free articles this month.",
		"Subscribe now for unlimited access to " + name + ".",
		"Already subscribed? Log in",
	}
	for n := 1 + r.IntN(3); n > 0; n-- {
		months := []int{1, 3, 12, 24}[r.IntN(4)]
		per := 2 + r.IntN(300)
		lines = append(lines, planNames[r.IntN(len(planNames))],
			fmt.Sprintf("%s%d", cur, per*months),
			fmt.Sprintf("%d Months", months),
			fmt.Sprintf("%s%d/Month", cur, per))
	}
	return append(lines, "Renews automatically, cancel anytime")
}

// version is one outlet's edit of a wire story.
type version struct {
	o        *outlet
	st       *story
	title    string
	byline   string
	dateline string
	paras    []string
	cut      bool // the paywall cut the story short
	caption  string
}

// edit applies the outlet's house style to the wire copy: spelling, word
// swaps outside quotes, trimmed quotes, reordered and dropped paragraphs,
// rounded figures.
func (g *generator) edit(o *outlet, st *story) *version {
	r := g.r
	v := &version{o: o, st: st, title: st.title}
	open, closeQ := `"`, `"`
	if o.curly {
		open, closeQ = "“", "”"
	}
	round := r.Float64() < o.round

	// Blocks keep "he said" paragraphs with the quote before them.
	var blocks [][]para
	for _, p := range st.paras {
		if p.bound && len(blocks) > 0 {
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], p)
			continue
		}
		blocks = append(blocks, []para{p})
	}
	if len(blocks) > 3 && r.Float64() < o.reorder {
		i := 1 + r.IntN(len(blocks)-2)
		blocks[i], blocks[i+1] = blocks[i+1], blocks[i]
	}
	if len(blocks) > 4 && r.Float64() < o.drop {
		blocks = blocks[:len(blocks)-1-r.IntN(2)]
	}
	if o.paywall != nil && len(blocks) > 3 && r.Float64() < o.cutStory {
		blocks = blocks[:2+r.IntN(len(blocks)-2)]
		v.cut = true
	}
	for _, b := range blocks {
		for _, p := range b {
			pre, post := g.swapWords(o, p.pre), g.swapWords(o, p.post)
			text := pre
			if p.quote != "" {
				q := p.quote
				if r.Float64() < o.trim {
					q = trimQuote(q)
				}
				text += open + q + closeQ + post
			}
			text = phraseNumbers(text, st.nums, round)
			if o.british {
				text = toBritish(text)
			}
			v.paras = append(v.paras, text)
		}
	}
	if o.british {
		v.title = toBritish(v.title)
	}
	v.byline = o.reporters[r.IntN(len(o.reporters))]
	switch r.IntN(3) {
	case 0:
		v.byline = "By " + v.byline
	case 1:
		v.byline = v.byline + ", Staff Writer"
	default:
		v.byline = "By " + v.byline + " and " + st.wire
	}
	place := st.cycle.place
	switch o.dateline {
	case 0:
		v.paras[0] = fmt.Sprintf("%s, %s (%s) — %s", strings.ToUpper(place), st.date.Format("January 2"), st.wire, v.paras[0])
	case 1:
		v.dateline = fmt.Sprintf("%s, %s —", strings.ToUpper(place), st.date.Format("2 January"))
	}
	if o.caption {
		v.caption = fmt.Sprintf("Image: %s/%s", []string{st.wire, strings.TrimPrefix(o.name, "The ")}[r.IntN(2)], o.reporters[r.IntN(len(o.reporters))])
		if r.IntN(2) == 0 {
			v.caption += ". " + capitalize(g.nouns.word(st.topic)) + " in " + place + " on " + weekdays[st.date.Weekday()] + "."
		}
	}
	return v
}

// swaps are the word choices copy editors change; quotes are never touched.
var swaps = [][2]string{
	{"officials said", "authorities said"}, {"began", "started"}, {"more than", "over"},
	{"people", "residents"}, {"killed", "left dead"}, {"fled to", "escaped to"},
	{"according to", "citing"}, {"expected to", "set to"}, {"meeting", "session"},
	{"immediately clear", "clear"}, {"ceasefire", "truce"},
}

func (g *generator) swapWords(o *outlet, s string) string {
	if s == "" || o.swap == 0 {
		return s
	}
	for _, sw := range swaps {
		if strings.Contains(s, sw[0]) && g.r.Float64() < o.swap {
			s = strings.Replace(s, sw[0], sw[1], 1)
		}
	}
	return s
}

// trimQuote shortens a quote the way outlets do: the first sentence only,
// or up to the first comma.
func trimQuote(q string) string {
	end := strings.TrimRight(q, ",.")
	punct := q[len(end):]
	if i := strings.Index(end, ". "); i > 0 {
		return end[:i] + punct
	}
	if i := strings.Index(end, ", "); i > 20 {
		return end[:i] + punct
	}
	return q
}

// phraseNumbers writes each marked figure exactly ("1,240") or rounded
// down ("more than 1,000"), as outlets disagree on figures.
func phraseNumbers(s string, nums []int, round bool) string {
	if !strings.ContainsRune(s, numMark) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == numMark && i+1 < len(s) {
			n := nums[s[i+1]-'0']
			if round && n >= 100 {
				b.WriteString("more than " + commas(roundDown(n)))
			} else {
				b.WriteString(commas(n))
			}
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func roundDown(n int) int {
	p := 1
	for p*10 <= n {
		p *= 10
	}
	return n / p * p
}

func commas(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// toBritish rewrites American spellings word by word.
func toBritish(s string) string {
	var b strings.Builder
	start := -1
	flush := func(end int) {
		w := s[start:end]
		if br, ok := britishSpelling[w]; ok {
			b.WriteString(br)
		} else {
			b.WriteString(w)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z'
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			flush(i)
			start = -1
		}
		if !letter {
			b.WriteByte(c)
		}
	}
	if start >= 0 {
		flush(len(s))
	}
	return b.String()
}
