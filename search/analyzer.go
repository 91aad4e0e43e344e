package search

import (
	"bytes"
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
)

// The analysis components are registered in bleve's registry under these
// names, so an index's stored mapping can name them and be reopened.
const (
	textAnalyzer     = "coverage_text"     // passage text: folded, stop words out, stemmed
	nameAnalyzer     = "coverage_name"     // speaker names: folded, no stemming
	punctCharFilter  = "coverage_punct"    // dashes, zero-width and control characters
	foldCharFilter   = "coverage_fold"     // bleve's ASCII folding, skipped for ASCII text
	wordTokenizer    = "coverage_words"    // unicode words, plus hyphenated compounds joined
	romanTokenFilter = "coverage_roman"    // "Geneva II" -> "geneva 2"
	foldTokenFilter  = "coverage_spelling" // British -> American spelling, number commas
	stemTokenFilter  = "coverage_porter"   // bleve's Porter stemmer, remembering its stems
)

var registerOnce sync.Once

// registerAnalysis registers our components with bleve. bleve's registry is
// process-wide and refuses duplicates, so it happens once, before any index
// is created or opened.
func registerAnalysis() {
	registerOnce.Do(func() {
		must := func(err error) {
			if err != nil {
				panic(fmt.Sprintf("search: register analysis: %v", err)) // programming error
			}
		}
		must(registry.RegisterCharFilter(punctCharFilter, func(map[string]interface{}, *registry.Cache) (analysis.CharFilter, error) {
			return punctFilter{}, nil
		}))
		must(registry.RegisterCharFilter(foldCharFilter, func(map[string]interface{}, *registry.Cache) (analysis.CharFilter, error) {
			return foldFilter{inner: asciifolding.New()}, nil
		}))
		must(registry.RegisterTokenizer(wordTokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return hyphenJoiner{inner: newWordSplitter()}, nil
		}))
		must(registry.RegisterTokenFilter(romanTokenFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return romanFilter{}, nil
		}))
		must(registry.RegisterTokenFilter(foldTokenFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return spellingFilter{}, nil
		}))
		stems := newStemCache() // one for every analyzer and index of the process
		must(registry.RegisterTokenFilter(stemTokenFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return stems, nil
		}))
	})
}

// analyzerConfigs are the custom analyzers as the index mapping declares them.
func analyzerConfigs() map[string]map[string]interface{} {
	return map[string]map[string]interface{}{
		textAnalyzer: {
			"type":         custom.Name,
			"char_filters": []string{punctCharFilter, foldCharFilter},
			"tokenizer":    wordTokenizer,
			"token_filters": []string{
				en.PossessiveName, romanTokenFilter, lowercase.Name,
				foldTokenFilter, en.StopName, stemTokenFilter,
			},
		},
		nameAnalyzer: {
			"type":          custom.Name,
			"char_filters":  []string{punctCharFilter, foldCharFilter},
			"tokenizer":     wordTokenizer,
			"token_filters": []string{en.PossessiveName, lowercase.Name},
		},
	}
}

// punctFilter runs before ASCII folding: it removes zero-width and control
// characters (invisible, but they split or glue words), turns en and em
// dashes into spaces (they separate clauses, unlike a hyphen) and Unicode
// hyphens into '-'.
type punctFilter struct{}

