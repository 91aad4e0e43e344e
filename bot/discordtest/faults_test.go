package discordtest_test

import (
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

func TestRateLimitIsRetriedByDiscordgo(t *testing.T) {
	t.Parallel()
	for _, global := range []bool{false, true} {
		srv := discordtest.New(t)
		dg := srv.Session(srv.Token())
		limited := make(chan *discordgo.RateLimit, 4)
		dg.AddHandler(func(_ *discordgo.Session, rl *discordgo.RateLimit) { limited <- rl })
		srv.InjectFault(discordtest.Fault{Route: discordtest.RouteChannelMessageCreate, Status: http.StatusTooManyRequests, Count: 2, RetryAfter: 30 * time.Millisecond, Global: global})

		msg, err := dg.ChannelMessageSendComplex(srv.ChannelID(), &discordgo.MessageSend{Content: "digest", AllowedMentions: noMentions()})
		if err != nil {
			t.Fatalf("global=%v: send after 429s: %v", global, err)
		}
		reqs := srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteChannelMessageCreate))
		if len(reqs) != 3 || reqs[0].Status != 429 || !reqs[0].Fault || reqs[2].Status != 200 {
			t.Fatalf("global=%v: requests = %v", global, reqs)
		}
		if got := reqs[0].Header; got.Get("Authorization") == "" {
			t.Errorf("recorded headers lack Authorization: %v", got)
		}
		if len(limited) != 2 || (<-limited).RetryAfter != 30*time.Millisecond {
			t.Errorf("global=%v: discordgo saw %d rate limits, want 2 of 30ms", global, len(limited))
		}
		if n := len(srv.ChannelMessages(srv.ChannelID())); n != 1 || msg.ID == "" {
			t.Errorf("global=%v: %d messages stored, want exactly 1", global, n)
		}
		srv.AssertClean(t)
	}
}

func TestServerErrors(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := srv.Session(srv.Token())

	// discordgo retries 502 by itself.
	srv.FailNext(discordtest.RouteChannel, 1, http.StatusBadGateway)
	if ch, err := dg.Channel(srv.ChannelID()); err != nil || ch.ID != srv.ChannelID() {
		t.Errorf("after one 502: %+v, %v", ch, err)
	}
	// Other 5xx reach the caller as a RESTError.
	srv.FailNext(discordtest.RouteChannel, 1, http.StatusServiceUnavailable)
	_, err := dg.Channel(srv.ChannelID())
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Response.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("503: err = %v", err)
	}
	// A fault over a period covers every route when Route is "".
	remove := srv.InjectFault(discordtest.Fault{Status: http.StatusInternalServerError})
	if _, err := dg.User("@me"); err == nil {
		t.Error("GET /users/@me succeeded during an outage")
	}
	remove()
	if _, err := dg.User("@me"); err != nil {
		t.Errorf("after the outage: %v", err)
	}
	srv.AssertClean(t)
}

func TestLostResponseIsApplied(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := srv.Session(srv.Token())
	srv.InjectFault(discordtest.Fault{Route: discordtest.RouteChannelMessageCreate, Status: http.StatusInternalServerError, Count: 1, Lost: true})
	_, err := dg.ChannelMessageSendComplex(srv.ChannelID(), &discordgo.MessageSend{Content: "posted, answer lost", AllowedMentions: noMentions()})
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Response.StatusCode != http.StatusInternalServerError {
		t.Errorf("lost answer: err = %v, want the 500", err)
	}
	if got := srv.ChannelMessages(srv.ChannelID()); len(got) != 1 || got[0].Content != "posted, answer lost" {
		t.Errorf("channel holds %d messages, want the one whose answer was lost", len(got))
	}
	// A request Discord refuses is not applied, lost or not.
	srv.InjectFault(discordtest.Fault{Route: discordtest.RouteChannelMessageCreate, Status: http.StatusInternalServerError, Count: 1, Lost: true})
	_, err = dg.ChannelMessageSendComplex(srv.ChannelID(), &discordgo.MessageSend{AllowedMentions: noMentions()})
	if !errors.As(err, &rest) || rest.Response.StatusCode != http.StatusBadRequest {
		t.Errorf("empty message under a lost answer: err = %v, want the 400", err)
	}
	if n := len(srv.ChannelMessages(srv.ChannelID())); n != 1 {
		t.Errorf("channel holds %d messages, want 1", n)
	}
	if faults := srv.RequestsMatching(func(r discordtest.Request) bool { return r.Fault }); len(faults) != 1 {
		t.Errorf("%d requests marked as faults, want the lost one", len(faults))
	}
}

