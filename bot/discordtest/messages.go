package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Message flags the fake understands.
const (
	flagSuppressEmbeds = 1 << 2
	flagEphemeral      = 1 << 6
	flagLoading        = 1 << 7
)

// storedMessage is a message as Discord would hold it, kept as the JSON
// object Discord sends so clients decode exactly what they would in production.
type storedMessage struct {
	obj       map[string]any
	channelID string
	deleted   bool
}

type nonceEntry struct {
	messageID string
	at        time.Time
}

// newMessageLocked builds and stores a message from a request body; s.mu must be held.
// author is a user object; extra fields (webhook_id, interaction_metadata…) are merged in.
func (s *Server) newMessageLocked(channelID string, body map[string]any, author map[string]any, extra map[string]any) *storedMessage {
	ch := s.channelLocked(channelID)
	id := s.ids.next()
	obj := map[string]any{
		"id":               id,
		"type":             0,
		"channel_id":       channelID,
		"author":           author,
		"content":          "",
		"timestamp":        s.now().UTC().Format(time.RFC3339Nano),
		"edited_timestamp": nil,
		"tts":              false,
		"mention_everyone": false,
		"mentions":         []any{},
		"mention_roles":    []any{},
		"attachments":      []any{},
		"embeds":           []any{},
		"components":       []any{},
		"pinned":           false,
		"flags":            0,
	}
	if ch.GuildID != "" {
		obj["guild_id"] = ch.GuildID
	}
	applyMessageFields(obj, body)
	if flags, ok := body["flags"].(float64); ok {
		obj["flags"] = int(flags) & (flagSuppressEmbeds | flagEphemeral)
	}
	if n, ok := body["nonce"]; ok && n != nil {
		obj["nonce"] = n
	}
	for k, v := range extra {
		obj[k] = v
	}
	m := &storedMessage{obj: obj, channelID: channelID}
	s.messages[id] = m
	s.channelMsgs[channelID] = append(s.channelMsgs[channelID], id)
	return m
}

// applyMessageFields copies the displayed fields of a create or edit body.
func applyMessageFields(obj, body map[string]any) {
	if v, ok := body["content"]; ok {
		if v == nil {
			v = ""
		}
		obj["content"] = v
	}
	if v, ok := body["embeds"]; ok {
		embeds, _ := v.([]any)
		out := make([]any, 0, len(embeds))
		for _, e := range embeds {
			if em, ok := e.(map[string]any); ok {
				cp := map[string]any{"type": "rich"}
				for k, v := range em {
					if v != nil {
						cp[k] = v
					}
				}
				out = append(out, cp)
			}
		}
		obj["embeds"] = out
	}
	if v, ok := body["components"]; ok {
		if v == nil {
			v = []any{}
		}
		obj["components"] = v
	}
	if v, ok := body["tts"].(bool); ok {
		obj["tts"] = v
	}
	if v, ok := body["poll"]; ok && v != nil {
		obj["poll"] = v
	}
}

func (s *Server) botUserObject() map[string]any {
	return userObject(s.cfg.botID, s.cfg.botName, true)
}

func userObject(id, name string, bot bool) map[string]any {
	u := map[string]any{
		"id":            id,
		"username":      name,
		"discriminator": "0",
		"global_name":   name,
		"avatar":        nil,
		"public_flags":  0,
	}
	if bot {
		u["bot"] = true
	}
	return u
}

