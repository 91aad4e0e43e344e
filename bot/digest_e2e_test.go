package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
	"github.com/coveragebot/coveragebot/search"
)

// digestSource serves a fixed digest.
type digestSource struct{ d search.Digest }

func (s digestSource) Digest(ctx context.Context, since, until time.Time) (search.Digest, error) {
	d := s.d
	d.Since = since
	return d, nil
}

// crashingSender sends for real, then "dies" before the ledger can record
// the message.
type crashingSender struct {
	DigestSender
	crash context.CancelFunc
}

func (c crashingSender) SendDigestPart(ctx context.Context, channelID string, p DigestPart) (string, error) {
	id, err := c.DigestSender.SendDigestPart(ctx, channelID, p)
	if err != nil {
		return id, err
	}
	c.crash()
	return "", ctx.Err()
}

func newFakeDiscordScheduler(t *testing.T, srv *discordtest.Server, store *Store, clock Clock, src DigestSource, sender DigestSender) *Scheduler {
	t.Helper()
	if sender == nil {
		sender = SessionSender{Session: srv.Session(srv.Token())}
	}
	return NewScheduler(SchedulerConfig{Store: store, Source: src, Sender: sender, Clock: clock})
}

func TestDigestPostedToFakeDiscordWithinLimits(t *testing.T) {
	srv := discordtest.New(t)
	store := mustOpenStore(t, t.TempDir()+"/"+StoreFile)
	clock := &fakeClock{now: time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC)}
	d := bigDigest(25)
	sched := newFakeDiscordScheduler(t, srv, store, clock, digestSource{d}, nil)
	ch := srv.ChannelID()
	if err := store.Subscribe(context.Background(), Subscription{GuildID: srv.GuildID(), ChannelID: ch, Hour: 8, Timezone: "UTC", NoNews: NoNewsNote, Created: clock.Now()}); err != nil {
		t.Fatal(err)
	}
	clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	sched.RunDue(context.Background())

	want := len(RenderDigest(d, DigestView{}))
	msgs := srv.ChannelMessages(ch)
	if len(msgs) != want || want < 3 {
		t.Fatalf("%d messages in the channel, want %d (25 long stories need several)", len(msgs), want)
	}
	stories := 0
	for _, m := range msgs {
		stories += len(m.Embeds)
	}
	if stories != 25 {
		t.Errorf("%d story embeds posted, want 25", stories)
	}
	reqs := srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteChannelMessageCreate))
	nonces := map[string]bool{}
	for _, r := range reqs {
		var body struct {
			Nonce           string `json:"nonce"`
			EnforceNonce    bool   `json:"enforce_nonce"`
			AllowedMentions *struct {
				Parse []string `json:"parse"`
			} `json:"allowed_mentions"`
		}
		if err := r.JSON(&body); err != nil {
			t.Fatal(err)
		}
		if body.Nonce == "" || len(body.Nonce) > 25 || !body.EnforceNonce || nonces[body.Nonce] {
			t.Errorf("message nonce %q enforce %v: want a distinct nonce of ≤25 characters, enforced", body.Nonce, body.EnforceNonce)
		}
		nonces[body.Nonce] = true
		if body.AllowedMentions == nil || body.AllowedMentions.Parse == nil || len(body.AllowedMentions.Parse) != 0 {
			t.Errorf("allowed_mentions = %+v, want parse [] so the quoted @everyone pings nobody", body.AllowedMentions)
		}
	}
	srv.AssertClean(t)
}

func TestDigestCrashBetweenSendAndLedgerOnFakeDiscord(t *testing.T) {
	srv := discordtest.New(t)
	path := t.TempDir() + "/" + StoreFile
	store, err := OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{now: time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC)}
	src := digestSource{bigDigest(2)}
	ch := srv.ChannelID()
	if err := store.Subscribe(context.Background(), Subscription{GuildID: srv.GuildID(), ChannelID: ch, Hour: 8, Timezone: "UTC", NoNews: NoNewsNote, Created: clock.Now()}); err != nil {
		t.Fatal(err)
	}
	clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	ctx, crash := context.WithCancel(context.Background())
	sender := crashingSender{DigestSender: SessionSender{Session: srv.Session(srv.Token())}, crash: crash}
	newFakeDiscordScheduler(t, srv, store, clock, src, sender).RunDue(ctx)
	if n := len(srv.ChannelMessages(ch)); n != 1 {
		t.Fatalf("%d messages before the restart, want 1", n)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	// The restarted bot sends the same part again with the same nonce.
	store = mustOpenStore(t, path)
	clock.Set(time.Date(2026, 5, 1, 8, 0, 20, 0, time.UTC))
	newFakeDiscordScheduler(t, srv, store, clock, src, nil).RunDue(context.Background())
	if n := len(srv.ChannelMessages(ch)); n != 1 {
		t.Errorf("%d messages after the restart, want 1: the repeat must not post twice", n)
	}
	if n := len(srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteChannelMessageCreate))); n != 2 {
		t.Errorf("%d sends, want 2 (the original and the repeat)", n)
	}
	post, _, _ := store.Post(context.Background(), srv.GuildID(), ch, "2026-05-01")
	if post.State != PostSent {
		t.Errorf("ledger state %q, want sent", post.State)
	}
	srv.AssertClean(t)
}

