package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/bwmarrin/discordgo"
)

// InteractionRecord is what happened to one interaction the fake sent.
type InteractionRecord struct {
	ID    string
	Token string
	Type  discordgo.InteractionType
	// Name is the command name, or the custom_id of a component.
	Name         string
	DispatchedAt time.Time
	// Acknowledged reports whether a callback was accepted.
	Acknowledged bool
	CallbackType discordgo.InteractionResponseType
	// AckLatency is the time from dispatch to the accepted callback.
	AckLatency time.Duration
	// Ephemeral reports whether the accepted callback asked for an ephemeral reply.
	Ephemeral bool
	// Callbacks counts callback requests that reached the fake, accepted or
	// refused (injected faults excluded); more than one is a bug in the client.
	Callbacks int
	// Edits counts accepted edits of the original response.
	Edits int
	// Followups counts accepted follow-up messages.
	Followups int
	// OriginalID is the message id of the original response, once there is one.
	OriginalID string
}

// tokenLifetime is how long Discord accepts an interaction token.
const tokenLifetime = 15 * time.Minute

type interactionState struct {
	rec                InteractionRecord
	appID              string
	channelID          string
	componentMessageID string // the message a clicked component was on
	followupIDs        map[string]bool
	deferredOriginal   bool
	payload            map[string]any // the INTERACTION_CREATE data, for message metadata
	// httpAnswerPending is set while the interaction is POSTed to an
	// interactions endpoint and its answer not yet read: a REST call for it
	// then gets Discord's 404, but it is a race Discord leaves to the bot
	// (retry), not a mistake.
	httpAnswerPending bool
}

// Interaction returns the record of an interaction the fake sent.
func (s *Server) Interaction(id string) (InteractionRecord, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.interactions[id]
	if !ok {
		return InteractionRecord{}, false
	}
	return st.rec, true
}

// Interactions returns the records of every interaction sent, oldest first.
func (s *Server) Interactions() []InteractionRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]InteractionRecord, 0, len(s.interactions))
	for _, st := range s.interactions {
		out = append(out, st.rec)
	}
	sort.Slice(out, func(i, j int) bool { return snowflakeLess(out[i].ID, out[j].ID) })
	return out
}

// OriginalResponse returns the current original response of an interaction
// (after every edit), decoded as discordgo would decode it.
func (s *Server) OriginalResponse(interactionID string) (*discordgo.Message, error) {
	s.mu.Lock()
	st, ok := s.interactions[interactionID]
	var obj map[string]any
	if ok && st.rec.OriginalID != "" {
		if m := s.messages[st.rec.OriginalID]; m != nil && !m.deleted {
			obj = copyJSON(m.obj)
		}
	}
	s.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("discordtest: no interaction %s", interactionID)
	}
	if obj == nil {
		return nil, fmt.Errorf("discordtest: interaction %s has no original response", interactionID)
	}
	return decodeMessage(obj), nil
}

