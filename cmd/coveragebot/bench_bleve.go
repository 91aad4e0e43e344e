package main

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/coveragebot/coveragebot/corpus"
)

// The plain bleve baseline the benchmark compares with: what a developer
// gets from bleve in an afternoon. Each article is one document under the
// default mapping (dynamic fields, stored, _all), read with the same
// corpus reader but never cleaned, and a question is a match query over
// _all with highlighting. Its indexing times leave reading the files out
// (the "plain bleve indexes roughly 6,000 2-KB articles/s" is
// bleve alone), so the comparison is against the strongest baseline.

// plainDoc is one article as the baseline indexes it.
type plainDoc struct {
	Title     string
	Outlet    string
	URL       string
	Published time.Time
	Text      string
}

// plainBatchSize is bleve's sweet spot for batch indexing.
const plainBatchSize = 1000

func newPlainDoc(d *corpus.Document) plainDoc {
	var b strings.Builder
	for i, l := range d.Lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.Text)
	}
	return plainDoc{Title: d.Title, Outlet: d.Outlet, URL: d.URL, Published: d.Published, Text: b.String()}
}

// plainIndexFiles reads paths from fsys and indexes every article in them,
// in batches; it returns how many articles it indexed and the time spent
// in bleve (reading excluded).
func plainIndexFiles(ctx context.Context, idx bleve.Index, fsys fs.FS, paths []string) (n int, inBleve time.Duration, err error) {
	batch := idx.NewBatch()
	flush := func() error {
		start := time.Now()
		defer func() { inBleve += time.Since(start) }()
		if err := idx.Batch(batch); err != nil {
			return fmt.Errorf("baseline: batch: %w", err)
		}
		batch.Reset()
		return nil
	}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return n, inBleve, err
		}
		docs, _, err := corpus.ReadFile(ctx, fsys, p)
		if err != nil {
			continue // the pipeline under test skips the same files
		}
		start := time.Now()
		for _, d := range docs {
			if err := batch.Index(d.ID, newPlainDoc(d)); err != nil {
				return n, inBleve, fmt.Errorf("baseline: index %s: %w", d.ID, err)
			}
			n++
		}
		inBleve += time.Since(start)
		if batch.Size() >= plainBatchSize {
			if err := flush(); err != nil {
				return n, inBleve, err
			}
		}
	}
	if batch.Size() > 0 {
		if err := flush(); err != nil {
			return n, inBleve, err
		}
	}
	return n, inBleve, nil
}

// plainBuild indexes the whole corpus into a new index at dir; took is
// the time spent creating, filling and closing the index.
func plainBuild(ctx context.Context, fsys fs.FS, dir string) (articles int, took time.Duration, err error) {
	files, _, err := corpus.Scan(ctx, fsys)
	if err != nil {
		return 0, 0, fmt.Errorf("baseline: scan corpus: %w", err)
	}
	start := time.Now()
	idx, err := bleve.New(dir, bleve.NewIndexMapping())
	if err != nil {
		return 0, 0, fmt.Errorf("baseline: create index %s: %w", dir, err)
	}
	took = time.Since(start)
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	n, inBleve, err := plainIndexFiles(ctx, idx, fsys, paths)
	start = time.Now()
	if cerr := idx.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("baseline: close index: %w", cerr)
	}
	return n, took + inBleve + time.Since(start), err
}

// plainAsk runs a question the baseline way: a match query with
// highlighting, five hits. With top set it also fetches the top article's
// text, which the timed runs never do.
func plainAsk(ctx context.Context, idx bleve.Index, question string, top bool) (hits int, text string, err error) {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(question), 5, 0, false)
	req.Highlight = bleve.NewHighlight()
	if top {
		req.Fields = []string{"Text"}
	}
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return 0, "", fmt.Errorf("baseline: search %q: %w", question, err)
	}
	if top && len(res.Hits) > 0 {
		text, _ = res.Hits[0].Fields["Text"].(string)
	}
	return len(res.Hits), text, nil
}