// TestDigestChannelProblemsOnFakeDiscord: a channel that takes no posts —
// the bot lost access (403), a moderator archived and locked the thread,
// the forum requires a tag (both 400 with their own codes) — is a channel
// problem: the day is not counted as posted, it is retried, /digest status
// says what to do, and other channels are unaffected.
func TestDigestChannelProblemsOnFakeDiscord(t *testing.T) {
	const bad = "999000000000000001"
	tests := []struct {
		name  string
		setup func(srv *discordtest.Server)
		want  string
	}{
		{"no access", func(srv *discordtest.Server) { srv.SetChannelStatus(bad, 403) }, "I'm not allowed to post there"},
		{"archived and locked thread", func(srv *discordtest.Server) {
			srv.AddChannel(discordgo.Channel{ID: bad, Type: discordgo.ChannelTypeGuildPublicThread, ParentID: srv.ChannelID(),
				ThreadMetadata: &discordgo.ThreadMetadata{Archived: true, Locked: true}})
		}, "the thread is archived or locked (unlock and reopen it"},
		{"forum that requires tags", func(srv *discordtest.Server) {
			srv.AddChannel(discordgo.Channel{ID: bad, Type: discordgo.ChannelTypeGuildForum, Flags: discordgo.ChannelFlagRequireTag})
		}, "the forum requires a tag on every post (make tags optional"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := discordtest.New(t)
			store := mustOpenStore(t, t.TempDir()+"/"+StoreFile)
			clock := &fakeClock{now: time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC)}
			sched := newFakeDiscordScheduler(t, srv, store, clock, digestSource{bigDigest(1)}, nil)
			good := srv.ChannelID()
			for _, ch := range []string{good, bad} {
				if err := store.Subscribe(context.Background(), Subscription{GuildID: srv.GuildID(), ChannelID: ch, Hour: 8, Timezone: "UTC", NoNews: NoNewsNote, Created: clock.Now()}); err != nil {
					t.Fatal(err)
				}
			}
			tt.setup(srv)
			at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
			clock.Set(at)
			sched.RunDue(context.Background())
			if n := len(srv.ChannelMessages(good)); n != 1 {
				t.Errorf("good channel: %d messages, want 1", n)
			}
			post, _, _ := store.Post(context.Background(), srv.GuildID(), bad, "2026-05-01")
			if post.State != PostIntent || post.Attempts != 1 || !strings.Contains(post.LastError, tt.want) || !post.NextTry.Equal(at.Add(time.Minute)) {
				t.Errorf("ledger = %+v, want a failure saying %q, retried in a minute", post, tt.want)
			}
			// /digest status shows it.
			d := NewDigests(store, sched, clock)
			r, err := d.handle(context.Background(), Interaction{Kind: KindCommand, Command: "digest", Subcommand: "status",
				InGuild: true, GuildID: srv.GuildID(), ChannelID: good, Permissions: PermissionManageServer})
			if err != nil {
				t.Fatal(err)
			}
			text := r.Embeds[0].Fields[0].Value + r.Embeds[0].Fields[1].Value
			if !strings.Contains(text, "Can't post:** "+tt.want) || !r.Ephemeral {
				t.Errorf("status = %+v, want the problem shown, ephemerally", r)
			}
		})
	}
}

