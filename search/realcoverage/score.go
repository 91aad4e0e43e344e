package realcoverage

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Outcome is how one system did on one question.
type Outcome struct {
	Rank     int // 1-based rank of the first reply holding a key phrase; 0 for none
	Declined bool
	Top      string // the first reply, for reports
}

// Result is every system's outcome on every question.
type Result struct {
	Systems   []string
	Questions []Question
	Classes   [][]string // per question, the classes it belongs to
	Outcomes  [][]Outcome
}

// Evaluate asks every question of every system that systems gives for its
// story: a server follows one story, and its members ask without naming
// it. A system error fails the run: an error is never scored as a
// decline.
func Evaluate(ctx context.Context, s *Set, systems func(story string) ([]System, error)) (*Result, error) {
	an := englishAnalyzer()
	r := &Result{Questions: s.Questions}
	for _, q := range s.Questions {
		systems, err := systems(q.Story)
		if err != nil {
			return nil, err
		}
		if r.Systems == nil {
			for _, sys := range systems {
				r.Systems = append(r.Systems, sys.Name())
			}
		}
		r.Classes = append(r.Classes, classesOf(an, s, q))
		var row []Outcome
		for _, sys := range systems {
			replies, err := sys.Ask(ctx, q.Question)
			if err != nil {
				return nil, fmt.Errorf("%s: question %s %q: %w", sys.Name(), q.ID, q.Question, err)
			}
			o := Outcome{Declined: len(replies) == 0}
			if len(replies) > 0 {
				o.Top = replies[0].Text
			}
			for i, rep := range replies {
				if i == 3 {
					break
				}
				if q.Answerable() && holds(rep.Text, q.Expect) {
					o.Rank = i + 1
					break
				}
			}
			row = append(row, o)
		}
		r.Outcomes = append(r.Outcomes, row)
	}
	return r, nil
}

// classesOf names the rows q counts in besides "all".
func classesOf(an analysis.Analyzer, s *Set, q Question) []string {
	var cs []string
	if !q.Answerable() {
		return []string{"unanswerable"}
	}
	if q.Answer != "" {
		if sharedWords(an, q.Question, q.Answer) <= 1 {
			cs = append(cs, "paraphrased")
		} else {
			cs = append(cs, "literal")
		}
	}
	if q.Type != "" {
		cs = append(cs, "type "+q.Type)
	}
	if q.TimeQualified {
		cs = append(cs, "time-qualified")
	}
	if q.SpeakerNamed {
		cs = append(cs, "speaker-named")
	}
	if q.NonEnglishOnly {
		cs = append(cs, "non-English only")
	}
	if q.MultiSentence {
		cs = append(cs, "two sentences or a list")
	}
	return cs
}

// Figures are one system's figures over a set of questions.
type Figures struct {
	Answerable, Hit1, Hit3, FalseDeclines int
	Unanswerable, Declined                int
}

// figures sums system i's outcomes over the questions keep selects.
func (r *Result) figures(i int, keep func(q int) bool) Figures {
	var f Figures
	for qi, q := range r.Questions {
		if !keep(qi) {
			continue
		}
		o := r.Outcomes[qi][i]
		if !q.Answerable() {
			f.Unanswerable++
			if o.Declined {
				f.Declined++
			}
			continue
		}
		f.Answerable++
		if o.Declined {
			f.FalseDeclines++
		}
		if o.Rank == 1 {
			f.Hit1++
		}
		if o.Rank >= 1 && o.Rank <= 3 {
			f.Hit3++
		}
	}
	return f
}

// Figures returns system's figures on half ("" for both).
func (r *Result) Figures(system string, half Half) Figures {
	for i, name := range r.Systems {
		if name == system {
			return r.figures(i, func(q int) bool { return half == "" || HalfOf(r.Questions[q].ID) == half })
		}
	}
	return Figures{}
}

func ratio(n, d int) string {
	if d == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(n)/float64(d))
}

// WriteTable prints, for each half and each class, every system's hit@1,
// hit@3 and declines side by side.
func (r *Result) WriteTable(w io.Writer, halves ...Half) {
	classes := map[string]bool{}
	for _, cs := range r.Classes {
		for _, c := range cs {
			classes[c] = true
		}
	}
	rows := []string{"all"}
	var rest []string
	for c := range classes {
		rest = append(rest, c)
	}
	sort.Strings(rest)
	rows = append(rows, rest...)

	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	for _, half := range halves {
		title := string(half)
		if half == "" {
			title = "both halves"
		}
		fmt.Fprintf(tw, "%s\tn\t", title)
		for _, s := range r.Systems {
			fmt.Fprintf(tw, "%s hit@1\thit@3\tdeclined\t", s)
		}
		fmt.Fprintln(tw)
		for _, row := range rows {
			keep := func(q int) bool {
				if half != "" && HalfOf(r.Questions[q].ID) != half {
					return false
				}
				if row == "all" {
					return true
				}
				for _, c := range r.Classes[q] {
					if c == row {
						return true
					}
				}
				return false
			}
			n := 0
			for q := range r.Questions {
				if keep(q) {
					n++
				}
			}
			if n == 0 {
				continue
			}
			fmt.Fprintf(tw, "%s\t%d\t", row, n)
			for i := range r.Systems {
				f := r.figures(i, keep)
				if row == "unanswerable" {
					fmt.Fprintf(tw, "\t\t%s (%d/%d)\t", ratio(f.Declined, f.Unanswerable), f.Declined, f.Unanswerable)
					continue
				}
				fmt.Fprintf(tw, "%s (%d)\t%s (%d)\t%s (%d)\t", ratio(f.Hit1, f.Answerable), f.Hit1, ratio(f.Hit3, f.Answerable), f.Hit3, ratio(f.FalseDeclines, f.Answerable), f.FalseDeclines)
			}
			fmt.Fprintln(tw)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// WriteMisses lists the questions of half that system got wrong, with its
// first reply: for the tuning half, to learn from; for the check half,
// only to report.
func (r *Result) WriteMisses(w io.Writer, system string, half Half, deeper func(q Question) string) {
	si := -1
	for i, s := range r.Systems {
		if s == system {
			si = i
		}
	}
	for qi, q := range r.Questions {
		if half != "" && HalfOf(q.ID) != half || si < 0 {
			continue
		}
		o := r.Outcomes[qi][si]
		wrong := ""
		switch {
		case !q.Answerable() && !o.Declined:
			wrong = "answered"
		case q.Answerable() && o.Declined:
			wrong = "declined"
		case q.Answerable() && o.Rank != 1:
			wrong = fmt.Sprintf("rank %d", o.Rank)
		}
		if wrong == "" {
			continue
		}
		top := o.Top
		if len(top) > 160 {
			top = top[:160] + "…"
		}
		fmt.Fprintf(w, "%s [%s] %s — %s\n    want %s\n    got  %s\n", q.ID, strings.Join(r.Classes[qi], ", "), q.Question, wrong, strings.Join(q.Expect, " | "), top)
		if deeper != nil && q.Answerable() {
			fmt.Fprintf(w, "    %s\n", deeper(q))
		}
	}
}
