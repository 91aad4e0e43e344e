package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/coveragebot/coveragebot/corpus/feed"
	"github.com/coveragebot/coveragebot/corpus/feed/feedbolt"
)

// Environment variables read by the feed commands.
const (
	envFetchContact      = "COVERAGE_FETCH_CONTACT"
	envFetchAllowPrivate = "COVERAGE_FETCH_ALLOW_PRIVATE"
	envFetchInterval     = "COVERAGE_FETCH_INTERVAL"
)

// botAgent is the product token of the fetcher's User-Agent, and the name
// robots.txt rules are matched against.
const botAgent = "CoverageBot"

const feedsUsage = `Usage: coveragebot feeds COMMAND [flags]

Follows outlets' feeds (RSS, Atom, JSON Feed) and writes each new article
into the corpus folder's feeds/ sub-folder, where index, ask and the
running bot read it like any other article.

Commands:
  add URL [--name NAME] [--every 15m]
                          follow a feed (or a site whose home page announces one)
                          and take in its items now
  list                    the feeds followed, with their health
  remove URL|NAME         stop following a feed (its articles stay)
  fetch                   fetch every feed now, once

Every command takes --corpus DIR (default $COVERAGE_CORPUS). Fetching
needs $COVERAGE_FETCH_CONTACT: a url or e-mail address where site owners
can reach you, sent in the User-Agent.
`

func runFeeds(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stderr, feedsUsage)
		fs, _ := feedsFlagSet(e, "", "")
		fmt.Fprintln(e.stderr, "\nFlags of every command:")
		printFlags(fs)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	cmds := map[string]func(context.Context, env, []string) error{
		"add": runFeedsAdd, "list": runFeedsList, "remove": runFeedsRemove, "fetch": runFeedsFetch,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "coveragebot feeds: unknown command %q\n\n%s", args[0], feedsUsage)
		return errUsage
	}
	return cmd(ctx, e, args[1:])
}

// feedsFlagSet is a subcommand's flag set with --corpus.
func feedsFlagSet(e env, name, usage string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("feeds "+name, flag.ContinueOnError)
	fs.SetOutput(twoDashes{e.stderr})
	fs.Usage = func() {
		fmt.Fprint(e.stderr, usage)
		printFlags(fs)
	}
	corpusDir := fs.String("corpus", "", "the corpus `DIR` the articles are written to (default $"+envCorpus+")")
	return fs, corpusDir
}

// parseFeedsArgs parses flags wherever they are and checks the number of
// other words.
func parseFeedsArgs(e env, fs *flag.FlagSet, args []string, words int) ([]string, error) {
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, errUsage
	}
	if len(rest) != words {
		if len(rest) > words {
			fmt.Fprintf(e.stderr, "coveragebot %s: unexpected argument %q\n\n", fs.Name(), rest[words])
		} else {
			fmt.Fprintf(e.stderr, "coveragebot %s: missing argument\n\n", fs.Name())
		}
		fs.Usage()
		return nil, errUsage
	}
	return rest, nil
}

// feedsTools is what the feed commands work with; close releases them.
type feedsTools struct {
	dir    string
	store  *feedbolt.Store
	poller *feed.Poller
	close  func()
}

