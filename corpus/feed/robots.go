package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// robotsTTL is how long a site's robots.txt is trusted before it is
// fetched again.
const robotsTTL = 12 * time.Hour

// Robots answers whether article pages may be fetched, from each site's
// robots.txt (RFC 9309), fetched through the Fetcher and kept for 12 hours.
type Robots struct {
	fetcher *Fetcher
	// agent is the product token matched against User-agent lines,
	// lower-cased ("coveragebot").
	agent string

	mu    sync.Mutex
	sites map[string]robotsEntry
}

type robotsEntry struct {
	rules   *robotsRules
	expires time.Time
}

// robotsRetry is how soon a robots.txt that could not be fetched is tried
// again; until then the site's pages are not fetched.
const robotsRetry = time.Hour

// NewRobots returns a robots.txt checker for the bot named agent (the
// product token of its User-Agent, e.g. "CoverageBot").
func NewRobots(f *Fetcher, agent string) *Robots {
	return &Robots{fetcher: f, agent: strings.ToLower(agent), sites: map[string]robotsEntry{}}
}

// entry returns the rules of raw's site, fetching them when not kept.
func (r *Robots) entry(ctx context.Context, raw string) (robotsEntry, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return robotsEntry{}, err
	}
	site := u.Scheme + "://" + u.Host
	now := r.fetcher.clock.Now()
	r.mu.Lock()
	e, ok := r.sites[site]
	r.mu.Unlock()
	if !ok || !now.Before(e.expires) {
		rules, err := r.fetch(ctx, site)
		if err != nil {
			return robotsEntry{}, err
		}
		e = robotsEntry{rules: rules, expires: now.Add(robotsTTL)}
		if rules.disallowAll {
			e.expires = now.Add(robotsRetry)
		}
		r.mu.Lock()
		r.sites[site] = e
		r.mu.Unlock()
	}
	return e, nil
}

// Allowed reports whether the page at raw may be fetched. A robots.txt that
// is missing (any 4xx) allows everything; one that cannot be fetched (5xx,
// network errors) allows nothing for now, as RFC 9309 says: Allowed then
// returns the error (ErrRobotsUnreachable), for the page may be allowed
// when it answers again.
func (r *Robots) Allowed(ctx context.Context, raw string) (bool, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return false, err
	}
	e, err := r.entry(ctx, raw)
	if err != nil {
		return false, err
	}
	if e.rules.unreachable != nil {
		return false, fmt.Errorf("%w at %s://%s: %w", ErrRobotsUnreachable, u.Scheme, u.Host, e.rules.unreachable)
	}
	return e.rules.allowed(r.agent, requestPath(u)), nil
}

// Sitemaps returns the sitemaps the robots.txt of raw's site lists.
func (r *Robots) Sitemaps(ctx context.Context, raw string) ([]string, error) {
	e, err := r.entry(ctx, raw)
	if err != nil {
		return nil, err
	}
	return e.rules.sitemaps, nil
}

func requestPath(u *url.URL) string {
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return path
}

func (r *Robots) fetch(ctx context.Context, site string) (*robotsRules, error) {
	resp, err := r.fetcher.Get(ctx, Request{URL: site + "/robots.txt", Accept: "text/plain"})
	var se *StatusError
	switch {
	case errors.As(err, &se) && se.Status >= 400 && se.Status < 500 && se.Status != http.StatusTooManyRequests:
		return &robotsRules{}, nil // unavailable: no rules
	case errors.Is(err, ErrTooLarge):
		return &robotsRules{}, nil // RFC 9309: at least 500 KiB are parsed; ours is larger
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return nil, err
	case err != nil:
		// unreachable: assume complete disallow, and say why, so a page
		// is tried again once robots.txt answers, not given up on
		return &robotsRules{disallowAll: true, unreachable: err}, nil
	}
	return parseRobots(string(resp.Body)), nil
}

// robotsRules is a parsed robots.txt: groups of rules by user agent.
type robotsRules struct {
	groups      []robotsGroup
	disallowAll bool
	// unreachable is why robots.txt could not be fetched (a 5xx, the
	// network): nothing may be fetched for now, which is no verdict on
	// the page
	unreachable error
	sitemaps    []string // Sitemap: lines, as written
}

type robotsGroup struct {
	agents []string // lower-cased product tokens, "*" for any
	rules  []robotsRule
}

type robotsRule struct {
	allow   bool
	pattern string
}

// parseRobots reads robots.txt as RFC 9309 says: consecutive user-agent
// lines open a group, allow and disallow lines belong to the group above,
// anything else is ignored.
func parseRobots(s string) *robotsRules {
	rr := &robotsRules{}
	var cur *robotsGroup
	lastWasAgent := false
	for _, line := range strings.Split(s, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if cur == nil || !lastWasAgent {
				rr.groups = append(rr.groups, robotsGroup{})
				cur = &rr.groups[len(rr.groups)-1]
			}
			cur.agents = append(cur.agents, strings.ToLower(val))
			lastWasAgent = true
		case "allow", "disallow":
			lastWasAgent = false
			if cur == nil || (key == "disallow" && val == "") {
				continue
			}
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: val})
		case "sitemap":
			// Not part of any group (RFC 9309 §2.2.4).
			if val != "" {
				rr.sitemaps = append(rr.sitemaps, val)
			}
		default:
			// Crawl-delay and others neither open nor close a group.
		}
	}
	return rr
}

// allowed reports whether agent may fetch path: the rules of the group
// naming agent (else the "*" group), longest match wins, allow on a tie.
func (rr *robotsRules) allowed(agent, path string) bool {
	if rr.disallowAll {
		return false
	}
	var rules []robotsRule
	found := false
	for _, g := range rr.groups {
		for _, a := range g.agents {
			if a != "*" && a != "" && strings.HasPrefix(agent, a) {
				rules, found = append(rules, g.rules...), true
			}
		}
	}
	if !found {
		for _, g := range rr.groups {
			for _, a := range g.agents {
				if a == "*" {
					rules = append(rules, g.rules...)
				}
			}
		}
	}
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, r := range rules {
		if n := matchLen(r.pattern, path); n >= 0 && (n > best || n == best && r.allow) {
			best, allow = n, r.allow
		}
	}
	return allow
}

// matchLen returns the pattern's length when it matches the start of path
// ("*" any run, a final "$" the end), else -1.
func matchLen(pattern, path string) int {
	anchored := strings.HasSuffix(pattern, "$")
	p := strings.TrimSuffix(pattern, "$")
	if match(p, path, anchored) {
		return len(pattern)
	}
	return -1
}

func match(p, s string, anchored bool) bool {
	i := strings.IndexByte(p, '*')
	if i < 0 {
		if anchored {
			return s == p
		}
		return strings.HasPrefix(s, p)
	}
	if !strings.HasPrefix(s, p[:i]) {
		return false
	}
	s, p = s[i:], p[i+1:]
	for k := 0; k <= len(s); k++ {
		if match(p, s[k:], anchored) {
			return true
		}
	}
	return false
}
