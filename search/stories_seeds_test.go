package search

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/corpus/sample"
)

// seedsFS returns the real seed articles beside the repo: a failure in CI
// when they are missing, a skip elsewhere.
func seedsFS(t *testing.T) fs.FS {
	t.Helper()
	const dir = "../../shared/seeds"
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed articles missing: %v", err)
		}
		t.Skipf("seed articles missing: %v", err)
	}
	return os.DirFS(dir)
}

// cleanCorpus reads and cleans every article of fsys as the index does:
// the boilerplate model learns from all of them first.
func cleanCorpus(t *testing.T, fsys fs.FS) []*corpus.Article {
	t.Helper()
	ctx := context.Background()
	files, _, err := corpus.Scan(ctx, fsys)
	if err != nil {
		t.Fatal(err)
	}
	var docs []*corpus.Document
	for _, f := range files {
		ds, _, err := corpus.ReadFile(ctx, fsys, f.Path)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		docs = append(docs, ds...)
	}
	bp := corpus.NewBoilerplate()
	for _, d := range docs {
		bp.Add(d.Outlet, d.LineKeys())
	}
	var arts []*corpus.Article
	for _, d := range docs {
		arts = append(arts, corpus.Clean(d, bp))
	}
	return arts
}

func TestStoriesOnSeeds(t *testing.T) {
	stories := mustStories(t, cleanCorpus(t, seedsFS(t)))
	if len(stories) != 2 {
		t.Fatalf("got %d stories, want 2 (January 2014 ceasefire, May 2013 conference)", len(stories))
	}
	jan, may := stories[0], stories[1]
	var ids []string
	for _, a := range jan.Articles {
		ids = append(ids, a.ID)
	}
	if len(ids) != 2 || !strings.HasPrefix(ids[0]+ids[1], "000_") && !strings.HasPrefix(ids[1], "000_") {
		t.Errorf("first story articles = %v, want 000 and 001", ids)
	}
	if !sameSet(strings.Join(jan.Outlets, ","), "Business Standard,unknown") {
		t.Errorf("first story outlets = %v, want Business Standard and unknown", jan.Outlets)
	}
	if len(may.Articles) != 1 || !strings.HasPrefix(may.Articles[0].ID, "002_") {
		t.Errorf("second story = %+v, want 002 alone", may.Articles)
	}

	q := jan.TopQuote
	if q == nil {
		t.Fatal("no top quote in the January story")
	}
	if !strings.Contains(q.Text, "talked today about the possibility of trying to encourage a ceasefire") || !strings.Contains(q.Speaker, "Kerry") {
		t.Errorf("top quote = %q by %q, want Kerry's ceasefire quote", q.Text, q.Speaker)
	}
	var quoteOutlets []string
	for _, r := range q.Reports {
		quoteOutlets = append(quoteOutlets, r.Outlet)
	}
	if !sameSet(strings.Join(quoteOutlets, ","), "Business Standard,unknown") {
		t.Errorf("top quote outlets = %v, want both, once each", quoteOutlets)
	}

	if len(jan.Disagreements) != 1 {
		t.Fatalf("January disagreements = %+v, want the death toll", jan.Disagreements)
	}
	figs := map[string]string{}
	for _, f := range jan.Disagreements[0].Figures {
		figs[f.Outlet] = f.Text
	}
	if figs["Business Standard"] != "130,000 people" || figs["unknown"] != "more than 100,000 people" {
		t.Errorf("death toll figures = %v, want 130,000 (Business Standard) against more than 100,000 (unknown)", figs)
	}
	if len(may.Disagreements) != 0 || len(jan.Syndicated) != 0 {
		t.Errorf("unexpected: May disagreements %+v, January syndication %+v", may.Disagreements, jan.Syndicated)
	}
}

func TestStoriesOnSample(t *testing.T) {
	arts := cleanCorpus(t, sample.FS)
	stories := mustStories(t, arts)
	if len(stories) == 0 {
		t.Fatal("no stories in the sample corpus")
	}
	for _, s := range stories {
		t.Logf("%q: %d articles, outlets %v, quote %v, %d disagreements, %d syndicated", s.Headline, len(s.Articles), s.Outlets, s.TopQuote != nil, len(s.Disagreements), len(s.Syndicated))
		for _, d := range s.Disagreements {
			for _, f := range d.Figures {
				t.Logf("   %s: %s — %s", d.Claim, f.Outlet, f.Text)
			}
		}
	}
	// The sample's outlets disagree on the homes destroyed: 12, 17, more than 20.
	found := false
	for _, s := range stories {
		for _, d := range s.Disagreements {
			if d.Claim == "homes destroyed" {
				found = true
			}
		}
	}
	if !found {
		t.Error("the sample's disagreement on homes destroyed was not found")
	}
}
