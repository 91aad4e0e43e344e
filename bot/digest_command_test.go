package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

func newTestDigests(t *testing.T) (*Digests, *Store, *fakeClock) {
	t.Helper()
	store := mustOpenStore(t, t.TempDir()+"/"+StoreFile)
	clock := &fakeClock{now: time.Date(2026, 3, 28, 12, 0, 0, 0, time.UTC)}
	sched := NewScheduler(SchedulerConfig{Store: store, Source: &fakeSource{}, Sender: &fakeSender{clock: clock}, Clock: clock})
	return NewDigests(store, sched, clock), store, clock
}

func digestInteraction(sub string, opts map[string]string) Interaction {
	return Interaction{Kind: KindCommand, Command: "digest", Subcommand: sub, Options: opts, InGuild: true,
		GuildID: "g", ChannelID: "here", UserID: "u", Permissions: PermissionManageServer}
}

func TestDigestSubscribe(t *testing.T) {
	tests := []struct {
		name    string
		opts    map[string]string
		want    Subscription // zero: refused
		wantMsg string
	}{
		{"defaults", nil, Subscription{ChannelID: "here", Hour: 8, Timezone: "UTC", NoNews: NoNewsNote}, "08:00 UTC"},
		{"all options", map[string]string{"channel": "forum", "time": "18:30", "timezone": "Europe/Paris", "no-news": "silent"},
			Subscription{ChannelID: "forum", Hour: 18, Minute: 30, Timezone: "Europe/Paris", NoNews: NoNewsSilent}, "I post nothing"},
		{"single-digit hour", map[string]string{"time": "7:05"}, Subscription{ChannelID: "here", Hour: 7, Minute: 5, Timezone: "UTC", NoNews: NoNewsNote}, "07:05"},
		{"bad time", map[string]string{"time": "25:00"}, Subscription{}, "not a time"},
		{"words for time", map[string]string{"time": "noon"}, Subscription{}, "HH:MM"},
		{"bad zone", map[string]string{"timezone": "Mars/Olympus"}, Subscription{}, "not a time zone"},
		{"Local is not a zone", map[string]string{"timezone": "Local"}, Subscription{}, "not a time zone"},
		{"city without region", map[string]string{"timezone": "paris"}, Subscription{}, "Did you mean **Europe/Paris**?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, store, _ := newTestDigests(t)
			r, err := d.handle(context.Background(), digestInteraction("subscribe", tt.opts))
			if err != nil {
				t.Fatal(err)
			}
			if !r.Ephemeral || !strings.Contains(r.Content, tt.wantMsg) {
				t.Errorf("reply = %+v, want an ephemeral message containing %q", r, tt.wantMsg)
			}
			subs, _ := store.Subscriptions(context.Background(), "g")
			if tt.want == (Subscription{}) {
				if len(subs) != 0 {
					t.Errorf("refused subscribe saved %+v", subs)
				}
				return
			}
			if len(subs) != 1 {
				t.Fatalf("subscriptions = %+v", subs)
			}
			got := subs[0]
			got.GuildID, got.Created, got.CreatedBy, got.Changed = "", time.Time{}, "", time.Time{}
			if got != tt.want {
				t.Errorf("saved %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDigestRefusedWithoutManageServer(t *testing.T) {
	d, store, _ := newTestDigests(t)
	for _, sub := range []string{"subscribe", "unsubscribe", "status", "preview"} {
		in := digestInteraction(sub, nil)
		in.Permissions = 1 << 11 // Send Messages only
		r, err := d.handle(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Ephemeral || !strings.Contains(r.Content, "Manage Server") {
			t.Errorf("%s without permission: %+v", sub, r)
		}
	}
	if subs, _ := store.Subscriptions(context.Background(), ""); len(subs) != 0 {
		t.Errorf("subscription saved without permission: %+v", subs)
	}
	cmd := d.Command()
	if cmd.Permissions != PermissionManageServer || !cmd.GuildOnly {
		t.Errorf("command registers permissions %d guild-only %v", cmd.Permissions, cmd.GuildOnly)
	}
}

func TestDigestUnsubscribeAndStatus(t *testing.T) {
	d, _, _ := newTestDigests(t)
	ctx := context.Background()
	if _, err := d.handle(ctx, digestInteraction("subscribe", map[string]string{"timezone": "Europe/Paris"})); err != nil {
		t.Fatal(err)
	}
	r, _ := d.handle(ctx, digestInteraction("status", nil))
	if len(r.Embeds) != 1 || !strings.Contains(r.Embeds[0].Fields[0].Value, "<#here> at **08:00 Europe/Paris**") {
		t.Errorf("status = %+v", r)
	}
	r, _ = d.handle(ctx, digestInteraction("unsubscribe", nil))
	if !strings.Contains(r.Content, "no more daily digests") {
		t.Errorf("unsubscribe = %q", r.Content)
	}
	r, _ = d.handle(ctx, digestInteraction("unsubscribe", nil))
	if !strings.Contains(r.Content, "has no daily digest") {
		t.Errorf("second unsubscribe = %q", r.Content)
	}
	r, _ = d.handle(ctx, digestInteraction("status", nil))
	if !strings.Contains(r.Content, "No daily digests") {
		t.Errorf("status when empty = %+v", r)
	}
}

func TestDigestPreviewIsEphemeral(t *testing.T) {
	d, _, _ := newTestDigests(t)
	r, err := d.handle(context.Background(), digestInteraction("preview", nil))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Ephemeral || !strings.Contains(r.Content, "Preview") || len(r.Embeds) != 1 || r.Embeds[0].Title != "Kerry and Lavrov discuss a ceasefire" {
		t.Errorf("preview = %+v", r)
	}
}

// TestDigestsWithoutToken: a bot run without DISCORD_TOKEN (serve-http
// alone) previews digests and keeps subscriptions, and says plainly that
// nothing is posted until the token is set.
func TestDigestsWithoutToken(t *testing.T) {
	store := mustOpenStore(t, t.TempDir()+"/"+StoreFile)
	clock := &fakeClock{now: time.Date(2026, 3, 28, 12, 0, 0, 0, time.UTC)}
	sched := NewScheduler(SchedulerConfig{Store: store, Source: &fakeSource{}, Clock: clock})
	if sched.Posting() {
		t.Fatal("a scheduler without a sender says it posts")
	}
	if err := sched.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("Run without a sender = %v, want an error naming DISCORD_TOKEN", err)
	}
	d := NewDigests(store, sched, clock)
	ctx := context.Background()
	r, err := d.handle(ctx, digestInteraction("preview", nil))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Ephemeral || len(r.Embeds) != 1 || r.Embeds[0].Title != "Kerry and Lavrov discuss a ceasefire" || !strings.Contains(r.Content, "DISCORD_TOKEN") {
		t.Errorf("preview without a token = %+v, want the digest and a note that it is not posted", r)
	}
	r, _ = d.handle(ctx, digestInteraction("subscribe", nil))
	if !strings.HasPrefix(r.Content, "Saved:") || !strings.Contains(r.Content, "DISCORD_TOKEN") {
		t.Errorf("subscribe without a token = %q", r.Content)
	}
	if subs, _ := store.Subscriptions(ctx, "g"); len(subs) != 1 {
		t.Errorf("subscription not kept: %+v", subs)
	}
	r, _ = d.handle(ctx, digestInteraction("status", nil))
	if len(r.Embeds) != 1 || !strings.Contains(r.Embeds[0].Description, "DISCORD_TOKEN") {
		t.Errorf("status without a token = %+v", r)
	}
	d, _, _ = newTestDigests(t)
	r, _ = d.handle(ctx, digestInteraction("subscribe", nil))
	if strings.Contains(r.Content, "DISCORD_TOKEN") {
		t.Errorf("subscribe with a token = %q, want no warning", r.Content)
	}
}

func TestDigestTimezoneAutocomplete(t *testing.T) {
	d, _, _ := newTestDigests(t)
	tests := []struct{ typed, first string }{
		{"paris", "Europe/Paris"},
		{"Europe/Par", "Europe/Paris"},
		{"new york", "America/New_York"},
		{"kolk", "Asia/Kolkata"},
	}
	for _, tt := range tests {
		in := digestInteraction("subscribe", map[string]string{"timezone": tt.typed})
		in.Kind, in.Focused = KindAutocomplete, "timezone"
		choices, err := d.autocomplete(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if len(choices) == 0 || choices[0].Value != tt.first || len(choices) > MaxChoices {
			t.Errorf("%q: choices %v, want %s first", tt.typed, choices, tt.first)
		}
	}
	for _, z := range timeZones {
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("suggested zone %q does not load: %v", z, err)
		}
	}
}

// TestDigestCommandRegisters sends the bot's commands with /digest to the
// fake Discord, which checks them against Discord's OpenAPI spec, plus the
// rules the spec cannot express.
func TestDigestCommandRegisters(t *testing.T) {
	d, _, _ := newTestDigests(t)
	cmd := d.Command()
	var check func(where string, opts []Option)
	check = func(where string, opts []Option) {
		for _, o := range opts {
			if !commandName.MatchString(o.Name) || o.Description == "" || len([]rune(o.Description)) > 100 || o.Required {
				t.Errorf("%s %s: bad option (name, description or required)", where, o.Name)
			}
			check(where+" "+o.Name, o.Options)
		}
	}
	check("/digest", cmd.Options)
	srv := discordtest.New(t)
	b := New(Config{Coverage: &fakeCoverage{}, Commands: []Command{cmd}})
	if err := b.RegisterCommands(context.Background(), srv.Session(srv.Token()), srv.ApplicationID(), srv.GuildID()); err != nil {
		t.Fatal(err)
	}
	reqs := srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteGlobalCommandsPut))
	if len(reqs) != 1 || !strings.Contains(string(reqs[0].Body), `"name":"digest"`) || !strings.Contains(string(reqs[0].Body), `"default_member_permissions":"32"`) {
		t.Errorf("registration = %v, want /digest with Manage Server as its default permission", reqs)
	}
	srv.AssertClean(t)
}