// openFeeds resolves the corpus folder and opens the feed store in it;
// with fetching, also the fetcher and the poller.
func openFeeds(e env, corpusFlag string, fetching bool) (*feedsTools, error) {
	dir, from := corpusFlag, "--corpus"
	if dir == "" {
		dir, from = strings.TrimSpace(e.getenv(envCorpus)), envCorpus
	}
	if dir == "" {
		return nil, fmt.Errorf("feeds need a corpus folder to write articles into: pass --corpus DIR or set %s", envCorpus)
	}
	// the corpus folder is read as index and ask read it ("~/news" is
	// the home folder's), or feeds write where nothing is read
	dir, err := expandHome(e, dir)
	if err != nil {
		return nil, fmt.Errorf("corpus folder %q (from %s): %w", dir, from, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus folder %q (from %s): %w", dir, from, err)
	}
	switch st, err := os.Stat(abs); {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("corpus folder %s (from %s) does not exist: create it, or pass another with --corpus DIR", abs, from)
	case err != nil:
		return nil, fmt.Errorf("corpus folder %s (from %s): %w", abs, from, err)
	case !st.IsDir():
		return nil, fmt.Errorf("corpus folder %s (from %s) is a file, not a folder: pass a folder with --corpus DIR", abs, from)
	}
	if err := os.MkdirAll(filepath.Join(abs, feed.Folder), 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w: check the corpus folder can be written", filepath.Join(abs, feed.Folder), err)
	}
	storePath := filepath.Join(abs, feed.Folder, feedbolt.File)
	store, err := feedbolt.Open(storePath)
	switch {
	case err == nil:
	case feedbolt.Damaged(err):
		return nil, fmt.Errorf("%w: the file is damaged; move %s aside and add the feeds again with coveragebot feeds add URL", err, storePath)
	default:
		return nil, err
	}
	t := &feedsTools{dir: abs, store: store, close: func() { store.Close() }}
	if !fetching {
		return t, nil
	}
	opts, err := fetchOptions(e)
	if err != nil {
		store.Close()
		return nil, err
	}
	fetcher, err := feed.NewFetcher(opts)
	if err != nil {
		store.Close()
		return nil, err
	}
	t.poller, err = feed.NewPoller(feed.PollerConfig{Store: store, Fetcher: fetcher, Agent: botAgent, Corpus: abs})
	if err != nil {
		store.Close()
		return nil, err
	}
	t.close = func() { fetcher.Close(); store.Close() }
	return t, nil
}

// fetchOptions are the fetcher's settings from the environment.
func fetchOptions(e env) (feed.Options, error) {
	contact := strings.TrimSpace(e.getenv(envFetchContact))
	if contact == "" {
		return feed.Options{}, fmt.Errorf("%s is not set: set it to a url or e-mail address where site owners can reach you (it is sent in the User-Agent of every request)", envFetchContact)
	}
	if strings.ContainsAny(contact, "\r\n()") {
		return feed.Options{}, fmt.Errorf("%s %q holds a line break or parenthesis: give a plain url or e-mail address", envFetchContact, contact)
	}
	opts := feed.Options{UserAgent: botAgent + "/1.0 (+" + contact + ")", Clock: e.now()}
	switch v := strings.TrimSpace(e.getenv(envFetchAllowPrivate)); v {
	case "", "0", "false":
	case "1", "true":
		opts.AllowPrivate = true
	default:
		return feed.Options{}, fmt.Errorf("%s=%q: set it to 1 to let feeds be fetched from private and loopback addresses, or leave it unset", envFetchAllowPrivate, v)
	}
	if v := strings.TrimSpace(e.getenv(envFetchInterval)); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			what := "is not a duration"
			if err == nil {
				what = "is not a positive duration"
			}
			return feed.Options{}, fmt.Errorf("%s=%q %s: set it to the least time between two requests to one site, e.g. 5s (the default is 2s)", envFetchInterval, v, what)
		}
		opts.MinInterval = d
	}
	return opts, nil
}

const feedsAddUsage = `Usage: coveragebot feeds add URL [--name NAME] [--every 15m] [--corpus DIR]

Follows the feed at URL — or, when URL is a site's page, the feed the page
announces — and takes in its items now. NAME is the outlet as answers cite
it; by default the feed's own title. --every is how often a running bot
fetches it (default 15m; at least 1m).

Flags:
`

