package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// TestRunFeedsEndToEnd runs the real `coveragebot run` against the fake
// Discord and a news site on 127.0.0.1: a member with Manage Server adds
// the site's feed with /feeds add in the home server, is told what was
// found, and /ask then answers from the feed's article, cited to its
// outlet; /feeds list shows it healthy. /feeds is registered on the home
// server alone, the other commands globally. Then the site publishes a new
// item: the background poll takes it in once the feed is due, /ask answers
// from it, and the daily digest posted to the channel includes it. The
// bot's clock is moved ahead for the feed to fall due and the digest's
// time to come; every payload passes the fake's checks.
func TestRunFeedsEndToEnd(t *testing.T) {
	o := newTestOutlet(t)
	corpusDir := t.TempDir()
	// One article of its own, so the corpus is not empty before the feed.
	if err := os.WriteFile(filepath.Join(corpusDir, "harbor.txt"), []byte("---\nsource: Harbor Times\n---\n"+
		"The river ferry will run again from Monday, the port authority said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := discordtest.New(t, discordtest.WithToken(goodToken))
	vars := feedsEnv(corpusDir)
	vars[envToken], vars[envGuildID], vars[envAPIBase], vars[envLogLevel] = goodToken, srv.GuildID(), srv.URL(), "warn"
	getenv, _, stderr := testEnv(vars)
	clk := newSkipClock(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		e := env{getenv: getenv, stdout: stderr, stderr: stderr, clock: clk}
		done <- runEnv(ctx, e, []string{"run", "--corpus", corpusDir, "--index", t.TempDir()})
	}()
	wctx, wcancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer wcancel()
	if err := srv.WaitReady(wctx); err != nil {
		t.Fatalf("bot never connected: %v (log: %s)", err, stderr)
	}
	reg, err := srv.WaitFor(wctx, discordtest.OnRoute(discordtest.RouteGuildCommandsPut))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(reg.Body), `"name":"feeds"`) || strings.Contains(string(reg.Body), `"name":"ask"`) {
		t.Fatalf("the home server's commands are %s, want /feeds alone", reg.Body)
	}
	global, err := srv.WaitFor(wctx, discordtest.OnRoute(discordtest.RouteGlobalCommandsPut))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(global.Body), `"name":"ask"`) || strings.Contains(string(global.Body), `"name":"feeds"`) {
		t.Fatalf("the global commands are %s, want every one but /feeds", global.Body)
	}

	reply := func(ix *discordtest.Interaction) string {
		t.Helper()
		if err := srv.DispatchInteraction(ix); err != nil {
			t.Fatal(err)
		}
		got, err := srv.WaitFor(wctx, discordtest.All(discordtest.ForInteraction(ix.ID, ix.Token), func(r discordtest.Request) bool {
			// A refusal is the first answer itself (type 4); a deferred
			// answer is edited in or followed up.
			return r.Route == discordtest.RouteOriginalEdit || r.Route == discordtest.RouteFollowup ||
				r.Route == discordtest.RouteInteractionCallback && strings.Contains(string(r.Body), `"type":4`)
		}))
		if err != nil {
			t.Fatalf("no reply: %v (log: %s)", err, stderr)
		}
		return string(got.Body)
	}
	add := srv.NewCommand("feeds", discordtest.SubCommand("add", discordtest.StringOption("url", o.URL+"/"), discordtest.StringOption("name", "The Ashby Echo")))
	if got := reply(add); !strings.Contains(got, "Manage Server") {
		t.Errorf("/feeds add by an ordinary member answered %s", got)
	}
	add = srv.NewCommand("feeds", discordtest.SubCommand("add", discordtest.StringOption("url", o.URL+"/"), discordtest.StringOption("name", "The Ashby Echo")))
	add.Permissions |= discordgo.PermissionManageGuild
	if got := reply(add); !strings.Contains(got, `Following **The Ashby Echo** — 2 items, 2 new articles.`) {
		t.Fatalf("/feeds add answered %s", got)
	}

	// The folder watcher brings the articles in within seconds.
	written := time.Now()
	answered := false
	var got discordtest.Request
	for attempt := 0; !answered && attempt < 40; attempt++ {
		got = askOnce(t, wctx, srv, "What did Ann Cole say about the bridge?", fmt.Sprintf("14000000000000%05d", attempt))
		answered = strings.Contains(string(got.Body), "Nobody is more frustrated than I am")
		if !answered {
			time.Sleep(500 * time.Millisecond)
		}
	}
	if !answered {
		t.Fatalf("an article from /feeds add was never answered; last reply %s", got.Body)
	}
	t.Logf("answerable %s after /feeds add wrote it (the watcher's debounce and the index update)", time.Since(written).Round(10*time.Millisecond))
	if !strings.Contains(string(got.Body), "The Ashby Echo") {
		t.Errorf("the answer does not cite the feed's outlet: %s", got.Body)
	}

	list := srv.NewCommand("feeds", discordtest.SubCommand("list"))
	list.Permissions |= discordgo.PermissionManageGuild
	if got := reply(list); !strings.Contains(got, "**The Ashby Echo** — 2 articles; ok") {
		t.Errorf("/feeds list answered %s", got)
	}

	// The channel gets the digest every day three hours from now.
	at := clk.Now().Add(3 * time.Hour).UTC().Format("15:04")
	sub := srv.NewCommand("digest", discordtest.SubCommand("subscribe", discordtest.StringOption("time", at), discordtest.StringOption("timezone", "UTC")))
	sub.Permissions |= discordgo.PermissionManageGuild
	if got := reply(sub); !strings.Contains(got, "gets the coverage digest every day") {
		t.Fatalf("/digest subscribe answered %s", got)
	}

	// The site publishes a new item. Sixteen minutes on, the feed is due
	// (15 minutes after /feeds add fetched it) and the poll, which looks
	// every minute, takes the item in.
	o.publish()
	appeared := time.Now()
	clk.Skip(16 * time.Minute)
	answered = false
	for attempt := 0; !answered && attempt < 60; attempt++ {
		got = askOnce(t, wctx, srv, "What did Priya Shah say about the flood wall?", fmt.Sprintf("15000000000000%05d", attempt))
		answered = strings.Contains(string(got.Body), "came within a hand") && strings.Contains(string(got.Body), "The Ashby Echo")
		if !answered {
			time.Sleep(500 * time.Millisecond)
		}
	}
	if !answered {
		t.Fatalf("the item published after /feeds add was never answered; last reply %s (log: %s)", got.Body, stderr)
	}
	t.Logf("a new item answerable %s after it appeared on the site, the feed being due (the poll, the watcher's debounce and the index update)",
		time.Since(appeared).Round(10*time.Millisecond))
	if files, _ := filepath.Glob(filepath.Join(corpusDir, "feeds", "the-ashby-echo", "*.jsonl")); len(files) != 3 {
		t.Errorf("%d article files after the poll, want 3: %v", len(files), files)
	}

	// The digest's time comes: it is posted to the channel, the new item in it.
	clk.Skip(3 * time.Hour)
	post, err := srv.WaitFor(wctx, func(r discordtest.Request) bool {
		return r.Route == discordtest.RouteChannelMessageCreate && strings.Contains(r.Path, srv.ChannelID()) &&
			strings.Contains(string(r.Body), "Flood wall at the mill to be raised")
	})
	if err != nil {
		var bodies []string
		for _, r := range srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteChannelMessageCreate)) {
			bodies = append(bodies, string(r.Body))
		}
		t.Fatalf("no digest with the new item was posted: %v; posts: %s (log: %s)", err, bodies, stderr)
	}
	for _, want := range []string{"The Ashby Echo", "Mill Road bridge to reopen in May"} {
		if posts := srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteChannelMessageCreate)); !anyContains(posts, want) {
			t.Errorf("the digest does not mention %q: %s", want, post.Body)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not shut down")
	}
	srv.AssertClean(t)
}

