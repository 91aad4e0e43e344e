package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// sampleQuestion is the README's quick-start question: it must keep
// answering well on the embedded sample.
const sampleQuestion = "What did the mayor say about the Old Mill Bridge?"

// askSample runs ask on the embedded sample with a fresh index per test.
func askSample(t *testing.T, index string, args ...string) string {
	t.Helper()
	getenv, stdout, stderr := testEnv(map[string]string{envIndex: index})
	err := run(t.Context(), append([]string{"ask"}, args...), getenv, nil, stdout, stderr)
	if err != nil {
		t.Fatalf("ask %q: %v\nstderr: %s", args, err, stderr)
	}
	return stdout.String()
}

// Timing always varies, and scores shift with any ranking change that
// keeps the order: goldens hold neither.
var (
	tookMS    = regexp.MustCompile(`"took_ms": [0-9.e+-]+`)
	jsonScore = regexp.MustCompile(`"score": [0-9.e+-]+`)
	textScore = regexp.MustCompile(`(?m)^(\s+score) [0-9.]+$`)
)

func TestAskSampleGolden(t *testing.T) {
	index := filepath.Join(t.TempDir(), "index")
	tests := []struct {
		golden string
		args   []string
	}{
		{"ask_sample.golden", []string{sampleQuestion}},
		{"ask_sample.json.golden", []string{sampleQuestion, "--json"}},
		{"ask_sample_nothing.golden", []string{"--limit", "3", "What did the mayor say about the football world cup?"}},
		{"ask_sample_nothing.json.golden", []string{"--json", "What did the mayor say about the football world cup?"}},
		{"ask_sample_no_topic.golden", []string{"what is it?"}},
		{"ask_sample_no_topic.json.golden", []string{"--json", "what is it?"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			out := askSample(t, index, tt.args...)
			if strings.HasSuffix(tt.golden, ".json.golden") {
				checkAskJSONShape(t, []byte(out))
				out = tookMS.ReplaceAllString(out, `"took_ms": 0`)
				out = jsonScore.ReplaceAllString(out, `"score": 0`)
			}
			out = textScore.ReplaceAllString(out, "$1 N")
			checkGolden(t, tt.golden, []byte(out))
		})
	}
}

// TestAskSampleAnswers holds the quick start to what it promises, whatever
// the exact ranking: the mayor's quote, attributed to her, as one answer
// listing the outlets that reported it despite their different spellings.
func TestAskSampleAnswers(t *testing.T) {
	index := filepath.Join(t.TempDir(), "index")
	var got askJSON
	if err := json.Unmarshal([]byte(askSample(t, index, "--json", sampleQuestion)), &got); err != nil {
		t.Fatal(err)
	}
	if got.Question != sampleQuestion {
		t.Errorf("question = %q, want %q", got.Question, sampleQuestion)
	}
	if len(got.Answers) == 0 {
		t.Fatal("no answers to the quick-start question")
	}
	top := got.Answers[0]
	if !strings.Contains(top.Quote, "We will not reopen the Old Mill Bridge") {
		t.Errorf("top answer = %q, want the mayor's quote on reopening the bridge", top.Quote)
	}
	if top.Speaker == nil || *top.Speaker != "Ruth Calloway" {
		t.Errorf("top answer's speaker = %v, want Ruth Calloway", top.Speaker)
	}
	var outlets []string
	for _, o := range top.Outlets {
		outlets = append(outlets, o.Outlet)
	}
	for _, want := range []string{"Harrow Valley Gazette", "The Kestrel Post"} {
		if !slices.Contains(outlets, want) {
			t.Errorf("top answer's outlets = %q, want %s among them (apologise/apologize is one quote)", outlets, want)
		}
	}

	nothing := askSample(t, index, "What did the mayor say about the football world cup?")
	if !strings.HasPrefix(nothing, "Nothing in the coverage answers") {
		t.Errorf("off-topic question answered:\n%s", nothing)
	}

	// a question of only question words names nothing: the reply says so
	// and what to add, not that the coverage is silent
	for _, q := range []string{"what is it?", "Who said what, and when?"} {
		if got := askSample(t, index, q); !strings.Contains(got, "names nothing to look for") || !strings.Contains(got, "Tip: name the person") {
			t.Errorf("ask %q:\n%s\nwant it told the question names nothing to look for", q, got)
		}
	}
}
