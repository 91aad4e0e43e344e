package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedsDir is where the real articles live, beside the repository. They
// are read from there and never copied into the repo.
const seedsDir = "../../shared/seeds"

// mustSeeds returns the seeds folder, failing when CI=true and it is
// missing and skipping otherwise.
func mustSeeds(tb testing.TB) string {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(seedsDir, seed000)); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("real seed articles missing from %s: %v", seedsDir, err)
		}
		tb.Skipf("real seed articles not found in %s", seedsDir)
	}
	return seedsDir
}

const (
	seed000 = "000_16fbd6c9a2fb072d.txt"
	seed001 = "001_b1bbbe59a208db66.txt"
	seed002 = "002_6ebc099129c228c2.txt"
)

var seedNames = []string{seed000, seed001, seed002}

// mustSeedArticles reads and cleans the three seeds with a boilerplate
// model built from all of them, as an index would.
func mustSeedArticles(tb testing.TB) map[string]*Article {
	tb.Helper()
	fsys := os.DirFS(mustSeeds(tb))
	var docs []*Document
	bp := NewBoilerplate()
	for _, name := range seedNames {
		ds, skips, err := ReadFile(context.Background(), fsys, name)
		if err != nil || len(skips) > 0 || len(ds) != 1 {
			tb.Fatalf("ReadFile(%s) = %d docs, %v, %v", name, len(ds), skips, err)
		}
		docs = append(docs, ds[0])
		bp.Add(ds[0].Outlet, ds[0].LineKeys())
	}
	out := make(map[string]*Article)
	for _, d := range docs {
		out[d.Path] = Clean(d, bp)
	}
	return out
}

func lineRange(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestSeedsKeptLines(t *testing.T) {
	dir := mustSeeds(t)
	nonEmpty001 := nonEmptyLines(t, filepath.Join(dir, seed001))
	tests := []struct {
		name   string
		keep   []int
		outlet string
		from   OutletSource
		trunc  string
	}{
		{seed000, append(lineRange(1, 2), lineRange(4, 12)...), "Business Standard", OutletFromSignature, TruncatedByPaywall},
		{seed001, nonEmpty001, "unknown", OutletUnknown, ""},
		{seed002, lineRange(1, 10), "Business Standard", OutletFromSignature, TruncatedByPaywall},
	}
	withModel := mustSeedArticles(t)
	for _, tt := range tests {
		for _, mode := range []string{"alone", "with model"} {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				a := withModel[tt.name]
				if mode == "alone" {
					ds, _, err := ReadFile(context.Background(), os.DirFS(dir), tt.name)
					if err != nil {
						t.Fatal(err)
					}
					a = Clean(ds[0], nil)
				}
				var got []int
				for _, p := range a.Paragraphs {
					got = append(got, p.Line)
				}
				if !equalInts(got, tt.keep) {
					t.Errorf("kept lines %v, want %v", got, tt.keep)
				}
				if a.Outlet != tt.outlet || a.OutletFrom != tt.from {
					t.Errorf("outlet %q from %q, want %q from %q", a.Outlet, a.OutletFrom, tt.outlet, tt.from)
				}
				if a.TruncatedBy != tt.trunc || a.Truncated != (tt.trunc != "") {
					t.Errorf("truncated %v by %q, want %q", a.Truncated, a.TruncatedBy, tt.trunc)
				}
			})
		}
	}
}

