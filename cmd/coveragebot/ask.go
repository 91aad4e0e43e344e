package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

const askUsage = `Usage: coveragebot ask [--corpus DIR] [--index DIR] [--limit N] [--json] "question"

Answers a question from the coverage with the exact words, who said them and
every outlet that reported them. The index is built or brought up to date
first, so a fresh corpus folder can be asked straight away.

Example:
  coveragebot ask "What did the mayor say about the Old Mill Bridge?"

Flags:
`

// maxLimit bounds --limit: beyond it answers stop being read.
const maxLimit = 50

func runAsk(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(twoDashes{e.stderr})
	fs.Usage = func() {
		fmt.Fprint(e.stderr, askUsage)
		printFlags(fs)
	}
	cf := addCorpusFlags(fs)
	limit := fs.Int("limit", 5, fmt.Sprintf("at most `N` answers (1 to %d)", maxLimit))
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	question := strings.TrimSpace(strings.Join(words, " "))
	if question == "" {
		fmt.Fprint(e.stderr, "coveragebot ask: no question given\n\n")
		fs.Usage()
		return errUsage
	}
	if *limit < 1 || *limit > maxLimit {
		return fmt.Errorf("--limit %d is out of range: pass a number from 1 to %d", *limit, maxLimit)
	}

	progress := newProgressLine(e.stderr)
	ix, info, sum, err := openIndex(ctx, e, cf.corpus, cf.index, "", search.Options{Progress: progress.update})
	progress.clear()
	if err != nil {
		return err
	}
	defer ix.Close()
	if n := len(sum.Skipped); n > 0 && sum.Added+sum.Changed+sum.Removed > 0 {
		// Only when the corpus changed, so asking again does not nag.
		fmt.Fprintf(e.stderr, "coveragebot: %s skipped while indexing; run \"coveragebot index\" (with the same --corpus) to see which and why\n", plural(n, "file"))
	}

	ans, err := ix.Answer(ctx, search.Question{Text: question, Limit: *limit})
	if *asJSON && errors.Is(err, search.ErrEmptyQuestion) {
		// A script gets its one object: a question of no words names
		// nothing to look for, as one of only question words does.
		ans, err = search.Answers{Question: question, NoTopic: true}, nil
	}
	if err != nil {
		return askError(question, err)
	}
	if *asJSON {
		return writeAnswersJSON(e.stdout, question, ans)
	}
	return writeAnswersText(e.stdout, info, ans, textWidth(e.stdout))
}

// askError says what to do about a question search refused, without
// echoing the question or search's wording; anything else is wrapped.
func askError(question string, err error) error {
	switch {
	case errors.Is(err, search.ErrQuestionTooLong):
		return fmt.Errorf("the question is too long (%d characters; at most %d are read): shorten it",
			utf8.RuneCountInString(question), search.MaxQuestionLength)
	case errors.Is(err, search.ErrEmptyQuestion):
		return errors.New(`the question has no words to search for: ask in words, e.g. "What did the minister say about the talks?"`)
	}
	return fmt.Errorf("answer the question: %w", err)
}

// parseInterspersed parses flags wherever they appear among the words, so
// `ask "question" --json` works as well as `ask --json "question"`. The flag
// package stops at the first non-flag; this picks the word up and carries
// on. Everything after "--" is words, even when it starts with a dash.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return words, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(words, rest...), nil
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
}

// textWidth is the width to wrap quotes to: the terminal's, within reason,
// or 80 columns for anything else so piped output is stable.
func textWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width >= 40 {
			return min(width, 100)
		}
	}
	return 80
}

// askJSON is the --json output. Its shape is a promise to scripts: change it
// only with the schema test.
type askJSON struct {
	Question string       `json:"question"`
	Answers  []answerJSON `json:"answers"`
	// NoTopic is set (and only then printed) when the question names
	// nothing to look for: answers is empty without a search.
	NoTopic bool    `json:"no_topic,omitempty"`
	TookMS  float64 `json:"took_ms"`
}

type answerJSON struct {
	Quote string `json:"quote"`
	// Kind is "quote" for someone's quoted words, "reporting" for the
	// outlet's own sentence.
	Kind    string  `json:"kind"`
	Speaker *string `json:"speaker"`
	// Quoting, for the outlet's own sentence, names whose words it
	// quotes in part ('… "are prepared to entertain such an exchange",
	// he said.'); null otherwise.
	Quoting *string      `json:"quoting"`
	Outlets []outletJSON `json:"outlets"`
	Score   float64      `json:"score"`
}

