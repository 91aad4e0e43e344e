package bot

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// e2eToken is shaped like a real bot token for the fake's application, so
// the real token check runs.
var e2eToken = base64.RawURLEncoding.EncodeToString([]byte(discordtest.DefaultApplicationID)) + ".GhXyZa.dGhpcy1pcy1ub3QtYS1yZWFsLXRva2VuLWF0LWFsbA"

func newFakeDiscord(t testing.TB) *discordtest.Server {
	t.Helper()
	return discordtest.New(t, discordtest.WithToken(e2eToken))
}

// startGateway runs the real gateway transport of b against srv until the
// returned stop is called; stop returns RunGateway's error.
func startGateway(t testing.TB, srv *discordtest.Server, b *Bot) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	ready := make(chan struct{}, 1)
	go func() {
		done <- b.RunGateway(ctx, GatewayConfig{
			Token:   e2eToken,
			AppID:   srv.ApplicationID(),
			GuildID: srv.GuildID(),
			APIBase: srv.URL(),
			Ready: func() {
				select {
				case ready <- struct{}{}:
				default:
				}
			},
		})
	}()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("gateway stopped before it was ready: %v", err)
	case <-time.After(15 * time.Second):
		cancel()
		t.Fatal("gateway not ready after 15 s")
	}
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(15 * time.Second):
				t.Error("gateway did not shut down within 15 s")
			}
		})
		return err
	}
	t.Cleanup(func() { stop() })
	return stop
}

func waitCtx(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// body decodes a recorded request body.
func body(t testing.TB, r discordtest.Request) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("%s: %v", r, err)
	}
	return m
}

// checkAllMessages checks every message-bearing request the fake received:
// within Discord's limits and with allowed_mentions that ping nobody.
func checkAllMessages(t testing.TB, srv *discordtest.Server) {
	t.Helper()
	for _, r := range srv.Requests() {
		var raw []byte
		switch r.Route {
		case discordtest.RouteInteractionCallback:
			var cb struct {
				Type int             `json:"type"`
				Data json.RawMessage `json:"data"`
			}
			if err := json.Unmarshal(r.Body, &cb); err != nil {
				t.Fatalf("%s: %v", r, err)
			}
			if cb.Type != callbackMessage && cb.Type != callbackUpdateMessage {
				continue
			}
			raw = cb.Data
		case discordtest.RouteOriginalEdit, discordtest.RouteFollowup, discordtest.RouteChannelMessageCreate:
			raw = r.Body
		default:
			continue
		}
		var m wireMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		checkWireMessage(t, m, string(raw))
	}
}

