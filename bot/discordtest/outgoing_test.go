package discordtest_test

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// signedEndpoint is a minimal interactions endpoint: it verifies the
// signature, answers PING with PONG and a command with a deferred ack.
func signedEndpoint(t *testing.T, pub ed25519.PublicKey) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		sig, err := hex.DecodeString(r.Header.Get("X-Signature-Ed25519"))
		if err != nil || !ed25519.Verify(pub, append([]byte(r.Header.Get("X-Signature-Timestamp")), body...), sig) {
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		var ix discordgo.Interaction
		if err := json.Unmarshal(body, &ix); err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		resp := discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
		if ix.Type == discordgo.InteractionApplicationCommand {
			resp.Type = discordgo.InteractionResponseDeferredChannelMessageWithSource
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestPostInteractionSignsAndRecordsTheAnswer(t *testing.T) {
	t.Parallel()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	_, otherKey, _ := ed25519.GenerateKey(nil)
	srv := discordtest.New(t)
	endpoint := signedEndpoint(t, pub)
	ctx := testContext(t)

	ping, err := srv.PostInteraction(ctx, endpoint.URL, srv.NewPing(), priv)
	if err != nil || ping.Status != 200 || string(ping.Body) != "{\"type\":1}\n" {
		t.Fatalf("PING: %d %s %v", ping.Status, ping.Body, err)
	}
	if bad, err := srv.PostInteraction(ctx, endpoint.URL, srv.NewPing(), otherKey); err != nil || bad.Status != http.StatusUnauthorized {
		t.Errorf("wrong key: %d %v, want 401", bad.Status, err)
	}

	ix := srv.NewCommand("ask", discordtest.StringOption("question", "who?"))
	ans, err := srv.PostInteraction(ctx, endpoint.URL, ix, priv)
	if err != nil || ans.Status != 200 {
		t.Fatalf("command: %d %v", ans.Status, err)
	}
	rec, ok := srv.Interaction(ix.ID)
	if !ok || !rec.Acknowledged || rec.CallbackType != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("HTTP answer not taken as the callback: %+v", rec)
	}
	// The edit after a deferred HTTP answer goes over REST, as in production.
	var decoded discordgo.Interaction
	if err := json.Unmarshal(srv.InteractionJSON(srv.NewPing()), &decoded); err != nil {
		t.Fatal(err)
	}
	decoded.AppID, decoded.Token = ix.ApplicationID, ix.Token
	dg := srv.Session(srv.Token())
	content := "Kerry said it."
	if _, err := dg.InteractionResponseEdit(&decoded, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()}); err != nil {
		t.Fatal(err)
	}
	if m, err := srv.OriginalResponse(ix.ID); err != nil || m.Content != content {
		t.Errorf("original = %+v, %v", m, err)
	}
	srv.AssertClean(t)
}

func TestEditBeforeAcknowledgementIsAViolation(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	ix := srv.NewCommand("ask", discordtest.StringOption("question", "who?"), discordtest.ChannelOption("in", "1200000000000000001"))
	var decoded discordgo.InteractionCreate
	if err := json.Unmarshal(srv.InteractionJSON(ix), &decoded); err != nil {
		t.Fatal(err)
	}
	data := decoded.ApplicationCommandData()
	if decoded.ID != ix.ID || data.Name != "ask" || data.Options[0].StringValue() != "who?" || data.Resolved == nil || data.Resolved.Channels["1200000000000000001"] == nil {
		t.Errorf("decoded = %+v data = %+v", decoded.Interaction, data)
	}
	dg := srv.Session(srv.Token())
	content := "answer"
	if _, err := dg.InteractionResponseEdit(decoded.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()}); err == nil {
		t.Error("edit before any acknowledgement succeeded")
	}
	if len(srv.Violations()) != 1 {
		t.Errorf("violations = %v, want the edit before the ack", srv.Violations())
	}
}
