package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// TestRunSubcommandHonoursAPIBase runs the real `coveragebot run` with
// DISCORD_API_BASE pointing at the fake Discord: registration, the gateway
// and the answers all go there; an article dropped into the corpus folder
// is answered without a restart and, once deleted, no longer is; and
// SIGTERM (ctx) shuts it down cleanly.
func TestRunSubcommandHonoursAPIBase(t *testing.T) {
	seeds := filepath.Join("..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed articles missing at %s (CI=true): %v", seeds, err)
		}
		t.Skipf("seed articles not found at %s", seeds)
	}
	// A copy of the seeds in a temporary folder, to drop an article into.
	corpusDir := t.TempDir()
	entries, err := os.ReadDir(seeds)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(seeds, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(corpusDir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := discordtest.New(t, discordtest.WithToken(goodToken))
	getenv, _, stderr := testEnv(map[string]string{
		envToken:    goodToken,
		envGuildID:  srv.GuildID(),
		envAPIBase:  srv.URL(),
		envLogLevel: "warn",
	})
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
	if _, err := srv.WaitFor(wctx, discordtest.OnRoute(discordtest.RouteGuildCommandsPut)); err != nil {
		t.Fatal(err)
	}
	ix := srv.NewCommand("ask", discordtest.StringOption("question", "What did Kerry say about a localised ceasefire?"))
	if err := srv.DispatchInteraction(ix); err != nil {
		t.Fatal(err)
	}
	edit, err := srv.WaitFor(wctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(edit.Body), "ceasefire") {
		t.Errorf("answer: %s", edit.Body)
	}

	// A new article is answerable within seconds, without a restart.
	dropped := `{"source": "Harbor Times", "url": "https://harbortimes.example/ferry", "published": "2031-03-04T09:00:00Z", "title": "Ferry returns", "text": "The river ferry will run again from Monday, the port authority said.\n\"The ferry will carry passengers across the estuary every twenty minutes,\" said harbour master Ines Okafor."}` + "\n"
	if err := os.WriteFile(filepath.Join(corpusDir, "dropped.jsonl"), []byte(dropped), 0o644); err != nil {
		t.Fatal(err)
	}
	answered := false
	for attempt := 0; !answered && attempt < 40; attempt++ {
		got := askOnce(t, wctx, srv, "What did Okafor say about the ferry?", fmt.Sprintf("12000000000000%05d", attempt))
		answered = got.Route == discordtest.RouteOriginalEdit && strings.Contains(string(got.Body), "every twenty minutes")
		if !answered {
			time.Sleep(500 * time.Millisecond)
		}
	}
	if !answered {
		t.Error("an article dropped into the corpus folder was never answered")
	}

	// Deleted, it leaves the answers, again without a restart.
	if err := os.Remove(filepath.Join(corpusDir, "dropped.jsonl")); err != nil {
		t.Fatal(err)
	}
	for attempt := 0; answered && attempt < 40; attempt++ {
		got := askOnce(t, wctx, srv, "What did Okafor say about the ferry?", fmt.Sprintf("13000000000000%05d", attempt))
		answered = strings.Contains(string(got.Body), "every twenty minutes")
		if answered {
			time.Sleep(500 * time.Millisecond)
		}
	}
	if answered {
		t.Error("an article deleted from the corpus folder is still answered")
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
	if strings.Contains(stderr.String(), goodToken) {
		t.Error("the token is in the log")
	}
	srv.AssertClean(t)
}

// askOnce sends /ask question from a member with userID (each attempt a
// new member, so the cooldown never answers instead) and returns the
// bot's reply: the edited original or a follow-up.
func askOnce(t *testing.T, ctx context.Context, srv *discordtest.Server, question, userID string) discordtest.Request {
	t.Helper()
	ask := srv.NewCommand("ask", discordtest.StringOption("question", question))
	ask.User = discordtest.User{ID: userID, Username: "reader"}
	if err := srv.DispatchInteraction(ask); err != nil {
		t.Fatal(err)
	}
	got, err := srv.WaitFor(ctx, discordtest.All(discordtest.ForInteraction(ask.ID, ask.Token), func(r discordtest.Request) bool {
		return r.Route == discordtest.RouteOriginalEdit || r.Route == discordtest.RouteFollowup
	}))
	if err != nil {
		t.Fatal(err)
	}
	return got
}
