package synth_test

import (
	"context"
	"testing"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/corpus/synth"
)

// Benchmarks, run in CI once at a small size to keep them working:
//
//	go test -run '^$' -bench . -benchtime 1x ./corpus/synth

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		var bytes int64
		m, err := synth.Generate(context.Background(), synth.Config{Articles: 500, Seed: 1}, func(f synth.File) error {
			bytes += int64(len(f.Data))
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(bytes)
		b.ReportMetric(float64(m.Articles), "articles/op")
	}
}

// BenchmarkReadAndClean measures package corpus on synthetic articles:
// reading (HTML extraction included) and cleaning, single-threaded.
func BenchmarkReadAndClean(b *testing.B) {
	ctx := context.Background()
	fsys, m := mapFS(b, synth.Config{Articles: 300, Seed: 1})
	files, _, err := corpus.Scan(ctx, fsys)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(m.Bytes)
	for b.Loop() {
		bp := corpus.NewBoilerplate()
		var docs []*corpus.Document
		for _, f := range files {
			ds, _, err := corpus.ReadFile(ctx, fsys, f.Path)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, ds...)
		}
		for _, d := range docs {
			bp.Add(d.Outlet, d.LineKeys())
		}
		for _, d := range docs {
			corpus.Clean(d, bp)
		}
	}
}
