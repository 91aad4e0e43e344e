package search

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/corpus"
)

// A figure is a number with what it counts: "more than 100,000 people" with
// the verb that says what happened to them ("killed"). Figures are compared
// only like with like — the same kind of event and the same counted noun —
// so "160,000 people trapped" never argues with "130,000 people killed".

// figureToken is a word of a sentence with its byte offsets in the sentence.
type figureToken struct {
	text       string // lowercase
	start, end int
}

func figureTokens(s string) []figureToken {
	var toks []figureToken
	start := -1
	for i, r := range s {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !inWord && start >= 0 && (r == ',' || r == '.' || r == '-' || r == '\'' || r == '’') {
			// Keep "130,000", "2.5" and "three-year" whole when a letter or
			// digit follows.
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if i+utf8.RuneLen(r) < len(s) && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
				continue
			}
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			toks = append(toks, figureToken{text: strings.ToLower(s[start:i]), start: start, end: i})
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, figureToken{text: strings.ToLower(s[start:]), start: start, end: len(s)})
	}
	return toks
}

var figureNumberWords = map[string]float64{
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12,
}

var figureScales = map[string]float64{"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}

// figureOthers before a figure make it a count of the rest ("the other
// 149", "another 30", "the remaining 12", "further 20").
var figureOthers = map[string]bool{"other": true, "another": true, "remaining": true, "further": true, "additional": true}

// figureQualifiers are the hedges an outlet puts before a figure, longest
// first so "more than" wins over "more".
var figureQualifiers = [][]string{
	{"as", "many", "as"}, {"more", "than"}, {"fewer", "than"}, {"less", "than"},
	{"at", "least"}, {"up", "to"}, {"an", "estimated"}, {"over"}, {"nearly"},
	{"almost"}, {"about"}, {"around"}, {"some"}, {"roughly"}, {"approximately"},
	{"estimated"}, {"just"},
}

// figureEvents maps a verb (or event noun) to the kind of event a figure
// counts.
var figureEvents = map[string]string{
	"killed": "killed", "kill": "killed", "killing": "killed", "died": "killed", "dead": "killed",
	"deaths": "killed", "death": "killed", "toll": "killed", "perished": "killed", "claimed": "killed",
	"lives": "killed", "fatalities": "killed",
	"injured": "injured", "wounded": "injured", "hurt": "injured",
	"trapped": "trapped", "besieged": "trapped", "stranded": "trapped",
	"displaced": "displaced", "fled": "displaced", "evacuated": "displaced", "homeless": "displaced",
	"refugees":  "displaced",
	"rescued":   "rescued",
	"destroyed": "destroyed", "demolished": "destroyed", "razed": "destroyed",
	"damaged": "damaged", "flooded": "flooded",
	"arrested": "arrested", "detained": "detained", "missing": "missing",
}

// figureNouns folds counted nouns that mean the same thing.
var figureNouns = map[string]string{
	"people": "people", "persons": "people", "person": "people", "civilians": "people",
	"lives": "people", "residents": "people", "dead": "people", "deaths": "people",
	"fatalities": "people", "refugees": "people", "victims": "people",
	"homes": "homes", "houses": "homes", "properties": "homes", "dwellings": "homes",
}

// figureSkipNouns are units a figure may carry that are never a disputed
// count of the story (time spans, distances).
var figureSkipNouns = map[string]bool{
	"year": true, "years": true, "month": true, "months": true, "week": true, "weeks": true,
	"day": true, "days": true, "hour": true, "hours": true, "minute": true, "minutes": true,
	"mile": true, "miles": true, "km": true, "kilometres": true, "kilometers": true, "metres": true,
	"meters": true, "mm": true, "cm": true, "per": true, "percent": true, "am": true, "pm": true,
}

var figureMonths = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// figureFillers may stand between a figure and its noun ("140 more homes").
var figureFillers = map[string]bool{"more": true, "other": true, "further": true, "additional": true, "new": true}

// figureMention is a figure found in an article.
type figureMention struct {
	Figure
	event, noun string
}

func (m figureMention) key() string { return m.noun + " " + m.event }

func figureValue(tok string) (float64, bool) {
	if v, ok := figureNumberWords[tok]; ok {
		return v, true
	}
	if tok == "" || tok[0] < '0' || tok[0] > '9' {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(tok, ",", ""), 64)
	return v, err == nil
}

// articleFigures returns every counted figure in an article's sentences.
func articleFigures(a *corpus.Article) []figureMention {
	var out []figureMention
	for _, s := range a.Sentences {
		if s.Start < 0 || s.End > len(a.Text) || s.Start >= s.End {
			continue
		}
		text := a.Text[s.Start:s.End]
		toks := figureTokens(text)
		for i := range toks {
			m, ok := figureAt(text, toks, i)
			if !ok {
				continue
			}
			m.Sentence = text
			m.Start += s.Start
			m.End += s.Start
			m.Outlet, m.URL, m.Published, m.ArticleID = a.Outlet, a.URL, a.Published, a.ID
			out = append(out, m)
		}
	}
	return out
}

// figureAt reads the figure whose number is toks[i], if it is one.
func figureAt(text string, toks []figureToken, i int) (figureMention, bool) {
	var m figureMention
	value, ok := figureValue(toks[i].text)
	if !ok {
		return m, false
	}
	// Money, dates and years are not counts of the story.
	if toks[i].start > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:toks[i].start])
		if unicode.Is(unicode.Sc, prev) {
			return m, false
		}
	}
	if i > 0 && figureMonths[toks[i-1].text] || i+1 < len(toks) && figureMonths[toks[i+1].text] {
		return m, false
	}
	if !strings.Contains(toks[i].text, ",") && value >= 1800 && value <= 2100 && value == float64(int(value)) {
		return m, false
	}
	if i > 0 && figureOthers[toks[i-1].text] {
		// "killing himself and the other 149 people on board": the others
		// besides someone, not the toll, which another outlet gives whole
		// (150) and which must not read as a disagreement
		return m, false
	}
	first, last := i, i
	// Qualifier before the number.
	for _, q := range figureQualifiers {
		if i-len(q) < 0 {
			continue
		}
		match := true
		for k, w := range q {
			if toks[i-len(q)+k].text != w {
				match = false
				break
			}
		}
		if match {
			first = i - len(q)
			m.Qualifier = text[toks[first].start:toks[i-1].end]
			break
		}
	}
	// Scale after the number: "2.5 million".
	if last+1 < len(toks) {
		if sc, ok := figureScales[toks[last+1].text]; ok {
			value *= sc
			last++
		}
	}
	// The counted noun: after the number, else "the number of homes … at 12"
	// or "the death toll … at 130,000" before it.
	noun := ""
	for k := last + 1; k < len(toks) && k <= last+2; k++ {
		w := toks[k].text
		if figureFillers[w] && k == last+1 {
			continue
		}
		if figureSkipNouns[w] {
			return m, false
		}
		if _, known := figureNouns[w]; known {
			if text[toks[k-1].end:toks[k].start] == " " {
				noun, last = w, k
			}
			break
		}
		if _, isNum := figureValue(w); isNum || storyStopwords[w] || strings.HasSuffix(w, "ed") || figureEvents[w] != "" && figureNouns[w] == "" {
			break
		}
		if text[toks[k-1].end:toks[k].start] != " " {
			break // "12, the" is not "12 the"
		}
		noun, last = w, k
		break
	}
	if noun == "" {
		for k := first - 1; k >= 0 && k >= first-8; k-- {
			if toks[k].text == "toll" {
				noun = "people"
				m.event = "killed"
				break
			}
			if toks[k].text == "of" && k > 0 && (toks[k-1].text == "number" || toks[k-1].text == "total") && k+1 < first {
				noun = toks[k+1].text
				break
			}
		}
	}
	if noun == "" || figureSkipNouns[noun] {
		return m, false
	}
	evAt := -1 // where the event word stands, when known
	if n, ok := figureNouns[noun]; ok {
		if noun == "lives" || noun == "dead" || noun == "deaths" || noun == "fatalities" {
			m.event, evAt = "killed", last
		}
		noun = n
	}
	if m.event == "" {
		m.event, evAt = figureNearestEvent(toks, first, last)
	}
	if m.event == "" {
		return m, false
	}
	if k := evAt + 1; evAt >= 0 && k+1 < len(toks) && toks[k].text == "or" {
		// "more than 300 dead or missing" counts another measure than
		// "286 killed": the two must not read as a disagreement
		if e := figureEvents[toks[k+1].text]; e != "" && e != m.event {
			m.event += " or " + e
		}
	}
	m.noun = noun
	m.Value = value
	m.Start, m.End = toks[first].start, toks[last].end
	m.Text = text[m.Start:m.End]
	return m, true
}

