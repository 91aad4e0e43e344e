package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot"
	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// runChildEnv carries the index folder to TestRunChild.
const runChildEnv = "COVERAGEBOT_RUN_CHILD"

// TestRunChild is `coveragebot run` in a child process, configured by the
// environment the parent test gives it.
func TestRunChild(t *testing.T) {
	indexDir := os.Getenv(runChildEnv)
	if indexDir == "" {
		t.Skip("runs only as the child process of TestRunSurvivesSIGKILL")
	}
	if err := run(context.Background(), []string{"run", "--index", indexDir}, os.Getenv, nil, os.Stdout, os.Stderr); err != nil {
		t.Fatal(err)
	}
}

// TestRunSurvivesSIGKILL: the real bot (`coveragebot run` on the sample
// corpus, against the fake Discord) is killed with SIGKILL while members
// subscribe channels to the digest. Restarted on the same folder it starts
// (the store and the index open), answers, and every subscription it had
// confirmed to a member is still there.
func TestRunSurvivesSIGKILL(t *testing.T) {
	if os.Getenv(runChildEnv) != "" {
		t.Skip("the child process runs only TestRunChild")
	}
	srv := discordtest.New(t, discordtest.WithToken(goodToken))
	indexDir := filepath.Join(t.TempDir(), "index")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	start := func(registrations int) *exec.Cmd {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^TestRunChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), runChildEnv+"="+indexDir, envToken+"="+goodToken, envGuildID+"="+srv.GuildID(),
			envAPIBase+"="+srv.URL(), envLogLevel+"=warn", envCorpus+"=")
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		if _, err := srv.WaitForN(ctx, registrations, discordtest.OnRoute(discordtest.RouteGuildCommandsPut)); err != nil {
			t.Fatalf("bot never registered its commands: %v\n%s", err, out.String())
		}
		if err := srv.WaitReady(ctx); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	subscribe := func(channel string) *discordtest.Interaction {
		ix := srv.NewCommand("digest", discordtest.SubCommand("subscribe",
			discordtest.StringOption("time", "08:00"), discordtest.StringOption("timezone", "Europe/Paris")))
		ix.ChannelID = channel
		ix.Permissions |= discordgo.PermissionManageGuild
		if err := srv.DispatchInteraction(ix); err != nil {
			t.Fatal(err)
		}
		return ix
	}
	confirmation := func(ix *discordtest.Interaction) func(discordtest.Request) bool {
		return discordtest.All(discordtest.ForInteraction(ix.ID, ix.Token), discordtest.Succeeded, func(r discordtest.Request) bool {
			return strings.Contains(string(r.Body), "gets the coverage digest every day")
		})
	}
	confirmed := func(ix *discordtest.Interaction) bool { return len(srv.RequestsMatching(confirmation(ix))) > 0 }

	child := start(1)
	var sent []*discordtest.Interaction
	for i := range 8 { // confirmed one by one
		ix := subscribe(fmt.Sprintf("12000000000000000%02d", i))
		if _, err := srv.WaitFor(ctx, confirmation(ix)); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, ix)
	}
	for i := 8; i < 20; i++ { // in flight when the bot dies
		sent = append(sent, subscribe(fmt.Sprintf("12000000000000000%02d", i)))
	}
	if err := child.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	child.Wait()
	var kept []string
	for _, ix := range sent {
		if confirmed(ix) {
			kept = append(kept, ix.ChannelID)
		}
	}
	if len(kept) < 8 {
		t.Fatalf("only %d subscriptions confirmed before the kill", len(kept))
	}

	// Restarted on the same folder: it starts and answers.
	child = start(2)
	ask := srv.NewCommand("ask", discordtest.StringOption("question", "What did the fire service say about the flood?"))
	if err := srv.DispatchInteraction(ask); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.ForInteraction(ask.ID, ask.Token), discordtest.Succeeded, func(r discordtest.Request) bool {
		return r.Route == discordtest.RouteOriginalEdit || r.Route == discordtest.RouteFollowup
	})); err != nil {
		t.Fatalf("the restarted bot does not answer: %v", err)
	}
	child.Process.Kill()
	child.Wait()

	store, err := bot.OpenStore(bot.StorePath(indexDir))
	if err != nil {
		t.Fatalf("the store does not open after two kills: %v", err)
	}
	defer store.Close()
	subs, err := store.Subscriptions(ctx, srv.GuildID())
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, s := range subs {
		have[s.ChannelID] = true
	}
	for _, ch := range kept {
		if !have[ch] {
			t.Errorf("channel %s was confirmed subscribed before the kill but is not after the restart", ch)
		}
	}
	t.Logf("%d of %d subscriptions confirmed before SIGKILL; %d in the store after the restart", len(kept), len(sent), len(subs))
	srv.AssertClean(t)
}
