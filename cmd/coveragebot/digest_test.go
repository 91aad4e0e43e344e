package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/search"
)

// digestRun runs the digest subcommand with a fresh index.
func digestRun(t *testing.T, index string, args ...string) string {
	t.Helper()
	getenv, stdout, stderr := testEnv(map[string]string{envIndex: index})
	err := run(t.Context(), append([]string{"digest"}, args...), getenv, nil, stdout, stderr)
	if err != nil {
		t.Fatalf("digest %q: %v\nstderr: %s", args, err, stderr)
	}
	return stdout.String()
}

// The digest's period and first-seen times are the moment the test ran.
var (
	digestJSONTimes = regexp.MustCompile(`"(since|until|first_seen)": "[^"]*"`)
)

func scrubDigest(out string) string {
	return digestJSONTimes.ReplaceAllString(out, `"$1": "TIME"`)
}

func TestDigestGolden(t *testing.T) {
	seeds := seedsDir(t)
	tests := []struct {
		golden string
		args   []string
	}{
		{"digest_sample.golden", nil},
		{"digest_sample.json.golden", []string{"--json"}},
		{"digest_seeds.golden", []string{"--corpus", seeds}},
		{"digest_seeds.json.golden", []string{"--corpus", seeds, "--json"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			out := digestRun(t, filepath.Join(t.TempDir(), "index"), tt.args...)
			checkGolden(t, tt.golden, []byte(scrubDigest(out)))
		})
	}
}

