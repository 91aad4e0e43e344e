package discordtest_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

func TestMentionReachesHandlerAndReplyIsRecorded(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := openSession(t, srv)
	got := make(chan *discordgo.MessageCreate, 4)
	dg.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
		if m.Author.ID == s.State.User.ID {
			return // Discord echoes the bot's own messages
		}
		got <- m
		_, err := s.ChannelMessageSendComplex(m.ChannelID, &discordgo.MessageSend{
			Content:         "Kerry said: “@everyone should read this”",
			Reference:       m.Reference(),
			AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, RepliedUser: true},
		})
		if err != nil {
			t.Errorf("reply: %v", err)
		}
	})
	sent, err := srv.DispatchMessage(srv.MentionBot("what did Kerry say?"))
	if err != nil {
		t.Fatal(err)
	}
	m := <-got
	if !strings.Contains(m.Content, "what did Kerry say?") || len(m.Mentions) != 1 || m.Mentions[0].ID != srv.BotUserID() || m.GuildID != srv.GuildID() {
		t.Errorf("MESSAGE_CREATE as decoded: content %q mentions %v guild %q", m.Content, m.Mentions, m.GuildID)
	}
	reply, err := srv.WaitFor(testContext(t), discordtest.OnRoute(discordtest.RouteChannelMessageCreate))
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		MessageReference struct {
			MessageID string `json:"message_id"`
		} `json:"message_reference"`
	}
	if err := reply.JSON(&body); err != nil || body.MessageReference.MessageID != sent.ID {
		t.Errorf("reply references %q, want %s (%v)", body.MessageReference.MessageID, sent.ID, err)
	}
	msgs := srv.ChannelMessages(srv.ChannelID())
	if len(msgs) != 2 || msgs[1].Type != discordgo.MessageTypeReply || msgs[1].ReferencedMessage == nil {
		t.Errorf("channel holds %d messages; reply = %+v", len(msgs), msgs[len(msgs)-1])
	}
	srv.AssertClean(t)
}

func TestMessageContentNeedsIntentUnlessMentioned(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := openSession(t, srv)
	got := make(chan string, 2)
	dg.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { got <- m.Content })
	if _, err := srv.DispatchMessage(srv.NewMessage("what did Lavrov say?")); err != nil {
		t.Fatal(err)
	}
	if c := <-got; c != "" {
		t.Errorf("content delivered without the Message Content intent: %q", c)
	}

	srv2 := discordtest.New(t)
	dg2 := srv2.Session(srv2.Token())
	dg2.Identify.Intents = discordgo.IntentGuilds
	if err := dg2.Open(); err != nil {
		t.Fatal(err)
	}
	if _, err := srv2.DispatchMessage(srv2.NewMessage("hello")); err == nil || !strings.Contains(err.Error(), "Guild Messages") {
		t.Errorf("dispatch without Guild Messages intent: err = %v", err)
	}
}

func TestButtonClickUpdatesMessage(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := openSession(t, srv)
	dg.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		var resp *discordgo.InteractionResponse
		switch ic.Type {
		case discordgo.InteractionApplicationCommand:
			resp = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: &discordgo.InteractionResponseData{
				Content:         "Page 1 of 2",
				AllowedMentions: noMentions(),
				Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: "page:2"},
				}}},
			}}
		case discordgo.InteractionMessageComponent:
			if ic.Message == nil || ic.MessageComponentData().CustomID != "page:2" {
				t.Errorf("component interaction: message %v data %+v", ic.Message, ic.MessageComponentData())
			}
			resp = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: &discordgo.InteractionResponseData{
				Content: "Page 2 of 2", AllowedMentions: noMentions(), Components: []discordgo.MessageComponent{},
			}}
		}
		if err := s.InteractionRespond(ic.Interaction, resp); err != nil {
			t.Errorf("respond: %v", err)
		}
	})
	ctx := testContext(t)
	cmd := srv.NewCommand("quotes", discordtest.StringOption("speaker", "Kerry"))
	if err := srv.DispatchInteraction(cmd); err != nil {
		t.Fatal(err)
	}
	rec, err := srv.WaitForAck(ctx, cmd.ID)
	if err != nil {
		t.Fatal(err)
	}
	click := srv.NewComponent(rec.OriginalID, "page:2")
	if err := srv.DispatchInteraction(click); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitForAck(ctx, click.ID); err != nil {
		t.Fatal(err)
	}
	m, ok := srv.Message(rec.OriginalID)
	if !ok || m.Content != "Page 2 of 2" || m.EditedTimestamp == nil {
		t.Errorf("message after the click = %+v", m)
	}
	srv.AssertClean(t)
}

