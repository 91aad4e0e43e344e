package search

import (
	"fmt"
	"strings"
	"testing"
)

// TestQuotedWordsAreAPhrase: quoted words in a question are looked for as
// they stand, in order, before the passages that merely hold them.
func TestQuotedWordsAreAPhrase(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix,
		handArticle(t, "a/1.txt", "Harbour Gazette", []string{
			`"Nobody wants the union talks to fail," Berg said on Monday at the harbour office after a long meeting.`,
		}, handQuote{"Nobody wants the union talks to fail,", "Berg"}),
		handArticle(t, "b/1.txt", "Valley Courier", []string{
			"Talks fail, talks fail: nobody wants the union, the mayor said.",
		}),
	)
	tests := []struct {
		question, want string
	}{
		{`Who said "nobody wants the union talks to fail"?`, "Nobody wants the union talks to fail"},
		{`Who said “nobody wants the union talks to fail”?`, "Nobody wants the union talks to fail"},
		// Misquoted: no passage has the words in that order, so the
		// words alone still find the passages that hold them.
		{`Who said "the union talks nobody wants to fail"?`, ""},
	}
	for _, tt := range tests {
		got := mustAnswer(t, ix, tt.question)
		if len(got.Answers) == 0 {
			t.Errorf("%s: no answers", tt.question)
			continue
		}
		if tt.want != "" && !strings.Contains(got.Answers[0].Text, tt.want) {
			t.Errorf("%s: top answer %q, want the passage with %q", tt.question, got.Answers[0].Text, tt.want)
		}
		if tt.want != "" && len(got.Answers) != 1 {
			t.Errorf("%s: %d answers, want only the one with the quoted words", tt.question, len(got.Answers))
		}
	}
}

// TestPhraseInOrderRanksFirst: of two passages holding the same words, the
// one with the question's adjacent words side by side comes first.
func TestPhraseInOrderRanksFirst(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix,
		// Same words, same length; ties would go to a/1.txt.
		handArticle(t, "a/1.txt", "Harbour Gazette", []string{"Union at harbour: pay talks."}),
		handArticle(t, "b/1.txt", "Valley Courier", []string{"Harbour union: pay talks."}),
	)
	got := mustAnswer(t, ix, "harbour union pay")
	if len(got.Answers) != 2 {
		t.Fatalf("%d answers, want 2", len(got.Answers))
	}
	if !strings.HasPrefix(got.Answers[0].Text, "Harbour union") {
		t.Errorf("top answer %q, want the one saying \"harbour union\"", got.Answers[0].Text)
	}
}

// TestLooseQueryPastBudgetKeepsRarestWord: when passages with every
// content word are too few, passages with most of them are looked at too;
// past the loose budget only those holding the question's rarest word.
func TestLooseQueryPastBudgetKeepsRarestWord(t *testing.T) {
	paragraphs := []string{
		"The ferry to Westport sailed late.",      // rare + one frequent word
		"The ferry strike closed the port again.", // two frequent words, not the rare one
		"A strike was called at the shipyard.",    // filler: frequent words apart
		"The ferry timetable changed in the spring.",
	}
	for i := range 8 {
		paragraphs = append(paragraphs, fmt.Sprintf("Strike number %d was short.", i), fmt.Sprintf("Ferry number %d was full.", i))
	}
	question := "ferry strike Westport"
	for _, tt := range []struct {
		name     string
		budgets  planBudgets
		wantPort bool // the passage without "Westport" among the answers
	}{
		{"within budget", defaultBudgets, true},
		{"past budget", planBudgets{phrase: defaultBudgets.phrase, loose: 0}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix := mustOpen(t, t.TempDir())
			ix.budgets = tt.budgets
			mustIndexArticles(t, ix, handArticle(t, "a/1.txt", "Harbour Gazette", paragraphs))
			got := mustAnswer(t, ix, question)
			var westport, port bool
			for _, a := range got.Answers {
				westport = westport || strings.Contains(a.Text, "Westport")
				port = port || strings.Contains(a.Text, "closed the port")
			}
			if !westport {
				t.Errorf("answers %v: want the passage with Westport", got.Answers)
			}
			if port != tt.wantPort {
				t.Errorf("passage without the rarest word answered: %v, want %v", port, tt.wantPort)
			}
		})
	}
}
