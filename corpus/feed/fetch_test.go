package feed

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFetchAnswers(t *testing.T) {
	s := time.Second
	tests := []struct {
		path     string
		bodyTime time.Duration
		wantErr  error // nil: a body holding "Kestrel"
		status   int   // for a *StatusError
		hits     int   // requests the news web received
		slept    []time.Duration
	}{
		{path: "/kestrel/feed.xml", hits: 1},
		{path: "/busy/feed.xml", hits: 2, slept: []time.Duration{7 * s}},
		// Backoff 2 s doubling with jitter fixed at 0.75 of the window.
		{path: "/flaky/feed.xml", hits: 3, slept: []time.Duration{1500 * time.Millisecond, 3 * s}},
		{path: "/down/feed.xml", status: 500, hits: 4, slept: []time.Duration{1500 * time.Millisecond, 3 * s, 6 * s}},
		{path: "/closed/feed.xml", status: 429, hits: 1},
		{path: "/gone/feed.xml", status: 404, hits: 1},
		// A redirect is a request like any other: it waits its turn at its
		// host (1 s apart, the test fetcher's interval).
		{path: "/moved/feed.xml", hits: 1, slept: []time.Duration{s}},
		{path: "/chain/5", hits: 1, slept: []time.Duration{s, s, s, s, s}},
		{path: "/chain/6", wantErr: ErrTooManyRedirects, hits: 1, slept: []time.Duration{s, s, s, s, s}},
		{path: "/loop/a", wantErr: ErrTooManyRedirects, hits: 3, slept: []time.Duration{s, s, s, s, s}}, // a b a b a b: five redirects followed
		{path: "/to-ftp", wantErr: ErrScheme, hits: 1},
		{path: "/bomb/feed.xml", wantErr: ErrTooLarge, hits: 1},
		{path: "/bomb/sitemap.xml.gz", wantErr: ErrTooLarge, hits: 1},
		{path: "/big/feed.xml", wantErr: ErrTooLarge, hits: 1},
		{path: "/slow/feed.xml", bodyTime: 50 * time.Millisecond, wantErr: ErrSlowBody, hits: 4,
			slept: []time.Duration{1500 * time.Millisecond, 3 * s, 6 * s}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			web := newNewsWeb(t)
			clock := newFakeClock()
			f := newTestFetcher(t, clock, func(o *Options) {
				if tt.bodyTime > 0 {
					o.BodyTimeout = tt.bodyTime
				}
			})
			resp, err := f.Get(context.Background(), Request{URL: web.URL + tt.path})
			var se *StatusError
			switch {
			case tt.status != 0:
				if !errors.As(err, &se) || se.Status != tt.status {
					t.Fatalf("err = %v, want HTTP %d", err, tt.status)
				}
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
			case err != nil:
				t.Fatal(err)
			case !strings.Contains(string(resp.Body), "The Kestrel Post"):
				t.Fatalf("body %.80q is not the Kestrel feed", resp.Body)
			}
			if hits := web.Hits(tt.path); hits != tt.hits {
				t.Errorf("%d requests to %s, want %d", hits, tt.path, tt.hits)
			}
			if got := fmt.Sprint(clock.Slept()); got != fmt.Sprint(tt.slept) {
				t.Errorf("slept %s, want %v", got, tt.slept)
			}
		})
	}
}

func TestFetchRetryAfterBeyondMaxWait(t *testing.T) {
	web := newNewsWeb(t)
	f := newTestFetcher(t, newFakeClock(), nil)
	_, err := f.Get(context.Background(), Request{URL: web.URL + "/closed/feed.xml"})
	var se *StatusError
	if !errors.As(err, &se) || se.RetryAfter != time.Hour {
		t.Fatalf("err = %v, want a 429 carrying Retry-After 1h for the caller", err)
	}
	// The whole host is left alone for that hour: another page is not
	// requested, and nothing sleeps.
	_, err = f.Get(context.Background(), Request{URL: web.URL + "/kestrel/feed.xml"})
	if !errors.As(err, &se) || se.Status != 429 || se.RetryAfter != time.Hour {
		t.Fatalf("next request to the host: err = %v, want the 429 still in force", err)
	}
	if n := web.Hits("/kestrel/feed.xml"); n != 0 {
		t.Errorf("the host was asked %d times while it asked to be left alone", n)
	}
	if slept := f.clock.(*fakeClock).Slept(); len(slept) != 0 {
		t.Errorf("slept %v", slept)
	}
	f.clock.(*fakeClock).Advance(time.Hour)
	if _, err := f.Get(context.Background(), Request{URL: web.URL + "/kestrel/feed.xml"}); err != nil {
		t.Fatalf("after the hour: %v", err)
	}
}

