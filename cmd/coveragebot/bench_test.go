package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus/synth"
)

// skipWhileSearchIsStub skips while search's bodies are contract stubs.
func skipWhileSearchIsStub(tb testing.TB, err error) {
	tb.Helper()
	if err != nil && strings.Contains(err.Error(), "not written yet") {
		tb.Skipf("search has not landed yet: %v", err)
	}
}

// benchCorpus writes a small synthetic corpus and its questions.
func benchCorpus(tb testing.TB, articles int) (dir, questions string) {
	tb.Helper()
	base := tb.TempDir()
	dir = filepath.Join(base, "corpus")
	m, err := synth.WriteDir(context.Background(), dir, synth.Config{Articles: articles, Seed: 1}, false)
	if err != nil {
		tb.Fatal(err)
	}
	questions = filepath.Join(base, "questions.json")
	if err := writeJSON(questions, m.Questions(50)); err != nil {
		tb.Fatal(err)
	}
	return dir, questions
}

func TestBenchEndToEnd(t *testing.T) {
	work := t.TempDir()
	getenv, stdout, stderr := testEnv(nil)
	err := run(context.Background(), []string{"bench", "--sizes", "120", "--questions", "20", "--rounds", "1", "--work", work, "--in-process"},
		getenv, nil, stdout, stderr)
	skipWhileSearchIsStub(t, err)
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, stderr)
	}
	out := stdout.String()
	for _, want := range []string{"### 120 articles", "| full build, articles/s |", "| ask p99 (warm) |", "| peak RSS, serving |", "Machine: ", "| digest: every article grouped into stories, time |"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	var results []*sizeReport
	if err := readJSON(filepath.Join(work, "results.json"), &results); err != nil || len(results) != 1 {
		t.Fatalf("results.json in the work folder: %d sizes, %v", len(results), err)
	}
	// The incremental update re-indexes the changed files, not the corpus.
	r := results[0]
	for i, eng := range engines {
		u := r.Update[i]
		if u.IndexedArticles < r.Changed || u.IndexedArticles >= r.Articles/2 {
			t.Errorf("%s update re-indexed %d articles; %d files changed of %d articles", eng, u.IndexedArticles, r.Changed, r.Articles)
		}
	}
	if u := r.Update[0]; u.IndexedPassages < u.IndexedArticles {
		t.Errorf("update re-indexed %d passages for %d articles", u.IndexedPassages, u.IndexedArticles)
	}
	for i, eng := range engines {
		if r.Serve[i].AskCPUSeconds <= 0 {
			t.Errorf("%s serve: no CPU time measured over the timed passes", eng)
		}
	}

	// The report prints again from results.json alone.
	getenv, again, stderr := testEnv(nil)
	if err := run(context.Background(), []string{"bench", "--report", filepath.Join(work, "results.json")}, getenv, nil, again, stderr); err != nil {
		t.Fatalf("bench --report: %v\n%s", err, stderr)
	}
	if !strings.Contains(again.String(), "### 120 articles") || !strings.Contains(again.String(), "| ask, CPU per question (mean of the timed passes) |") {
		t.Errorf("bench --report printed:\n%s", again)
	}
}

