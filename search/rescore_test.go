package search

import (
	"strings"
	"testing"

	"github.com/coveragebot/coveragebot/corpus"
)

// bridgeArticles say what members ask about in other words than theirs.
func bridgeArticles(tb testing.TB) []*corpus.Article {
	return []*corpus.Article{
		handArticle(tb, "echo/1.txt", "Ashby Echo", []string{
			"The storm that hit the coast on Tuesday killed 12 people, officials said.",
			"Crews worked through the night to reopen the coast road.",
			"The council will hold a vote on the flood barrier next month.",
			"Residents of the harbour district were told to leave their homes.",
			"The evacuation order was lifted on Friday.",
		}),
	}
}

// TestRelatedWordsFindParaphrasedAnswers: a question in a member's words
// finds the sentence in the article's words through the lexicon, and only
// through it: without bridging the same question is declined.
func TestRelatedWordsFindParaphrasedAnswers(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix, bridgeArticles(t)...)
	for _, tt := range []struct{ question, want string }{
		{"How many people died?", "killed 12 people"},
		{"When is the ballot on the barrier?", "hold a vote"},
	} {
		got := mustAnswer(t, ix, tt.question)
		if len(got.Answers) == 0 || !strings.Contains(got.Answers[0].Text, tt.want) {
			t.Errorf("%q: got %q, want the sentence holding %q first", tt.question, texts(got), tt.want)
		}
	}
	ix.SetLexicon(nil)
	if got := mustAnswer(t, ix, "How many people died?"); len(got.Answers) > 0 && strings.Contains(got.Answers[0].Text, "killed") {
		t.Errorf("without bridging, %q still found %q: the test does not test bridging", "How many people died?", texts(got))
	}
}

// TestWindowFindsAnswerSplitOverTwoSentences: the question's words are in
// two neighbouring sentences; the answer shown is one of them, not both.
func TestWindowFindsAnswerSplitOverTwoSentences(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix, bridgeArticles(t)...)
	got := mustAnswer(t, ix, "When was the harbour district evacuation order lifted?")
	if len(got.Answers) == 0 || !strings.Contains(got.Answers[0].Text, "lifted on Friday") {
		t.Fatalf("got %q, want the sentence saying when it was lifted", texts(got))
	}
	if strings.Contains(got.Answers[0].Text, "Residents") {
		t.Errorf("answer %q holds the neighbouring sentence: windows are for finding, not showing", got.Answers[0].Text)
	}
}

// TestUnrelatedQuestionIsDeclined: sharing one common word with the
// coverage is not an answer.
func TestUnrelatedQuestionIsDeclined(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix, bridgeArticles(t)...)
	for _, q := range []string{"How much did the new stadium cost?", "Who won the storm photography prize?"} {
		if got := mustAnswer(t, ix, q); len(got.Answers) > 0 {
			t.Errorf("%q answered with %q, want nothing", q, texts(got))
		}
	}
}