// TestDigestSeeds holds the digest to issue 4's acceptance on the real
// articles, whatever the exact wording of the output.
func TestDigestSeeds(t *testing.T) {
	index := filepath.Join(t.TempDir(), "index")
	var d digestJSON
	if err := json.Unmarshal([]byte(digestRun(t, index, "--corpus", seedsDir(t), "--json")), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 2 || d.Articles != 3 {
		t.Fatalf("%d stories of %d articles, want 2 of 3", len(d.Stories), d.Articles)
	}
	jan, may := d.Stories[0], d.Stories[1]
	if strings.Join(jan.Outlets, ",") != "Business Standard,unknown" && strings.Join(jan.Outlets, ",") != "unknown,Business Standard" {
		t.Errorf("January outlets = %v", jan.Outlets)
	}
	if len(may.Articles) != 1 || !strings.HasPrefix(may.Articles[0].Article, "002_") {
		t.Errorf("May story = %+v, want 002 alone", may.Articles)
	}
	q := jan.TopQuote
	if q == nil || !strings.Contains(q.Quote, "encourage a ceasefire") || q.Speaker == nil || !strings.Contains(*q.Speaker, "Kerry") || len(q.Outlets) != 2 {
		t.Errorf("top quote = %+v, want Kerry's ceasefire quote with both outlets", q)
	}
	if len(jan.Disagreements) != 1 || len(jan.Disagreements[0].Figures) != 2 {
		t.Fatalf("disagreements = %+v, want the death toll", jan.Disagreements)
	}
	figs := map[string]string{}
	for _, f := range jan.Disagreements[0].Figures {
		figs[f.Outlet] = f.Figure
	}
	if figs["Business Standard"] != "130,000 people" || figs["unknown"] != "more than 100,000 people" {
		t.Errorf("figures = %v", figs)
	}

	// The text shows the same stories, in the same order.
	text := digestRun(t, index, "--corpus", seedsDir(t))
	first, second := strings.Index(text, "1. "+jan.Headline[:20]), strings.Index(text, "2. "+may.Headline[:20])
	if first < 0 || second < first {
		t.Errorf("text stories out of line with --json:\n%s", text)
	}
	// Nothing first seen in the last second on a second run.
	if out := digestRun(t, index, "--corpus", seedsDir(t), "--since", "1ms"); !strings.Contains(out, "No new coverage") {
		t.Errorf("second run with --since 1ms:\n%s", out)
	}
}

func TestFormatPeriod(t *testing.T) {
	for in, want := range map[string]string{"24h": "24h", "90m": "1h30m", "1ms": "1ms", "168h": "1w", "336h": "2w", "240h": "10d", "36h": "36h", "60h": "2d12h", "45m": "45m", "30s": "30s"} {
		d, _ := time.ParseDuration(in)
		if got := formatPeriod(d); got != want {
			t.Errorf("formatPeriod(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestDigestBadSince(t *testing.T) {
	getenv, stdout, stderr := testEnv(nil)
	err := run(t.Context(), []string{"digest", "--since", "-5h"}, getenv, nil, stdout, stderr)
	if err == nil || !strings.Contains(err.Error(), "--since") {
		t.Errorf("err = %v, want one naming --since", err)
	}
}

// TestWriteDigestTextSyndicationAndUnknownOutlet: wire copies are listed as
// one report, and an unnamed outlet reads as such, with its file.
func TestWriteDigestTextSyndicationAndUnknownOutlet(t *testing.T) {
	d := search.Digest{Articles: 3, Stories: []search.Story{{
		Headline: "Kerry and Lavrov discuss a ceasefire",
		Outlets:  []string{"Dawn", "NDTV", "unknown"},
		Articles: []search.StoryArticle{
			{ID: "a", Path: "dawn/1.txt", Outlet: "Dawn"},
			{ID: "b", Path: "ndtv/1.txt", Outlet: "NDTV"},
			{ID: "c", Path: "x/1.txt", Outlet: "unknown"},
		},
		Syndicated: []search.Syndication{{Outlets: []string{"Dawn", "NDTV"}, ArticleIDs: []string{"a", "b"}, Agency: "AFP"}},
	}}}
	var b strings.Builder
	if err := writeDigestText(&b, d, "first seen in the last 24h", 200); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"3 articles from 2 outlets",
		"2 outlets: Dawn, NDTV (and 1 article from an unknown outlet)",
		"- unknown outlet — x/1.txt",
		"Same report: Dawn, NDTV — same AFP report (copies, not independent confirmation)",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("digest text lacks %q:\n%s", want, b.String())
		}
	}
}

// TestDigestSinceDaysAndWeeks: --since takes days and weeks as people
// write them, and the default prints as 24h.
func TestDigestSinceDaysAndWeeks(t *testing.T) {
	index := filepath.Join(t.TempDir(), "index")
	for _, since := range []string{"1d", "2w", "1w2d", "1d12h"} {
		getenv, stdout, stderr := testEnv(nil)
		if err := run(t.Context(), []string{"digest", "--index", index, "--since", since}, getenv, nil, stdout, stderr); err != nil {
			t.Fatalf("--since %s: %v\n%s", since, err, stderr)
		}
	}
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"24h", 24 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"1d", 24 * time.Hour, true},
		{"2w", 14 * 24 * time.Hour, true},
		{"1w2d", 9 * 24 * time.Hour, true},
		{"1d12h", 36 * time.Hour, true},
		{"-5h", -5 * time.Hour, true}, // refused later, naming --since
		{"1y", 0, false},
		{"d", 0, false},
		{"", 0, false},
		{"1d-2h", 0, false},
	}
	for _, tt := range tests {
		got, err := parsePeriod(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parsePeriod(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	getenv, stdout, stderr := testEnv(nil)
	if err := run(t.Context(), []string{"digest", "-h"}, getenv, nil, stdout, stderr); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "(default 24h)") || strings.Contains(stderr.String(), "24h0m0s") {
		t.Errorf("digest -h does not show the default as 24h:\n%s", stderr)
	}
}

// TestDigestJSONNamesCopiesByArticle: copies of one report are listed by
// article id, as the story's articles are: a JSON lines file holds many
// articles and its path names none of them.
func TestDigestJSONNamesCopiesByArticle(t *testing.T) {
	d := search.Digest{Stories: []search.Story{{
		Headline: "Bridge to reopen", Outlets: []string{"A Times", "B Post"},
		Articles: []search.StoryArticle{
			{ID: "wire.jsonl#2", Path: "wire.jsonl", Outlet: "A Times"},
			{ID: "wire.jsonl#5", Path: "wire.jsonl", Outlet: "B Post"},
		},
		Syndicated: []search.Syndication{{Outlets: []string{"A Times", "B Post"}, ArticleIDs: []string{"wire.jsonl#2", "wire.jsonl#5"}}},
	}}}
	var b bytes.Buffer
	if err := writeDigestJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Stories []struct {
			Syndicated []struct {
				Articles []string `json:"articles"`
			} `json:"syndicated"`
		} `json:"stories"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if arts := got.Stories[0].Syndicated[0].Articles; !slices.Equal(arts, []string{"wire.jsonl#2", "wire.jsonl#5"}) {
		t.Errorf("syndicated articles %v, want the two ids", arts)
	}
}

// TestDigestTextUntitledStory: a story whose articles give no title nor
// opening sentence keeps its number in the terminal, as on Discord.
func TestDigestTextUntitledStory(t *testing.T) {
	d := search.Digest{Articles: 2, Stories: []search.Story{
		{Headline: "Bridge to reopen", Outlets: []string{"A Times"}, Articles: []search.StoryArticle{{ID: "a/1.txt", Outlet: "A Times"}}},
		{Headline: " ", Outlets: []string{"B Post"}, Articles: []search.StoryArticle{{ID: "b/1.txt", Outlet: "B Post"}}},
	}}
	var b bytes.Buffer
	if err := writeDigestText(&b, d, "first seen in the last 24h", 80); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\n2. Untitled story\n") {
		t.Errorf("digest:\n%s\nwant the second story numbered and called untitled", b.String())
	}
}
