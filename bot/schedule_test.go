package bot

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/search"
)

// fakeClock is a settable clock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// After never fires on its own: tests drive the scheduler with RunDue.
func (c *fakeClock) After(time.Duration) <-chan time.Time { return make(chan time.Time) }

// fakeSource is a digest source with one story, recording the periods asked.
type fakeSource struct {
	mu     sync.Mutex
	since  []time.Time
	empty  bool
	failed bool
	// seen, when set, replaces the one story: a digest holds those first
	// seen in its period, as the index's does, the last added first.
	seen []seenStory
}

// seenStory is a one-article story and when it was first seen.
type seenStory struct {
	headline string
	at       time.Time
}

func (f *fakeSource) Digest(ctx context.Context, since, until time.Time) (search.Digest, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.since = append(f.since, since)
	if f.failed {
		return search.Digest{}, errors.New("index closed")
	}
	if f.seen != nil {
		d := search.Digest{Since: since, Until: until}
		for i := len(f.seen) - 1; i >= 0; i-- {
			if s := f.seen[i]; !s.at.Before(since) && s.at.Before(until) {
				d.Stories = append(d.Stories, search.Story{Headline: s.headline, Outlets: []string{"Dawn"},
					Articles: []search.StoryArticle{{ID: s.headline, Outlet: "Dawn"}}})
				d.Articles++
			}
		}
		return d, nil
	}
	if f.empty {
		return search.Digest{Since: since}, nil
	}
	return search.Digest{Since: since, Articles: 2, Stories: []search.Story{{
		Headline: "Kerry and Lavrov discuss a ceasefire", Outlets: []string{"Dawn", "BBC"},
		Articles: []search.StoryArticle{{ID: "a", Outlet: "Dawn"}, {ID: "b", Outlet: "BBC"}},
	}}}, nil
}

// sentMessage is one message in a fake channel.
type sentMessage struct {
	ID, Channel, Nonce string
	At                 time.Time
	Reply              Reply
}

// fakeSender is a Discord that honours enforce_nonce and refuses channels
// listed in forbidden with a 403.
type fakeSender struct {
	mu        sync.Mutex
	clock     Clock
	messages  []sentMessage
	forbidden map[string]bool
	// afterSend, when set, runs once a message is in the channel, before
	// the sender returns: a crash at the worst moment.
	afterSend func()
	// fail, when set, may fail a part before it reaches the channel.
	fail func(DigestPart) error
}

func (f *fakeSender) SendDigestPart(ctx context.Context, channelID string, p DigestPart) (string, error) {
	f.mu.Lock()
	if f.forbidden[channelID] {
		f.mu.Unlock()
		return "", &ChannelError{ChannelID: channelID, Status: 403, Message: "Missing Access"}
	}
	if f.fail != nil {
		if err := f.fail(p); err != nil {
			f.mu.Unlock()
			return "", err
		}
	}
	for _, m := range f.messages {
		if m.Channel == channelID && m.Nonce == p.Nonce {
			f.mu.Unlock()
			return m.ID, nil // enforce_nonce: the first message comes back
		}
	}
	id := fmt.Sprint(len(f.messages) + 1)
	f.messages = append(f.messages, sentMessage{ID: id, Channel: channelID, Nonce: p.Nonce, At: f.clock.Now(), Reply: p.Reply})
	hook := f.afterSend
	f.afterSend = nil
	f.mu.Unlock()
	if hook != nil {
		hook()
		if err := ctx.Err(); err != nil {
			return "", err
		}
	}
	return id, nil
}

func (f *fakeSender) in(channel string) []sentMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []sentMessage
	for _, m := range f.messages {
		if m.Channel == channel {
			out = append(out, m)
		}
	}
	return out
}

type schedHarness struct {
	t      *testing.T
	path   string
	store  *Store
	clock  *fakeClock
	source *fakeSource
	sender *fakeSender
	sched  *Scheduler
}

