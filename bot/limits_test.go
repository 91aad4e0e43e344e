package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/search"
)

// checkReply fails t when r, as sent to Discord, breaks any of Discord's
// limits or could ping anyone.
func checkReply(t testing.TB, r Reply) {
	t.Helper()
	for _, k := range []Kind{KindCommand, KindComponent} {
		raw, err := json.Marshal(wireResponseFrom(k, r))
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(raw) {
			t.Fatalf("payload is not valid UTF-8")
		}
		var resp struct {
			Data wireMessage `json:"data"`
		}
		if err := json.Unmarshal(raw, &resp); err != nil {
			t.Fatal(err)
		}
		checkWireMessage(t, resp.Data, string(raw))
	}
}

func runes(s string) int { return utf8.RuneCountInString(s) }

func checkWireMessage(t testing.TB, m wireMessage, raw string) {
	t.Helper()
	errorf := func(format string, args ...any) {
		t.Helper()
		t.Errorf(format+"\npayload: %.400s", append(args, raw)...)
	}
	if !strings.Contains(raw, `"allowed_mentions":{"parse":[]`) {
		errorf("allowed_mentions.parse is not []")
	}
	if m.AllowedMentions.RepliedUser {
		errorf("reply pings the replied-to user")
	}
	if runes(m.Content) > MaxContent {
		errorf("content has %d characters", runes(m.Content))
	}
	if len(m.Embeds) > MaxEmbeds {
		errorf("%d embeds", len(m.Embeds))
	}
	total := 0
	for _, e := range m.Embeds {
		if runes(e.Title) > MaxEmbedTitle || runes(e.Description) > MaxEmbedDescription {
			errorf("embed title %d / description %d characters", runes(e.Title), runes(e.Description))
		}
		total += runes(e.Title) + runes(e.Description)
		if e.Footer != nil {
			if runes(e.Footer.Text) > MaxFooter {
				errorf("footer has %d characters", runes(e.Footer.Text))
			}
			total += runes(e.Footer.Text)
		}
		if e.Author != nil {
			if runes(e.Author.Name) > MaxAuthor {
				errorf("author has %d characters", runes(e.Author.Name))
			}
			total += runes(e.Author.Name)
		}
		if len(e.Fields) > MaxEmbedFields {
			errorf("%d fields", len(e.Fields))
		}
		for _, f := range e.Fields {
			if runes(f.Name) > MaxFieldName || runes(f.Value) > MaxFieldValue || f.Name == "" || f.Value == "" {
				errorf("field name %d / value %d characters", runes(f.Name), runes(f.Value))
			}
			total += runes(f.Name) + runes(f.Value)
		}
	}
	if total > MaxEmbedTotal {
		errorf("embeds hold %d characters", total)
	}
	if len(m.Components) > MaxRows {
		errorf("%d rows", len(m.Components))
	}
	ids := map[string]bool{}
	for _, row := range m.Components {
		if len(row.Components) == 0 || len(row.Components) > MaxButtonsPerRow {
			errorf("row with %d buttons", len(row.Components))
		}
		for _, b := range row.Components {
			if runes(b.Label) > MaxButtonLabel || len(b.CustomID) > MaxCustomID {
				errorf("button label %d / custom_id %d", runes(b.Label), len(b.CustomID))
			}
			if b.CustomID != "" && ids[b.CustomID] {
				errorf("duplicate custom_id %q", b.CustomID)
			}
			ids[b.CustomID] = true
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"the quick brown fox jumps", 20, "the quick brown fox…"},
		{"the quick brown fox jumps", 12, "the quick…"},
		{"abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…"},
		{"héllo wörld ünïcode", 12, "héllo wörld…"},
		{"👍👍👍👍👍👍", 4, "👍👍👍…"},
		{"日本語のテキストです", 5, "日本語の…"},
		{"a, b, c, d, e, f", 6, "a, b…"},
		{"bad \xff byte", 20, "bad \uFFFD byte"},
		{"anything", 0, ""},
		{"anything", 1, "…"},
	}
	for _, tt := range tests {
		got := Truncate(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if runes(got) > max(tt.max, 0) || !utf8.ValidString(got) {
			t.Errorf("Truncate(%q, %d) = %q breaks the limit or UTF-8", tt.in, tt.max, got)
		}
	}
}

func TestLimitsWithHostileAnswers(t *testing.T) {
	huge := strings.Repeat("Ünïcödé wörds 👩‍👩‍👧 and more words ", 400)
	pings := "@everyone @here <@123456789012345678> <@&987654321098765432> listen"
	tests := []struct {
		name    string
		answers func() []search.Answer
	}{
		{"huge quote", func() []search.Answer {
			return []search.Answer{{Quote: true, Text: huge, Speaker: strings.Repeat("Name ", 100), Reports: []search.Report{{Outlet: strings.Repeat("Outlet ", 50), URL: "https://x.example/" + strings.Repeat("a", 3000)}}}}
		}},
		{"thirty answers", func() []search.Answer {
			var out []search.Answer
			for i := range 30 {
				out = append(out, search.Answer{Quote: true, Text: fmt.Sprintf("%d %s", i, huge[:900]), Speaker: "S",
					Reports: []search.Report{{Outlet: "A", URL: "https://a.example/1"}, {Outlet: "B"}, {Outlet: "C"}, {Outlet: "D"}, {Outlet: "E"}, {Outlet: "F"}, {Outlet: "G"}}})
			}
			return out
		}},
		{"many outlets", func() []search.Answer {
			var reps []search.Report
			for i := range 200 {
				reps = append(reps, search.Report{Outlet: fmt.Sprintf("Outlet number %d", i), URL: fmt.Sprintf("https://o%d.example/story", i), ArticleID: fmt.Sprint(i)})
			}
			return []search.Answer{{Quote: true, Text: "Short.", Reports: reps}}
		}},
		{"mentions", func() []search.Answer {
			return []search.Answer{{Quote: true, Text: pings, Speaker: "@everyone", Reports: []search.Report{{Outlet: "<@&1>"}}}}
		}},
		{"emoji at every cut", func() []search.Answer {
			return []search.Answer{{Quote: true, Text: strings.Repeat("🇺🇦", 2000), Speaker: strings.Repeat("é", 300), Reports: []search.Report{{Outlet: strings.Repeat("😀", 300)}}}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cov := &fakeCoverage{answer: func(context.Context, search.Question) (search.Answers, error) {
				return search.Answers{Answers: tt.answers()}, nil
			}}
			b := newTestBot(t, cov)
			r := b.Handle(context.Background(), command("ask", "question", "bridge"))
			if r.Ephemeral {
				t.Fatalf("no answer: %q", r.Content)
			}
			checkReply(t, r)
			if tt.name == "mentions" && !strings.Contains(r.Embeds[0].Fields[0].Value, "@everyone") {
				t.Error("quoted text must stay verbatim; allowed_mentions stops the ping")
			}
		})
	}
}

func TestMentionReplyPingsNobody(t *testing.T) {
	cov := &fakeCoverage{answer: func(context.Context, search.Question) (search.Answers, error) {
		return search.Answers{Answers: []search.Answer{{Quote: true, Text: "@everyone look at the bridge", Speaker: "Ana Ruiz"}}}, nil
	}}
	b := newTestBot(t, cov)
	r, ok := b.HandleMessage(context.Background(), ChannelMessage{ID: "5", ChannelID: "8", GuildID: "7", AuthorID: "42",
		Content: "<@900> what about the bridge?", MentionsBot: true}, "900")
	if !ok {
		t.Fatal("no reply to a mention")
	}
	m := wireMessageFrom(r, false)
	raw, _ := json.Marshal(m)
	checkWireMessage(t, m, string(raw))
}

func FuzzRender(f *testing.F) {
	f.Add("The bridge will reopen before the spring floods.", "Ana Ruiz", "Harbor Times", "https://h.example/a", 3, 200)
	f.Add(strings.Repeat("👩‍👩‍👧 word ", 300), "@everyone", "<@&1>", "", 30, 5000)
	f.Add("\xff\xfe\x00 broken", "", "", "javascript:alert(1)", 1, 1)
	// Lines of the real seed articles (required on CI).
	for i, line := range seedArticleLines(f, 4) {
		f.Add(line, "John Kerry", "Business Standard", "https://www.business-standard.com/a", i%7+1, len(line)*(i%4+1))
	}
	f.Fuzz(func(t *testing.T, text, speaker, outlet, url string, n, size int) {
		n = min(max(n, 0), 40)
		size = min(max(size, 0), 3000)
		var answers []search.Answer
		for i := range n {
			t := text
			if size > 0 && len(t) < size {
				t = strings.Repeat(t+" ", size/(len(t)+1)+1)
			}
			answers = append(answers, search.Answer{Quote: i%2 == 0, Text: t, Speaker: speaker,
				Reports: []search.Report{{Outlet: outlet, URL: url, ArticleID: outlet}, {Outlet: speaker, Truncated: true}}})
		}
		r := answersPage(text, speaker, search.Answers{Answers: answers}, search.Coverage{Articles: n, Outlets: 2},
			pageRef{Kind: pageAsk, Asker: "1", Hash: "h"})
		r.Content = text + speaker
		checkFitted(t, Fit(r))
		checkReply(t, Fit(r))
		// The message handler (mentions) shares the formatter.
		checkReply(t, Fit(Reply{Content: strings.Repeat(text, 3), Embeds: []Embed{{Title: text, Description: text, Footer: text, Author: outlet}}}))
	})
}
