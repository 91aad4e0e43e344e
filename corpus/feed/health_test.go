package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPageFailureSaysWhyInFewWords: a failing page is named with a short
// reason, shown in Discord by /feeds list, never the raw error with its
// resolver's or other internal addresses.
func TestPageFailureSaysWhyInFewWords(t *testing.T) {
	const link = "https://kestrelpost.example/news/a.html"
	refused := getError(t, func() string {
		// a port nothing listens on any more
		s := httptest.NewServer(http.NotFoundHandler())
		s.Close()
		return s.URL + "/news/a.html"
	}())
	untrusted := getError(t, func() string {
		s := httptest.NewUnstartedServer(http.NotFoundHandler())
		s.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshakes refused are the point
		s.StartTLS()
		t.Cleanup(s.Close)
		return s.URL + "/news/a.html"
	}())
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"dns", &url.Error{Op: "Get", URL: link, Err: &net.OpError{Op: "dial", Net: "tcp",
			Err: &net.DNSError{Err: "no such host", Name: "kestrelpost.example", Server: "127.0.0.11:53", IsNotFound: true}}},
			"the site's name does not resolve (DNS)"},
		{"refused", refused, "connection refused"},
		{"refused, wrapped", fmt.Errorf("GET %s: %w", link, &net.OpError{Op: "dial", Net: "tcp",
			Addr: &net.TCPAddr{IP: net.IPv4(10, 0, 0, 7), Port: 443}, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), "connection refused"},
		{"certificate", untrusted, "TLS certificate not accepted"},
		{"timeout", fmt.Errorf("GET %s: %w", link, &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}), "timed out"},
		{"slow body", fmt.Errorf("GET %s: %w: not received within 30s", link, ErrSlowBody), "timed out"},
		{"status", &StatusError{URL: link, Status: 500}, "HTTP 500 Internal Server Error"},
		{"status after a redirect", &StatusError{URL: "https://kestrelpost.example/news/a2.html", Status: 502},
			"HTTP 502 Bad Gateway at https://kestrelpost.example/news/a2.html"},
		{"anything else", errors.New("GET https://kestrelpost.example/news/a.html: proxyconnect tcp 10.1.2.3:3128: odd"), "the page could not be fetched"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PageFailure{Link: link, Err: tt.err, Tries: 1, First: time.Date(2026, 2, 12, 9, 0, 0, 0, time.UTC)}.String()
			want := link + ": " + tt.want + "; tried 1 time since 2026-02-12 09:00 UTC;"
			if !strings.HasPrefix(got, want) {
				t.Errorf("String() = %q\nwant it to start %q (the raw error: %v)", got, want, tt.err)
			}
		})
	}
}

// getError returns the error of fetching raw with a test fetcher.
func getError(t *testing.T, raw string) error {
	t.Helper()
	_, err := newTestFetcher(t, newFakeClock(), nil).Get(context.Background(), Request{URL: raw})
	if err == nil {
		t.Fatalf("GET %s worked, want an error", raw)
	}
	return err
}

// TestFeedFailureKeepsFewWords: a feed whose site cannot be reached keeps
// what the network answered in a few words as its last error, which feeds
// list and /feeds list show, never the raw error with its addresses; an
// error whose own words say what to do (an HTTP status) is kept whole.
func TestFeedFailureKeepsFewWords(t *testing.T) {
	fx := newPollFixture(t)
	src := fx.add(t, "/kestrel/feed.xml", "")
	host := strings.TrimPrefix(fx.web.URL, "http://")
	fx.web.Close() // the site goes away: connection refused
	fx.clock.Advance(2 * time.Hour)
	r := fx.poller.Fetch(context.Background(), src)
	if r.Err == nil {
		t.Fatal("fetch from a closed site worked")
	}
	if r.Feed.LastError != "connection refused" {
		t.Errorf("LastError = %q, want %q", r.Feed.LastError, "connection refused")
	}
	for _, h := range []Health{r.Feed.Health(fx.clock.Now()), r.Feed.Health(fx.clock.Now().Add(48 * time.Hour))} {
		if strings.Contains(h.Text, host) || strings.Contains(h.Text, "dial") {
			t.Errorf("health %q shows the raw error", h.Text)
		}
	}
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&StatusError{URL: "https://kestrelpost.example/feed.xml", Status: 404}, (&StatusError{URL: "https://kestrelpost.example/feed.xml", Status: 404}).Error()},
		{errors.New("https://kestrelpost.example/: not a feed (an HTML page): give the feed's own address"), "https://kestrelpost.example/: not a feed (an HTML page): give the feed's own address"},
		{fmt.Errorf("GET x: %w", &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(10, 0, 0, 7), Port: 443}, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), "connection refused"},
		{fmt.Errorf("GET x: %w", &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(203, 0, 113, 5), Port: 443}, Err: os.NewSyscallError("connect", syscall.EHOSTUNREACH)}), "the site could not be reached"},
		{fmt.Errorf("GET x: %w", os.NewSyscallError("connect", syscall.ENETUNREACH)), "the site could not be reached"},
		// Stands for Windows, where a refused or reset connection is a WSA
		// errno that syscall.ECONNREFUSED does not match.
		{fmt.Errorf("GET x: %w", &net.OpError{Op: "read", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(203, 0, 113, 5), Port: 443}, Err: errors.New("wsarecv: An existing connection was forcibly closed")}), "the site could not be reached"},
		{fmt.Errorf("GET x: %w", &net.OpError{Op: "dial", Net: "tcp", Err: fmt.Errorf("10.0.0.7 is not a public address (set COVERAGE_FETCH_ALLOW_PRIVATE=1 to fetch it): %w", ErrForbiddenAddress)}),
			"GET x: dial tcp: 10.0.0.7 is not a public address (set COVERAGE_FETCH_ALLOW_PRIVATE=1 to fetch it): " + ErrForbiddenAddress.Error()},
	} {
		if got := ErrorText(tt.err); got != tt.want {
			t.Errorf("ErrorText(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
