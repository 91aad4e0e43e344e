package search

import (
	"strings"
	"testing"
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
