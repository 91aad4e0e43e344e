package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"

	"github.com/bwmarrin/discordgo"
)

// channelInfo is a channel the fake knows.
type channelInfo struct {
	ID       string
	GuildID  string
	Name     string
	Type     discordgo.ChannelType
	ParentID string
	// Flags are the channel's; a forum with discordgo.ChannelFlagRequireTag
	// refuses posts without a tag.
	Flags discordgo.ChannelFlags
	// Archived and Locked are a thread's: an archived thread a moderator
	// locked refuses new messages.
	Archived, Locked bool
}

func (s *Server) handleGateway(*call) reply {
	return jsonReply(map[string]any{"url": s.GatewayURL()})
}

func (s *Server) handleGatewayBot(*call) reply {
	return jsonReply(map[string]any{
		"url":    s.GatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]any{
			"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1,
		},
	})
}

func (s *Server) handleCurrentUser(*call) reply {
	u := s.botUserObject()
	u["verified"] = true
	u["mfa_enabled"] = false
	u["flags"] = 0
	return jsonReply(u)
}

func (s *Server) handleUser(c *call) reply {
	id := c.params["user_id"]
	if id == s.cfg.botID {
		return jsonReply(s.botUserObject())
	}
	if id == DefaultUserID {
		return jsonReply(userObject(id, DefaultUserName, false))
	}
	return jsonReply(userObject(id, "user"+id, false))
}

func (s *Server) handleCurrentApplication(*call) reply {
	return jsonReply(map[string]any{
		"id":                     s.cfg.appID,
		"name":                   s.cfg.botName,
		"icon":                   nil,
		"description":            "",
		"bot_public":             true,
		"bot_require_code_grant": false,
		"verify_key":             "0000000000000000000000000000000000000000000000000000000000000000",
		"flags":                  0,
		"bot":                    s.botUserObject(),
	})
}

func (s *Server) handleCommandsGet(c *call) reply {
	if c.params["application_id"] != s.cfg.appID {
		return apiError(http.StatusForbidden, 20012, "You are not authorized to perform this action on this application")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []json.RawMessage{}
	out = append(out, s.commands[c.params["guild_id"]]...)
	return jsonReply(out)
}

// handleCommandsPut is a bulk overwrite: the stored list becomes exactly the
// body, and a command keeps its id when its name and type stay the same.
func (s *Server) handleCommandsPut(c *call) reply {
	if c.params["application_id"] != s.cfg.appID {
		return apiError(http.StatusForbidden, 20012, "You are not authorized to perform this action on this application")
	}
	var cmds []map[string]any
	if err := json.Unmarshal(c.body, &cmds); err != nil {
		return invalidForm([]error{fmt.Errorf("body must be an array of commands: %v", err)})
	}
	guildID := c.params["guild_id"]
	s.mu.Lock()
	defer s.mu.Unlock()
	oldIDs := map[string]string{}
	for _, raw := range s.commands[guildID] {
		var old map[string]any
		if json.Unmarshal(raw, &old) == nil {
			oldIDs[commandKey(old)] = fmt.Sprint(old["id"])
		}
	}
	stored := make([]json.RawMessage, 0, len(cmds))
	for _, cmd := range cmds {
		if _, ok := cmd["type"]; !ok {
			cmd["type"] = 1
		}
		id, ok := oldIDs[commandKey(cmd)]
		if !ok {
			id = s.ids.next()
		}
		cmd["id"] = id
		cmd["application_id"] = s.cfg.appID
		cmd["version"] = s.ids.next()
		for _, k := range []string{"default_member_permissions", "name_localizations", "description_localizations"} {
			if _, ok := cmd[k]; !ok {
				cmd[k] = nil
			}
		}
		if _, ok := cmd["nsfw"]; !ok {
			cmd["nsfw"] = false
		}
		if guildID != "" {
			cmd["guild_id"] = guildID
		}
		raw, _ := json.Marshal(cmd)
		stored = append(stored, raw)
	}
	s.commands[guildID] = stored
	return jsonReply(stored)
}

func commandKey(cmd map[string]any) string {
	return fmt.Sprint(cmd["type"]) + "/" + fmt.Sprint(cmd["name"])
}

// Commands returns the commands registered so far, globally (guildID "")
// or in one guild, as discordgo decodes them.
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	raws := append([]json.RawMessage(nil), s.commands[guildID]...)
	s.mu.Unlock()
	out := make([]*discordgo.ApplicationCommand, 0, len(raws))
	for _, raw := range raws {
		var cmd discordgo.ApplicationCommand
		if err := json.Unmarshal(raw, &cmd); err == nil {
			out = append(out, &cmd)
		}
	}
	return out
}

