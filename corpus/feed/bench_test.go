package feed

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var benchFeeds = flag.Int("bench-feeds", 100, "feeds in BenchmarkPoll (the issue's figure is at 1000)")

// BenchmarkPoll measures the whole path a feed pass takes — fetch from a
// loopback news web, parse, robots.txt, fetch each new page, extract and
// clean it, write it, record it — at -bench-feeds feeds of 10 items each,
// once all are taken in and then 1 item in 10 is new: feeds a minute and
// new articles a second in a steady pass. Indexing is measured by
// search's benchmarks and coveragebot bench.
func BenchmarkPoll(b *testing.B) {
	const items = 10
	var edition atomic.Int64 // bumped to publish one new item per feed
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case strings.HasPrefix(r.URL.Path, "/f/"):
			i := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/f/"), ".xml")
			ed := int(edition.Load())
			etag := `"` + strconv.Itoa(ed) + `"`
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			var sb strings.Builder
			fmt.Fprintf(&sb, `<rss version="2.0"><channel><title>Outlet %s</title>`, i)
			for j := ed; j < ed+items; j++ {
				fmt.Fprintf(&sb, `<item><title>Story %d of outlet %s</title><link>/a/%s/%d.html</link><guid>%s-%d</guid><pubDate>%s</pubDate></item>`,
					j, i, i, j, i, j, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(j)*time.Hour).Format(time.RFC1123Z))
			}
			sb.WriteString(`</channel></rss>`)
			w.Header().Set("Content-Type", "application/rss+xml")
			_, _ = w.Write([]byte(sb.String()))
		case strings.HasPrefix(r.URL.Path, "/a/"):
			id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/a/"), ".html")
			fmt.Fprintf(w, `<!doctype html><html><head><meta charset="utf-8"><title>Story %[1]s</title></head><body><nav><a href="/">Home</a></nav><article><h1>Story %[1]s</h1>
<p>The council said on Tuesday that story %[1]s would be followed by repairs to the bridge over the river before the spring.</p>
<p>"We will not reopen the bridge until the engineers tell us it is safe," Councillor Ann Cole said of case %[1]s.</p>
<p>Residents face a twelve-mile detour while the work goes on, the council said, and buses will be rerouted through the town.</p>
</article><footer>Copyright 2026</footer></body></html>`, id)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		edition.Store(0)
		store := &MemStore{}
		f, err := NewFetcher(Options{UserAgent: testAgent, AllowPrivate: true, MinInterval: time.Nanosecond})
		if err != nil {
			b.Fatal(err)
		}
		p, err := NewPoller(PollerConfig{Store: store, Fetcher: f, Agent: "CoverageBot", Corpus: b.TempDir(), Workers: 8})
		if err != nil {
			b.Fatal(err)
		}
		for i := range *benchFeeds {
			if err := store.PutFeed(ctx, Source{URL: fmt.Sprintf("%s/f/%d.xml", srv.URL, i), Name: fmt.Sprintf("Outlet %d", i)}); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := p.Poll(ctx, true, nil); err != nil { // everything taken in
			b.Fatal(err)
		}
		edition.Store(1) // one new item in each feed
		b.StartTimer()
		start := time.Now()
		results, err := p.Poll(ctx, true, nil)
		took := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		newArticles := 0
		for _, r := range results {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
			newArticles += r.New
		}
		if newArticles != *benchFeeds {
			b.Fatalf("%d new articles, want %d", newArticles, *benchFeeds)
		}
		b.ReportMetric(float64(len(results))/took.Minutes(), "feeds/min")
		b.ReportMetric(float64(newArticles)/took.Seconds(), "articles/s")
		f.Close()
	}
}
