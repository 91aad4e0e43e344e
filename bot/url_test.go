package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
	"github.com/coveragebot/coveragebot/search"
)

func TestSafeURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "https://harbortimes.example/news/bridge", "https://harbortimes.example/news/bridge"},
		{"http and query", "http://a.example/x?y=1&z=2#top", "http://a.example/x?y=1&z=2#top"},
		{"space in host", "https://harbour times.example/news/barrier vote", ""},
		{"space in path", "https://harbourtimes.example/news/barrier vote", ""},
		{"newline", "https://a.example/x\nhttps://b.example", ""},
		{"tab", "https://a.example/\tx", ""},
		{"underscore host", "https://harbour_times.example/x", ""},
		{"no dot", "https://localhost/x", ""},
		{"empty host", "https:///x", ""},
		{"empty port", "https://a.example:/x", ""},
		{"bad port", "https://a.example:99999/x", ""},
		{"user info", "https://official@evil.example/login", ""},
		{"other scheme", "javascript:alert(1)", ""},
		{"ftp", "ftp://a.example/x", ""},
		{"relative", "/news/bridge", ""},
		{"bidi override", "https://a.example/\u202ex", ""},
		{"hyphen edge", "https://-a.example/", ""},
		{"numeric top level", "https://1.2.3.999/", ""},
		{"ip", "http://192.0.2.7:8080/x", "http://192.0.2.7:8080/x"},
		{"upper case host", "HTTPS://Harbor.EXAMPLE/News", "https://harbor.example/News"},
		{"idn host", "https://bücher.example/é", "https://xn--bcher-kva.example/%C3%A9"},
		{"raw quote and brackets in query", "https://a.example/x?q=\"a\"[1]", "https://a.example/x?q=%22a%22%5B1%5D"},
		{"bad escape", "https://a.example/100%", ""},
		{"escapes kept", "https://a.example/a%20b", "https://a.example/a%20b"},
		{"too long", "https://a.example/" + strings.Repeat("x", MaxURL), ""},
		{"invalid utf-8", "https://a.example/\xff", ""},
		{"escaped byte in host", "http://%80.A", ""},
		{"escaped utf-8 host", "http://b%C3%BCcher.example/", "http://xn--bcher-kva.example/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := safeURL(tt.in)
			if got != tt.want {
				t.Errorf("safeURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got != "" && !validURL(got) {
				t.Errorf("safeURL(%q) = %q is not valid itself", tt.in, got)
			}
		})
	}
}

// FuzzSafeURL: whatever an article's url field holds, what safeURL lets
// through is a url the fake Discord (checking as Discord does) accepts in
// an embed, a link button and a markdown link, and is stable.
func FuzzSafeURL(f *testing.F) {
	for _, s := range []string{
		"https://harbour times.example/news/barrier vote", "https://a.example/x\ny", "https://harbour_times.example/x",
		"https://bücher.example/é?q=\"x\"#f", "http://[::1]:80/x", "https://a.example:/", "https://a.example/100%",
		"https://u:p@a.example/", "HTTPS://A.EXAMPLE/%zz", "https://a.example/(x)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := safeURL(s)
		if got == "" {
			return
		}
		if again := safeURL(got); again != got {
			t.Fatalf("safeURL(%q) = %q, but safeURL of that = %q", s, got, again)
		}
		if len(got) > MaxURL || strings.ContainsAny(got, " \t\r\n") {
			t.Fatalf("safeURL(%q) = %q", s, got)
		}
		r := Fit(Reply{Embeds: []Embed{{Title: "t", URL: got, Description: "[x](" + linkURL(got) + ")"}},
			Components: []Row{{{Style: ButtonLink, Label: "Open", URL: got}}}})
		if r.Embeds[0].URL != got || len(r.Components) != 1 {
			t.Fatalf("Fit dropped the url %q", got)
		}
		body, err := json.Marshal(wireMessageFrom(r, false))
		if err != nil {
			t.Fatal(err)
		}
		if errs := discordtest.ValidateLimits("POST", "/channels/1/messages", body); len(errs) > 0 {
			t.Fatalf("safeURL(%q) = %q, which Discord refuses: %v", s, got, errs)
		}
	})
}

// malformedURLDigest is a digest whose lead story's headline article and
// outlets carry urls Discord refuses.
func malformedURLDigest() search.Digest {
	d := bigDigest(2)
	bad := []string{"https://harbour times.example/news/barrier vote", "https://harbour_times.example/x", "https://a.example/x\nb"}
	s := &d.Stories[0]
	for i := range s.Articles {
		s.Articles[i].URL = bad[i%len(bad)]
	}
	s.HeadlineFrom = s.Articles[0].ID
	s.TopQuote.Reports[0].URL = bad[1]
	s.Disagreements[0].Figures[0].URL = bad[2]
	return d
}