func runFeedsAdd(ctx context.Context, e env, args []string) error {
	fs, corpusDir := feedsFlagSet(e, "add", feedsAddUsage)
	name := fs.String("name", "", "the outlet's `NAME` as answers cite it (default the feed's title)")
	// a period, as digest --since takes it: 1h, 90m, 1d, 2w
	var everyFlag period
	fs.Var(&everyFlag, "every", "how often a running bot fetches the feed: a `PERIOD` such as 1h, 6h or 1d (default 15m)")
	rest, err := parseFeedsArgs(e, fs, args, 1)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	every := time.Duration(everyFlag)
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "every" })
	if given && every < 0 {
		return fmt.Errorf("--every %s: a period is a length of time, e.g. 1h or 1d", formatPeriod(every))
	}
	if given && every < time.Minute {
		return fmt.Errorf("--every %s is too often: pass at least 1m, or leave it out for 15m", formatPeriod(every))
	}
	t, err := openFeeds(e, *corpusDir, true)
	if err != nil {
		return err
	}
	defer t.close()
	src, err := t.poller.Add(ctx, rest[0], strings.TrimSpace(*name))
	if err != nil {
		if errors.Is(err, feed.ErrNoFeedFound) {
			// the site answered: its own words say what it lacks
			return fmt.Errorf("add feed %s: %w", rest[0], err)
		}
		return wordedError{text: "add feed " + rest[0] + ": " + feed.ErrorText(err), err: err}
	}
	if every > 0 {
		src.Interval = every
		if err := t.store.PutFeed(ctx, src); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "Following %s: %s\n", src.Name, src.URL)
	r := t.poller.Fetch(ctx, src)
	writeFeedResult(e.stdout, r)
	if r.New > 0 {
		fmt.Fprintf(e.stdout, "Articles are in %s; run \"coveragebot index\" to index them (a running bot picks them up by itself).\n",
			filepath.Join(t.dir, feed.Folder))
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted: %s is followed; the items not yet taken in are fetched by coveragebot feeds fetch or a running bot", src.Name)
	}
	if errors.Is(r.Err, feed.ErrStore) {
		// followed, but nothing of it could be kept: a script must know
		return fmt.Errorf("feed %s is followed, but its articles could not be stored: check %s can be written, then run coveragebot feeds fetch", src.Name, filepath.Join(t.dir, feed.Folder))
	}
	return nil
}

const feedsListUsage = `Usage: coveragebot feeds list [--corpus DIR]

Lists the feeds followed: outlet, url, articles taken in, last fetch and
health — "failing N times since …" after 3 failed fetches in a row,
"silent" when the newest item is much older than the feed's usual rhythm,
or "an item's page failing: …" while items are left untaken because their
pages fail.

Flags:
`

func runFeedsList(ctx context.Context, e env, args []string) error {
	fs, corpusDir := feedsFlagSet(e, "list", feedsListUsage)
	if _, err := parseFeedsArgs(e, fs, args, 0); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	t, err := openFeeds(e, *corpusDir, false)
	if err != nil {
		return err
	}
	defer t.close()
	feeds, err := t.store.Feeds(ctx)
	if err != nil {
		return err
	}
	if len(feeds) == 0 {
		fmt.Fprintln(e.stdout, "No feeds followed yet: add one with coveragebot feeds add URL")
		return nil
	}
	now := time.Now()
	flagged := 0
	// Feeds of one outlet (its news and its politics feed) share the
	// outlet's folder: its count is theirs together, and says so.
	sharing := map[string]int{}
	for _, s := range feeds {
		sharing[feed.OutletDir(t.dir, s.Name)]++
	}
	for _, s := range feeds {
		h := s.Health(now)
		mark := " "
		if h.NeedsLook() {
			mark = "!"
			flagged++
		}
		last := "never"
		if !s.LastSuccess.IsZero() {
			last = s.LastSuccess.UTC().Format("2006-01-02 15:04 MST")
		}
		every := ""
		if s.Interval > 0 {
			every = ", every " + formatPeriod(s.Interval)
		}
		dir := feed.OutletDir(t.dir, s.Name)
		count := plural(countArticles(dir), "article")
		if n := sharing[dir]; n > 1 {
			count += fmt.Sprintf(" (for all %d feeds named %s)", n, s.Name)
		}
		health := oneLine(h.Text)
		if now.Before(s.WaitAsked) {
			health += fmt.Sprintf("; its site asked to wait until %s", s.WaitAsked.UTC().Format("2006-01-02 15:04 MST"))
		}
		fmt.Fprintf(e.stdout, "%s %s\n    %s\n    %s, last fetched %s%s; %s\n", mark, s.Name, s.URL,
			count, last, every, health)
	}
	fmt.Fprintf(e.stdout, "%s", plural(len(feeds), "feed"))
	if flagged > 0 {
		fmt.Fprintf(e.stdout, ", %d need a look (!)", flagged)
	}
	fmt.Fprintln(e.stdout)
	return nil
}

