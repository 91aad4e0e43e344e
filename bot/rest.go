package bot

import (
	"context"
	"errors"
	"hash/fnv"
	"strconv"
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

func (r *restResponder) post(ctx context.Context, method, url, route string, body any) error {
	bucket := interactionBucket(route, r.token)
	return redact(retryREST(ctx, func() error {
		_, err := r.s.RequestWithBucketID(method, url, body, bucket, discordgo.WithContext(ctx))
		return err
	}), r.token)
}

// interactionShards bounds discordgo's rate-limit buckets for interaction
// routes. discordgo keeps every bucket it ever made, and an interaction's
// URLs carry a token used once: keyed by URL, a bot running for weeks would
// keep a bucket for every request it ever answered. A bucket also
// serialises its requests, so one bucket per route would queue every
// answer behind the others; 64 shards per route keep answers to different
// interactions in parallel with bounded memory.
const interactionShards = 64

// interactionBucket is the rate-limit bucket id for a request on route
// (e.g. "PATCH original") for the interaction with token.
func interactionBucket(route, token string) string {
	h := fnv.New32a()
	h.Write([]byte(token))
	return "interaction " + route + " " + strconv.Itoa(int(h.Sum32()%interactionShards))
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
	return r.post(ctx, "POST", discordgo.EndpointInteractionResponse(r.id, r.token), "callback", wireResponseFrom(r.kind, reply))
}

func (r *restResponder) Defer(ctx context.Context, ephemeral, update bool) error {
	return r.post(ctx, "POST", discordgo.EndpointInteractionResponse(r.id, r.token), "callback", wireDefer(ephemeral, update))
}

func (r *restResponder) Edit(ctx context.Context, reply Reply) error {
	return r.post(ctx, "PATCH", discordgo.EndpointWebhookMessage(r.appID, r.token, "@original"), "edit original", wireMessageFrom(reply, false))
}

func (r *restResponder) DeleteOriginal(ctx context.Context) error {
	return r.post(ctx, "DELETE", discordgo.EndpointWebhookMessage(r.appID, r.token, "@original"), "delete original", nil)
}

func (r *restResponder) Followup(ctx context.Context, reply Reply) error {
	return r.post(ctx, "POST", discordgo.EndpointWebhookToken(r.appID, r.token), "followup", wireMessageFrom(reply, true))
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
