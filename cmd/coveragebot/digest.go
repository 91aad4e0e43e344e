package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coveragebot/coveragebot/bot"
	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

const digestUsage = `Usage: coveragebot digest [--corpus DIR] [--index DIR] [--since 24h] [--json]

Prints the digest of the coverage first seen in the period: the articles
grouped into stories, largest first, each with its outlets, the quote most
widely reported, the figures the outlets disagree on and the copies of one
wire report. It is the same digest the Discord bot posts. The index is
brought up to date first; articles it sees for the first time count as new.

Flags:
`

func runDigest(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	fs.SetOutput(twoDashes{e.stderr})
	fs.Usage = func() {
		fmt.Fprint(e.stderr, digestUsage)
		printFlags(fs)
	}
	cf := addCorpusFlags(fs)
	since := period(24 * time.Hour)
	fs.Var(&since, "since", "how far back \"new\" goes: a `period` such as 24h, 90m, 1d, 2w or 1d12h")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "coveragebot digest: unexpected argument %q\n\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	if since <= 0 {
		return fmt.Errorf("--since %v is not a period: pass a positive duration such as 24h or 1d", since.String())
	}

	ix, _, _, err := openIndex(ctx, e, cf.corpus, cf.index, "", search.Options{})
	if err != nil {
		return err
	}
	defer ix.Close()
	now := time.Now()
	d, err := ix.Digest(ctx, now.Add(-time.Duration(since)), now)
	if err != nil {
		return fmt.Errorf("build the digest: %w", err)
	}
	if *asJSON {
		return writeDigestJSON(e.stdout, d)
	}
	return writeDigestText(e.stdout, d, "first seen in the last "+since.String(), textWidth(e.stdout))
}

// startLive starts what keeps a running bot current: a watcher that brings
// new, changed and deleted corpus files into the index within seconds (when
// the corpus is a folder), and the daily digest scheduler (when there is a
// bot token to post with). It returns the /digest command to register and a
// stop function that ends both and waits for them, to be called before the
// index closes. The scheduler and /digest tell the time by clk.
func startLive(ctx context.Context, ix *search.Index, info corpusInfo, store *bot.Store, clk clock, token, apiBase string, log *slog.Logger) (bot.Command, func(), error) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	stop := func() { cancel(); wg.Wait() }

	if !info.Sample() {
		wlog := log.With("component", "watch")
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := search.Watch(ctx, ix, info.Dir, search.WatchOptions{Updated: func(sum search.UpdateSummary, err error) {
				switch {
				case err != nil:
					wlog.Warn("corpus update failed; will retry on the next change or rescan", "err", err)
				case sum.Added+sum.Changed+sum.Removed > 0:
					wlog.Info("corpus updated", "added", sum.Added, "changed", sum.Changed, "removed", sum.Removed, "articles", sum.Articles)
				}
			}})
			if err != nil {
				wlog.Error("cannot watch the corpus folder; new files reach the index on restart only", "err", err)
			}
		}()
	}

	cfg := bot.SchedulerConfig{Store: store, Source: ix, Clock: clk, Logger: log.With("component", "digest")}
	if token != "" {
		rest, err := bot.NewRESTSession(token, apiBase)
		if err != nil {
			stop()
			return bot.Command{}, nil, err
		}
		cfg.Sender = bot.SessionSender{Session: rest}
	}
	// without a token the scheduler only previews: /digest preview works,
	// and subscriptions are kept for when the token is set
	sched := bot.NewScheduler(cfg)
	if sched.Posting() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = sched.Run(ctx)
		}()
	} else {
		log.Warn("DISCORD_TOKEN is not set: daily digests are not posted (subscriptions are kept; /digest preview works)")
	}
	return bot.NewDigests(store, sched, clk).Command(), stop, nil
}

// period is a --since value: a Go duration (90m, 36h) or whole days and
// weeks, alone or before one (1d, 2w, 1w2d, 1d12h).
type period time.Duration

func (p *period) String() string { return formatPeriod(time.Duration(*p)) }

// Set implements flag.Value.
func (p *period) Set(s string) error {
	d, err := parsePeriod(s)
	if err != nil {
		return err
	}
	*p = period(d)
	return nil
}

func parsePeriod(s string) (time.Duration, error) {
	bad := fmt.Errorf("%q is not a period: give it as 24h, 90m, 1d or 2w", s)
	rest := strings.TrimSpace(s)
	neg := strings.HasPrefix(rest, "-")
	rest = strings.TrimPrefix(rest, "-")
	if rest == "" {
		return 0, bad
	}
	var total time.Duration
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) || (rest[i] != 'd' && rest[i] != 'w') {
			break
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n > 10000 {
			return 0, bad
		}
		unit := 24 * time.Hour
		if rest[i] == 'w' {
			unit *= 7
		}
		total += time.Duration(n) * unit
		rest = rest[i+1:]
	}
	if rest != "" {
		d, err := time.ParseDuration(rest)
		if err != nil || d < 0 {
			return 0, bad
		}
		total += d
	}
	if neg {
		total = -total
	}
	return total, nil
}

