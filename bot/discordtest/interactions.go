package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// DefaultMemberPermissions is what an ordinary member may do in a channel:
// view, send, embed links, attach files, read history, react, use commands.
// Add discordgo.PermissionManageGuild for a moderator.
const DefaultMemberPermissions int64 = discordgo.PermissionViewChannel |
	discordgo.PermissionSendMessages | discordgo.PermissionEmbedLinks |
	discordgo.PermissionAttachFiles | discordgo.PermissionReadMessageHistory |
	discordgo.PermissionAddReactions | discordgo.PermissionUseApplicationCommands

// User is someone on the fake Discord.
type User struct {
	ID       string
	Username string
}

// DefaultUser is the member who acts unless a test says otherwise.
var DefaultUser = User{ID: DefaultUserID, Username: DefaultUserName}

// Interaction is an INTERACTION_CREATE under construction. Build one with
// NewCommand, NewAutocomplete or NewComponent, change what the test needs
// (User, Permissions, ChannelID…), then DispatchInteraction.
type Interaction struct {
	ID            string
	Token         string
	ApplicationID string
	Type          discordgo.InteractionType
	// GuildID is "" for an interaction in a DM; Member fields are then left out.
	GuildID     string
	ChannelID   string
	User        User
	Permissions int64
	Roles       []string
	Locale      string
	// Data is Discord's "data" object for the interaction type.
	Data map[string]any
	// MessageID is the message a component was clicked on.
	MessageID string
}

// CommandOption is an option value a user typed into a slash command.
type CommandOption struct {
	Name    string
	Type    discordgo.ApplicationCommandOptionType
	Value   any
	Focused bool
	Options []CommandOption
}

// StringOption is a string option value.
func StringOption(name, value string) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: value}
}

// IntegerOption is an integer option value.
func IntegerOption(name string, value int64) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionInteger, Value: value}
}

// NumberOption is a number option value.
func NumberOption(name string, value float64) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionNumber, Value: value}
}

// BoolOption is a boolean option value.
func BoolOption(name string, value bool) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionBoolean, Value: value}
}

// ChannelOption is a channel option value; the channel is included in the
// interaction's resolved data.
func ChannelOption(name, channelID string) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionChannel, Value: channelID}
}

// UserOption is a user option value; the user is included in resolved data.
func UserOption(name, userID string) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionUser, Value: userID}
}

// SubCommand is a subcommand with its options, e.g. /digest subscribe.
func SubCommand(name string, options ...CommandOption) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: options}
}

// SubCommandGroup is a group of subcommands.
func SubCommandGroup(name string, sub CommandOption) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommandGroup, Options: []CommandOption{sub}}
}

// Focused marks the option the user is typing in, for autocomplete. Discord
// sends a focused option's value as the partial string typed so far.
func Focused(o CommandOption) CommandOption {
	o.Focused = true
	if o.Value != nil {
		o.Value = fmt.Sprint(o.Value)
	}
	return o
}

func (s *Server) newInteraction(t discordgo.InteractionType) *Interaction {
	return &Interaction{
		ID:            s.ids.next(),
		Token:         "aW50ZXJhY3Rpb246" + randomHex(24),
		ApplicationID: s.cfg.appID,
		Type:          t,
		GuildID:       s.cfg.guildID,
		ChannelID:     s.cfg.channelID,
		User:          DefaultUser,
		Permissions:   DefaultMemberPermissions,
		Locale:        "en-US",
	}
}

// NewCommand builds a chat-input command interaction (/name options…). The
// command id is the registered one when the client has registered it.
func (s *Server) NewCommand(name string, options ...CommandOption) *Interaction {
	ix := s.newInteraction(discordgo.InteractionApplicationCommand)
	ix.Data = s.commandData(ix, name, options)
	return ix
}