func TestAutocompleteAndFollowup(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := openSession(t, srv)
	dg.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		switch ic.Type {
		case discordgo.InteractionApplicationCommandAutocomplete:
			var focused string
			for _, o := range ic.ApplicationCommandData().Options {
				if o.Focused {
					focused = o.StringValue()
				}
			}
			err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
				Type: discordgo.InteractionApplicationCommandAutocompleteResult,
				Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "John Kerry (" + focused + ")", Value: "John Kerry"}}},
			})
			if err != nil {
				t.Errorf("autocomplete: %v", err)
			}
		case discordgo.InteractionApplicationCommand:
			if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
			}); err != nil {
				t.Errorf("defer: %v", err)
			}
			if _, err := s.FollowupMessageCreate(ic.Interaction, true, &discordgo.WebhookParams{Content: "more", AllowedMentions: noMentions()}); err != nil {
				t.Errorf("follow-up: %v", err)
			}
		}
	})
	ctx := testContext(t)
	ac := srv.NewAutocomplete("quotes", discordtest.Focused(discordtest.StringOption("speaker", "Ker")))
	if err := srv.DispatchInteraction(ac); err != nil {
		t.Fatal(err)
	}
	req, err := srv.WaitFor(ctx, discordtest.ForInteraction(ac.ID, ac.Token))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(req.Body), "John Kerry (Ker)") {
		t.Errorf("autocomplete callback = %s", req.Body)
	}
	cmd := srv.NewCommand("quotes", discordtest.StringOption("speaker", "John Kerry"))
	if err := srv.DispatchInteraction(cmd); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteFollowup), discordtest.Succeeded)); err != nil {
		t.Fatal(err)
	}
	rec, _ := srv.Interaction(cmd.ID)
	if !rec.Ephemeral || rec.Followups != 1 {
		t.Errorf("record = %+v, want ephemeral with one follow-up", rec)
	}
	srv.AssertClean(t)
}

func TestForumTakesPostsNotMessages(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := srv.Session(srv.Token())
	const forum = "1200000000000000150"
	srv.AddChannel(discordgo.Channel{ID: forum, Name: "coverage-digest", Type: discordgo.ChannelTypeGuildForum})

	_, err := dg.ChannelMessageSendComplex(forum, &discordgo.MessageSend{Content: "digest", AllowedMentions: noMentions()})
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != 50008 {
		t.Errorf("message straight into a forum: err = %v, want 50008", err)
	}
	th, err := dg.ForumThreadStartComplex(forum, &discordgo.ThreadStart{Name: "Digest 1 May"}, &discordgo.MessageSend{Content: "Three new stories", AllowedMentions: noMentions()})
	if err != nil {
		t.Fatal(err)
	}
	if th.ParentID != forum || th.Type != discordgo.ChannelTypeGuildPublicThread {
		t.Errorf("thread = %+v", th)
	}
	first, ok := srv.Message(th.ID)
	if !ok || first.Content != "Three new stories" || first.ChannelID != th.ID {
		t.Errorf("first message of the post = %+v", first)
	}
	if _, err := dg.ChannelMessageSendComplex(th.ID, &discordgo.MessageSend{Content: "part 2", AllowedMentions: noMentions()}); err != nil {
		t.Errorf("message in the post's thread: %v", err)
	}
	if got := len(srv.ChannelMessages(th.ID)); got != 2 {
		t.Errorf("%d messages in the thread, want 2", got)
	}
	if v := srv.Violations(); len(v) != 0 {
		t.Errorf("violations = %v", v)
	}
}
