package search

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/lang/pt"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search/internal/wordmemo"
	"github.com/coveragebot/coveragebot/search/translate"
)

// Answering across languages. A story's coverage is in several languages
// and its members ask in one: "when did they find the second black box"
// is answered only by an article saying "han hallado este jueves la
// segunda caja negra". Each content word of a question also brings its
// translations (see package translate), weighted like a synonym, so a
// passage in another language that holds them covers the question.

// Translator gives an English word's translations, with weights.
type Translator interface {
	Translate(word string) []translate.Translation
}

// translatorHolder is a translator with the analysed terms of the words
// it has translated (see newTermsMemo).
type translatorHolder struct {
	t     Translator
	terms *wordmemo.Memo[[]relatedTerm]
}

// SetTranslator sets the dictionaries questions are translated with; nil
// (the default) answers from articles in the question's language only.
func (ix *Index) SetTranslator(t Translator) {
	ix.translator.Store(&translatorHolder{t: t, terms: newTermsMemo()})
}

func (ix *Index) translatorOf() *translatorHolder {
	if h := ix.translator.Load(); h != nil && h.t != nil {
		return h
	}
	return nil
}

// maxTranslatedTerms bounds the translations one question word brings
// (only those the coverage holds count against it), apart from its
// related English words.
const maxTranslatedTerms = 12

// translated returns the analysed terms of word's translations, best
// first, without the terms word itself gives (own). The slice is shared:
// callers copy before changing it.
func (ix *Index) translated(word string, own []string) []relatedTerm {
	h := ix.translatorOf()
	if h == nil {
		return nil
	}
	return h.terms.Get(termsKey(word, own), func() []relatedTerm { return ix.analyseTranslations(h.t, word, own) })
}

// analyseTranslations turns word's translations into analysed terms.
func (ix *Index) analyseTranslations(t Translator, word string, own []string) []relatedTerm {
	skip := map[string]bool{}
	for _, o := range own {
		skip[o] = true
	}
	best := map[string]float64{}
	var order []string
	for _, tr := range t.Translate(word) {
		if w := strings.ToLower(tr.Word); utf8.RuneCountInString(w) <= littleWordMax && foreignStopWord(tr.Lang, w) {
			// "besides" is French "sur" among its senses: a little word
			// every French passage holds, whatever it says
			continue
		}
		toks := ix.an.text.Analyze([]byte(tr.Word))
		if len(toks) != 1 {
			continue
		}
		term := string(toks[0].Term)
		if skip[term] || len(term) < 3 {
			continue
		}
		if _, ok := best[term]; !ok {
			order = append(order, term)
		}
		best[term] = max(best[term], tr.Weight)
	}
	out := make([]relatedTerm, 0, len(order))
	for _, term := range order {
		out = append(out, relatedTerm{term: term, weight: best[term], foreign: true})
	}
	return out
}

// littleWordMax is the longest stop word (in letters) a translation is
// dropped for: the stop lists' little words (sur, été, meer, sobre) match
// every passage of their language, while their longer entries are
// auxiliary verbs' forms that are nouns too (Spanish "estados", as in
// Estados Unidos, is a form of estar).
const littleWordMax = 5

// withTranslations adds translated to related, keeping related's order
// best first (relatedIn takes the first a passage holds).
func withTranslations(related, translated []relatedTerm) []relatedTerm {
	if len(translated) == 0 {
		return related
	}
	out := append(append([]relatedTerm(nil), related...), translated...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].weight > out[j].weight })
	return out
}

// otherLanguageWeight is what a passage in another language than the
// question's keeps of its score.
const otherLanguageWeight = 0.8

// translatedMatch is what a translation counts for in a passage of its
// language: the dictionary gives senses a question may not mean.
const translatedMatch = 0.9

// inOtherLanguage reports whether c's article is in a language other than
// English, the language questions are asked and analysed in.
func inOtherLanguage(c *candidate) bool {
	l := articleLanguage(c.article)
	return l != "" && l != "en"
}

// articleLanguage is an article's language without its region ("en-GB"
// is "en"); "" when unknown.
func articleLanguage(a *corpus.Article) string {
	l, _, _ := strings.Cut(strings.ToLower(a.Language), "-")
	return l
}

// falseFriend reports whether g's word, or one of the terms it matches,
// is a stop word of c's language (foreign is inOtherLanguage(c)): then
// only g's translations count in c. The terms matter too: "died" is
// stemmed "di", Italian's "of", so "did anybody die" matched every
// Italian sentence.
func falseFriend(c *candidate, g termGroup, foreign bool) bool {
	if !foreign {
		return false
	}
	lang := articleLanguage(c.article)
	if foreignStopWord(lang, strings.ToLower(g.word)) {
		return true
	}
	for _, t := range g.terms {
		if foreignStopWord(lang, t) {
			return true
		}
	}
	return false
}

// False friends. Passages of every language are analysed as English, so
// an English question word that is a little word of another language
// matches everything printed in it: "did anybody die" is answered by a
// German sentence for its article "die", "where did they come from" by
// Italian's "come" (how). In a passage of another language, a question
// word that is one of that language's stop words counts for nothing.

var (
	stopWordsOnce sync.Once
	stopWords     map[string]analysis.TokenMap // by ISO 639-1 code
)

// foreignStopWord reports whether word (lower case) is a stop word of the
// language lang (an ISO 639-1 code).
func foreignStopWord(lang, word string) bool {
	stopWordsOnce.Do(func() {
		stopWords = map[string]analysis.TokenMap{}
		for code, list := range map[string][]byte{
			"de": de.GermanStopWords, "fr": fr.FrenchStopWords, "es": es.SpanishStopWords,
			"it": it.ItalianStopWords, "pt": pt.PortugueseStopWords, "nl": nl.DutchStopWords,
			"no": no.NorwegianStopWords, "ro": ro.RomanianStopWords,
		} {
			tm := analysis.NewTokenMap()
			if err := tm.LoadBytes(list); err == nil {
				stopWords[code] = tm
			}
		}
	})
	_, ok := stopWords[lang][word]
	return ok
}
