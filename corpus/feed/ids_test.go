package feed

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
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

// TestPollCanonicalSectionAcrossPasses: a site whose every page names a
// section page (/canon/) as canonical, its feed gaining one item a pass,
// has each item written on its own pass, not the first alone with the
// rest dropped for good as "the same article" under the section's url.
func TestPollCanonicalSectionAcrossPasses(t *testing.T) {
	fx := newPollFixture(t)
	ctx := context.Background()
	items := 1
	fx.web.mu.Lock()
	fx.web.edit = func(name string, body []byte) []byte {
		if name == "canon/feed.xml" {
			return firstItems(body, items)
		}
		return bytes.ReplaceAll(body, []byte(`rel="canonical" href="`+fx.web.URL+`/"`), []byte(`rel="canonical" href="`+fx.web.URL+`/canon/"`))
	}
	fx.web.mu.Unlock()
	src := fx.add(t, "/canon/feed.xml", "")
	for ; items <= 3; items++ {
		r := fx.poller.Fetch(ctx, src)
		if r.Err != nil || r.Items != items || r.New != 1 || r.FromFeed != 0 {
			t.Fatalf("pass %d: %d items, %d new (%d from the feed), %d seen, %v; want the new item written from its page",
				items, r.Items, r.New, r.FromFeed, r.Seen, r.Err)
		}
		src = r.Feed
		fx.clock.Advance(time.Hour)
	}
	urls := map[string]bool{}
	for _, l := range fx.articles(t) {
		urls[l.URL] = true
	}
	if len(urls) != 3 {
		t.Errorf("the articles are cited at %v; want each at a url of its own", urls)
	}
}

// TestPollSelfCanonicalRelisted: a page naming its own url as canonical,
// listed again under another link (a section parameter) and GUID with
// its text lightly edited, is the article taken in before: the section
// guard (TestPollCanonicalSectionAcrossPasses) is for canonicals that were
// never an item's own link, and the page is not written a second time,
// cited at a url that is not its own.
func TestPollSelfCanonicalRelisted(t *testing.T) {
	fx := newPollFixture(t)
	ctx := context.Background()
	relisted := false
	fx.web.mu.Lock()
	fx.web.edit = func(name string, body []byte) []byte {
		switch {
		case name == "canon/c1.html":
			body = bytes.ReplaceAll(body, []byte(`rel="canonical" href="`+fx.web.URL+`/"`),
				[]byte(`rel="canonical" href="`+fx.web.URL+`/canon/c1.html"`))
			if relisted {
				body = bytes.ReplaceAll(body, []byte("by the afternoon"), []byte("by early afternoon"))
			}
		case name == "canon/feed.xml" && relisted:
			body = bytes.ReplaceAll(body, []byte("/canon/c1.html<"), []byte("/canon/c1.html?section=rss2<"))
			body = bytes.ReplaceAll(body, []byte(">canon-c1<"), []byte(">canon-c1-v2<"))
		}
		return body
	}
	fx.web.mu.Unlock()
	r := fx.poller.Fetch(ctx, fx.add(t, "/canon/feed.xml", ""))
	if r.Err != nil || r.Items != 3 || r.New != 3 || r.FromFeed != 0 {
		t.Fatalf("pass 1: %d items, %d new (%d from the feed), %v; want 3 from their pages", r.Items, r.New, r.FromFeed, r.Err)
	}
	fx.web.mu.Lock()
	relisted = true
	fx.web.mu.Unlock()
	fx.clock.Advance(time.Hour)
	if r = fx.poller.Fetch(ctx, r.Feed); r.Err != nil || r.Items != 3 || r.New != 0 || r.Seen != 3 {
		t.Errorf("pass 2: %d items, %d new, %d seen, %v; want the 3 seen", r.Items, r.New, r.Seen, r.Err)
	}
	if n := len(fx.articles(t)); n != 3 {
		t.Errorf("%d article files, want 3: the relisted page is the first article's", n)
	}
}

// firstItems is a feed's body as it was when it held its first n items.
func firstItems(body []byte, n int) []byte {
	parts := bytes.Split(body, []byte("<item>"))
	end := bytes.Index(parts[len(parts)-1], []byte("</item>")) + len("</item>")
	tail := parts[len(parts)-1][end:]
	parts[len(parts)-1] = parts[len(parts)-1][:end]
	return append(bytes.Join(parts[:min(n, len(parts)-1)+1], []byte("<item>")), tail...)
}

