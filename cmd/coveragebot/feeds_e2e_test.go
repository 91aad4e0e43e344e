package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// TestRunFeedsEndToEnd runs the real `coveragebot run` against the fake
// Discord and a news site on 127.0.0.1: a member with Manage Server adds
// the site's feed with /feeds add in the home server, is told what was
// found, and /ask then answers from the feed's article, cited to its
// outlet; /feeds list shows it healthy.
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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"run", "--corpus", corpusDir, "--index", t.TempDir()}, getenv, nil, stderr, stderr)
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
	if !strings.Contains(string(reg.Body), `"name":"feeds"`) {
		t.Fatalf("/feeds was not registered: %s", reg.Body)
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