func (punctFilter) Filter(in []byte) []byte {
	clean := true
	for i := 0; i < len(in); {
		r, n := utf8.DecodeRune(in[i:])
		if r >= utf8.RuneSelf || r < ' ' && r != '\n' && r != '\t' {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return in
	}
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); {
		r, n := utf8.DecodeRune(in[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			out = append(out, ' ')
		case isInvisible(r):
			// dropped
		case r == '\n' || r == '\t':
			out = append(out, ' ')
		case unicode.IsControl(r):
			out = append(out, ' ')
		case r == '\u2010' || r == '\u2011' || r == '\u2012' || r == '\u2212' || r == '\uFE63' || r == '\uFF0D':
			out = append(out, '-')
		case r == '\u2013' || r == '\u2014' || r == '\u2015' || r == '\u2E3A' || r == '\u2E3B':
			out = append(out, ' ')
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}

// foldFilter is bleve's ASCII folding for text that needs it. bleve's
// filter turns every input into runes with room for four each and back,
// whatever the text; on plain ASCII passages, most of them, that was a
// tenth of the indexing CPU (allocation and clearing) for no change.
type foldFilter struct{ inner analysis.CharFilter }

func (f foldFilter) Filter(in []byte) []byte {
	for _, c := range in {
		if c >= utf8.RuneSelf {
			return f.inner.Filter(in)
		}
	}
	return in
}

// isInvisible reports whether r is a zero-width or formatting character.
func isInvisible(r rune) bool {
	switch r {
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF', '\u180E':
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// hyphenJoiner wraps the Unicode word tokenizer. A hyphenated compound
// ("cease-fire", "al-Assad") yields its parts and also the joined word
// ("ceasefire", "alassad") at the last part's position, so "cease-fire",
// "ceasefire" and "cease fire" all find each other.
type hyphenJoiner struct{ inner analysis.Tokenizer }

func (h hyphenJoiner) Tokenize(input []byte) analysis.TokenStream {
	toks := h.inner.Tokenize(input)
	if bytes.IndexByte(input, '-') < 0 {
		return toks
	}
	out := make(analysis.TokenStream, 0, len(toks)+2)
	for i := 0; i < len(toks); {
		j := i
		for j+1 < len(toks) && toks[j].End+1 == toks[j+1].Start && input[toks[j].End] == '-' &&
			isWordToken(toks[j]) && isWordToken(toks[j+1]) {
			j++
		}
		out = append(out, toks[i:j+1]...)
		if j > i {
			var joined []byte
			for k := i; k <= j; k++ {
				joined = append(joined, toks[k].Term...)
			}
			out = append(out, &analysis.Token{
				Start: toks[i].Start, End: toks[j].End, Term: joined,
				Position: toks[j].Position, Type: analysis.AlphaNumeric,
			})
		}
		i = j + 1
	}
	return out
}

func isWordToken(t *analysis.Token) bool {
	r, _ := utf8.DecodeRune(t.Term)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// romanFilter turns a Roman numeral from 2 to 39 written in capitals right
// after a capitalised word ("Geneva II", "World War II") into digits, so it
// matches "Geneva 2". A lone "I" is the pronoun and is left alone.
type romanFilter struct{}

func (romanFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for i := 1; i < len(input); i++ {
		t := input[i]
		if len(t.Term) < 2 || len(t.Term) > 6 {
			continue
		}
		prev := input[i-1]
		r, _ := utf8.DecodeRune(prev.Term)
		if !unicode.IsUpper(r) || prev.Position != t.Position-1 {
			continue
		}
		if n := romanValue(t.Term); n >= 2 && n <= 39 {
			t.Term = []byte(fmt.Sprint(n))
			t.Type = analysis.Numeric
		}
	}
	return input
}

// romanValue returns the value of a canonical upper-case Roman numeral made
// of I, V and X, or 0 when s is not one.
func romanValue(s []byte) int {
	val := func(c byte) int {
		switch c {
		case 'I':
			return 1
		case 'V':
			return 5
		case 'X':
			return 10
		}
		return 0
	}
	total := 0
	for i := 0; i < len(s); i++ {
		v := val(s[i])
		if v == 0 {
			return 0
		}
		if i+1 < len(s) && val(s[i+1]) > v {
			total -= v
		} else {
			total += v
		}
	}
	// Reject non-canonical forms such as "IIII" or "VX" by round-tripping.
	if total <= 0 || total > 39 || romanString(total) != string(s) {
		return 0
	}
	return total
}

func romanString(n int) string {
	var b []byte
	for ; n >= 10; n -= 10 {
		b = append(b, 'X')
	}
	ones := []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}
	return string(b) + ones[n]
}

// spellingFilter folds spelling variants outlets differ on: British to
// American spelling, a trailing possessive apostrophe ("ministers'"), and
// thousands separators in numbers ("160,000" -> "160000").
type spellingFilter struct{}

func (spellingFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if n := len(t.Term); n > 1 && t.Term[n-1] == '\'' {
			t.Term = t.Term[:n-1]
		}
		if t.Type == analysis.Numeric || (len(t.Term) > 0 && t.Term[0] >= '0' && t.Term[0] <= '9') {
			if bytes.IndexByte(t.Term, ',') >= 0 {
				t.Term = bytes.ReplaceAll(t.Term, []byte(","), nil)
			}
			continue
		}
		if w := americanSpelling(string(t.Term)); w != string(t.Term) {
			t.Term = []byte(w)
		}
	}
	return input
}