func nonEmptyLines(tb testing.TB, path string) []int {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var out []int
	for i, l := range strings.Split(string(data), "\n") {
		if trimmed := strings.TrimSpace(l); trimmed != "" {
			out = append(out, i+1)
		}
	}
	return out
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSeedsQuotes(t *testing.T) {
	arts := mustSeedArticles(t)
	tests := []struct {
		file, quote, speaker, attribution string
		partial                           bool
	}{
		{seed000, "We talked today about the possibility of trying to encourage a ceasefire", "Kerry", AttributedExplicit, false},
		{seed001, "talked today about the possibility of trying to encourage a ceasefire. Maybe a localized ceasefire, beginning with Aleppo", "John Kerry", AttributedExplicit, true},
		{seed000, "What can be done before the beginning of the conference should be done", "Lavrov", AttributedExplicit, false},
		{seed000, `What can be done before the beginning of the conference should be done," Lavrov said. "We are going to try to send signals`, "Lavrov", AttributedExplicit, false},
		{seed000, "We would welcome Iran participating", "Kerry", AttributedCarried, false},
		{seed000, "I invited Iran today", "Kerry", AttributedPronoun, false},
		{seed001, "Both of us have agreed", "John Kerry", AttributedCarried, false},
		{seed001, "they would live up to it", "John Kerry", AttributedExplicit, true},
		{seed001, "We await similar steps by the opposition", "Sergei Lavrov", AttributedExplicit, false},
		{seed001, "The proof will be in the pudding, as we say", "John Kerry", AttributedPronoun, false},
		{seed001, `The proof will be in the pudding, as we say," he said. "This news of a possibility is welcome.`, "John Kerry", AttributedPronoun, false},
		{seed001, "are prepared to entertain such an exchange", "John Kerry", AttributedPronoun, true},
		{seed001, "I'm convinced that practicality and pragmatism ... require that Iran should be invited", "Sergei Lavrov", AttributedExplicit, false},
		{seed001, "who do not want the conference to succeed", "Sergei Lavrov", AttributedPronoun, true},
		{seed001, "Iran's participation or non-participation", "John Kerry", AttributedExplicit, false},
		{seed001, `I invite Iran today to join the community of nations, the 30 nations that are already prepared to come, and be a constructive partner for peace," he said. "That's the invitation.`, "John Kerry", AttributedPronoun, false},
		{seed001, "localised ceasefires", "", "", true},
		{seed002, "Geneva 2", "", "", true},
		{seed002, "mounting suspicions", "Laurent Fabius", AttributedExplicit, true},
		{seed002, "horrific", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.quote, func(t *testing.T) {
			a := arts[tt.file]
			var found []Quote
			for _, q := range a.Quotes {
				if strings.HasPrefix(a.QuoteText(q), tt.quote) {
					found = append(found, q)
				}
			}
			if len(found) == 0 {
				t.Fatalf("no quote starting %q among %d quotes", tt.quote, len(a.Quotes))
			}
			for _, q := range found {
				if q.Speaker != tt.speaker || q.Attribution != tt.attribution || q.Partial != tt.partial {
					t.Errorf("%q: speaker %q (%s) partial %v, want %q (%s) partial %v",
						a.QuoteText(q), q.Speaker, q.Attribution, q.Partial, tt.speaker, tt.attribution, tt.partial)
				}
			}
		})
	}
}

// TestSeedsQuotesVerbatim checks every quote is the article's own words
// at its offsets, between the quote marks.
func TestSeedsQuotesVerbatim(t *testing.T) {
	for name, a := range mustSeedArticles(t) {
		for _, q := range a.Quotes {
			if err := checkQuote(a, q); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

// TestSeedsQuotationsWhole checks that no sentence starts inside a
// quotation except where a part of it opens after its attribution
// (`"…," he said. "…"`): the seeds' quotes holding full stops
// ("… a ceasefire. Maybe a localized ceasefire …") are not cut.
func TestSeedsQuotationsWhole(t *testing.T) {
	for name, a := range mustSeedArticles(t) {
		for _, q := range a.Quotes {
			for _, s := range a.Sentences {
				if s.Start > q.Start && s.Start < q.End && !isDoubleQuote(firstRune(a.Text[s.Start:])) {
					t.Errorf("%s: sentence %q starts inside quote %q", name, a.SentenceText(s), a.QuoteText(q))
				}
			}
		}
	}
}
