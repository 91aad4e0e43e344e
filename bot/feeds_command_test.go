package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// fakeFeeds is a FeedManager with function fields.
type fakeFeeds struct {
	add    func(ctx context.Context, url, name string) (FeedAdded, error)
	list   func(ctx context.Context) ([]FeedStatus, error)
	remove func(ctx context.Context, key string) (FeedStatus, error)
}

func (f *fakeFeeds) AddFeed(ctx context.Context, url, name string) (FeedAdded, error) {
	return f.add(ctx, url, name)
}
func (f *fakeFeeds) ListFeeds(ctx context.Context) ([]FeedStatus, error) { return f.list(ctx) }
func (f *fakeFeeds) RemoveFeed(ctx context.Context, key string) (FeedStatus, error) {
	return f.remove(ctx, key)
}

func TestFeedsCommand(t *testing.T) {
	var gotAdd, gotRemove []string
	feeds := &fakeFeeds{
		add: func(_ context.Context, url, name string) (FeedAdded, error) {
			gotAdd = append(gotAdd, url+"|"+name)
			switch url {
			case "https://nofeed.example/":
				return FeedAdded{}, &UserError{Msg: "No feed found at https://nofeed.example/."}
			case "https://broken.example/":
				return FeedAdded{}, errors.New("open /srv/corpus/feeds/.feeds.db: disk on fire")
			}
			return FeedAdded{Name: "The Kestrel *Post*", URL: "https://kestrelpost.example/feed.xml", Items: 24, New: 8, FromFeed: 2, Pending: 12}, nil
		},
		list: func(context.Context) ([]FeedStatus, error) {
			return []FeedStatus{
				{Name: "Harrow Valley Gazette", URL: "https://gazette.example/atom", Articles: 12, Health: "ok"},
				{Name: "The Kestrel Post", URL: "https://kestrelpost.example/feed.xml", Articles: 1, Health: "failing 3 times since 2026-02-12 10:14 UTC: HTTP 404", Flagged: true},
			}, nil
		},
		remove: func(_ context.Context, key string) (FeedStatus, error) {
			gotRemove = append(gotRemove, key)
			if key == "nobody" {
				return FeedStatus{}, &UserError{Msg: "No feed “nobody” is followed."}
			}
			return FeedStatus{Name: "Harrow Valley Gazette", Articles: 12}, nil
		},
	}
	b := newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Commands = []Command{NewFeeds(feeds, "7").Command()} })
	manage := func(in Interaction) Interaction { in.Permissions = PermissionManageServer; return in }
	sub := func(name string, opts ...string) Interaction {
		in := manage(command("feeds", opts...))
		in.Subcommand = name
		return in
	}
	elsewhere := sub("list")
	elsewhere.GuildID = "99"
	member := sub("list")
	member.Permissions = 0

	tests := []struct {
		name      string
		in        Interaction
		want      []string
		ephemeral bool
	}{
		{"add", sub("add", "url", "https://kestrelpost.example/", "name", "Kestrel"),
			[]string{"Following **The Kestrel \\*Post\\*** — 24 items, 8 new articles (2 from the feed's own text", "The other 12 items follow within minutes.", "<https://kestrelpost.example/feed.xml>"}, false},
		{"add, no feed there", sub("add", "url", "https://nofeed.example/"), []string{"No feed found at https://nofeed.example/."}, true},
		{"add, internal error", sub("add", "url", "https://broken.example/"), []string{"Something went wrong"}, true},
		{"list", sub("list"), []string{"⚠️ **The Kestrel Post** — 1 article; failing 3 times since", "• **Harrow Valley Gazette** — 12 articles; ok"}, true},
		{"remove", sub("remove", "feed", "https://gazette.example/atom"), []string{"Stopped following **Harrow Valley Gazette**; its 12 articles stay"}, false},
		{"remove unknown", sub("remove", "feed", "nobody"), []string{"No feed “nobody” is followed."}, true},
		{"another server", elsewhere, []string{"managed from the bot's home server only"}, true},
		{"without Manage Server", member, []string{"Manage Server"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.Handle(context.Background(), tt.in)
			text := r.Content
			for _, e := range r.Embeds {
				text += "\n" + e.Title + "\n" + e.Description
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("reply does not say %q:\n%s", w, text)
				}
			}
			if r.Ephemeral != tt.ephemeral {
				t.Errorf("ephemeral = %v, want %v", r.Ephemeral, tt.ephemeral)
			}
			if strings.Contains(text, "disk on fire") || strings.Contains(text, "/srv/") {
				t.Errorf("a raw error reached the channel: %s", text)
			}
		})
	}
	if strings.Join(gotAdd, " ") != "https://kestrelpost.example/|Kestrel https://nofeed.example/| https://broken.example/|" {
		t.Errorf("AddFeed calls %q", gotAdd)
	}
	if len(gotRemove) != 2 {
		t.Errorf("RemoveFeed calls %q: the refusals must not reach it", gotRemove)
	}

	// Autocomplete lists the feeds matching what is typed.
	in := sub("remove", "feed", "kestrel")
	in.Kind, in.Focused = KindAutocomplete, "feed"
	r := b.Handle(context.Background(), in)
	if len(r.Choices) != 1 || r.Choices[0].Value != "https://kestrelpost.example/feed.xml" {
		t.Errorf("autocomplete %+v", r.Choices)
	}

	// No home server: refused everywhere, saying why.
	b = newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Commands = []Command{NewFeeds(feeds, "").Command()} })
	if r := b.Handle(context.Background(), sub("list")); !strings.Contains(r.Content, "DISCORD_GUILD_ID") {
		t.Errorf("without a home server: %q", r.Content)
	}
}