// commandIDLocked returns the id of a registered command, looking in the
// guild first; s.mu must be held.
func (s *Server) commandIDLocked(guildID, name string) string {
	for _, scope := range []string{guildID, ""} {
		for _, raw := range s.commands[scope] {
			var cmd struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			}
			if json.Unmarshal(raw, &cmd) == nil && cmd.Name == name {
				return cmd.ID
			}
		}
	}
	return ""
}

// AddChannel makes a channel known to the fake, e.g. a thread
// (discordgo.ChannelTypeGuildPublicThread; its ThreadMetadata's Archived
// and Locked are kept) or a forum (its Flags are kept). Channels that were
// never added are taken to be text channels in the default guild.
func (s *Server) AddChannel(ch discordgo.Channel) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch.GuildID == "" {
		ch.GuildID = s.cfg.guildID
	}
	if ch.Name == "" {
		ch.Name = "channel-" + ch.ID
	}
	info := channelInfo{ID: ch.ID, GuildID: ch.GuildID, Name: ch.Name, Type: ch.Type, ParentID: ch.ParentID, Flags: ch.Flags}
	if m := ch.ThreadMetadata; m != nil {
		info.Archived, info.Locked = m.Archived, m.Locked
	}
	s.channels[ch.ID] = info
}

// channelLocked returns a channel, creating a text channel in the default
// guild for an id never seen; s.mu must be held.
func (s *Server) channelLocked(id string) channelInfo {
	ch, ok := s.channels[id]
	if !ok {
		ch = channelInfo{ID: id, GuildID: s.cfg.guildID, Name: "channel-" + id, Type: discordgo.ChannelTypeGuildText}
		s.channels[id] = ch
	}
	return ch
}

func channelObject(ch channelInfo) map[string]any {
	obj := map[string]any{
		"id":                    ch.ID,
		"type":                  int(ch.Type),
		"name":                  ch.Name,
		"position":              0,
		"permission_overwrites": []any{},
		"nsfw":                  false,
		"topic":                 nil,
		"last_message_id":       nil,
		"rate_limit_per_user":   0,
		"parent_id":             nil,
		"flags":                 int(ch.Flags),
	}
	if ch.Archived || ch.Locked {
		obj["thread_metadata"] = map[string]any{"archived": ch.Archived, "locked": ch.Locked, "auto_archive_duration": 4320, "archive_timestamp": "2026-01-01T00:00:00Z"}
	}
	if ch.GuildID != "" {
		obj["guild_id"] = ch.GuildID
	}
	if ch.ParentID != "" {
		obj["parent_id"] = ch.ParentID
	}
	return obj
}

func (s *Server) handleChannelGet(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	return jsonReply(channelObject(s.channelLocked(c.params["channel_id"])))
}

func (s *Server) guildObject(id string) map[string]any {
	return map[string]any{
		"id":                            id,
		"name":                          "Coverage Test Guild",
		"icon":                          nil,
		"splash":                        nil,
		"owner_id":                      DefaultUserID,
		"afk_channel_id":                nil,
		"afk_timeout":                   300,
		"verification_level":            0,
		"default_message_notifications": 0,
		"explicit_content_filter":       0,
		"roles": []any{map[string]any{
			"id": id, "name": "@everyone", "color": 0, "hoist": false, "position": 0,
			"permissions": "1071698660929", "managed": false, "mentionable": false, "flags": 0,
		}},
		"emojis":                    []any{},
		"features":                  []any{},
		"mfa_level":                 0,
		"system_channel_id":         nil,
		"preferred_locale":          "en-US",
		"nsfw_level":                0,
		"premium_tier":              0,
		"application_id":            nil,
		"system_channel_flags":      0,
		"rules_channel_id":          nil,
		"vanity_url_code":           nil,
		"description":               nil,
		"banner":                    nil,
		"public_updates_channel_id": nil,
	}
}

func (s *Server) handleGuildGet(c *call) reply {
	if c.params["guild_id"] != s.cfg.guildID {
		return apiError(http.StatusNotFound, 10004, "Unknown Guild")
	}
	return jsonReply(s.guildObject(s.cfg.guildID))
}

func (s *Server) handleGuildChannels(c *call) reply {
	guildID := c.params["guild_id"]
	if guildID != s.cfg.guildID {
		return apiError(http.StatusNotFound, 10004, "Unknown Guild")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []any{}
	for _, ch := range s.sortedChannelsLocked(guildID) {
		out = append(out, channelObject(ch))
	}
	return jsonReply(out)
}

// sortedChannelsLocked lists a guild's channels by id; s.mu must be held.
func (s *Server) sortedChannelsLocked(guildID string) []channelInfo {
	var out []channelInfo
	for _, ch := range s.channels {
		if ch.GuildID == guildID {
			out = append(out, ch)
		}
	}
	sort.Slice(out, func(i, j int) bool { return snowflakeLess(out[i].ID, out[j].ID) })
	return out
}
