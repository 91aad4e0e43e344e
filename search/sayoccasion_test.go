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
