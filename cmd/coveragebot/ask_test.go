package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

// formatAnswers are answers as search returns them, covering every case the
// text and JSON output must render: a quote reported by several outlets (one
// truncated, one without a url), a quote with no speaker, a reported
// sentence, dates with and without a time.
var formatAnswers = search.Answers{
	Question: "What did the mayor say about the bridge?",
	Searched: search.Coverage{Articles: 7, Outlets: 3},
	Took:     1234567 * time.Nanosecond,
	Answers: []search.Answer{
		{
			Quote:   true,
			Text:    "We will not reopen the Old Mill Bridge until the engineers tell us it is safe, and I apologise to everyone whose journey is now longer,",
			Speaker: "Ruth Calloway",
			Score:   3.14159,
			Reports: []search.Report{
				{Outlet: "Harrow Valley Gazette", URL: "https://harrowvalleygazette.example/news/2026/02/10/old-mill-bridge-closed-six-weeks", Published: time.Date(2026, 2, 10, 12, 5, 0, 0, time.UTC), ArticleID: "harrow-valley-gazette/b.txt", Article: "harrow-valley-gazette/b.txt", Truncated: true, TruncatedBy: corpus.TruncatedByPaywall},
				{Outlet: "The Kestrel Post", URL: "https://kestrelpost.example/local/bridge", Published: time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), ArticleID: "kestrel-post/bridge.html", Article: "kestrel-post/bridge.html"},
				{Outlet: "Radio Oakmere News", ArticleID: "radio-oakmere/bulletins.jsonl#2", Article: "radio-oakmere/bulletins.jsonl"},
			},
		},
		{
			Quote: true,
			Text:  "Safety has to come first.",
			Score: 1.5,
			Reports: []search.Report{
				{Outlet: "Harrow Valley Gazette", ArticleID: "harrow-valley-gazette/b.txt", Article: "harrow-valley-gazette/b.txt", Truncated: true, TruncatedBy: corpus.TruncatedByPaywall},
			},
		},
		{
			Text:  "The Old Mill Bridge in Millbrook will be closed for six to eight weeks after engineers found cracks in its central pier.",
			Score: 0.75,
			Reports: []search.Report{
				{Outlet: "Radio Oakmere News", URL: "https://radiooakmere.example/news/old-mill-bridge-weeks", Published: time.Date(2026, 2, 10, 13, 30, 0, 0, time.FixedZone("GMT+1", 3600)), ArticleID: "radio-oakmere/bulletins.jsonl#2", Article: "radio-oakmere/bulletins.jsonl"},
			},
		},
	},
}

func TestWriteAnswersText(t *testing.T) {
	tests := []struct {
		golden string
		info   corpusInfo
		ans    search.Answers
		width  int
	}{
		{"format_answers.golden", corpusInfo{}, formatAnswers, 80},
		{"format_answers_narrow.golden", corpusInfo{Dir: "/data/news"}, formatAnswers, 40},
		{"format_nothing.golden", corpusInfo{}, search.Answers{Question: "Who won the cup?", Searched: search.Coverage{Articles: 1, Outlets: 1}}, 80},
		{"format_no_articles.golden", corpusInfo{Dir: "/data/empty"}, search.Answers{Question: "Who won the cup?"}, 80},
		// the question echoed as typed: no escape backslashes before its quotes
		{"format_nothing_quoted.golden", corpusInfo{}, search.Answers{Question: `Who said "the bananas are blue"?`, Searched: search.Coverage{Articles: 1, Outlets: 1}}, 80},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var out bytes.Buffer
			if err := writeAnswersText(&out, tt.info, tt.ans, tt.width); err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(out.String(), "\n") {
				// URLs are never broken, so only wrapped text is held to the width.
				if n := len([]rune(line)); n > tt.width && !strings.Contains(line, "://") {
					t.Errorf("line %d is %d runes, wider than %d: %q", i+1, n, tt.width, line)
				}
			}
			checkGolden(t, tt.golden, out.Bytes())
		})
	}
}

