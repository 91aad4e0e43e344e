package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot"
	"github.com/coveragebot/coveragebot/bot/discordtest"
	"github.com/coveragebot/coveragebot/corpus/feed"
	"github.com/coveragebot/coveragebot/corpus/feed/feedbolt"
)

// testOutlet is a small news site on 127.0.0.1: a home page announcing its
// RSS feed, the feed, two article pages and robots.txt. failing makes the
// feed answer 404; publish puts a third item in the feed; brokenPage puts
// in one whose page answers 501 (an error not retried within the pass).
type testOutlet struct {
	*httptest.Server
	mu         sync.Mutex
	failing    bool
	third      bool
	brokenPage bool
	agents     map[string]bool
	// published is the items' date: recent, so the feed is not silent.
	published time.Time
	// seen, when set, is told each path requested
	seen func(path string)
}

func newTestOutlet(t *testing.T) *testOutlet {
	t.Helper()
	o := &testOutlet{agents: map[string]bool{}, published: time.Now().Add(-3 * time.Hour).Truncate(time.Second)}
	page := func(title, body string) string {
		return `<!doctype html><html><head><meta charset="utf-8"><title>` + title + `</title></head><body><article><h1>` + title + `</h1>` + body + `</article></body></html>`
	}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		o.agents[r.UserAgent()] = true
		failing, third, broken, seen := o.failing, o.third, o.brokenPage, o.seen
		o.mu.Unlock()
		if seen != nil {
			seen(r.URL.Path)
		}
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Home</body></html>`)
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		case "/rss.xml":
			if failing {
				http.NotFound(w, r)
				return
			}
			etag, extra := `"v1"`, ""
			if third {
				etag, extra = `"v2"`, fmt.Sprintf(`<item><title>Flood wall at the mill to be raised</title><link>%s/news/wall</link><guid>ae-3</guid><pubDate>%s</pubDate></item>`,
					o.URL, time.Now().Format(time.RFC1123Z))
			}
			if broken {
				etag, extra = etag+"b", extra+fmt.Sprintf(`<item><title>Lock gates replaced</title><link>%s/news/locks</link><guid>ae-4</guid><pubDate>%s</pubDate>
<description>The lock gates at Ashby were replaced over the weekend, the canal trust said.</description></item>`, o.URL, o.published.Format(time.RFC1123Z))
			}
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Ashby Echo</title><link>%[1]s/</link>
%[4]s<item><title>Mill Road bridge to reopen in May</title><link>%[1]s/news/bridge</link><guid>ae-1</guid><pubDate>%[2]s</pubDate></item>
<item><title>Café reopens</title><link>%[1]s/news/cafe?utm_source=rss</link><guid>ae-2</guid><pubDate>%[3]s</pubDate></item>
</channel></rss>`, o.URL, o.published.Format(time.RFC1123Z), o.published.Add(time.Hour).Format(time.RFC1123Z), extra)
		case "/news/bridge":
			fmt.Fprint(w, page("Mill Road bridge to reopen in May", `<p>Ashby's Mill Road bridge will reopen in May, three months later than planned, the county council said on Tuesday.</p>
<p>"Nobody is more frustrated than I am," Councillor Ann Cole said. "But we will not open a bridge that is not safe."</p>
<p>Engineers found corrosion in the steel beams during the winter inspection, the council said.</p>`))
		case "/news/cafe":
			fmt.Fprint(w, page("Café reopens", `<p>The Mill Road café reopened on Wednesday, a week after the flood filled it with a metre of water.</p>
<p>"We couldn't have done it without our neighbours," said owner José Ferreira, who served the first coffee to the volunteers.</p>
<p>The insurers paid four thousand pounds towards the repairs, less than half of the cost.</p>`))
		case "/news/locks":
			http.Error(w, "not implemented", http.StatusNotImplemented)
		case "/news/wall":
			if !third {
				http.NotFound(w, r)
				return
			}
			fmt.Fprint(w, page("Flood wall at the mill to be raised", `<p>The flood wall beside Ashby's old mill will be raised by a metre before the winter, the Environment Agency said on Thursday.</p>
<p>"The water came within a hand's width of the top of the wall in March," engineer Priya Shah said. "We are not waiting for it to come over."</p>
<p>The work will close the towpath for six weeks from October.</p>`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(o.Close)
	return o
}

// publish puts a third item in the feed, with its page.
func (o *testOutlet) publish() {
	o.mu.Lock()
	o.third = true
	o.mu.Unlock()
}

func (o *testOutlet) setBrokenPage(v bool) {
	o.mu.Lock()
	o.brokenPage = v
	o.mu.Unlock()
}

func (o *testOutlet) setFailing(v bool) {
	o.mu.Lock()
	o.failing = v
	o.mu.Unlock()
}

func feedsEnv(corpus string) map[string]string {
	return map[string]string{
		envCorpus: corpus, envFetchContact: "https://coveragebot.example/contact", envFetchAllowPrivate: "1", envFetchInterval: "1ms",
		envIndex: filepath.Join(filepath.Dir(corpus), "index"),
	}
}

// newFeedsCorpus is an empty corpus folder with room beside it for the
// index feedsEnv puts there.
func newFeedsCorpus(t *testing.T) string {
	t.Helper()
	corpus := filepath.Join(t.TempDir(), "corpus")
	if err := os.Mkdir(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	return corpus
}

func runFeedsOK(t *testing.T, vars map[string]string, args ...string) string {
	t.Helper()
	getenv, stdout, stderr := testEnv(vars)
	if err := run(t.Context(), args, getenv, nil, stdout, stderr); err != nil {
		t.Fatalf("%s: %v\nstdout: %s\nstderr: %s", strings.Join(args, " "), err, stdout, stderr)
	}
	return stdout.String()
}

func TestFeedsCommands(t *testing.T) {
	o := newTestOutlet(t)
	corpus := newFeedsCorpus(t)
	vars := feedsEnv(corpus)

	out := runFeedsOK(t, vars, "feeds", "add", o.URL+"/", "--name", "The Ashby Echo", "--every", "1d")
	for _, want := range []string{"Following The Ashby Echo: " + o.URL + "/rss.xml", "The Ashby Echo: 2 items, 2 new articles", "coveragebot index"} {
		if !strings.Contains(out, want) {
			t.Errorf("feeds add does not say %q:\n%s", want, out)
		}
	}
	if !o.agents["CoverageBot/1.0 (+https://coveragebot.example/contact)"] || len(o.agents) != 1 {
		t.Errorf("User-Agents seen %v", o.agents)
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "feeds", "the-ashby-echo", "*.jsonl"))
	if len(files) != 2 {
		t.Fatalf("%d article files, want 2: %v", len(files), files)
	}

	// The articles are answerable, cited to the feed's outlet.
	out = runFeedsOK(t, vars, "ask", "--json", "What did Ann Cole say about the bridge?")
	if !strings.Contains(out, `"outlet": "The Ashby Echo"`) || !strings.Contains(out, "Nobody is more frustrated than I am") {
		t.Errorf("ask does not answer from the feed's article:\n%s", out)
	}

	// And the digest of what is new includes them.
	if out = runFeedsOK(t, vars, "digest", "--json"); !strings.Contains(out, `"outlet": "The Ashby Echo"`) || !strings.Contains(out, "Mill Road bridge to reopen in May") {
		t.Errorf("the digest does not include the feed's articles:\n%s", out)
	}

	for _, again := range []string{o.URL + "/rss.xml", o.URL + "/rss.xml?utm_source=tw#x", o.URL + "/./rss.xml"} {
		getenv, stdout, stderr := testEnv(vars)
		err := run(t.Context(), []string{"feeds", "add", again}, getenv, nil, stdout, stderr)
		if err == nil || !strings.Contains(err.Error(), `already followed as "The Ashby Echo"`) {
			t.Errorf("adding the feed again as %s: %v, want already followed, under its name", again, err)
		}
	}

	out = runFeedsOK(t, vars, "feeds", "fetch")
	for _, want := range []string{"The Ashby Echo: nothing new (not modified)", "1 feed fetched, 0 new articles"} {
		if !strings.Contains(out, want) {
			t.Errorf("feeds fetch does not say %q:\n%s", want, out)
		}
	}

	// Three failures in a row flag the feed; a fetch where every feed
	// failed says so in its exit status too.
	o.setFailing(true)
	for range 3 {
		getenv, stdout, stderr := testEnv(vars)
		err := run(t.Context(), []string{"feeds", "fetch"}, getenv, nil, stdout, stderr)
		if err == nil || !strings.Contains(err.Error(), "every feed failed") {
			t.Errorf("feeds fetch with its only feed failing: %v, want an error saying every feed failed", err)
		}
		out = stdout.String()
	}
	if !strings.Contains(out, "The Ashby Echo: failed (3 times in a row; next try after ") || !strings.Contains(out, "HTTP 404") || !strings.Contains(out, "1 failed") {
		t.Errorf("feeds fetch of a failing feed says:\n%s", out)
	}
	out = runFeedsOK(t, vars, "feeds", "list")
	for _, want := range []string{"! The Ashby Echo", o.URL + "/rss.xml", "2 articles, last fetched ", ", every 24h; failing 3 times since ", "HTTP 404", "1 feed, 1 need a look (!)"} {
		if !strings.Contains(out, want) {
			t.Errorf("feeds list does not say %q:\n%s", want, out)
		}
	}
	o.setFailing(false)
	runFeedsOK(t, vars, "feeds", "fetch")
	if out = runFeedsOK(t, vars, "feeds", "list"); strings.Contains(out, "!") || !strings.Contains(out, "; ok") {
		t.Errorf("feeds list after recovery:\n%s", out)
	}

	out = runFeedsOK(t, vars, "feeds", "remove", "the ashby echo")
	if !strings.Contains(out, "Stopped following The Ashby Echo") || !strings.Contains(out, "2 articles stay") {
		t.Errorf("feeds remove says:\n%s", out)
	}
	if out = runFeedsOK(t, vars, "feeds", "list"); !strings.Contains(out, "No feeds followed yet") {
		t.Errorf("feeds list after remove:\n%s", out)
	}
	if files, _ := filepath.Glob(filepath.Join(corpus, "feeds", "the-ashby-echo", "*.jsonl")); len(files) != 2 {
		t.Errorf("removing the feed removed its articles: %v", files)
	}
}

func TestFeedsErrors(t *testing.T) {
	o := newTestOutlet(t)
	corpus := t.TempDir()
	tests := []struct {
		name string
		vars map[string]string
		args []string
		want string // in the error; "" for a usage error
	}{
		{"no corpus", map[string]string{envFetchContact: "x@example.org"}, []string{"feeds", "list"}, "pass --corpus DIR or set COVERAGE_CORPUS"},
		{"no contact", map[string]string{envCorpus: corpus}, []string{"feeds", "fetch"}, "COVERAGE_FETCH_CONTACT is not set"},
		{"private address refused", map[string]string{envCorpus: corpus, envFetchContact: "x@example.org"}, []string{"feeds", "add", o.URL + "/rss.xml"},
			"127.0.0.1 is not a public address (set COVERAGE_FETCH_ALLOW_PRIVATE=1"},
		{"bad interval", map[string]string{envCorpus: corpus, envFetchContact: "x@example.org", envFetchInterval: "often"}, []string{"feeds", "fetch"}, "COVERAGE_FETCH_INTERVAL=\"often\" is not a duration"},
		{"bad allow value", map[string]string{envCorpus: corpus, envFetchContact: "x@example.org", envFetchAllowPrivate: "yes"}, []string{"feeds", "fetch"}, "set it to 1"},
		{"page without feeds", feedsEnv(corpus), []string{"feeds", "add", o.URL + "/news/bridge"}, "announces no RSS, Atom or JSON feed"},
		{"remove unknown", feedsEnv(corpus), []string{"feeds", "remove", "Nobody"}, `no feed "Nobody" is followed`},
		{"unknown command", feedsEnv(corpus), []string{"feeds", "frobnicate"}, ""},
		{"add without url", feedsEnv(corpus), []string{"feeds", "add"}, ""},
		{"too often", feedsEnv(corpus), []string{"feeds", "add", o.URL + "/", "--every", "10s"}, "--every 10s is too often"},
		{"every 0 is too often", feedsEnv(corpus), []string{"feeds", "add", o.URL + "/", "--every", "0"}, "--every 0s is too often"},
		{"every, negative", feedsEnv(corpus), []string{"feeds", "add", o.URL + "/", "--every", "-5m"}, "a period is a length of time"},
		{"list with an argument", feedsEnv(corpus), []string{"feeds", "list", "extra"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv, stdout, stderr := testEnv(tt.vars)
			err := run(t.Context(), tt.args, getenv, nil, stdout, stderr)
			switch {
			case tt.want == "":
				if !errors.Is(err, errUsage) {
					t.Fatalf("err = %v, want a usage error", err)
				}
			case err == nil || !strings.Contains(err.Error(), tt.want):
				t.Fatalf("err = %v, want it to say %q", err, tt.want)
			}
		})
	}
}

func TestFeedPollingInBackground(t *testing.T) {
	o := newTestOutlet(t)
	corpus := t.TempDir()
	if err := os.MkdirAll(filepath.Join(corpus, feed.Folder), 0o755); err != nil {
		t.Fatal(err)
	}
	store, err := feedbolt.Open(filepath.Join(corpus, feed.Folder, feedbolt.File))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.PutFeed(t.Context(), feed.Source{URL: o.URL + "/rss.xml", Name: "Ashby Echo", Added: time.Now()}); err != nil {
		t.Fatal(err)
	}
	store.Close()

	// Without a contact nothing is fetched, and the log says why.
	logs := &discordtest.LogBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	noContact := env{getenv: func(k string) string { return map[string]string{envFetchAllowPrivate: "1"}[k] }}
	if newFeedService(noContact, corpusInfo{Dir: corpus}, log) != nil {
		t.Error("a feed service without a contact")
	}
	if !strings.Contains(logs.String(), "feeds are not fetched in the background") || !strings.Contains(logs.String(), "COVERAGE_FETCH_CONTACT is not set") {
		t.Errorf("log without a contact: %s", logs.String())
	}

	vars := feedsEnv(corpus)
	svc := newFeedService(env{getenv: func(k string) string { return vars[k] }}, corpusInfo{Dir: corpus}, log)
	stop := svc.start(t.Context())
	const fetched = `msg="feed fetched" component=feeds feed="Ashby Echo" new=2`
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(logs.String(), fetched); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			stop()
			t.Fatalf("the background poll wrote no articles in 30 s; log: %s", logs.String())
		}
	}
	stop()
	if n := countArticles(feed.OutletDir(corpus, "Ashby Echo")); n != 2 {
		t.Errorf("%d articles written in the background, want 2", n)
	}
	// The store is free between passes: the feeds commands work.
	if out := runFeedsOK(t, vars, "feeds", "list"); !strings.Contains(out, "2 articles, last fetched") {
		t.Errorf("feeds list after the background pass:\n%s", out)
	}
}

