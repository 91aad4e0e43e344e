package search

import (
	"context"
	"strings"
	"testing"

	"github.com/coveragebot/coveragebot/search/lexicon"
)

// tableLexicon relates words from a fixed table.
type tableLexicon map[string][]lexicon.Related

func (l tableLexicon) Related(word string) []lexicon.Related { return l[word] }

// TestPhrasalVerbKeepsItsVerbBeforeAPreposition: a verb and a preposition
// ("ask for") may be known only as an idiom ("invite trouble"); the verb's
// own relations still bridge, below the phrase's. An adverb particle
// ("step down") changes the verb's meaning, and the verb's relations stay
// out.
func TestPhrasalVerbKeepsItsVerbBeforeAPreposition(t *testing.T) {
	lex := tableLexicon{
		"ask for":   {{Word: "invite", Weight: 0.75}},
		"ask":       {{Word: "demand", Weight: 0.75}},
		"step down": {{Word: "resign", Weight: 0.75}},
		"step":      {{Word: "stair", Weight: 0.75}},
	}
	a := handArticle(t, "a.txt", "The Daily", []string{
		"The canal authority demanded 900 million dollars in compensation from the owner.",
		"The minister resigned on Sunday over the government's response.",
		"Workers repaired the stair of the old lighthouse on Monday.",
	})
	ix := mustOpen(t, t.TempDir())
	ix.SetLexicon(lex)
	mustIndexArticles(t, ix, a)
	for _, tt := range []struct{ question, want, never string }{
		{"how much money did the authority ask for", "demanded 900 million", ""},
		{"when did the minister step down", "resigned on Sunday", "stair"},
	} {
		res, err := ix.Answer(context.Background(), Question{Text: tt.question})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, tt.want) {
			t.Errorf("%q: answers %+v, want %q first", tt.question, res.Answers, tt.want)
		}
		for _, ans := range res.Answers {
			if tt.never != "" && strings.Contains(ans.Text, tt.never) {
				t.Errorf("%q: answered %q", tt.question, ans.Text)
			}
		}
	}
}
