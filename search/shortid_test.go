package search

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// A feed article's id carries its headline: past the 100 characters a
// Discord button or autocomplete value holds.
const longFeedID = "feeds/the-kestrel-post/2026-02-10-old-mill-bridge-to-stay-shut-for-at-least-six-weeks-mayor-sa-0123456789ab.jsonl#1"

func TestShortArticleIDIsStable(t *testing.T) {
	// A short id given before an upgrade must still name its article
	// after it: pinned.
	if got, want := ShortArticleID(longFeedID), "h:6cu4lt34rru7uq6yis2pnuwgyu"; got != want {
		t.Fatalf("ShortArticleID = %q, want %q", got, want)
	}
	if got, want := ShortArticleID("a.jsonl#1"), ShortArticleID("a.jsonl#1"); got != want {
		t.Errorf("ShortArticleID differs between calls: %q, %q", got, want)
	}
	if ShortArticleID("a.jsonl#1") == ShortArticleID("a.jsonl#2") {
		t.Errorf("two ids share a short id")
	}
	for _, s := range []string{ShortArticleID(longFeedID), ShortArticleID("")} {
		if !IsShortArticleID(s) {
			t.Errorf("IsShortArticleID(%q) = false", s)
		}
	}
	for _, s := range []string{"", "h:", "h:abc", longFeedID, "a.jsonl#1", "h:" + strings.Repeat("1", 26)} {
		if IsShortArticleID(s) {
			t.Errorf("IsShortArticleID(%q) = true", s)
		}
	}
}

func TestArticleByShortIDAcrossUpdatesAndReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	first := handArticle(t, longFeedID, "The Kestrel Post", []string{"The Old Mill Bridge will stay closed for six weeks."})
	mustIndexArticles(t, ix, first)
	got, err := ix.ArticleByShortID(ctx, ShortArticleID(longFeedID))
	if err != nil || got.ID != longFeedID {
		t.Fatalf("ArticleByShortID = %v, %v; want %s", got, err, longFeedID)
	}

	// An article added after the table was built is found too.
	second := handArticle(t, "feeds/the-kestrel-post/2026-02-11-"+strings.Repeat("x", 90)+".jsonl#1", "The Kestrel Post", []string{"The ferry runs again."})
	mustIndexArticles(t, ix, second)
	if got, err := ix.ArticleByShortID(ctx, ShortArticleID(second.ID)); err != nil || got.ID != second.ID {
		t.Fatalf("after an update: ArticleByShortID = %v, %v; want %s", got, err, second.ID)
	}

	if _, err := ix.ArticleByShortID(ctx, ShortArticleID("not/in/the/index.jsonl#1")); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown short id: err = %v, want ErrNotFound", err)
	}
	if _, err := ix.ArticleByShortID(ctx, longFeedID); !errors.Is(err, ErrNotFound) {
		t.Errorf("an article id is no short id: err = %v, want ErrNotFound", err)
	}

	// Another process (or this one after a restart) reads the same table
	// from the store.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	again := mustOpen(t, dir)
	if got, err := again.ArticleByShortID(ctx, ShortArticleID(longFeedID)); err != nil || got.ID != longFeedID {
		t.Fatalf("after reopening: ArticleByShortID = %v, %v; want %s", got, err, longFeedID)
	}
}