// figureNearestEvent finds the event verb nearest the figure toks[first:last+1],
// preferring the one before it on a tie ("has killed 130,000 people and
// displaced millions" counts the killed).
func figureNearestEvent(toks []figureToken, first, last int) (event string, at int) {
	const window = 6
	for d := 1; d <= window; d++ {
		if k := first - d; k >= 0 {
			if e := figureEvents[toks[k].text]; e != "" {
				return e, k
			}
		}
		if k := last + d; k < len(toks) {
			if e := figureEvents[toks[k].text]; e != "" {
				return e, k
			}
		}
	}
	return "", -1
}

// storyDisagreements compares the figures of a story's articles claim by
// claim and keeps the claims outlets give different figures for.
func storyDisagreements(docs []*storyDoc) []Disagreement {
	type claim struct {
		key     string
		label   string
		figures []figureMention // first mention per article
		values  map[string]map[float64]bool
	}
	var claims []*claim
	byKey := make(map[string]*claim)
	for _, d := range docs {
		for _, m := range articleFigures(d.a) {
			c := byKey[m.key()]
			if c == nil {
				c = &claim{key: m.key(), label: m.noun + " " + m.event, values: make(map[string]map[float64]bool)}
				byKey[m.key()] = c
				claims = append(claims, c)
			}
			if c.values[m.ArticleID] == nil {
				c.values[m.ArticleID] = make(map[float64]bool)
				c.figures = append(c.figures, m)
			}
			c.values[m.ArticleID][m.Value] = true
		}
	}
	var out []Disagreement
	for _, c := range claims {
		if !figuresDisagree(c.figures, c.values) {
			continue
		}
		dis := Disagreement{Claim: c.label}
		for _, f := range c.figures {
			dis.Figures = append(dis.Figures, f.Figure)
		}
		out = append(out, dis)
	}
	return out
}

