package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// Options say how a Fetcher behaves. The zero value of each field but
// UserAgent means its default.
type Options struct {
	// UserAgent names the bot and says how to reach its operator, e.g.
	// "CoverageBot/1 (+https://example.org/coveragebot)". Required.
	UserAgent string
	// AllowPrivate lets the fetcher dial loopback, private, link-local and
	// other non-public addresses. Off, a feed url cannot reach into the
	// host's own network; tests turn it on for 127.0.0.1.
	AllowPrivate bool
	// MinInterval is the least time between two requests to one host
	// (default 2 s). Requests to one host never overlap.
	MinInterval time.Duration
	// MaxBytes caps a response body, counted after decompression
	// (default 5 MB).
	MaxBytes int64
	// Retries is how many times a request is tried again after a network
	// error, a 5xx or a 429 (default 3; -1 for none).
	Retries int
	// Backoff is the first wait before a retry, doubled each time, with
	// full jitter (default 2 s).
	Backoff time.Duration
	// MaxWait is the longest Retry-After the fetcher waits for itself
	// (default 2 min); a longer one ends the request with a *StatusError
	// carrying it, for the caller to come back later.
	MaxWait time.Duration
	// Timeouts: connecting (default 10 s), the response headers after the
	// request is sent (default 20 s), and the whole body (default 30 s).
	DialTimeout, HeaderTimeout, BodyTimeout time.Duration
	// Clock tells the time and waits; nil is the real clock.
	Clock Clock
}

// Clock is the time as the fetcher and the poller see it; tests inject
// one that moves only when told.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, whichever is first.
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Errors the fetcher returns, for errors.Is.
var (
	ErrForbiddenAddress = errors.New("feed: address not allowed")
	ErrScheme           = errors.New("feed: only http and https urls are fetched")
	ErrTooManyRedirects = errors.New("feed: too many redirects")
	ErrTooLarge         = errors.New("feed: response too large")
	ErrSlowBody         = errors.New("feed: response body too slow")
	// ErrRobots: a redirect leads to a page the robots.txt of its site
	// disallows (Request.Allowed said no).
	ErrRobots = errors.New("feed: robots.txt disallows the page")
	// ErrRobotsUnreachable: the site's robots.txt could not be fetched
	// (a 5xx, the network), so none of its pages may be for now.
	ErrRobotsUnreachable = errors.New("feed: robots.txt cannot be fetched")
)

// maxRedirects is how many redirects one request follows.
const maxRedirects = 5

// StatusError is an HTTP answer other than 2xx and 304.
type StatusError struct {
	URL    string
	Status int
	// RetryAfter is the server's Retry-After, 0 when it sent none.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("GET %s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// Request is one GET. ETag and LastModified, when set, make it conditional.
type Request struct {
	URL          string
	ETag         string
	LastModified string
	// Accept is the Accept header; "" sends */*.
	Accept string
	// Allowed, when set, is asked before each redirect is followed
	// whether the page it leads to may be fetched (Robots.Allowed: the
	// robots.txt of the site it leads to); no ends the request with
	// ErrRobots. The url asked for itself is the caller's to check.
	Allowed func(ctx context.Context, url string) (bool, error)
}

// Response is a fetched document.
type Response struct {
	// URL is where the document was found, after redirects.
	URL         string
	Status      int
	ContentType string
	// ETag and LastModified are the validators to send next time.
	ETag, LastModified string
	// NotModified reports a 304: nothing new since the validators sent.
	NotModified bool
	Body        []byte
}

// Fetcher GETs feeds and pages politely and safely: one request at a time
// per host with a minimum interval, retries with exponential backoff and
// jitter, Retry-After honoured, bodies capped, redirects limited, and only
// public addresses dialled unless Options.AllowPrivate. It is safe for
// concurrent use.
type Fetcher struct {
	opts   Options
	clock  Clock
	client *http.Client
	// allow reports whether an address may be dialled; tests narrow it.
	allow func(netip.Addr) bool
	// jitter returns a random fraction in [0, 1).
	jitter func() float64

	mu    sync.Mutex
	hosts map[string]*hostGate
}

// hostGate serialises the requests to one host.
type hostGate struct {
	sem  chan struct{}
	next time.Time // no request before this
	// asked reports that next is the host's own Retry-After.
	asked bool
}

// NewFetcher returns a fetcher with opts, defaults filled in.
func NewFetcher(opts Options) (*Fetcher, error) {
	if strings.TrimSpace(opts.UserAgent) == "" {
		return nil, errors.New("feed: no User-Agent: name the bot and a contact url, e.g. CoverageBot/1 (+https://example.org/contact)")
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&opts.MinInterval, 2*time.Second)
	def(&opts.Backoff, 2*time.Second)
	def(&opts.MaxWait, 2*time.Minute)
	def(&opts.DialTimeout, 10*time.Second)
	def(&opts.HeaderTimeout, 20*time.Second)
	def(&opts.BodyTimeout, 30*time.Second)
	if opts.MaxBytes == 0 {
		opts.MaxBytes = 5 << 20
	}
	if opts.Retries == 0 {
		opts.Retries = 3
	}
	f := &Fetcher{opts: opts, clock: opts.Clock, jitter: rand.Float64, hosts: map[string]*hostGate{}}
	if f.clock == nil {
		f.clock = realClock{}
	}
	f.allow = publicAddr
	if opts.AllowPrivate {
		f.allow = func(netip.Addr) bool { return true }
	}
	dialer := &net.Dialer{Timeout: opts.DialTimeout, Control: f.control}
	transport := &http.Transport{
		// No proxy from the environment: the address checks are on what
		// this process dials.
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    opts.DialTimeout,
		ResponseHeaderTimeout:  opts.HeaderTimeout,
		MaxIdleConnsPerHost:    1,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}
	// Redirects are followed by follow, each as a request of its own: it
	// waits its turn at the host it goes to and is checked first.
	f.client = &http.Client{Transport: transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return f, nil
}

// Close releases idle connections.
func (f *Fetcher) Close() { f.client.CloseIdleConnections() }

// control runs on every address the dialer is about to connect to: after
// DNS, and again for every redirect's new connection.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !f.allow(addr.Unmap()) {
		return fmt.Errorf("%w: %s is not a public address (set COVERAGE_FETCH_ALLOW_PRIVATE=1 to fetch from your own network)", ErrForbiddenAddress, host)
	}
	return nil
}

