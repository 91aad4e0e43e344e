package discordtest

import (
	"bytes"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// LogBuffer is a log sink a test can read while the bot, its goroutines
// and discordgo write to it. The zero value is ready to use.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p; it is safe for concurrent use.
func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// ButtonID returns the custom id of the first button in m whose label
// starts with labelPrefix ("Next", "Show article"), or "" when m has none.
func ButtonID(m *discordgo.Message, labelPrefix string) string {
	for _, row := range m.Components {
		ar, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range ar.Components {
			if btn, ok := c.(*discordgo.Button); ok && strings.HasPrefix(btn.Label, labelPrefix) {
				return btn.CustomID
			}
		}
	}
	return ""
}
