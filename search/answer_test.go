package search

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
)

func harbourIndex(tb testing.TB) *Index {
	tb.Helper()
	ix := mustOpen(tb, tb.TempDir())
	mustIndexArticles(tb, ix, harbourArticles(tb)...)
	return ix
}

func TestAnswerGroupsOneQuoteAcrossOutlets(t *testing.T) {
	ix := harbourIndex(t)
	got := mustAnswer(t, ix, "What did Ruiz say about a localized truce?")
	if len(got.Answers) == 0 {
		t.Fatal("no answers")
	}
	top := got.Answers[0]
	if !top.Quote || !strings.Contains(top.Text, "truce") {
		t.Fatalf("top answer %+v, want the truce quote", top)
	}
	var outlets []string
	for _, r := range top.Reports {
		outlets = append(outlets, r.Outlet)
	}
	if len(outlets) != 2 || outlets[0] == outlets[1] {
		t.Errorf("outlets %q, want Harbour Gazette and Valley Courier in one answer", outlets)
	}
	if top.Speaker != "Ana Ruiz" {
		t.Errorf("speaker %q, want the most specific name %q", top.Speaker, "Ana Ruiz")
	}
	for _, a := range got.Answers[1:] {
		if strings.Contains(a.Text, "localised truce") || strings.Contains(a.Text, "localized truce") {
			t.Errorf("the truce quote came back twice: %q", a.Text)
		}
	}
}

func TestAnswerIsVerbatim(t *testing.T) {
	ix := harbourIndex(t)
	for _, q := range []string{"What did Ruiz say about a truce?", "How many dock workers are at home?", "Who wants the shipping ban lifted?"} {
		for _, a := range mustAnswer(t, ix, q).Answers {
			for _, r := range a.Reports {
				art, err := ix.Article(context.Background(), r.ArticleID)
				if err != nil {
					t.Fatal(err)
				}
				if art.Text[r.Start:r.End] != r.Text {
					t.Errorf("%q: report %q is not its article's text at %d:%d", q, r.Text, r.Start, r.End)
				}
			}
			if a.Text != a.Reports[0].Text {
				t.Errorf("%q: answer text %q is not its first report's", q, a.Text)
			}
		}
	}
}

func TestAnswerFacts(t *testing.T) {
	ix := harbourIndex(t)
	tests := []struct{ question, want string }{
		{"How many dock workers are staying at home?", "4,000"},
		{"Where will the Harbour 2 talks start?", "Westport"},
		{"Who wants the shipping ban lifted?", "Britain and France"},
		{"What did Berg say about the ferry offer?", "pudding"},
		{"Would the mayor welcome the union?", "welcome the union"},
	}
	for _, tt := range tests {
		got := mustAnswer(t, ix, tt.question)
		if len(got.Answers) == 0 || !strings.Contains(got.Answers[0].Text, tt.want) {
			t.Errorf("%q: top answer %v, want one holding %q", tt.question, texts(got), tt.want)
		}
	}
}

func TestAnswerNothingFound(t *testing.T) {
	ix := harbourIndex(t)
	for _, q := range []string{
		"What did the two leaders say about the football world cup?",
		"What is the price of bread in Westport bakeries?",
		"Who won the election?",
		"What?",
	} {
		if got := mustAnswer(t, ix, q); len(got.Answers) != 0 {
			t.Errorf("%q: got %v, want no answers", q, texts(got))
		}
	}
}

func TestAnswerSpeakerBySurname(t *testing.T) {
	ix := harbourIndex(t)
	for _, q := range []string{"What did Berg say?", "what did berg say", "What were Berg's words?"} {
		got := mustAnswer(t, ix, q)
		if len(got.Answers) == 0 || got.Answers[0].Speaker != "Berg" {
			t.Errorf("%q: got %v, want Berg's quote", q, texts(got))
		}
	}
}

func TestAnswerDropsPassagesThatAreNotVerbatim(t *testing.T) {
	ix := harbourIndex(t)
	// Change the stored article behind the index's back, as a half-done
	// update could: the indexed words are no longer at their offsets.
	art, err := ix.Article(context.Background(), "gazette/1.txt")
	if err != nil {
		t.Fatal(err)
	}
	art.Text = strings.Replace(art.Text, "4,000 dock", "5,000 dock", 1)
	data, err := encodeArticle(art)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketArticles).Put([]byte(art.ID), data) }); err != nil {
		t.Fatal(err)
	}
	ix.cache.forget(art.ID)
	got := mustAnswer(t, ix, "How many dock workers are staying at home?")
	for _, a := range got.Answers {
		if strings.Contains(a.Text, "dock workers") {
			t.Errorf("answer %q comes from a passage that changed since indexing", a.Text)
		}
	}
	if ix.verbatimFailures.Load() == 0 {
		t.Error("the verbatim check did not record the failure")
	}
}

