package bot

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// TestDigestForumPostSentAgainWhenNeverWritten: a forum post whose request
// failed before it was written (a TLS handshake, a proxy's CONNECT) cannot
// have been made, so the scheduler's next attempt posts the day's digest
// whole instead of giving it up as "may be missing".
func TestDigestForumPostSentAgainWhenNeverWritten(t *testing.T) {
	tests := []struct {
		name string
		bad  func(t *testing.T) http.RoundTripper // the first forum post goes through it
	}{
		{"not TLS", func(t *testing.T) http.RoundTripper {
			return dialing(serveConns(t, func(c net.Conn) { _, _ = c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n")) }), 0)
		}},
		{"TLS handshake timeout", func(t *testing.T) http.RoundTripper {
			return dialing(serveConns(t, func(c net.Conn) { _, _ = c.Read(make([]byte, 4096)) }), 20*time.Millisecond)
		}},
		{"certificate not trusted", func(t *testing.T) http.RoundTripper {
			srv := httptest.NewUnstartedServer(http.NotFoundHandler())
			srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake
			srv.StartTLS()
			t.Cleanup(srv.Close)
			return dialing(srv.Listener.Addr().String(), 0)
		}},
		{"proxy refuses CONNECT", func(t *testing.T) http.RoundTripper {
			proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "upstream unreachable", http.StatusBadGateway)
			}))
			t.Cleanup(proxy.Close)
			u, _ := url.Parse(proxy.URL)
			return &http.Transport{Proxy: http.ProxyURL(u)}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			const forum = "1200000000000000151"
			srv, store, clock, d, parts := newForumDigest(t, forum)
			session := srv.Session(srv.Token())
			session.Client = &http.Client{Transport: &firstThreadVia{bad: tt.bad(t), next: srv.Transport()}}
			sched := newFakeDiscordScheduler(t, srv, store, clock, digestSource{d}, SessionSender{Session: session})
			for _, at := range []time.Time{clock.Now().Add(time.Hour), clock.Now().Add(3 * time.Hour)} {
				clock.Set(at)
				sched.RunDue(ctx)
			}

			if n := len(srv.RequestsMatching(discordtest.All(discordtest.OnRoute(discordtest.RouteThreadCreate), discordtest.Succeeded))); n != 1 {
				t.Fatalf("%d forum posts started, want 1", n)
			}
			post, _, _ := store.Post(ctx, srv.GuildID(), forum, "2026-05-01")
			if post.State != PostSent || len(post.Messages) != parts || post.LastError != "" {
				t.Errorf("ledger = %+v; want sent, all %d parts, no note", post, parts)
			}
			srv.AssertClean(t)
		})
	}
}

// firstThreadVia sends the first request that starts a forum post through
// bad, and everything else through next.
type firstThreadVia struct {
	bad, next http.RoundTripper
	mu        sync.Mutex
	used      bool
}

func (f *firstThreadVia) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/threads") {
		f.mu.Lock()
		first := !f.used
		f.used = true
		f.mu.Unlock()
		if first {
			return f.bad.RoundTrip(r)
		}
	}
	return f.next.RoundTrip(r)
}

// dialing is a transport that connects to addr whatever the request's
// host, so its TLS handshake is with whatever listens there.
func dialing(addr string, handshakeTimeout time.Duration) *http.Transport {
	return &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
		TLSHandshakeTimeout: handshakeTimeout,
	}
}

// serveConns listens on a local port and hands each connection to serve,
// closing it after; it returns the address.
func serveConns(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		_ = ln.Close()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				serve(c)
			}()
		}
	}()
	return ln.Addr().String()
}
