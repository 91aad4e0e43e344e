package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

var servingAddr = regexp.MustCompile(`msg="serving Discord interactions".* addr=(\S+)`)

// TestServeHTTPSubcommandHonoursAPIBase runs the real `coveragebot
// serve-http` the way Discord uses it: commands registered globally at the
// fake through DISCORD_API_BASE, a signed PING answered with PONG, a signed
// /ask deferred and then edited in over REST (through DISCORD_API_BASE
// too), a request signed with another key refused with 401, and a clean
// stop on SIGTERM (ctx) that releases the index.
func TestServeHTTPSubcommandHonoursAPIBase(t *testing.T) {
	seeds := seedsDir(t)
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	_, otherKey, _ := ed25519.GenerateKey(nil)
	srv := discordtest.New(t, discordtest.WithToken(goodToken))
	stderr := &discordtest.LogBuffer{}
	vars := map[string]string{
		envToken:     goodToken,
		envPublicKey: hex.EncodeToString(pub),
		envAPIBase:   srv.URL(),
		envLogLevel:  "info",
	}
	getenv := func(k string) string { return vars[k] }
	index := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve-http", "--addr", "127.0.0.1:0", "--corpus", seeds, "--index", index}, getenv, nil, stderr, stderr)
	}()

	var endpoint string
	for deadline := time.Now().Add(60 * time.Second); endpoint == ""; time.Sleep(20 * time.Millisecond) {
		if m := servingAddr.FindStringSubmatch(stderr.String()); m != nil {
			endpoint = "http://" + m[1] + "/"
		}
		select {
		case err := <-done:
			t.Fatalf("serve-http stopped: %v\nlog: %s", err, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve-http never listened; log: %s", stderr)
		}
	}
	wctx, wcancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer wcancel()

	// Registration: one global bulk overwrite (no DISCORD_GUILD_ID), at the fake.
	if n := len(srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteGlobalCommandsPut))); n != 1 {
		t.Errorf("%d global registrations at the fake, want 1", n)
	}

	pong, err := srv.PostInteraction(wctx, endpoint, srv.NewPing(), priv)
	if err != nil || pong.Status != 200 || strings.TrimSpace(string(pong.Body)) != `{"type":1}` {
		t.Errorf("PING: %d %s %v, want 200 {\"type\":1}", pong.Status, pong.Body, err)
	}
	forged, err := srv.PostInteraction(wctx, endpoint, srv.NewPing(), otherKey)
	if err != nil || forged.Status != 401 {
		t.Errorf("PING signed with another key: %d %v, want 401", forged.Status, err)
	}
	body := srv.InteractionJSON(srv.NewPing())
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...)))
	tampered, err := srv.PostInteractionRaw(wctx, endpoint, bytes.Replace(body, []byte(`"type":1`), []byte(`"type": 1`), 1), sig, ts)
	if err != nil || tampered.Status != 401 {
		t.Errorf("tampered body: %d %v, want 401", tampered.Status, err)
	}

	ix := srv.NewCommand("ask", discordtest.StringOption("question", "What did Kerry say about a localised ceasefire?"))
	ack, err := srv.PostInteraction(wctx, endpoint, ix, priv)
	if err != nil || ack.Status != 200 {
		t.Fatalf("/ask: %d %s %v", ack.Status, ack.Body, err)
	}
	edit, err := srv.WaitFor(wctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token), discordtest.Succeeded))
	if err != nil {
		t.Fatalf("the deferred /ask was never edited in at the fake: %v\nlog: %s", err, stderr)
	}
	for _, want := range []string{"localised ceasefire", "Kerry", "Business Standard"} {
		if !strings.Contains(string(edit.Body), want) {
			t.Errorf("answer lacks %q: %s", want, edit.Body)
		}
	}

	// Nothing found: the public "thinking…" is deleted and an ephemeral
	// note follows, both over REST right behind the HTTP acknowledgement.
	none := srv.NewCommand("ask", discordtest.StringOption("question", "Who won the 1998 World Cup final?"))
	none.User = discordtest.User{ID: "1200000000000000077", Username: "reader"}
	if ack, err := srv.PostInteraction(wctx, endpoint, none, priv); err != nil || ack.Status != 200 {
		t.Fatalf("/ask nothing: %d %v", ack.Status, err)
	}
	if _, err := srv.WaitFor(wctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalDelete), discordtest.ForInteraction(none.ID, none.Token), discordtest.Succeeded)); err != nil {
		t.Errorf("the deferred message was never deleted: %v", err)
	}
	fu, err := srv.WaitFor(wctx, discordtest.All(discordtest.OnRoute(discordtest.RouteFollowup), discordtest.ForInteraction(none.ID, none.Token), discordtest.Succeeded))
	if err != nil {
		t.Errorf("no nothing-found follow-up: %v", err)
	}
	var note struct {
		Content string `json:"content"`
		Flags   int    `json:"flags"`
	}
	if err := fu.JSON(&note); err != nil || note.Flags&64 == 0 || !strings.HasPrefix(note.Content, "Nothing in the coverage answers that.") {
		t.Errorf("nothing-found follow-up = %+v (%v), want an ephemeral note", note, err)
	}

	// An ask beside the running bot fails at once, saying why, instead of
	// waiting minutes for an index the bot never lets go.
	bctx, bcancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer bcancel()
	bgetenv, bstdout, bstderr := testEnv(nil)
	err = run(bctx, []string{"ask", "--corpus", seeds, "--index", index, "Who spoke?"}, bgetenv, nil, bstdout, bstderr)
	if err == nil || !strings.Contains(err.Error(), "a running bot holds it (coveragebot serve-http, pid") || strings.Contains(bstderr.String(), "Waiting") {
		t.Errorf("ask beside serve-http: %v\nstderr: %s", err, bstderr)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve-http: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve-http did not shut down")
	}
	if strings.Contains(stderr.String(), goodToken) {
		t.Error("the token is in the log")
	}
	// The index was closed on the way out: another process can open it.
	agetenv, astdout, astderr := testEnv(nil)
	if err := run(context.Background(), []string{"ask", "--corpus", seeds, "--index", index, "What did Kerry say about a localised ceasefire?"}, agetenv, nil, astdout, astderr); err != nil {
		t.Errorf("the index is still held after shutdown: %v", err)
	}
	srv.AssertClean(t)
}