func (s *Server) handleCallback(c *call) reply {
	var body struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data map[string]any                    `json:"data"`
	}
	if err := json.Unmarshal(c.body, &body); err != nil {
		return invalidForm([]error{fmt.Errorf("callback body: %v", err)})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, found := s.interactions[c.params["interaction_id"]]
	if !found {
		rep := apiError(http.StatusNotFound, 10062, "Unknown interaction")
		rep.violation = errors.New("callback for an interaction the fake never sent")
		return rep
	}
	st.rec.Callbacks++
	if c.params["interaction_token"] != st.rec.Token {
		rep := apiError(http.StatusUnauthorized, 50027, "Invalid Webhook Token")
		rep.violation = errors.New("callback with the wrong interaction token")
		return rep
	}
	if st.rec.Acknowledged {
		rep := apiError(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
		rep.violation = fmt.Errorf("interaction %s acknowledged twice (first with type %d, now %d)", st.rec.ID, st.rec.CallbackType, body.Type)
		return rep
	}
	latency := s.now().Sub(st.rec.DispatchedAt)
	if s.cfg.ackDeadline > 0 && latency > s.cfg.ackDeadline {
		rep := apiError(http.StatusNotFound, 10062, "Unknown interaction")
		rep.violation = fmt.Errorf("interaction %s acknowledged after %v, past Discord's %v deadline", st.rec.ID, latency.Round(time.Millisecond), s.cfg.ackDeadline)
		return rep
	}
	if err := callbackAllowed(st.rec.Type, body.Type); err != nil {
		rep := invalidForm([]error{err})
		rep.violation = err
		return rep
	}
	if body.Type == discordgo.InteractionResponseChannelMessageWithSource && isEmptyMessage(body.Data) {
		return apiError(http.StatusBadRequest, 50006, "Cannot send an empty message")
	}
	st.rec.Acknowledged = true
	st.rec.CallbackType = body.Type
	st.rec.AckLatency = latency
	flags, _ := body.Data["flags"].(float64)
	st.rec.Ephemeral = int(flags)&flagEphemeral != 0

	switch body.Type {
	case discordgo.InteractionResponseChannelMessageWithSource:
		m := s.newMessageLocked(st.channelID, body.Data, s.botUserObject(), s.interactionMessageFields(st))
		st.rec.OriginalID = m.obj["id"].(string)
		if !st.rec.Ephemeral {
			defer s.echoLater(copyJSON(m.obj))
		}
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		extra := s.interactionMessageFields(st)
		extra["flags"] = int(flags)&flagEphemeral | flagLoading
		m := s.newMessageLocked(st.channelID, map[string]any{}, s.botUserObject(), extra)
		st.rec.OriginalID = m.obj["id"].(string)
		st.deferredOriginal = true
	case discordgo.InteractionResponseUpdateMessage:
		if m := s.messages[st.componentMessageID]; m != nil {
			s.editLocked(m, body.Data)
			st.rec.OriginalID = st.componentMessageID
		}
	case discordgo.InteractionResponseDeferredMessageUpdate:
		st.rec.OriginalID = st.componentMessageID
	}
	if c.req.URL.Query().Get("with_response") == "true" {
		resp := map[string]any{"interaction": map[string]any{"id": st.rec.ID, "type": int(st.rec.Type)}, "resource": map[string]any{"type": int(body.Type)}}
		if m := s.messages[st.rec.OriginalID]; m != nil && st.rec.OriginalID != "" {
			resp["resource"].(map[string]any)["message"] = copyJSON(m.obj)
		}
		return jsonReply(resp)
	}
	return noContent()
}

// callbackAllowed checks a callback type against the interaction type, as Discord does.
func callbackAllowed(it discordgo.InteractionType, rt discordgo.InteractionResponseType) error {
	if it == discordgo.InteractionPing {
		if rt != discordgo.InteractionResponsePong {
			return fmt.Errorf("a PING must be answered with type 1 (PONG), got %d", rt)
		}
		return nil
	}
	switch rt {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseDeferredChannelMessageWithSource:
		if it == discordgo.InteractionApplicationCommandAutocomplete {
			return fmt.Errorf("callback type %d is not valid for an autocomplete interaction (use 8)", rt)
		}
	case discordgo.InteractionResponseDeferredMessageUpdate, discordgo.InteractionResponseUpdateMessage:
		if it != discordgo.InteractionMessageComponent && it != discordgo.InteractionModalSubmit {
			return fmt.Errorf("callback type %d is only valid for component and modal interactions", rt)
		}
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if it != discordgo.InteractionApplicationCommandAutocomplete {
			return fmt.Errorf("callback type 8 is only valid for autocomplete interactions")
		}
	case discordgo.InteractionResponseModal:
		if it == discordgo.InteractionApplicationCommandAutocomplete || it == discordgo.InteractionModalSubmit {
			return fmt.Errorf("callback type 9 is not valid for this interaction type %d", it)
		}
	case discordgo.InteractionResponsePong:
		return fmt.Errorf("callback type 1 (PONG) answers HTTP pings only, never a gateway interaction")
	default:
		return fmt.Errorf("unknown interaction callback type %d", rt)
	}
	return nil
}

// interactionMessageFields are the fields Discord adds to a message that answers an interaction.
func (s *Server) interactionMessageFields(st *interactionState) map[string]any {
	user := map[string]any{}
	if m, ok := st.payload["member"].(map[string]any); ok {
		user, _ = m["user"].(map[string]any)
	} else if u, ok := st.payload["user"].(map[string]any); ok {
		user = u
	}
	typ := 20 // CHAT_INPUT_COMMAND
	if st.rec.Type == discordgo.InteractionMessageComponent {
		typ = 0
	}
	return map[string]any{
		"type":           typ,
		"webhook_id":     st.appID,
		"application_id": st.appID,
		"interaction_metadata": map[string]any{
			"id":                             st.rec.ID,
			"type":                           int(st.rec.Type),
			"user":                           user,
			"authorizing_integration_owners": map[string]any{"0": s.cfg.guildID},
		},
	}
}

// stateByTokenLocked finds the interaction a webhook route's token belongs to.
func (s *Server) stateByTokenLocked(c *call) (*interactionState, reply, bool) {
	st := s.byToken[c.params["interaction_token"]]
	if st == nil || c.params["application_id"] != st.appID {
		rep := apiError(http.StatusNotFound, 10015, "Unknown Webhook")
		rep.violation = errors.New("webhook token or application id of no interaction the fake sent")
		return nil, rep, false
	}
	if age := s.now().Sub(st.rec.DispatchedAt); age > tokenLifetime {
		rep := apiError(http.StatusUnauthorized, 50027, "Invalid Webhook Token")
		rep.violation = fmt.Errorf("interaction %s: token used %v after the interaction, past its 15-minute life", st.rec.ID, age.Round(time.Second))
		return nil, rep, false
	}
	return st, reply{}, true
}

// webhookTargetLocked finds the interaction a webhook message route's
// token belongs to, and the message ("@original" or a follow-up) it names.
func (s *Server) webhookTargetLocked(c *call) (*interactionState, *storedMessage, reply, bool) {
	st, rep, found := s.stateByTokenLocked(c)
	if !found {
		return nil, nil, rep, false
	}
	m, rep, found := s.webhookMessageLocked(c, st)
	if !found {
		return nil, nil, rep, false
	}
	return st, m, reply{}, true
}

// webhookMessageLocked resolves "@original" or a follow-up id of the interaction.
func (s *Server) webhookMessageLocked(c *call, st *interactionState) (*storedMessage, reply, bool) {
	id, isFollowup := c.params["message_id"], true
	if id == "" {
		id, isFollowup = st.rec.OriginalID, false
	}
	if isFollowup && !st.followupIDs[id] && id != st.rec.OriginalID {
		return nil, apiError(http.StatusNotFound, 10008, "Unknown Message"), false
	}
	m := s.messages[id]
	if id == "" || m == nil || m.deleted {
		rep := apiError(http.StatusNotFound, 10008, "Unknown Message")
		if !st.rec.Acknowledged && !st.httpAnswerPending {
			rep.violation = fmt.Errorf("interaction %s: original response used before the interaction was acknowledged", st.rec.ID)
		}
		return nil, rep, false
	}
	return m, reply{}, true
}

func (s *Server) handleWebhookMessageGet(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, m, rep, found := s.webhookTargetLocked(c)
	if !found {
		return rep
	}
	return jsonReply(copyJSON(m.obj))
}

func (s *Server) handleWebhookMessageEdit(c *call) reply {
	var body map[string]any
	if err := json.Unmarshal(c.body, &body); err != nil || body == nil {
		return apiError(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, m, rep, found := s.webhookTargetLocked(c)
	if !found {
		return rep
	}
	wasLoading := flagsOf(m.obj)&flagLoading != 0
	s.editLocked(m, body)
	if wasLoading && isEmptyMessage(m.obj) {
		m.obj["flags"] = flagsOf(m.obj) | flagLoading
		return apiError(http.StatusBadRequest, 50006, "Cannot send an empty message")
	}
	if m.obj["id"] == st.rec.OriginalID {
		st.rec.Edits++
		if wasLoading && flagsOf(m.obj)&flagEphemeral == 0 {
			defer s.echoLater(copyJSON(m.obj))
		}
	}
	return jsonReply(copyJSON(m.obj))
}

func (s *Server) handleWebhookMessageDelete(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, m, rep, found := s.webhookTargetLocked(c)
	if !found {
		return rep
	}
	m.deleted = true
	return noContent()
}

func (s *Server) handleFollowup(c *call) reply {
	var body map[string]any
	if err := json.Unmarshal(c.body, &body); err != nil || body == nil {
		return apiError(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
	}
	if isEmptyMessage(body) {
		return apiError(http.StatusBadRequest, 50006, "Cannot send an empty message")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, rep, found := s.stateByTokenLocked(c)
	if !found {
		return rep
	}
	if !st.rec.Acknowledged {
		rep := apiError(http.StatusNotFound, 10015, "Unknown Webhook")
		if !st.httpAnswerPending {
			rep.violation = fmt.Errorf("interaction %s: follow-up before the interaction was acknowledged", st.rec.ID)
		}
		return rep
	}
	extra := s.interactionMessageFields(st)
	m := s.newMessageLocked(st.channelID, body, s.botUserObject(), extra)
	id := m.obj["id"].(string)
	st.followupIDs[id] = true
	st.rec.Followups++
	if flagsOf(m.obj)&flagEphemeral == 0 {
		defer s.echoLater(copyJSON(m.obj))
	}
	return jsonReply(copyJSON(m.obj))
}

// echoLater sends MESSAGE_CREATE for a message the bot created, as Discord
// does; it runs deferred, after s.mu is released.
func (s *Server) echoLater(obj map[string]any) {
	go s.echoMessageCreate(obj)
}
