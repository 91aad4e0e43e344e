package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// discordHosts are the hosts discordgo's endpoints point at.
var discordHosts = map[string]bool{"discord.com": true, "discordapp.com": true}

// apiBaseTransport sends every request for discord.com to another base URL
// (a rate-limit proxy such as nirn-proxy, or a fake Discord in tests),
// keeping the path: https://discord.com/api/v10/x becomes BASE/api/v10/x.
// It rewrites requests rather than discordgo's global Endpoint variables,
// so nothing else in the process is affected.
type apiBaseTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (t *apiBaseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !discordHosts[strings.ToLower(req.URL.Hostname())] {
		return t.next.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	u := *req.URL
	u.Scheme = t.base.Scheme
	u.Host = t.base.Host
	u.Path = strings.TrimSuffix(t.base.Path, "/") + req.URL.Path
	if req.URL.RawPath != "" {
		u.RawPath = strings.TrimSuffix(t.base.EscapedPath(), "/") + req.URL.RawPath
	}
	out.URL = &u
	out.Host = t.base.Host
	return t.next.RoundTrip(out)
}

// restTimeout bounds one REST call; discordgo retries on 429 and 502 itself.
const restTimeout = 20 * time.Second

// NewHTTPClient returns the HTTP client discordgo should use: requests go
// to apiBase instead of https://discord.com when apiBase is set (e.g.
// "http://nirn-proxy:8080"), otherwise to Discord itself.
func NewHTTPClient(apiBase string) (*http.Client, error) {
	next := http.DefaultTransport
	if apiBase == "" {
		return &http.Client{Timeout: restTimeout, Transport: next}, nil
	}
	u, err := url.Parse(apiBase)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("API base %q is not an http(s) URL like http://localhost:8080", apiBase)
	}
	return &http.Client{Timeout: restTimeout, Transport: &apiBaseTransport{base: u, next: next}}, nil
}

// NewRESTSession returns a discordgo session for REST calls (no gateway
// connection is opened) authenticated with the bot token, with discordgo's
// rate-limit handling on and requests sent to apiBase when set. The digest
// scheduler posts through one in either transport.
func NewRESTSession(token, apiBase string) (*discordgo.Session, error) {
	bare, _, err := ParseToken(token)
	if err != nil {
		return nil, err
	}
	client, err := NewHTTPClient(apiBase)
	if err != nil {
		return nil, err
	}
	s, err := discordgo.New("Bot " + bare)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	s.Client = client
	s.ShouldRetryOnRateLimit = true
	s.StateEnabled = false
	return s, nil
}
