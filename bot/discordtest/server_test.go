package discordtest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// waitTimeout bounds every wait; it is a safety net, never an assertion on speed.
const waitTimeout = 20 * time.Second

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	t.Cleanup(cancel)
	return ctx
}

func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// openSession connects a real discordgo client to srv and waits for READY.
func openSession(t *testing.T, srv *discordtest.Server) *discordgo.Session {
	t.Helper()
	dg := srv.Session(srv.Token())
	ready := make(chan *discordgo.Ready, 1)
	dg.AddHandlerOnce(func(_ *discordgo.Session, r *discordgo.Ready) { ready <- r })
	if err := dg.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	select {
	case r := <-ready:
		if r.User == nil || r.User.ID != srv.BotUserID() {
			t.Fatalf("READY user = %+v, want id %s", r.User, srv.BotUserID())
		}
	case <-time.After(waitTimeout):
		t.Fatal("no READY event")
	}
	return dg
}

func TestOpenIdentifiesAndGetsReady(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := openSession(t, srv)
	if err := srv.WaitReady(testContext(t)); err != nil {
		t.Fatal(err)
	}
	if got, want := srv.Intents(), dg.Identify.Intents; got != want {
		t.Errorf("intents recorded = %d, want %d", got, want)
	}
	if dg.State.User == nil || dg.State.User.ID != srv.BotUserID() {
		t.Errorf("state user = %+v", dg.State.User)
	}
	if _, err := srv.WaitFor(testContext(t), discordtest.OnRoute(discordtest.RouteGateway)); err != nil {
		t.Errorf("client never asked for the gateway URL: %v", err)
	}
	me, err := dg.User("@me")
	if err != nil || me.ID != srv.BotUserID() || !me.Bot {
		t.Errorf("GET /users/@me = %+v, %v", me, err)
	}
	srv.AssertClean(t)
}

func TestWrongTokenIsRefused(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := srv.Session("not-the-token")
	_, err := dg.User("@me")
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("GET /users/@me with a wrong token: err = %v, want 401", err)
	}
	if len(srv.Violations()) != 1 {
		t.Errorf("violations = %v, want the bad token", srv.Violations())
	}
}

func TestInteractionDeferThenEdit(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := openSession(t, srv)
	got := make(chan *discordgo.InteractionCreate, 1)
	dg.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		got <- ic
		err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		})
		if err != nil {
			t.Errorf("defer: %v", err)
			return
		}
		content := "You asked: " + ic.ApplicationCommandData().Options[0].StringValue()
		if _, err := s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{
			Content:         &content,
			Embeds:          &[]*discordgo.MessageEmbed{{Title: "Answer", Description: "“We will not back down,” Kerry said."}},
			AllowedMentions: noMentions(),
		}); err != nil {
			t.Errorf("edit: %v", err)
		}
	})

	ix := srv.NewCommand("ask", discordtest.StringOption("question", "what did Kerry say?"))
	ix.Permissions |= discordgo.PermissionManageGuild
	if err := srv.DispatchInteraction(ix); err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t)
	edit, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token)))
	if err != nil {
		t.Fatal(err)
	}
	if edit.Status != 200 {
		t.Errorf("edit answered %d: %s", edit.Status, edit.Response)
	}
	ic := <-got
	if ic.Member == nil || ic.Member.User.ID != discordtest.DefaultUserID || ic.Member.Permissions&discordgo.PermissionManageGuild == 0 {
		t.Errorf("member as decoded by discordgo = %+v", ic.Member)
	}
	if ic.AppID != srv.ApplicationID() || ic.GuildID != srv.GuildID() || ic.ApplicationCommandData().Name != "ask" {
		t.Errorf("interaction as decoded = %+v", ic.Interaction)
	}
	rec, ok := srv.Interaction(ix.ID)
	if !ok || rec.Callbacks != 1 || rec.CallbackType != discordgo.InteractionResponseDeferredChannelMessageWithSource || rec.Edits != 1 || rec.Ephemeral {
		t.Errorf("record = %+v", rec)
	}
	msg, err := srv.OriginalResponse(ix.ID)
	if err != nil {
		t.Fatal(err)
	}
	if msg.Content != "You asked: what did Kerry say?" || len(msg.Embeds) != 1 || msg.Flags&discordgo.MessageFlagsLoading != 0 {
		t.Errorf("original response = %q %d embeds flags %d", msg.Content, len(msg.Embeds), msg.Flags)
	}
	srv.AssertClean(t)
}

func TestSecondAcknowledgementIsAViolation(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := openSession(t, srv)
	errs := make(chan error, 2)
	dg.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		for i := 0; i < 2; i++ {
			errs <- s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "hi", AllowedMentions: noMentions()},
			})
		}
	})
	ix := srv.NewCommand("help")
	if err := srv.DispatchInteraction(ix); err != nil {
		t.Fatal(err)
	}
	if err := <-errs; err != nil {
		t.Fatalf("first callback: %v", err)
	}
	if err := <-errs; err == nil || !strings.Contains(err.Error(), "40060") {
		t.Errorf("second callback: err = %v, want 40060 already acknowledged", err)
	}
	rec, _ := srv.Interaction(ix.ID)
	if rec.Callbacks != 2 {
		t.Errorf("callbacks = %d, want 2", rec.Callbacks)
	}
	if v := srv.Violations(); len(v) != 1 || !strings.Contains(v[0].Err.Error(), "acknowledged twice") {
		t.Errorf("violations = %v", v)
	}
}

func TestBulkOverwriteStoresCommands(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := srv.Session(srv.Token())
	perm := int64(discordgo.PermissionManageGuild)
	cmds := []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask about the coverage", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "What you want to know", Required: true},
			{Type: discordgo.ApplicationCommandOptionString, Name: "outlet", Description: "Only this outlet", Autocomplete: true},
		}},
		{Name: "digest", Description: "Daily digest", DefaultMemberPermissions: &perm, Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "status", Description: "Show subscriptions"},
		}},
	}
	got, err := dg.ApplicationCommandBulkOverwrite(srv.ApplicationID(), srv.GuildID(), cmds)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID == "" || got[0].ApplicationID != srv.ApplicationID() || got[1].GuildID != srv.GuildID() {
		t.Fatalf("returned commands = %+v", got)
	}
	again, err := dg.ApplicationCommandBulkOverwrite(srv.ApplicationID(), srv.GuildID(), cmds[:1])
	if err != nil {
		t.Fatal(err)
	}
	if again[0].ID != got[0].ID {
		t.Errorf("overwrite changed the id of an unchanged command: %s -> %s", got[0].ID, again[0].ID)
	}
	if stored := srv.Commands(srv.GuildID()); len(stored) != 1 || stored[0].Name != "ask" {
		t.Errorf("stored after overwrite = %+v", stored)
	}
	if ix := srv.NewCommand("ask"); ix.Data["id"] != got[0].ID {
		t.Errorf("NewCommand used id %v, want the registered %s", ix.Data["id"], got[0].ID)
	}
	srv.AssertClean(t)
}

func TestPrivilegedIntentNotEnabledIsRefused(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t, discordtest.WithPrivilegedIntents(0))
	dg := srv.Session(srv.Token())
	dg.ShouldReconnectOnError = false
	dg.Identify.Intents |= discordgo.IntentMessageContent
	err := dg.Open()
	if err == nil || !strings.Contains(err.Error(), "4014") {
		t.Fatalf("Open with Message Content off in the portal: err = %v, want close 4014", err)
	}
}
