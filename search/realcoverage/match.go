package realcoverage

import (
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	// The "en" analyser (possessives, stop words, Porter stems) decides
	// which words a question shares with its answer.
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// fold is the form key phrases are matched in: lower case, typographic
// quotes, apostrophes and dashes as plain ones, white space collapsed.
// Answers are verbatim; only the comparison is loose about typography.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToLower(s) {
		switch r {
		case '\u2018', '\u2019', '\u02bc', '`', '\u00b4':
			r = '\''
		case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb':
			r = '"'
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
			r = '-'
		case '\u00a0', '\u202f', '\u2009':
			r = ' '
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// holds reports whether text holds one of the expected phrases.
func holds(text string, expect []string) bool {
	t := fold(text)
	for _, e := range expect {
		if e = fold(e); e != "" && strings.Contains(t, e) {
			return true
		}
	}
	return false
}

// shapeWords carry a question's shape, not its topic: they never count as
// a word shared with the answer.
var shapeWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`what who whom whose where when why how which many much long far
		did does do done is are was were be been being will would can could should has have had
		happen happen say said tell told there get got make made know`) {
		m[w] = true
	}
	return m
}()

// contentStems analyses text with bleve's English analyser and keeps the
// stems that carry topic.
func contentStems(an analysis.Analyzer, text string) map[string]bool {
	out := map[string]bool{}
	for _, tok := range an.Analyze([]byte(text)) {
		w := string(tok.Term)
		if shapeWords[w] || len(w) < 2 {
			continue
		}
		out[w] = true
	}
	return out
}

func englishAnalyzer() analysis.Analyzer {
	an, err := registry.NewCache().AnalyzerNamed("en")
	if err != nil {
		panic("realcoverage: bleve's en analyser is missing: " + err.Error())
	}
	return an
}

// sharedWords counts the content words question and answer share; a
// question sharing at most one is paraphrased.
func sharedWords(an analysis.Analyzer, question, answer string) int {
	q := contentStems(an, question)
	n := 0
	for w := range contentStems(an, answer) {
		if q[w] {
			n++
		}
	}
	return n
}

// titles precede a name without being part of it.
var titles = map[string]bool{
	"president": true, "prime": true, "minister": true, "mr": true, "mr.": true, "mrs": true, "mrs.": true,
	"ms": true, "ms.": true, "dr": true, "dr.": true, "captain": true, "capt.": true, "chancellor": true,
	"prosecutor": true, "mayor": true, "sir": true, "general": true, "gen.": true, "minister's": true,
}

// nameWords is a name's words without titles.
func nameWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(fold(name)) {
		if !titles[w] {
			out = append(out, w)
		}
	}
	return out
}

// sameSpeaker reports whether got names the person want names: the same
// surname (either end of the name, as Korean names put it first), and no
// conflicting forename when both give one.
func sameSpeaker(got, want string) bool {
	g, w := nameWords(got), nameWords(want)
	if len(g) == 0 || len(w) == 0 {
		return false
	}
	gl, wl := g[len(g)-1], w[len(w)-1]
	if gl != wl {
		return gl == w[0] || wl == g[0]
	}
	if len(g) > 1 && len(w) > 1 && g[0] != w[0] && !slices.Contains(w, g[0]) && !slices.Contains(g, w[0]) {
		// an initial may stand for the forename
		gi, wi := strings.TrimSuffix(g[0], "."), strings.TrimSuffix(w[0], ".")
		short, long := gi, wi
		if len([]rune(short)) > len([]rune(long)) {
			short, long = long, short
		}
		return len([]rune(short)) == 1 && strings.HasPrefix(long, short)
	}
	return true
}