func TestWriteAnswersJSON(t *testing.T) {
	var out bytes.Buffer
	if err := writeAnswersJSON(&out, formatAnswers.Question, formatAnswers); err != nil {
		t.Fatal(err)
	}
	checkAskJSONShape(t, out.Bytes())
	checkGolden(t, "format_answers.json.golden", out.Bytes())

	out.Reset()
	if err := writeAnswersJSON(&out, "Who won the cup?", search.Answers{}); err != nil {
		t.Fatal(err)
	}
	checkAskJSONShape(t, out.Bytes())
	if !strings.Contains(out.String(), `"answers": []`) {
		t.Errorf("no answers must be an empty list, not null:\n%s", out.String())
	}
}

// checkAskJSONShape checks ask --json output against its documented schema:
// exactly one object, exactly these keys, these types, nulls where allowed.
func checkAskJSONShape(t *testing.T, data []byte) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	var top map[string]any
	if err := dec.Decode(&top); err != nil {
		t.Fatalf("output is not a JSON object: %v\n%s", err, data)
	}
	if dec.More() {
		t.Errorf("output holds more than one JSON value:\n%s", data)
	}
	if nt, ok := top["no_topic"]; ok {
		// printed only when true, and then with no answers
		if nt != true || len(top["answers"].([]any)) != 0 {
			t.Errorf("no_topic = %#v with answers %v, want true beside an empty list, or no key", nt, top["answers"])
		}
		checkKeys(t, "top level", top, "question", "answers", "no_topic", "took_ms")
	} else {
		checkKeys(t, "top level", top, "question", "answers", "took_ms")
	}
	if _, ok := top["question"].(string); !ok {
		t.Errorf("question = %#v, want a string", top["question"])
	}
	if _, ok := top["took_ms"].(float64); !ok {
		t.Errorf("took_ms = %#v, want a number", top["took_ms"])
	}
	answers, ok := top["answers"].([]any)
	if !ok {
		t.Fatalf("answers = %#v, want a list", top["answers"])
	}
	for i, a := range answers {
		ans, ok := a.(map[string]any)
		if !ok {
			t.Fatalf("answers[%d] = %#v, want an object", i, a)
		}
		checkKeys(t, "answer", ans, "quote", "kind", "speaker", "quoting", "outlets", "score")
		if k := ans["kind"]; k != "quote" && k != "reporting" {
			t.Errorf("answers[%d].kind = %#v, want \"quote\" or \"reporting\"", i, k)
		}
		if q, ok := ans["quote"].(string); !ok || q == "" {
			t.Errorf("answers[%d].quote = %#v, want a non-empty string", i, ans["quote"])
		}
		checkStringOrNull(t, "speaker", ans["speaker"])
		if _, ok := ans["score"].(float64); !ok {
			t.Errorf("answers[%d].score = %#v, want a number", i, ans["score"])
		}
		outlets, ok := ans["outlets"].([]any)
		if !ok || len(outlets) == 0 {
			t.Fatalf("answers[%d].outlets = %#v, want a non-empty list", i, ans["outlets"])
		}
		for _, o := range outlets {
			out, ok := o.(map[string]any)
			if !ok {
				t.Fatalf("outlet = %#v, want an object", o)
			}
			checkKeys(t, "outlet", out, "outlet", "url", "published", "article", "truncated")
			if _, ok := out["truncated"].(bool); !ok {
				t.Errorf("outlet.truncated = %#v, want true or false", out["truncated"])
			}
			if s, ok := out["outlet"].(string); !ok || s == "" {
				t.Errorf("outlet.outlet = %#v, want a non-empty string", out["outlet"])
			}
			checkStringOrNull(t, "url", out["url"])
			checkStringOrNull(t, "published", out["published"])
			if p, ok := out["published"].(string); ok {
				if _, err := time.Parse(time.DateOnly, p); err != nil {
					if _, err := time.Parse(time.RFC3339, p); err != nil {
						t.Errorf("published %q is neither YYYY-MM-DD nor RFC 3339", p)
					}
				}
			}
			if a, ok := out["article"].(string); !ok || a == "" || filepath.IsAbs(a) || strings.Contains(a, "\\") || strings.HasPrefix(a, "..") {
				t.Errorf("article = %#v, want a slash-separated path relative to the corpus folder", out["article"])
			}
		}
	}
}

func checkKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	if len(m) != len(keys) {
		t.Errorf("%s has keys %v, want exactly %v", what, mapKeys(m), keys)
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s has no %q key (keys %v)", what, k, mapKeys(m))
		}
	}
}

func mapKeys(m map[string]any) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

func checkStringOrNull(t *testing.T, name string, v any) {
	t.Helper()
	if s, ok := v.(string); (ok && s == "") || (!ok && v != nil) {
		t.Errorf("%s = %#v, want a non-empty string or null", name, v)
	}
}

func TestAskUsageErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name       string
		args       []string
		vars       map[string]string
		wantUsage  bool
		wantErr    []string
		wantStderr []string
	}{
		{name: "no question", args: []string{"ask"}, wantUsage: true, wantStderr: []string{"no question given", "Usage: coveragebot ask"}},
		{name: "blank question", args: []string{"ask", "--json", "  "}, wantUsage: true, wantStderr: []string{"no question given"}},
		{name: "unknown flag", args: []string{"ask", "--limt", "3", "q"}, wantUsage: true, wantStderr: []string{"-limt"}},
		{name: "limit zero", args: []string{"ask", "--limit", "0", "q"}, wantErr: []string{"--limit 0", "from 1 to 50"}},
		{name: "limit huge", args: []string{"ask", "q", "--limit", "500"}, wantErr: []string{"--limit 500"}},
		{
			name: "corpus missing", args: []string{"ask", "--corpus", filepath.Join(dir, "nope"), "--index", filepath.Join(dir, "ix"), "q"},
			wantErr: []string{"corpus folder " + filepath.Join(dir, "nope") + " does not exist: pass --corpus DIR or set COVERAGE_CORPUS"},
		},
		{
			name: "corpus from env missing", args: []string{"ask", "q"},
			vars:    map[string]string{envCorpus: filepath.Join(dir, "gone"), envIndex: filepath.Join(dir, "ix")},
			wantErr: []string{filepath.Join(dir, "gone") + " does not exist"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv, stdout, stderr := testEnv(tt.vars)
			err := run(t.Context(), tt.args, getenv, nil, stdout, stderr)
			if tt.wantUsage != errors.Is(err, errUsage) {
				t.Errorf("run = %v, want usage error %v", err, tt.wantUsage)
			}
			for _, w := range tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v does not say %q", err, w)
				}
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr)
				}
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing on an error", stdout)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  []string
	}{
		{"", 10, nil},
		{"one two three", 7, []string{"one two", "three"}},
		{"a verylongwordindeed b", 5, []string{"a", "verylongwordindeed", "b"}},
		{"“Señor” éé", 7, []string{"“Señor”", "éé"}},
	}
	for _, tt := range tests {
		got := wrap(tt.text, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
}

func TestFormatPublished(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Time{}, ""},
		{time.Date(2026, 2, 11, 0, 0, 0, 0, time.UTC), "2026-02-11"},
		{time.Date(2026, 2, 9, 18, 40, 0, 0, time.UTC), "2026-02-09T18:40:00Z"},
		{time.Date(2026, 2, 9, 0, 0, 0, 0, time.FixedZone("", 3600)), "2026-02-09T00:00:00+01:00"},
	}
	for _, tt := range tests {
		if got := formatPublished(tt.t); got != tt.want {
			t.Errorf("formatPublished(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

// TestAskJSONWordlessQuestion: a script asking with --json always gets
// its one object; a question of no words at all names nothing to look
// for, as one of only question words does.
func TestAskJSONWordlessQuestion(t *testing.T) {
	index := filepath.Join(t.TempDir(), "index")
	for _, question := range []string{"???", "🌊🌊", `""`} {
		t.Run(question, func(t *testing.T) {
			getenv, stdout, stderr := testEnv(map[string]string{envIndex: index})
			if err := run(t.Context(), []string{"ask", "--json", question}, getenv, nil, stdout, stderr); err != nil {
				t.Fatalf("ask --json %q: %v", question, err)
			}
			checkAskJSONShape(t, stdout.Bytes())
			var got struct {
				Question string `json:"question"`
				NoTopic  bool   `json:"no_topic"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if got.Question != question || !got.NoTopic {
				t.Errorf("got question %q no_topic %v, want %q and true:\n%s", got.Question, got.NoTopic, question, stdout)
			}
		})
	}
}

// TestAskRefusalsSayWhatToDo: a question over the limit, or one with no
// words, is answered with what to do — not the question echoed back with
// search's internal wording.
func TestAskRefusalsSayWhatToDo(t *testing.T) {
	index := filepath.Join(t.TempDir(), "index")
	tests := []struct {
		name, question, want string
	}{
		{"too long", strings.Repeat("why ", 150), "too long (599 characters; at most 500"},
		{"no words", "???", "no words to search for"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv, stdout, stderr := testEnv(map[string]string{envIndex: index})
			err := run(t.Context(), []string{"ask", tt.question}, getenv, nil, stdout, stderr)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) || strings.Contains(msg, "search:") || strings.Contains(msg, "why why") || strings.Contains(msg, `"???"`) {
				t.Errorf("error %q, want one containing %q without the question or search's wording", msg, tt.want)
			}
		})
	}
}

// TestAskShowsOutletsDates: each outlet's date is shown as the outlet
// printed it, from a fresh index: 23:30 on 5 March at -05:00 is 5 March
// (not 6 March in UTC), 1970-01-01 is a date, and 3026-02-10 is no date
// (a warning, not 1857) and sorts last.
func TestAskShowsOutletsDates(t *testing.T) {
	dir := t.TempDir()
	for i, d := range []string{"2026-03-05T23:30:00-05:00", "1970-01-01", "3026-02-10"} {
		text := "---\nsource: Zone Daily\npublished: " + d + "\n---\nThe school board voted to close Pine Hill school.\n" +
			"\"This is a sad day,\" said parent Mia Long.\n"
		if err := os.WriteFile(filepath.Join(dir, "a"+string(rune('1'+i))+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	index := filepath.Join(t.TempDir(), "index")
	getenv, stdout, stderr := testEnv(nil)
	if err := run(t.Context(), []string{"index", "--corpus", dir, "--index", index}, getenv, nil, stdout, stderr); err != nil {
		t.Fatalf("index: %v\nstderr: %s", err, stderr)
	}
	if line := summaryLine(stdout.String(), "    a3.txt"); !strings.Contains(line, `published "3026-02-10" is not a plausible date`) {
		t.Errorf("want a warning naming a3.txt and its date:\n%s", stdout)
	}
	stdout.Reset()
	if err := run(t.Context(), []string{"ask", "--corpus", dir, "--index", index, "What did Mia Long say?"}, getenv, nil, stdout, stderr); err != nil {
		t.Fatalf("ask: %v\nstderr: %s", err, stderr)
	}
	want := "• Zone Daily, 2026-03-05 (a1.txt)\n   • Zone Daily, 1970-01-01 (a2.txt)\n   • Zone Daily (a3.txt)\n"
	if !strings.Contains(stdout.String(), want) {
		t.Errorf("ask printed:\n%s\nwant the outlets as\n%s", stdout, want)
	}
	stdout.Reset()
	if err := run(t.Context(), []string{"ask", "--json", "--corpus", dir, "--index", index, "What did Mia Long say?"}, getenv, nil, stdout, stderr); err != nil {
		t.Fatalf("ask --json: %v\nstderr: %s", err, stderr)
	}
	checkAskJSONShape(t, stdout.Bytes())
	var got struct {
		Answers []struct {
			Outlets []struct {
				Published *string `json:"published"`
			} `json:"outlets"`
		} `json:"answers"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil || len(got.Answers) != 1 || len(got.Answers[0].Outlets) != 3 {
		t.Fatalf("ask --json: %v\n%s", err, stdout)
	}
	for i, want := range []string{"2026-03-05T23:30:00-05:00", "1970-01-01", ""} {
		var p string
		if q := got.Answers[0].Outlets[i].Published; q != nil {
			p = *q
		}
		if p != want {
			t.Errorf("outlet %d published %q, want %q", i, p, want)
		}
	}
}