func newSchedHarness(t *testing.T, start time.Time) *schedHarness {
	h := &schedHarness{t: t, path: filepath.Join(t.TempDir(), StoreFile), clock: &fakeClock{now: start}, source: &fakeSource{}}
	h.sender = &fakeSender{clock: h.clock, forbidden: map[string]bool{}}
	h.store = mustOpenStore(t, h.path)
	h.sched = NewScheduler(SchedulerConfig{Store: h.store, Source: h.source, Sender: h.sender, Clock: h.clock})
	return h
}

// restart stands for a new process on the same store.
func (h *schedHarness) restart() {
	h.t.Helper()
	if err := h.store.Close(); err != nil {
		h.t.Fatal(err)
	}
	h.store = mustOpenStore(h.t, h.path)
	h.sched = NewScheduler(SchedulerConfig{Store: h.store, Source: h.source, Sender: h.sender, Clock: h.clock})
}

func (h *schedHarness) subscribe(channel, zone string, hour, minute int, noNews NoNews) Subscription {
	h.t.Helper()
	sub := Subscription{GuildID: "g", ChannelID: channel, Hour: hour, Minute: minute, Timezone: zone, NoNews: noNews, Created: h.clock.Now()}
	if err := h.store.Subscribe(context.Background(), sub); err != nil {
		h.t.Fatal(err)
	}
	return sub
}

// runUntil drives the scheduler as Run would, jumping the clock to each
// next due time, until end.
func (h *schedHarness) runUntil(end time.Time) {
	h.t.Helper()
	for i := 0; i < 1000; i++ {
		next := h.sched.RunDue(context.Background())
		if next.IsZero() || next.After(end) {
			h.clock.Set(end)
			h.sched.RunDue(context.Background())
			return
		}
		if !next.After(h.clock.Now()) {
			h.t.Fatalf("scheduler asked to run again at %v, not after now %v", next, h.clock.Now())
		}
		h.clock.Set(next)
	}
	h.t.Fatal("scheduler did not reach the end time")
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestSchedulerPostsAtLocalTimeAcrossDST(t *testing.T) {
	paris := mustZone(t, "Europe/Paris")
	tests := []struct {
		name       string
		start, end time.Time
	}{
		// Clocks go forward on 29 March 2026 and back on 25 October 2026.
		{"spring forward", time.Date(2026, 3, 26, 12, 0, 0, 0, paris), time.Date(2026, 4, 1, 12, 0, 0, 0, paris)},
		{"fall back", time.Date(2026, 10, 22, 12, 0, 0, 0, paris), time.Date(2026, 10, 28, 12, 0, 0, 0, paris)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newSchedHarness(t, tt.start)
			h.subscribe("c", "Europe/Paris", 8, 0, NoNewsNote)
			h.runUntil(tt.end)
			got := h.sender.in("c")
			if len(got) != 6 {
				t.Fatalf("got %d posts over 6 days, want 6: %v", len(got), got)
			}
			offsets := map[int]bool{}
			for i, m := range got {
				local := m.At.In(paris)
				if local.Hour() != 8 || local.Minute() != 0 {
					t.Errorf("post %d at %v local, want 08:00", i, local)
				}
				if want := tt.start.AddDate(0, 0, i+1).Day(); local.Day() != want {
					t.Errorf("post %d on day %d, want %d", i, local.Day(), want)
				}
				_, off := local.Zone()
				offsets[off] = true
			}
			if len(offsets) != 2 {
				t.Errorf("posts span UTC offsets %v, want both sides of the change", offsets)
			}
		})
	}
}

