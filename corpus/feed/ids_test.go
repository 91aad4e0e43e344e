package feed

import (
	"context"
	"strings"
	"testing"
)

// TestPollCanonicalHomePage: a site whose every page names its home page
// as canonical has each article taken in, cited by its own url, not the
// first alone cited as the home page.
func TestPollCanonicalHomePage(t *testing.T) {
	fx := newPollFixture(t)
	ctx := context.Background()
	r := fx.poller.Fetch(ctx, fx.add(t, "/canon/feed.xml", ""))
	if r.Err != nil || r.Items != 3 || r.New != 3 || r.FromFeed != 0 {
		t.Fatalf("pass: %d items, %d new (%d from the feed), %d seen, %v; want 3 new from their pages", r.Items, r.New, r.FromFeed, r.Seen, r.Err)
	}
	for path, l := range fx.articles(t) {
		if !strings.HasPrefix(l.URL, fx.web.URL+"/canon/c") || l.HTML == "" {
			t.Errorf("%s: url %q, want the article's own, from its page", path, l.URL)
		}
	}
}

// TestCanonical: a page's canonical url is taken unless it cannot name
// the item's article.
func TestCanonical(t *testing.T) {
	const pageURL = "https://kestrelpost.example/news/story.html"
	page := func(href string) string {
		return `<!doctype html><html><head><link rel="canonical" href="` + href + `"></head><body><p>Story.</p></body></html>`
	}
	tests := []struct {
		name, href, want string
	}{
		{"the article", "/news/story.html", "https://kestrelpost.example/news/story.html"},
		{"the article without www", "https://www.kestrelpost.example/news/story.html", "https://www.kestrelpost.example/news/story.html"},
		{"the article with its query", "https://kestrelpost.example/news/story.html?id=1", "https://kestrelpost.example/news/story.html?id=1"},
		{"a post by its query", "https://kestrelpost.example/?p=123", "https://kestrelpost.example/?p=123"},
		{"no canonical", "", ""},
		{"the home page", "https://kestrelpost.example/", ""},
		{"the home page, no slash", "https://kestrelpost.example", ""},
		{"the home page of www", "https://www.kestrelpost.example/", ""},
		{"another site", "https://aggregator.example/news/story.html", ""},
		{"another site's subdomain", "https://news.kestrelpost.example.evil.example/news/story.html", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := newPass(nil, nil)
			if got := ps.canonical(page(tt.href), pageURL, Item{Link: pageURL}); got != tt.want {
				t.Errorf("canonical(%q) = %q, want %q", tt.href, got, tt.want)
			}
		})
	}

	// One canonical for several items of a pass (a section front): the
	// first item's it may be, the others' it is not.
	ps := newPass(nil, nil)
	section := page("/news/")
	for i, link := range []string{"https://kestrelpost.example/news/a.html", "https://kestrelpost.example/news/a.html?utm_source=x", "https://kestrelpost.example/news/b.html"} {
		got := ps.canonical(section, link, Item{Link: link})
		if want := i < 2; (got != "") != want {
			t.Errorf("item %d (%s): canonical %q; want it kept %v", i, link, got, want)
		}
	}
}
