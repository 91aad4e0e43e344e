package search

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
)

func mustMappingAnalyzers(tb testing.TB) analyzers {
	tb.Helper()
	m, err := newMapping()
	if err != nil {
		tb.Fatal(err)
	}
	return analyzers{text: m.AnalyzerNamed(textAnalyzer), name: m.AnalyzerNamed(nameAnalyzer)}
}

func terms(an analyzers, s string) string {
	var out []string
	for _, t := range an.text.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return strings.Join(out, " ")
}

// TestAnalyzerFoldsVariants checks that the variants outlets differ on
// analyse to the same terms.
func TestAnalyzerFoldsVariants(t *testing.T) {
	an := mustMappingAnalyzers(t)
	tests := []struct{ a, b string }{
		{"a localised ceasefire", "a localized ceasefire"},
		{"organised talks", "organized talks"},
		{"the organisation", "the organization"},
		{"honoured", "honored"},
		{"colourful neighbourhood", "colorful neighborhood"},
		{"favourite", "favorite"},
		{"analysed", "analyzed"},
		{"analysing", "analyzing"},
		{"catalogue", "catalog"},
		{"city centre", "city center"},
		{"travelled", "traveled"},
		{"defence", "defense"},
		{"scepticism", "skepticism"},
		{"programme", "program"},
		{"much-publicised", "much-publicized"},
		{"authorised", "authorized"},
		{"cease-fire", "ceasefire"},
		{"Geneva II", "Geneva 2"},
		{"World War II", "World War 2"},
		{"“curly” quotes", `"curly" quotes`},
		{"Russia’s support", "Russia's support"},
		{"Russia's support", "Russia support"},
		{"the ministers' talks", "the ministers talks"},
		{"Café Zürich", "Cafe Zurich"},
		{"160,000 people", "160000 people"},
		{"zero\u200bwidth", "zerowidth"},
		{"soft\u00adhyphen", "softhyphen"},
		{"non\u2011breaking", "non-breaking"},
		{"THE TALKS", "the talks"},
	}
	for _, tt := range tests {
		got, want := terms(an, tt.a), terms(an, tt.b)
		if got == "" || !strings.Contains(" "+got+" ", " "+lastWord(want)+" ") {
			t.Errorf("%q -> %q; %q -> %q: want the same terms", tt.a, got, tt.b, want)
		}
	}
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return "\x00"
	}
	return f[len(f)-1]
}

// TestAnalyzerKeepsWordsApart checks folds that must not happen.
func TestAnalyzerKeepsWordsApart(t *testing.T) {
	an := mustMappingAnalyzers(t)
	tests := []struct{ a, b string }{
		{"hour", "hor"},
		{"four", "for"},
		{"detour", "detor"},
		{"advise", "advize"},
		{"surprise", "surprize"},
		{"exercise", "exercize"},
		{"I said", "1 said"},
		{"geneva ii", "geneva 2"}, // roman numerals only after a capitalised word, in capitals
		{"filled", "filed"},
	}
	for _, tt := range tests {
		if got, other := terms(an, tt.a), terms(an, tt.b); got == other && got != "" {
			t.Errorf("%q and %q both analyse to %q", tt.a, tt.b, got)
		}
	}
}

func TestHyphenJoinKeepsParts(t *testing.T) {
	an := mustMappingAnalyzers(t)
	got := terms(an, "Bashar al-Assad")
	for _, want := range []string{"assad", "alassad", "bashar"} {
		if !strings.Contains(" "+got+" ", " "+want+" ") {
			t.Errorf("al-Assad -> %q, want %q among the terms", got, want)
		}
	}
}

func TestAmericanSpelling(t *testing.T) {
	tests := map[string]string{
		"localised": "localized", "localise": "localize", "localising": "localizing",
		"organisation": "organization", "organisations": "organizations",
		"honour": "honor", "honours": "honors", "honourable": "honorable",
		"labourers": "laborers", "behaviour": "behavior", "rumours": "rumors",
		"paralyse": "paralyze", "dialogue": "dialog", "monologues": "monologs",
		"theatre": "theater", "fibre": "fiber", "centred": "centered",
		"cancelled": "canceled", "modelling": "modeling",
		"hour": "hour", "your": "your", "tour": "tour", "contour": "contour",
		"advise": "advise", "promise": "promise", "rise": "rise", "otherwise": "otherwise",
		"precise": "precise", "enterprise": "enterprise", "noise": "noise",
		"praise": "praise", "bruise": "bruise", "expertise": "expertise",
		"criticise": "criticize", "categorised": "categorized",
		"rogue": "rogue", "vogue": "vogue", "macabre": "macabre",
		"killed": "killed", "controlled": "controlled",
	}
	for in, want := range tests {
		if got := americanSpelling(in); got != want {
			t.Errorf("americanSpelling(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRomanValue(t *testing.T) {
	tests := map[string]int{"II": 2, "III": 3, "IV": 4, "IX": 9, "XIV": 14, "XXXIX": 39, "IIII": 0, "VX": 0, "I": 1, "MD": 0, "ii": 0}
	for in, want := range tests {
		if got := romanValue([]byte(in)); got != want {
			t.Errorf("romanValue(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestFoldFilterMatchesBleve checks that skipping ASCII text changes
// nothing: every input folds exactly as bleve's own filter folds it.
func TestFoldFilterMatchesBleve(t *testing.T) {
	bleveFold := asciifolding.New()
	ours := foldFilter{inner: bleveFold}
	for _, in := range []string{
		"", "plain ASCII text, 160,000 people.", "Café Zürich", "“curly” quotes’", "naïve coöperation",
		"emoji 🙂 stays", "ß and æ", "\x00control", "Ærø", "mixed ASCII then é",
	} {
		want := string(bleveFold.Filter([]byte(in)))
		if got := string(ours.Filter([]byte(in))); got != want {
			t.Errorf("fold(%q) = %q, bleve folds to %q", in, got, want)
		}
	}
}