func TestFetchConditional(t *testing.T) {
	web := newNewsWeb(t)
	f := newTestFetcher(t, newFakeClock(), nil)
	ctx := context.Background()
	first, err := f.Get(ctx, Request{URL: web.URL + "/kestrel/feed.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if first.ETag == "" || first.LastModified == "" || first.NotModified {
		t.Fatalf("first answer: etag %q last-modified %q not-modified %v", first.ETag, first.LastModified, first.NotModified)
	}
	again, err := f.Get(ctx, Request{URL: web.URL + "/kestrel/feed.xml", ETag: first.ETag, LastModified: first.LastModified})
	if err != nil {
		t.Fatal(err)
	}
	if !again.NotModified || len(again.Body) != 0 {
		t.Fatalf("second answer: not-modified %v, %d bytes; want a 304", again.NotModified, len(again.Body))
	}
	if !web.agents[testAgent] || len(web.agents) != 1 {
		t.Errorf("User-Agents seen %v, want only %q", web.agents, testAgent)
	}
}

func TestFetchPerHostPoliteness(t *testing.T) {
	web := newNewsWeb(t)
	clock := newFakeClock()
	f := newTestFetcher(t, clock, func(o *Options) { o.MinInterval = 10 * time.Second })
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.Get(ctx, Request{URL: fmt.Sprintf("%s/kestrel/news/bridge-closed.html?n=%d", web.URL, i)}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if web.maxFlight != 1 {
		t.Errorf("%d requests to one host in flight at once, want 1", web.maxFlight)
	}
	// The first goes at once; each of the other three waits out the
	// interval (the fake clock moves only by those waits).
	if got := fmt.Sprint(clock.Slept()); got != "[10s 10s 10s]" {
		t.Errorf("waits %s, want [10s 10s 10s]", got)
	}
}

func TestFetchForbiddenAddresses(t *testing.T) {
	web := newNewsWeb(t)
	ctx := context.Background()
	strict := newTestFetcher(t, newFakeClock(), func(o *Options) { o.AllowPrivate = false })
	only1 := newTestFetcher(t, newFakeClock(), nil)
	only1.allow = func(a netip.Addr) bool { return a == netip.MustParseAddr("127.0.0.1") }
	tests := []struct {
		name string
		f    *Fetcher
		url  string
	}{
		{"loopback literal", strict, web.URL + "/kestrel/feed.xml"},
		{"name resolving to loopback", strict, "http://localhost:" + portOf(web.URL) + "/kestrel/feed.xml"},
		{"redirect to another address", only1, web.URL + "/to-other-ip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := web.Hits("/kestrel/feed.xml")
			_, err := tt.f.Get(ctx, Request{URL: tt.url})
			if !errors.Is(err, ErrForbiddenAddress) {
				t.Fatalf("err = %v, want %v", err, ErrForbiddenAddress)
			}
			if web.Hits("/kestrel/feed.xml") != before {
				t.Fatal("the forbidden address was reached")
			}
		})
	}
	if _, err := strict.Get(ctx, Request{URL: "file:///etc/passwd"}); !errors.Is(err, ErrScheme) {
		t.Errorf("file url: err = %v, want %v", err, ErrScheme)
	}
}

func TestPublicAddr(t *testing.T) {
	tests := map[string]bool{
		"8.8.8.8": true, "2606:4700:4700::1111": true, "93.184.216.34": true,
		"127.0.0.1": false, "127.8.9.10": false, "::1": false, "10.1.2.3": false, "172.16.0.1": false,
		"192.168.1.1": false, "169.254.169.254": false, "fe80::1": false, "fc00::1": false,
		"100.64.0.1": false, "0.0.0.0": false, "::": false, "224.0.0.1": false, "64:ff9b::a00:1": false,
		"255.255.255.255": false,
	}
	for s, want := range tests {
		if got := publicAddr(netip.MustParseAddr(s)); got != want {
			t.Errorf("publicAddr(%s) = %v, want %v", s, got, want)
		}
	}
	// An IPv4-mapped IPv6 address is checked as the IPv4 address it is.
	f := newTestFetcher(t, newFakeClock(), func(o *Options) { o.AllowPrivate = false })
	if err := f.control("tcp6", "[::ffff:127.0.0.1]:80", nil); !errors.Is(err, ErrForbiddenAddress) {
		t.Errorf("::ffff:127.0.0.1: err = %v, want %v", err, ErrForbiddenAddress)
	}
}

func TestNewFetcherNeedsUserAgent(t *testing.T) {
	if _, err := NewFetcher(Options{}); err == nil {
		t.Fatal("a fetcher without a User-Agent was made")
	}
}

func TestDecodeHTML(t *testing.T) {
	tests := []struct {
		name, contentType, body, want string
	}{
		{"meta windows-1252", "text/html", "<meta charset=\"windows-1252\"><p>Caf\xe9 \x93quoted\x94</p>", "Caf\u00e9 \u201cquoted\u201d"},
		{"header ISO-8859-1", "text/html; charset=ISO-8859-1", "<p>Caf\xe9</p>", "Caf\u00e9"},
		{"header wins over meta", "text/html; charset=utf-8", "<meta charset=\"windows-1252\"><p>Caf\u00e9</p>", "Caf\u00e9"},
		{"undeclared UTF-8", "text/html", "<p>Caf\u00e9</p>", "Caf\u00e9"},
		{"undeclared, not UTF-8", "", "<p>Caf\xe9</p>", "Caf\u00e9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DecodeHTML([]byte(tt.body), tt.contentType)
			if !strings.Contains(got, tt.want) {
				t.Errorf("DecodeHTML = %q, want it to hold %q", got, tt.want)
			}
		})
	}
}