const feedsRemoveUsage = `Usage: coveragebot feeds remove URL|NAME [--corpus DIR]

Stops following a feed, named by its url or its outlet's name. The
articles already taken in stay in the corpus; delete the outlet's folder
under feeds/ to drop them too.

Flags:
`

func runFeedsRemove(ctx context.Context, e env, args []string) error {
	fs, corpusDir := feedsFlagSet(e, "remove", feedsRemoveUsage)
	rest, err := parseFeedsArgs(e, fs, args, 1)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	t, err := openFeeds(e, *corpusDir, false)
	if err != nil {
		return err
	}
	defer t.close()
	feeds, err := t.store.Feeds(ctx)
	if err != nil {
		return err
	}
	match := matchFeeds(feeds, rest[0])
	switch len(match) {
	case 0:
		return fmt.Errorf("no feed %q is followed: see coveragebot feeds list for the urls and names", rest[0])
	case 1:
	default:
		return fmt.Errorf("%d feeds are named %q: remove one by its url (coveragebot feeds list shows them)", len(match), rest[0])
	}
	if _, err := t.store.RemoveFeed(ctx, match[0].URL); err != nil {
		return err
	}
	dir := feed.OutletDir(t.dir, match[0].Name)
	fmt.Fprintf(e.stdout, "Stopped following %s (%s); its %s stay in %s.\n", match[0].Name, match[0].URL,
		plural(countArticles(dir), "article"), dir)
	return nil
}

const feedsFetchUsage = `Usage: coveragebot feeds fetch [--corpus DIR]

Fetches every feed now, once, and takes in the new items: one line per
feed, and a progress line while it runs on a terminal.

Flags:
`

func runFeedsFetch(ctx context.Context, e env, args []string) error {
	fs, corpusDir := feedsFlagSet(e, "fetch", feedsFetchUsage)
	if _, err := parseFeedsArgs(e, fs, args, 0); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	t, err := openFeeds(e, *corpusDir, true)
	if err != nil {
		return err
	}
	defer t.close()
	feeds, err := t.store.Feeds(ctx)
	if err != nil {
		return err
	}
	if len(feeds) == 0 {
		fmt.Fprintln(e.stdout, "No feeds followed yet: add one with coveragebot feeds add URL")
		return nil
	}
	progress := newFeedsProgress(e.stderr, len(feeds))
	// Poll calls this from one goroutine at a time.
	results, err := t.poller.Poll(ctx, true, func(r feed.Result) {
		progress.clear()
		writeFeedResult(e.stdout, r)
		progress.update(r)
	})
	progress.clear()
	if errors.Is(err, context.Canceled) {
		return errors.New("fetch feeds: interrupted: the items not yet taken in are fetched next time")
	}
	if err != nil {
		return fmt.Errorf("fetch feeds: %w", err)
	}
	newArticles, failed, unstored, waiting := 0, 0, 0, 0
	for _, r := range results {
		newArticles += r.New
		if r.Waiting {
			waiting++
		}
		if r.Err != nil {
			failed++
		}
		if errors.Is(r.Err, feed.ErrStore) {
			unstored++
		}
	}
	fmt.Fprintf(e.stdout, "%s fetched, %s", plural(len(results)-waiting, "feed"), plural(newArticles, "new article"))
	if failed > 0 {
		fmt.Fprintf(e.stdout, ", %d failed", failed)
	}
	if waiting > 0 {
		fmt.Fprintf(e.stdout, ", %d waiting as their sites asked", waiting)
	}
	fmt.Fprintln(e.stdout)
	if failed > 0 && failed == len(results) {
		// A scheduled fetch must be able to tell that nothing came in
		// at all; one feed of several down is only reported above.
		if unstored == failed {
			return fmt.Errorf("fetch feeds: no feed's articles could be stored (see above): check %s can be written", filepath.Join(t.dir, feed.Folder))
		}
		return fmt.Errorf("fetch feeds: every feed failed (see above): check the network, or each feed's url with coveragebot feeds list")
	}
	return nil
}

