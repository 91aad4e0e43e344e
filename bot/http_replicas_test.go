package bot

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/coveragebot/coveragebot/bot/discordtest"
	"github.com/coveragebot/coveragebot/search"
)

// TestHTTPPagingAcrossReplicas backs the README's claim that the HTTP
// endpoint is stateless: /ask answered by one replica is paged by another
// (a separate Bot with nothing shared but the key), only for the asker.
func TestHTTPPagingAcrossReplicas(t *testing.T) {
	many := func(_ context.Context, q search.Question) (search.Answers, error) {
		var out search.Answers
		for i := range 12 {
			out.Answers = append(out.Answers, search.Answer{Quote: true, Text: fmt.Sprintf("Quote %d.", i+1), Speaker: "Ana Ruiz",
				Reports: []search.Report{{Outlet: "Harbor Times", ArticleID: "harbor-times/bridge.txt"}}})
		}
		out.Searched = search.Coverage{Articles: 12, Outlets: 1}
		return out, nil
	}
	srv := newFakeDiscord(t)
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	replica := func() string {
		b := newTestBot(t, &fakeCoverage{answer: many})
		h, err := b.NewHTTPHandler(HTTPConfig{PublicKey: pub, APIBase: srv.URL()})
		if err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer(h)
		t.Cleanup(func() { hs.Close(); h.Wait() })
		return hs.URL
	}
	a, b := replica(), replica()
	ctx := waitCtx(t)

	ask := srv.NewCommand("ask", discordtest.StringOption("question", "bridge"))
	if ans, err := srv.PostInteraction(ctx, a, ask, priv); err != nil || ans.Status != 200 {
		t.Fatalf("/ask on replica A: %d %v", ans.Status, err)
	}
	if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ask.ID, ask.Token), discordtest.Succeeded)); err != nil {
		t.Fatal(err)
	}
	orig, err := srv.OriginalResponse(ask.ID)
	if err != nil {
		t.Fatal(err)
	}
	next := discordtest.ButtonID(orig, "Next")
	if next == "" {
		t.Fatalf("no Next button on %+v", orig.Components)
	}

	other := srv.NewComponent(orig.ID, next)
	other.User = discordtest.User{ID: "1100000000000000099", Username: "other"}
	if ans, err := srv.PostInteraction(ctx, b, other, priv); err != nil || ans.Status != 200 || !strings.Contains(string(ans.Body), "Only the person who asked") {
		t.Errorf("someone else's page turn on replica B: %d %s %v", ans.Status, ans.Body, err)
	}
	mine := srv.NewComponent(orig.ID, next)
	if ans, err := srv.PostInteraction(ctx, b, mine, priv); err != nil || ans.Status != 200 {
		t.Fatalf("asker's page turn on replica B: %d %v", ans.Status, err)
	}
	if rec, _ := srv.Interaction(mine.ID); rec.CallbackType != callbackUpdateMessage {
		t.Errorf("page turn answered with %+v, want a message update", rec)
	}
	if m, _ := srv.Message(orig.ID); m == nil || len(m.Embeds) == 0 || !strings.Contains(m.Embeds[0].Footer.Text, "Page 2 of 3") {
		t.Errorf("message not on page 2 after replica B paged it: %+v", m)
	}
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}
