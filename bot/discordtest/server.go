package discordtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Defaults a Server starts with; each can be changed with an Option.
const (
	DefaultToken         = "test-bot-token"
	DefaultBotName       = "Coverage"
	DefaultGuildID       = "1100000000000000001"
	DefaultChannelID     = "1100000000000000002"
	DefaultApplicationID = "1100000000000000003"
	DefaultBotUserID     = DefaultApplicationID // Discord gives a bot user its application's id.
	DefaultUserID        = "1100000000000000004"
	DefaultUserName      = "reader"
)

// Server is a fake Discord: REST API, gateway and a record of everything
// the client sent. Create it with New; it closes itself when the test ends.
type Server struct {
	tb  testing.TB
	cfg config
	hs  *httptest.Server
	ids snowflakes

	mu           sync.Mutex
	changed      chan struct{} // closed and replaced whenever something is recorded
	requests     []Request
	violations   []Violation
	commands     map[string][]json.RawMessage // key: guild id, "" for global
	interactions map[string]*interactionState // key: interaction id
	byToken      map[string]*interactionState // key: interaction token
	messages     map[string]*storedMessage    // key: message id
	channelMsgs  map[string][]string          // channel id -> message ids in order
	channels     map[string]channelInfo
	nonces       map[string]nonceEntry // channel id + nonce
	faults       []*fault
	channelFault map[string]int // channel id -> HTTP status

	gw           gateway
	frames       []Frame      // guarded by mu
	liveConnNums map[int]bool // open gateway connections, guarded by mu
}

// Option changes how New sets up a Server.
type Option func(*config)

type config struct {
	token             string
	appID             string
	botID             string
	botName           string
	guildID           string
	channelID         string
	heartbeatInterval time.Duration
	ackDeadline       time.Duration
	nonceWindow       time.Duration
	now               func() time.Time
	specValidation    bool
	privileged        discordgo.Intent
}

// WithToken sets the bot token the fake accepts (without the "Bot " prefix).
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithApplication sets the application id, which is also the bot user's id.
func WithApplication(appID string) Option {
	return func(c *config) { c.appID, c.botID = appID, appID }
}

// WithBotName sets the bot user's username.
func WithBotName(name string) Option { return func(c *config) { c.botName = name } }

// WithGuild sets the guild and the channel interactions and messages come from by default.
func WithGuild(guildID, channelID string) Option {
	return func(c *config) { c.guildID, c.channelID = guildID, channelID }
}

// WithHeartbeatInterval sets the interval sent in HELLO. discordgo reconnects
// after five intervals without an ACK, so keep it well above scheduling noise.
func WithHeartbeatInterval(d time.Duration) Option {
	return func(c *config) { c.heartbeatInterval = d }
}

// WithAckDeadline makes the fake behave like Discord, which forgets an
// interaction not acknowledged within 3 seconds: a later callback gets 404
// "Unknown interaction" and a violation is recorded. Zero (the default) only
// records the acknowledgement latency, which keeps slow -race runs stable.
func WithAckDeadline(d time.Duration) Option { return func(c *config) { c.ackDeadline = d } }

// WithNonceWindow sets how long an enforced message nonce deduplicates
// (Discord: "a few minutes"; default 5 minutes).
func WithNonceWindow(d time.Duration) Option { return func(c *config) { c.nonceWindow = d } }

// WithClock sets the fake's clock, used for message timestamps and the nonce window.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithoutSpecValidation turns off validation against the OpenAPI spec (the
// limits the spec cannot express are still checked). Spec validation costs
// a few milliseconds per request; load tests with thousands of requests may
// validate a sample with ValidateRequest instead.
func WithoutSpecValidation() Option { return func(c *config) { c.specValidation = false } }

// privilegedIntents need a switch in the developer portal.
const privilegedIntents = discordgo.IntentGuildMembers | discordgo.IntentGuildPresences | discordgo.IntentMessageContent

// WithPrivilegedIntents sets which privileged intents (Guild Members,
// Presences, Message Content) are switched on for the app in the developer
// portal; by default all are. IDENTIFY asking for one that is off is closed
// with 4014 "Disallowed intent(s)", as Discord does.
func WithPrivilegedIntents(enabled discordgo.Intent) Option {
	return func(c *config) { c.privileged = enabled & privilegedIntents }
}

// New starts a fake Discord on 127.0.0.1 and closes it when the test ends.
// Unless WithoutSpecValidation is given, it needs Discord's OpenAPI spec
// (see RequireSpec): the test fails without it when CI=true and is skipped
// otherwise.
func New(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	cfg := config{
		token:             DefaultToken,
		appID:             DefaultApplicationID,
		botID:             DefaultBotUserID,
		botName:           DefaultBotName,
		guildID:           DefaultGuildID,
		channelID:         DefaultChannelID,
		heartbeatInterval: time.Second,
		nonceWindow:       5 * time.Minute,
		now:               time.Now,
		specValidation:    true,
		privileged:        privilegedIntents,
	}
	for _, opt := range opts {
		opt(&cfg)
	}
	if cfg.specValidation {
		RequireSpec(tb)
	}
	s := &Server{
		tb:           tb,
		cfg:          cfg,
		changed:      make(chan struct{}),
		commands:     map[string][]json.RawMessage{},
		interactions: map[string]*interactionState{},
		byToken:      map[string]*interactionState{},
		messages:     map[string]*storedMessage{},
		channelMsgs:  map[string][]string{},
		channels:     map[string]channelInfo{},
		nonces:       map[string]nonceEntry{},
		channelFault: map[string]int{},
		liveConnNums: map[int]bool{},
	}
	s.gw.init()
	s.channels[cfg.channelID] = channelInfo{ID: cfg.channelID, GuildID: cfg.guildID, Name: "general", Type: 0}
	s.hs = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	tb.Cleanup(s.Close)
	return s
}

// URL is the base URL that replaces https://discord.com/ ("http://127.0.0.1:port/").
// The REST API is under URL()+"api/v10/" (v9, which discordgo v0.29 uses, works too).
func (s *Server) URL() string { return s.hs.URL + "/" }

// APIBase is the REST base URL, the counterpart of https://discord.com/api/v10/.
func (s *Server) APIBase() string { return s.hs.URL + "/api/v10/" }

// GatewayURL is the websocket URL GET /gateway hands out.
func (s *Server) GatewayURL() string { return "ws" + strings.TrimPrefix(s.hs.URL, "http") + "/ws" }

// Token is the bot token the fake accepts, without the "Bot " prefix.
func (s *Server) Token() string { return s.cfg.token }

// ApplicationID is the application id (and the bot user's id).
func (s *Server) ApplicationID() string { return s.cfg.appID }

// BotUserID is the bot user's id, the one a mention of the bot uses.
func (s *Server) BotUserID() string { return s.cfg.botID }

// GuildID is the default guild.
func (s *Server) GuildID() string { return s.cfg.guildID }

// ChannelID is the default text channel.
func (s *Server) ChannelID() string { return s.cfg.channelID }

// Close closes gateway connections and the HTTP server. New registers it
// with tb.Cleanup; calling it twice is harmless.
func (s *Server) Close() {
	s.gw.closeAll()
	s.hs.Close()
}

// notifyLocked wakes every waiter; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) now() time.Time { return s.cfg.now() }