// TestDigestWithMalformedURLsIsPosted: an article url Discord refuses
// ("Not a well formed URL") no longer fails the digest; the outlet is
// shown without a link.
func TestDigestWithMalformedURLsIsPosted(t *testing.T) {
	srv := discordtest.New(t)
	store := mustOpenStore(t, t.TempDir()+"/"+StoreFile)
	clock := &fakeClock{now: time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC)}
	d := malformedURLDigest()
	sched := newFakeDiscordScheduler(t, srv, store, clock, digestSource{d}, nil)
	ch := srv.ChannelID()
	ctx := context.Background()
	if err := store.Subscribe(ctx, Subscription{GuildID: srv.GuildID(), ChannelID: ch, Hour: 8, Timezone: "UTC", NoNews: NoNewsNote, Created: clock.Now()}); err != nil {
		t.Fatal(err)
	}
	clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	sched.RunDue(ctx)
	post, _, err := store.Post(ctx, srv.GuildID(), ch, "2026-05-01")
	if err != nil {
		t.Fatal(err)
	}
	if post.State != PostSent {
		t.Fatalf("digest not posted: %+v", post)
	}
	if n, want := len(srv.ChannelMessages(ch)), len(RenderDigest(d, DigestView{})); n != want {
		t.Errorf("%d messages in the channel, want %d", n, want)
	}
	for _, m := range srv.ChannelMessages(ch) {
		for _, e := range m.Embeds {
			if strings.Contains(e.Description, "harbour") {
				t.Errorf("a refused url reached a link: %q", e.Description)
			}
		}
	}
	srv.AssertClean(t)
}

// TestDigestRefusedPartIsNotRetriedForever: a part Discord answers 400 is
// sent once more without links; refused again, it is skipped and the rest
// of the digest is posted. The ledger records the day as sent, so the
// scheduler does not retry the same refused message for ever.
func TestDigestRefusedPartIsNotRetriedForever(t *testing.T) {
	tests := []struct {
		name     string
		refusals int
		want     func(total int) int // messages in the channel
	}{
		{"posted without links", 1, func(n int) int { return n }},
		{"skipped", 2, func(n int) int { return n - 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := discordtest.New(t)
			store := mustOpenStore(t, t.TempDir()+"/"+StoreFile)
			clock := &fakeClock{now: time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC)}
			d := bigDigest(25)
			sched := newFakeDiscordScheduler(t, srv, store, clock, digestSource{d}, nil)
			ch := srv.ChannelID()
			ctx := context.Background()
			if err := store.Subscribe(ctx, Subscription{GuildID: srv.GuildID(), ChannelID: ch, Hour: 8, Timezone: "UTC", NoNews: NoNewsNote, Created: clock.Now()}); err != nil {
				t.Fatal(err)
			}
			clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
			srv.FailNext(discordtest.RouteChannelMessageCreate, tt.refusals, http.StatusBadRequest)
			sched.RunDue(ctx)
			post, _, err := store.Post(ctx, srv.GuildID(), ch, "2026-05-01")
			if err != nil {
				t.Fatal(err)
			}
			total := len(RenderDigest(d, DigestView{}))
			if post.State != PostSent || len(post.Messages) != total {
				t.Fatalf("ledger = state %v, %d messages; want sent, %d parts", post.State, len(post.Messages), total)
			}
			// A later round (past any backoff) posts nothing more.
			clock.Set(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC))
			sched.RunDue(ctx)
			msgs := srv.ChannelMessages(ch)
			if got, want := len(msgs), tt.want(total); got != want {
				t.Errorf("%d messages in the channel, want %d", got, want)
			}
			if tt.refusals == 1 && len(msgs) > 0 {
				for _, e := range msgs[0].Embeds {
					if e.URL != "" || strings.Contains(e.Description, "](https://") {
						t.Errorf("the resent part still has links: url %q", e.URL)
					}
				}
			}
			srv.AssertClean(t)
		})
	}
}

func TestWithoutLinks(t *testing.T) {
	r := Reply{Embeds: []Embed{{URL: "https://a.example", Description: `• [Dawn \[x\]](https://dawn.example/a) — text \[y\](https\://evil.example)`,
		Fields: []Field{{Name: "1", Value: "— [NDTV](https://ndtv.example/%28b%29), 2 Jan 2014"}}}},
		Components: []Row{{{Style: ButtonLink, URL: "https://a.example", Label: "Open"}}}}
	got := withoutLinks(r)
	if got.Embeds[0].URL != "" || len(got.Components) != 0 {
		t.Errorf("url %q, components %v", got.Embeds[0].URL, got.Components)
	}
	if want := `• Dawn \[x\] — text \[y\](https\://evil.example)`; got.Embeds[0].Description != want {
		t.Errorf("description = %q, want %q", got.Embeds[0].Description, want)
	}
	if want := "— NDTV, 2 Jan 2014"; got.Embeds[0].Fields[0].Value != want {
		t.Errorf("field = %q, want %q", got.Embeds[0].Fields[0].Value, want)
	}
	if r.Embeds[0].URL == "" {
		t.Error("withoutLinks changed its argument")
	}
}
