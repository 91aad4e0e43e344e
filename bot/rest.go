package bot

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"hash/fnv"
	"net"
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

// postOnce is post for a request that must not be sent again once Discord
// may have applied it: it is retried only when it surely never arrived (no
// connection; a 429, which discordgo waits out and resends).
func (r *restResponder) postOnce(ctx context.Context, method, url, route string, body any) error {
	bucket := interactionBucket(route, r.token)
	return redact(retryUnsent(ctx, func() error {
		// discordgo resends on a 502 by itself, which may follow a write
		// as any 5xx may.
		_, err := r.s.RequestWithBucketID(method, url, body, bucket, discordgo.WithContext(ctx), discordgo.WithRestRetries(0))
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
// a retry means an earlier attempt got through: that is success. Only for
// requests that are harmless to repeat: edits, deletes, callbacks (Discord
// takes one) and messages with an enforced nonce.
func retryREST(ctx context.Context, call func() error) error {
	return retry(ctx, call, true)
}

// retryUnsent runs call until it succeeds, retrying only when the request
// surely never reached Discord: for requests that would be applied twice.
func retryUnsent(ctx context.Context, call func() error) error {
	return retry(ctx, call, false)
}

func retry(ctx context.Context, call func() error, mayResend bool) error {
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
			if re.Response.StatusCode < 500 || !mayResend {
				return err
			}
		} else if !mayResend && !neverSent(err) {
			return err
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

// neverSent reports whether err is a failure to connect: the request was
// never written, so sending it again cannot apply it twice.
func neverSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
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

// Followup posts a follow-up message. A follow-up is a webhook execute,
// which takes no nonce (IncomingWebhookRequestPartial in Discord's spec),
// so a resend after Discord may have posted it could post it twice:
// postOnce. A follow-up lost that way is an ephemeral note the user can
// get again by asking again; a doubled one would stay.
func (r *restResponder) Followup(ctx context.Context, reply Reply) error {
	return r.postOnce(ctx, "POST", discordgo.EndpointWebhookToken(r.appID, r.token), "followup", wireMessageFrom(reply, true))
}

// sendMessage posts reply in a channel as a reply to the message
// replyTo, pinging no one (not even its author unless PingRepliedUser).
// It carries an enforced nonce, the same on every retry, so a retry after
// Discord posted the message but its answer was lost (a 5xx, a dropped
// connection) returns that message instead of posting the reply twice.
func sendMessage(ctx context.Context, s *discordgo.Session, channelID, guildID, replyTo string, reply Reply) error {
	m := wireMessageFrom(reply, false)
	if replyTo != "" {
		m.MessageReference = &wireReference{MessageID: replyTo, ChannelID: channelID, GuildID: guildID}
	}
	body := wireNoncedMessage{wireMessage: m, Nonce: replyNonce(channelID, replyTo), EnforceNonce: true}
	url := discordgo.EndpointChannelMessages(channelID)
	return retryREST(ctx, func() error {
		_, err := s.RequestWithBucketID("POST", url, body, url, discordgo.WithContext(ctx))
		return err
	})
}

// replyNonce is the nonce of the bot's reply to message replyTo in a
// channel: one reply per message, so the same for the same message (a
// MESSAGE_CREATE delivered twice is answered once, too); random when the
// message replies to nothing. 25 characters, Discord's most.
func replyNonce(channelID, replyTo string) string {
	var sum []byte
	if replyTo != "" {
		h := sha256.Sum256([]byte(channelID + "\x00" + replyTo))
		sum = h[:]
	} else {
		sum = make([]byte, 15)
		rand.Read(sum) // never fails (crypto/rand)
	}
	return "r" + strings.ToLower(nonceEncoding.EncodeToString(sum))[:24]
}

var nonceEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)
