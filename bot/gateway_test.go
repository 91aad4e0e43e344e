package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/coveragebot/coveragebot/bot/discordtest"
	"github.com/coveragebot/coveragebot/search"
)

func TestParseToken(t *testing.T) {
	tests := []struct {
		in      string
		wantErr error
		wantApp string
	}{
		{e2eToken, nil, discordtest.DefaultApplicationID},
		{"Bot " + e2eToken, nil, discordtest.DefaultApplicationID},
		{"", ErrTokenMissing, ""},
		{"   ", ErrTokenMissing, ""},
		{"test-bot-token", ErrTokenMalformed, ""},
		{"a.b", ErrTokenMalformed, ""},
		{"bm90LWFuLWlk.abc.def", ErrTokenMalformed, ""}, // first part is not an id
		{`"` + e2eToken + `"`, ErrTokenMalformed, ""},
	}
	for _, tt := range tests {
		_, app, err := ParseToken(tt.in)
		if !errors.Is(err, tt.wantErr) || app != tt.wantApp {
			t.Errorf("ParseToken(%q) = %q, %v; want %q, %v", tt.in, app, err, tt.wantApp, tt.wantErr)
		}
		if err != nil && strings.Contains(err.Error(), tt.in) && tt.in != "" && strings.TrimSpace(tt.in) != "" {
			t.Errorf("the error quotes the token: %v", err)
		}
	}
}

// slowCoverage blocks Answer until release is closed.
func slowCoverage(started chan<- struct{}, release <-chan struct{}) *fakeCoverage {
	var once sync.Once
	return &fakeCoverage{answer: func(ctx context.Context, q search.Question) (search.Answers, error) {
		once.Do(func() { close(started) })
		<-release
		return sampleAnswers(q), nil
	}}
}

func TestGatewayShutdownFinishesRepliesInFlight(t *testing.T) {
	srv := newFakeDiscord(t)
	started, release := make(chan struct{}), make(chan struct{})
	b := newTestBot(t, slowCoverage(started, release))
	stop := startGateway(t, srv, b)
	ctx := waitCtx(t)

	first := srv.NewCommand("ask", discordtest.StringOption("question", "What about the bridge?"))
	if err := srv.DispatchInteraction(first); err != nil {
		t.Fatal(err)
	}
	<-started
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	select {
	case err := <-stopped:
		t.Fatalf("shut down with a reply under way: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	// Shutting down: new interactions are no longer taken.
	late := srv.NewCommand("sources")
	if err := srv.DispatchInteraction(late); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	close(release)
	if err := <-stopped; err != nil {
		t.Fatalf("RunGateway: %v", err)
	}
	if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(first.ID, first.Token), discordtest.Succeeded)); err != nil {
		t.Fatalf("the reply in flight was lost: %v", err)
	}
	if rec, _ := srv.Interaction(late.ID); rec.Callbacks != 0 {
		t.Errorf("an interaction arriving during shutdown was taken: %+v", rec)
	}
	srv.AssertClean(t)
}

func TestGatewayResumesAfterDisconnect(t *testing.T) {
	srv := newFakeDiscord(t)
	b := newTestBot(t, &fakeCoverage{})
	startGateway(t, srv, b)
	ctx := waitCtx(t)
	srv.DisconnectGateway(4000)
	ix := srv.NewCommand("ask", discordtest.StringOption("question", "What did the mayor say about the bridge?"))
	if err := srv.DispatchInteraction(ix); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token))); err != nil {
		t.Fatalf("no answer after the gateway dropped: %v", err)
	}
	srv.AssertClean(t)
}

