package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Request is one REST request the fake received, with the answer it gave.
type Request struct {
	Time   time.Time
	Method string
	// Path is the path below the API version, e.g. "/channels/123/messages".
	Path string
	// Query is the raw query string, without "?".
	Query string
	// APIVersion is the version in the URL ("9" for discordgo v0.29, "10").
	APIVersion string
	// Route is the matched route (one of the Route constants), "" if none.
	Route  string
	Params map[string]string
	Header http.Header
	// Body is the JSON body; for a multipart request, its payload_json part.
	Body []byte
	// Status and Response are what the fake answered.
	Status   int
	Response []byte
	// Fault reports whether the answer came from an injected fault.
	Fault bool
	// Deduplicated reports whether an enforced nonce made the fake return an
	// earlier message instead of creating one.
	Deduplicated bool
}

// Param returns a path parameter of the matched route, e.g. "channel_id".
func (r Request) Param(name string) string { return r.Params[name] }

// JSON decodes the request body into v.
func (r Request) JSON(v any) error {
	if err := json.Unmarshal(r.Body, v); err != nil {
		return fmt.Errorf("decode body of %s %s: %w", r.Method, r.Path, err)
	}
	return nil
}

// String is a one-line summary for test failure messages.
func (r Request) String() string {
	body := string(r.Body)
	if len(body) > 300 {
		body = body[:300] + "…"
	}
	q := ""
	if r.Query != "" {
		q = "?" + r.Query
	}
	return fmt.Sprintf("%s %s%s -> %d %s", r.Method, r.Path, q, r.Status, body)
}

// OnRoute matches requests to one of the Route constants.
func OnRoute(route string) func(Request) bool {
	return func(r Request) bool { return r.Route == route }
}

// ForInteraction matches the requests that answer one interaction: its
// callback, edits of its original response and its follow-ups.
func ForInteraction(id, token string) func(Request) bool {
	return func(r Request) bool {
		switch {
		case r.Params["interaction_id"] != "":
			return r.Params["interaction_id"] == id
		case r.Params["interaction_token"] != "":
			return r.Params["interaction_token"] == token
		}
		return false
	}
}

// Succeeded matches requests answered with a 2xx status.
func Succeeded(r Request) bool { return r.Status >= 200 && r.Status < 300 }

// All combines predicates: a request matches when every one matches.
func All(preds ...func(Request) bool) func(Request) bool {
	return func(r Request) bool {
		for _, p := range preds {
			if !p(r) {
				return false
			}
		}
		return true
	}
}

// Violation is something the client sent that real Discord would refuse or
// that breaks one of Discord's rules: a spec or limit error, a second
// acknowledgement of one interaction, an unknown route, a bad token.
type Violation struct {
	Request Request
	Err     error
}

func (v Violation) String() string {
	return fmt.Sprintf("%s %s: %v", v.Request.Method, v.Request.Path, v.Err)
}

// Requests returns a copy of every request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// RequestsMatching returns the requests received so far that match.
func (s *Server) RequestsMatching(match func(Request) bool) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if match(r) {
			out = append(out, r)
		}
	}
	return out
}

// Violations returns every problem found so far in what the client sent.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Violation(nil), s.violations...)
}

// AssertClean fails the test with one line per violation, if there are any.
func (s *Server) AssertClean(tb Reporter) {
	tb.Helper()
	vs := s.Violations()
	if len(vs) == 0 {
		return
	}
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n  %s", v)
	}
	tb.Errorf("fake Discord recorded %d violation(s):%s", len(vs), b.String())
}

// Reporter is the part of testing.TB AssertClean needs (*testing.T
// satisfies it); a test of a test helper can pass its own to see the failure.
type Reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// WaitFor returns the first request, received before or after the call, that
// matches; it gives up when ctx is done.
func (s *Server) WaitFor(ctx context.Context, match func(Request) bool) (Request, error) {
	got, err := s.WaitForN(ctx, 1, match)
	if err != nil {
		return Request{}, err
	}
	return got[0], nil
}

// WaitForN waits until n requests match and returns the first n. match runs
// without the fake's lock held, so it may call the Server's methods.
func (s *Server) WaitForN(ctx context.Context, n int, match func(Request) bool) ([]Request, error) {
	seen := 0
	var found []Request
	for {
		s.mu.Lock()
		fresh := append([]Request(nil), s.requests[seen:]...)
		changed := s.changed
		s.mu.Unlock()
		seen += len(fresh)
		for _, r := range fresh {
			if match(r) {
				found = append(found, r)
			}
		}
		if len(found) >= n {
			return found[:n], nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, fmt.Errorf("discordtest: %d of %d matching requests after %d received: %w", len(found), n, seen, ctx.Err())
		}
	}
}

// waitUntil blocks until cond, evaluated with s.mu held, is true.
func (s *Server) waitUntil(ctx context.Context, what string, cond func() bool) error {
	for {
		s.mu.Lock()
		ok := cond()
		changed := s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("discordtest: waiting for %s: %w", what, ctx.Err())
		}
	}
}

func (s *Server) record(r Request, errs []error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
	for _, err := range errs {
		s.violations = append(s.violations, Violation{Request: r, Err: err})
	}
	s.notifyLocked()
}