func TestSchedulerMissedWhileDownPostsOnceOnStart(t *testing.T) {
	utc := time.UTC
	h := newSchedHarness(t, time.Date(2026, 5, 1, 7, 0, 0, 0, utc))
	h.subscribe("c", "UTC", 8, 0, NoNewsNote)
	h.runUntil(time.Date(2026, 5, 1, 9, 0, 0, 0, utc))
	if n := len(h.sender.in("c")); n != 1 {
		t.Fatalf("day 1: %d posts, want 1", n)
	}
	// Down from day 1 09:00 to day 4 10:00: three posting times missed.
	h.clock.Set(time.Date(2026, 5, 4, 10, 0, 0, 0, utc))
	h.restart()
	h.sched.RunDue(context.Background())
	h.sched.RunDue(context.Background())
	got := h.sender.in("c")
	if len(got) != 2 {
		t.Fatalf("after the restart: %d posts in all, want 2 (day 1, then one catch-up)", len(got))
	}
	// The catch-up covers everything since the last digest, not one day.
	h.source.mu.Lock()
	lastSince := h.source.since[len(h.source.since)-1]
	h.source.mu.Unlock()
	if want := time.Date(2026, 5, 1, 8, 0, 0, 0, utc); !lastSince.Equal(want) {
		t.Errorf("catch-up digest since %v, want the previous digest's time %v", lastSince, want)
	}
	// And tomorrow's post comes as usual.
	h.runUntil(time.Date(2026, 5, 5, 9, 0, 0, 0, utc))
	if n := len(h.sender.in("c")); n != 3 {
		t.Errorf("next day: %d posts in all, want 3", n)
	}
}

func TestSchedulerRestartRightAfterPostingDoesNotRepost(t *testing.T) {
	h := newSchedHarness(t, time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC))
	h.subscribe("c", "UTC", 8, 0, NoNewsNote)
	h.clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	h.sched.RunDue(context.Background())
	h.clock.Set(time.Date(2026, 5, 1, 8, 0, 5, 0, time.UTC))
	h.restart()
	h.sched.RunDue(context.Background())
	if n := len(h.sender.in("c")); n != 1 {
		t.Errorf("%d posts, want 1", n)
	}
}

func TestSchedulerCrashBetweenSendAndLedgerDoesNotDoublePost(t *testing.T) {
	h := newSchedHarness(t, time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC))
	h.subscribe("c", "UTC", 8, 0, NoNewsNote)
	h.clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	ctx, crash := context.WithCancel(context.Background())
	h.sender.afterSend = crash // the message is in the channel; the process dies
	h.sched.RunDue(ctx)

	post, _, _ := h.store.Post(context.Background(), "g", "c", "2026-05-01")
	if post.State != PostIntent || len(post.Messages) != 0 {
		t.Fatalf("after the crash the ledger holds %+v, want the bare intent", post)
	}
	h.clock.Set(time.Date(2026, 5, 1, 8, 0, 30, 0, time.UTC))
	h.restart()
	h.sched.RunDue(context.Background())
	if n := len(h.sender.in("c")); n != 1 {
		t.Errorf("%d messages in the channel, want 1", n)
	}
	post, _, _ = h.store.Post(context.Background(), "g", "c", "2026-05-01")
	if post.State != PostSent || len(post.Messages) != 1 || post.Messages[0] != "1" {
		t.Errorf("ledger after restart = %+v, want sent with the first message's id", post)
	}
}

func TestSchedulerUnsubscribeStopsPosting(t *testing.T) {
	h := newSchedHarness(t, time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC))
	h.subscribe("c", "UTC", 8, 0, NoNewsNote)
	h.runUntil(time.Date(2026, 5, 2, 9, 0, 0, 0, time.UTC))
	if n := len(h.sender.in("c")); n != 2 {
		t.Fatalf("%d posts before unsubscribing, want 2", n)
	}
	if _, err := h.store.Unsubscribe(context.Background(), "g", "c"); err != nil {
		t.Fatal(err)
	}
	h.runUntil(time.Date(2026, 5, 6, 9, 0, 0, 0, time.UTC))
	if n := len(h.sender.in("c")); n != 2 {
		t.Errorf("%d posts after unsubscribing, want still 2", n)
	}
}

