package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedsDir returns the real scraped articles beside the repository. They
// are never copied into it: without them the test fails in CI and is
// skipped elsewhere.
func seedsDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("real articles missing (%v): CI needs ../shared/seeds beside the repository", err)
		}
		t.Skipf("real articles not found beside the repository: %v", err)
	}
	return dir
}

// TestAskSeeds runs the command line, end to end, on the real articles the
// bot was commissioned for: a speaker question, a shared quote reported by
// two outlets with different spellings, and a question nothing answers.
func TestAskSeeds(t *testing.T) {
	seeds := seedsDir(t)
	index := filepath.Join(t.TempDir(), "index")
	ask := func(question string) askJSON {
		t.Helper()
		getenv, stdout, stderr := testEnv(map[string]string{envCorpus: seeds, envIndex: index})
		err := run(t.Context(), []string{"ask", question, "--json"}, getenv, nil, stdout, stderr)
		if err != nil {
			t.Fatalf("ask %q: %v\nstderr: %s", question, err, stderr)
		}
		checkAskJSONShape(t, stdout.Bytes())
		var got askJSON
		if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		return got
	}

	lavrov := ask("What did Lavrov say about Iran?")
	if len(lavrov.Answers) == 0 || lavrov.Answers[0].Speaker == nil || !strings.Contains(*lavrov.Answers[0].Speaker, "Lavrov") {
		t.Errorf("top answer to the Lavrov question is not a Lavrov quote: %+v", lavrov.Answers)
	}

	ceasefire := ask("What did Kerry say about a localized ceasefire?")
	found := false
	for _, a := range ceasefire.Answers {
		if !strings.HasPrefix(a.Quote, "We talked today about the possibility of trying to encourage a ceasefire") {
			continue
		}
		found = true
		if a.Speaker == nil || !strings.Contains(*a.Speaker, "Kerry") {
			t.Errorf("ceasefire quote's speaker = %v, want Kerry", a.Speaker)
		}
		if len(a.Outlets) != 2 {
			t.Errorf("ceasefire quote has %d outlets, want 2 (localised/localized is one quote): %+v", len(a.Outlets), a.Outlets)
		}
		for _, o := range a.Outlets {
			if !strings.HasSuffix(o.Article, ".txt") || strings.Contains(o.Article, "/") {
				t.Errorf("article %q is not the seed's path relative to the corpus folder", o.Article)
			}
		}
	}
	if !found {
		t.Errorf("Kerry's ceasefire quote is not among the answers: %+v", ceasefire.Answers)
	}

	if cup := ask("What did the two ministers say about the football world cup?"); len(cup.Answers) != 0 {
		t.Errorf("the world cup question got answers, want none: %+v", cup.Answers)
	}
}
