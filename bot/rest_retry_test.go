package bot

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// quickRetries makes the REST retries' waits short for a test.
func quickRetries(t *testing.T) {
	prev := restBackoff
	restBackoff = []time.Duration{time.Millisecond, 2 * time.Millisecond, 4 * time.Millisecond, 8 * time.Millisecond}
	t.Cleanup(func() { restBackoff = prev })
}

// TestMentionReplyPostedOnceWhenTheAnswerIsLost: Discord posts the reply
// but its answer is lost; the bot's retry carries the same enforced nonce,
// so the channel gets the reply once.
func TestMentionReplyPostedOnceWhenTheAnswerIsLost(t *testing.T) {
	for _, status := range []int{http.StatusInternalServerError, http.StatusBadGateway} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			quickRetries(t)
			srv := newFakeDiscord(t)
			startGateway(t, srv, newTestBot(t, &fakeCoverage{}))
			ctx := waitCtx(t)
			srv.InjectFault(discordtest.Fault{Route: discordtest.RouteChannelMessageCreate, Status: status, Count: 1, Lost: true})
			if _, err := srv.DispatchMessage(srv.MentionBot("what did the mayor say about the bridge?")); err != nil {
				t.Fatal(err)
			}
			posts, err := srv.WaitForN(ctx, 2, discordtest.OnRoute(discordtest.RouteChannelMessageCreate))
			if err != nil {
				t.Fatal(err)
			}
			var nonces []string
			for _, p := range posts {
				var b struct {
					Nonce        string `json:"nonce"`
					EnforceNonce bool   `json:"enforce_nonce"`
				}
				if err := json.Unmarshal(p.Body, &b); err != nil {
					t.Fatal(err)
				}
				if !b.EnforceNonce || b.Nonce == "" || len(b.Nonce) > 25 {
					t.Errorf("send without an enforced nonce of at most 25 characters: %s", p.Body)
				}
				nonces = append(nonces, b.Nonce)
			}
			if nonces[0] != nonces[1] {
				t.Errorf("the retry's nonce %q differs from the first send's %q", nonces[1], nonces[0])
			}
			if !posts[1].Deduplicated {
				t.Errorf("the retry posted again: %s", posts[1])
			}
			replies := 0
			for _, m := range srv.ChannelMessages(srv.ChannelID()) {
				if m.Author != nil && m.Author.ID == srv.BotUserID() {
					replies++
				}
			}
			if replies != 1 {
				t.Errorf("the channel holds %d replies to one mention, want 1", replies)
			}
			checkAllMessages(t, srv)
			srv.AssertClean(t)
		})
	}
}

// TestFollowupNotResentAfterLostAnswer: a follow-up is a webhook execute,
// which takes no nonce, so one Discord may have posted is never sent
// again; one Discord surely refused unseen (a 429) still gets through.
func TestFollowupNotResentAfterLostAnswer(t *testing.T) {
	tests := []struct {
		name      string
		fault     discordtest.Fault
		delivered bool
	}{
		{"500 after posting", discordtest.Fault{Status: http.StatusInternalServerError, Lost: true}, false},
		{"502 after posting", discordtest.Fault{Status: http.StatusBadGateway, Lost: true}, false},
		{"429", discordtest.Fault{Status: http.StatusTooManyRequests, RetryAfter: 10 * time.Millisecond}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			quickRetries(t)
			var logs discordtest.LogBuffer
			srv := newFakeDiscord(t)
			b := newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
			startGateway(t, srv, b)
			ctx := waitCtx(t)
			f := tt.fault
			f.Route, f.Count = discordtest.RouteFollowup, 1
			srv.InjectFault(f)
			// Nothing found: the public deferral is replaced by an
			// ephemeral follow-up.
			ix := srv.NewCommand("ask", discordtest.StringOption("question", "Who won the football?"))
			if err := srv.DispatchInteraction(ix); err != nil {
				t.Fatal(err)
			}
			if tt.delivered {
				if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteFollowup), discordtest.Succeeded)); err != nil {
					t.Fatal(err)
				}
			} else {
				// The bot gives up and says so, or (the bug) posts again.
				for !strings.Contains(logs.String(), "reply to interaction failed") {
					if rec, _ := srv.Interaction(ix.ID); rec.Followups > 1 || ctx.Err() != nil {
						break
					}
					time.Sleep(10 * time.Millisecond)
				}
			}
			rec, _ := srv.Interaction(ix.ID)
			if rec.Followups != 1 {
				t.Errorf("%d follow-ups posted, want 1", rec.Followups)
			}
			srv.AssertClean(t)
		})
	}
}

// TestRetryUnsentOnlyWhenNeverSent: retryUnsent sends again only what
// cannot have reached Discord.
func TestRetryUnsentOnlyWhenNeverSent(t *testing.T) {
	quickRetries(t)
	restErr := func(status int) error {
		return &discordgo.RESTError{Response: &http.Response{StatusCode: status}}
	}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	tests := []struct {
		name      string
		errs      []error // what each call returns; nil after the list
		wantCalls int
		wantErr   bool
	}{
		{"connection refused, then through", []error{refused, refused}, 3, false},
		{"500", []error{restErr(500)}, 1, true},
		{"connection reset after sending", []error{reset}, 1, true},
		{"400", []error{restErr(400)}, 1, true},
	}
	for _, tt := range tests {
		calls := 0
		err := retryUnsent(context.Background(), func() error {
			calls++
			if calls <= len(tt.errs) {
				return tt.errs[calls-1]
			}
			return nil
		})
		if calls != tt.wantCalls || (err != nil) != tt.wantErr {
			t.Errorf("%s: %d calls, err %v; want %d calls, error %v", tt.name, calls, err, tt.wantCalls, tt.wantErr)
		}
	}
}