// matchFeeds returns the feeds whose url is key (spelled in any way
// feed.NormalURL folds) or whose outlet is named key (in any case).
func matchFeeds(feeds []feed.Source, key string) []feed.Source {
	key = strings.TrimSpace(key)
	var match []feed.Source
	for _, s := range feeds {
		if s.URL == key || feed.NormalURL(s.URL) == feed.NormalURL(key) || strings.EqualFold(s.Name, key) {
			match = append(match, s)
		}
	}
	return match
}

// countArticles counts the article files in an outlet's folder: what is
// on disk is the truth, whatever a pass cut short could record.
func countArticles(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && strings.HasSuffix(e.Name(), ".jsonl") {
			n++
		}
	}
	return n
}

// writeFeedResult prints one feed's fetch on a line.
func writeFeedResult(w io.Writer, r feed.Result) {
	switch {
	case r.Waiting:
		fmt.Fprintf(w, "%s: not fetched: its site asked to wait until %s (a Retry-After); fetched after that\n", r.Feed.Name,
			r.Feed.WaitAsked.UTC().Format("2006-01-02 15:04 MST"))
	case errors.Is(r.Err, feed.ErrStore):
		// the disk failed, not the feed: no count against it, no wait
		fmt.Fprintf(w, "%s: %s\n", r.Feed.Name, oneLine(r.Err.Error()))
	case r.Err != nil:
		fmt.Fprintf(w, "%s: failed (%s in a row; next try after %s): %s\n", r.Feed.Name, plural(r.Feed.Failures, "time"),
			r.Feed.NextDue.UTC().Format("2006-01-02 15:04 MST"), oneLine(feed.ErrorText(r.Err)))
	case r.NotModified:
		fmt.Fprintf(w, "%s: nothing new (not modified)\n", r.Feed.Name)
	default:
		s := fmt.Sprintf("%s: %s, %s", r.Feed.Name, plural(r.Items, "item"), plural(r.New, "new article"))
		var notes []string
		if r.FromFeed > 0 {
			notes = append(notes, fmt.Sprintf("%d from the feed's own text (page blocked, paywalled or empty)", r.FromFeed))
		}
		if r.Retry > 0 {
			notes = append(notes, fmt.Sprintf("%d to try again next time", r.Retry))
		}
		if r.Empty > 0 {
			notes = append(notes, fmt.Sprintf("%d without any text", r.Empty))
		}
		if len(notes) > 0 {
			s += " (" + strings.Join(notes, "; ") + ")"
		}
		fmt.Fprintln(w, s)
		writePageFailures(w, r.Pages)
	}
}

// maxPageLines is how many of a feed's failing pages a fetch names; a
// feed whose every page fails says the first few and how many more.
const maxPageLines = 5

// writePageFailures names, under a feed's line, each item left to try
// again: its page, why, and what happens next.
func writePageFailures(w io.Writer, pages []feed.PageFailure) {
	for i, pf := range pages {
		if i == maxPageLines {
			fmt.Fprintf(w, "    and %d more\n", len(pages)-i)
			return
		}
		fmt.Fprintf(w, "    %s\n", oneLine(pf.String()))
	}
}

// feedsProgress draws "fetching feeds 3/12, 20 new articles" on a
// terminal; elsewhere nothing.
type feedsProgress struct {
	terminalLine // its mutex also guards done and new
	total        int
	done, new    int
}

func newFeedsProgress(w io.Writer, total int) *feedsProgress {
	p := &feedsProgress{total: total}
	p.w, p.width = terminalOf(w)
	return p
}

func (p *feedsProgress) update(r feed.Result) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.new += r.New
	line := fmt.Sprintf("fetching feeds %d/%d, %s  %s", p.done, p.total, plural(p.new, "new article"), r.Feed.Name)
	p.drawLocked(line)
}

// wordedError is err told in words fit to show (feed.ErrorText: a site
// that cannot be reached in a few words, not the raw error naming
// resolvers and addresses); errors.Is still sees err.
type wordedError struct {
	text string
	err  error
}

func (e wordedError) Error() string { return e.text }
func (e wordedError) Unwrap() error { return e.err }
