package bot

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// GatewayConfig configures the gateway transport.
type GatewayConfig struct {
	// Token is the bot token, with or without the "Bot " prefix.
	Token string
	// AppID is the application id; "" derives it from the token.
	AppID string
	// GuildID is the bot's home server, where its Home commands are
	// registered; the others are global. "": every command is global.
	GuildID string
	// APIBase sends every REST call and the gateway lookup to this base
	// URL instead of https://discord.com (see NewHTTPClient).
	APIBase string
	Logger  *slog.Logger
	// Ready, when set, is called each time the gateway session is ready.
	Ready func()
}

// Gateway close codes the bot handles itself.
const (
	closeAuthenticationFailed = 4004
	closeDisallowedIntents    = 4014
)

// ErrTokenMissing and ErrTokenMalformed say why a token was refused before
// any connection was tried.
var (
	ErrTokenMissing   = errors.New("bot: no bot token")
	ErrTokenMalformed = errors.New("bot: malformed bot token")
)

// ParseToken checks a bot token's shape (three dot-separated parts, the
// first the base64 application id) and returns it without a "Bot " prefix,
// plus the application id it names.
func ParseToken(token string) (bare, appID string, err error) {
	bare = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(token), "Bot "))
	if bare == "" {
		return "", "", ErrTokenMissing
	}
	parts := strings.Split(bare, ".")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" || strings.ContainsAny(bare, " \t\r\n\"'") {
		return "", "", ErrTokenMalformed
	}
	id, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[0], "="))
	if err != nil {
		id, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(parts[0], "="))
	}
	if err != nil || !isSnowflake(string(id)) {
		return "", "", ErrTokenMalformed
	}
	return bare, string(id), nil
}

func isSnowflake(s string) bool {
	if len(s) < 5 || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// inflight tracks interactions being answered, so shutdown can stop taking
// new ones and wait for those under way.
type inflight struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

func (f *inflight) enter() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return false
	}
	f.wg.Add(1)
	return true
}

func (f *inflight) leave() { f.wg.Done() }

func (f *inflight) closeAndWait() {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	f.wg.Wait()
}

// baseIntents need no privileged intent: Discord includes the content of
// messages that mention the bot.
const baseIntents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// RunGateway connects to Discord's gateway, registers the commands with one
// bulk overwrite, answers interactions and mentions until ctx is cancelled,
// then stops taking new ones, lets those in flight finish and disconnects.
// discordgo's own logic resumes dropped connections and honours rate
// limits.
func (b *Bot) RunGateway(ctx context.Context, cfg GatewayConfig) error {
	token, tokenApp, err := ParseToken(cfg.Token)
	if err != nil {
		return err
	}
	appID := cfg.AppID
	if appID == "" {
		appID = tokenApp
	}
	log := cfg.Logger
	if log == nil {
		log = b.log
	}
	s, err := NewRESTSession(token, cfg.APIBase)
	if err != nil {
		return err
	}
	s.ShouldReconnectOnError = true
	s.Identify.Intents = baseIntents

	wantContent := false
	if b.settings != nil {
		wantContent, err = b.settings.AnyQAChannel(ctx)
		if err != nil {
			log.Warn("cannot read the qa-channel settings; answering mentions only", "err", err)
		}
	}
	if wantContent {
		s.Identify.Intents |= discordgo.IntentsMessageContent
	}

	if err := b.RegisterCommands(ctx, s, appID, cfg.GuildID); err != nil {
		return err
	}
	log.Info("commands registered", "count", len(b.commands), "home", cfg.GuildID)

	var (
		root    = context.WithoutCancel(ctx) // replies under way finish after ctx ends
		flights inflight
		botID   atomic.Value
	)
	botID.Store("")
	var removers []func()
	on := func(handler any) { removers = append(removers, s.AddHandler(handler)) }
	on(func(_ *discordgo.Session, r *discordgo.Ready) {
		if r.User != nil {
			botID.Store(r.User.ID)
		}
		log.Info("connected to Discord", "user", userTag(r.User), "guilds", len(r.Guilds))
		if cfg.Ready != nil {
			cfg.Ready()
		}
	})
	on(func(_ *discordgo.Session, r *discordgo.Resumed) { log.Info("gateway session resumed") })
	on(func(_ *discordgo.Session, d *discordgo.Disconnect) {
		log.Warn("gateway disconnected; discordgo reconnects")
	})
	on(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		if !flights.enter() {
			return
		}
		defer flights.leave()
		in, ok := interactionFrom(ic.Interaction)
		if !ok {
			return
		}
		resp := &restResponder{s: s, appID: firstNonEmpty(ic.AppID, appID), id: ic.ID, token: ic.Token, kind: in.Kind}
		if err := b.Serve(root, in, resp); err != nil {
			log.Error("reply to interaction failed", "interaction", ic.ID, "err", err)
		}
	})
	on(func(s *discordgo.Session, mc *discordgo.MessageCreate) {
		if mc.Message == nil || !flights.enter() {
			return
		}
		defer flights.leave()
		id, _ := botID.Load().(string)
		m := channelMessageFrom(mc.Message, id)
		mctx, cancel := context.WithTimeout(root, handlerTimeout)
		defer cancel()
		reply, ok := b.HandleMessage(mctx, m, id)
		if !ok {
			return
		}
		if err := sendMessage(mctx, s, m.ChannelID, m.GuildID, m.ID, reply); err != nil {
			log.Error("reply to mention failed", "message", m.ID, "channel", m.ChannelID, "err", err)
		}
	})

	if err := b.open(s, log, wantContent); err != nil {
		return err
	}

	<-ctx.Done()
	log.Info("shutting down: finishing replies under way")
	flights.closeAndWait()
	// Handlers run on goroutines of their own: none may outlive RunGateway.
	for _, remove := range removers {
		remove()
	}
	// discordgo's heartbeat goroutine can write to the connection after
	// Close sent its close frame, fail, and reconnect (a RESUME after
	// shutdown, seen under load): a bot shutting down must not come back.
	s.Lock()
	s.ShouldReconnectOnError = false
	s.Unlock()
	if err := s.Close(); err != nil {
		log.Warn("closing the gateway connection", "err", err)
	}
	log.Info("disconnected")
	return nil
}

