package bot

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
)

// ChannelMessage is a message posted in a channel, as plain values.
type ChannelMessage struct {
	ID        string
	ChannelID string
	GuildID   string
	AuthorID  string
	AuthorBot bool
	Content   string
	// MentionsBot reports whether the message mentions the bot user.
	MentionsBot bool
}

// HandleMessage answers a message that mentions the bot, a direct message,
// or any question in the server's question channel. It reports whether to reply;
// the reply goes out as a reply to m that pings no one.
func (b *Bot) HandleMessage(ctx context.Context, m ChannelMessage, botID string) (Reply, bool) {
	if m.AuthorBot || m.AuthorID == botID {
		return Reply{}, false
	}
	text := stripMention(m.Content, botID)
	// A direct message is addressed to the bot as much as a mention is.
	addressed := m.MentionsBot || m.GuildID == ""
	if !addressed && (!b.inQAChannel(ctx, m) || !looksLikeQuestion(text)) {
		return Reply{}, false
	}
	if wait := b.cooldown.take(m.AuthorID, b.now()); wait > 0 {
		if !addressed {
			return Reply{}, false
		}
		return Fit(Reply{Content: "You're asking quickly — please wait " + seconds(wait) + " and ask again."}), true
	}
	r, err := b.answerMessageSafely(ctx, m, text)
	if err != nil {
		r = Reply{Content: b.userMessage(m.ID, err)}
	}
	r.Ephemeral = false // a channel message cannot be ephemeral
	return Fit(r), true
}

// answerMessageSafely is answerMessage with a panic turned into errPanic
// (see dispatchSafely).
func (b *Bot) answerMessageSafely(ctx context.Context, m ChannelMessage, text string) (r Reply, err error) {
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("message handler panicked", "message", m.ID, "channel", m.ChannelID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			r, err = Reply{}, errPanic
		}
	}()
	return b.answerMessage(ctx, m, text)
}

func (b *Bot) answerMessage(ctx context.Context, m ChannelMessage, text string) (Reply, error) {
	q, err := cleanQuestion(text)
	if err != nil {
		return Reply{}, err
	}
	if isSmallTalk(q) {
		return Reply{Content: smallTalkReply}, nil
	}
	query := askQuery{Question: q}
	ref := pageRef{Kind: pageAsk, Asker: m.AuthorID, Expires: b.now().Add(b.pageTTL), Hash: queryHash(pageAsk, query.args())}
	return b.renderAsk(ctx, query, ref)
}

func (b *Bot) inQAChannel(ctx context.Context, m ChannelMessage) bool {
	if b.settings == nil || m.GuildID == "" {
		return false
	}
	ch, err := b.settings.QAChannel(ctx, m.GuildID)
	if err != nil {
		b.log.Warn("read qa-channel setting", "guild", m.GuildID, "err", err)
		return false
	}
	return ch != "" && ch == m.ChannelID
}

// stripMention removes mentions of the bot (<@id>, <@!id>) from s.
func stripMention(s, botID string) string {
	if botID != "" {
		s = strings.ReplaceAll(s, "<@"+botID+">", " ")
		s = strings.ReplaceAll(s, "<@!"+botID+">", " ")
	}
	return cleanText(s)
}

const smallTalkReply = "Hi! Ask me about the coverage, e.g. “what did Kerry say about Syria?” — I answer with the exact words, who said them and which outlets reported them. /help shows everything I can do."

// smallTalk is what people say to a bot that is not a question: answering
// it with "nothing in the coverage answers that" would read as broken.
var smallTalk = map[string]bool{
	"hi": true, "hello": true, "hey": true, "hiya": true, "yo": true, "hola": true, "howdy": true,
	"thanks": true, "thank you": true, "thx": true, "ty": true, "cheers": true,
	"help": true, "good morning": true, "good evening": true, "good afternoon": true, "gm": true,
	"hi there": true, "hello there": true, "hey there": true, "ping": true,
}

// isSmallTalk reports whether a message to the bot is a greeting, thanks
// or a bare "help" rather than a question.
func isSmallTalk(s string) bool {
	s = strings.ToLower(strings.Trim(strings.TrimSpace(s), "!.,?~ "))
	return smallTalk[strings.Join(strings.Fields(s), " ")]
}

// looksLikeQuestion reports whether a message in the question channel is
// a question worth answering (chat that is not a question is left alone).
func looksLikeQuestion(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 8 {
		return false
	}
	if strings.HasSuffix(s, "?") {
		return true
	}
	first, _, _ := strings.Cut(strings.ToLower(s), " ")
	switch first {
	case "who", "what", "when", "where", "why", "how", "which", "did", "does", "do", "is", "are", "was", "were", "has", "have", "can", "could", "will", "would", "should":
		return true
	}
	return false
}
