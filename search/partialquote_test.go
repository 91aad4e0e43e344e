package search

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPartialQuoteAnswersWithItsSentence: a fragment quoted inside the
// reporter's sentence is answered with the whole sentence, never alone; a
// speaker's quotes still list it.
func TestPartialQuoteAnswersWithItsSentence(t *testing.T) {
	const sentence = `Mayor Ruth Calloway said on Thursday that the bridge would be restored in a way that was "as true as possible" to its "complete, coherent and last known state."`
	fsys := fstest.MapFS{
		"bridge.txt": {Data: []byte("---\nsource: Ashby Echo\nlanguage: en\n---\nOld Mill Bridge to be restored\n\n" + sentence + "\n\nThe council will vote on the budget next month after a public consultation.\n")},
	}
	ctx := context.Background()
	ix := mustOpen(t, t.TempDir())
	ix.SetLexicon(nil)
	if _, err := ix.Update(ctx, fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	a, err := ix.Article(ctx, "bridge.txt")
	if err != nil {
		t.Fatal(err)
	}
	partial := false
	for _, q := range a.Quotes {
		partial = partial || q.Partial && strings.Contains(a.Text[q.Start:q.End], "last known state")
	}
	if !partial {
		t.Fatalf("the corpus no longer reads %q as a partial quote: quotes %+v", "complete, coherent and last known state", a.Quotes)
	}
	for _, question := range []string{"was it the last known state", "complete and coherent"} {
		res, err := ix.Answer(ctx, Question{Text: question})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Answers) == 0 || res.Answers[0].Text != sentence {
			t.Errorf("%q: answers %+v, want the whole sentence first", question, res.Answers)
		}
	}
	res, err := ix.Answer(ctx, Question{Text: "last known state", Speaker: "Ruth Calloway"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, "last known state") {
		t.Errorf("her quotes: %+v, want the fragment listed", res.Answers)
	}
}
