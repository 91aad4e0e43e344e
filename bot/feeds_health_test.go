package bot

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// healthSender is a DigestSender with a function field.
type healthSender struct {
	send func(channelID string, p DigestPart) (string, error)
}

func (f healthSender) SendDigestPart(_ context.Context, channelID string, p DigestPart) (string, error) {
	return f.send(channelID, p)
}

func TestPostFeedHealth(t *testing.T) {
	ctx := context.Background()
	store, err := OpenStore(filepath.Join(t.TempDir(), StoreFile))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, s := range []Subscription{
		{GuildID: "home", ChannelID: "c1", Timezone: "UTC"},
		{GuildID: "home", ChannelID: "gone", Timezone: "UTC"},
		{GuildID: "other", ChannelID: "c9", Timezone: "UTC"},
	} {
		if err := store.Subscribe(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	var sent []string
	var nonces []string
	sender := healthSender{send: func(ch string, p DigestPart) (string, error) {
		if ch == "gone" {
			return "", &ChannelError{ChannelID: ch, Status: 404, Message: "Unknown Channel"}
		}
		sent = append(sent, ch+": "+p.Reply.Content)
		nonces = append(nonces, p.Nonce)
		return "m1", nil
	}}
	since := time.Date(2026, 2, 12, 10, 14, 0, 0, time.UTC)
	err = PostFeedHealth(ctx, store, sender, "home", FeedHealth{Name: "The Kestrel Post", Since: since, Reason: "HTTP 404 Not Found"})
	var ce *ChannelError
	if !errors.As(err, &ce) || ce.ChannelID != "gone" {
		t.Errorf("err = %v, want the refusing channel named", err)
	}
	if err := PostFeedHealth(ctx, store, sender, "home", FeedHealth{Name: "The Kestrel Post", Since: since, Recovered: true}); err == nil {
		t.Error("the refusing channel was not reported the second time")
	}
	want := []string{
		"c1: ⚠️ The Kestrel Post's feed has failed since 2026-02-12 10:14 UTC: HTTP 404 Not Found. New articles from it wait until it works again.",
		"c1: ✅ The Kestrel Post's feed works again (it had failed since 2026-02-12 10:14 UTC).",
	}
	if strings.Join(sent, "\n") != strings.Join(want, "\n") {
		t.Errorf("sent:\n%s\nwant:\n%s", strings.Join(sent, "\n"), strings.Join(want, "\n"))
	}
	if len(nonces) == 2 && (nonces[0] == nonces[1] || len(nonces[0]) > 25) {
		t.Errorf("nonces %q: want distinct, at most 25 characters", nonces)
	}
	if err := PostFeedHealth(ctx, store, sender, "", FeedHealth{Name: "x"}); err != nil || len(sent) != 2 {
		t.Errorf("without a home server something was posted: %v", err)
	}
}