func TestSchedulerForbiddenChannelRetriesWithBackoffOthersUnaffected(t *testing.T) {
	h := newSchedHarness(t, time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC))
	h.subscribe("bad", "UTC", 8, 0, NoNewsNote)
	h.subscribe("good", "UTC", 8, 0, NoNewsNote)
	h.sender.forbidden["bad"] = true
	at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	h.clock.Set(at)
	next := h.sched.RunDue(context.Background())
	if n := len(h.sender.in("good")); n != 1 {
		t.Errorf("good channel: %d posts, want 1", n)
	}
	post, _, _ := h.store.Post(context.Background(), "g", "bad", "2026-05-01")
	if post.Attempts != 1 || !strings.Contains(post.LastError, "not allowed") || !post.NextTry.Equal(at.Add(time.Minute)) {
		t.Errorf("bad channel ledger = %+v, want 1 attempt, a reason and a retry in a minute", post)
	}
	if !next.Equal(at.Add(time.Minute)) {
		t.Errorf("next run at %v, want the retry at %v", next, at.Add(time.Minute))
	}
	// Backoff doubles: retries at +1m, +3m, +7m.
	for i, wait := range []time.Duration{time.Minute, 3 * time.Minute, 7 * time.Minute} {
		h.clock.Set(at.Add(wait - time.Second))
		h.sched.RunDue(context.Background())
		p, _, _ := h.store.Post(context.Background(), "g", "bad", "2026-05-01")
		if p.Attempts != i+1 {
			t.Errorf("before retry %d: %d attempts, want %d (no retry before its time)", i+1, p.Attempts, i+1)
		}
		h.clock.Set(at.Add(wait))
		h.sched.RunDue(context.Background())
	}
	// The channel is fixed: the next retry posts, once.
	h.sender.mu.Lock()
	delete(h.sender.forbidden, "bad")
	h.sender.mu.Unlock()
	h.runUntil(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC))
	if n := len(h.sender.in("bad")); n != 1 {
		t.Errorf("bad channel after the fix: %d posts, want 1", n)
	}
	if n := len(h.sender.in("good")); n != 1 {
		t.Errorf("good channel: %d posts, want still 1", n)
	}
}

func TestSchedulerNoNews(t *testing.T) {
	h := newSchedHarness(t, time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC))
	h.source.empty = true
	h.subscribe("note", "UTC", 8, 0, NoNewsNote)
	h.subscribe("quiet", "UTC", 8, 0, NoNewsSilent)
	h.runUntil(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	notes := h.sender.in("note")
	if len(notes) != 1 || !strings.Contains(notes[0].Reply.Content, "No new coverage") || len(notes[0].Reply.Embeds) != 0 {
		t.Errorf("note channel got %+v, want one line", notes)
	}
	if n := len(h.sender.in("quiet")); n != 0 {
		t.Errorf("silent channel got %d posts", n)
	}
	post, _, _ := h.store.Post(context.Background(), "g", "quiet", "2026-05-01")
	if post.State != PostSent {
		t.Errorf("silent day recorded as %q, want sent (nothing to retry)", post.State)
	}
}

func TestSchedulerFirstPostAfterSubscribing(t *testing.T) {
	// Subscribed at 10:00 for 08:00: the first digest is tomorrow's.
	h := newSchedHarness(t, time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC))
	h.subscribe("c", "UTC", 8, 0, NoNewsNote)
	h.runUntil(time.Date(2026, 5, 1, 23, 0, 0, 0, time.UTC))
	if n := len(h.sender.in("c")); n != 0 {
		t.Errorf("%d posts on the day of subscribing after its time, want 0", n)
	}
	h.runUntil(time.Date(2026, 5, 2, 8, 0, 1, 0, time.UTC))
	if n := len(h.sender.in("c")); n != 1 {
		t.Errorf("%d posts next morning, want 1", n)
	}
}

