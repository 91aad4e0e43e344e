package synth

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"
)

// zipfExponent is the rank/frequency exponent of content words; news text
// measures close to 1.
const zipfExponent = 1.05

// Real news words head each word class, most frequent first; beyond them
// the class continues with pseudo-words, so the vocabulary has no end.
// American spellings are used throughout: British outlets convert them
// (see britishSpelling), which is how outlets come to differ on
// "localized"/"localised".
var baseNouns = strings.Fields(`government officials people talks police
minister president country city week year war plan deal support security
border forces troops report agreement conference ceasefire aid water election
vote party leaders opposition region court law village crisis economy market
prices fuel power families homes hospital children residents refugees protest
council budget program defense center labor health food school road bridge
camp army rebels attack ministry parliament envoy sanctions embargo weapons
peace negotiations summit treaty investigation charges trial prison company
workers union strike factory bank inflation rates debt loan tax spending
energy gas oil pipeline grid shortage drought flood storm fire rescue relief
shelter convoy corridor siege town district province capital coast island
river valley airport port railway station highway dam harbor farmers crops
exports imports tariffs trade investors shares currency jobs wages pension
cabinet coalition referendum constitution reform campaign candidate voters
ballot turnout results honor neighbor favor offense commission inquiry
evidence witnesses victims survivors casualties doctors nurses vaccine
outbreak virus patients clinic medicine teachers students university
students journalists media broadcaster statement spokesman spokeswoman
diplomats embassy delegation mission observers monitors inspectors
satellite missile drone strike airstrike shelling offensive frontline
withdrawal deadline proposal compromise framework roadmap transition
government monitors sovereignty territory settlement dispute claims`)

var baseVerbs = strings.Fields(`say:said meet:met reject:rejected back:backed
announce:announced criticize:criticized warn:warned urge:urged approve:approved
block:blocked propose:proposed discuss:discussed demand:demanded deny:denied
confirm:confirmed organize:organized recognize:recognized mobilize:mobilized
analyze:analyzed apologize:apologized authorize:authorized prioritize:prioritized
emphasize:emphasized travel:traveled launch:launched suspend:suspended
resume:resumed extend:extended cut:cut raise:raised lower:lowered
increase:increased reduce:reduced restore:restored close:closed open:opened
delay:delayed cancel:canceled sign:signed veto:vetoed accept:accepted
welcome:welcomed condemn:condemned praise:praised defend:defended
investigate:investigated arrest:arrested release:released deploy:deployed
evacuate:evacuated rebuild:rebuilt fund:funded pledge:pledged secure:secured
seize:seized capture:captured lift:lifted impose:imposed ease:eased
expand:expanded review:reviewed question:questioned challenge:challenged
support:supported oppose:opposed endorse:endorsed revive:revived
hold:held win:won lose:lost build:built send:sent bring:brought
leave:left take:took give:gave keep:kept`)

var baseAdjectives = strings.Fields(`new local national international
military political economic humanitarian regional federal senior former
interim transitional key major serious urgent fragile lasting broad limited
full partial temporary permanent public private foreign domestic western
eastern northern southern central rural urban coastal heavy severe growing
rising falling record early late initial final formal informal direct
indirect joint bilateral multilateral diplomatic legal illegal armed
civilian peaceful violent deadly localized organized gray historic
controversial unprecedented emergency annual monthly weekly independent
official unofficial strategic critical`)

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

var firstNames = strings.Fields(`John Sergei Laurent Maria Ana Ahmed Fatima
Li Wei Yuki Carlos Sofia James Emma Olga Ivan Priya Rahul Amina Kwame
Grace Daniel Sarah David Elena Marco Giulia Hans Ingrid Pierre Claire Omar
Layla Chen Mei Tomasz Agnieszka Kofi Abena Diego Lucia Noah Hannah Ruth
Samuel Nadia Yusuf Aisha Miguel Teresa Viktor Irina Kenji Hiroshi Min Jin
Ravi Sunita Joseph Mary Peter Helen Ali Zainab Pablo Carmen Felix Anna`)

var lastNamesBase = strings.Fields(`Kerry Lavrov Fabius Brahimi Pillay Hague
Okafor Calloway Wilk Ellery Marsh Penrose Novak Schmidt Rossi Dubois Garcia
Martinez Kowalski Ivanova Petrov Tanaka Sato Kim Park Nguyen Singh Patel Khan
Hassan Mensah Boateng Silva Santos Costa Andersen Larsen Johansson Müller
Weber Moreau Bernard Romano Ricci Jansen Visser Horvat Popescu Ionescu Demir
Yilmaz Kaya Haddad Nasser Farouk Abadi Rahimi Karimi Mwangi Otieno Banda
Phiri Dlamini Nkosi Mahlangu Walsh Byrne Murphy Kelly Carter Brooks Hughes`)