func TestAnswerFilters(t *testing.T) {
	ix := harbourIndex(t)
	got, err := ix.Answer(context.Background(), Question{Text: "truce at the old docks", Outlet: "valley courier"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range got.Answers {
		for _, r := range a.Reports {
			if r.Outlet != "Valley Courier" {
				t.Errorf("outlet filter let %q through", r.Outlet)
			}
		}
	}
	if len(got.Answers) == 0 {
		t.Error("outlet filter: no answers")
	}
	got, err = ix.Answer(context.Background(), Question{Text: "What was said?", Speaker: "Berg"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Answers) != 1 || got.Answers[0].Speaker != "Berg" {
		t.Errorf("speaker filter: got %v, want Berg's one quote", texts(got))
	}
}

func TestQuotesAndSpeakers(t *testing.T) {
	ix := harbourIndex(t)
	ctx := context.Background()
	got, err := ix.Quotes(ctx, "Ruiz", "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Answers) != 2 {
		t.Fatalf("Quotes(Ruiz) = %v, want the truce and the welcome quotes", texts(got))
	}
	if len(got.Answers[0].Reports) != 2 {
		t.Errorf("most reported quote first: got %v", texts(got))
	}
	got, err = ix.Quotes(ctx, "Ana Ruiz", "union", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Answers) != 1 || !strings.Contains(got.Answers[0].Text, "welcome") {
		t.Errorf("Quotes(Ana Ruiz, union) = %v", texts(got))
	}
	names, err := ix.Speakers(ctx, "ru", 10)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "Ana Ruiz" { // the bare "Ruiz" is hers: listed once
		t.Errorf("Speakers(ru) = %q", names)
	}
	outlets, err := ix.Outlets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(outlets) != 3 || ix.Coverage() != (Coverage{Articles: 3, Outlets: 3}) {
		t.Errorf("Outlets = %+v, Coverage = %+v", outlets, ix.Coverage())
	}
	if _, err := ix.Article(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(nope) = %v, want ErrNotFound", err)
	}
}

func texts(a Answers) []string {
	var out []string
	for _, x := range a.Answers {
		out = append(out, x.Speaker+": "+x.Text)
	}
	return out
}

// TestPhraseQueriesWork guards the term vectors on the text field: without
// them bleve's phrase queries silently find nothing.
func TestPhraseQueriesWork(t *testing.T) {
	ix := harbourIndex(t)
	for _, words := range []string{"dock workers", "shipping ban", "Harbour II plan"} {
		var phrase []string
		for _, tok := range ix.an.text.Analyze([]byte(words)) {
			phrase = append(phrase, string(tok.Term))
		}
		q := bleve.NewPhraseQuery(phrase, fieldText)
		res, err := ix.bleve.Search(bleve.NewSearchRequest(q))
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 {
			t.Errorf("phrase %q found nothing", phrase)
		}
	}
}

// TestSpeakersAsTyped: speaker suggestions match a name typed without its
// accents, and list one person printed with and without them once.
func TestSpeakersAsTyped(t *testing.T) {
	ctx := context.Background()
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix,
		handArticle(t, "a.txt", "Harbour Gazette", []string{
			`"The ferry will run again in May," José Martínez said.`,
			`"The port stays open," José Martínez said.`,
			`"We need more buses," Ana Martínez said.`,
			`"The fjord froze," Zoë Ødegård said.`,
		},
			handQuote{"The ferry will run again in May,", "José Martínez"},
			handQuote{"The port stays open,", "José Martínez"},
			handQuote{"We need more buses,", "Ana Martínez"},
			handQuote{"The fjord froze,", "Zoë Ødegård"}),
		handArticle(t, "b.txt", "Port Times", []string{
			`"Nobody warned us," Jose Martinez said.`,
		}, handQuote{"Nobody warned us,", "Jose Martinez"}))
	for _, tt := range []struct{ typed, want string }{
		{"marti", "José Martínez,Ana Martínez"},
		{"jose", "José Martínez"},
		{"Zoe", "Zoë Ødegård"},
		{"odeg", "Zoë Ødegård"},
	} {
		names, err := ix.Speakers(ctx, tt.typed, 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(names, ","); got != tt.want {
			t.Errorf("Speakers(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}

// TestNoTopic: a question of only question and function words searches
// nothing and says so; one word of topic is enough to search.
func TestNoTopic(t *testing.T) {
	ix := sampleIndex(t)
	for _, tt := range []struct {
		q    string
		want bool
	}{
		{"what is it?", true},
		{"Who said what, and when?", true},
		{"what did they say and who was there", true},
		{"what is the bridge?", false},
	} {
		ans, err := ix.Answer(context.Background(), Question{Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		if ans.NoTopic != tt.want || ans.NoTopic && len(ans.Answers) > 0 {
			t.Errorf("Answer(%q): NoTopic %v with %d answers, want NoTopic %v", tt.q, ans.NoTopic, len(ans.Answers), tt.want)
		}
	}
}
