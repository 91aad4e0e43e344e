package search

import (
	"context"
	"strings"
	"testing"
)

// TestSayWhenAsksForTheWords: "what did the pinaults say when they pledged
// their money" is answered by the family's quote, which names neither the
// pledge nor the money; the family is named by its surname in the plural.
func TestSayWhenAsksForTheWords(t *testing.T) {
	a := handArticle(t, "a.txt", "The Daily", []string{
		"Francois Pinault pledged the money for the cathedral on Monday night.",
		"It is certainly vulgar to make a gesture and then promote it, but the idea was to generate others.",
		"The mayor said the city would match every euro given.",
	}, handQuote{"It is certainly vulgar to make a gesture and then promote it, but the idea was to generate others.", "Francois Pinault"},
		handQuote{"The mayor said the city would match every euro given.", ""})
	ix := mustOpen(t, t.TempDir())
	ix.SetLexicon(nil)
	mustIndexArticles(t, ix, a)
	for _, q := range []string{
		"what did the pinaults say when they pledged their money",
		"what did the pinaults tell them after they pledged their money",
	} {
		res, err := ix.Answer(context.Background(), Question{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, "certainly vulgar") {
			t.Errorf("%q: answers %+v, want the Pinault quote first", q, res.Answers)
		}
	}
}

// TestSayOccasionOnlyForTheWords: a clause after "say when" is the
// occasion only when the question asks for the words; otherwise it is
// the topic, and every word of it counts.
func TestSayOccasionOnlyForTheWords(t *testing.T) {
	for _, tt := range []struct {
		question string
		optional bool // whether the clause's words are optional
	}{
		{"what did the pinaults say when they pledged their money", true},
		{"how did the captain explain himself after he was arrested", false}, // "explain" is no say word
		{"did macron say when notre dame would reopen", false},
		{"what did police say about when the ship sank", false},
	} {
		lower := strings.Fields(tt.question)
		optional := map[int]bool{}
		sayOccasion(lower, optional)
		if got := len(optional) > 0; got != tt.optional {
			t.Errorf("sayOccasion(%q) marks %v, want optional %v", tt.question, optional, tt.optional)
		}
	}
}
