package bot

import (
	"context"
	"errors"
	"strings"
	"time"

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

// restBackoff is how long to wait before each retry of a REST call after a server error or
// a dropped connection; discordgo itself retries 429s (and 502s).
var restBackoff = []time.Duration{250 * time.Millisecond, time.Second, 3 * time.Second, 5 * time.Second}

func (r *restResponder) post(ctx context.Context, method, url string, body any) error {
	return redact(retryREST(ctx, func() error {
		_, err := r.s.RequestWithBucketID(method, url, body, url, discordgo.WithContext(ctx))
		return err
	}), r.token)
}

// retryREST runs call until it succeeds, fails for good (a 4xx), or the
// retries run out. A callback refused as already acknowledged (40060) after
// a retry means an earlier attempt got through: that is success.
func retryREST(ctx context.Context, call func() error) error {
	var err error
	for attempt := 0; ; attempt++ {
		err = call()
		if err == nil {
			return nil
		}
		var re *discordgo.RESTError
		if errors.As(err, &re) && re.Response != nil {
			if attempt > 0 && re.Message != nil && re.Message.Code == discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged {
				return nil
			}
			if re.Response.StatusCode < 500 {
				return err
			}
		}
		if attempt == len(restBackoff) || ctx.Err() != nil {
			return err
		}
		select {
		case <-time.After(restBackoff[attempt]):
		case <-ctx.Done():
			return err
		}
	}
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
	return retryREST(ctx, func() error {
		_, err := s.RequestWithBucketID("POST", url, m, url, discordgo.WithContext(ctx))
		return err
	})
}