func TestChannelTheBotLostAccessTo(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := srv.Session(srv.Token())
	tests := []struct {
		status int
		code   int
	}{
		{http.StatusForbidden, discordgo.ErrCodeMissingAccess},
		{http.StatusNotFound, discordgo.ErrCodeUnknownChannel},
	}
	for _, tt := range tests {
		channel := "1200000000000000" + string(rune('0'+tt.status%10)) + "00"
		srv.SetChannelStatus(channel, tt.status)
		_, err := dg.ChannelMessageSendComplex(channel, &discordgo.MessageSend{Content: "digest", AllowedMentions: noMentions()})
		var rest *discordgo.RESTError
		if !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != tt.code {
			t.Errorf("status %d: err = %v, want Discord code %d", tt.status, err, tt.code)
		}
		srv.SetChannelStatus(channel, 0)
		if _, err := dg.ChannelMessageSendComplex(channel, &discordgo.MessageSend{Content: "digest", AllowedMentions: noMentions()}); err != nil {
			t.Errorf("restored channel: %v", err)
		}
	}
}

func TestGatewayDisconnectResumesAndReplays(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := openSession(t, srv)
	seen := make(chan string, 4)
	dg.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		seen <- ic.ID
		_ = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "ok", Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
		})
	})
	ctx := testContext(t)

	srv.DisconnectGateway(0)
	// Dispatched while the client is away: kept and replayed on RESUME.
	ix := srv.NewCommand("help")
	if err := srv.DispatchInteraction(ix); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitForFrame(ctx, func(f discordtest.Frame) bool { return f.FromClient && f.Op == 6 }); err != nil {
		t.Fatalf("client never resumed: %v", err)
	}
	if _, err := srv.WaitForFrame(ctx, func(f discordtest.Frame) bool { return f.Type == "RESUMED" }); err != nil {
		t.Fatal(err)
	}
	select {
	case id := <-seen:
		if id != ix.ID {
			t.Errorf("replayed interaction %s, want %s", id, ix.ID)
		}
	case <-ctx.Done():
		t.Fatal("interaction dispatched during the disconnect never reached the handler")
	}
	if _, err := srv.WaitForAck(ctx, ix.ID); err != nil {
		t.Fatal(err)
	}
	identifies := 0
	for _, f := range srv.Frames() {
		if f.FromClient && f.Op == 2 {
			identifies++
		}
	}
	if identifies != 1 {
		t.Errorf("client identified %d times, want 1 (then resume)", identifies)
	}
	srv.AssertClean(t)
}

func TestMissingHeartbeatAcksMakeTheClientReconnect(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t, discordtest.WithHeartbeatInterval(100*time.Millisecond))
	openSession(t, srv)
	ctx := testContext(t)
	srv.DropHeartbeatAcks(true)
	if _, err := srv.WaitForFrame(ctx, func(f discordtest.Frame) bool { return f.FromClient && f.Op == 6 }); err != nil {
		t.Fatalf("client did not resume after missing ACKs: %v", err)
	}
	srv.DropHeartbeatAcks(false)
	if err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestEnforceNonceDeduplicates(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := srv.Session(srv.Token())
	// discordgo v0.29's MessageSend has no nonce fields, so send the body as the bot will.
	type withNonce struct {
		Content         string                            `json:"content"`
		Nonce           string                            `json:"nonce"`
		EnforceNonce    bool                              `json:"enforce_nonce"`
		AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	}
	send := func(channel, nonce string, enforce bool) *discordgo.Message {
		t.Helper()
		body, err := dg.RequestWithBucketID("POST", discordgo.EndpointChannelMessages(channel),
			withNonce{Content: "digest for " + nonce, Nonce: nonce, EnforceNonce: enforce, AllowedMentions: noMentions()},
			discordgo.EndpointChannelMessages(channel))
		if err != nil {
			t.Fatal(err)
		}
		var m discordgo.Message
		if err := discordgo.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		return &m
	}
	first := send(srv.ChannelID(), "digest-2026-11-23", true)
	again := send(srv.ChannelID(), "digest-2026-11-23", true)
	if again.ID != first.ID {
		t.Errorf("repeated enforced nonce created message %s, want the original %s", again.ID, first.ID)
	}
	other := send("1200000000000000077", "digest-2026-11-23", true)
	unenforced := send(srv.ChannelID(), "digest-2026-11-23", false)
	if other.ID == first.ID || unenforced.ID == first.ID {
		t.Error("nonce deduplicated across channels or without enforce_nonce")
	}
	if n := len(srv.ChannelMessages(srv.ChannelID())); n != 2 {
		t.Errorf("%d messages in the channel, want 2", n)
	}
	dups := srv.RequestsMatching(func(r discordtest.Request) bool { return r.Deduplicated })
	if len(dups) != 1 {
		t.Errorf("%d requests marked deduplicated, want 1", len(dups))
	}
	srv.AssertClean(t)
}

