package bot

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// TestManageServerCheckedOnEveryInteraction: Discord only hides a command
// by its default permissions, and a server admin can open /settings and
// /digest to everyone in Integrations; Discord then delivers the
// interaction. The bot checks the member's own permissions on every
// interaction, through the HTTP endpoint as through the gateway: without
// Manage Server (or Administrator) nothing changes.
func TestManageServerCheckedOnEveryInteraction(t *testing.T) {
	srv := newFakeDiscord(t)
	digests, store, _ := newTestDigests(t)
	settings := &memSettings{}
	b := newTestBot(t, &fakeCoverage{}, func(c *Config) {
		c.Settings = settings
		c.Commands = append(c.Commands, digests.Command())
	})
	ep := newSignedEndpoint(t, srv, b)

	settingsCmd := func() *discordtest.Interaction {
		return srv.NewCommand("settings", discordtest.SubCommand("qa-channel", discordtest.ChannelOption("channel", srv.ChannelID())))
	}
	digestCmd := func() *discordtest.Interaction {
		return srv.NewCommand("digest", discordtest.SubCommand("subscribe",
			discordtest.StringOption("time", "08:00"), discordtest.StringOption("timezone", "Europe/Paris")))
	}
	tests := []struct {
		name    string
		ix      *discordtest.Interaction
		perms   int64
		allowed bool
	}{
		{"settings, member", settingsCmd(), discordtest.DefaultMemberPermissions, false},
		{"settings, member with Manage Channels and Ban Members", settingsCmd(),
			discordtest.DefaultMemberPermissions | discordgo.PermissionManageChannels | discordgo.PermissionBanMembers, false},
		{"digest, member", digestCmd(), discordtest.DefaultMemberPermissions, false},
		{"digest, no permissions at all", digestCmd(), 0, false},
		{"settings, Manage Server", settingsCmd(), discordtest.DefaultMemberPermissions | discordgo.PermissionManageGuild, true},
		{"digest, Administrator", digestCmd(), discordgo.PermissionAdministrator, true},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.ix.Permissions = tt.perms
			status, body := ep.post(t, srv.InteractionJSON(tt.ix), time.Now(), nil)
			if status != 200 {
				t.Fatalf("status %d: %s", status, body)
			}
			var resp struct {
				Type int `json:"type"`
				Data *struct {
					Flags int `json:"flags"`
				} `json:"data"`
			}
			if err := json.Unmarshal(body, &resp); err != nil {
				t.Fatal(err)
			}
			refused := strings.Contains(string(body), "You need the **Manage Server** permission")
			if refused == tt.allowed {
				t.Errorf("allowed %v, got %s", tt.allowed, body)
			}
			if refused && (resp.Data == nil || resp.Data.Flags&messageFlagEphemeral == 0) {
				t.Errorf("refusal is not ephemeral: %s", body)
			}
		})
	}
	ep.h.Wait()
	if ch, _ := settings.QAChannel(ctx, srv.GuildID()); ch != srv.ChannelID() {
		t.Errorf("qa-channel = %q after the Manage Server member set it", ch)
	}
	subs, err := store.Subscriptions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 {
		t.Errorf("%d subscriptions, want only the Administrator's", len(subs))
	}
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}
