package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// newsWeb is the test news web: made-up outlets' feeds in every format,
// their article pages and robots.txt from testdata/web (with {{base}}
// filled in), served on 127.0.0.1 with validators and 304s, plus the
// misbehaviour real sites show, on fixed paths:
//
//	/busy/feed.xml        429 with Retry-After: 7 once, then the Kestrel feed
//	/flaky/feed.xml       503 twice, then the Kestrel feed
//	/down/feed.xml        500 always
//	/closed/feed.xml      429 with Retry-After: 3600 (longer than anyone waits)
//	/gone/feed.xml        404
//	/moved/feed.xml       301 to /kestrel/feed.xml
//	/chain/N              N redirects, then the Kestrel feed
//	/loop/a, /loop/b      redirect to each other
//	/to-ftp               302 to an ftp:// url
//	/to-other-ip          302 to 127.0.0.2 on the same port
//	/to-localhost/*       302 to * at localhost on the same port (another host)
//	/bomb/feed.xml        gzip bomb: 20 KB on the wire, 20 MB unpacked
//	/bomb/sitemap.xml.gz  the same bomb as a gzip file, not an encoding
//	/*.xml.gz             the file without .gz, gzipped (sitemaps)
//	/big/feed.xml         Content-Length over any cap
//	/slow/feed.xml        headers at once, then a body that never ends
//	/courier/news/*       403 (a site that blocks bots)
//	/huge-item/feed.xml   one item of 1.7 MB of text whose page is gone (404)
//	/pw/*.html            302 to the sign-in page /login.html?next=… (a paywall)
//	/members/*            the sign-in page itself, at the article's url
//
// Every request is counted by path, with its User-Agent and the largest
// number of requests in flight at once.
type newsWeb struct {
	*httptest.Server
	t *testing.T

	mu        sync.Mutex
	hits      map[string]int
	agents    map[string]bool
	inFlight  int
	maxFlight int
	// edit, when set, rewrites a static file's body before it is served
	// (a feed whose items change).
	edit func(name string, body []byte) []byte
	// robotsDown, when set, answers robots.txt at localhost (another site
	// on the same port) with a 503.
	robotsDown bool
}

var lastModified = time.Date(2026, 2, 10, 12, 0, 0, 0, time.UTC)

func newNewsWeb(t *testing.T) *newsWeb {
	t.Helper()
	w := &newsWeb{t: t, hits: map[string]int{}, agents: map[string]bool{}}
	w.Server = httptest.NewServer(http.HandlerFunc(w.serve))
	t.Cleanup(w.Close)
	return w
}

// Hits returns how many requests p received.
func (w *newsWeb) Hits(p string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits[p]
}