func TestNonceWindowExpires(t *testing.T) {
	t.Parallel()
	var now atomic.Int64 // the fake reads its clock on its own goroutines
	now.Store(time.Date(2026, 3, 29, 8, 0, 0, 0, time.UTC).UnixNano())
	srv := discordtest.New(t, discordtest.WithClock(func() time.Time { return time.Unix(0, now.Load()) }), discordtest.WithNonceWindow(5*time.Minute))
	dg := srv.Session(srv.Token())
	body := map[string]any{"content": "x", "nonce": 123456, "enforce_nonce": true, "allowed_mentions": map[string]any{"parse": []string{}}}
	post := func() string {
		resp, err := dg.RequestWithBucketID("POST", discordgo.EndpointChannelMessages(srv.ChannelID()), body, "")
		if err != nil {
			t.Fatal(err)
		}
		var m discordgo.Message
		_ = discordgo.Unmarshal(resp, &m)
		return m.ID
	}
	a := post()
	if b := post(); b != a {
		t.Errorf("integer nonce within the window: %s then %s", a, b)
	}
	now.Add(int64(6 * time.Minute))
	if c := post(); c == a {
		t.Error("nonce still deduplicates after the window")
	}
	if !strings.Contains(string(srv.Requests()[0].Body), "123456") {
		t.Error("integer nonce not recorded")
	}
}

func TestLateAcknowledgementIsRefusedWithADeadline(t *testing.T) {
	t.Parallel()
	var now atomic.Int64
	now.Store(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC).UnixNano())
	srv := discordtest.New(t, discordtest.WithAckDeadline(3*time.Second),
		discordtest.WithClock(func() time.Time { return time.Unix(0, now.Load()) }))
	dg := openSession(t, srv)
	errs := make(chan error, 1)
	dg.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		now.Add(int64(4 * time.Second)) // the bot took four seconds to answer
		errs <- s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
	})
	if err := srv.DispatchInteraction(srv.NewCommand("ask", discordtest.StringOption("question", "slow?"))); err != nil {
		t.Fatal(err)
	}
	var rest *discordgo.RESTError
	if err := <-errs; !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != discordgo.ErrCodeUnknownInteraction {
		t.Errorf("late callback: err = %v, want 10062 Unknown interaction", err)
	}
	if v := srv.Violations(); len(v) != 1 || !strings.Contains(v[0].Err.Error(), "deadline") {
		t.Errorf("violations = %v", v)
	}
}

func TestInteractionTokenExpiresAfter15Minutes(t *testing.T) {
	t.Parallel()
	var now atomic.Int64
	now.Store(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC).UnixNano())
	srv := discordtest.New(t, discordtest.WithClock(func() time.Time { return time.Unix(0, now.Load()) }))
	dg := openSession(t, srv)
	edits := make(chan error, 1)
	dg.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
			edits <- err
			return
		}
		now.Add(int64(16 * time.Minute))
		content := "too late"
		_, err := s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()})
		edits <- err
	})
	if err := srv.DispatchInteraction(srv.NewCommand("help")); err != nil {
		t.Fatal(err)
	}
	var rest *discordgo.RESTError
	if err := <-edits; !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != 50027 {
		t.Errorf("edit after 16 minutes: err = %v, want 50027 Invalid Webhook Token", err)
	}
	if v := srv.Violations(); len(v) != 1 || !strings.Contains(v[0].Err.Error(), "15-minute") {
		t.Errorf("violations = %v", v)
	}
}

func TestReconnectRequestAndInvalidSession(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	openSession(t, srv)
	ctx := testContext(t)
	countOp := func(op int) int {
		n := 0
		for _, f := range srv.Frames() {
			if f.FromClient && f.Op == op {
				n++
			}
		}
		return n
	}

	srv.RequestReconnect() // op 7: discordgo closes and resumes
	if _, err := srv.WaitForFrame(ctx, func(f discordtest.Frame) bool { return f.FromClient && f.Op == 6 }); err != nil {
		t.Fatalf("no RESUME after op 7: %v", err)
	}
	if err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}

	srv.InvalidateSession() // op 9: discordgo identifies again
	readies := 0
	if _, err := srv.WaitForFrame(ctx, func(f discordtest.Frame) bool {
		if f.Type == "READY" {
			readies++
		}
		return readies == 2
	}); err != nil {
		t.Fatalf("no second READY after op 9: %v", err)
	}
	if n := countOp(2); n != 2 {
		t.Errorf("IDENTIFY sent %d times, want 2", n)
	}
	ix := srv.NewCommand("help")
	if err := srv.DispatchInteraction(ix); err != nil {
		t.Errorf("dispatch on the new session: %v", err)
	}
	srv.AssertClean(t)
}
