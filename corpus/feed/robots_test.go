package feed

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestRobotsRules(t *testing.T) {
	const txt = `# comments are ignored
User-agent: *
Disallow: /

User-agent: OtherBot
User-agent: coveragebot
Disallow: /private/
Disallow: /*.pdf$
Disallow: /search?q=
Allow: /private/press/
Crawl-delay: 10
Disallow: /tmp

User-agent: SomeoneElse
Allow: /
`
	rr := parseRobots(txt)
	tests := []struct {
		agent, path string
		want        bool
	}{
		{"coveragebot", "/news/story.html", true},
		{"coveragebot", "/private/memo.html", false},
		{"coveragebot", "/private/press/release.html", true}, // longer allow wins
		{"coveragebot", "/files/report.pdf", false},
		{"coveragebot", "/files/report.pdf?x=1", true}, // $ anchors the end
		{"coveragebot", "/search?q=flood", false},
		{"coveragebot", "/tmp/x", false}, // crawl-delay does not close the group
		{"coveragebot", "/robots.txt", true},
		{"otherbot", "/private/x", false},
		{"unknownbot", "/news/story.html", false}, // the * group
	}
	for _, tt := range tests {
		if got := rr.allowed(tt.agent, tt.path); got != tt.want {
			t.Errorf("%s %s: allowed = %v, want %v", tt.agent, tt.path, got, tt.want)
		}
	}
	if !parseRobots("").allowed("coveragebot", "/anything") {
		t.Error("an empty robots.txt disallowed a page")
	}
	if !parseRobots("User-agent: *\nDisallow:\n").allowed("coveragebot", "/anything") {
		t.Error("an empty Disallow disallowed a page")
	}
}

func TestRobotsFromNewsWeb(t *testing.T) {
	web := newNewsWeb(t)
	clock := newFakeClock()
	r := NewRobots(newTestFetcher(t, clock, nil), "CoverageBot")
	ctx := context.Background()
	tests := []struct {
		path string
		want bool
	}{
		{"/kestrel/news/bridge-closed.html", true},
		{"/oakmere/news/volunteers.html", false},
		{"/oakmere/news/old-mill-bridge-weeks.html", true},
		{"/private/anything.html", false},
	}
	for _, tt := range tests {
		got, err := r.Allowed(ctx, web.URL+tt.path)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("%s: allowed = %v, want %v", tt.path, got, tt.want)
		}
	}
	if n := web.Hits("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once (it is kept)", n)
	}
	clock.Advance(13 * time.Hour)
	if _, err := r.Allowed(ctx, web.URL+"/kestrel/"); err != nil {
		t.Fatal(err)
	}
	if n := web.Hits("/robots.txt"); n != 2 {
		t.Errorf("robots.txt fetched %d times after 13 h, want twice", n)
	}
}

func TestRobotsUnreachable(t *testing.T) {
	// No server behind the port: robots.txt cannot be fetched, so nothing
	// may be fetched from the site for now (RFC 9309 §2.3.1.4).
	web := newNewsWeb(t)
	url := web.URL
	web.Close()
	r := NewRobots(newTestFetcher(t, newFakeClock(), func(o *Options) { o.Retries = -1 }), "CoverageBot")
	ok, err := r.Allowed(context.Background(), url+"/kestrel/news/bridge-closed.html")
	if ok || !errors.Is(err, ErrRobotsUnreachable) {
		t.Fatalf("allowed = %v, %v; want false and ErrRobotsUnreachable (no verdict on the page: it is tried again)", ok, err)
	}
}