func TestGatewayPaging(t *testing.T) {
	many := func(_ context.Context, q search.Question) (search.Answers, error) {
		var out search.Answers
		for i := range 12 {
			out.Answers = append(out.Answers, search.Answer{Quote: true, Text: fmt.Sprintf("Quote %d.", i+1), Speaker: "Ana Ruiz",
				Reports: []search.Report{{Outlet: "Harbor Times", ArticleID: "harbor-times/bridge.txt"}}})
		}
		return out, nil
	}
	srv := newFakeDiscord(t)
	b := newTestBot(t, &fakeCoverage{answer: many})
	startGateway(t, srv, b)
	ctx := waitCtx(t)
	ix := srv.NewCommand("ask", discordtest.StringOption("question", "bridge"))
	if err := srv.DispatchInteraction(ix); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token))); err != nil {
		t.Fatal(err)
	}
	orig, err := srv.OriginalResponse(ix.ID)
	if err != nil {
		t.Fatal(err)
	}
	next := discordtest.ButtonID(orig, "Next")
	if next == "" {
		t.Fatalf("no Next button on %+v", orig.Components)
	}

	other := srv.NewComponent(orig.ID, next)
	other.User = discordtest.User{ID: "1100000000000000099", Username: "other"}
	if err := srv.DispatchInteraction(other); err != nil {
		t.Fatal(err)
	}
	if rec, err := srv.WaitForAck(ctx, other.ID); err != nil || !rec.Ephemeral {
		t.Errorf("someone else's page turn: %+v, %v", rec, err)
	}

	mine := srv.NewComponent(orig.ID, next)
	if err := srv.DispatchInteraction(mine); err != nil {
		t.Fatal(err)
	}
	rec, err := srv.WaitForAck(ctx, mine.ID)
	if err != nil || rec.CallbackType != callbackUpdateMessage {
		t.Fatalf("asker's page turn: %+v, %v", rec, err)
	}
	m, _ := srv.Message(orig.ID)
	if m == nil || len(m.Embeds) == 0 || !strings.Contains(m.Embeds[0].Footer.Text, "Page 2 of 3") {
		t.Errorf("message not on page 2: %+v", m)
	}
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}

// TestGatewayWithoutMessageContentIntent runs against a gateway that, like
// Discord before the intent is ticked in the Developer Portal, closes with
// 4014 when the Message Content intent is asked for: the bot must say so
// and carry on with mentions only.
func TestGatewayWithoutMessageContentIntent(t *testing.T) {
	var (
		mu       sync.Mutex
		identify []discordgo.Intent
	)
	up := websocket.Upgrader{}
	mux := http.NewServeMux()
	var wsURL string
	mux.HandleFunc("GET /api/v"+discordgo.APIVersion+"/gateway", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"url":%q}`, wsURL)
	})
	mux.HandleFunc("PUT /api/v"+discordgo.APIVersion+"/applications/{app}/commands", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("[]"))
	})
	mux.HandleFunc("/ws/", func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		c.WriteJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
		var id struct {
			Op int `json:"op"`
			D  struct {
				Intents discordgo.Intent `json:"intents"`
			} `json:"d"`
		}
		if err := c.ReadJSON(&id); err != nil {
			return
		}
		mu.Lock()
		identify = append(identify, id.D.Intents)
		mu.Unlock()
		if id.D.Intents&discordgo.IntentsMessageContent != 0 {
			c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4014, "Disallowed intent(s)."))
			return
		}
		c.WriteJSON(map[string]any{"op": 0, "t": "READY", "s": 1, "d": map[string]any{
			"v": 10, "session_id": "s1", "user": map[string]any{"id": discordtest.DefaultBotUserID, "username": "Coverage", "bot": true}, "guilds": []any{},
		}})
		for {
			if _, _, err := c.ReadMessage(); err != nil {
				return
			}
		}
	})
	hs := httptest.NewServer(mux)
	defer hs.Close()
	wsURL = "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"

	var logs discordtest.LogBuffer
	settings := &memSettings{}
	settings.SetQAChannel(context.Background(), "7", "8")
	b := New(Config{Coverage: &fakeCoverage{}, Settings: settings, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- b.RunGateway(ctx, GatewayConfig{Token: e2eToken, APIBase: hs.URL, Ready: func() { close(ready) }})
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("RunGateway: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("not ready")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(identify) != 2 || identify[0]&discordgo.IntentsMessageContent == 0 || identify[1]&discordgo.IntentsMessageContent != 0 {
		t.Errorf("identify intents: %v", identify)
	}
	if identify[len(identify)-1] != baseIntents {
		t.Errorf("fallback intents %d, want %d", identify[len(identify)-1], baseIntents)
	}
	if b.hasMessageContent() {
		t.Error("bot believes it has the Message Content intent")
	}
	if !strings.Contains(logs.String(), "Message Content intent is not granted") {
		t.Errorf("no clear warning in the log:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), e2eToken) {
		t.Error("the token is in the log")
	}
}
