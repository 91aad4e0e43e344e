package bot

import (
	"context"
	"time"
)

// Responder is how a transport answers one interaction. The command layer
// (Serve) decides when to acknowledge, defer, edit or follow up; transports
// only convert.
type Responder interface {
	// Respond sends the initial response: a message (type 4), a message
	// update for components (type 7) or autocomplete choices (type 8).
	Respond(ctx context.Context, r Reply) error
	// Defer acknowledges without an answer yet (type 5, or type 6 when
	// update is set for a component); ephemeral applies to type 5.
	Defer(ctx context.Context, ephemeral, update bool) error
	// Edit replaces the deferred original response with r.
	Edit(ctx context.Context, r Reply) error
	// DeleteOriginal deletes the deferred original response.
	DeleteOriginal(ctx context.Context) error
	// Followup sends r as a follow-up message (ephemeral when r is).
	Followup(ctx context.Context, r Reply) error
}

// ackBudget is how long a handler may run before a component press is
// deferred: Discord wants an acknowledgement within 3 s.
const ackBudget = 2 * time.Second

// handlerTimeout bounds how long any handler may run; Discord's interaction
// token stays valid for 15 minutes, a user's patience much less.
const handlerTimeout = 30 * time.Second

// Serve answers one interaction through r: refusals (cooldown,
// permissions) at once; commands marked Defer are acknowledged at once and
// edited in; everything else is answered directly when ready within
// ackBudget and deferred otherwise. An ephemeral answer to a public
// deferral replaces it with an ephemeral follow-up.
func (b *Bot) Serve(ctx context.Context, in Interaction, r Responder) error {
	ctx, cancel := context.WithTimeout(ctx, handlerTimeout)
	defer cancel()
	p, early := b.planFor(in)
	if early != nil {
		return r.Respond(ctx, Fit(*early))
	}
	if in.Kind == KindAutocomplete {
		// Autocomplete cannot be deferred: suggest what is ready in time.
		actx, cancel := context.WithTimeout(ctx, b.ackBudget)
		defer cancel()
		return r.Respond(ctx, b.run(actx, in))
	}
	if p.deferNow {
		if err := r.Defer(ctx, false, false); err != nil {
			return err
		}
		return b.deliverDeferred(ctx, r, b.run(ctx, in), false)
	}

	done := make(chan Reply, 1)
	go func() { done <- b.run(ctx, in) }()
	timer := time.NewTimer(b.ackBudget)
	defer timer.Stop()
	select {
	case reply := <-done:
		return r.Respond(ctx, reply)
	case <-timer.C:
	}
	update := in.Kind == KindComponent
	if err := r.Defer(ctx, false, update); err != nil {
		return err
	}
	return b.deliverDeferred(ctx, r, <-done, update)
}

func (b *Bot) deliverDeferred(ctx context.Context, r Responder, reply Reply, update bool) error {
	if !reply.Ephemeral {
		return r.Edit(ctx, reply)
	}
	if !update {
		// The public "thinking…" message must not stay behind.
		if err := r.DeleteOriginal(ctx); err != nil {
			return err
		}
	}
	return r.Followup(ctx, reply)
}
