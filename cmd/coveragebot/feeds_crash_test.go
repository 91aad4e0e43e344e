package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus/feed"
	"github.com/coveragebot/coveragebot/corpus/feed/feedbolt"
)

// feedsChildEnv carries the corpus folder to the child process.
const feedsChildEnv = "COVERAGEBOT_FEEDS_CHILD"

// TestFeedsFetchChild is `coveragebot feeds fetch` in a child process: this
// test binary run again, calling the same run as main.
func TestFeedsFetchChild(t *testing.T) {
	corpusDir := os.Getenv(feedsChildEnv)
	if corpusDir == "" {
		t.Skip("runs only as the child process of TestFeedsFetchSurvivesSIGKILL")
	}
	vars := feedsEnv(corpusDir)
	getenv := func(k string) string { return vars[k] }
	if err := run(context.Background(), []string{"feeds", "fetch"}, getenv, nil, os.Stdout, os.Stderr); err != nil {
		t.Fatal(err)
	}
}

// TestFeedsFetchSurvivesSIGKILL kills `coveragebot feeds fetch` with SIGKILL
// again and again, each time 0 to 60 ms after the outlet has served an
// article page — while the child extracts, writes or records it — until a
// run finishes. Then every item is in the corpus exactly once, nothing was
// lost, no page whose file was written was fetched again, and a further
// pass finds nothing new.
func TestFeedsFetchSurvivesSIGKILL(t *testing.T) {
	if os.Getenv(feedsChildEnv) != "" {
		t.Skip("the child process runs only TestFeedsFetchChild")
	}
	const items = 8
	var mu sync.Mutex
	hits := map[string]int{}
	served := make(chan string, 100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case r.URL.Path == "/feed.xml":
			var b strings.Builder
			fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>Kill Gazette</title>`)
			for i := range items {
				fmt.Fprintf(&b, `<item><title>Story %d</title><link>/news/%d</link><guid>kg-%d</guid><pubDate>%s</pubDate></item>`,
					i, i, i, time.Now().Add(time.Duration(i-items)*time.Hour).Format(time.RFC1123Z))
			}
			b.WriteString(`</channel></rss>`)
			fmt.Fprint(w, b.String())
		case strings.HasPrefix(r.URL.Path, "/news/"):
			n := strings.TrimPrefix(r.URL.Path, "/news/")
			mu.Lock()
			hits[n]++
			mu.Unlock()
			fmt.Fprintf(w, `<!doctype html><html><head><meta charset="utf-8"><title>Story %[1]s</title></head><body><article><h1>Story %[1]s</h1>
<p>Story number %[1]s of the Kill Gazette: the council met on Tuesday and agreed to repair bridge number %[1]s before the spring.</p>
<p>"We will not reopen bridge %[1]s until the engineers tell us it is safe," Councillor Ann Cole said after the meeting.</p>
<p>Work on the bridge is expected to take %[1]s weeks and cost the county several hundred thousand pounds.</p></article></body></html>`, n)
			w.(http.Flusher).Flush()
			served <- n
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	corpusDir := filepath.Join(t.TempDir(), "corpus")
	if err := os.MkdirAll(filepath.Join(corpusDir, feed.Folder), 0o755); err != nil {
		t.Fatal(err)
	}
	store, err := feedbolt.Open(filepath.Join(corpusDir, feed.Folder, feedbolt.File))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.PutFeed(t.Context(), feed.Source{URL: srv.URL + "/feed.xml", Name: "Kill Gazette", Added: time.Now()}); err != nil {
		t.Fatal(err)
	}
	store.Close()

	kills := 0
	for run := 0; ; run++ {
		if run > 2*items {
			t.Fatalf("feeds fetch did not finish in %d runs", run)
		}
		written := articleFiles(t, corpusDir)
		mu.Lock()
		before := map[string]int{}
		for k, v := range hits {
			before[k] = v
		}
		mu.Unlock()

		cmd := exec.Command(os.Args[0], "-test.run=^TestFeedsFetchChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), feedsChildEnv+"="+corpusDir)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		// Kill just after the second page of this run was served: the first
		// was taken in, the second is being extracted, written or recorded.
		pages, done := 0, false
		for !done {
			select {
			case <-served:
				if pages++; pages == 2 {
					// At a different moment each run: extracting, writing,
					// recording, or fetching the next page.
					time.Sleep(time.Duration(run%4) * 20 * time.Millisecond)
					_ = cmd.Process.Kill()
					kills++
					<-exited
					done = true
				}
			case err := <-exited:
				if err != nil {
					t.Fatalf("feeds fetch failed: %v\n%s", err, out.String())
				}
				done = true
				run = -1 // finished
			case <-time.After(time.Minute):
				_ = cmd.Process.Kill()
				t.Fatalf("feeds fetch served no page in a minute\n%s", out.String())
			}
		}
		// No page whose file was already written was fetched again.
		mu.Lock()
		for n := range written {
			if hits[n] != before[n] {
				t.Errorf("run %d fetched page %s again although its file was written", run, n)
			}
		}
		mu.Unlock()
		if run == -1 {
			break
		}
	}
	for len(served) > 0 {
		<-served
	}

	files := articleFiles(t, corpusDir)
	if len(files) != items {
		t.Fatalf("%d articles after %d kills, want %d: %v", len(files), kills, items, files)
	}
	total := 0
	for _, n := range hits {
		total += n
	}
	// A page fetched but not yet written when the kill came is fetched
	// again; nothing else is.
	if total > items+kills {
		t.Errorf("%d page fetches for %d items and %d kills; want at most %d", total, items, kills, items+kills)
	}
	out := runFeedsOK(t, feedsEnv(corpusDir), "feeds", "fetch")
	if !strings.Contains(out, "Kill Gazette: 8 items, 0 new articles") {
		t.Errorf("a pass after the kills says:\n%s", out)
	}
	if out := runFeedsOK(t, feedsEnv(corpusDir), "feeds", "list"); !strings.Contains(out, fmt.Sprintf("%d articles", items)) {
		t.Errorf("feeds list after the kills:\n%s", out)
	}
	t.Logf("killed %d times; %d articles, %d page fetches", kills, len(files), total)
}

// articleFiles maps each story number written to its file.
func articleFiles(t *testing.T, corpusDir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	files, err := filepath.Glob(filepath.Join(corpusDir, feed.Folder, "kill-gazette", "*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, after, ok := strings.Cut(string(data), `"link":"`)
		if !ok {
			t.Fatalf("%s names no link", f)
		}
		link, _, _ := strings.Cut(after, `"`)
		n := link[strings.LastIndexByte(link, '/')+1:]
		if prev, dup := out[n]; dup {
			t.Errorf("story %s written twice: %s and %s", n, prev, f)
		}
		out[n] = f
	}
	return out
}