// TestFeedServiceForDiscord drives what /feeds calls: add (with discovery),
// list with health, remove, and the errors a member sees — never raw.
func TestFeedServiceForDiscord(t *testing.T) {
	o := newTestOutlet(t)
	corpus := t.TempDir()
	vars := feedsEnv(corpus)
	svc := newFeedService(env{getenv: func(k string) string { return vars[k] }}, corpusInfo{Dir: corpus}, slog.New(slog.DiscardHandler))
	defer svc.fetcher.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()

	if feeds, err := svc.ListFeeds(ctx); err != nil || len(feeds) != 0 {
		t.Fatalf("ListFeeds before any feed = %v, %v", feeds, err)
	}
	added, err := svc.AddFeed(ctx, o.URL+"/", "Ashby")
	if err != nil {
		t.Fatal(err)
	}
	if want := (bot.FeedAdded{Name: "Ashby", URL: o.URL + "/rss.xml", Items: 2, New: 2}); added != want {
		t.Errorf("AddFeed = %+v, want %+v", added, want)
	}
	var ue *bot.UserError
	for _, tt := range []struct{ url, want string }{
		{o.URL + "/rss.xml", "already followed as “Ashby”"},
		{o.URL + "/rss.xml?utm_source=tw#x", "already followed as “Ashby”"},
		{o.URL + "/news/bridge", "I found no RSS, Atom or JSON feed at <" + o.URL + "/news/bridge>"},
		{o.URL + "/missing.xml", "The site answered HTTP 404 Not Found for <" + o.URL + "/missing.xml>."},
		{"ftp://" + o.Listener.Addr().String() + "/feed", "I only fetch public http and https sites."},
	} {
		_, err := svc.AddFeed(ctx, tt.url, "")
		if !errors.As(err, &ue) || !strings.Contains(ue.Msg, tt.want) {
			t.Errorf("AddFeed(%s) = %v, want a UserError saying %q", tt.url, err, tt.want)
		}
	}
	feeds, err := svc.ListFeeds(ctx)
	if err != nil || len(feeds) != 1 || feeds[0].Articles != 2 || feeds[0].Health != "ok" || feeds[0].Flagged {
		t.Fatalf("ListFeeds = %+v, %v", feeds, err)
	}
	if _, err := svc.RemoveFeed(ctx, "nobody"); !errors.As(err, &ue) {
		t.Errorf("RemoveFeed(nobody) = %v, want a UserError", err)
	}
	removed, err := svc.RemoveFeed(ctx, "ashby")
	if err != nil || removed.Name != "Ashby" || removed.Articles != 2 {
		t.Fatalf("RemoveFeed = %+v, %v", removed, err)
	}
	if feeds, _ := svc.ListFeeds(ctx); len(feeds) != 0 {
		t.Errorf("after remove: %+v", feeds)
	}
}