func TestSchedulerRunStopsOnCancel(t *testing.T) {
	h := newSchedHarness(t, time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.sched.Run(ctx) }()
	h.sched.Changed()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestDigestNonce(t *testing.T) {
	sub := Subscription{GuildID: "123456789012345678", ChannelID: "876543210987654321"}
	a := DigestNonce(sub, "2026-03-29", 0)
	if a != DigestNonce(sub, "2026-03-29", 0) {
		t.Error("nonce not deterministic")
	}
	seen := map[string]bool{}
	for _, n := range []string{a, DigestNonce(sub, "2026-03-29", 1), DigestNonce(sub, "2026-03-30", 0),
		DigestNonce(Subscription{GuildID: sub.GuildID, ChannelID: "1"}, "2026-03-29", 0), DigestNonce(sub, "2026-03-29", 12)} {
		if len(n) > 25 {
			t.Errorf("nonce %q longer than 25 characters", n)
		}
		if seen[n] {
			t.Errorf("nonce %q repeated for a different post", n)
		}
		seen[n] = true
	}
}

// jumpClock's After moves time forward at once: Run sleeps through days in
// milliseconds. It cancels the run once end is reached.
type jumpClock struct {
	fakeClock
	end    time.Time
	cancel context.CancelFunc
}

func (c *jumpClock) After(d time.Duration) <-chan time.Time {
	c.Set(c.Now().Add(d))
	if !c.Now().Before(c.end) {
		c.cancel()
	}
	ch := make(chan time.Time, 1)
	ch <- c.Now()
	return ch
}

func TestSchedulerRunOverAWeekAcrossDST(t *testing.T) {
	paris := mustZone(t, "Europe/Paris")
	h := newSchedHarness(t, time.Date(2026, 3, 25, 12, 0, 0, 0, paris))
	ctx, cancel := context.WithCancel(context.Background())
	clock := &jumpClock{fakeClock: fakeClock{now: h.clock.Now()}, end: time.Date(2026, 4, 1, 12, 0, 0, 0, paris), cancel: cancel}
	h.sender.clock = clock
	h.sched = NewScheduler(SchedulerConfig{Store: h.store, Source: h.source, Sender: h.sender, Clock: clock})
	sub := Subscription{GuildID: "g", ChannelID: "c", Hour: 8, Timezone: "Europe/Paris", NoNews: NoNewsNote, Created: clock.Now()}
	if err := h.store.Subscribe(ctx, sub); err != nil {
		t.Fatal(err)
	}
	if err := h.sched.Run(ctx); err != nil {
		t.Fatal(err)
	}
	got := h.sender.in("c")
	if len(got) != 7 {
		t.Fatalf("%d posts in a week, want 7", len(got))
	}
	for _, m := range got {
		if l := m.At.In(paris); l.Hour() != 8 || l.Minute() != 0 {
			t.Errorf("posted at %v, want 08:00 Paris time", l)
		}
	}
}

// TestSchedulerTimeThatDSTSkipsOrRepeats: 02:30 does not exist in Paris on
// the spring-forward day and happens twice on the fall-back day; the digest
// still goes out exactly once each local day.
func TestSchedulerTimeThatDSTSkipsOrRepeats(t *testing.T) {
	paris := mustZone(t, "Europe/Paris")
	for _, start := range []time.Time{
		time.Date(2026, 3, 27, 12, 0, 0, 0, paris),
		time.Date(2026, 10, 23, 12, 0, 0, 0, paris),
	} {
		t.Run(start.Format("Jan"), func(t *testing.T) {
			h := newSchedHarness(t, start)
			h.subscribe("c", "Europe/Paris", 2, 30, NoNewsNote)
			h.runUntil(start.AddDate(0, 0, 4))
			got := h.sender.in("c")
			days := map[string]int{}
			for _, m := range got {
				days[m.At.In(paris).Format(time.DateOnly)]++
			}
			if len(got) != 4 || len(days) != 4 {
				t.Errorf("%d posts on %d local days, want one on each of 4: %v", len(got), len(days), days)
			}
		})
	}
}

// TestSchedulerBuildsEachPeriodOnce: subscriptions due at the same time
// share one digest build per round, day after day, however many channels
// subscribe.
func TestSchedulerBuildsEachPeriodOnce(t *testing.T) {
	h := newSchedHarness(t, time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC))
	channels := []string{"c1", "c2", "c3", "c4"}
	for _, ch := range channels {
		h.subscribe(ch, "UTC", 8, 0, NoNewsNote)
	}
	for day := 1; day <= 3; day++ {
		h.clock.Set(time.Date(2026, 5, day, 8, 0, 0, 0, time.UTC))
		h.sched.RunDue(context.Background())
		h.source.mu.Lock()
		builds := len(h.source.since)
		h.source.mu.Unlock()
		if builds != day {
			t.Errorf("day %d: %d digests built in all, want one a day", day, builds)
		}
	}
	for _, ch := range channels {
		if n := len(h.sender.in(ch)); n != 3 {
			t.Errorf("channel %s: %d posts, want 3", ch, n)
		}
	}
}