func TestGatewayEndToEnd(t *testing.T) {
	srv := newFakeDiscord(t)
	b := newTestBot(t, &fakeCoverage{})
	stop := startGateway(t, srv, b)
	ctx := waitCtx(t)

	// Commands are registered with one bulk overwrite, globally; the home
	// server's own list (Home commands: none here) is overwritten too.
	reg, err := srv.WaitFor(ctx, discordtest.OnRoute(discordtest.RouteGlobalCommandsPut))
	if err != nil {
		t.Fatal(err)
	}
	home, err := srv.WaitFor(ctx, discordtest.OnRoute(discordtest.RouteGuildCommandsPut))
	if err != nil {
		t.Fatal(err)
	}
	if string(home.Body) != "[]" {
		t.Errorf("home server's commands %s, want none", home.Body)
	}
	var cmds []wireCommand
	if err := json.Unmarshal(reg.Body, &cmds); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, ","); got != "ask,quotes,sources,article,help,settings" {
		t.Errorf("registered %s", got)
	}
	if n := len(srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteGlobalCommandsPut))); n != 1 {
		t.Errorf("%d registration requests, want one bulk overwrite", n)
	}
	// Commands and mentions need no privileged intent: without a question
	// channel the bot does not ask for Message Content.
	if srv.Intents()&discordgo.IntentsMessageContent != 0 {
		t.Errorf("intents %d ask for Message Content with no question channel", srv.Intents())
	}

	t.Run("ask is deferred then edited", func(t *testing.T) {
		ix := srv.NewCommand("ask", discordtest.StringOption("question", "What did the mayor say about the bridge?"))
		if err := srv.DispatchInteraction(ix); err != nil {
			t.Fatal(err)
		}
		edit, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token)))
		if err != nil {
			t.Fatal(err)
		}
		reqs := srv.RequestsMatching(discordtest.ForInteraction(ix.ID, ix.Token))
		if len(reqs) < 2 || reqs[0].Route != discordtest.RouteInteractionCallback || body(t, reqs[0])["type"] != float64(callbackDeferredMessage) {
			t.Fatalf("want a deferred ack first, got %v", reqs)
		}
		text := string(edit.Body)
		for _, want := range []string{"The bridge will reopen before the spring floods", "Ana Ruiz", "Harbor Times", "Valley Post", "article truncated by paywall"} {
			if !strings.Contains(text, want) {
				t.Errorf("edited answer lacks %q: %s", want, text)
			}
		}
		rec, _ := srv.Interaction(ix.ID)
		if rec.Callbacks != 1 || rec.Ephemeral {
			t.Errorf("interaction record: %+v", rec)
		}

		// "Show article" on the answer: the article, just for the presser.
		orig, err := srv.OriginalResponse(ix.ID)
		if err != nil {
			t.Fatal(err)
		}
		press := srv.NewComponent(orig.ID, articleCustomID("harbor-times/bridge.txt"))
		press.User = discordtest.User{ID: "1100000000000000099", Username: "other"}
		if err := srv.DispatchInteraction(press); err != nil {
			t.Fatal(err)
		}
		rec, err = srv.WaitForAck(ctx, press.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !rec.Ephemeral || rec.CallbackType != callbackMessage {
			t.Errorf("Show article answered with %+v", rec)
		}
	})

	t.Run("nothing found is ephemeral", func(t *testing.T) {
		ix := srv.NewCommand("ask", discordtest.StringOption("question", "Who won the football?"))
		if err := srv.DispatchInteraction(ix); err != nil {
			t.Fatal(err)
		}
		fu, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteFollowup), discordtest.ForInteraction(ix.ID, ix.Token)))
		if err != nil {
			t.Fatal(err)
		}
		m := body(t, fu)
		if m["flags"] != float64(messageFlagEphemeral) || !strings.HasPrefix(m["content"].(string), "Nothing in the coverage answers that.") {
			t.Errorf("follow-up: %s", fu.Body)
		}
		if len(srv.RequestsMatching(discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalDelete), discordtest.ForInteraction(ix.ID, ix.Token)))) != 1 {
			t.Error("the public deferred message was not deleted")
		}
	})

	t.Run("mention gets a reply", func(t *testing.T) {
		msg, err := srv.DispatchMessage(srv.MentionBot("what did the mayor say about the bridge?"))
		if err != nil {
			t.Fatal(err)
		}
		reply, sent := waitChannelMessage(t, ctx, srv)
		if sent.MessageReference == nil || sent.MessageReference.MessageID != msg.ID {
			t.Errorf("not a reply to the mention: %s", reply.Body)
		}
		if !strings.Contains(string(reply.Body), "spring floods") {
			t.Errorf("reply lacks the quote: %s", reply.Body)
		}
	})

	t.Run("autocomplete", func(t *testing.T) {
		ix := srv.NewAutocomplete("ask", discordtest.StringOption("question", "x"), discordtest.Focused(discordtest.StringOption("speaker", "ru")))
		if err := srv.DispatchInteraction(ix); err != nil {
			t.Fatal(err)
		}
		cb, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteInteractionCallback), discordtest.ForInteraction(ix.ID, ix.Token)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(cb.Body), `"value":"Ana Ruiz"`) {
			t.Errorf("autocomplete: %s", cb.Body)
		}
	})

	t.Run("settings refused without Manage Server", func(t *testing.T) {
		ix := srv.NewCommand("settings", discordtest.SubCommand("qa-channel", discordtest.ChannelOption("channel", srv.ChannelID())))
		if err := srv.DispatchInteraction(ix); err != nil {
			t.Fatal(err)
		}
		rec, err := srv.WaitForAck(ctx, ix.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !rec.Ephemeral {
			t.Errorf("refusal not ephemeral: %+v", rec)
		}
		if ch, _ := b.settings.QAChannel(ctx, srv.GuildID()); ch != "" {
			t.Errorf("qa-channel set to %s by a member without Manage Server", ch)
		}
	})

	if err := stop(); err != nil {
		t.Errorf("RunGateway: %v", err)
	}
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}

