package bot

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/search"
)

// recorder is a Responder that records what the command layer sent.
type recorder struct {
	mu    sync.Mutex
	calls []string
	last  Reply
}

func (r *recorder) add(call string, reply Reply) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, call)
	r.last = reply
	return nil
}

func (r *recorder) Respond(_ context.Context, reply Reply) error {
	kind := "respond"
	if reply.Ephemeral {
		kind += " ephemeral"
	}
	if reply.Update {
		kind += " update"
	}
	return r.add(kind, reply)
}

func (r *recorder) Defer(_ context.Context, ephemeral, update bool) error {
	kind := "defer"
	if update {
		kind += " update"
	}
	return r.add(kind, Reply{})
}
func (r *recorder) Edit(_ context.Context, reply Reply) error { return r.add("edit", reply) }
func (r *recorder) DeleteOriginal(context.Context) error      { return r.add("delete", Reply{}) }
func (r *recorder) Followup(_ context.Context, reply Reply) error {
	kind := "followup"
	if reply.Ephemeral {
		kind += " ephemeral"
	}
	return r.add(kind, reply)
}

func TestServeAcknowledgement(t *testing.T) {
	slow := func(ctx context.Context, q search.Question) (search.Answers, error) {
		time.Sleep(100 * time.Millisecond)
		return sampleAnswers(q), nil
	}
	b := newTestBot(t, &fakeCoverage{answer: slow})
	b.ackBudget = 20 * time.Millisecond
	ctx := context.Background()
	answer := b.Handle(ctx, command("article", "id", "harbor-times/bridge.txt"))

	pageTurn := func() Interaction {
		first := b.Handle(ctx, command("ask", "question", "bridge"))
		// Any component whose handler re-runs the slow query.
		ref := pageRef{Kind: pageAsk, Page: 0, Asker: "42", Expires: testNow.Add(time.Minute), Hash: queryHash(pageAsk, askQuery{Question: "bridge"}.args())}
		return press("42", ref.customID(0), first)
	}()

	tests := []struct {
		name string
		in   Interaction
		want string
	}{
		{"ask is deferred then edited", command("ask", "question", "bridge"), "defer|edit"},
		{"nothing found replaces the public deferral", command("ask", "question", "football"), "defer|delete|followup ephemeral"},
		{"fast command answered at once", command("help"), "respond ephemeral"},
		{"refusal answered at once", func() Interaction { in := command("settings"); in.Subcommand = "qa-channel"; return in }(), "respond ephemeral"},
		{"slow component deferred as an update", pageTurn, "defer update|edit"},
		{"Show article answered at once", press("42", articleCustomID("harbor-times/bridge.txt"), answer), "respond ephemeral"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			if err := b.Serve(ctx, tt.in, rec); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rec.calls, "|"); got != tt.want {
				t.Errorf("calls %q, want %q", got, tt.want)
			}
		})
	}
}
