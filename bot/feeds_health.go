package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// FeedHealth is a change in a feed's health worth telling the people who
// read the digest: it started failing, or works again.
type FeedHealth struct {
	Name string
	// Since is when the failures began.
	Since time.Time
	// Reason says in plain words why the last fetch failed ("HTTP 404 Not
	// Found"); never a raw error.
	Reason string
	// Recovered reports the feed works (or publishes) again.
	Recovered bool
	// Silent: the feed answers but has published nothing new since Since,
	// for longer than its usual rhythm.
	Silent bool
}

// Text is the notice as posted.
func (h FeedHealth) Text() string {
	since := h.Since.UTC().Format("2006-01-02 15:04 MST")
	switch {
	case h.Silent && h.Recovered:
		return fmt.Sprintf("✅ %s's feed publishes again (it had been silent since %s).", escapeMarkdown(h.Name), since)
	case h.Silent:
		return fmt.Sprintf("🔕 %s's feed has published nothing since %s, longer than usual for it. It may have moved: check the outlet's site.", escapeMarkdown(h.Name), since)
	}
	if h.Recovered {
		return fmt.Sprintf("✅ %s's feed works again (it had failed since %s).", escapeMarkdown(h.Name), since)
	}
	return fmt.Sprintf("⚠️ %s's feed has failed since %s: %s. New articles from it wait until it works again.", escapeMarkdown(h.Name), since, escapeMarkdown(h.Reason))
}

// PostFeedHealth posts the notice once to every digest channel of the home
// server (feeds serve every server, but are managed from home). The nonce
// is fixed by feed, streak and kind, so a repeated send within Discord's
// window is not a second message. Channels that refuse it are skipped and
// reported in the error; the others still get it.
func PostFeedHealth(ctx context.Context, store *Store, sender DigestSender, homeGuild string, h FeedHealth) error {
	if homeGuild == "" {
		return nil
	}
	subs, err := store.Subscriptions(ctx, homeGuild)
	if err != nil {
		return err
	}
	kind := "failing"
	if h.Silent {
		kind = "silent"
	}
	if h.Recovered {
		kind += " recovered"
	}
	sum := sha256.Sum256([]byte(h.Name + "\x00" + h.Since.UTC().Format(time.RFC3339) + "\x00" + kind))
	part := DigestPart{Reply: Reply{Content: h.Text()}, Nonce: hex.EncodeToString(sum[:])[:25], Title: "Feed " + kind + ": " + h.Name}
	var errs []error
	for _, s := range subs {
		if _, err := sender.SendDigestPart(ctx, s.ChannelID, part); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