// formatPeriod prints a --since duration as people write it: 24h, 1h30m.
func formatPeriod(d time.Duration) string {
	// Two days and more in the units --since takes: "2w", "10d", "1d12h"
	// rather than "336h", "240h", "36h" (a day and less stays in hours).
	const day, week = 24 * time.Hour, 7 * 24 * time.Hour
	if d >= 2*day && d%time.Hour == 0 {
		var b strings.Builder
		if d%week == 0 {
			return strconv.FormatInt(int64(d/week), 10) + "w"
		}
		b.WriteString(strconv.FormatInt(int64(d/day), 10) + "d")
		if h := d % day; h > 0 {
			b.WriteString(strconv.FormatInt(int64(h/time.Hour), 10) + "h")
		}
		return b.String()
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// writeDigestText prints the digest for a person at a terminal; period says
// what "new" means ("first seen in the last 24h").
func writeDigestText(w io.Writer, d search.Digest, period string, width int) error {
	var b strings.Builder
	outlets := map[string]bool{}
	for _, s := range d.Stories {
		for _, o := range s.Outlets {
			if o != "" && o != string(corpus.OutletUnknown) {
				outlets[o] = true // "unknown" is no outlet
			}
		}
	}
	if len(d.Stories) == 0 {
		writeWrapped(&b, "No new coverage: nothing "+period+".", "", width)
		_, err := io.WriteString(w, b.String())
		return err
	}
	stories := plural(len(d.Stories), "story")
	if len(d.Stories) != 1 {
		stories = fmt.Sprintf("%d stories", len(d.Stories))
	}
	writeWrapped(&b, fmt.Sprintf("Coverage digest: %s, %s from %s, %s.", stories,
		plural(d.Articles, "article"), plural(len(outlets), "outlet"), period), "", width)
	if d.Omitted > 0 {
		writeWrapped(&b, fmt.Sprintf("(%s first seen earlier in the period left out: a digest groups the newest %d.)",
			plural(d.Omitted, "more article"), search.MaxDigestArticles), "", width)
	}
	for i, s := range d.Stories {
		b.WriteString("\n")
		headline := strings.TrimSpace(s.Headline)
		if headline == "" {
			// no article gave a title or an opening sentence: the story
			// keeps its number, as on Discord
			headline = "Untitled story"
		}
		writeWrapped(&b, headline, fmt.Sprintf("%d. ", i+1), width)
		names := make([]string, 0, len(s.Outlets))
		for _, o := range s.Outlets {
			if o != "" && o != string(corpus.OutletUnknown) {
				names = append(names, outletLabel(o))
			}
		}
		unknown := 0
		for _, a := range s.Articles {
			if a.Outlet == "" || a.Outlet == string(corpus.OutletUnknown) {
				unknown++
			}
		}
		line := plural(len(names), "outlet") + ": " + strings.Join(names, ", ")
		switch {
		case unknown > 0 && len(names) == 0:
			line = "outlet unknown (" + plural(unknown, "article") + ")"
		case unknown > 0:
			line += " (and " + plural(unknown, "article") + " from an unknown outlet)"
		}
		writeWrapped(&b, line, "   ", width)
		for _, a := range s.Articles {
			writeWrapped(&b, digestArticleText(a), "   - ", width)
		}
		if q := s.TopQuote; q != nil {
			opening, closing := corpus.QuoteMarks(q.Text)
			quote := opening + q.Text + closing
			if q.Speaker != "" {
				quote += " — " + q.Speaker
			}
			writeWrapped(&b, quote, "   Top quote: ", width)
			writeWrapped(&b, "reported by "+strings.Join(digestReportOutlets(q.Reports), ", "), "              ", width)
		}
		for _, dis := range s.Disagreements {
			writeWrapped(&b, "Outlets disagree: "+dis.Claim, "   ", width)
			for _, f := range dis.Figures {
				who := outletLabel(f.Outlet)
				if !f.Published.IsZero() {
					who += ", " + formatPublished(f.Published)
				}
				writeWrapped(&b, fmt.Sprintf("%s — %s: “%s”", f.Text, who, f.Sentence), "     - ", width)
			}
		}
		for _, syn := range s.Syndicated {
			report := "report"
			if syn.Agency != "" {
				report = syn.Agency + " report"
			}
			writeWrapped(&b, fmt.Sprintf("Same report: %s — same %s (copies, not independent confirmation)", strings.Join(syn.Outlets, ", "), report), "   ", width)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func digestArticleText(a search.StoryArticle) string {
	parts := []string{outletLabel(a.Outlet)}
	if a.Title != "" {
		parts = append(parts, a.Title)
	}
	if p := formatPublished(a.Published); p != "" {
		parts = append(parts, p)
	}
	parts = append(parts, a.Path)
	if a.URL != "" {
		parts = append(parts, a.URL)
	}
	s := strings.Join(parts, " — ")
	if a.Truncated {
		s += " (cut short)"
	}
	return s
}

// outletLabel names an outlet for a reader: "unknown outlet" rather than
// the corpus's bare "unknown".
func outletLabel(o string) string {
	if o == "" || o == string(corpus.OutletUnknown) {
		return "unknown outlet"
	}
	return o
}

func digestReportOutlets(reports []search.Report) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range search.SortReports(reports) {
		name := outletLabel(r.Outlet)
		if r.Outlet == "" || r.Outlet == string(corpus.OutletUnknown) {
			name += " (" + r.Article + ")"
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// digestJSON is the --json output: the same stories as the text and the
// Discord post. Its shape is a promise to scripts.
type digestJSON struct {
	Since    string `json:"since"`
	Until    string `json:"until"`
	Articles int    `json:"articles"`
	// Omitted counts older new articles left out (search.MaxDigestArticles).
	Omitted int         `json:"omitted,omitempty"`
	Stories []storyJSON `json:"stories"`
}

type storyJSON struct {
	Headline      string             `json:"headline"`
	Outlets       []string           `json:"outlets"`
	Articles      []storyArticleJSON `json:"articles"`
	TopQuote      *topQuoteJSON      `json:"top_quote"`
	Disagreements []disagreementJSON `json:"disagreements"`
	Syndicated    []syndicationJSON  `json:"syndicated"`
}

type storyArticleJSON struct {
	ID        string  `json:"id"`
	Article   string  `json:"article"`
	Outlet    string  `json:"outlet"`
	URL       *string `json:"url"`
	Title     *string `json:"title"`
	Published *string `json:"published"`
	FirstSeen *string `json:"first_seen"`
	Truncated bool    `json:"truncated"`
}

type topQuoteJSON struct {
	Quote   string       `json:"quote"`
	Speaker *string      `json:"speaker"`
	Outlets []outletJSON `json:"outlets"`
}

type disagreementJSON struct {
	Claim   string       `json:"claim"`
	Figures []figureJSON `json:"figures"`
}

type figureJSON struct {
	Figure    string  `json:"figure"`
	Value     float64 `json:"value"`
	Qualifier *string `json:"qualifier"`
	Sentence  string  `json:"sentence"`
	Outlet    string  `json:"outlet"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
	Article   string  `json:"article"`
}

type syndicationJSON struct {
	Outlets  []string `json:"outlets"`
	Articles []string `json:"articles"`
	Agency   *string  `json:"agency"`
}

func writeDigestJSON(w io.Writer, d search.Digest) error {
	out := digestJSON{
		Since: d.Since.UTC().Format(time.RFC3339), Until: d.Until.UTC().Format(time.RFC3339),
		Articles: d.Articles, Omitted: d.Omitted, Stories: make([]storyJSON, 0, len(d.Stories)),
	}
	for _, s := range d.Stories {
		sj := storyJSON{Headline: s.Headline, Outlets: s.Outlets, Articles: []storyArticleJSON{},
			Disagreements: []disagreementJSON{}, Syndicated: []syndicationJSON{}}
		paths := map[string]string{}
		for _, a := range s.Articles {
			paths[a.ID] = a.Path
			var seen *string
			if !a.FirstSeen.IsZero() {
				seen = optional(a.FirstSeen.UTC().Format(time.RFC3339))
			}
			sj.Articles = append(sj.Articles, storyArticleJSON{ID: a.ID, Article: a.Path, Outlet: a.Outlet, URL: optional(a.URL),
				Title: optional(a.Title), Published: optional(formatPublished(a.Published)), FirstSeen: seen, Truncated: a.Truncated})
		}
		if q := s.TopQuote; q != nil {
			tq := &topQuoteJSON{Quote: q.Text, Speaker: optional(q.Speaker), Outlets: []outletJSON{}}
			for _, r := range search.SortReports(q.Reports) {
				tq.Outlets = append(tq.Outlets, outletJSON{Outlet: r.Outlet, URL: optional(r.URL), Published: optional(formatPublished(r.Published)),
					Article: r.Article, Truncated: r.Truncated})
			}
			sj.TopQuote = tq
		}
		for _, dis := range s.Disagreements {
			dj := disagreementJSON{Claim: dis.Claim, Figures: []figureJSON{}}
			for _, f := range dis.Figures {
				dj.Figures = append(dj.Figures, figureJSON{Figure: f.Text, Value: f.Value, Qualifier: optional(f.Qualifier), Sentence: f.Sentence,
					Outlet: f.Outlet, URL: optional(f.URL), Published: optional(formatPublished(f.Published)), Article: paths[f.ArticleID]})
			}
			sj.Disagreements = append(sj.Disagreements, dj)
		}
		for _, syn := range s.Syndicated {
			// by id, as stories[].articles[].id: a JSON lines file holds
			// many articles, and its path names none of them
			arts := append([]string(nil), syn.ArticleIDs...)
			sj.Syndicated = append(sj.Syndicated, syndicationJSON{Outlets: syn.Outlets, Articles: arts, Agency: optional(syn.Agency)})
		}
		out.Stories = append(out.Stories, sj)
	}
	return encodeJSON(w, "digest", out)
}