// NewAutocomplete builds an autocomplete interaction; mark the option being
// typed with Focused.
func (s *Server) NewAutocomplete(name string, options ...CommandOption) *Interaction {
	ix := s.newInteraction(discordgo.InteractionApplicationCommandAutocomplete)
	ix.Data = s.commandData(ix, name, options)
	return ix
}

// NewComponent builds a click on a message component: a button when no
// values are given, a string select with the chosen values otherwise. The
// message should be one the fake holds (the bot's reply carrying the button).
func (s *Server) NewComponent(messageID, customID string, values ...string) *Interaction {
	ix := s.newInteraction(discordgo.InteractionMessageComponent)
	ix.MessageID = messageID
	ix.Data = map[string]any{"custom_id": customID, "component_type": int(discordgo.ButtonComponent)}
	if len(values) > 0 {
		ix.Data["component_type"] = int(discordgo.SelectMenuComponent)
		ix.Data["values"] = values
	}
	if m, ok := s.Message(messageID); ok {
		ix.ChannelID = m.ChannelID
	}
	return ix
}

func (s *Server) commandData(ix *Interaction, name string, options []CommandOption) map[string]any {
	s.mu.Lock()
	id := s.commandIDLocked(ix.GuildID, name)
	s.mu.Unlock()
	if id == "" {
		id = s.ids.next()
	}
	data := map[string]any{"id": id, "name": name, "type": int(discordgo.ChatApplicationCommand)}
	if len(options) > 0 {
		data["options"] = optionsJSON(options)
	}
	if ix.GuildID != "" {
		data["guild_id"] = ix.GuildID
	}
	if resolved := s.resolved(options); len(resolved) > 0 {
		data["resolved"] = resolved
	}
	return data
}

func optionsJSON(opts []CommandOption) []any {
	out := make([]any, 0, len(opts))
	for _, o := range opts {
		m := map[string]any{"name": o.Name, "type": int(o.Type)}
		if o.Value != nil {
			m["value"] = o.Value
		}
		if o.Focused {
			m["focused"] = true
		}
		if len(o.Options) > 0 {
			m["options"] = optionsJSON(o.Options)
		}
		out = append(out, m)
	}
	return out
}

// resolved gives the users and channels options refer to, as Discord does.
func (s *Server) resolved(opts []CommandOption) map[string]any {
	users, channels := map[string]any{}, map[string]any{}
	var walk func([]CommandOption)
	walk = func(opts []CommandOption) {
		for _, o := range opts {
			id, _ := o.Value.(string)
			switch o.Type {
			case discordgo.ApplicationCommandOptionUser:
				users[id] = userObject(id, "user"+id, false)
			case discordgo.ApplicationCommandOptionChannel:
				s.mu.Lock()
				ch := channelObject(s.channelLocked(id))
				s.mu.Unlock()
				ch["permissions"] = strconv.FormatInt(DefaultMemberPermissions, 10)
				channels[id] = ch
			}
			walk(o.Options)
		}
	}
	walk(opts)
	out := map[string]any{}
	if len(users) > 0 {
		out["users"] = users
	}
	if len(channels) > 0 {
		out["channels"] = channels
	}
	return out
}