func (s *Server) handleMessageCreate(c *call) reply {
	channelID := c.params["channel_id"]
	var body map[string]any
	if err := json.Unmarshal(c.body, &body); err != nil || body == nil {
		return apiError(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
	}
	if isEmptyMessage(body) {
		return apiError(http.StatusBadRequest, 50006, "Cannot send an empty message")
	}
	nonce, hasNonce := nonceString(body["nonce"])
	enforce, _ := body["enforce_nonce"].(bool)

	s.mu.Lock()
	ch := s.channelLocked(channelID)
	if !isTextChannel(ch.Type) {
		s.mu.Unlock()
		return apiError(http.StatusBadRequest, 50008, "Cannot send messages in a non-text channel")
	}
	if ch.Archived && ch.Locked {
		s.mu.Unlock()
		return apiError(http.StatusBadRequest, 50083, "Thread is archived")
	}
	if ch.Archived {
		// A message unarchives a thread nobody locked, as on Discord.
		ch.Archived = false
		s.channels[channelID] = ch
	}
	key := channelID + "\x00" + nonce
	if hasNonce && enforce {
		if e, ok := s.nonces[key]; ok && s.now().Sub(e.at) < s.cfg.nonceWindow {
			if m := s.messages[e.messageID]; m != nil && !m.deleted {
				c.rec.Deduplicated = true
				obj := copyJSON(m.obj)
				s.mu.Unlock()
				return jsonReply(obj)
			}
		}
	}
	extra := map[string]any{}
	if ref, ok := body["message_reference"].(map[string]any); ok {
		refID, _ := ref["message_id"].(string)
		refMsg := s.messages[refID]
		failIfMissing := true
		if v, ok := ref["fail_if_not_exists"].(bool); ok {
			failIfMissing = v
		}
		if refMsg == nil || refMsg.deleted {
			if failIfMissing {
				s.mu.Unlock()
				return invalidForm([]error{fmt.Errorf("message_reference: Unknown message %q", refID)})
			}
		} else {
			extra["type"] = 19
			extra["message_reference"] = map[string]any{"message_id": refID, "channel_id": refMsg.channelID, "guild_id": refMsg.obj["guild_id"], "type": 0}
			extra["referenced_message"] = copyJSON(refMsg.obj)
		}
	}
	m := s.newMessageLocked(channelID, body, s.botUserObject(), extra)
	if hasNonce && enforce {
		s.nonces[key] = nonceEntry{messageID: m.obj["id"].(string), at: s.now()}
	}
	obj := copyJSON(m.obj)
	s.mu.Unlock()
	s.echoMessageCreate(obj)
	return jsonReply(obj)
}

// isEmptyMessage reports whether a body has nothing Discord would display.
func isEmptyMessage(body map[string]any) bool {
	if c, _ := body["content"].(string); c != "" {
		return false
	}
	for _, k := range []string{"embeds", "components", "sticker_ids", "attachments"} {
		if a, _ := body[k].([]any); len(a) > 0 {
			return false
		}
	}
	return body["poll"] == nil
}

// nonceString returns a nonce (string or integer in JSON) as text.
func nonceString(v any) (string, bool) {
	switch n := v.(type) {
	case string:
		return n, n != ""
	case float64:
		return strconv.FormatFloat(n, 'f', -1, 64), true
	}
	return "", false
}

func (s *Server) handleChannelMessages(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := s.channelMsgs[c.params["channel_id"]]
	out := []any{}
	for i := len(ids) - 1; i >= 0 && len(out) < 50; i-- { // newest first, like Discord
		if m := s.messages[ids[i]]; !m.deleted && flagsOf(m.obj)&flagEphemeral == 0 {
			out = append(out, copyJSON(m.obj))
		}
	}
	return jsonReply(out)
}

func (s *Server) channelMessageLocked(c *call) (*storedMessage, reply, bool) {
	m := s.messages[c.params["message_id"]]
	if m == nil || m.deleted || m.channelID != c.params["channel_id"] {
		return nil, apiError(http.StatusNotFound, 10008, "Unknown Message"), false
	}
	return m, reply{}, true
}

func (s *Server) handleChannelMessageGet(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, rep, found := s.channelMessageLocked(c)
	if !found {
		return rep
	}
	return jsonReply(copyJSON(m.obj))
}

func (s *Server) handleChannelMessageEdit(c *call) reply {
	var body map[string]any
	if err := json.Unmarshal(c.body, &body); err != nil || body == nil {
		return apiError(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, rep, found := s.channelMessageLocked(c)
	if !found {
		return rep
	}
	if id, _ := m.obj["author"].(map[string]any)["id"].(string); id != s.cfg.botID {
		return apiError(http.StatusForbidden, 50005, "Cannot edit a message authored by another user")
	}
	s.editLocked(m, body)
	return jsonReply(copyJSON(m.obj))
}

func (s *Server) editLocked(m *storedMessage, body map[string]any) {
	applyMessageFields(m.obj, body)
	flags := flagsOf(m.obj) &^ flagLoading
	if f, ok := body["flags"].(float64); ok {
		flags = flags&^flagSuppressEmbeds | int(f)&flagSuppressEmbeds
	}
	m.obj["flags"] = flags
	m.obj["edited_timestamp"] = s.now().UTC().Format(time.RFC3339Nano)
}

func (s *Server) handleChannelMessageDelete(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, rep, found := s.channelMessageLocked(c)
	if !found {
		return rep
	}
	m.deleted = true
	return noContent()
}

func (s *Server) handleTyping(*call) reply { return noContent() }

// Message returns a message the fake holds (sent by the bot or dispatched
// by the test), decoded as discordgo would decode it.
func (s *Server) Message(id string) (*discordgo.Message, bool) {
	s.mu.Lock()
	m := s.messages[id]
	var obj map[string]any
	if m != nil && !m.deleted {
		obj = copyJSON(m.obj)
	}
	s.mu.Unlock()
	if obj == nil {
		return nil, false
	}
	return decodeMessage(obj), true
}

// ChannelMessages returns the messages in a channel, oldest first,
// ephemeral and deleted ones left out.
func (s *Server) ChannelMessages(channelID string) []*discordgo.Message {
	s.mu.Lock()
	var objs []map[string]any
	for _, id := range s.channelMsgs[channelID] {
		m := s.messages[id]
		if !m.deleted && flagsOf(m.obj)&flagEphemeral == 0 {
			objs = append(objs, copyJSON(m.obj))
		}
	}
	s.mu.Unlock()
	out := make([]*discordgo.Message, 0, len(objs))
	for _, o := range objs {
		out = append(out, decodeMessage(o))
	}
	return out
}

func decodeMessage(obj map[string]any) *discordgo.Message {
	data, _ := json.Marshal(obj)
	var m discordgo.Message
	_ = json.Unmarshal(data, &m) // the fake built obj; a failure would show as empty fields
	return &m
}

// copyJSON deep-copies a JSON object so callers never share state with the store.
func copyJSON(obj map[string]any) map[string]any {
	data, err := json.Marshal(obj)
	if err != nil {
		return map[string]any{}
	}
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return out
}

// flagsOf reads a message's flags whether stored as int or decoded JSON.
func flagsOf(obj map[string]any) int {
	switch f := obj["flags"].(type) {
	case int:
		return f
	case float64:
		return int(f)
	}
	return 0
}