func anyContains(reqs []discordtest.Request, s string) bool {
	for _, r := range reqs {
		if strings.Contains(string(r.Body), s) {
			return true
		}
	}
	return false
}

// skipClock is the wall clock, moved ahead when the test says: a running
// bot's poll and digest see days pass in a moment, while the network, the
// watcher and the fake Discord keep real time.
type skipClock struct {
	mu    sync.Mutex
	ahead time.Duration
	moved chan struct{} // closed, and replaced, at every Skip
	done  chan struct{} // closed when the test ends, to free waiters
}

func newSkipClock(t *testing.T) *skipClock {
	c := &skipClock{moved: make(chan struct{}), done: make(chan struct{})}
	t.Cleanup(func() { close(c.done) })
	return c
}

func (c *skipClock) state() (time.Time, chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.ahead), c.moved
}

func (c *skipClock) Now() time.Time {
	now, _ := c.state()
	return now
}

// Skip moves the clock d ahead.
func (c *skipClock) Skip(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ahead += d
	close(c.moved)
	c.moved = make(chan struct{})
}

// wait returns once d has passed on the clock, or with ctx's error.
func (c *skipClock) wait(ctx context.Context, d time.Duration) error {
	end := c.Now().Add(d)
	for {
		now, moved := c.state()
		if !now.Before(end) {
			return nil
		}
		t := time.NewTimer(end.Sub(now))
		select {
		case <-t.C:
		case <-moved:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-c.done:
			t.Stop()
			return context.Canceled
		}
		t.Stop()
	}
}

func (c *skipClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	return c.wait(ctx, d)
}

func (c *skipClock) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	go func() {
		if c.wait(context.Background(), d) == nil {
			ch <- c.Now()
		}
	}()
	return ch
}
