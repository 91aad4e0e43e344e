package discordtest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// BenchmarkValidateRequest measures the per-request cost of the checks the
// fake runs on everything it records (spec schema compiled once, plus limits).
func BenchmarkValidateRequest(b *testing.B) {
	discordtest.RequireSpec(b)
	body := []byte(`{"content":"` + strings.Repeat("quote ", 200) + `","embeds":[{"title":"Kerry on Iran","description":"` +
		strings.Repeat("words ", 500) + `","fields":[{"name":"Dawn","value":"14 Jan 2014","inline":true}]}],"allowed_mentions":{"parse":[]}}`)
	b.ReportAllocs()
	for b.Loop() {
		if errs := discordtest.ValidateRequest("PATCH", "/api/v10/webhooks/1100000000000000003/tok/messages/@original", body); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkInteractionRoundTrip measures one command through the fake with
// a real discordgo client: dispatch, deferred ack, edit, all recorded and validated.
func BenchmarkInteractionRoundTrip(b *testing.B) {
	srv := discordtest.New(b)
	dg := srv.Session(srv.Token())
	dg.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		go func() {
			_ = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
			content := "answer"
			_, _ = s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: &discordgo.MessageAllowedMentions{}})
		}()
	})
	if err := dg.Open(); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		ix := srv.NewCommand("ask", discordtest.StringOption("question", "what did Kerry say?"))
		if err := srv.DispatchInteraction(ix); err != nil {
			b.Fatal(err)
		}
		if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token))); err != nil {
			b.Fatal(err)
		}
	}
}