type outletJSON struct {
	Outlet    string  `json:"outlet"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
	Article   string  `json:"article"`
	// Truncated reports whether the outlet's article was cut short (a
	// paywall or a cut-off scrape).
	Truncated bool `json:"truncated"`
}

func writeAnswersJSON(w io.Writer, question string, ans search.Answers) error {
	out := askJSON{
		Question: question,
		Answers:  make([]answerJSON, 0, len(ans.Answers)),
		NoTopic:  ans.NoTopic,
		TookMS:   float64(ans.Took) / float64(time.Millisecond),
	}
	for _, a := range ans.Answers {
		kind := "reporting"
		if a.Quote {
			kind = "quote"
		}
		aj := answerJSON{Quote: a.Text, Kind: kind, Speaker: optional(a.Speaker), Quoting: optional(a.Quoting), Score: a.Score, Outlets: make([]outletJSON, 0, len(a.Reports))}
		for _, r := range search.SortReports(a.Reports) {
			aj.Outlets = append(aj.Outlets, outletJSON{
				Outlet:    r.Outlet,
				URL:       optional(r.URL),
				Published: optional(formatPublished(r.Published)),
				Article:   r.Article,
				Truncated: r.Truncated,
			})
		}
		out.Answers = append(out.Answers, aj)
	}
	return encodeJSON(w, "answers", out)
}

// encodeJSON writes v as indented JSON, leaving <, > and & as they are
// (quotes are read by people and scripts, not embedded in HTML).
func encodeJSON(w io.Writer, what string, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// formatPublished prints a date alone when that is all the outlet gave
// (midnight UTC), the full RFC 3339 time otherwise, "" when unknown.
func formatPublished(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if t.Location() == time.UTC && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

// writeAnswersText prints answers for a person at a terminal: each quote in
// quotation marks, wrapped, its speaker, then every outlet that reported it
// with date, link and score, and why its article was cut short when it was
// (an answer must not pass a teaser off as the whole story).
func writeAnswersText(w io.Writer, info corpusInfo, ans search.Answers, width int) error {
	var b strings.Builder
	searched := fmt.Sprintf("%s from %s in %s", plural(ans.Searched.Articles, "article"), plural(ans.Searched.Outlets, "outlet"), info.Describe())
	if ans.NoTopic {
		writeWrapped(&b, fmt.Sprintf("“%s” names nothing to look for: it holds only words like what, who, is and it, which every article uses.", ans.Question), "", width)
		writeWrapped(&b, `Tip: name the person, place, event or figure you mean, e.g. "What did the minister say about the talks?"`, "", width)
		_, err := io.WriteString(w, b.String())
		return err
	}
	if len(ans.Answers) == 0 {
		writeWrapped(&b, fmt.Sprintf("Nothing in the coverage answers “%s” (searched %s).", ans.Question, searched), "", width)
		tip := "Tip: ask with words the articles would use, such as a person's name, a place or a number, or leave out words that narrow it down."
		if ans.Searched.Articles == 0 {
			tip = "Tip: " + noArticlesHint(info) + "."
		}
		writeWrapped(&b, tip, "", width)
		_, err := io.WriteString(w, b.String())
		return err
	}
	for i, a := range ans.Answers {
		if i > 0 {
			b.WriteString("\n")
		}
		prefix := fmt.Sprintf("%d. ", i+1)
		indent := strings.Repeat(" ", len(prefix))
		text := a.Text
		if a.Quote {
			opening, closing := corpus.QuoteMarks(text)
			text = opening + text + closing
		}
		for j, line := range wrap(text, width-len(prefix)) {
			if j == 0 {
				b.WriteString(prefix + line + "\n")
			} else {
				b.WriteString(indent + line + "\n")
			}
		}
		switch {
		case a.Quote && a.Speaker != "":
			fmt.Fprintf(&b, "%s— %s\n", indent, a.Speaker)
		case a.Quote:
			fmt.Fprintf(&b, "%s— speaker not named in the coverage\n", indent)
		case a.Quoting != "":
			fmt.Fprintf(&b, "%s(the outlet's words, quoting %s)\n", indent, a.Quoting)
		default:
			fmt.Fprintf(&b, "%s(the outlet's own words, not a quote)\n", indent)
		}
		for _, r := range search.SortReports(a.Reports) {
			line := r.Outlet
			if r.Outlet == string(corpus.OutletUnknown) {
				line = "unknown outlet"
			}
			if d := formatPublished(r.Published); d != "" {
				line += ", " + d[:len(time.DateOnly)]
			}
			if r.URL == "" {
				line += " (" + r.Article + ")"
			}
			if r.Truncated {
				line += " [" + corpus.TruncationNote(r.TruncatedBy) + "]"
			}
			writeWrapped(&b, line, indent+"• ", width)
			if r.URL != "" {
				// A link is never broken across lines, so it stays clickable.
				b.WriteString(indent + "  " + r.URL + "\n")
			}
		}
		fmt.Fprintf(&b, "%sscore %.2f\n", indent, a.Score)
	}
	b.WriteString("\n")
	writeWrapped(&b, fmt.Sprintf("%s, searched %s.", plural(len(ans.Answers), "answer"), searched), "", width)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeWrapped writes text wrapped to width, the first line after prefix and
// the others indented to match it.
func writeWrapped(b *strings.Builder, text, prefix string, width int) {
	indent := strings.Repeat(" ", len([]rune(prefix)))
	for i, line := range wrap(text, width-len(indent)) {
		if i == 0 {
			b.WriteString(prefix + line + "\n")
		} else {
			b.WriteString(indent + line + "\n")
		}
	}
}

// wrap breaks text into lines of at most width runes at spaces; a word
// longer than width gets a line of its own.
func wrap(text string, width int) []string {
	var lines []string
	var line strings.Builder
	n := 0
	for _, word := range strings.Fields(text) {
		wn := len([]rune(word))
		if n > 0 && n+1+wn > width {
			lines = append(lines, line.String())
			line.Reset()
			n = 0
		}
		if n > 0 {
			line.WriteByte(' ')
			n++
		}
		line.WriteString(word)
		n += wn
	}
	if n > 0 {
		lines = append(lines, line.String())
	}
	return lines
}