var roles = []string{
	"foreign minister", "defense minister", "interior minister", "prime minister",
	"president", "mayor", "spokesman for the ministry", "spokeswoman for the ministry",
	"police chief", "army spokesman", "UN envoy", "opposition leader", "governor",
	"central bank governor", "finance minister", "health minister", "aid coordinator",
	"union leader", "chief executive", "senior official", "station commander",
	"human rights chief", "chief negotiator", "ambassador",
}

var wireNames = []string{"Allied Wire", "Continental Press", "Meridian News Agency", "Global Dispatch"}

var paperWords = []string{"Gazette", "Post", "Herald", "Times", "Chronicle", "Courier", "Standard",
	"Observer", "Tribune", "Star", "Ledger", "Mirror", "Express", "Telegraph", "Journal", "Sentinel"}

// britishSpelling maps the American spellings the generator writes to the
// British ones British outlets print; the index is expected to fold them.
var britishSpelling = map[string]string{
	"center": "centre", "defense": "defence", "program": "programme", "labor": "labour",
	"honor": "honour", "favor": "favour", "neighbor": "neighbour", "offense": "offence",
	"harbor": "harbour", "gray": "grey", "organize": "organise", "organized": "organised",
	"recognize": "recognise", "recognized": "recognised", "criticize": "criticise",
	"criticized": "criticised", "mobilize": "mobilise", "mobilized": "mobilised",
	"analyze": "analyse", "analyzed": "analysed", "apologize": "apologise",
	"apologized": "apologised", "authorize": "authorise", "authorized": "authorised",
	"prioritize": "prioritise", "prioritized": "prioritised", "emphasize": "emphasise",
	"emphasized": "emphasised", "traveled": "travelled", "canceled": "cancelled",
	"localized": "localised",
}

// syllables are all consonant+vowel pairs, so a pseudo-word decodes
// uniquely back to its number and no two numbers share a word.
var syllables = func() []string {
	var out []string
	for _, c := range "bdfgklmnprstvz" {
		for _, v := range "aeiou" {
			out = append(out, string(c)+string(v))
		}
	}
	return out
}()

// pseudoWord spells n as at least two syllables followed by suffix.
func pseudoWord(n uint64, suffix string) string {
	var b strings.Builder
	n += uint64(len(syllables)) // two syllables at least
	for n > 0 {
		b.WriteString(syllables[n%uint64(len(syllables))])
		n /= uint64(len(syllables))
	}
	b.WriteString(suffix)
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// growingZipf draws ranks from a Zipf distribution whose largest rank grows
// with the number of draws (Heaps' law, V = base + k·n^β), so a longer
// corpus keeps meeting words it has not seen.
type growingZipf struct {
	r     *rand.Rand
	base  float64
	k     float64
	beta  float64
	draws uint64
	imax  uint64
	z     *rand.Zipf
}

func newGrowingZipf(r *rand.Rand, base, k, beta float64) *growingZipf {
	g := &growingZipf{r: r, base: base, k: k, beta: beta}
	g.resize()
	return g
}

func (g *growingZipf) resize() {
	imax := uint64(g.base + g.k*math.Pow(float64(g.draws+1), g.beta))
	if imax != g.imax {
		g.imax = imax
		g.z = rand.NewZipf(g.r, zipfExponent, 1, imax)
	}
}

func (g *growingZipf) next() uint64 {
	g.draws++
	if g.draws&511 == 0 {
		g.resize()
	}
	return g.z.Uint64()
}

// lexicon is one word class: real words first, then pseudo-words.
type lexicon struct {
	base   []string
	suffix string
	draw   *growingZipf
	seed   uint64
	name   string
}

func (l *lexicon) word(rank uint64) string {
	if rank < uint64(len(l.base)) {
		return l.base[rank]
	}
	return pseudoWord(rank-uint64(len(l.base)), l.suffix)
}

func (l *lexicon) next() (rank uint64, word string) {
	rank = l.draw.next()
	return rank, l.word(rank)
}

// collocate returns the i-th preferred partner, in lexicon to, of the word
// with rank head in l: a fixed, seeded choice per word, so "armed convoy" or
// "border talks" recur across the corpus the way real word pairs do.
func (l *lexicon) collocate(to *lexicon, head uint64, i int) uint64 {
	h := fnv.New64a()
	h.Write([]byte(l.name))
	h.Write([]byte(to.name))
	var b [16]byte
	for j := 0; j < 8; j++ {
		b[j] = byte(head >> (8 * j))
		b[8+j] = byte(uint64(i) >> (8 * j))
	}
	h.Write(b[:])
	r := rand.New(rand.NewPCG(l.seed, h.Sum64()))
	return rand.NewZipf(r, zipfExponent, 1, 3000).Uint64()
}
