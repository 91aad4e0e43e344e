package discordtest

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// RewriteTransport sends requests for https://discord.com/ to Base instead,
// keeping the rest of the path ("api/v9/channels/…"). Requests to other
// hosts go out unchanged.
type RewriteTransport struct {
	Base *url.URL
	// Next does the request; http.DefaultTransport when nil.
	Next http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *RewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	next := t.Next
	if next == nil {
		next = http.DefaultTransport
	}
	if r.URL.Host != "discord.com" {
		return next.RoundTrip(r)
	}
	out := r.Clone(r.Context())
	u := *r.URL
	u.Scheme, u.Host = t.Base.Scheme, t.Base.Host
	u.Path = strings.TrimSuffix(t.Base.Path, "/") + r.URL.Path
	if r.URL.RawPath != "" {
		u.RawPath = strings.TrimSuffix(t.Base.EscapedPath(), "/") + r.URL.RawPath
	}
	out.URL = &u
	out.Host = u.Host
	return next.RoundTrip(out)
}

// Transport returns a RewriteTransport onto this fake.
func (s *Server) Transport() *RewriteTransport {
	base, _ := url.Parse(s.URL())
	return &RewriteTransport{Base: base}
}

// Session returns a discordgo session for token (without "Bot ") whose REST
// calls and gateway lookup go to this fake. It identifies with the Guilds,
// Guild Messages and Direct Messages intents; change s.Identify.Intents
// before Open for others. The session is closed when the test ends.
func (s *Server) Session(token string) *discordgo.Session {
	dg, _ := discordgo.New("Bot " + token) // New returns no error for a bot token
	dg.Client = &http.Client{Transport: s.Transport()}
	dg.Identify.Intents = discordgo.IntentGuilds | discordgo.IntentGuildMessages | discordgo.IntentDirectMessages
	dg.LogLevel = discordgo.LogError
	s.tb.Cleanup(func() { _ = dg.Close() })
	return dg
}