// TestPollLiveBlogStartingWithOnePost: a live page whose feed held one
// post on the first pass (its link then taken in as one article's) has
// each later post written from its own text, not counted as seen and
// lost as a "reissue" of the first.
func TestPollLiveBlogStartingWithOnePost(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		passes []int // how many posts the feed lists on each pass
	}{
		{"one post, then three", []int{1, 3}},
		{"one post, then two, then three", []int{1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newPollFixture(t)
			posts := 0
			fx.web.mu.Lock()
			fx.web.edit = func(name string, body []byte) []byte {
				if name != "samelink/feed.xml" {
					return body
				}
				return firstItems(body, posts)
			}
			fx.web.mu.Unlock()
			src := fx.add(t, "/samelink/feed.xml", "")
			for i, n := range tt.passes {
				fx.web.mu.Lock()
				before := posts
				posts = n
				fx.web.mu.Unlock()
				r := fx.poller.Fetch(ctx, src)
				if r.Err != nil || r.Items != n || r.New != n-before || r.Seen != before {
					t.Fatalf("pass %d: %d items, %d new, %d seen, %v; want %d new, %d seen",
						i+1, r.Items, r.New, r.Seen, r.Err, n-before, before)
				}
				src = r.Feed
				fx.clock.Advance(time.Hour)
			}
			if got := len(fx.articles(t)); got != 3 {
				t.Errorf("%d article files, want one for each of the 3 posts", got)
			}
		})
	}
}