// nonPublic are address blocks that are not the public internet, beyond
// what netip's predicates cover.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can reach IPv4 private space
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// publicAddr reports whether addr is on the public internet.
func publicAddr(addr netip.Addr) bool {
	if !addr.IsValid() || addr.IsLoopback() || addr.IsPrivate() || addr.IsLinkLocalUnicast() ||
		addr.IsLinkLocalMulticast() || addr.IsInterfaceLocalMulticast() || addr.IsMulticast() || addr.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(addr) {
			return false
		}
	}
	return true
}

// Get fetches req.URL, retrying what is worth retrying. A 304 is a
// Response with NotModified; any other non-2xx answer is a *StatusError.
func (f *Fetcher) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, fmt.Errorf("url %q: %w", req.URL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("%w: %q", ErrScheme, req.URL)
	}
	for attempt := 0; ; attempt++ {
		resp, err := f.follow(ctx, u, req)
		if err == nil {
			return resp, nil
		}
		if !retryable(err) || attempt >= f.opts.Retries || ctx.Err() != nil {
			return nil, err
		}
		wait := f.backoff(attempt)
		var se *StatusError
		if errors.As(err, &se) && se.RetryAfter > 0 {
			if se.RetryAfter > f.opts.MaxWait {
				return nil, err
			}
			wait = se.RetryAfter
		}
		if err := f.clock.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// backoff is the wait before retry number attempt+1: full jitter over an
// exponentially growing window.
func (f *Fetcher) backoff(attempt int) time.Duration {
	window := f.opts.Backoff << min(attempt, 10)
	return time.Duration(float64(window) * (0.5 + f.jitter()/2))
}

// retryable reports whether a failed request may succeed if tried again.
func retryable(err error) bool {
	if errors.Is(err, ErrRobotsUnreachable) {
		// a redirect's robots.txt, kept as down for an hour: asking the
		// page again now cannot help (the item is tried on a later pass)
		return false
	}
	var se *StatusError
	if errors.As(err, &se) {
		switch se.Status {
		case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
			http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	for _, e := range []error{ErrForbiddenAddress, ErrScheme, ErrTooManyRedirects, ErrTooLarge, ErrRobots, context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, e) {
			return false
		}
	}
	return true // network errors, timeouts, slow bodies
}

// gate returns the gate of host.
func (f *Fetcher) gate(host string) *hostGate {
	f.mu.Lock()
	defer f.mu.Unlock()
	g := f.hosts[host]
	if g == nil {
		g = &hostGate{sem: make(chan struct{}, 1)}
		f.hosts[host] = g
	}
	return g
}

// follow makes the request and follows its redirects, at most
// maxRedirects, only to http and https: each is a request of its own,
// waiting its turn at the host it goes to (not the host of the url asked
// for), and req.Allowed is asked first.
func (f *Fetcher) follow(ctx context.Context, u *url.URL, req Request) (*Response, error) {
	start := u
	for hops := 0; ; hops++ {
		resp, next, err := f.once(ctx, u, req)
		if err != nil || next == nil {
			return resp, err
		}
		switch {
		case hops == maxRedirects:
			return nil, fmt.Errorf("GET %s: %w: more than %d", start, ErrTooManyRedirects, maxRedirects)
		case next.Scheme != "http" && next.Scheme != "https" || next.Host == "":
			return nil, fmt.Errorf("GET %s: %w: redirected to %s", start, ErrScheme, next)
		case req.Allowed != nil:
			ok, err := req.Allowed(ctx, next.String())
			if err != nil {
				return nil, fmt.Errorf("GET %s: redirected to %s: %w", start, next, err)
			}
			if !ok {
				return nil, fmt.Errorf("GET %s: redirected to %s: %w", start, next, ErrRobots)
			}
		}
		u = next
	}
}

// once makes one request, waiting its turn at the host. A redirect is no
// Response but the url it leads to.
func (f *Fetcher) once(ctx context.Context, u *url.URL, req Request) (*Response, *url.URL, error) {
	g := f.gate(strings.ToLower(u.Host))
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	defer func() { <-g.sem }()
	if wait := g.next.Sub(f.clock.Now()); wait > 0 {
		if g.asked && wait > f.opts.MaxWait {
			// Still inside a long Retry-After the host sent: no request,
			// and the caller comes back later.
			return nil, nil, &StatusError{URL: u.String(), Status: http.StatusTooManyRequests, RetryAfter: wait}
		}
		if err := f.clock.Sleep(ctx, wait); err != nil {
			return nil, nil, err
		}
	}
	resp, next, err := f.do(ctx, u, req)
	g.next, g.asked = f.clock.Now().Add(f.opts.MinInterval), false
	var se *StatusError
	if errors.As(err, &se) && se.RetryAfter > 0 {
		// The host asked everyone to wait, not only this request.
		g.next, g.asked = f.clock.Now().Add(se.RetryAfter), true
	}
	return resp, next, err
}

// do makes one request: a document, or the url a redirect leads to.
func (f *Fetcher) do(ctx context.Context, u *url.URL, req Request) (*Response, *url.URL, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %w", u, err)
	}
	hr.Header.Set("User-Agent", f.opts.UserAgent)
	hr.Header.Set("Accept", first(req.Accept, "*/*"))
	if req.ETag != "" {
		hr.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hr.Header.Set("If-Modified-Since", req.LastModified)
	}
	resp, err := f.client.Do(hr)
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %w", u, err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		if next, err := resp.Location(); err == nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			return nil, next, nil
		}
	}
	out, err := f.read(resp, cancel)
	return out, nil, err
}

