package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
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
