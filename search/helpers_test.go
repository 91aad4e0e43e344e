package search

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
)

// handQuote is a quotation inside a hand-built article's text.
type handQuote struct{ text, speaker string }

// handArticle builds a clean article by hand: each paragraph is one
// sentence; each quote is found in the text to get its offsets.
func handArticle(tb testing.TB, path, outlet string, paragraphs []string, quotes ...handQuote) *corpus.Article {
	tb.Helper()
	a := &corpus.Article{ID: path, Path: path, Outlet: outlet, URL: "https://" + strings.ToLower(strings.ReplaceAll(outlet, " ", "")) + ".example/" + path,
		Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Title: paragraphs[0][:min(30, len(paragraphs[0]))], Hash: path}
	a.Text = strings.Join(paragraphs, "\n\n")
	pos := 0
	for i, p := range paragraphs {
		a.Paragraphs = append(a.Paragraphs, corpus.Paragraph{Start: pos, End: pos + len(p), Line: i + 1})
		a.Sentences = append(a.Sentences, corpus.Sentence{Start: pos, End: pos + len(p), Paragraph: i})
		pos += len(p) + 2
	}
	for _, q := range quotes {
		start := strings.Index(a.Text, q.text)
		if start < 0 {
			tb.Fatalf("quote %q not in %s", q.text, path)
		}
		par := 0
		for i, p := range a.Paragraphs {
			if start >= p.Start && start < p.End {
				par = i
			}
		}
		attr := ""
		if q.speaker != "" {
			attr = "explicit"
		}
		a.Quotes = append(a.Quotes, corpus.Quote{Start: start, End: start + len(q.text), Speaker: q.speaker, Attribution: attr, Paragraph: par, Sentence: par})
	}
	return a
}

func mustOpen(tb testing.TB, dir string) *Index {
	tb.Helper()
	ix, err := Open(context.Background(), dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return ix
}

// mustIndexArticles writes hand-built articles through the same batch path
// Update uses, without the corpus reader.
func mustIndexArticles(tb testing.TB, ix *Index, arts ...*corpus.Article) {
	tb.Helper()
	ix.updateMu.Lock()
	defer ix.updateMu.Unlock()
	u := &updater{ix: ix, ctx: context.Background()}
	if err := u.load(); err != nil {
		tb.Fatal(err)
	}
	var work []*readResult
	for _, a := range arts {
		res := &readResult{task: task{file: corpus.File{Path: a.Path, Size: int64(len(a.Text))}, kind: taskNew, old: u.recs[a.Path]},
			articles: []*corpus.Article{a}, hash: a.Hash}
		work = append(work, res)
	}
	if err := u.commit(work); err != nil {
		tb.Fatal(err)
	}
	if err := u.finish(); err != nil {
		tb.Fatal(err)
	}
}

func mustAnswer(tb testing.TB, ix *Index, question string) Answers {
	tb.Helper()
	got, err := ix.Answer(context.Background(), Question{Text: question})
	if err != nil {
		tb.Fatalf("Answer(%q): %v", question, err)
	}
	return got
}

// harbourArticles is a made-up story told by three outlets with the
// differences real outlets have: spelling, trimmed quotes, figures.
func harbourArticles(tb testing.TB) []*corpus.Article {
	return []*corpus.Article{
		handArticle(tb, "gazette/1.txt", "Harbour Gazette", []string{
			`"We talked today about trying to encourage a truce, maybe a localised truce beginning with the old docks (east of the river)," Ruiz said.`,
			"The mayor Ana Ruiz and the union leader Tomas Berg met at the town hall on Monday.",
			`"The proof will be in the pudding," Berg said of the offer to reopen the ferry.`,
			"The strike has kept 4,000 dock workers at home for three weeks.",
			"Talks on the Harbour II plan will start in Westport on February 3.",
		}, handQuote{"We talked today about trying to encourage a truce, maybe a localised truce beginning with the old docks (east of the river),", "Ruiz"},
			handQuote{"The proof will be in the pudding,", "Berg"}),
		handArticle(tb, "courier/7.txt", "Valley Courier", []string{
			`Mayor Ana Ruiz said she and the union had "talked today about trying to encourage a truce. Maybe a localized truce, beginning with the old docks," the busiest quay.`,
			"Britain and France want the shipping ban lifted so the ferries can sail again.",
			`"We would welcome the union taking part if it comes to negotiate," Ana Ruiz said.`,
		}, handQuote{"talked today about trying to encourage a truce. Maybe a localized truce, beginning with the old docks,", "Ana Ruiz"},
			handQuote{"We would welcome the union taking part if it comes to negotiate,", "Ana Ruiz"}),
		handArticle(tb, "bugle/3.txt", "Bay Bugle", []string{
			"Ferry tickets went on sale again in Westport after the council vote.",
			`"The ferry will run on the winter timetable," the council said.`,
		}, handQuote{"The ferry will run on the winter timetable,", ""}),
	}
}
