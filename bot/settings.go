package bot

import "context"

// Settings persists per-server settings; *Store satisfies it.
type Settings interface {
	// QAChannel returns the server's question channel, "" when none.
	QAChannel(ctx context.Context, guildID string) (string, error)
	// SetQAChannel sets (or, with "", clears) the server's question channel.
	SetQAChannel(ctx context.Context, guildID, channelID string) error
	// AnyQAChannel reports whether any server has a question channel, so
	// the gateway knows whether it needs the Message Content intent.
	AnyQAChannel(ctx context.Context) (bool, error)
}

var _ Settings = (*Store)(nil)
