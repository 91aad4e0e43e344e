package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/coveragebot/coveragebot/search"
)

// feedArticlePath is a feed article's file as corpus/feed names it:
// feeds/<outlet>/<date>-<headline slug>-<item hash>.jsonl. With its line
// number its id is 115 characters, past what a button or an autocomplete
// value holds.
const feedArticlePath = "feeds/the-kestrel-post/2026-02-10-old-mill-bridge-to-stay-shut-for-at-least-six-weeks-mayor-sa-0123456789ab.jsonl"

// feedIndex writes one made-up feed article long enough for several
// pages into a fresh index in dir.
func feedIndex(t *testing.T, dir string) *search.Index {
	t.Helper()
	ctx := context.Background()
	ix, err := search.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	paras := []string{
		`The Old Mill Bridge will stay closed for six weeks.`,
		`\"We will not reopen the Old Mill Bridge until the engineers tell us it is safe,\" Mayor Ruth Calloway said.`,
	}
	for i := range 40 {
		paras = append(paras, fmt.Sprintf("Inspection note %d: engineers measured crack %d in pier %d and logged a width of %d millimetres before the river rose again that week.", i+1, i+7, i%4+1, i+2))
	}
	line := `{"source":"The Kestrel Post","url":"https://kestrelpost.example/bridge","published":"2026-02-10",` +
		`"title":"Old Mill Bridge to stay shut for at least six weeks, mayor says","text":"` + strings.Join(paras, `\n\n`) + `"}` + "\n"
	if _, err := ix.Update(ctx, fstest.MapFS{feedArticlePath: {Data: []byte(line)}}, search.Options{}); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestFeedArticleOpensFromDiscord: a feed article's id is too long for a
// button or an autocomplete value, so they carry its short id; the
// article opens from either, pages, and still opens from an old button
// after a restart.
func TestFeedArticleOpensFromDiscord(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix := feedIndex(t, dir)
	b := newTestBot(t, ix)
	wantID := feedArticlePath + "#1"

	answer := b.Handle(ctx, command("ask", "question", "What did the mayor say about the Old Mill Bridge?"))
	var show *Button
	for _, row := range answer.Components {
		for i := range row {
			if strings.HasPrefix(row[i].CustomID, articlePrefix+":") {
				show = &row[i]
			}
		}
	}
	if show == nil {
		t.Fatalf("the answer has no Show article button: %+v", answer)
	}
	if len(show.CustomID) > MaxCustomID {
		t.Fatalf("custom id %q is over %d characters", show.CustomID, MaxCustomID)
	}
	opened := b.Handle(ctx, press("42", show.CustomID, answer))
	if len(opened.Embeds) != 1 || !strings.Contains(opened.Embeds[0].Footer, wantID) {
		t.Fatalf("Show article: %+v", opened)
	}
	if len(opened.Components) == 0 {
		t.Fatalf("the article has one page; the test wants several")
	}
	next := b.Handle(ctx, press("42", opened.Components[0][1].CustomID, opened))
	if len(next.Embeds) != 1 || !strings.Contains(next.Embeds[0].Footer, "Page 2 of") {
		t.Errorf("Next on the article: %+v", next)
	}

	in := command("article", "id", "Old Mill Bridge")
	in.Kind, in.Focused = KindAutocomplete, "id"
	choices := b.Handle(ctx, in).Choices
	if len(choices) == 0 {
		t.Fatal("/article autocomplete offers nothing for the feed article")
	}
	value := choices[0].Value
	if len(value) > MaxChoiceValue {
		t.Fatalf("choice value %q is over %d characters", value, MaxChoiceValue)
	}
	picked := b.Handle(ctx, command("article", "id", value))
	if len(picked.Embeds) != 1 || !strings.Contains(picked.Embeds[0].Footer, wantID) {
		t.Fatalf("/article %s: %+v", value, picked)
	}

	// Another process, or this one restarted, knows nothing this one
	// remembered: only the index.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	reopened, err := search.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reopened.Close() })
	again := newTestBot(t, reopened).Handle(ctx, press("42", show.CustomID, answer))
	if len(again.Embeds) != 1 || !strings.Contains(again.Embeds[0].Footer, wantID) {
		t.Fatalf("Show article after a restart: %+v", again)
	}
}

// TestArticleKeyKeepsIDsThatFit: ids that fit stay as they are, so buttons
// already in channels keep working.
func TestArticleKeyKeepsIDsThatFit(t *testing.T) {
	fits := strings.Repeat("a", MaxCustomID-len(articlePrefix)-1)
	tests := []struct {
		id, want string
	}{
		{"harbor-times/bridge.txt", "harbor-times/bridge.txt"},
		{fits, fits},
		{fits + "b", search.ShortArticleID(fits + "b")},
		{feedArticlePath + "#1", search.ShortArticleID(feedArticlePath + "#1")},
	}
	for _, tt := range tests {
		if got := articleKey(tt.id); got != tt.want {
			t.Errorf("articleKey(%q) = %q, want %q", tt.id, got, tt.want)
		}
		if got := articleCustomID(tt.id); len(got) > MaxCustomID {
			t.Errorf("articleCustomID(%q) is %d characters", tt.id, len(got))
		}
	}
}