// TestDigestCommandsThroughGateway drives /digest through the real
// discordgo client and the fake Discord's gateway.
func TestDigestCommandsThroughGateway(t *testing.T) {
	srv := newFakeDiscord(t)
	store := mustOpenStore(t, t.TempDir()+"/"+StoreFile)
	clock := &fakeClock{now: time.Date(2026, 3, 28, 12, 0, 0, 0, time.UTC)}
	sched := NewScheduler(SchedulerConfig{Store: store, Source: &fakeSource{}, Sender: &fakeSender{clock: clock}, Clock: clock})
	digests := NewDigests(store, sched, clock)
	b := newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Commands = append(c.Commands, digests.Command()) })
	stop := startGateway(t, srv, b)
	defer func() {
		if err := stop(); err != nil {
			t.Error(err)
		}
	}()
	ctx := waitCtx(t)

	reply := func(ix *discordtest.Interaction) string {
		t.Helper()
		if err := srv.DispatchInteraction(ix); err != nil {
			t.Fatal(err)
		}
		rec, err := srv.WaitForAck(ctx, ix.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !rec.Ephemeral {
			t.Errorf("/digest reply not ephemeral: %+v", rec)
		}
		var text strings.Builder
		for _, r := range srv.RequestsMatching(discordtest.ForInteraction(ix.ID, ix.Token)) {
			text.Write(r.Body)
		}
		return text.String()
	}
	subscribe := func() *discordtest.Interaction {
		return srv.NewCommand("digest", discordtest.SubCommand("subscribe",
			discordtest.StringOption("time", "08:00"), discordtest.StringOption("timezone", "Europe/Paris")))
	}

	if got := reply(subscribe()); !strings.Contains(got, "Manage Server") {
		t.Errorf("a member without Manage Server got %s", got)
	}
	if subs, _ := store.Subscriptions(ctx, ""); len(subs) != 0 {
		t.Fatalf("subscribed without permission: %+v", subs)
	}

	admin := subscribe()
	admin.Permissions |= PermissionManageServer
	if got := reply(admin); !strings.Contains(got, "08:00 Europe/Paris") {
		t.Errorf("subscribe answered %s", got)
	}
	if subs, _ := store.Subscriptions(ctx, srv.GuildID()); len(subs) != 1 || subs[0].ChannelID != srv.ChannelID() {
		t.Errorf("subscriptions = %+v, want this channel", subs)
	}

	preview := srv.NewCommand("digest", discordtest.SubCommand("preview"))
	preview.Permissions |= PermissionManageServer
	if got := reply(preview); !strings.Contains(got, "Kerry and Lavrov discuss a ceasefire") {
		t.Errorf("preview answered %s", got)
	}
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}

// TestDigestToForumAndThreadOnFakeDiscord: a forum gets one post per
// digest (its first message the first part, the rest in the post's
// thread); a thread gets the parts as messages. Every request is checked
// against Discord's spec by the fake.
func TestDigestToForumAndThreadOnFakeDiscord(t *testing.T) {
	srv := discordtest.New(t)
	const forum, thread = "1200000000000000150", "1200000000000000151"
	srv.AddChannel(discordgo.Channel{ID: forum, Name: "coverage-digest", Type: discordgo.ChannelTypeGuildForum})
	srv.AddChannel(discordgo.Channel{ID: thread, Name: "syria-talks", Type: discordgo.ChannelTypeGuildPublicThread, ParentID: srv.ChannelID()})
	store := mustOpenStore(t, t.TempDir()+"/"+StoreFile)
	clock := &fakeClock{now: time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC)}
	d := bigDigest(25)
	parts := len(RenderDigest(d, DigestView{}))
	for _, ch := range []string{forum, thread} {
		if err := store.Subscribe(context.Background(), Subscription{GuildID: srv.GuildID(), ChannelID: ch, Hour: 8, Timezone: "UTC", NoNews: NoNewsNote, Created: clock.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	newFakeDiscordScheduler(t, srv, store, clock, digestSource{d}, nil).RunDue(context.Background())

	posts := srv.RequestsMatching(discordtest.All(discordtest.OnRoute(discordtest.RouteThreadCreate), discordtest.Succeeded))
	if len(posts) != 1 {
		t.Fatalf("%d forum posts, want 1", len(posts))
	}
	var post struct {
		Name string `json:"name"`
	}
	if err := posts[0].JSON(&post); err != nil || post.Name != "Coverage digest — Fri 1 May 2026" {
		t.Errorf("forum post name %q (%v)", post.Name, err)
	}
	ledger, _, _ := store.Post(context.Background(), srv.GuildID(), forum, "2026-05-01")
	if ledger.State != PostSent || len(ledger.Messages) != parts {
		t.Fatalf("forum ledger = %+v, want %d parts sent", ledger, parts)
	}
	if n := len(srv.ChannelMessages(ledger.Messages[0])); n != parts {
		t.Errorf("%d messages in the forum post, want %d", n, parts)
	}
	if n := len(srv.ChannelMessages(thread)); n != parts {
		t.Errorf("%d messages in the thread, want %d", n, parts)
	}
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}