func TestFeedUserError(t *testing.T) {
	internal := errors.New("open /srv/corpus/feeds/.feeds.db: input/output error")
	tests := []struct {
		err  error
		want string // "" for an internal error left as it is
	}{
		{&net.OpError{Op: "dial", Err: errors.New("connection refused")}, "I couldn't reach <https://x.example/>"},
		{&net.DNSError{Err: "no such host", Name: "x.example"}, "I couldn't reach"},
		{fmt.Errorf("GET: %w", feed.ErrTooLarge), "larger than the 5 MB"},
		{fmt.Errorf("GET: %w", feed.ErrTooManyRedirects), "redirects too many times"},
		{&feed.StatusError{URL: "https://x.example/", Status: 429, RetryAfter: time.Hour}, "HTTP 429"},
		{fmt.Errorf("x: %w", feed.ErrBrokenFeed), "malformed"},
		{fmt.Errorf("open: %w", feedbolt.ErrInUse), "A feeds command is running"},
		{errFeedsBusy, "I'm fetching feeds right now"},
		{internal, ""},
	}
	for _, tt := range tests {
		err := feedUserError("https://x.example/", tt.err)
		var ue *bot.UserError
		switch {
		case tt.want == "":
			if err != tt.err {
				t.Errorf("%v became %v, want it left internal", tt.err, err)
			}
		case !errors.As(err, &ue) || !strings.Contains(ue.Msg, tt.want):
			t.Errorf("%v became %v, want a UserError saying %q", tt.err, err, tt.want)
		}
	}
}

