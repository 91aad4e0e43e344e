package search

import (
	"context"
	"strings"
	"testing"
)

// TestLeadNamesTheSubject: a report names its subject in its title and
// opening sentences and says "the ship" after; a word of the question
// found only there counts at leadWeight, enough for an answer that holds
// the rest, and only in that report. (That the lead never stands in for a
// word a two-word question needs in the passage, nor for the topic of
// someone's words, is held by TestEvaluation: "What is the capital of
// France?" and "What did Wilk say about the Old Mill Bridge repairs?"
// were answered when it did.)
func TestLeadNamesTheSubject(t *testing.T) {
	seized := handArticle(t, "seized.txt", "Canal Daily", []string{
		"Egypt seized the giant container ship in a row over compensation.",
		"The owners had refused to pay the sum the canal authority demanded.",
		"Talks between the two sides went on through the spring.",
		"In the end the ship was detained for more than three months.",
		"The captain said the crew were tired but well.",
	})
	other := handArticle(t, "other.txt", "Port Times", []string{
		"A storm closed the harbour on Tuesday.",
		"Fishing boats stayed at their moorings.",
		"A cargo ship was detained for more than three days at the harbour.",
	})
	filler := handArticle(t, "filler.txt", "Sea News", []string{
		"The new season of ferries began.",
		"Ferries to the islands run every hour in summer.",
		"Tickets cost more this year.",
		"One ship was detained for a day over unpaid fees.",
		"Another ship was detained by customs.",
		"A ship is detained when its papers are wrong.",
	})
	ix := mustOpen(t, t.TempDir())
	ix.SetLexicon(nil)
	mustIndexArticles(t, ix, seized, other, filler)
	for _, tt := range []struct {
		question, want string // want "" for nothing found
		notWant        string // in no answer
	}{
		// the harbour report's passage says the same but nothing of Egypt
		{"how long was the ship detained by egypt over compensation", "more than three months", "three days"},
	} {
		res, err := ix.Answer(context.Background(), Question{Text: tt.question})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tt.want == "" && len(res.Answers) > 0:
			t.Errorf("%q: answered %q, want nothing found", tt.question, res.Answers[0].Text)
		case tt.want != "" && (len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, tt.want)):
			t.Errorf("%q: answers %+v, want %q first", tt.question, res.Answers, tt.want)
		}
		for _, a := range res.Answers {
			if tt.notWant != "" && strings.Contains(a.Text, tt.notWant) {
				t.Errorf("%q: answered %q", tt.question, a.Text)
			}
		}
	}
}
