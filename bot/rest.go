package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// restResponder answers an interaction through Discord's REST API, using
// discordgo's requester so its rate-limit handling applies.
type restResponder struct {
	s     *discordgo.Session
	appID string
	id    string
	token string
	kind  Kind
}

func (r *restResponder) post(ctx context.Context, method, url string, body any) error {
	_, err := r.s.RequestWithBucketID(method, url, body, url, discordgo.WithContext(ctx))
	if err != nil {
		return redact(err, r.token)
	}
	return nil
}

// redactedError hides an interaction token that a network error quotes in
// its URL: error messages end up in logs.
type redactedError struct {
	err    error
	secret string
}

func (e *redactedError) Error() string { return strings.ReplaceAll(e.err.Error(), e.secret, "[token]") }
func (e *redactedError) Unwrap() error { return e.err }

func redact(err error, secret string) error {
	if err == nil || secret == "" {
		return err
	}
	return &redactedError{err: err, secret: secret}
}

func (r *restResponder) Respond(ctx context.Context, reply Reply) error {
	return r.post(ctx, "POST", discordgo.EndpointInteractionResponse(r.id, r.token), wireResponseFrom(r.kind, reply))
}

func (r *restResponder) Defer(ctx context.Context, ephemeral, update bool) error {
	return r.post(ctx, "POST", discordgo.EndpointInteractionResponse(r.id, r.token), wireDefer(ephemeral, update))
}

func (r *restResponder) Edit(ctx context.Context, reply Reply) error {
	return r.post(ctx, "PATCH", discordgo.EndpointWebhookMessage(r.appID, r.token, "@original"), wireMessageFrom(reply, false))
}

func (r *restResponder) DeleteOriginal(ctx context.Context) error {
	return r.post(ctx, "DELETE", discordgo.EndpointWebhookMessage(r.appID, r.token, "@original"), nil)
}

func (r *restResponder) Followup(ctx context.Context, reply Reply) error {
	return r.post(ctx, "POST", discordgo.EndpointWebhookToken(r.appID, r.token), wireMessageFrom(reply, true))
}

// sendMessage posts reply in a channel as a reply to the message
// replyTo, pinging no one (not even its author unless PingRepliedUser).
func sendMessage(ctx context.Context, s *discordgo.Session, channelID, guildID, replyTo string, reply Reply) error {
	m := wireMessageFrom(reply, false)
	if replyTo != "" {
		m.MessageReference = &wireReference{MessageID: replyTo, ChannelID: channelID, GuildID: guildID}
	}
	url := discordgo.EndpointChannelMessages(channelID)
	_, err := s.RequestWithBucketID("POST", url, m, url, discordgo.WithContext(ctx))
	return err
}
