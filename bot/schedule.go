package bot

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coveragebot/coveragebot/search"
)

// Clock is the scheduler's time, injectable so tests run days in
// milliseconds.
type Clock interface {
	Now() time.Time
	// After delivers once d has passed on this clock.
	After(d time.Duration) <-chan time.Time
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now implements Clock.
func (SystemClock) Now() time.Time { return time.Now() }

// After implements Clock.
func (SystemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// DigestSource builds the digest of the articles first seen at or after
// since and before until; *search.Index satisfies it.
type DigestSource interface {
	Digest(ctx context.Context, since, until time.Time) (search.Digest, error)
}

// DigestPart is one message of a digest post.
type DigestPart struct {
	Reply Reply
	// Nonce is the same for the same part of the same day's digest of the
	// same channel, so Discord (enforce_nonce) returns the first message
	// instead of posting it twice when a send is repeated after a crash.
	Nonce string
	// Title names the post when the channel is a forum, where every digest
	// becomes a post of its own.
	Title string
	// Previous are the ids of the parts already sent; in a forum the first
	// is the post's thread, where later parts go.
	Previous []string
}

// DigestSender posts digest parts to channels.
type DigestSender interface {
	SendDigestPart(ctx context.Context, channelID string, p DigestPart) (messageID string, err error)
}

// ErrPartRefused marks a digest part Discord refused as malformed (400):
// sending the same message again cannot succeed.
var ErrPartRefused = errors.New("bot: discord refused the digest part")

// ErrMaybePosted marks a digest part that Discord may have posted though
// the send failed (a 5xx or a dropped connection after the request went
// out) and that carries no nonce to make a resend harmless: starting a
// forum post. It is not sent again: a missing post is better than a
// doubled one.
var ErrMaybePosted = errors.New("bot: discord may have posted the digest part")

// maybePostedNote is what /digest status shows about a digest given up
// after ErrMaybePosted.
const maybePostedNote = "Discord's answer to the forum post was lost, so it may be missing or cut short; it was not posted again, to never post it twice (check the forum)"

// Retry backoff for a digest that could not be posted.
const (
	retryFirst = time.Minute
	retryMax   = time.Hour
	// maxWait caps one sleep, so a clock jump (suspend, NTP) is noticed.
	maxWait = 15 * time.Minute
	// ledgerKeep is how long ledger entries are kept.
	ledgerKeep = 60 * 24 * time.Hour
)

// SchedulerConfig configures a Scheduler.
type SchedulerConfig struct {
	Store  *Store
	Source DigestSource
	Sender DigestSender
	Clock  Clock        // nil: the wall clock
	Logger *slog.Logger // nil: discard
}

// Scheduler posts each subscription's digest once per local day at its
// time. The ledger makes that hold across restarts: the intent is recorded
// before anything is sent, each part's id once it is in the channel, and
// success last; a repeated send carries the same nonce, so Discord returns
// the message already posted instead of a second one.
type Scheduler struct {
	store  *Store
	source DigestSource
	sender DigestSender
	clock  Clock
	log    *slog.Logger
	wake   chan struct{}

	mu         sync.Mutex // one round at a time
	lastPruned time.Time  // guarded by mu
}

// NewScheduler returns a scheduler; call Run to start it.
func NewScheduler(cfg SchedulerConfig) *Scheduler {
	s := &Scheduler{store: cfg.Store, source: cfg.Source, sender: cfg.Sender, clock: cfg.Clock, log: cfg.Logger,
		wake: make(chan struct{}, 1)}
	if s.clock == nil {
		s.clock = SystemClock{}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s
}

// Posting reports whether the scheduler can post: without a sender (a
// bot run without DISCORD_TOKEN) it only previews, and subscriptions wait.
func (s *Scheduler) Posting() bool { return s.sender != nil }

// Changed tells a running scheduler that subscriptions changed.
func (s *Scheduler) Changed() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run posts digests as they fall due until ctx is done. On start it posts
// any digest missed while the bot was down — only each channel's latest,
// never a backlog.
func (s *Scheduler) Run(ctx context.Context) error {
	if s.sender == nil {
		return errors.New("digest scheduler: no sender to post with: set DISCORD_TOKEN")
	}
	for {
		next := s.RunDue(ctx)
		if ctx.Err() != nil {
			return nil
		}
		wait := maxWait
		if !next.IsZero() {
			wait = min(max(next.Sub(s.clock.Now()), 0), maxWait)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.wake:
		case <-s.clock.After(wait):
		}
	}
}

// RunDue posts every digest due now and returns when the next one falls
// due (zero when nothing is subscribed).
func (s *Scheduler) RunDue(ctx context.Context) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	subs, err := s.store.Subscriptions(ctx, "")
	if err != nil {
		s.log.Error("read digest subscriptions", "err", err)
		return s.clock.Now().Add(retryFirst)
	}
	var next time.Time
	// One time for the whole round: subscriptions due together then share
	// their periods (today's Until is tomorrow's Since), and each period's
	// digest is built once for all of them.
	r := &round{now: s.clock.Now(), digests: make(map[period]search.Digest)}
	for _, sub := range subs {
		if ctx.Err() != nil {
			return next
		}
		due := s.runOne(ctx, r, sub)
		if !due.IsZero() && (next.IsZero() || due.Before(next)) {
			next = due
		}
	}
	// Pruning is a write; once a day is plenty.
	if now := s.clock.Now(); now.Sub(s.lastPruned) >= 24*time.Hour {
		if err := s.store.PruneLedger(ctx, now.Add(-ledgerKeep)); err != nil && ctx.Err() == nil {
			s.log.Warn("prune digest ledger", "err", err)
		}
		s.lastPruned = now
	}
	return next
}

// Slots returns the posting time of sub at or before now and the one after.
func Slots(sub Subscription, loc *time.Location, now time.Time) (last, next time.Time) {
	local := now.In(loc)
	y, m, d := local.Date()
	at := func(day int) time.Time { return time.Date(y, m, day, sub.Hour, sub.Minute, 0, 0, loc) }
	today := at(d)
	if !today.After(now) {
		return today, at(d + 1)
	}
	return at(d - 1), today
}

// round is one pass of RunDue over the subscriptions.
type round struct {
	now     time.Time
	digests map[period]search.Digest
}

// period is a digest's [Since, Until) in Unix nanoseconds.
type period struct{ since, until int64 }

// digest returns the digest of [since, until), built at most once per
// round.
func (s *Scheduler) digest(ctx context.Context, r *round, since, until time.Time) (search.Digest, error) {
	key := period{since.UnixNano(), until.UnixNano()}
	if d, ok := r.digests[key]; ok {
		return d, nil
	}
	d, err := s.source.Digest(ctx, since, until)
	if err != nil {
		return search.Digest{}, err
	}
	r.digests[key] = d
	return d, nil
}

// runOne posts sub's digest if it is due and returns when it next needs
// attention.
func (s *Scheduler) runOne(ctx context.Context, r *round, sub Subscription) time.Time {
	log := s.log.With("guild", sub.GuildID, "channel", sub.ChannelID)
	loc, err := sub.Location()
	if err != nil {
		log.Error("digest subscription has a bad time zone; unsubscribe and subscribe again", "err", err)
		return time.Time{}
	}
	now := r.now
	slot, next := Slots(sub, loc, now)
	if slot.Before(sub.LastChange()) {
		return next // subscribed or changed after today's time: tomorrow is the first
	}
	day := slot.In(loc).Format(time.DateOnly)
	post, found, err := s.store.Post(ctx, sub.GuildID, sub.ChannelID, day)
	if err != nil {
		log.Error("read digest ledger", "err", err)
		return now.Add(retryFirst)
	}
	if found && post.State == PostSent {
		return next
	}
	if found && post.NextTry.After(now) {
		return earliest(next, post.NextTry)
	}
	if !found {
		post = DigestPost{GuildID: sub.GuildID, ChannelID: sub.ChannelID, Day: day, Slot: slot, State: PostIntent}
		post.Since, err = s.periodStart(ctx, sub, slot.Add(-24*time.Hour))
		if err != nil {
			log.Error("read digest ledger", "err", err)
			return now.Add(retryFirst)
		}
		// The period is fixed at the first attempt: a resend continues the
		// same digest (same stories, same split into parts), and what is
		// first seen after it is tomorrow's.
		post.Until = now
	}
	if post.Until.IsZero() {
		post.Until = now // an entry written without one
	}
	post.Updated = now
	// The intent is on disk before anything can reach Discord.
	if err := s.store.PutPost(ctx, post); err != nil {
		log.Error("record digest intent", "err", err)
		return now.Add(retryFirst)
	}
	err = s.send(ctx, log, r, sub, loc, &post)
	if errors.Is(err, ErrMaybePosted) {
		// Its later parts would go in a post whose id never came back:
		// the day's digest ends here, as posted, with a note for
		// /digest status.
		post.State = PostSent
		post.LastError, post.NextTry = maybePostedNote, time.Time{}
		post.Updated = now
		log.Warn("digest part may or may not be posted; not sending it again", "day", day, "part", len(post.Messages), "err", err)
		// recorded even when a shutdown cut the request off: the next
		// process must not start the post again
		if err := s.store.PutPost(context.WithoutCancel(ctx), post); err != nil {
			log.Error("record digest maybe posted", "err", err)
			return now.Add(retryFirst)
		}
		return next
	}
	if err != nil {
		if ctx.Err() != nil {
			return time.Time{}
		}
		post.Attempts++
		post.LastError = describeSendError(err)
		post.NextTry = now.Add(backoff(post.Attempts))
		post.Updated = now
		log.Warn("digest not posted; will retry", "day", day, "attempt", post.Attempts, "next_try", post.NextTry, "err", err)
		if err := s.store.PutPost(ctx, post); err != nil {
			log.Error("record digest failure", "err", err)
		}
		return earliest(next, post.NextTry)
	}
	post.State = PostSent
	post.LastError, post.NextTry = "", time.Time{}
	post.Updated = s.clock.Now()
	if err := s.store.PutPost(ctx, post); err != nil {
		// Sent but not recorded: the next round resends with the same
		// nonces, which Discord answers with the messages already posted.
		log.Error("record digest sent", "err", err)
		return now.Add(retryFirst)
	}
	log.Info("digest posted", "day", day, "messages", len(post.Messages))
	return next
}

// periodStart is where sub's next digest starts: where the channel's last
// digest ended, so a digest missed while the bot was down catches up and a
// changed subscription (which keeps its Created) neither repeats nor skips
// anything, however long after the last digest it changed. The ledger
// outlives an unsubscribe, though: a last digest more than a day before the
// subscription was made was an earlier subscription's, and this one starts
// like any new one, at fresh (the 24 hours before its posting time).
func (s *Scheduler) periodStart(ctx context.Context, sub Subscription, fresh time.Time) (time.Time, error) {
	last, ok, err := s.store.LastSent(ctx, sub.GuildID, sub.ChannelID)
	if err != nil {
		return time.Time{}, err
	}
	if !ok || last.Until.IsZero() || last.Until.Before(sub.Created.Add(-24*time.Hour)) {
		return fresh, nil
	}
	return last.Until, nil
}

// send builds the digest and sends the parts not yet in the channel,
// recording each one as it lands. A part Discord refuses as malformed is
// sent again without links, and skipped if that is refused too: one bad
// part must not keep a channel's digest from being posted, day after day.
func (s *Scheduler) send(ctx context.Context, log *slog.Logger, r *round, sub Subscription, loc *time.Location, post *DigestPost) error {
	d, err := s.digest(ctx, r, post.Since, post.Until)
	if err != nil {
		return fmt.Errorf("build digest: %w", err)
	}
	parts := RenderDigest(d, DigestView{Location: loc, NoNews: sub.NoNews})
	title := DigestTitle(post.Slot.In(loc))
	for i := len(post.Messages); i < len(parts); i++ {
		part := DigestPart{Reply: parts[i], Nonce: DigestNonce(sub, post.Day, i), Title: title, Previous: sentMessages(post.Messages)}
		id, err := s.sender.SendDigestPart(ctx, sub.ChannelID, part)
		if errors.Is(err, ErrPartRefused) {
			log.Error("Discord refused a digest part; sending it without links", "day", post.Day, "part", i, "err", err)
			part.Reply = withoutLinks(part.Reply)
			id, err = s.sender.SendDigestPart(ctx, sub.ChannelID, part)
			if errors.Is(err, ErrPartRefused) {
				log.Error("Discord refused a digest part again; skipping it", "day", post.Day, "part", i, "err", err)
				id, err = skippedPart, nil
			}
		}
		if err != nil {
			return err
		}
		post.Messages = append(post.Messages, id)
		if err := s.store.PutPost(ctx, *post); err != nil {
			return err
		}
	}
	return nil
}

// skippedPart stands in the ledger for a part Discord refused, so a
// resend starts after it.
const skippedPart = ""

// sentMessages are the ids of the parts in the channel, skipped parts left out.
func sentMessages(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id != skippedPart {
			out = append(out, id)
		}
	}
	return out
}

// markdownLink is a link the bot wrote: [text](http…), the text escaped.
var markdownLink = regexp.MustCompile(`\[((?:\\.|[^\\\[\]])*)\]\(https?://[^()\s]*\)`)

// withoutLinks is r with every url taken out: embed urls, link buttons,
// and markdown links turned into their text.
func withoutLinks(r Reply) Reply {
	unlink := func(s string) string { return markdownLink.ReplaceAllString(s, "$1") }
	r.Content = unlink(r.Content)
	embeds := make([]Embed, len(r.Embeds))
	for i, e := range r.Embeds {
		e.URL = ""
		e.Description = unlink(e.Description)
		fields := make([]Field, len(e.Fields))
		for j, f := range e.Fields {
			f.Value = unlink(f.Value)
			fields[j] = f
		}
		e.Fields = fields
		embeds[i] = e
	}
	r.Embeds = embeds
	var rows []Row
	for _, row := range r.Components {
		var kept Row
		for _, b := range row {
			if b.Style != ButtonLink {
				kept = append(kept, b)
			}
		}
		if len(kept) > 0 {
			rows = append(rows, kept)
		}
	}
	r.Components = rows
	return r
}

// Preview renders what sub's next digest would say now, without posting it
// or touching the ledger.
func (s *Scheduler) Preview(ctx context.Context, sub Subscription) ([]Reply, error) {
	loc, err := sub.Location()
	if err != nil {
		return nil, err
	}
	since, err := s.periodStart(ctx, sub, s.clock.Now().Add(-24*time.Hour))
	if err != nil {
		return nil, err
	}
	d, err := s.source.Digest(ctx, since, s.clock.Now())
	if err != nil {
		return nil, fmt.Errorf("build digest: %w", err)
	}
	return RenderDigest(d, DigestView{Location: loc, NoNews: NoNewsNote}), nil
}

// DigestNonce is the message nonce of one part of one day's digest of a
// channel: at most 25 characters, as Discord allows.
func DigestNonce(sub Subscription, day string, part int) string {
	sum := sha256.Sum256([]byte(sub.GuildID + "\x00" + sub.ChannelID + "\x00" + day))
	enc := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:]))
	return "d" + enc[:18] + "." + strconv.Itoa(part)
}

func backoff(attempts int) time.Duration {
	d := retryFirst
	for i := 1; i < attempts && d < retryMax; i++ {
		d *= 2
	}
	return min(d, retryMax)
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// describeSendError is what /digest status shows about a failed post.
func describeSendError(err error) string {
	var ce *ChannelError
	if errors.As(err, &ce) {
		return ce.Why()
	}
	if strings.HasPrefix(err.Error(), "build digest") {
		return "the digest could not be built (see the bot's log)"
	}
	return "Discord could not be reached or failed (see the bot's log)"
}