func (w *newsWeb) serve(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	w.hits[r.URL.Path]++
	n := w.hits[r.URL.Path]
	w.agents[r.UserAgent()] = true
	w.inFlight++
	w.maxFlight = max(w.maxFlight, w.inFlight)
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.inFlight--
		w.mu.Unlock()
	}()

	p := r.URL.Path
	w.mu.Lock()
	robotsDown := w.robotsDown
	w.mu.Unlock()
	switch {
	case p == "/robots.txt" && robotsDown && strings.HasPrefix(r.Host, "localhost"):
		http.Error(rw, "down for maintenance", http.StatusServiceUnavailable)
	case p == "/robots-down/feed.xml":
		// one item whose page is on another site (localhost), whose
		// robots.txt may be down
		rw.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(rw, `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Herald</title>
<item><title>Bridge closed</title><link>http://localhost:%s/kestrel/news/bridge-closed.html</link><guid>hh-1</guid><pubDate>Tue, 10 Feb 2026 09:00:00 GMT</pubDate>
<description>The Old Mill Bridge is closed, the mayor said.</description></item>
</channel></rss>`, portOf(w.URL))
	case p == "/busy/feed.xml" && n == 1:
		rw.Header().Set("Retry-After", "7")
		http.Error(rw, "slow down", http.StatusTooManyRequests)
	case p == "/flaky/feed.xml" && n <= 2:
		http.Error(rw, "try again", http.StatusServiceUnavailable)
	case p == "/busy/feed.xml", p == "/flaky/feed.xml":
		w.static(rw, r, "kestrel/feed.xml")
	case p == "/down/feed.xml":
		http.Error(rw, "oops", http.StatusInternalServerError)
	case p == "/failing-page/feed.xml":
		// one item whose page always fails
		rw.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(rw, `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken Bugle</title>
<item><title>Ferry cancelled</title><link>%s/failing-page/ferry.html</link><guid>bb-1</guid><pubDate>Tue, 10 Feb 2026 09:00:00 GMT</pubDate>
<description>The Frobnitz ferry was cancelled for the third day running because of storms in the estuary, operator spokesman Dag Hallvard said on Tuesday.</description></item>
</channel></rss>`, w.URL)
	case p == "/rate-limited/feed.xml":
		// one item whose page is on a host that asks to wait, always
		rw.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(rw, `<?xml version="1.0"?><rss version="2.0"><channel><title>Busy Bee</title>
<item><title>Bypass opens</title><link>http://localhost:%s/rate-limited/page.html</link><guid>bee-1</guid><pubDate>Tue, 10 Feb 2026 09:00:00 GMT</pubDate>
<description>The Harnmoor bypass opened on Tuesday, two years late, said council leader Edwina Faulks, who cut the ribbon.</description></item>
</channel></rss>`, portOf(w.URL))
	case p == "/rate-limited/page.html":
		rw.Header().Set("Retry-After", "60")
		http.Error(rw, "slow down", http.StatusTooManyRequests)
	case p == "/huge-item/feed.xml":
		rw.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(rw, `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge Herald</title>
<item><title>River rises</title><link>%s/huge-item/gone.html</link><guid>hh-1</guid><pubDate>Tue, 10 Feb 2026 09:00:00 GMT</pubDate>
<description>%s</description></item>
</channel></rss>`, w.URL, strings.Repeat("The river rose again overnight near Kells. ", 40000))
	case p == "/failing-page/ferry.html":
		http.Error(rw, "oops", http.StatusBadGateway)
	case p == "/closed/feed.xml":
		rw.Header().Set("Retry-After", "3600")
		http.Error(rw, "come back tomorrow", http.StatusTooManyRequests)
	case p == "/moved/feed.xml":
		http.Redirect(rw, r, "/kestrel/feed.xml", http.StatusMovedPermanently)
	case strings.HasPrefix(p, "/chain/"):
		left, _ := strconv.Atoi(strings.TrimPrefix(p, "/chain/"))
		if left <= 0 {
			w.static(rw, r, "kestrel/feed.xml")
			return
		}
		http.Redirect(rw, r, fmt.Sprintf("/chain/%d", left-1), http.StatusFound)
	case p == "/loop/a":
		http.Redirect(rw, r, "/loop/b", http.StatusFound)
	case p == "/loop/b":
		http.Redirect(rw, r, "/loop/a", http.StatusFound)
	case p == "/to-ftp":
		http.Redirect(rw, r, "ftp://127.0.0.1/feed.xml", http.StatusFound)
	case strings.HasPrefix(p, "/to-localhost/"):
		http.Redirect(rw, r, "http://localhost:"+portOf(w.URL)+strings.TrimPrefix(p, "/to-localhost"), http.StatusFound)
	case p == "/to-other-ip":
		http.Redirect(rw, r, "http://127.0.0.2:"+portOf(w.URL)+"/kestrel/feed.xml", http.StatusFound)
	case p == "/bomb/feed.xml":
		rw.Header().Set("Content-Encoding", "gzip")
		rw.Header().Set("Content-Type", "application/rss+xml")
		_, _ = rw.Write(gzipBomb())
	case p == "/big/feed.xml":
		rw.Header().Set("Content-Length", strconv.Itoa(50<<20))
		_, _ = rw.Write([]byte("<rss>"))
	case p == "/slow/feed.xml":
		rw.Header().Set("Content-Type", "application/rss+xml")
		_, _ = rw.Write([]byte("<rss><channel>"))
		rw.(http.Flusher).Flush()
		<-r.Context().Done()
	case strings.HasSuffix(p, ".xml.gz"):
		// A gzip file as such (sitemaps), not a Content-Encoding.
		rw.Header().Set("Content-Type", "application/gzip")
		if p == "/bomb/sitemap.xml.gz" {
			_, _ = rw.Write(gzipBomb())
			return
		}
		data, err := os.ReadFile(filepath.Join("testdata", "web", filepath.FromSlash(strings.TrimSuffix(strings.TrimPrefix(p, "/"), ".gz"))))
		if err != nil {
			http.NotFound(rw, r)
			return
		}
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		_, _ = zw.Write(bytes.ReplaceAll(data, []byte("{{base}}"), []byte(w.URL)))
		_ = zw.Close()
		_, _ = rw.Write(b.Bytes())
	case strings.HasPrefix(p, "/pw/") && strings.HasSuffix(p, ".html"):
		http.Redirect(rw, r, "/login.html?next="+url.QueryEscape(p), http.StatusFound)
	case strings.HasPrefix(p, "/members/"):
		w.static(rw, r, "login.html")
	case strings.HasPrefix(p, "/courier/news/"):
		http.Error(rw, "bots not welcome", http.StatusForbidden)
	default:
		name := strings.TrimPrefix(path.Clean(p), "/")
		if name == "" || strings.HasSuffix(p, "/") {
			name = path.Join(name, "index.html")
		}
		w.static(rw, r, name)
	}
}