func TestHealthChange(t *testing.T) {
	since := time.Date(2026, 2, 12, 10, 14, 0, 0, time.UTC)
	failing := feed.Source{Name: "The Kestrel Post", Failures: feed.FailingAfter, FailingSince: since}
	http404 := &feed.StatusError{URL: "https://kestrelpost.example/feed.xml", Status: 404}
	tests := []struct {
		name string
		r    feed.Result
		want string // "" for no notice
	}{
		{"third failure", feed.Result{Feed: failing, Err: http404, Before: feed.Source{Failures: 2, FailingSince: since}},
			"⚠️ The Kestrel Post's feed has failed since 2026-02-12 10:14 UTC: HTTP 404 Not Found."},
		{"second failure", feed.Result{Feed: feed.Source{Name: "K", Failures: 2}, Err: http404}, ""},
		{"fourth failure: already told", feed.Result{Feed: feed.Source{Name: "K", Failures: 4}, Err: http404}, ""},
		{"recovered", feed.Result{Feed: feed.Source{Name: "The Kestrel Post"}, Before: failing},
			"✅ The Kestrel Post's feed works again (it had failed since 2026-02-12 10:14 UTC)."},
		{"recovered from one failure", feed.Result{Feed: feed.Source{Name: "K"}, Before: feed.Source{Failures: 1}}, ""},
		{"broken XML, no url in the channel", feed.Result{Feed: failing, Err: fmt.Errorf("https://kestrelpost.example/feed.xml: %w: XML error at line 3", feed.ErrBrokenFeed)},
			"failed since 2026-02-12 10:14 UTC: the feed is malformed."},
		{"unreachable", feed.Result{Feed: failing, Err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}}, "the site cannot be reached."},
		{"fell silent", feed.Result{Feed: feed.Source{Name: "The Kestrel Post", Silent: true, Latest: since}},
			"🔕 The Kestrel Post's feed has published nothing since 2026-02-12 10:14 UTC"},
		{"still silent", feed.Result{Feed: feed.Source{Name: "K", Silent: true}, Before: feed.Source{Silent: true}}, ""},
		{"publishes again", feed.Result{Feed: feed.Source{Name: "The Kestrel Post"}, Before: feed.Source{Silent: true, Latest: since}},
			"✅ The Kestrel Post's feed publishes again (it had been silent since 2026-02-12 10:14 UTC)."},
	}
	for _, tt := range tests {
		h, ok := healthChange(tt.r)
		switch {
		case tt.want == "" && ok:
			t.Errorf("%s: notice %q, want none", tt.name, h.Text())
		case tt.want != "" && (!ok || !strings.Contains(h.Text(), tt.want)):
			t.Errorf("%s: notice %q (%v), want %q", tt.name, h.Text(), ok, tt.want)
		case ok && strings.Contains(h.Text(), "https://"):
			t.Errorf("%s: a url reached the channel: %q", tt.name, h.Text())
		}
	}
}