// TestFeedsListPagesEveryFeed: with more feeds than one message holds,
// /feeds list pages in whole lines, the feeds needing a look first, and
// every feed is on exactly one page.
func TestFeedsListPagesEveryFeed(t *testing.T) {
	var list []FeedStatus
	for i := 1; i <= 60; i++ {
		list = append(list, FeedStatus{Name: fmt.Sprintf("Outlet number %02d", i),
			URL: fmt.Sprintf("https://outlet%02d.example/news/rss/feed.xml", i), Articles: 10, Health: "ok"})
	}
	for _, i := range []int{17, 59} {
		list[i].Health, list[i].Flagged = "failing 3 times since 2026-02-12 10:14 UTC: GET "+list[i].URL+": HTTP 404 Not Found", true
	}
	feeds := &fakeFeeds{list: func(context.Context) ([]FeedStatus, error) { return list, nil }}
	b := newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Commands = []Command{NewFeeds(feeds, "7").Command()} })
	ctx := context.Background()
	in := command("feeds")
	in.Permissions, in.Subcommand = PermissionManageServer, "list"
	r := b.Handle(ctx, in)
	if !r.Ephemeral || len(r.Embeds) != 1 {
		t.Fatalf("first page: %+v", r)
	}
	if got, want := r.Embeds[0].Title, "60 feeds, 2 need a look"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	first := r.Embeds[0].Description
	if !strings.HasPrefix(first, "⚠️ **Outlet number 18**") || !strings.Contains(first, "⚠️ **Outlet number 60**") {
		t.Errorf("the feeds needing a look are not first:\n%s", first)
	}

	seen := map[string]int{}
	for page := 1; ; page++ {
		d := r.Embeds[0].Description
		if utf8.RuneCountInString(d) > MaxEmbedDescription || !strings.HasSuffix(d, ">\n") || strings.Contains(d, ellipsis) {
			t.Fatalf("page %d is not whole lines within the limit:\n%s", page, d)
		}
		for _, s := range list {
			if strings.Contains(d, "**"+s.Name+"**") {
				seen[s.Name]++
			}
		}
		if !strings.HasPrefix(r.Embeds[0].Footer, fmt.Sprintf("Page %d of ", page)) {
			t.Fatalf("page %d footer %q", page, r.Embeds[0].Footer)
		}
		if len(r.Components) != 1 {
			t.Fatalf("page %d has no paging buttons: %+v", page, r.Components)
		}
		next := r.Components[0][1]
		if next.Disabled {
			break
		}
		r = b.Handle(ctx, press("42", next.CustomID, r))
		if !r.Update || len(r.Embeds) != 1 {
			t.Fatalf("Next from page %d: %+v", page, r)
		}
	}
	for _, s := range list {
		if seen[s.Name] != 1 {
			t.Errorf("%s is on %d pages, want 1", s.Name, seen[s.Name])
		}
	}
}

// TestFeedsListLongAddress: a feed's address, however long, shows in
// about a hundred characters, its link whole while the line fits a
// page, the host alone past that; a page is never cut, so no link is.
func TestFeedsListLongAddress(t *testing.T) {
	const base = "https://outlet.example/"
	long := func(n int) string { return base + strings.Repeat("feed/", n)[:n-len(base)] }
	tests := []struct {
		name     string
		url      string
		wantLink bool // the whole address is the link's target
		wantText string
	}{
		{"2,000 characters", long(2000), true, "[outlet.example/feed/feed/"},
		{"over a page", long(5000), false, "outlet.example/…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := len(tt.url); n != 2000 && n != 5000 {
				t.Fatalf("test address of %d characters", n)
			}
			list := []FeedStatus{
				{Name: "Harrow Valley Gazette", URL: "https://harrow.example/rss", Articles: 12, Health: "ok"},
				{Name: "The Long Address", URL: tt.url, Articles: 3, Health: "ok"},
			}
			feeds := &fakeFeeds{list: func(context.Context) ([]FeedStatus, error) { return list, nil }}
			b := newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Commands = []Command{NewFeeds(feeds, "7").Command()} })
			in := command("feeds")
			in.Permissions, in.Subcommand = PermissionManageServer, "list"
			r := b.Handle(context.Background(), in)
			if len(r.Embeds) != 1 {
				t.Fatalf("reply: %+v", r)
			}
			d := r.Embeds[0].Description
			if utf8.RuneCountInString(d) > MaxEmbedDescription || d != Fit(r).Embeds[0].Description {
				t.Fatalf("the page is cut to fit (%d characters)", utf8.RuneCountInString(d))
			}
			if !strings.Contains(d, "<https://harrow.example/rss>") || !strings.Contains(d, "**The Long Address**") {
				t.Errorf("a feed is missing from the page:\n%s", Truncate(d, 500))
			}
			_, line, _ := strings.Cut(d, "**The Long Address** — 3 articles; ok\n")
			if !strings.HasPrefix(line, tt.wantText) {
				t.Errorf("address shows as %q, want it to start %q", Truncate(line, 200), tt.wantText)
			}
			shown := line
			if i := strings.Index(line, "]("); i >= 0 {
				shown = line[:i+1] // what a reader sees of a masked link
			}
			if n := utf8.RuneCountInString(shown); n > 130 {
				t.Errorf("address shows %d characters, want at most 130", n)
			}
			if got := strings.Contains(line, "]("+tt.url+")"); got != tt.wantLink {
				t.Errorf("whole address as the link's target: %v, want %v", got, tt.wantLink)
			}
		})
	}
}
