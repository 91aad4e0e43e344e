package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus/feed"
	"github.com/coveragebot/coveragebot/corpus/feed/feedbolt"
	"github.com/coveragebot/coveragebot/search"
)

var feedsBenchFeeds = flag.Int("feeds-bench-feeds", 50, "feeds in BenchmarkFeedsToAnswers (the issue's figure is at 1000)")

// BenchmarkFeedsToAnswers measures the whole path from a feed to an
// answer as a running bot takes it: a pass of the bot's feed service
// (fetch from a loopback news web, parse, robots.txt, fetch each new page,
// extract and clean it, write it, record it in the feed store) and then
// search.Index.Update bringing the new articles into the index, at
// -feeds-bench-feeds feeds of 10 items each, once all are taken in and
// indexed and then 1 item in 10 is new. It reports feeds a minute and
// articles indexed a second through the whole path, and how long after the
// new items appear the first one checked is answerable (search.Index.Answer
// finds it); every new item is checked afterwards, untimed. The running
// bot adds the wait until a feed is due and the watcher's debounce.
func BenchmarkFeedsToAnswers(b *testing.B) {
	const items = 10
	n := *feedsBenchFeeds
	var edition atomic.Int64 // bumped to publish one new item per feed
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		case strings.HasPrefix(r.URL.Path, "/f/"):
			i, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/f/"), ".xml"))
			ed := int(edition.Load())
			etag := `"` + strconv.Itoa(ed) + `"`
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			var sb strings.Builder
			fmt.Fprintf(&sb, `<rss version="2.0"><channel><title>Outlet %d</title>`, i)
			for j := ed; j < ed+items; j++ {
				fmt.Fprintf(&sb, `<item><title>The %s bridge</title><link>/a/%d/%d.html</link><guid>%d-%d</guid><pubDate>%s</pubDate></item>`,
					coined(i, j), i, j, i, j, time.Now().Add(time.Duration(j-ed-items)*time.Hour).Format(time.RFC1123Z))
			}
			sb.WriteString(`</channel></rss>`)
			w.Header().Set("Content-Type", "application/rss+xml")
			_, _ = w.Write([]byte(sb.String()))
		case strings.HasPrefix(r.URL.Path, "/a/"):
			var i, j int
			if _, err := fmt.Sscanf(r.URL.Path, "/a/%d/%d.html", &i, &j); err != nil {
				http.NotFound(w, r)
				return
			}
			fmt.Fprintf(w, `<!doctype html><html><head><meta charset="utf-8"><title>The %[1]s bridge</title></head><body><nav><a href="/">Home</a></nav><article><h1>The %[1]s bridge</h1>
<p>The council said on Tuesday that the %[1]s bridge over the river would be repaired before the spring.</p>
<p>"We will not reopen the %[1]s bridge until the engineers tell us it is safe," Councillor Ann Cole said.</p>
<p>Residents face a twelve-mile detour while the work goes on, the council said, and buses will be rerouted through the town.</p>
</article><footer>Copyright 2026</footer></body></html>`, coined(i, j))
		default:
			http.NotFound(w, r)
		}
	}))
	defer web.Close()
	question := func(i, j int) search.Question {
		return search.Question{Text: "What did Ann Cole say about the " + coined(i, j) + " bridge?"}
	}
	answerable := func(ctx context.Context, ix *search.Index, i, j int) bool {
		a, err := ix.Answer(ctx, question(i, j))
		if err != nil {
			b.Fatal(err)
		}
		for _, ans := range a.Answers {
			if strings.Contains(ans.Text, coined(i, j)) {
				return true
			}
		}
		return false
	}

	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		edition.Store(0)
		dir := b.TempDir()
		vars := map[string]string{envFetchContact: "https://coveragebot.example/contact", envFetchAllowPrivate: "1", envFetchInterval: "1ns"}
		svc := newFeedService(env{getenv: func(k string) string { return vars[k] }}, corpusInfo{Dir: dir}, slog.New(slog.DiscardHandler))
		if svc == nil {
			b.Fatal("no feed service")
		}
		pass := func() (fresh int) {
			err := svc.with(ctx, true, func(p *feed.Poller, _ *feedbolt.Store) error {
				results, err := p.Poll(ctx, true, nil)
				for _, r := range results {
					if r.Err != nil {
						return r.Err
					}
					fresh += r.New
				}
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			return fresh
		}
		if err := svc.with(ctx, true, func(_ *feed.Poller, st *feedbolt.Store) error {
			for i := range n {
				if err := st.PutFeed(ctx, feed.Source{URL: fmt.Sprintf("%s/f/%d.xml", web.URL, i), Name: fmt.Sprintf("Outlet %d", i)}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		ix, err := search.Open(ctx, b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		fsys := os.DirFS(dir)
		start := time.Now()
		if got := pass(); got != n*items { // everything taken in and indexed
			b.Fatalf("first pass: %d new articles, want %d", got, n*items)
		}
		if _, err := ix.Update(ctx, fsys, search.Options{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s-first-pass+index")

		edition.Store(1) // one new item in each feed: 10%
		b.StartTimer()
		start = time.Now()
		fresh := pass()
		fetched := time.Since(start)
		sum, err := ix.Update(ctx, fsys, search.Options{})
		if err != nil {
			b.Fatal(err)
		}
		indexed := time.Since(start)
		// The last feed's new item: any other would do.
		found := answerable(ctx, ix, n-1, items)
		took := time.Since(start)
		b.StopTimer()
		if fresh != n || sum.Added != n {
			b.Fatalf("%d new articles, %d indexed; want %d", fresh, sum.Added, n)
		}
		if !found {
			b.Fatalf("the new item of feed %d is not answerable", n-1)
		}
		for i := range n {
			if !answerable(ctx, ix, i, items) {
				b.Fatalf("the new item of feed %d is not answerable", i)
			}
		}
		b.ReportMetric(float64(n)/indexed.Minutes(), "feeds/min")
		b.ReportMetric(float64(sum.Added)/indexed.Seconds(), "articles/s")
		b.ReportMetric(fetched.Seconds(), "s-pass")
		b.ReportMetric(took.Seconds(), "s-to-answerable")
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		svc.fetcher.Close()
		b.StartTimer()
	}
}

// coined is a made-up place name, one for each item j of feed i, so a
// question finds that item's article alone.
func coined(i, j int) string {
	const cons, vows = "bdfgklmnprstvz", "aiou"
	n := i*1000 + j
	var sb strings.Builder
	for k := 0; k < 4; k++ {
		sb.WriteByte(cons[n%len(cons)])
		n /= len(cons)
		sb.WriteByte(vows[n%len(vows)])
		n /= len(vows)
	}
	return strings.ToUpper(sb.String()[:1]) + sb.String()[1:]
}
