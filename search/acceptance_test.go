package search

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// search is one expectation of searches.json, in the manner of bleve's
// test/tests: a question and what its top answer must be.
type searchCase struct {
	Comment            string `json:"comment"`
	Question           string `json:"question"`
	TopContains        string `json:"top_contains"`
	TopQuote           bool   `json:"top_quote"`
	TopSpeakerContains string `json:"top_speaker_contains"`
	TopOutlets         int    `json:"top_outlets"`
	None               bool   `json:"none"`
}

func loadSearches(tb testing.TB, path string) []searchCase {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var cases []searchCase
	if err := json.Unmarshal(data, &cases); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return cases
}

// TestSeedSearches checks the acceptance questions on the real
// seed articles.
func TestSeedSearches(t *testing.T) {
	ix := seedIndex(t)
	for _, c := range loadSearches(t, "testdata/seeds/searches.json") {
		t.Run(c.Question, func(t *testing.T) {
			got := mustAnswer(t, ix, c.Question)
			if c.None {
				if len(got.Answers) != 0 {
					t.Fatalf("got %q, want no answers", texts(got))
				}
				return
			}
			if len(got.Answers) == 0 {
				t.Fatal("no answers")
			}
			top := got.Answers[0]
			if !strings.Contains(top.Text, c.TopContains) {
				t.Errorf("top answer %q, want it to hold %q (all: %q)", top.Text, c.TopContains, texts(got))
			}
			if c.TopQuote && !top.Quote {
				t.Errorf("top answer %q is not a quote", top.Text)
			}
			if !strings.Contains(top.Speaker, c.TopSpeakerContains) {
				t.Errorf("top answer speaker %q, want %q", top.Speaker, c.TopSpeakerContains)
			}
			if c.TopOutlets > 0 && len(top.Reports) != c.TopOutlets {
				t.Errorf("top answer has %d reports, want %d: %+v", len(top.Reports), c.TopOutlets, top.Reports)
			}
		})
	}
}