// TestBotStartErrors: both transports stop with one line saying what is
// wrong when what they stand on cannot be had: a token of the right shape
// that Discord refuses (reset in the portal, say) names DISCORD_TOKEN; a
// corpus folder that is not there is named (not a panic from releasing
// what was never opened).
func TestBotStartErrors(t *testing.T) {
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		srvToken string // the token the fake Discord accepts; "" for its own
		extra    func(t *testing.T) []string
		check    func(msg string) bool
		want     string
	}{
		{"refused token", "", func(*testing.T) []string { return nil },
			func(msg string) bool {
				return strings.HasPrefix(msg, "DISCORD_TOKEN was refused by Discord") && !strings.Contains(msg, "\n") && !strings.Contains(msg, goodToken)
			}, "one line naming DISCORD_TOKEN"},
		{"missing corpus", goodToken, func(t *testing.T) []string {
			return []string{"--corpus", filepath.Join(t.TempDir(), "no-such-corpus")}
		}, func(msg string) bool { return strings.Contains(msg, "no-such-corpus") }, "one naming the missing corpus folder"},
	}
	for _, tt := range tests {
		for _, args := range [][]string{{"run"}, {"serve-http", "--addr", "127.0.0.1:0"}} {
			t.Run(tt.name+"/"+args[0], func(t *testing.T) {
				var opts []discordtest.Option
				if tt.srvToken != "" {
					opts = append(opts, discordtest.WithToken(tt.srvToken))
				}
				srv := discordtest.New(t, opts...)
				getenv, _, stderr := testEnv(map[string]string{
					envToken:     goodToken,
					envPublicKey: hex.EncodeToString(pub),
					envAPIBase:   srv.URL(),
					envLogLevel:  "error",
				})
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				defer cancel()
				err := run(ctx, append(append(args, "--index", t.TempDir()), tt.extra(t)...), getenv, nil, stderr, stderr)
				if err == nil || !tt.check(err.Error()) {
					t.Errorf("error %v, want %s\nlog: %s", err, tt.want, stderr)
				}
			})
		}
	}
}
