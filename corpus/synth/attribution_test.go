package synth

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/coveragebot/coveragebot/corpus"
)

// TestSpeakerAttribution runs package corpus over a generated corpus,
// where the speaker of every quote is known, and checks that a speaker it
// names is the right one: "prefer no speaker to a wrong one".
func TestSpeakerAttribution(t *testing.T) {
	ctx := context.Background()
	fsys := fstest.MapFS{}
	m, err := Generate(ctx, Config{Articles: 300, Seed: 12}, func(f File) error {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.facts.seen[0] > factsKept {
		t.Fatalf("%d quotes, more than the %d facts kept: use a smaller corpus", m.facts.seen[0], factsKept)
	}
	// Quote, punctuation trimmed -> speakers (common words make the same
	// quote come out of two mouths now and then).
	truth := map[string][]string{}
	for _, q := range m.facts.quotes {
		k := strings.Trim(q.text, ",.")
		truth[k] = append(truth[k], q.speaker)
	}
	speakerOf := func(quote string) ([]string, bool) {
		quote = strings.Trim(quote, ",.… ")
		if s, ok := truth[quote]; ok {
			return s, true
		}
		var all []string
		for text, s := range truth { // trimmed by the outlet
			if len(quote) > 15 && strings.HasPrefix(text, quote) {
				all = append(all, s...)
			}
		}
		return all, len(all) > 0
	}

	files, _, err := corpus.Scan(ctx, fsys)
	if err != nil {
		t.Fatal(err)
	}
	bp := corpus.NewBoilerplate()
	var docs []*corpus.Document
	for _, f := range files {
		ds, _, err := corpus.ReadFile(ctx, fsys, f.Path)
		if err != nil {
			t.Fatalf("read %s: %v", f.Path, err)
		}
		for _, d := range ds {
			bp.Add(d.Outlet, d.LineKeys())
		}
		docs = append(docs, ds...)
	}
	var found, known, named, right int
	for _, d := range docs {
		a := corpus.Clean(d, bp)
		for _, q := range a.Quotes {
			found++
			want, ok := speakerOf(a.QuoteText(q))
			if !ok {
				continue
			}
			known++
			if q.Speaker == "" {
				continue
			}
			named++
			if slices.ContainsFunc(want, func(w string) bool { return w == q.Speaker || strings.HasSuffix(w, " "+q.Speaker) }) {
				right++
			} else if right < 5 || named-right <= 5 {
				t.Logf("%s: %q attributed to %q, said by %s", d.ID, a.QuoteText(q), q.Speaker, want)
			}
		}
	}
	t.Logf("%d quotes found, %d matched to the generated ones, %d with a speaker, %d right", found, known, named, right)
	if known < found*8/10 {
		t.Errorf("only %d of %d quotes found are quotes the generator wrote", known, found)
	}
	if named < known*7/10 {
		t.Errorf("only %d of %d quotes got a speaker", named, known)
	}
	if right < named*9/10 {
		t.Errorf("%d of %d speakers named are wrong: prefer no speaker to a wrong one", named-right, named)
	}
}
