package search

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
)

func TestSameAnswer(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"spelling", "We talked about a localised ceasefire beginning with Aleppo.",
			"We talked about a localized cease-fire beginning with Aleppo", true},
		{"trimmed clause", "The water came up faster than anyone had predicted, and some people simply didn't have time to get out",
			"The water came up faster than anyone had predicted", true},
		// One outlet cuts a clause out and marks the cut; the words either
		// side were never side by side, so 3-grams must not span the cut.
		{"elision", "I invited Iran today to join the community of nations... and be a constructive partner for peace",
			"I invite Iran today to join the community of nations, the 30 nations that are already prepared to come, and be a constructive partner for peace", true},
		{"elision character", "I invited Iran today to join the community of nations… and be a constructive partner for peace",
			"I invite Iran today to join the community of nations, the 30 nations that are already prepared to come, and be a constructive partner for peace", true},
		{"different statements", "We would welcome Iran participating if Iran is coming to participate for the purposes of the conference.",
			"Iran has yet to state whether or not it supports implementing the Geneva 1 communique", false},
		{"short inside long", "horrific", "reports of horrific abuses by both sides", false},
		{"only elisions", "Iran ... peace ... nations", "I invite Iran today to join the community of nations and be a constructive partner for peace", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := &candidate{text: tt.a}, &candidate{text: tt.b}
			ix.analyseCandidate(a)
			ix.analyseCandidate(b)
			if got := sameAnswer(a, b); got != tt.want {
				t.Errorf("sameAnswer(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := sameAnswer(b, a); got != tt.want {
				t.Errorf("sameAnswer is not symmetric for %q, %q", tt.a, tt.b)
			}
		})
	}
}

// TestRepeatedWordsAreOneAnswer: an article that prints the same quote
// twice gives one answer, not two alike; a file copied byte for byte
// (the same source hash) is one report of it, not a second outlet's.
func TestRepeatedWordsAreOneAnswer(t *testing.T) {
	paragraphs := []string{
		`"We will rebuild the Zentrich bridge by summer," said Mayor Oskar Fenwald.`,
		`Engineers began surveying the river banks on Sunday morning.`,
		`"We will rebuild the Zentrich bridge by summer," said Mayor Oskar Fenwald.`,
	}
	quote := handQuote{"We will rebuild the Zentrich bridge by summer", "Oskar Fenwald"}
	a := handArticle(t, "a.txt", "Valley Herald", paragraphs, quote)
	// handArticle finds a quote's first printing; the second is marked too
	second := a.Quotes[0]
	second.Start = strings.LastIndex(a.Text, quote.text)
	second.End = second.Start + len(quote.text)
	second.Paragraph, second.Sentence = 2, 2
	a.Quotes = append(a.Quotes, second)
	copied := handArticle(t, "b-copy.txt", "Valley Herald", paragraphs, quote)
	copied.Hash = "same bytes"
	a.Hash = "same bytes"
	other := handArticle(t, "c.txt", "River Post", paragraphs[:1], quote)
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix, a, copied, other)
	got := mustAnswer(t, ix, "What did Fenwald say about the bridge?")
	if len(got.Answers) != 1 {
		t.Fatalf("answers %q, want one", texts(got))
	}
	var outlets []string
	for _, r := range got.Answers[0].Reports {
		outlets = append(outlets, r.Outlet+" "+r.Article)
	}
	if len(outlets) != 2 {
		t.Errorf("reports %v, want Valley Herald once and River Post", outlets)
	}
}

// TestSameURLIsOneReport: one article saved twice (the same URL, a
// scraper run again after the outlet updated it) is one report of an
// answer, in the latest copy's words, not two reports of its outlet.
func TestSameURLIsOneReport(t *testing.T) {
	const url = "https://twice.example/a"
	saved := func(path, published, quote string) *corpus.Article {
		a := handArticle(t, path, "Twice Times", []string{
			"Floods reached the Brennock valley farms on Monday.",
			`"` + quote + `," said farmer Tom Baker.`,
		}, handQuote{quote, "Tom Baker"})
		a.URL = url
		var err error
		if a.Published, err = time.Parse(time.RFC3339, published); err != nil {
			t.Fatal(err)
		}
		return a
	}
	first := saved("first.md", "2026-03-01T00:00:00Z", "We lost everything in the water and nobody from the council came to help us")
	updated := saved("updated.md", "2026-03-01T15:00:00Z", "We lost everything in the water, and nobody from the council came to help us at all")
	other := handArticle(t, "other.md", "Valley Post", []string{
		`"We lost everything in the water and nobody from the council came to help us," said farmer Tom Baker.`,
	}, handQuote{"We lost everything in the water and nobody from the council came to help us", "Tom Baker"})
	for _, order := range [][]*corpus.Article{{first, updated, other}, {updated, first, other}} {
		ix := mustOpen(t, t.TempDir())
		mustIndexArticles(t, ix, order...)
		got := mustAnswer(t, ix, "What did Tom Baker say?")
		if len(got.Answers) != 1 {
			t.Fatalf("answers %q, want one", texts(got))
		}
		var reports []string
		for _, r := range got.Answers[0].Reports {
			reports = append(reports, r.Outlet+" "+r.Article)
			if r.Article == "updated.md" && !strings.Contains(r.Text, "at all") {
				t.Errorf("the updated copy's report says %q, want its own words", r.Text)
			}
		}
		sort.Strings(reports)
		if want := []string{"Twice Times updated.md", "Valley Post other.md"}; !reflect.DeepEqual(reports, want) {
			t.Errorf("reports %q, want %q", reports, want)
		}
	}
}