// read reads a response that is no redirect; cancel ends its request, when
// the body is too slow.
func (f *Fetcher) read(resp *http.Response, cancel context.CancelFunc) (*Response, error) {
	out := &Response{
		URL: resp.Request.URL.String(), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &StatusError{URL: out.URL, Status: resp.StatusCode, RetryAfter: f.retryAfter(resp.Header.Get("Retry-After"))}
	}
	if resp.ContentLength > f.opts.MaxBytes && resp.Header.Get("Content-Encoding") == "" {
		return nil, fmt.Errorf("GET %s: %w: %d bytes, the limit is %d", out.URL, ErrTooLarge, resp.ContentLength, f.opts.MaxBytes)
	}
	var slow atomic.Bool
	timer := time.AfterFunc(f.opts.BodyTimeout, func() { slow.Store(true); cancel() })
	// The transport has already undone any gzip: the cap counts the bytes
	// as they will be kept, so a small compressed bomb is cut at the cap.
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	stopped := timer.Stop()
	switch {
	case err != nil && !stopped && slow.Load():
		return nil, fmt.Errorf("GET %s: %w: not received within %s", out.URL, ErrSlowBody, f.opts.BodyTimeout)
	case err != nil:
		return nil, fmt.Errorf("GET %s: read body: %w", out.URL, err)
	case int64(len(body)) > f.opts.MaxBytes:
		return nil, fmt.Errorf("GET %s: %w: more than %d bytes (decompressed)", out.URL, ErrTooLarge, f.opts.MaxBytes)
	}
	if len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b {
		// A gzip file served as such (sitemap.xml.gz), not as an encoding:
		// unpacked here, the cap counting the unpacked bytes.
		if body, err = gunzip(body, f.opts.MaxBytes); err != nil {
			return nil, fmt.Errorf("GET %s: %w", out.URL, err)
		}
	}
	out.Body = body
	return out, nil
}

// gunzip unpacks a gzip file of at most max bytes unpacked.
func gunzip(data []byte, max int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("unpack gzip: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, max+1))
	if err != nil {
		return nil, fmt.Errorf("unpack gzip: %w", err)
	}
	if int64(len(out)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes unpacked", ErrTooLarge, max)
	}
	return out, nil
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func (f *Fetcher) retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(f.clock.Now()); d > 0 {
			return d
		}
	}
	return 0
}

// DecodeHTML returns a page as UTF-8 text, its character set taken from
// the Content-Type header, a byte order mark or the page's <meta charset>;
// a page that names none is UTF-8 when it is valid UTF-8, else
// windows-1252, as browsers read it.
func DecodeHTML(body []byte, contentType string) string {
	enc, _, certain := charset.DetermineEncoding(body, contentType)
	if !certain && utf8.Valid(body) {
		return string(body)
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return strings.ToValidUTF8(string(body), "\uFFFD")
	}
	return string(out)
}
