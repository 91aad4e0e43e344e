package corpus

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// floodPage is a page of n repeated "<a href=x><p>t</p>" pairs: small on
// disk, millions of elements at 20 MB.
func floodPage(n int) []byte {
	return []byte("<html><head><title>Flood</title></head><body>" + strings.Repeat("<a href=x><p>t</p>", n) + "</body></html>")
}

// TestReadFileRefusesTooManyElements: a page (or a feed line's html) with
// more elements than any article page is refused with a reason before it
// is extracted, instead of costing gigabytes; ordinary pages still read.
func TestReadFileRefusesTooManyElements(t *testing.T) {
	story := strings.Repeat("<p>The council in Millbrook voted on Tuesday to rebuild the flood barrier before the winter storms arrive, officials said.</p>", 20)
	fsys := fstest.MapFS{
		"flood.html": {Data: floodPage(MaxHTMLElements)}, // twice the budget
		"ok.html":    {Data: []byte("<html><head><title>Barrier vote</title></head><body><article>" + story + "</article></body></html>")},
		"feed.jsonl": {Data: bytes.Join([][]byte{
			[]byte(`{"source":"Echo","html":"` + string(floodPage(MaxHTMLElements)) + `"}`),
			[]byte(`{"source":"Echo","text":"The council in Millbrook voted on Tuesday to rebuild the flood barrier."}`),
		}, []byte("\n"))},
	}
	ctx := context.Background()
	_, _, err := ReadFile(ctx, fsys, "flood.html")
	var fe *FileError
	if !errors.As(err, &fe) || !errors.Is(err, ErrTooComplex) || !strings.Contains(fe.Reason, "HTML elements") {
		t.Errorf("flood.html: err %v, want a FileError for too many elements", err)
	}
	if docs, _, err := ReadFile(ctx, fsys, "ok.html"); err != nil || len(docs) != 1 {
		t.Errorf("ok.html: %d documents, %v", len(docs), err)
	}
	docs, skips, err := ReadFile(ctx, fsys, "feed.jsonl")
	if err != nil || len(docs) != 1 || len(skips) != 1 || !strings.Contains(skips[0].Reason, "HTML elements") {
		t.Errorf("feed.jsonl: %d documents, skips %v, err %v; want the flood line skipped with a reason", len(docs), skips, err)
	}
}

func TestHTMLTooLarge(t *testing.T) {
	tests := []struct {
		page []byte
		max  int
		want bool
	}{
		{[]byte("<p>a</p><p>b</p>"), 2, false},
		{[]byte("<p>a</p><p>b</p><br/>"), 2, true},
		{[]byte("<script>" + strings.Repeat("<p>", 100) + "</script>"), 2, false}, // script text is not elements
		{[]byte("not html at all"), 0, false},
	}
	for _, tt := range tests {
		if got := htmlTooLarge(tt.page, tt.max); got != tt.want {
			t.Errorf("htmlTooLarge(%.40q, %d) = %v, want %v", tt.page, tt.max, got, tt.want)
		}
	}
}

// TestReadFileRefusesOversizedArticles: one plain-text article (a file or
// a feed line's text) far larger than any news article is skipped with a
// reason instead of being indexed, where every question it answers would
// read all of it.
func TestReadFileRefusesOversizedArticles(t *testing.T) {
	big := strings.Repeat("The council in Millbrook voted on Tuesday to rebuild the flood barrier. ", MaxArticleSize/70+10)
	fsys := fstest.MapFS{
		"huge.txt": {Data: []byte(big)},
		"ok.txt":   {Data: []byte(big[:MaxArticleSize/2])},
		"feed.jsonl": {Data: []byte(`{"source":"Echo","text":"` + big + `"}` + "\n" +
			`{"source":"Echo","text":"The council in Millbrook voted on Tuesday to rebuild the flood barrier."}` + "\n")},
	}
	ctx := context.Background()
	_, _, err := ReadFile(ctx, fsys, "huge.txt")
	var fe *FileError
	if !errors.As(err, &fe) || !errors.Is(err, ErrTooLarge) || !strings.Contains(fe.Reason, "one article") {
		t.Errorf("huge.txt: err %v, want a FileError: too large for one article", err)
	}
	if docs, _, err := ReadFile(ctx, fsys, "ok.txt"); err != nil || len(docs) != 1 {
		t.Errorf("ok.txt: %d documents, %v", len(docs), err)
	}
	docs, skips, err := ReadFile(ctx, fsys, "feed.jsonl")
	if err != nil || len(docs) != 1 || len(skips) != 1 || skips[0].Path != "feed.jsonl#1" || !strings.Contains(skips[0].Reason, "one article") {
		t.Errorf("feed.jsonl: %d documents, skips %v, err %v; want line 1 skipped as too large", len(docs), skips, err)
	}
}
