package realcoverage

import (
	"context"
	"fmt"
	"html"
	"io/fs"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

// Reply is one answer a system shows, best first.
type Reply struct {
	Text    string
	Speaker string
	Quote   bool
}

// System answers a question with replies, best first; none means it
// declined.
type System interface {
	Name() string
	Ask(ctx context.Context, question string) ([]Reply, error)
}

// Bot is Coverage Bot's own answering.
type Bot struct {
	Index *search.Index
	// Limit is how many answers to ask for; 0 is the bot's own default.
	// The misses report asks for more, to show where the right one was.
	Limit int
}

// Name implements System.
func (Bot) Name() string { return "Coverage Bot" }

// Ask implements System.
func (b Bot) Ask(ctx context.Context, question string) ([]Reply, error) {
	// The bot's own limit: what it shows, of which the first three count.
	res, err := b.Index.Answer(ctx, search.Question{Text: question, Limit: b.Limit})
	if err != nil {
		return nil, err
	}
	out := make([]Reply, len(res.Answers))
	for i, a := range res.Answers {
		out[i] = Reply{Text: a.Text, Speaker: a.Speaker, Quote: a.Quote}
	}
	return out, nil
}

// Plain is the baseline: what a developer gets from bleve in an
// afternoon. Each article file is one document under bleve's default
// mapping, uncleaned; a question is a match query, and each hit is shown
// as its best highlighted fragment.
type Plain struct{ index bleve.Index }

// plainDoc is an article as the baseline indexes it.
type plainDoc struct {
	Title string
	Text  string
}

// NewPlain indexes every article file of fsys in memory the baseline way.
func NewPlain(ctx context.Context, fsys fs.FS) (*Plain, error) {
	idx, err := bleve.NewMemOnly(bleve.NewIndexMapping())
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	files, _, err := corpus.Scan(ctx, fsys)
	if err != nil {
		return nil, fmt.Errorf("baseline: scan: %w", err)
	}
	batch := idx.NewBatch()
	for _, f := range files {
		docs, _, err := corpus.ReadFile(ctx, fsys, f.Path)
		if err != nil {
			continue // Coverage Bot skips the same files
		}
		for _, d := range docs {
			var b strings.Builder
			for _, l := range d.Lines {
				b.WriteString(l.Text)
				b.WriteByte('\n')
			}
			if err := batch.Index(d.ID, plainDoc{Title: d.Title, Text: b.String()}); err != nil {
				return nil, fmt.Errorf("baseline: index %s: %w", d.ID, err)
			}
		}
	}
	if err := idx.Batch(batch); err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return &Plain{index: idx}, nil
}

// Name implements System.
func (*Plain) Name() string { return "plain bleve" }

// Ask implements System.
func (p *Plain) Ask(ctx context.Context, question string) ([]Reply, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(question), 3, 0, false)
	req.Highlight = bleve.NewHighlight()
	req.Highlight.AddField("Text")
	res, err := p.index.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var out []Reply
	for _, h := range res.Hits {
		out = append(out, Reply{Text: bestFragment(h)})
	}
	return out, nil
}

// bestFragment is the first (best) fragment bleve's highlighter gives a
// hit, markup removed.
func bestFragment(h *bsearch.DocumentMatch) string {
	frags := h.Fragments["Text"]
	if len(frags) == 0 {
		return ""
	}
	r := strings.NewReplacer("<mark>", "", "</mark>", "")
	return html.UnescapeString(r.Replace(frags[0]))
}

// Close releases the baseline's index.
func (p *Plain) Close() error { return p.index.Close() }