// static serves a file of testdata/web with validators; a request carrying
// them gets 304 while the file is unchanged.
func (w *newsWeb) static(rw http.ResponseWriter, r *http.Request, name string) {
	data, err := os.ReadFile(filepath.Join("testdata", "web", filepath.FromSlash(name)))
	if err != nil {
		http.NotFound(rw, r)
		return
	}
	data = bytes.ReplaceAll(data, []byte("{{base}}"), []byte(w.URL))
	w.mu.Lock()
	edit := w.edit
	w.mu.Unlock()
	if edit != nil {
		data = edit(name, data)
	}
	sum := sha256.Sum256(data)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	rw.Header().Set("ETag", etag)
	rw.Header().Set("Last-Modified", lastModified.Format(http.TimeFormat))
	if r.Header.Get("If-None-Match") == etag {
		rw.WriteHeader(http.StatusNotModified)
		return
	}
	switch path.Ext(name) {
	case ".xml":
		rw.Header().Set("Content-Type", "application/rss+xml")
	case ".atom":
		rw.Header().Set("Content-Type", "application/atom+xml")
	case ".json":
		rw.Header().Set("Content-Type", "application/feed+json")
	case ".html":
		rw.Header().Set("Content-Type", "text/html") // the page's meta names its charset
	default:
		rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	_, _ = rw.Write(data)
}

var gzipBomb = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, _ = zw.Write([]byte("<rss><channel><title>"))
	zero := make([]byte, 1<<20)
	for range 20 {
		_, _ = zw.Write(zero)
	}
	_ = zw.Close()
	return b.Bytes()
})

func portOf(u string) string { return u[strings.LastIndexByte(u, ':')+1:] }

// fakeClock is a clock that moves only when something sleeps on it.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 2, 12, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return nil
}

// Advance moves the clock on by d.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Slept returns the waits so far and forgets them.
func (c *fakeClock) Slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.slept
	c.slept = nil
	return s
}

const testAgent = "CoverageBot/1 (+https://coveragebot.example/contact)"

// newTestFetcher returns a fetcher for the news web: private addresses
// allowed (it is on 127.0.0.1), a fake clock, jitter fixed at the middle.
func newTestFetcher(t *testing.T, clock *fakeClock, change func(*Options)) *Fetcher {
	t.Helper()
	opts := Options{UserAgent: testAgent, AllowPrivate: true, Clock: clock, MinInterval: time.Second, Backoff: 2 * time.Second,
		MaxBytes: 1 << 20, BodyTimeout: 5 * time.Second}
	if change != nil {
		change(&opts)
	}
	f, err := NewFetcher(opts)
	if err != nil {
		t.Fatal(err)
	}
	f.jitter = func() float64 { return 0.5 }
	t.Cleanup(f.Close)
	return f
}