// TestGatewayLoad sends 200 concurrent /ask interactions through the fake
// Discord: each must get exactly one acknowledgement and one answer, all
// validated against the spec. The time is reported, not asserted.
func TestGatewayLoad(t *testing.T) {
	const n = 200
	srv := newFakeDiscord(t)
	b := newTestBot(t, &fakeCoverage{})
	startGateway(t, srv, b)
	ctx := waitCtx(t)

	start := time.Now()
	ixs := make([]*discordtest.Interaction, n)
	var wg sync.WaitGroup
	for i := range n {
		ixs[i] = srv.NewCommand("ask", discordtest.StringOption("question", "What did the mayor say about the bridge?"))
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := srv.DispatchInteraction(ixs[i]); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if _, err := srv.WaitForN(ctx, n, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.Succeeded)); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d concurrent /ask answered in %v", n, time.Since(start))
	for _, ix := range ixs {
		rec, ok := srv.Interaction(ix.ID)
		if !ok || rec.Callbacks != 1 || rec.Edits != 1 || rec.Followups != 0 {
			t.Errorf("interaction %s: %+v", ix.ID, rec)
		}
	}
	srv.AssertClean(t)
}

// TestGatewayQuestionChannel: with a question channel configured the bot
// asks for the Message Content intent and answers questions posted there
// without a mention, leaving other chat alone.
func TestGatewayQuestionChannel(t *testing.T) {
	srv := newFakeDiscord(t)
	settings := &memSettings{}
	settings.SetQAChannel(context.Background(), srv.GuildID(), srv.ChannelID())
	b := newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Settings = settings })
	startGateway(t, srv, b)
	ctx := waitCtx(t)
	if srv.Intents()&discordgo.IntentsMessageContent == 0 {
		t.Fatalf("intents %d lack Message Content", srv.Intents())
	}
	if _, err := srv.DispatchMessage(srv.NewMessage("nice weather today")); err != nil {
		t.Fatal(err)
	}
	q, err := srv.DispatchMessage(srv.NewMessage("What did the mayor say about the bridge?"))
	if err != nil {
		t.Fatal(err)
	}
	reply, sent := waitChannelMessage(t, ctx, srv)
	if sent.MessageReference == nil || sent.MessageReference.MessageID != q.ID {
		t.Errorf("reply is not to the question: %s", reply.Body)
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteChannelMessageCreate))); n != 1 {
		t.Errorf("%d messages sent, want only the answer to the question", n)
	}
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}

// TestGatewayRetriesServerErrors: Discord answering 500 and 503 for a
// while costs no answer, and none is sent twice.
func TestGatewayRetriesServerErrors(t *testing.T) {
	srv := newFakeDiscord(t)
	b := newTestBot(t, &fakeCoverage{})
	startGateway(t, srv, b)
	ctx := waitCtx(t)
	srv.FailNext(discordtest.RouteInteractionCallback, 1, 500)
	srv.FailNext(discordtest.RouteOriginalEdit, 2, 503)
	srv.RateLimitNext(discordtest.RouteOriginalEdit, 1, 300*time.Millisecond)
	ix := srv.NewCommand("ask", discordtest.StringOption("question", "What did the mayor say about the bridge?"))
	if err := srv.DispatchInteraction(ix); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token), discordtest.Succeeded)); err != nil {
		t.Fatal(err)
	}
	rec, _ := srv.Interaction(ix.ID)
	if !rec.Acknowledged || rec.Edits != 1 || rec.Followups != 0 {
		t.Errorf("interaction: %+v", rec)
	}
	srv.AssertClean(t)
}

// waitChannelMessage waits for the next message the bot posts in a channel
// and returns the request with its body decoded.
func waitChannelMessage(t *testing.T, ctx context.Context, srv *discordtest.Server) (discordtest.Request, wireMessage) {
	t.Helper()
	reply, err := srv.WaitFor(ctx, discordtest.OnRoute(discordtest.RouteChannelMessageCreate))
	if err != nil {
		t.Fatal(err)
	}
	var sent wireMessage
	if err := json.Unmarshal(reply.Body, &sent); err != nil {
		t.Fatal(err)
	}
	return reply, sent
}
