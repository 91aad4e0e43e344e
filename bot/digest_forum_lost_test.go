package bot

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
	"github.com/coveragebot/coveragebot/search"
)

// TestDigestForumPostNotDoubledWhenTheAnswerIsLost: starting a forum post
// takes no nonce, so a post Discord may have made (its answer lost to a
// 5xx) is never started again, neither by discordgo's own 502 retry nor by
// the scheduler's next attempt; /digest status says it may be missing. One
// Discord surely did not make (a 429) is still posted whole.
func TestDigestForumPostNotDoubledWhenTheAnswerIsLost(t *testing.T) {
	tests := []struct {
		name  string
		fault discordtest.Fault
		whole bool // every part posted
	}{
		{"500 after posting", discordtest.Fault{Status: http.StatusInternalServerError, Lost: true}, false},
		{"502 after posting", discordtest.Fault{Status: http.StatusBadGateway, Lost: true}, false},
		{"429", discordtest.Fault{Status: http.StatusTooManyRequests, RetryAfter: 10 * time.Millisecond}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			const forum = "1200000000000000150"
			srv, store, clock, d, parts := newForumDigest(t, forum)
			f := tt.fault
			f.Route, f.Count = discordtest.RouteThreadCreate, 1
			srv.InjectFault(f)
			sched := newFakeDiscordScheduler(t, srv, store, clock, digestSource{d}, nil)
			// The first attempt, then the scheduler's retries well past
			// any backoff, then a restart.
			for _, at := range []time.Time{clock.Now().Add(time.Hour), clock.Now().Add(3 * time.Hour), clock.Now().Add(6 * time.Hour)} {
				clock.Set(at)
				sched.RunDue(ctx)
			}
			clock.Set(clock.Now().Add(time.Hour))
			newFakeDiscordScheduler(t, srv, store, clock, digestSource{d}, nil).RunDue(ctx)

			created := srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteThreadCreate))
			applied := len(srv.RequestsMatching(discordtest.All(discordtest.OnRoute(discordtest.RouteThreadCreate), discordtest.Succeeded)))
			if tt.fault.Lost {
				applied++ // the lost one
			}
			if applied != 1 {
				t.Fatalf("%d forum posts started (%d requests), want 1", applied, len(created))
			}
			post, _, _ := store.Post(ctx, srv.GuildID(), forum, "2026-05-01")
			if post.State != PostSent {
				t.Errorf("ledger state %q, want sent: the day's digest is done", post.State)
			}
			status, err := NewDigests(store, sched, clock).handle(ctx, Interaction{Kind: KindCommand, Command: "digest", Subcommand: "status",
				InGuild: true, GuildID: srv.GuildID(), ChannelID: forum, UserID: "u", Permissions: PermissionManageServer})
			if err != nil {
				t.Fatal(err)
			}
			var shown string
			for _, e := range status.Embeds {
				for _, f := range e.Fields {
					shown += f.Value + "\n"
				}
			}
			if tt.whole {
				if len(post.Messages) != parts || post.LastError != "" || strings.Contains(shown, "may be missing") {
					t.Errorf("ledger = %+v, status %q; want all %d parts and no warning", post, shown, parts)
				}
			} else if !strings.Contains(shown, "may be missing") {
				t.Errorf("status %q does not say the post may be missing", shown)
			}
			srv.AssertClean(t)
		})
	}
}

// TestMayHaveApplied: only a failure after the request may have reached
// Discord counts as maybe posted.
func TestMayHaveApplied(t *testing.T) {
	restErr := func(status int) error {
		return &discordgo.RESTError{Response: &http.Response{StatusCode: status}}
	}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"500", restErr(500), true},
		{"502", restErr(502), true},
		{"403", restErr(403), false},
		{"400", restErr(400), false},
		{"connection refused", &url.Error{Op: "Post", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}, false},
		{"connection reset after sending", &url.Error{Op: "Post", Err: &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}}, true},
		{"answer cut off", io.ErrUnexpectedEOF, true},
		// What discordgo returns for a 502 it does not retry.
		{"502 not retried", errors.New("Exceeded Max retries HTTP 502 Bad Gateway, "), true},
		{"rate limited", &discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{TooManyRequests: &discordgo.TooManyRequests{}}}, false},
	}
	for _, tt := range tests {
		if got := mayHaveApplied(tt.err); got != tt.want {
			t.Errorf("%s: mayHaveApplied = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// newForumDigest is a fake Discord with one forum channel subscribed to a
// daily digest at 08:00 UTC, the clock an hour before it on 1 May 2026,
// and a digest too long for one message (parts is how many it takes).
func newForumDigest(t *testing.T, forum string) (srv *discordtest.Server, store *Store, clock *fakeClock, d search.Digest, parts int) {
	t.Helper()
	srv = discordtest.New(t)
	srv.AddChannel(discordgo.Channel{ID: forum, Name: "coverage-digest", Type: discordgo.ChannelTypeGuildForum})
	store = mustOpenStore(t, t.TempDir()+"/"+StoreFile)
	clock = &fakeClock{now: time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC)}
	d = bigDigest(25)
	parts = len(RenderDigest(d, DigestView{}))
	if err := store.Subscribe(context.Background(), Subscription{GuildID: srv.GuildID(), ChannelID: forum, Hour: 8, Timezone: "UTC", NoNews: NoNewsNote, Created: clock.Now()}); err != nil {
		t.Fatal(err)
	}
	return srv, store, clock, d, parts
}

// cancelAfterWrite serves a request whole (Discord applies it), then the
// bot shuts down (its context is cancelled) before the answer is read.
type cancelAfterWrite struct {
	next   http.RoundTripper
	cancel context.CancelFunc
	hit    bool
}

func (c *cancelAfterWrite) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(r)
	if !c.hit && r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/threads") {
		c.hit = true
		c.cancel()
		if resp != nil {
			resp.Body.Close()
		}
		return nil, context.Canceled
	}
	return resp, err
}

// TestDigestForumPostNotDoubledAfterShutdown: a shutdown (SIGTERM) while a
// forum post is being started, after Discord made it: the bot never
// learned its id, and after the restart the forum still has one post.
func TestDigestForumPostNotDoubledAfterShutdown(t *testing.T) {
	const forum = "1200000000000000151"
	srv, store, clock, d, _ := newForumDigest(t, forum)
	ctx, cancel := context.WithCancel(context.Background())
	s := srv.Session(srv.Token())
	s.Client = &http.Client{Transport: &cancelAfterWrite{next: srv.Transport(), cancel: cancel}}
	sched := newFakeDiscordScheduler(t, srv, store, clock, digestSource{d}, SessionSender{Session: s})
	clock.Set(clock.Now().Add(time.Hour))
	sched.RunDue(ctx)

	// Restart.
	clock.Set(clock.Now().Add(time.Minute))
	newFakeDiscordScheduler(t, srv, store, clock, digestSource{d}, nil).RunDue(context.Background())

	applied := len(srv.RequestsMatching(discordtest.All(discordtest.OnRoute(discordtest.RouteThreadCreate), discordtest.Succeeded)))
	if applied != 1 {
		t.Fatalf("%d forum posts started for one day's digest, want 1", applied)
	}
}
