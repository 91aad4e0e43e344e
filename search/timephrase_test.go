package search

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestTimePhraseWords(t *testing.T) {
	tests := []struct {
		question string
		want     []string // the words that only place the question in time
	}{
		{"how many firefighters were out there at the worst point that night", []string{"worst", "point", "that", "night"}},
		{"in the first days of the search why couldnt the divers get to them", []string{"first", "days"}},
		{"how many bodies were still missing a year later", []string{"still", "a", "year", "later"}},
		{"why was the money so slow to show up months after the fire", []string{"months", "after"}},
		{"what did the minister say at first", []string{"first"}},
		{"what happened the next morning", []string{"next", "morning"}},
		{"what did they find in the final few hours", []string{"final", "few", "hours"}},
		{"three days on, what did the police say", []string{"three", "days", "on"}},
		{"what time in the evening did the fire start", []string{"evening"}},
		// not time phrases: a unit counted by "how many", the last of
		// a kind, a first that is not "at first"
		{"how many days were they in the cave", nil},
		{"what date did the last boys get out", nil},
		{"who was the first diver to reach them", nil},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			lower := strings.Fields(strings.ReplaceAll(tt.question, ",", ""))
			marked := timePhraseWords(lower)
			var got []string
			for i, w := range lower {
				if marked[i] {
					got = append(got, w)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("time words %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTimePhrasesAreOptional(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	tests := []struct {
		question string
		optional []string
		core     int
	}{
		{"how many firefighters were there that night", []string{"night"}, 1},
		// a question all of time is about that time
		{"what happened that night", nil, 1},
	}
	for _, tt := range tests {
		pq := ix.parse(tt.question)
		var got []string
		for _, g := range pq.groups {
			if g.optional {
				got = append(got, g.word)
			}
		}
		if !slices.Equal(got, tt.optional) || pq.core() != tt.core {
			t.Errorf("%q: optional %q core %d, want %q core %d", tt.question, got, pq.core(), tt.optional, tt.core)
		}
	}
}

// A time phrase the answer does not repeat does not sink it: the harbour
// coverage says how many dock workers the strike keeps at home, not "at
// the worst point that week".
func TestTimePhraseDoesNotSinkTheAnswer(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix, harbourArticles(t)...)
	for _, q := range []string{
		"how many dock workers stayed home at the worst point that week",
		"how many dock workers were kept at home in the first days",
	} {
		got := mustAnswer(t, ix, q)
		if len(got.Answers) == 0 || !strings.Contains(got.Answers[0].Text, "4,000 dock workers") {
			t.Errorf("%q: answers %v, want the 4,000 dock workers first", q, got.Answers)
		}
	}
}

// TestTimeWordInANeighbourCostsNothing: a word of time only a neighbouring
// sentence holds must not lower a passage's coverage below that of the
// same passage where nothing mentions the time.
func TestTimeWordInANeighbourCostsNothing(t *testing.T) {
	ctx := context.Background()
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix,
		handArticle(t, "a/1.txt", "Harbour Gazette", []string{"The night was long and cold.", "The strike has kept 4,000 dock workers at home."}),
		handArticle(t, "b/1.txt", "Valley Courier", []string{"Ferries were cancelled.", "The strike has kept 4,000 dock workers at home."}),
	)
	text, _ := normaliseQuestion("how many dock workers were kept at home that night")
	pq := ix.parse(text)
	counts := &termCounter{ix: ix, ctx: ctx}
	defer counts.close()
	ix.weigh(counts, &pq)
	cands, err := ix.contentCandidates(ctx, counts, &pq, "", nil, 20)
	if err != nil {
		t.Fatal(err)
	}
	cov := map[string]float64{}
	for _, c := range cands {
		if strings.Contains(c.text, "4,000") {
			own, _ := ix.groupScores(pq, c)
			cov[c.article.Outlet], _ = ix.coverage(pq, c, own, 0, nil)
		}
	}
	if len(cov) != 2 || cov["Harbour Gazette"] < cov["Valley Courier"] {
		t.Errorf("coverage by outlet %v: the passage beside \"night\" must cover at least as much as the one beside nothing", cov)
	}
}
