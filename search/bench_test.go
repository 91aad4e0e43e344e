package search

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/coveragebot/coveragebot/corpus/synth"
)

// benchArticles sizes the generated corpus: small by default so CI runs
// the benchmarks once quickly; go test -bench . -bench-articles 100000 for
// the real figure.
var benchArticles = flag.Int("bench-articles", 300, "articles in the generated corpus for benchmarks")

// benchCorpus writes a synthetic corpus once per size.
func benchCorpus(b *testing.B) (string, *synth.Manifest) {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "corpus")
	m, err := synth.WriteDir(context.Background(), dir, synth.Config{Articles: *benchArticles, Seed: 7}, false)
	if err != nil {
		b.Fatal(err)
	}
	return dir, m
}

// BenchmarkUpdate is a full build: reading, cleaning, quotes, indexing.
func BenchmarkUpdate(b *testing.B) {
	dir, m := benchCorpus(b)
	b.ReportAllocs()
	var passages int
	for b.Loop() {
		b.StopTimer()
		indexDir := b.TempDir()
		ix, err := Open(context.Background(), indexDir)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := ix.Update(context.Background(), os.DirFS(dir), Options{})
		if err != nil {
			b.Fatal(err)
		}
		passages = sum.Passages
		b.StopTimer()
		ix.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(m.Articles)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(passages)*float64(b.N)/b.Elapsed().Seconds(), "passages/s")
}

// benchIndex builds the index of the corpus in dir in indexDir, closed
// when the benchmark ends.
func benchIndex(b *testing.B, dir, indexDir string) *Index {
	b.Helper()
	ix, err := Open(context.Background(), indexDir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	if _, err := ix.Update(context.Background(), os.DirFS(dir), Options{}); err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkUpdateOnePercent re-indexes after 1% of the files changed.
func BenchmarkUpdateOnePercent(b *testing.B) {
	dir, _ := benchCorpus(b)
	ix := benchIndex(b, dir, b.TempDir())
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		if _, err := synth.Modify(dir, 0.01, uint64(i+1)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := ix.Update(context.Background(), os.DirFS(dir), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnswer asks the generated corpus's fixed question mix, warm.
func BenchmarkAnswer(b *testing.B) {
	dir, m := benchCorpus(b)
	ix := benchIndex(b, dir, b.TempDir())
	qs := m.Questions(200)
	if len(qs) == 0 {
		b.Fatal("no questions")
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ix.Answer(context.Background(), Question{Text: qs[i%len(qs)].Text}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpen opens an existing index.
func BenchmarkOpen(b *testing.B) {
	dir, _ := benchCorpus(b)
	indexDir := b.TempDir()
	benchIndex(b, dir, indexDir).Close()
	for b.Loop() {
		ix, err := Open(context.Background(), indexDir)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// BenchmarkSpeakers is one autocomplete keystroke for a speaker over an
// index that knows 20,000 names.
func BenchmarkSpeakers(b *testing.B) {
	ix := mustOpen(b, b.TempDir())
	var st indexStats
	for i := range 20000 {
		st.Speakers = append(st.Speakers, speakerCount{Name: fmt.Sprintf("Zoë Ødegård-%d Martínez%d", i, i%300), Quotes: i % 7})
	}
	ix.setStats(st)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ix.Speakers(ctx, "marti", 25); err != nil {
			b.Fatal(err)
		}
	}
}
