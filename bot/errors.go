package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/coveragebot/coveragebot/search"
)

// UserError is an error whose message is meant for the person who asked:
// handlers return it for bad input ("that speaker isn't in the coverage").
type UserError struct{ Msg string }

func (e *UserError) Error() string { return e.Msg }

// userErrorf returns a UserError with a formatted message.
func userErrorf(format string, args ...any) error {
	return &UserError{Msg: fmt.Sprintf(format, args...)}
}

// somethingWentWrong is all a user sees of an unexpected error.
const somethingWentWrong = "Something went wrong on my side. Please try again in a moment."

// errorReply decides, in one place, what a Discord user sees of an error:
// known errors become friendly text; anything else is logged once with the
// interaction id and shown as "Something went wrong". Raw errors, paths and
// index internals never reach a channel.
func (b *Bot) errorReply(in Interaction, err error) Reply {
	return ephemeral(b.userMessage(in.ID, err))
}

func (b *Bot) userMessage(id string, err error) string {
	var ue *UserError
	switch {
	case errors.As(err, &ue):
		return ue.Msg
	case errors.Is(err, search.ErrNotFound):
		return "I couldn't find that in the coverage. Check the id (autocomplete lists them) and try again."
	case errors.Is(err, search.ErrQuestionTooLong):
		// A question, a speaker or an outlet filter longer than search takes.
		return fmt.Sprintf("That is too long to look up: questions can be up to %d characters, and speaker and outlet names up to 100 — pick names from the autocomplete list.", MaxQuestion)
	case errors.Is(err, search.ErrEmptyQuestion):
		return "I found no words to search for in that. Ask about what someone said, e.g. “What did Kerry say about Syria?”"
	case errors.Is(err, context.DeadlineExceeded):
		b.log.Warn("interaction timed out", "interaction", id, "err", err)
		return "That took too long to answer. Try a shorter or more specific question."
	case errors.Is(err, context.Canceled):
		return "The bot is restarting; please ask again in a moment."
	case errors.Is(err, errPanic):
		return somethingWentWrong // logged with its stack where it was recovered
	}
	b.log.Error("interaction failed", "interaction", id, "err", err)
	return somethingWentWrong
}

func seconds(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	if s <= 1 {
		return "a second"
	}
	return fmt.Sprintf("%d seconds", s)
}