// open connects, falling back to no Message Content intent when Discord
// refuses it (close code 4014), which it does until the intent is ticked
// in the Developer Portal.
func (b *Bot) open(s *discordgo.Session, log *slog.Logger, wantContent bool) error {
	err := s.Open()
	var ce *websocket.CloseError
	if wantContent && errors.As(err, &ce) && ce.Code == closeDisallowedIntents {
		log.Warn("a qa-channel is configured but the Message Content intent is not granted: " +
			"answering mentions only. Enable it in the Developer Portal (Bot → Privileged Gateway Intents) and restart.")
		s.Identify.Intents &^= discordgo.IntentsMessageContent
		wantContent = false
		_ = s.Close()
		err = s.Open()
	}
	if errors.As(err, &ce) && ce.Code == closeAuthenticationFailed {
		return fmt.Errorf("discord refused the bot token (authentication failed): %w", ErrTokenMalformed)
	}
	if err != nil {
		return fmt.Errorf("connect to the Discord gateway: %w", err)
	}
	b.SetMessageContent(wantContent)
	return nil
}

// RegisterCommands replaces the application's commands with the bot's, in
// bulk overwrites, so renamed or removed commands disappear: the global
// ones, and with a home server (guildID) its own, which are the Home
// commands alone — an empty list clears what an older version registered
// there. Without a home server every command is global. It is idempotent:
// replicas may all call it.
func (b *Bot) RegisterCommands(ctx context.Context, s *discordgo.Session, appID, guildID string) error {
	var global, home []Command
	for _, c := range b.commands {
		if c.Home && guildID != "" {
			home = append(home, c)
		} else {
			global = append(global, c)
		}
	}
	if err := putCommands(ctx, s, discordgo.EndpointApplicationGlobalCommands(appID), global); err != nil {
		return err
	}
	if guildID == "" {
		return nil
	}
	return putCommands(ctx, s, discordgo.EndpointApplicationGuildCommands(appID, guildID), home)
}

// putCommands overwrites the commands at url with cmds.
func putCommands(ctx context.Context, s *discordgo.Session, url string, cmds []Command) error {
	if _, err := s.RequestWithBucketID("PUT", url, wireCommands(cmds), url, discordgo.WithContext(ctx)); err != nil {
		var re *discordgo.RESTError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == 401 {
			return fmt.Errorf("register commands: discord refused the bot token: %w", ErrTokenMalformed)
		}
		return fmt.Errorf("register commands: %w", err)
	}
	return nil
}

func userTag(u *discordgo.User) string {
	if u == nil {
		return ""
	}
	return u.Username
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