// TestFetchRedirectWaitsAtItsHost: a redirect to another host waits its
// turn there, not at the host of the url asked for.
func TestFetchRedirectWaitsAtItsHost(t *testing.T) {
	web := newNewsWeb(t)
	clock := newFakeClock()
	f := newTestFetcher(t, clock, func(o *Options) { o.MinInterval = 10 * time.Second })
	ctx := context.Background()
	other := "http://localhost:" + portOf(web.URL) // another host name, the same server
	if _, err := f.Get(ctx, Request{URL: other + "/kestrel/feed.xml"}); err != nil {
		t.Fatal(err)
	}
	resp, err := f.Get(ctx, Request{URL: web.URL + "/to-localhost/kestrel/feed.xml"})
	if err != nil || resp.URL != other+"/kestrel/feed.xml" {
		t.Fatalf("Get = %v, %v; want the feed at %s", resp, err, other)
	}
	// 127.0.0.1 was not asked before; localhost was, just now.
	if got := fmt.Sprint(clock.Slept()); got != "[10s]" {
		t.Errorf("waits %s, want [10s]: the redirect waiting its turn at localhost", got)
	}
}

// TestFetchRedirectAllowed: Request.Allowed is asked before each redirect
// is followed, and a no ends the request before the page is asked for.
func TestFetchRedirectAllowed(t *testing.T) {
	web := newNewsWeb(t)
	f := newTestFetcher(t, newFakeClock(), nil)
	var asked []string
	allowed := func(_ context.Context, u string) (bool, error) {
		asked = append(asked, strings.TrimPrefix(u, web.URL))
		return !strings.HasSuffix(u, "/chain/1"), nil
	}
	_, err := f.Get(context.Background(), Request{URL: web.URL + "/chain/3", Allowed: allowed})
	if !errors.Is(err, ErrRobots) || fmt.Sprint(asked) != "[/chain/2 /chain/1]" {
		t.Fatalf("err = %v after asking for %v; want ErrRobots after /chain/2 and /chain/1", err, asked)
	}
	if n := web.Hits("/chain/1"); n != 0 {
		t.Errorf("the page refused was asked for %d times", n)
	}
}

// TestFetchRedirectRobotsDownIsNotRetried: a redirect to a site whose
// robots.txt cannot be fetched (kept as down for an hour) ends the fetch
// at once: asking the page again with backoff cannot help.
func TestFetchRedirectRobotsDownIsNotRetried(t *testing.T) {
	web := newNewsWeb(t)
	web.mu.Lock()
	web.robotsDown = true
	web.mu.Unlock()
	clock := newFakeClock()
	f := newTestFetcher(t, clock, nil)
	robots := NewRobots(f, "CoverageBot")
	_, err := f.Get(context.Background(), Request{URL: web.URL + "/to-localhost/kestrel/news/bridge-closed.html", Allowed: robots.Allowed})
	if !errors.Is(err, ErrRobotsUnreachable) {
		t.Fatalf("err = %v, want ErrRobotsUnreachable", err)
	}
	if n := web.Hits("/to-localhost/kestrel/news/bridge-closed.html"); n != 1 {
		t.Errorf("the page was asked for %d times, want once", n)
	}
}
