package discordtest

import (
	"fmt"
	"regexp"

	"github.com/bwmarrin/discordgo"
)

// UserMessage is a message a member posts, for DispatchMessage.
type UserMessage struct {
	ChannelID string
	// GuildID is "" for a direct message.
	GuildID string
	Author  User
	Roles   []string
	Content string
	// ReplyTo is the id of a message this one replies to.
	ReplyTo string
}

// NewMessage builds a message from DefaultUser in the default channel.
func (s *Server) NewMessage(content string) *UserMessage {
	return &UserMessage{ChannelID: s.cfg.channelID, GuildID: s.cfg.guildID, Author: DefaultUser, Content: content}
}

// MentionBot builds a message that @mentions the bot: "<@bot> text".
func (s *Server) MentionBot(text string) *UserMessage {
	return s.NewMessage("<@" + s.cfg.botID + "> " + text)
}

var (
	userMention = regexp.MustCompile(`<@!?(\d+)>`)
	roleMention = regexp.MustCompile(`<@&(\d+)>`)
)

// DispatchMessage stores m and sends MESSAGE_CREATE the way Discord would:
// only with the Guild Messages (or Direct Messages) intent, and without
// content, embeds, attachments and components unless the client has the
// Message Content intent or the message mentions the bot. It returns the
// message as stored (with its id), so replies to it can be checked.
func (s *Server) DispatchMessage(m *UserMessage) (*discordgo.Message, error) {
	author := userObject(m.Author.ID, m.Author.Username, false)
	mentions, mentionsBot := s.mentions(m.Content, m.GuildID)
	roles := []any{}
	for _, r := range roleMention.FindAllStringSubmatch(m.Content, -1) {
		roles = append(roles, r[1])
	}
	extra := map[string]any{
		"mentions":         mentions,
		"mention_roles":    roles,
		"mention_everyone": regexp.MustCompile(`@(everyone|here)\b`).MatchString(m.Content),
	}
	s.mu.Lock()
	if m.GuildID == "" {
		s.channels[m.ChannelID] = channelInfo{ID: m.ChannelID, Type: discordgo.ChannelTypeDM, Name: ""}
	}
	if m.ReplyTo != "" {
		if ref := s.messages[m.ReplyTo]; ref != nil {
			extra["type"] = 19
			extra["message_reference"] = map[string]any{"message_id": m.ReplyTo, "channel_id": ref.channelID, "type": 0}
			extra["referenced_message"] = copyJSON(ref.obj)
		}
	}
	stored := s.newMessageLocked(m.ChannelID, map[string]any{"content": m.Content}, author, extra)
	obj := copyJSON(stored.obj)
	s.mu.Unlock()
	if m.GuildID != "" {
		obj["guild_id"] = m.GuildID
		obj["member"] = memberObject(m.Roles)
	} else {
		delete(obj, "guild_id")
	}

	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.current == nil {
		return decodeMessage(obj), ErrNoSession
	}
	need, needName := discordgo.IntentGuildMessages, "Guild Messages"
	if m.GuildID == "" {
		need, needName = discordgo.IntentDirectMessages, "Direct Messages"
	}
	if g.current.intents&need == 0 {
		return decodeMessage(obj), fmt.Errorf("discordtest: MESSAGE_CREATE not delivered: the client did not identify with the %s intent", needName)
	}
	sent := obj
	if g.current.intents&discordgo.IntentMessageContent == 0 && !mentionsBot && m.GuildID != "" {
		sent = copyJSON(obj)
		sent["content"] = ""
		sent["embeds"] = []any{}
		sent["attachments"] = []any{}
		sent["components"] = []any{}
	}
	return decodeMessage(obj), s.dispatchLocked(g.current, "MESSAGE_CREATE", sent)
}

// mentions returns the mentioned users as Discord lists them, and whether
// the bot is among them.
func (s *Server) mentions(content, guildID string) ([]any, bool) {
	out := []any{}
	seen := map[string]bool{}
	bot := false
	for _, mm := range userMention.FindAllStringSubmatch(content, -1) {
		id := mm[1]
		if seen[id] {
			continue
		}
		seen[id] = true
		var u map[string]any
		if id == s.cfg.botID {
			u, bot = s.botUserObject(), true
		} else {
			u = userObject(id, "user"+id, false)
		}
		if guildID != "" {
			u["member"] = memberObject(nil)
		}
		out = append(out, u)
	}
	return out, bot
}

func memberObject(roles []string) map[string]any {
	if roles == nil {
		roles = []string{}
	}
	return map[string]any{
		"roles": roles, "joined_at": "2025-06-01T12:00:00.000000+00:00", "deaf": false, "mute": false,
		"flags": 0, "pending": false, "nick": nil, "avatar": nil, "premium_since": nil,
	}
}

// echoMessageCreate sends MESSAGE_CREATE for a message the bot itself
// created, as Discord does to a client with the Guild Messages intent.
func (s *Server) echoMessageCreate(obj map[string]any) {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.current == nil || g.current.intents&discordgo.IntentGuildMessages == 0 {
		return
	}
	if _, inGuild := obj["guild_id"]; inGuild {
		obj["member"] = memberObject(nil)
	}
	_ = s.dispatchLocked(g.current, "MESSAGE_CREATE", obj)
}
