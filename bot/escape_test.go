package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/bot/discordtest"
	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "The bridge will reopen.", "The bridge will reopen."},
		{"masked link", "see [official notice](https://evil.example/login)", `see \[official notice\](https\://evil.example/login)`},
		{"spoiler", "we will ||not|| reopen", `we will \|\|not\|\| reopen`},
		{"emphasis and code", "*a* _b_ ~~c~~ `d`", "\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\`"},
		{"backslash", `a\b`, `a\\b`},
		{"timestamp and channel", "<t:1700000000:R> in <#123> by <@456>", `\<t:1700000000:R\> in \<#123\> by \<@456\>`},
		{"bare url", "go to https://evil.example now", `go to https\://evil.example now`},
		{"heading", "# Big news", `\# Big news`},
		{"subtext", "-# small print", `\-# small print`},
		{"list", "  - item\n+ other\n12. numbered", "  \\- item\n\\+ other\n12\\. numbered"},
		{"heading after newline", "line\n### Heading", "line\n\\### Heading"},
		{"mid-line hash and dash kept", "cease-fire #1 at 3.5%", "cease-fire #1 at 3.5%"},
		{"block quote", "> quoted", `\> quoted`},
		{"bidi override removed", "not\u202e reversed\u202c text", "not reversed text"},
		{"isolates and zero width removed", "a\u2066b\u2069c\u200bd\u200fe\u00adf", "abcdef"},
		{"tag characters removed", "hid\U000E0041den", "hidden"},
		{"controls become spaces", "a\x00b\x1bc", "a b c"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := escapeMarkdown(tt.in); got != tt.want {
				t.Errorf("escapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEscapeInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"001.txt", "001.txt"},
		{"# not a heading here", "# not a heading here"},
		{"a\n# heading", "a\n\\# heading"},
		{"[x](https://e.example)", `\[x\](https\://e.example)`},
	}
	for _, tt := range tests {
		if got := escapeInline(tt.in); got != tt.want {
			t.Errorf("escapeInline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeTruncate(t *testing.T) {
	in := strings.Repeat("*a* ", 100)
	for _, max := range []int{1, 2, 5, 10, 50, 399, 400, 600} {
		got := escapeTruncate(in, max, escapeInline)
		if n := utf8.RuneCountInString(got); n > max {
			t.Errorf("max %d: %d characters: %q", max, n, got)
		}
		if err := liveMarkdown(strings.TrimSuffix(got, ellipsis), false); err != nil && max > 2 {
			t.Errorf("max %d: %v in %q", max, err, got)
		}
	}
}

// hostileText is article text that would be live Discord markdown if shown
// as it stands.
const hostileText = "Officials said ||not|| to worry \u202eand see [official notice](https://evil.example/login) " +
	"<t:1700000000:R> <#123> https://evil.example/x\n# Heading\n-# subtext"

// TestArticleTextEscapedEverywhere: quotes, speakers, titles and outlet
// names from articles are shown escaped in /ask, /quotes, mention replies,
// /article and the digest, and every payload is one Discord accepts.
func TestArticleTextEscapedEverywhere(t *testing.T) {
	discordtest.RequireSpec(t)
	ctx := context.Background()
	hostile := search.Answer{Quote: true, Text: hostileText, Speaker: "Ana ||Ruiz||\u202e",
		Reports: []search.Report{{Outlet: "-# <t:1700000000:R> https://evil.example", URL: "https://harbortimes.example/bridge", ArticleID: "a.txt"}}}
	plain := search.Answer{Quote: false, Text: hostileText,
		Reports: []search.Report{{Outlet: "# <#123>", ArticleID: "a.txt"}}}
	answers := func() search.Answers {
		return search.Answers{Answers: []search.Answer{hostile, plain}, Searched: search.Coverage{Articles: 1, Outlets: 1}}
	}
	article := corpus.Article{ID: "a.txt", Path: "a.txt", Outlet: "# Evil \u202eOutlet", Title: "||not|| [click](https://evil.example)",
		Text: hostileText + "\n\n" + hostileText}
	cov := &fakeCoverage{
		answer: func(context.Context, search.Question) (search.Answers, error) { return answers(), nil },
		quotes: func(context.Context, string, string, int) (search.Answers, error) { return answers(), nil },
		article: func(context.Context, string) (*corpus.Article, error) {
			a := article
			return &a, nil
		},
	}
	b := newTestBot(t, cov)
	mention, ok := b.HandleMessage(ctx, ChannelMessage{ID: "9", ChannelID: "8", GuildID: "7", AuthorID: "42",
		Content: "<@1> what did the mayor say about the bridge?", MentionsBot: true}, "1")
	if !ok {
		t.Fatal("mention was not answered")
	}
	digest := RenderDigest(search.Digest{Articles: 1, Stories: []search.Story{{
		Headline: hostileText, Outlets: []string{"# <#123>"}, TopQuote: &hostile,
		Articles: []search.StoryArticle{{ID: "a.txt", Path: "a.txt", Outlet: "-# x", Title: hostileText}},
	}}}, DigestView{})
	replies := map[string]Reply{
		"ask":     b.Handle(ctx, command("ask", "question", "What did the mayor say about the bridge?")),
		"quotes":  b.Handle(ctx, command("quotes", "speaker", "Ana Ruiz")),
		"mention": mention,
		"article": b.Handle(ctx, command("article", "id", "a.txt")),
		"digest":  digest[0],
	}
	for name, r := range replies {
		t.Run(name, func(t *testing.T) {
			checkReply(t, r)
			if len(r.Embeds) == 0 {
				t.Fatalf("no embeds: %+v", r)
			}
			raw, err := json.Marshal(wireMessageFrom(r, false))
			if err != nil {
				t.Fatal(err)
			}
			if errs := discordtest.ValidateRequest("POST", "/channels/1/messages", raw); len(errs) > 0 {
				t.Errorf("Discord would refuse it: %v", errs)
			}
			for _, e := range r.Embeds {
				// Field names start with the bot's own "1. ".
				texts := map[string]string{"title": e.Title, "description": ourMarkdown.Replace(e.Description)}
				for i, f := range e.Fields {
					if err := liveMarkdown(f.Name, false); err != nil {
						t.Errorf("field %d name: %v in %q", i, err, f.Name)
					}
					texts[fmt.Sprintf("field %d value", i)] = ourMarkdown.Replace(f.Value)
				}
				for where, s := range texts {
					if err := liveMarkdown(s, true); err != nil {
						t.Errorf("%s: %v in %q", where, err, s)
					}
				}
				for where, s := range map[string]string{"author": e.Author, "footer": e.Footer} {
					if strings.ContainsFunc(s, isFormat) {
						t.Errorf("%s holds a format character: %q", where, s)
					}
				}
			}
			for _, row := range r.Components {
				for _, btn := range row {
					if strings.ContainsFunc(btn.Label, isFormat) {
						t.Errorf("button label holds a format character: %q", btn.Label)
					}
				}
			}
		})
	}
}

// ourMarkdown removes the markdown the bot writes itself around article
// text (outlet links, bold labels, the digest's bullets and quote marks),
// so what remains is article text and must hold no live markdown.
var ourMarkdown = strings.NewReplacer(
	"[", "", "](https://harbortimes.example/bridge)", "", "**", "", "*article truncated by paywall*", "",
	"\n> ", "\n", "*(cut short)*", "", "“", "", "”", "",
)

func isFormat(r rune) bool { return unicode.Is(unicode.Cf, r) }

// liveMarkdown reports the first piece of s Discord would render as
// markdown rather than show as it stands: a markdown character or a url
// scheme not escaped by a backslash, a line starting a heading, list or
// quote, or a format character. lineStart says whether s starts a line.
func liveMarkdown(s string, lineStart bool) error {
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if isFormat(r) {
			return fmt.Errorf("format character %U at %d", r, i)
		}
		if lineStart {
			switch {
			case r == ' ' || r == '\t':
				continue
			case r == '#' || r == '-' || r == '+':
				return fmt.Errorf("line starts with %q at %d", r, i)
			case r >= '0' && r <= '9':
				// Markdown's numbered lists start with ASCII digits only
				// ("߀." is text: CommonMark takes 0-9).
				j := i
				for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
					j++
				}
				if j < len(rs) && rs[j] == '.' {
					return fmt.Errorf("numbered list at %d", i)
				}
			}
			lineStart = false
		}
		switch r {
		case '\\':
			i++ // the next character is shown as it stands
			if i < len(rs) && rs[i] == '\n' {
				lineStart = true
			}
		case '\n':
			lineStart = true
		case '*', '_', '`', '~', '|', '[', ']', '<', '>':
			return fmt.Errorf("unescaped %q at %d", r, i)
		case ':':
			if i+2 < len(rs) && rs[i+1] == '/' && rs[i+2] == '/' {
				return fmt.Errorf("bare url at %d", i)
			}
		}
	}
	return nil
}

// unescape is what Discord shows for escaped text: a backslash before a
// character that is not a letter, digit or space is dropped.
func unescape(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\\' && i+1 < len(rs) && !unicode.IsLetter(rs[i+1]) && !unicode.IsDigit(rs[i+1]) && !unicode.IsSpace(rs[i+1]) {
			i++
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

// FuzzEscapeMarkdown: whatever an article says, escaped text holds no live
// markdown and no format characters, and Discord shows exactly the
// article's visible characters.
func FuzzEscapeMarkdown(f *testing.F) {
	f.Add(hostileText)
	f.Add("# a\n-# b\n> c\n1. d\n\\*e\\*")
	f.Add("\u202e\u2066\u200b\U000E0041\x00\xff")
	f.Add("https://a.example http://b.example ftp://c")
	f.Add("\\\\||[x](y)``~~__")
	f.Fuzz(func(t *testing.T, s string) {
		for _, inline := range []bool{false, true} {
			got := escape(s, !inline)
			if !utf8.ValidString(got) {
				t.Fatalf("invalid UTF-8: %q", got)
			}
			if err := liveMarkdown(got, !inline); err != nil {
				t.Fatalf("escape(%q, %v) = %q: %v", s, !inline, got, err)
			}
			if shown, want := unescape(got), plainText(s); shown != want {
				t.Fatalf("escape(%q) shows %q, want %q", s, shown, want)
			}
		}
	})
}

// TestAnswerQuoteKeepsItsRoom: long outlet links never push the quote out
// of its field, and the outlet list is never cut inside a markdown link.
func TestAnswerQuoteKeepsItsRoom(t *testing.T) {
	quote := strings.TrimSpace(strings.Repeat("The barrier will be closed for the whole winter season. ", 6))
	longURL := func(i int) string {
		return fmt.Sprintf("https://www.harbourtimes.example/news/2026/02/10/%d/", i) + strings.Repeat("barrier-vote-", 9) + "final"
	}
	reports := func(n int, withURL bool) []search.Report {
		var out []search.Report
		for i := 0; i < n; i++ {
			r := search.Report{Outlet: fmt.Sprintf("Outlet Number %d With A Long Name", i), Published: day(2026, 2, 10)}
			if withURL {
				r.URL = longURL(i)
			}
			out = append(out, r)
		}
		return out
	}
	tests := []struct {
		name      string
		reports   []search.Report
		wantLinks int // markdown links kept
		wantNamed int // outlets named
	}{
		{"short: all links kept", reports(2, true), 2, 2},
		{"five long urls: links dropped", reports(5, true), 0, 5},
		{"many outlets: collapsed", reports(40, true), 0, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, isQuote := range []bool{true, false} {
				v := answerValue(search.Answer{Quote: isQuote, Text: quote, Reports: tt.reports})
				if n := utf8.RuneCountInString(v); n > MaxFieldValue {
					t.Fatalf("%d characters", n)
				}
				if !strings.Contains(v, quote) {
					t.Errorf("quote %v lost (part of) its text:\n%s", isQuote, v)
				}
				if got := strings.Count(v, "](https://"); got != tt.wantLinks {
					t.Errorf("%d links, want %d:\n%s", got, tt.wantLinks, v)
				}
				rest := markdownLink.ReplaceAllString(v, "$1")
				if strings.Contains(rest, "](") || strings.Contains(rest, "— [") {
					t.Errorf("a markdown link is cut:\n%s", v)
				}
				named := 0
				for i := range tt.reports {
					if strings.Contains(v, fmt.Sprintf("Outlet Number %d With", i)) {
						named++
					}
				}
				if named < tt.wantNamed {
					t.Errorf("%d outlets named, want at least %d:\n%s", named, tt.wantNamed, v)
				}
				if len(tt.reports) > named && !strings.Contains(v, "more") {
					t.Errorf("outlets left out are not counted:\n%s", v)
				}
			}
		})
	}
}
