package bot

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
	"github.com/coveragebot/coveragebot/search"
)

// TestSecretsNeverLogged runs the gateway with a known token and a debug
// logger through the paths that log: a handler that panics, an answer
// Discord keeps refusing with 500s (the error quotes the request URL), a
// dropped gateway, a mention. Neither the bot token nor any interaction
// token (a credential for 15 minutes) may appear in the bot's log, in
// discordgo's own log, or in the errors the bot returns.
func TestSecretsNeverLogged(t *testing.T) {
	var logs discordtest.LogBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	// discordgo logs through the standard logger.
	prevOut, prevFlags := log.Writer(), log.Flags()
	log.SetOutput(&logs)
	t.Cleanup(func() { log.SetOutput(prevOut); log.SetFlags(prevFlags) })

	// Retries of a refused answer, quicker than in production.
	prevBackoff := restBackoff
	restBackoff = []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond, 80 * time.Millisecond}
	t.Cleanup(func() { restBackoff = prevBackoff })

	srv := newFakeDiscord(t)
	cov := &fakeCoverage{answer: func(ctx context.Context, q search.Question) (search.Answers, error) {
		if strings.Contains(q.Text, "panic") {
			panic("index corrupted at passage 7") // a bug meeting bad input
		}
		return sampleAnswers(q), nil
	}}
	b := newTestBot(t, cov, func(c *Config) { c.Logger = logger })
	stop := startGateway(t, srv, b)
	ctx := waitCtx(t)

	var tokens []string
	ask := func(question string) *discordtest.Interaction {
		ix := srv.NewCommand("ask", discordtest.StringOption("question", question))
		ix.User = discordtest.User{ID: "14000000000000000" + string(rune('0'+len(tokens))) + "1", Username: "asker"}
		tokens = append(tokens, ix.Token)
		if err := srv.DispatchInteraction(ix); err != nil {
			t.Fatal(err)
		}
		return ix
	}

	// A handler that panics: one friendly reply, one log line, the bot lives on.
	ix := ask("what about the panic?")
	fu, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteFollowup), discordtest.ForInteraction(ix.ID, ix.Token)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(fu.Body), "Something went wrong") {
		t.Errorf("after a panic the asker got %s", fu.Body)
	}

	// Discord refusing an answer for good: the error is logged.
	srv.FailNext(discordtest.RouteOriginalEdit, len(restBackoff)+1, http.StatusInternalServerError)
	ix = ask("What did the mayor say about the bridge?")
	if _, err := srv.WaitForN(ctx, len(restBackoff)+1, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token))); err != nil {
		t.Fatal(err)
	}
	waitForLog(t, &logs, "reply to interaction failed")

	// A dropped gateway, then a normal answer and a mention.
	srv.DisconnectGateway(0)
	ix = ask("What did the mayor say about the bridge?")
	if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token), discordtest.Succeeded)); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.DispatchMessage(srv.MentionBot("what did the mayor say about the bridge?")); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitFor(ctx, discordtest.OnRoute(discordtest.RouteChannelMessageCreate)); err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Errorf("RunGateway: %v", err)
	}

	// A token Discord refuses: the error says so without quoting it.
	refused := strings.Replace(e2eToken, "dGhpcy1pcy1ub3Qt", "cmVmdXNlZC10b2tl", 1)
	err = b.RunGateway(context.Background(), GatewayConfig{Token: refused, AppID: srv.ApplicationID(), GuildID: srv.GuildID(), APIBase: srv.URL(), Logger: logger})
	if err == nil || !errors.Is(err, ErrTokenMalformed) {
		t.Errorf("a refused token: %v, want ErrTokenMalformed", err)
	}

	out := logs.String()
	for _, want := range []string{"handler panicked", "index corrupted at passage 7", "reply to interaction failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	secrets := append([]string{e2eToken, refused, strings.Split(e2eToken, ".")[2]}, tokens...)
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("the log holds a secret %.12s…:\n%s", s, out)
		}
		if err != nil && strings.Contains(err.Error(), s) {
			t.Errorf("the error holds a secret: %v", err)
		}
	}
}

// TestPublicKeyNeverEchoed: a wrong public key is refused without quoting
// it, and the endpoint never writes its key into a response or the log.
func TestPublicKeyNeverEchoed(t *testing.T) {
	bad := strings.Repeat("c0ffee", 10) + "zz"
	if _, err := ParsePublicKey(bad); err == nil || strings.Contains(err.Error(), bad) || strings.Contains(err.Error(), "c0ffee") {
		t.Errorf("ParsePublicKey(bad) = %v", err)
	}
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var logs discordtest.LogBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	b := newTestBot(t, &fakeCoverage{})
	h, err := b.NewHTTPHandler(HTTPConfig{PublicKey: pub, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, body := range []string{`{"type":1}`, `{"type":2,"id":"1","token":"secret-interaction-token"}`} {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(make([]byte, ed25519.SignatureSize)))
		req.Header.Set("X-Signature-Timestamp", strconv.FormatInt(time.Now().Unix(), 10))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("unsigned %s: status %d", body, rec.Code)
		}
		bodies = append(bodies, rec.Body.String())
	}
	key := hex.EncodeToString(pub)
	for _, s := range append(bodies, logs.String()) {
		if strings.Contains(s, key) || strings.Contains(s, "secret-interaction-token") {
			t.Errorf("a response or the log holds the key or a token: %s", s)
		}
	}
}

func waitForLog(t *testing.T, logs *discordtest.LogBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("log never said %q:\n%s", want, logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestMentionHandlerPanicIsContained: a panic while answering a mention
// becomes "Something went wrong" in the channel, not a dead bot.
func TestMentionHandlerPanicIsContained(t *testing.T) {
	var logs discordtest.LogBuffer
	cov := &fakeCoverage{answer: func(context.Context, search.Question) (search.Answers, error) { panic("nil map") }}
	b := newTestBot(t, cov, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	r, ok := b.HandleMessage(context.Background(), ChannelMessage{ID: "5", ChannelID: "8", GuildID: "7", AuthorID: "42",
		Content: "<@900> what about the bridge?", MentionsBot: true}, "900")
	if !ok || !strings.Contains(r.Content, "Something went wrong") {
		t.Errorf("reply %+v, %v", r, ok)
	}
	if !strings.Contains(logs.String(), "message handler panicked") {
		t.Errorf("log: %s", logs.String())
	}
}
