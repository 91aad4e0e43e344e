package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

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
			// Thread creation takes no nonce: a crash right after it can
			// leave a second post; the ledger keeps that window small.
			body := digestThreadBody{Name: Truncate(p.Title, 100), Message: msg}
			resp, err := s.Session.RequestWithBucketID(http.MethodPost, discordgo.EndpointChannelThreads(channelID), body,
				discordgo.EndpointChannelThreads(channelID), discordgo.WithContext(ctx))
			if err != nil {
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

func idOf(resp []byte) (string, error) {
	var m struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(resp, &m); err != nil || m.ID == "" {
		return "", fmt.Errorf("discord answered a post without an id: %s", Truncate(string(resp), 200))
	}
	return m.ID, nil
}

// channelErr turns Discord's 403 and 404 into a ChannelError, so the
// scheduler can tell a channel problem from Discord being down, and marks
// a 400 with ErrPartRefused: that message will never be accepted.
func channelErr(channelID string, err error) error {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		switch re.Response.StatusCode {
		case http.StatusBadRequest:
			return fmt.Errorf("post digest to channel %s: %w: %w", channelID, ErrPartRefused, err)
		case http.StatusForbidden, http.StatusNotFound:
			msg := http.StatusText(re.Response.StatusCode)
			if re.Message != nil && re.Message.Message != "" {
				msg = re.Message.Message
			}
			return &ChannelError{ChannelID: channelID, Status: re.Response.StatusCode, Message: msg}
		}
	}
	return fmt.Errorf("post digest to channel %s: %w", channelID, err)
}
