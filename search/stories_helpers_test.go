package search

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/coveragebot/coveragebot/corpus"
)

// storyArticle builds a clean article by hand: one paragraph per string,
// sentences split at ". " before a capital, so story tests do not depend on
// the corpus package's cleaner.
func storyArticle(id, outlet, published, title string, paras ...string) *corpus.Article {
	a := &corpus.Article{ID: id, Path: id, Outlet: outlet, Title: title}
	if outlet != "unknown" && outlet != "" {
		a.URL = "https://" + strings.ToLower(strings.ReplaceAll(outlet, " ", "")) + ".example/" + id
	}
	if published != "" {
		t, err := time.Parse("2006-01-02", published)
		if err != nil {
			panic(err)
		}
		a.Published = t
	}
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p)
		a.Paragraphs = append(a.Paragraphs, corpus.Paragraph{Start: start, End: b.Len(), Line: i + 1})
		for _, s := range storySplit(p) {
			a.Sentences = append(a.Sentences, corpus.Sentence{Start: start + s[0], End: start + s[1], Paragraph: i})
		}
	}
	a.Text = b.String()
	return a
}

// storySplit splits a paragraph into sentence offsets.
func storySplit(p string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(p) && (p[end] == '"' || strings.HasPrefix(p[end:], "”")) {
			if p[end] == '"' {
				end++
			} else {
				end += len("”")
			}
		}
		if end < len(p) && p[end] == ' ' && end+1 < len(p) {
			next := rune(p[end+1])
			if unicode.IsUpper(next) || next == '"' || strings.HasPrefix(p[end+1:], "“") {
				out = append(out, [2]int{start, end})
				start = end + 1
			}
		}
	}
	if start < len(p) {
		out = append(out, [2]int{start, len(p)})
	}
	return out
}

// withQuote marks the first occurrence of words in the article as a quote.
func withQuote(tb testing.TB, a *corpus.Article, words, speaker string) *corpus.Article {
	tb.Helper()
	i := strings.Index(a.Text, words)
	if i < 0 {
		tb.Fatalf("%s: quote %q not in text", a.ID, words)
	}
	q := corpus.Quote{Start: i, End: i + len(words), Speaker: speaker}
	if speaker != "" {
		q.Attribution = "explicit"
	}
	for si, s := range a.Sentences {
		if s.Start <= i && i < s.End {
			q.Sentence, q.Paragraph = si, s.Paragraph
		}
	}
	a.Quotes = append(a.Quotes, q)
	return a
}

// mustStories groups articles into stories with a context that is never done.
func mustStories(tb testing.TB, articles []*corpus.Article) []Story {
	tb.Helper()
	stories, err := Stories(context.Background(), articles)
	if err != nil {
		tb.Fatal(err)
	}
	return stories
}

// storyLinkScore is the evidence that a and b report one event, computed
// whole: the similarity over the threshold of its kind (1 at the
// threshold), or storyQuoteScore for a shared quote; 0 when they are too
// far apart in time for the evidence they share. storyGroups computes the
// same piece by piece, looking for shared quotes only where storyPairs
// found one; the tests check it against this.
func storyLinkScore(a, b *storyDoc) float64 {
	if a.sharesQuote(b) || b.sharesQuote(a) {
		return max(storyTopicScore(a, b), storyQuoteLinkScore(a, b))
	}
	return storyTopicScore(a, b)
}