// The baseline's phases work on their own, whatever state search is in.
func TestPlainPhases(t *testing.T) {
	ctx := context.Background()
	corpusDir, questions := benchCorpus(t, 150)
	index := filepath.Join(t.TempDir(), "plain")
	a := phaseArgs{Engine: enginePlain, Corpus: corpusDir, Index: index, Questions: questions, Rounds: 1,
		Changed: filepath.Join(t.TempDir(), "changed.json")}

	a.Phase = "clean"
	read, err := runPhase(ctx, a)
	if err != nil || read.Articles != 150 || read.Bytes == 0 {
		t.Fatalf("read: %+v, %v", read, err)
	}
	a.Phase = "build"
	build, err := runPhase(ctx, a)
	if err != nil || build.Articles != 150 {
		t.Fatalf("build: %+v, %v", build, err)
	}
	changed, err := synth.Modify(corpusDir, 0.02, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeJSON(a.Changed, changed); err != nil {
		t.Fatal(err)
	}
	a.Phase = "update"
	update, err := runPhase(ctx, a)
	if err != nil || update.Articles != len(changed) {
		t.Errorf("update: %+v, %v; want %d articles re-indexed", update, err, len(changed))
	}
	a.Phase = "serve"
	serve, err := runPhase(ctx, a)
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	if serve.Asked != 50 || serve.Answered == 0 || serve.Answerable+serve.None != 50 || serve.TopHolds == 0 || serve.LatencyMS.P50 <= 0 || serve.LatencyMS.P99 < serve.LatencyMS.P50 {
		t.Errorf("serve: %+v", serve)
	}
	if serve.MaxRSS <= 0 {
		t.Errorf("serve: peak RSS %d", serve.MaxRSS)
	}
}

func TestSummarize(t *testing.T) {
	var took []time.Duration
	for i := 100; i >= 1; i-- {
		took = append(took, time.Duration(i)*time.Millisecond)
	}
	got := summarize(took)
	want := latencySummary{P50: 50, P95: 95, P99: 99, Mean: 50.5, Max: 100}
	if got != want {
		t.Errorf("summarize(1..100 ms) = %+v, want %+v", got, want)
	}
	if got := summarize([]time.Duration{3 * time.Millisecond}); got.P50 != 3 || got.P99 != 3 {
		t.Errorf("one sample: %+v", got)
	}
	if got := summarize(nil); got != (latencySummary{}) {
		t.Errorf("no samples: %+v", got)
	}
}

func TestParseSizes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
	}{
		{"1000", []int{1000}},
		{"1000, 10000,100000", []int{1000, 10000, 100000}},
		{"", nil}, {"0", nil}, {"1k", nil}, {"10,,20", nil},
	} {
		got, err := parseSizes(tc.in)
		if (err != nil) != (tc.want == nil) || len(got) != len(tc.want) {
			t.Errorf("parseSizes(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestBenchUsage(t *testing.T) {
	for _, args := range [][]string{
		{"bench", "--sizes", "abc"},
		{"bench", "--questions", "0"},
		{"bench", "extra"},
	} {
		getenv, stdout, stderr := testEnv(nil)
		if err := run(context.Background(), args, getenv, nil, stdout, stderr); err != errUsage {
			t.Errorf("%q: err = %v, want usage error", args, err)
		}
		if !strings.Contains(stderr.String(), "Usage: coveragebot bench") {
			t.Errorf("%q: no usage on stderr:\n%s", args, stderr)
		}
	}
}

func TestBenchReportGolden(t *testing.T) {
	r := &sizeReport{Articles: 1000, Files: 900, Bytes: 2_100_000, GenSeconds: 0.4, Changed: 9, Questions: 200, Rounds: 3,
		Clean: phaseResult{Seconds: 0.5, Bytes: 2_100_000}, Read: phaseResult{Seconds: 0.2, Bytes: 2_100_000},
		Build: [2]phaseResult{
			{Seconds: 0.8, Articles: 1000, Passages: 12000, Quotes: 3000, IndexedArticles: 1100, IndexedPassages: 13000, MaxRSS: 200 << 20, CPUSeconds: 1.5},
			{Seconds: 0.25, Articles: 1000, IndexedArticles: 1000, MaxRSS: 150 << 20, CPUSeconds: 0.9},
		},
		Update: [2]phaseResult{{Seconds: 0.03, IndexedArticles: 9, IndexedPassages: 110}, {Seconds: 0.02, IndexedArticles: 9}},
		Serve: [2]phaseResult{
			{OpenSeconds: 0.05, LatencyMS: latencySummary{P50: 1.2, P95: 3.4, P99: 8}, Answered: 170, Answerable: 180, TopHolds: 150, EmptyForNone: 19, None: 20, Asked: 200, AskCPUSeconds: 0.9, MaxRSS: 90 << 20},
			{OpenSeconds: 0.01, LatencyMS: latencySummary{P50: 0.8, P95: 2, P99: 5}, Answered: 180, Answerable: 180, TopHolds: 120, EmptyForNone: 0, None: 20, Asked: 200, AskCPUSeconds: 0.6, MaxRSS: 60 << 20},
		},
		IndexBytes: [2]int64{12_000_000, 20_000_000}, IndexBytesLater: [2]int64{10_000_000, 21_000_000},
		LoadAfter: "1.00 0.50 0.40",
		Digest:    phaseResult{Seconds: 0.4, Articles: 1000, Stories: 90, LargestStory: 40, MaxRSS: 120 << 20},
	}
	var b strings.Builder
	writeBenchReport(&b, benchReportHeader{Command: "coveragebot bench --sizes 1000",
		Machine:    machine{CPU: "Test CPU", CPUs: 2, MemoryBytes: 4 << 30, GoVersion: "go1.x"},
		LoadBefore: "0.10 0.20 0.30"}, []*sizeReport{r})
	checkGolden(t, "bench_report.golden", []byte(b.String()))
}

// Benchmarks, run in CI once at a small size to keep them working:
//
//	go test -run '^$' -bench . -benchtime 1x ./cmd/coveragebot
//
// For the full comparison at scale use "coveragebot bench".

func BenchmarkBuild(b *testing.B) {
	corpusDir, _ := benchCorpus(b, 300)
	for _, engine := range engines {
		b.Run(engine, func(b *testing.B) {
			for b.Loop() {
				a := phaseArgs{Phase: "build", Engine: engine, Corpus: corpusDir, Index: filepath.Join(b.TempDir(), "index")}
				res, err := runPhase(context.Background(), a)
				skipWhileSearchIsStub(b, err)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Articles)/res.Seconds, "articles/s")
			}
		})
	}
}

func BenchmarkAsk(b *testing.B) {
	ctx := context.Background()
	corpusDir, questionsFile := benchCorpus(b, 300)
	for _, engine := range engines {
		b.Run(engine, func(b *testing.B) {
			index := filepath.Join(b.TempDir(), "index")
			_, err := runPhase(ctx, phaseArgs{Phase: "build", Engine: engine, Corpus: corpusDir, Index: index})
			skipWhileSearchIsStub(b, err)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				res, err := runPhase(ctx, phaseArgs{Phase: "serve", Engine: engine, Corpus: corpusDir, Index: index, Questions: questionsFile, Rounds: 1})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(res.LatencyMS.P50, "p50-ms")
				b.ReportMetric(res.LatencyMS.P99, "p99-ms")
			}
		})
	}
}
