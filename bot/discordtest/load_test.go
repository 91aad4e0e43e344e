package discordtest_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// TestBurstWithFaultsLosesNothing sends a burst of interactions while the
// callback route answers 429s and 502s and the gateway drops once: every
// interaction must end with exactly one acknowledgement and one edit.
func TestBurstWithFaultsLosesNothing(t *testing.T) {
	t.Parallel()
	const n = 60
	srv := discordtest.New(t)
	dg := openSession(t, srv)
	dg.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		go func() { // a real bot answers concurrently; discordgo's handlers run in order otherwise
			if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
				t.Errorf("defer %s: %v", ic.ID, err)
				return
			}
			content := "answer to " + ic.ID
			if _, err := s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()}); err != nil {
				t.Errorf("edit %s: %v", ic.ID, err)
			}
		}()
	})
	srv.RateLimitNext(discordtest.RouteInteractionCallback, 5, 20*time.Millisecond)
	srv.FailNext(discordtest.RouteOriginalEdit, 3, http.StatusBadGateway)

	start := time.Now()
	ids := make([]*discordtest.Interaction, n)
	for i := range ids {
		ids[i] = srv.NewCommand("ask", discordtest.StringOption("question", fmt.Sprint("question ", i)))
		if i == n/2 {
			srv.DisconnectGateway(0)
		}
		if err := srv.DispatchInteraction(ids[i]); err != nil {
			t.Fatal(err)
		}
	}
	// Not a speed limit, a safety net: after the gateway drop discordgo
	// (v0.29.0) may take a second an event to catch up. Its heartbeat
	// goroutine for the dropped connection, failing to write there, closes
	// the session's current connection instead of its own, and each
	// resumed connection goes the same way after reading one replayed
	// event, until a heartbeat wins the race. Nothing is lost; it is slow.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := srv.WaitForN(ctx, n, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.Succeeded)); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d interactions with faults answered in %v", n, time.Since(start))
	for _, ix := range ids {
		rec, _ := srv.Interaction(ix.ID)
		if rec.Callbacks != 1 || rec.Edits != 1 {
			t.Errorf("interaction %s: %d callbacks, %d edits; want 1 and 1", ix.ID, rec.Callbacks, rec.Edits)
		}
	}
	srv.AssertClean(t)
}