// TestFeedsOfOneOutletShareItsCount: two feeds followed under one name
// write to the outlet's one folder; the list says its count is theirs
// together instead of giving each the whole.
func TestFeedsOfOneOutletShareItsCount(t *testing.T) {
	o := newTestOutlet(t)
	corpus := newFeedsCorpus(t)
	vars := feedsEnv(corpus)
	runFeedsOK(t, vars, "feeds", "add", o.URL+"/rss.xml", "--name", "The Ashby Echo")
	runFeedsOK(t, vars, "feeds", "add", o.URL+"/rss.xml?section=politics", "--name", "The Ashby Echo")
	out := runFeedsOK(t, vars, "feeds", "list")
	if n := strings.Count(out, "2 articles (for all 2 feeds named The Ashby Echo)"); n != 2 {
		t.Errorf("feeds list gives the shared count %d times, want on both feeds:\n%s", n, out)
	}
}

// TestOpenFeedsCorpusFolder: feeds read the corpus folder as index and ask
// do (a leading ~ is the home folder), and say what is wrong with one
// that is missing, a file, or a damaged feed store.
func TestOpenFeedsCorpusFolder(t *testing.T) {
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "news"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(home, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	damaged := t.TempDir()
	if err := os.MkdirAll(filepath.Join(damaged, "feeds"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(damaged, "feeds", ".feeds.db"), bytes.Repeat([]byte{0xAB}, 10000), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, corpus, env, wantErr string
	}{
		{"~ in --corpus", "~/news", "", ""},
		{"~ in COVERAGE_CORPUS", "", "~/news", ""},
		{"missing", "~/nope", "", "does not exist"},
		{"a file", file, "", "is a file, not a folder"},
		{"a damaged store", damaged, "", "move " + filepath.Join(damaged, "feeds", ".feeds.db") + " aside"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{"HOME": home, envCorpus: tt.env}
			ft, err := openFeeds(env{getenv: func(k string) string { return vars[k] }}, tt.corpus, false)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("openFeeds: %v, want an error saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer ft.close()
			if ft.dir != filepath.Join(home, "news") {
				t.Errorf("corpus folder %s, want %s", ft.dir, filepath.Join(home, "news"))
			}
		})
	}
}

// TestFeedsUnstorable: when articles cannot be written (the disk, not the
// feed), add and fetch say so, count nothing against the feed, exit
// non-zero, and point at the folder, not the network.
func TestFeedsUnstorable(t *testing.T) {
	o := newTestOutlet(t)
	corpus := filepath.Join(t.TempDir(), "corpus")
	// a file where the outlet's folder goes: nothing can be written there
	if err := os.MkdirAll(filepath.Join(corpus, feed.Folder), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(feed.OutletDir(corpus, "Blocked Echo"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := feedsEnv(corpus)
	for _, args := range [][]string{
		{"feeds", "add", o.URL + "/rss.xml", "--name", "Blocked Echo"},
		{"feeds", "fetch"},
	} {
		getenv, stdout, stderr := testEnv(vars)
		err := run(t.Context(), args, getenv, nil, stdout, stderr)
		if err == nil || !strings.Contains(err.Error(), "can be written") || strings.Contains(err.Error(), "network") {
			t.Errorf("%s: %v, want an error pointing at the folder", strings.Join(args, " "), err)
		}
		if out := stdout.String(); strings.Contains(out, "in a row") || !strings.Contains(out, "cannot be written or recorded") {
			t.Errorf("%s says:\n%s\nwant the write failure, no failure count", strings.Join(args, " "), out)
		}
	}
}

// TestFeedsAddInterrupted: a feeds add cut short (Ctrl-C) while taking in
// items exits non-zero and says the rest comes with the next fetch, not
// that articles could not be written.
func TestFeedsAddInterrupted(t *testing.T) {
	o := newTestOutlet(t)
	corpus := newFeedsCorpus(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	o.mu.Lock()
	o.seen = func(path string) {
		if strings.HasPrefix(path, "/news/") {
			cancel()
		}
	}
	o.mu.Unlock()
	getenv, stdout, stderr := testEnv(feedsEnv(corpus))
	err := run(ctx, []string{"feeds", "add", o.URL + "/rss.xml"}, getenv, nil, stdout, stderr)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("feeds add cut short: %v, want it told as interrupted\n%s", err, stdout)
	}
	if strings.Contains(stdout.String(), "cannot be written") {
		t.Errorf("an interruption told as a write failure:\n%s", stdout)
	}
}

// TestFeedsRenameDoesNotDuplicate: a feed removed and added again, under
// another name or its own, does not write again the articles still in the
// corpus, nor says it brought them in as new.
func TestFeedsRenameDoesNotDuplicate(t *testing.T) {
	for _, name := range []string{"The Ashby Echo", "Ashby Echo"} {
		t.Run(name, func(t *testing.T) {
			o := newTestOutlet(t)
			corpus := newFeedsCorpus(t)
			vars := feedsEnv(corpus)
			runFeedsOK(t, vars, "feeds", "add", o.URL+"/rss.xml", "--name", "Ashby Echo")
			runFeedsOK(t, vars, "feeds", "remove", "Ashby Echo")
			out := runFeedsOK(t, vars, "feeds", "add", o.URL+"/rss.xml", "--name", name)
			if !strings.Contains(out, "2 items, 0 new articles") {
				t.Errorf("feeds add again as %q:\n%s\nwant the two items found already in the corpus", name, out)
			}
			var files []string
			filepath.WalkDir(filepath.Join(corpus, feed.Folder), func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".jsonl") {
					files = append(files, p)
				}
				return nil
			})
			if len(files) != 2 {
				t.Errorf("article files %q, want the two written once", files)
			}
			// a new item comes in under the new name
			o.publish()
			if out := runFeedsOK(t, vars, "feeds", "fetch"); !strings.Contains(out, "1 new article") {
				t.Errorf("feeds fetch after a new item:\n%s", out)
			}
		})
	}
}

// TestOpenFeedsInUseIsNotDamaged: a feed store another coveragebot holds
// is said to be in use, never to be moved aside (which would lose it).
func TestOpenFeedsInUseIsNotDamaged(t *testing.T) {
	corpus := t.TempDir()
	e := env{getenv: func(string) string { return "" }}
	first, err := openFeeds(e, corpus, false)
	if err != nil {
		t.Fatal(err)
	}
	defer first.close()
	_, err = openFeeds(e, corpus, false)
	if err == nil || !strings.Contains(err.Error(), "in use") || strings.Contains(err.Error(), "aside") {
		t.Errorf("second open: %v, want it in use and no advice to move the file", err)
	}
}

// TestMatchFeeds: feeds remove finds a feed by its name in any case, or
// by its url spelled as feeds add would have taken it.
func TestMatchFeeds(t *testing.T) {
	feeds := []feed.Source{{URL: "https://echo.example/rss.xml", Name: "The Ashby Echo"}, {URL: "https://echo.example/rss.xml?cid=2", Name: "Echo Sport"}}
	for key, want := range map[string]string{
		"the ashby echo": "The Ashby Echo", "https://echo.example/rss.xml": "The Ashby Echo",
		"https://ECHO.example:443/./rss.xml?utm_source=tw#top": "The Ashby Echo", "https://echo.example/rss.xml?cid=2#x": "Echo Sport",
	} {
		if got := matchFeeds(feeds, key); len(got) != 1 || got[0].Name != want {
			t.Errorf("matchFeeds(%q) = %+v, want %s", key, got, want)
		}
	}
}

// TestFeedsPageFailingIsNamed: an item whose page fails is named, with
// its url, why, how many passes failed and when its feed's text stands
// in; and the feed is flagged, in feeds list and /feeds list, until no
// item is left failing.
func TestFeedsPageFailingIsNamed(t *testing.T) {
	o := newTestOutlet(t)
	o.setBrokenPage(true)
	corpus := newFeedsCorpus(t)
	vars := feedsEnv(corpus)
	page := o.URL + "/news/locks: HTTP 501 Not Implemented; tried "
	rule := "; the feed's own text is used after 3 failed passes over at least an hour"
	out := runFeedsOK(t, vars, "feeds", "add", o.URL+"/rss.xml")
	for _, want := range []string{"Ashby Echo: 3 items, 2 new articles (1 to try again next time)\n    " + page + "1 time since ", rule} {
		if !strings.Contains(out, want) {
			t.Errorf("feeds add does not say %q:\n%s", want, out)
		}
	}
	out = runFeedsOK(t, vars, "feeds", "fetch")
	if want := "    " + page + "2 times since "; !strings.Contains(out, want) {
		t.Errorf("feeds fetch does not say %q:\n%s", want, out)
	}
	out = runFeedsOK(t, vars, "feeds", "list")
	for _, want := range []string{"! Ashby Echo", "; an item's page failing: " + page + "2 times since ", "1 feed, 1 need a look (!)"} {
		if !strings.Contains(out, want) {
			t.Errorf("feeds list does not say %q:\n%s", want, out)
		}
	}
	svc := newFeedService(env{getenv: func(k string) string { return vars[k] }}, corpusInfo{Dir: corpus}, slog.New(slog.DiscardHandler))
	defer svc.fetcher.Close()
	if feeds, err := svc.ListFeeds(t.Context()); err != nil || len(feeds) != 1 || !feeds[0].Flagged || !strings.Contains(feeds[0].Health, page) {
		t.Errorf("/feeds list = %+v, %v; want the feed flagged, naming the page", feeds, err)
	}

	o.setBrokenPage(false) // the item is gone from the feed
	runFeedsOK(t, vars, "feeds", "fetch")
	if out = runFeedsOK(t, vars, "feeds", "list"); strings.Contains(out, "!") || !strings.Contains(out, "; ok") {
		t.Errorf("feeds list once no page fails:\n%s", out)
	}
}

// TestFeedsAddUnreachableSaysWhyInFewWords: a feed whose site cannot be
// reached is refused with what the network answered in a few words, not
// the raw error with its addresses.
func TestFeedsAddUnreachableSaysWhyInFewWords(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	feedURL := closed.URL + "/feed.xml"
	host := strings.TrimPrefix(closed.URL, "http://")
	closed.Close() // nothing listens there any more: connection refused
	getenv, stdout, stderr := testEnv(feedsEnv(newFeedsCorpus(t)))
	err := run(t.Context(), []string{"feeds", "add", feedURL}, getenv, nil, stdout, stderr)
	if err == nil {
		t.Fatal("adding a feed nothing serves worked")
	}
	msg := err.Error()
	if !strings.Contains(msg, "connection refused") || strings.Contains(msg, "dial tcp") || strings.Count(msg, host) > 1 {
		t.Errorf("error %q: want the feed named once and why in a few words, without the raw dial error", msg)
	}
}

// TestFeedsAddAnnouncedFeedsUnreachable: a page that answers but whose
// announced feeds cannot be reached is refused as announcing no feed that
// reads, not as a site that cannot be reached.
func TestFeedsAddAnnouncedFeedsUnreachable(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	gone := closed.URL + "/feed.xml"
	closed.Close()
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>Kells Courier</title><link rel="alternate" type="application/rss+xml" href="%s"></head><body><p>News.</p></body></html>`, gone)
	}))
	defer page.Close()
	getenv, stdout, stderr := testEnv(feedsEnv(newFeedsCorpus(t)))
	err := run(t.Context(), []string{"feeds", "add", page.URL + "/"}, getenv, nil, stdout, stderr)
	if err == nil || !strings.Contains(err.Error(), "none of the feeds it announces reads") {
		t.Errorf("error %v: want it to say none of the feeds the page announces reads", err)
	}
}
