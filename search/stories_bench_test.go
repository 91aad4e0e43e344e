package search

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/corpus/synth"
)

// synthArticles cleans a synthetic corpus of n articles held in memory.
func synthArticles(b testing.TB, n int) []*corpus.Article {
	b.Helper()
	fsys := fstest.MapFS{}
	_, err := synth.Generate(context.Background(), synth.Config{Articles: n, Seed: 1}, func(f synth.File) error {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	files, _, err := corpus.Scan(ctx, fsys)
	if err != nil {
		b.Fatal(err)
	}
	var docs []*corpus.Document
	for _, f := range files {
		ds, _, err := corpus.ReadFile(ctx, fsys, f.Path)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, ds...)
	}
	bp := corpus.NewBoilerplate()
	for _, d := range docs {
		bp.Add(d.Outlet, d.LineKeys())
	}
	arts := make([]*corpus.Article, 0, len(docs))
	for _, d := range docs {
		arts = append(arts, corpus.Clean(d, bp))
	}
	return arts
}

// BenchmarkStories measures a day's digest (100 articles) and a heavy
// week (500): grouping is pairwise, so this is where it would show.
func BenchmarkStories(b *testing.B) {
	for _, n := range []int{100, 500} {
		b.Run(fmt.Sprint(n, "-articles"), func(b *testing.B) {
			arts := synthArticles(b, n)
			b.ResetTimer()
			var stories []Story
			for i := 0; i < b.N; i++ {
				stories = mustStories(b, arts)
			}
			syndicated := 0
			for _, s := range stories {
				syndicated += len(s.Syndicated)
			}
			b.ReportMetric(float64(len(stories)), "stories")
			b.ReportMetric(float64(syndicated), "syndicated-groups")
		})
	}
}