// payload is the INTERACTION_CREATE object Discord would send.
func (s *Server) payload(ix *Interaction) map[string]any {
	if ix.Type == discordgo.InteractionPing {
		return map[string]any{
			"id": ix.ID, "application_id": ix.ApplicationID, "type": 1, "token": ix.Token, "version": 1,
			"user": userObject(ix.User.ID, ix.User.Username, false), "entitlements": []any{},
			"authorizing_integration_owners": map[string]any{}, "app_permissions": "0",
		}
	}
	p := map[string]any{
		"id":                             ix.ID,
		"application_id":                 ix.ApplicationID,
		"type":                           int(ix.Type),
		"token":                          ix.Token,
		"version":                        1,
		"channel_id":                     ix.ChannelID,
		"locale":                         ix.Locale,
		"app_permissions":                "562949953421311",
		"entitlements":                   []any{},
		"authorizing_integration_owners": map[string]any{"0": ix.GuildID},
		"context":                        0,
		"attachment_size_limit":          10485760,
	}
	if ix.Data != nil {
		p["data"] = ix.Data
	}
	s.mu.Lock()
	ch := channelObject(s.channelLocked(ix.ChannelID))
	var msg map[string]any
	if m := s.messages[ix.MessageID]; m != nil {
		msg = copyJSON(m.obj)
	}
	s.mu.Unlock()
	p["channel"] = ch
	user := userObject(ix.User.ID, ix.User.Username, false)
	if ix.GuildID == "" {
		p["user"] = user
		p["context"] = 1
		p["authorizing_integration_owners"] = map[string]any{"1": ix.User.ID}
	} else {
		roles := ix.Roles
		if roles == nil {
			roles = []string{}
		}
		p["guild_id"] = ix.GuildID
		p["guild_locale"] = "en-US"
		p["guild"] = map[string]any{"id": ix.GuildID, "locale": "en-US", "features": []any{}}
		p["member"] = map[string]any{
			"user": user, "roles": roles, "joined_at": "2025-06-01T12:00:00.000000+00:00",
			"deaf": false, "mute": false, "flags": 0, "pending": false, "nick": nil, "avatar": nil,
			"premium_since": nil, "communication_disabled_until": nil,
			"permissions": strconv.FormatInt(ix.Permissions, 10),
		}
	}
	if ix.Type == discordgo.InteractionMessageComponent {
		if msg == nil {
			msg = map[string]any{"id": ix.MessageID, "channel_id": ix.ChannelID, "type": 0, "content": "",
				"author": s.botUserObject(), "embeds": []any{}, "components": []any{}, "attachments": []any{},
				"mentions": []any{}, "mention_roles": []any{}, "pinned": false, "mention_everyone": false, "tts": false,
				"timestamp": s.now().UTC().Format("2006-01-02T15:04:05.000000+00:00"), "edited_timestamp": nil, "flags": 0}
		}
		p["message"] = msg
	}
	return p
}

// register makes the fake expect answers to ix and returns its payload.
func (s *Server) register(ix *Interaction) map[string]any {
	p := s.payload(ix)
	name, _ := ix.Data["name"].(string)
	if ix.Type == discordgo.InteractionMessageComponent {
		name, _ = ix.Data["custom_id"].(string)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := &interactionState{
		rec:                InteractionRecord{ID: ix.ID, Token: ix.Token, Type: ix.Type, Name: name, DispatchedAt: s.now()},
		appID:              ix.ApplicationID,
		channelID:          ix.ChannelID,
		componentMessageID: ix.MessageID,
		followupIDs:        map[string]bool{},
		payload:            p,
	}
	s.interactions[ix.ID] = st
	s.byToken[ix.Token] = st
	return p
}

// DispatchInteraction sends ix to the client as INTERACTION_CREATE.
func (s *Server) DispatchInteraction(ix *Interaction) error {
	return s.Dispatch("INTERACTION_CREATE", s.register(ix))
}

// InteractionJSON registers ix without sending it and returns the body
// Discord would POST to an HTTP interactions endpoint; the answers the bot
// then sends over REST (edits, follow-ups) are checked like gateway ones.
func (s *Server) InteractionJSON(ix *Interaction) []byte {
	data, _ := json.Marshal(s.register(ix))
	return data
}

// WaitForAck waits until an interaction has an accepted callback.
func (s *Server) WaitForAck(ctx context.Context, interactionID string) (InteractionRecord, error) {
	var rec InteractionRecord
	err := s.waitUntil(ctx, "acknowledgement of interaction "+interactionID, func() bool {
		st, ok := s.interactions[interactionID]
		if ok && st.rec.Acknowledged {
			rec = st.rec
		}
		return ok && st.rec.Acknowledged
	})
	return rec, err
}
