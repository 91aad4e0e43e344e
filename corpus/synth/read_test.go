package synth_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/corpus/synth"
)

// mapFS generates a corpus into memory.
func mapFS(tb testing.TB, cfg synth.Config) (fstest.MapFS, *synth.Manifest) {
	tb.Helper()
	fsys := fstest.MapFS{}
	m, err := synth.Generate(context.Background(), cfg, func(f synth.File) error {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return fsys, m
}

// TestCorpusReadsEveryFile checks the generated files are what package
// corpus reads: every file and record parses, and cleaning keeps the story
// (quotes with speakers) and drops the junk.
func TestCorpusReadsEveryFile(t *testing.T) {
	ctx := context.Background()
	fsys, m := mapFS(t, synth.Config{Articles: 300, Seed: 11})
	files, skips, err := corpus.Scan(ctx, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(skips) > 0 || len(files) != m.Files {
		t.Fatalf("scan: %d files, %v skipped; generated %d files", len(files), skips, m.Files)
	}
	var docs []*corpus.Document
	for _, f := range files {
		ds, skips, err := corpus.ReadFile(ctx, fsys, f.Path)
		if err != nil || len(skips) > 0 {
			t.Errorf("read %s: %v %v", f.Path, err, skips)
		}
		docs = append(docs, ds...)
	}
	if len(docs) != m.Articles {
		t.Fatalf("read %d articles, generated %d", len(docs), m.Articles)
	}
	bp := corpus.NewBoilerplate()
	for _, d := range docs {
		bp.Add(d.Outlet, d.LineKeys())
	}
	var quoted, attributed, unknownOutlet, keptQuotes int
	for _, d := range docs {
		a := corpus.Clean(d, bp)
		if a.Outlet == "unknown" {
			unknownOutlet++
		}
		for _, junk := range []string{"{{free_limit}}", "Skip to content", "/Month", "All rights reserved"} {
			if strings.Contains(a.Text, junk) {
				t.Errorf("%s: cleaned text keeps %q", d.ID, junk)
			}
		}
		if strings.Contains(a.Text, " said") && strings.ContainsAny(a.Text, "\"“") {
			keptQuotes++
		}
		if len(a.Quotes) > 0 {
			quoted++
		}
		for _, q := range a.Quotes {
			if q.Speaker != "" {
				attributed++
				break
			}
		}
	}
	t.Logf("%d articles: %d keep a quote line, %d with quotes found, %d with an attributed quote, %d with unknown outlet",
		len(docs), keptQuotes, quoted, attributed, unknownOutlet)
	if keptQuotes < len(docs)*95/100 {
		t.Errorf("%d of %d cleaned articles keep a quoted line: every generated story quotes someone", keptQuotes, len(docs))
	}
}
