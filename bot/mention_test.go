package bot

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/search"
)

func TestHandleMessage(t *testing.T) {
	const botID = "900"
	settings := &memSettings{}
	settings.SetQAChannel(context.Background(), "7", "qa")
	b := newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Settings = settings })
	tests := []struct {
		name    string
		m       ChannelMessage
		reply   bool
		contain string
	}{
		{"mention", ChannelMessage{GuildID: "7", ChannelID: "8", Content: "<@900> what did the mayor say about the bridge?", MentionsBot: true}, true, "spring floods"},
		{"nickname mention", ChannelMessage{GuildID: "7", ChannelID: "8", Content: "<@!900> bridge", MentionsBot: true}, true, "spring floods"},
		{"bare mention", ChannelMessage{GuildID: "7", ChannelID: "8", Content: "<@900>", MentionsBot: true}, true, "Ask me a question"},
		{"greeting", ChannelMessage{GuildID: "7", ChannelID: "8", Content: "<@900> Hello!", MentionsBot: true}, true, "Ask me about the coverage"},
		{"thanks in a DM", ChannelMessage{ChannelID: "dm", Content: "thank you"}, true, "/help shows everything"},
		{"mention, nothing found", ChannelMessage{GuildID: "7", ChannelID: "8", Content: "<@900> who won the football?", MentionsBot: true}, true, "Nothing in the coverage answers that."},
		{"mention, too long", ChannelMessage{GuildID: "7", ChannelID: "8", Content: "<@900> " + strings.Repeat("bridge ", 50), MentionsBot: true}, true, "up to 200 characters"},
		{"chat elsewhere", ChannelMessage{GuildID: "7", ChannelID: "8", Content: "what about the bridge?"}, false, ""},
		{"question in the qa channel", ChannelMessage{GuildID: "7", ChannelID: "qa", Content: "What about the bridge?"}, true, "spring floods"},
		{"chat in the qa channel", ChannelMessage{GuildID: "7", ChannelID: "qa", Content: "thanks, that helps"}, false, ""},
		{"direct message", ChannelMessage{ChannelID: "dm", Content: "what did the mayor say about the bridge"}, true, "spring floods"},
		{"from a bot", ChannelMessage{GuildID: "7", ChannelID: "8", Content: "<@900> bridge?", MentionsBot: true, AuthorBot: true}, false, ""},
		{"from itself", ChannelMessage{GuildID: "7", ChannelID: "8", Content: "bridge?", AuthorID: botID}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.m
			m.ID = "5"
			if m.AuthorID == "" {
				m.AuthorID = "42"
			}
			r, ok := b.HandleMessage(context.Background(), m, botID)
			if ok != tt.reply {
				t.Fatalf("replied = %v, want %v (%+v)", ok, tt.reply, r)
			}
			if !ok {
				return
			}
			checkReply(t, r)
			text := r.Content
			for _, e := range r.Embeds {
				for _, f := range e.Fields {
					text += f.Value
				}
			}
			if !strings.Contains(text, tt.contain) {
				t.Errorf("reply lacks %q: %+v", tt.contain, r)
			}
			if r.Ephemeral || r.PingRepliedUser {
				t.Errorf("a channel reply must be plain and ping no one: %+v", r)
			}
		})
	}
}

// TestHostileQuestions: whatever is typed reaches the index as plain text,
// cleaned, and within the length cap.
func TestHostileQuestions(t *testing.T) {
	var got []string
	cov := &fakeCoverage{answer: func(_ context.Context, q search.Question) (search.Answers, error) {
		got = append(got, q.Text)
		return search.Answers{}, nil
	}}
	b := newTestBot(t, cov)
	inputs := []string{
		`+kerry -lavrov "geneva talks" AND NOT iran`,
		`k*rry~2 /[a-z]+/ title:ceasefire^5`,
		"zero\u200bwidth\u200djoiner\u2060and\ufeffbom",
		"control\x00chars\x07and\x1b[31mescapes",
		"bad utf8 \xff\xfe here",
	}
	for _, in := range inputs {
		r := b.Handle(context.Background(), command("ask", "question", in))
		if !r.Ephemeral || !strings.HasPrefix(r.Content, "Nothing in the coverage") {
			t.Errorf("%q: %+v", in, r)
		}
	}
	if len(got) != len(inputs) {
		t.Fatalf("%d questions reached the index, want %d", len(got), len(inputs))
	}
	for i, q := range got {
		if strings.ContainsAny(q, "\x00\x07\x1b\u200b\u200d\u2060\ufeff") || !utf8.ValidString(q) || q != strings.TrimSpace(q) {
			t.Errorf("%q reached the index as %q", inputs[i], q)
		}
	}
	if got[0] != inputs[0] {
		t.Errorf("query syntax must pass through as text for the index to neutralise: %q", got[0])
	}
}