// TestPollReissuedArticle: an article the feed lists again under a new
// GUID, its description edited, beside the old item, is the same article
// updated: not two items sharing a link, and no short copy from the
// feed's text is written beside the page.
func TestPollReissuedArticle(t *testing.T) {
	fx := newPollFixture(t)
	ctx := context.Background()
	reissued := false
	fx.web.mu.Lock()
	fx.web.edit = func(name string, body []byte) []byte {
		if name != "canon/feed.xml" {
			return body
		}
		first := regexp.MustCompile(`(?s)<item>.*?</item>`).Find(body)
		items := string(first)
		if reissued {
			again := strings.NewReplacer("canon-c1", "canon-c1-v2", "09:00:00", "15:00:00",
				"after three weeks of repairs", "after three weeks of repairs costing forty thousand pounds").Replace(items)
			items = again + items
		}
		return regexp.MustCompile(`(?s)<item>.*</item>`).ReplaceAll(body, []byte(items))
	}
	fx.web.mu.Unlock()
	r := fx.poller.Fetch(ctx, fx.add(t, "/canon/feed.xml", ""))
	if r.Err != nil || r.Items != 1 || r.New != 1 || r.FromFeed != 0 {
		t.Fatalf("pass 1: %d items, %d new (%d from the feed), %v; want the article from its page", r.Items, r.New, r.FromFeed, r.Err)
	}
	fx.web.mu.Lock()
	reissued = true
	fx.web.mu.Unlock()
	fx.clock.Advance(time.Hour)
	if r = fx.poller.Fetch(ctx, r.Feed); r.Err != nil || r.Items != 2 || r.New != 0 || r.Seen != 2 {
		t.Errorf("pass 2: %d items, %d new (%d from the feed), %d seen, %v; want both seen, one article", r.Items, r.New, r.FromFeed, r.Seen, r.Err)
	}
	for path, l := range fx.articles(t) {
		if l.HTML == "" || l.Text != "" {
			t.Errorf("%s: %d bytes of page, text %q; want the page alone, no copy from the feed", path, len(l.HTML), l.Text)
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

// TestPollSignInWall: a page that is a sign-in wall, not the article (the
// site redirects to its log-in page, or answers with a password form), is
// paywalled: each item is written from its own feed text, marked so, and
// none is taken for a copy of another because their walls read alike.
func TestPollSignInWall(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct{ name, from, to string }{
		{"a redirect to the log-in page", "", ""},
		{"a password form at the article's url", "/pw/", "/members/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fx := newPollFixture(t)
			if tt.from != "" {
				fx.web.mu.Lock()
				fx.web.edit = func(name string, body []byte) []byte {
					if name != "pw/feed.xml" {
						return body
					}
					return bytes.ReplaceAll(body, []byte(tt.from), []byte(tt.to))
				}
				fx.web.mu.Unlock()
			}
			r := fx.poller.Fetch(ctx, fx.add(t, "/pw/feed.xml", ""))
			if r.Err != nil || r.Items != 3 || r.New != 3 || r.FromFeed != 3 {
				t.Fatalf("pass: %d items, %d new (%d from the feed), %d seen, %v; want 3 new from the feed", r.Items, r.New, r.FromFeed, r.Seen, r.Err)
			}
			for path, l := range fx.articles(t) {
				if l.HTML != "" || l.TruncatedBy != corpus.TruncatedByFeed || !strings.Contains(l.Fallback, "paywalled") ||
					!strings.Contains(l.Text, " said") || !strings.HasPrefix(l.URL, fx.web.URL+"/") || strings.Contains(l.URL, "login") {
					t.Errorf("%s: url %q, %d bytes of page, truncated by %q, fallback %q, text %q; want the item's own text, marked paywalled",
						path, l.URL, len(l.HTML), l.TruncatedBy, l.Fallback, l.Text)
				}
			}
		})
	}
}

// TestPollLogInBoxIsNoWall: a short article on a site with a log-in box in
// its header (or its aside) is the article, written from its page, with
// the feed's text or without.
func TestPollLogInBoxIsNoWall(t *testing.T) {
	fx := newPollFixture(t)
	r := fx.poller.Fetch(context.Background(), fx.add(t, "/loginbox/feed.xml", ""))
	if r.Err != nil || r.Items != 2 || r.New != 2 || r.FromFeed != 0 || r.Empty != 0 {
		t.Fatalf("pass: %d items, %d new (%d from the feed), %d empty, %v; want 2 new from their pages", r.Items, r.New, r.FromFeed, r.Empty, r.Err)
	}
	for path, l := range fx.articles(t) {
		if l.HTML == "" || l.TruncatedBy != "" || l.Fallback != "" {
			t.Errorf("%s: %d bytes of page, truncated by %q, fallback %q; want the page, whole", path, len(l.HTML), l.TruncatedBy, l.Fallback)
		}
	}
}

// TestPollSignInWallWithoutFeedText: an item whose page is a sign-in form
// and whose feed gives no text of its own is written from the page,
// marked paywalled and cited at its own url, not dropped unseen; and the
// items behind the same wall are not copies of each other.
func TestPollSignInWallWithoutFeedText(t *testing.T) {
	fx := newPollFixture(t)
	fx.web.mu.Lock()
	fx.web.edit = func(name string, body []byte) []byte {
		if name != "pw/feed.xml" {
			return body
		}
		body = regexp.MustCompile(`(?s)<item>(.*?)<description>.*?</description>`).ReplaceAll(body, []byte("<item>$1"))
		return bytes.ReplaceAll(body, []byte("/pw/p"), []byte("/members/p"))
	}
	fx.web.mu.Unlock()
	r := fx.poller.Fetch(context.Background(), fx.add(t, "/pw/feed.xml", ""))
	if r.Err != nil || r.Items != 3 || r.New != 3 || r.FromFeed != 0 || r.Empty != 0 {
		t.Fatalf("pass: %d items, %d new (%d from the feed), %d empty, %d seen, %v; want 3 new from their pages", r.Items, r.New, r.FromFeed, r.Empty, r.Seen, r.Err)
	}
	for path, l := range fx.articles(t) {
		if l.HTML == "" || l.TruncatedBy != corpus.TruncatedByPaywall || !strings.HasPrefix(l.URL, fx.web.URL+"/members/p") {
			t.Errorf("%s: url %q, %d bytes of page, truncated by %q; want the page at its own url, marked paywalled", path, l.URL, len(l.HTML), l.TruncatedBy)
		}
	}
}

// TestSignInRedirect: a redirect to a sign-in, account or subscription
// page is a wall; a redirect to https or to the article's new url is not.
func TestSignInRedirect(t *testing.T) {
	const link = "http://press.example/news/2026/council-budget.html"
	tests := []struct {
		at   string
		wall bool
	}{
		{"http://press.example/login.html?next=%2Fnews%2F2026%2Fcouncil-budget.html", true},
		{"https://www.press.example/account/sign-in?return=x", true},
		{"https://accounts.press.example/", true},
		{"https://press.example/subscribe/", true},
		{"https://press.example/Paywall_Offer/paywall.php", true},
		{"https://press.example/news/2026/council-budget.html", false},
		{"https://www.press.example/news/2026/council-budget.html", false},
		{"https://press.example/news/2026/02/council-budget", false},
		{"https://press.example/news/accountability-report.html", false},
		{link, false},
	}
	for _, tt := range tests {
		if got := signInRedirect(link, tt.at); (got != "") != tt.wall {
			t.Errorf("signInRedirect(%s) = %q; want a wall %v", tt.at, got, tt.wall)
		}
	}
}

func TestHasPasswordField(t *testing.T) {
	tests := []struct {
		page string
		want bool
	}{
		{`<form><input type="email"><INPUT TYPE=" Password " name=p></form>`, true},
		{`<input type=password />`, true},
		{`<p>Forgotten your password? We will send you a link.</p><input type="email">`, false},
		{`<p>No form here.</p>`, false},
		{`<header><form><input type=password></form></header><article><p>Story.</p></article>`, false},
		{`<nav><input type=password></nav><aside><input type=password></aside><footer><input type=password></footer>`, false},
		{`<div role="banner"><input type=password></div><div role=complementary><input type=password></div>`, false},
		{`<header>Site</header><main><form><input type=password></form></main>`, true},
		{`<article><header><h1>Story</h1></header></article><div class="modal"><input type=password></div>`, true},
	}
	for _, tt := range tests {
		if got := hasPasswordField(tt.page); got != tt.want {
			t.Errorf("hasPasswordField(%s) = %v, want %v", tt.page, got, tt.want)
		}
	}
}
