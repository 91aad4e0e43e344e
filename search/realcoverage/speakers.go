package realcoverage

import (
	"context"
	"fmt"
	"strings"

	"github.com/coveragebot/coveragebot/corpus"
)

// ArticleSource gives a cleaned article by its id (its path in the
// corpus); *search.Index is one.
type ArticleSource interface {
	Article(ctx context.Context, id string) (*corpus.Article, error)
}

// SpeakerFigures score speaker attribution against the hand marks.
type SpeakerFigures struct {
	Marks     int // hand-marked quotes with a speaker
	Unmarked  int // hand-marked quotes the article attributes to nobody
	NotFound  int // marked quotes the cleaner did not find as a quote
	Predicted int // found quotes it gave a speaker
	Right     int // ... the right one
	Wrong     []string
	// Missed lists the marks with a speaker that got none: not found as
	// a quote, or found and given nobody. Only development sets print it.
	Missed []string
}

// Precision is right speakers over speakers given.
func (f SpeakerFigures) Precision() float64 { return div(f.Right, f.Predicted) }

// Recall is right speakers over quotes marked with one.
func (f SpeakerFigures) Recall() float64 { return div(f.Right, f.Marks) }

func div(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// ScoreSpeakers finds each hand-marked quote among the quotes the cleaner
// found in its article and compares speakers.
func ScoreSpeakers(ctx context.Context, marks []SpeakerMark, src ArticleSource) (SpeakerFigures, error) {
	var f SpeakerFigures
	for _, m := range marks {
		if m.Speaker == "" {
			f.Unmarked++
		} else {
			f.Marks++
		}
		a, err := src.Article(ctx, m.File)
		if err != nil {
			return f, fmt.Errorf("speaker mark %q: article %s: %w", m.Quote, m.File, err)
		}
		q, ok := findQuote(a, m.Quote)
		if !ok {
			f.NotFound++
			if m.Speaker != "" {
				f.Missed = append(f.Missed, fmt.Sprintf("%s: %q not found as a quote, marked %s", m.File, m.Quote, m.Speaker))
			}
			continue
		}
		if q.Speaker == "" {
			if m.Speaker != "" {
				f.Missed = append(f.Missed, fmt.Sprintf("%s: %q → nobody, marked %s", m.File, m.Quote, m.Speaker))
			}
			continue
		}
		f.Predicted++
		if m.Speaker != "" && sameSpeaker(q.Speaker, m.Speaker) {
			f.Right++
			continue
		}
		want := m.Speaker
		if want == "" {
			want = "(nobody)"
		}
		f.Wrong = append(f.Wrong, fmt.Sprintf("%s: %q → %s, marked %s", m.File, m.Quote, q.Speaker, want))
	}
	return f, nil
}

// findQuote is the quote of a holding piece, or held by it.
func findQuote(a *corpus.Article, piece string) (corpus.Quote, bool) {
	p := fold(strings.Trim(piece, ` "“”‘’'`))
	for _, q := range a.Quotes {
		t := fold(a.QuoteText(q))
		if p != "" && t != "" && (strings.Contains(t, p) || len(t) >= 20 && strings.Contains(p, t)) {
			return q, true
		}
	}
	return corpus.Quote{}, false
}