// TestSchedulerResendContinuesTheSameDigest: part 0 of a two-part digest
// is posted, part 1 is not (Discord failed, or the bot died between
// parts), and a bigger story is first seen before the resend. The resend
// posts part 1 of the same digest — no story twice, none lost — and the new
// story is in the next day's digest.
func TestSchedulerResendContinuesTheSameDigest(t *testing.T) {
	for _, tt := range []struct {
		name    string
		restart bool
	}{
		{"retry after a failed part", false},
		{"restart after a crash between parts", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			day1 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
			h := newSchedHarness(t, day1.Add(-time.Hour))
			for i := 1; i <= 12; i++ { // 12 stories: two messages of at most 10
				h.source.seen = append(h.source.seen, seenStory{fmt.Sprintf("S%02d", i), day1.Add(-time.Duration(i) * time.Minute)})
			}
			h.subscribe("c", "UTC", 8, 0, NoNewsNote)
			ctx, crash := context.WithCancel(context.Background())
			defer crash()
			failed := false
			h.sender.fail = func(p DigestPart) error {
				if !strings.HasSuffix(p.Nonce, ".1") || failed {
					return nil
				}
				failed = true
				if tt.restart {
					crash()
					return context.Canceled
				}
				return errors.New("post digest: 502 Bad Gateway")
			}
			h.clock.Set(day1)
			h.sched.RunDue(ctx)
			if n := len(h.sender.in("c")); n != 1 {
				t.Fatalf("%d messages after the first try, want part 0 only", n)
			}

			h.source.mu.Lock()
			h.source.seen = append(h.source.seen, seenStory{"NEW", day1.Add(30 * time.Second)})
			h.source.mu.Unlock()
			h.clock.Set(day1.Add(time.Minute))
			if tt.restart {
				h.restart()
			}
			h.sched.RunDue(context.Background())
			h.runUntil(day1.Add(24*time.Hour + time.Minute))

			posted := map[string][]string{} // story -> the days it was posted
			for _, m := range h.sender.in("c") {
				for _, e := range m.Reply.Embeds {
					posted[e.Title] = append(posted[e.Title], m.At.Format(time.DateOnly))
				}
			}
			for i := 1; i <= 12; i++ {
				if s := fmt.Sprintf("S%02d", i); strings.Join(posted[s], ",") != "2026-05-01" {
					t.Errorf("story %s posted on %v, want once on 1 May", s, posted[s])
				}
			}
			if strings.Join(posted["NEW"], ",") != "2026-05-02" {
				t.Errorf("story first seen before the resend posted on %v, want once in 2 May's digest", posted["NEW"])
			}
		})
	}
}

