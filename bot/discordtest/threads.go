package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// isTextChannel reports whether messages can be posted straight into a
// channel of type t (forums and media channels take threads instead).
func isTextChannel(t discordgo.ChannelType) bool {
	switch t {
	case discordgo.ChannelTypeGuildText, discordgo.ChannelTypeDM, discordgo.ChannelTypeGroupDM,
		discordgo.ChannelTypeGuildNews, discordgo.ChannelTypeGuildNewsThread,
		discordgo.ChannelTypeGuildPublicThread, discordgo.ChannelTypeGuildPrivateThread,
		discordgo.ChannelTypeGuildVoice, discordgo.ChannelTypeGuildStageVoice:
		return true
	}
	return false
}

// isForum reports whether a channel of type t takes posts (threads with a first message).
func isForum(t discordgo.ChannelType) bool {
	return t == discordgo.ChannelTypeGuildForum || t == discordgo.ChannelTypeGuildMedia
}

// handleThreadCreate starts a thread: in a forum or media channel a post
// with its first message (whose id is the thread's, as on Discord), in a
// text channel a thread without one.
func (s *Server) handleThreadCreate(c *call) reply {
	parentID := c.params["channel_id"]
	var body map[string]any
	if err := json.Unmarshal(c.body, &body); err != nil || body == nil {
		return apiError(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
	}
	name, _ := body["name"].(string)
	if name == "" {
		return invalidForm([]error{fmt.Errorf("name: a thread needs a name")})
	}
	s.mu.Lock()
	parent := s.channelLocked(parentID)
	msgBody, hasMessage := body["message"].(map[string]any)
	if isForum(parent.Type) && (!hasMessage || isEmptyMessage(msgBody)) {
		s.mu.Unlock()
		return invalidForm([]error{fmt.Errorf("message: a forum post needs a first message")})
	}
	if tags, _ := body["applied_tags"].([]any); isForum(parent.Type) && parent.Flags&discordgo.ChannelFlagRequireTag != 0 && len(tags) == 0 {
		s.mu.Unlock()
		return apiError(http.StatusBadRequest, 40067, "A tag is required to create a forum post in this channel")
	}
	if !isForum(parent.Type) && !isTextChannel(parent.Type) {
		s.mu.Unlock()
		return apiError(http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
	}
	threadType := discordgo.ChannelTypeGuildPublicThread
	if t, ok := body["type"].(float64); ok && !isForum(parent.Type) {
		threadType = discordgo.ChannelType(t)
	}
	th := channelInfo{ID: s.ids.next(), GuildID: parent.GuildID, Name: name, Type: threadType, ParentID: parentID}
	s.channels[th.ID] = th
	obj := channelObject(th)
	obj["owner_id"] = s.cfg.botID
	obj["member_count"] = 1
	obj["message_count"] = 0
	obj["thread_metadata"] = map[string]any{"archived": false, "auto_archive_duration": 4320, "archive_timestamp": s.now().UTC().Format(time.RFC3339Nano), "locked": false}
	var first map[string]any
	if isForum(parent.Type) {
		m := s.newMessageLocked(th.ID, msgBody, s.botUserObject(), nil)
		// A forum post's first message has the thread's id.
		delete(s.messages, m.obj["id"].(string))
		m.obj["id"] = th.ID
		s.messages[th.ID] = m
		s.channelMsgs[th.ID] = []string{th.ID}
		first = copyJSON(m.obj)
		obj["message"] = first
		obj["message_count"] = 1
	}
	s.mu.Unlock()
	if first != nil {
		s.echoMessageCreate(first)
	}
	return jsonReply(obj)
}
