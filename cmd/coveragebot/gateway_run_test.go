package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// TestRunSubcommandHonoursAPIBase runs the real `coveragebot run` with
// DISCORD_API_BASE pointing at the fake Discord: registration, the gateway
// and the answers all go there, and SIGTERM (ctx) shuts it down cleanly.
func TestRunSubcommandHonoursAPIBase(t *testing.T) {
	seeds := filepath.Join("..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed articles missing at %s (CI=true): %v", seeds, err)
		}
		t.Skipf("seed articles not found at %s", seeds)
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
		done <- run(ctx, []string{"run", "--corpus", seeds, "--index", t.TempDir()}, getenv, nil, stderr, stderr)
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