// figureMaxRatio bounds how far apart two figures for one claim may be and
// still be estimates of the same thing: "5 people killed" in today's attack
// and "130,000 killed" in the war are different counts, not a dispute.
const figureMaxRatio = 5

func figuresComparable(a, b float64) bool {
	lo, hi := min(a, b), max(a, b)
	return lo > 0 && hi/lo <= figureMaxRatio
}

// figuresDisagree reports whether two articles from different outlets give
// different figures for a claim, where neither article also prints the
// other's figure (then the two numbers count different things, e.g. a day's
// toll and the war's).
func figuresDisagree(figs []figureMention, values map[string]map[float64]bool) bool {
	for i, a := range figs {
		for _, b := range figs[i+1:] {
			if a.Value == b.Value || !figuresComparable(a.Value, b.Value) {
				continue
			}
			sameOutlet := a.Outlet == b.Outlet && a.Outlet != "" && a.Outlet != "unknown"
			if sameOutlet {
				continue
			}
			if values[a.ArticleID][b.Value] || values[b.ArticleID][a.Value] {
				continue
			}
			return true
		}
	}
	return false
}

// moneyRE finds a sum of money: a figure with a currency's sign or
// code beside it, or a currency's name, in the languages coverage comes
// in ("$916m", "900 millions d'euros", "25.000 Euro", "USD 550").
var moneyRE = regexp.MustCompile(`(?i)[$€£¥]\s?\d|\d\s?[$€£¥]|\b(?:usd|eur|gbp)\b|\b(?:euros?|dollars?|pounds? sterling|yen|dólar(?:es)?|dollari|dollaro|reais|francs?)\b`)