// TestSchedulerPeriodAfterSubscribingAgain: the ledger outlives an
// unsubscribe, but a channel subscribed again weeks later gets a first
// digest of the last 24 hours, like any new subscription; subscribed again
// within a day, or changed at any time, it continues where its last digest
// ended.
func TestSchedulerPeriodAfterSubscribingAgain(t *testing.T) {
	may1 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name        string
		unsubscribe bool
		at          time.Time // when the channel subscribes again
		hour        int
		wantSince   time.Time
	}{
		{"five weeks later", true, time.Date(2026, 6, 5, 7, 0, 0, 0, time.UTC), 8, time.Date(2026, 6, 4, 8, 0, 0, 0, time.UTC)},
		{"two hours later", true, may1.Add(2 * time.Hour), 8, may1},
		{"changed to an evening time", false, may1.Add(4 * time.Hour), 20, may1},
		// An admin fixing a channel /digest status flagged runs subscribe
		// again, often days later: nothing in between may be lost.
		{"changed after the bot was down two days", false, may1.Add(50 * time.Hour), 20, may1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newSchedHarness(t, may1.Add(-time.Hour))
			h.subscribe("c", "UTC", 8, 0, NoNewsNote)
			h.runUntil(may1.Add(time.Hour))
			if tt.unsubscribe {
				if _, err := h.store.Unsubscribe(context.Background(), "g", "c"); err != nil {
					t.Fatal(err)
				}
			}
			h.source.mu.Lock()
			before := len(h.source.since)
			h.source.mu.Unlock()
			h.clock.Set(tt.at)
			h.subscribe("c", "UTC", tt.hour, 0, NoNewsNote)
			h.runUntil(tt.at.Add(48 * time.Hour))
			h.source.mu.Lock()
			defer h.source.mu.Unlock()
			if len(h.source.since) == before {
				t.Fatal("no digest after subscribing again")
			}
			if got := h.source.since[before]; !got.Equal(tt.wantSince) {
				t.Errorf("first digest after subscribing again covers since %v, want %v", got, tt.wantSince)
			}
		})
	}
}

// TestDigestStatusAfterChangeWhilePending: in a channel the bot cannot
// post in, today's digest fails and waits for a retry; the admin fixes
// the permissions and changes the subscription (a later minute). Today's
// digest is then tried no more (its coverage goes in the next one), so
// /digest status must not promise a next try.
func TestDigestStatusAfterChangeWhilePending(t *testing.T) {
	ctx := context.Background()
	h := newSchedHarness(t, time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC))
	h.subscribe("c", "UTC", 8, 0, NoNewsNote)
	h.sender.forbidden["c"] = true
	h.clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	h.sched.RunDue(ctx)

	// Fixed at 08:30, and the subscription changed through the command.
	h.clock.Set(time.Date(2026, 5, 1, 8, 30, 0, 0, time.UTC))
	h.sender.forbidden["c"] = false
	d := NewDigests(h.store, h.sched, h.clock)
	in := Interaction{Kind: KindCommand, Command: "digest", Subcommand: "subscribe", InGuild: true, GuildID: "g", ChannelID: "c",
		UserID: "u", Permissions: PermissionManageServer, Options: map[string]string{"time": "08:05", "timezone": "UTC"}}
	if _, err := d.handle(ctx, in); err != nil {
		t.Fatal(err)
	}
	h.runUntil(time.Date(2026, 5, 1, 20, 0, 0, 0, time.UTC))

	st, err := d.handle(ctx, Interaction{Kind: KindCommand, Command: "digest", Subcommand: "status", InGuild: true, GuildID: "g",
		ChannelID: "c", UserID: "u", Permissions: PermissionManageServer})
	if err != nil {
		t.Fatal(err)
	}
	shown := st.Embeds[0].Fields[0].Value
	if len(h.sender.in("c")) == 0 && strings.Contains(shown, "next try") {
		t.Errorf("today's digest is no longer tried (none posted by 20:00), but status still promises a next try:\n%s", shown)
	}
}
