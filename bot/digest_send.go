package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

// SessionSender posts digest parts through a discordgo session, so
// discordgo's rate-limit handling applies. discordgo's MessageSend has no
// nonce, hence the raw request with the bot's own message body.
type SessionSender struct {
	Session *discordgo.Session
}

// digestThreadBody starts a forum post (a thread with its first message).
type digestThreadBody struct {
	Name    string      `json:"name"`
	Message wireMessage `json:"message"`
}

// Forum-like channels take posts (threads), not messages.
const channelTypeMedia = 16

// SendDigestPart implements DigestSender.
func (s SessionSender) SendDigestPart(ctx context.Context, channelID string, p DigestPart) (string, error) {
	msg := wireMessageFrom(Fit(p.Reply), false)
	target := channelID
	ch, err := s.Session.Channel(channelID, discordgo.WithContext(ctx))
	if err != nil {
		return "", channelErr(channelID, err)
	}
	if ch.Type == discordgo.ChannelTypeGuildForum || ch.Type == channelTypeMedia {
		if len(p.Previous) == 0 {
			// Thread creation takes no nonce, so a request Discord may
			// have applied is never sent again: not by discordgo, which
			// resends a 502 by itself (no retries), nor by the scheduler
			// (ErrMaybePosted). A crash right after it can still leave a
			// second post; the ledger keeps that window small.
			// A request that failed before it was written (a TLS
			// handshake, a proxy's CONNECT, a dial) cannot have been
			// applied: it is sent again, whatever the error looks like.
			body := digestThreadBody{Name: Truncate(p.Title, 100), Message: msg}
			traced, written := traceWritten(ctx)
			resp, err := s.Session.RequestWithBucketID(http.MethodPost, discordgo.EndpointChannelThreads(channelID), body,
				discordgo.EndpointChannelThreads(channelID), discordgo.WithContext(traced), discordgo.WithRestRetries(0))
			if err != nil {
				// written and then cut off, by a shutdown too: Discord may
				// have made the post
				if written() && mayHaveApplied(err) {
					return "", fmt.Errorf("start a post in forum %s: %w: %w", channelID, ErrMaybePosted, err)
				}
				return "", channelErr(channelID, err)
			}
			return idOf(resp)
		}
		target = p.Previous[0] // the post's thread
	}
	body := wireNoncedMessage{wireMessage: msg, Nonce: p.Nonce, EnforceNonce: true}
	resp, err := s.Session.RequestWithBucketID(http.MethodPost, discordgo.EndpointChannelMessages(target), body,
		discordgo.EndpointChannelMessages(target), discordgo.WithContext(ctx))
	if err != nil {
		return "", channelErr(target, err)
	}
	return idOf(resp)
}

// traceWritten returns ctx with a trace that records whether a request
// made with it was written whole to the connection, and a function that
// reports it. Any attempt counts (discordgo resends after a 429 itself),
// so a request once written stays "written".
func traceWritten(ctx context.Context) (context.Context, func() bool) {
	var wrote atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				wrote.Store(true)
			}
		},
	})
	return ctx, wrote.Load
}

// mayHaveApplied reports whether a request that was written and then
// failed with err may still have been applied by Discord: anything but a
// 4xx, a rate limit and a refused connection, which surely were not. That
// takes in a 5xx, a connection dropped once the request was written, and
// the plain error discordgo makes of a 502 it does not retry.
func mayHaveApplied(err error) bool {
	var re *discordgo.RESTError
	if errors.As(err, &re) {
		return re.Response == nil || re.Response.StatusCode >= 500
	}
	var rl *discordgo.RateLimitError
	return !errors.As(err, &rl) && !neverSent(err)
}

func idOf(resp []byte) (string, error) {
	var m struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(resp, &m); err != nil || m.ID == "" {
		return "", fmt.Errorf("discord answered a post without an id: %s", Truncate(string(resp), 200))
	}
	return m.ID, nil
}

// ChannelError is a send refused because of the channel itself: deleted
// (404), the bot may no longer see or post in it (403), or it takes no
// posts as it is (400 with a channel code: an archived, locked thread; a
// forum that requires tags).
type ChannelError struct {
	ChannelID string
	Status    int
	Code      int // Discord's JSON error code; 0 when there was none
	Message   string
}

func (e *ChannelError) Error() string {
	return fmt.Sprintf("channel %s: %d %s (code %d)", e.ChannelID, e.Status, e.Message, e.Code)
}

// Why says in plain words what is wrong with the channel and what to do.
func (e *ChannelError) Why() string {
	const another = "or subscribe another channel"
	switch e.Code {
	case discordgo.ErrCodePerformedOperationOnArchivedThread, discordgo.ErrCodeThreadIsLocked:
		return "the thread is archived or locked (unlock and reopen it, " + another + ")"
	case errCodeTagRequired:
		return "the forum requires a tag on every post (make tags optional in the forum's settings, " + another + ")"
	case discordgo.ErrCodeCannotSendMessagesInVoiceChannel, discordgo.ErrCodeCannotExecuteActionOnThisChannelType:
		return "I can't post in that kind of channel (subscribe a text, announcement or forum channel or a thread)"
	}
	switch {
	case e.Status == 404 || e.Code == discordgo.ErrCodeUnknownChannel:
		return "the channel no longer exists (deleted?)"
	case e.Status == 403 || e.Code == discordgo.ErrCodeMissingAccess || e.Code == discordgo.ErrCodeMissingPermissions:
		return "I'm not allowed to post there (I need View Channel, Send Messages and Embed Links; in threads, Send Messages in Threads)"
	}
	return "Discord refused the post (" + strconv.Itoa(e.Status) + ")"
}

// Discord's JSON error codes that say the channel cannot take the post,
// whatever the message; discordgo names most of them.
const (
	errCodeTagRequired = 40067 // a forum that requires a tag on every post
)

// channelCodes are the JSON error codes of a channel problem: Discord
// answers some with 400, which would otherwise read as a malformed message.
var channelCodes = map[int]bool{
	discordgo.ErrCodeUnknownChannel:                       true,
	discordgo.ErrCodeMissingAccess:                        true,
	discordgo.ErrCodeMissingPermissions:                   true,
	discordgo.ErrCodePerformedOperationOnArchivedThread:   true,
	discordgo.ErrCodeThreadIsLocked:                       true,
	discordgo.ErrCodeCannotSendMessagesInVoiceChannel:     true,
	discordgo.ErrCodeCannotExecuteActionOnThisChannelType: true,
	errCodeTagRequired:                                    true,
}

// channelErr turns Discord's 403, 404 and the 400s whose code is a channel
// problem (an archived thread, a forum that requires tags) into a
// ChannelError, so the scheduler can tell a channel problem from Discord
// being down, and marks any other 400 with ErrPartRefused: that message
// will never be accepted.
func channelErr(channelID string, err error) error {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		status, code, msg := re.Response.StatusCode, 0, http.StatusText(re.Response.StatusCode)
		if re.Message != nil {
			code = re.Message.Code
			if re.Message.Message != "" {
				msg = re.Message.Message
			}
		}
		switch {
		case status == http.StatusForbidden || status == http.StatusNotFound || (status == http.StatusBadRequest && channelCodes[code]):
			return &ChannelError{ChannelID: channelID, Status: status, Code: code, Message: msg}
		case status == http.StatusBadRequest:
			return fmt.Errorf("post digest to channel %s: %w: %w", channelID, ErrPartRefused, err)
		}
	}
	return fmt.Errorf("post digest to channel %s: %w", channelID, err)
}
