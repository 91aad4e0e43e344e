package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/search"
)

// bigDigest is a digest with n stories whose every text runs long, so
// rendering must split it.
func bigDigest(n int) search.Digest {
	long := strings.Repeat("The ministers talked about a ceasefire in Aleppo for a long time. ", 20)
	d := search.Digest{Since: time.Date(2014, 1, 13, 8, 0, 0, 0, time.UTC), Articles: 3 * n}
	for i := 0; i < n; i++ {
		s := search.Story{
			Headline:     fmt.Sprintf("Story %d: %s", i+1, long),
			HeadlineFrom: "a",
			Outlets:      []string{"Dawn", "NDTV", "unknown"},
			TopQuote: &search.Answer{Quote: true, Text: "@everyone " + long, Speaker: "John Kerry", Reports: []search.Report{
				{Outlet: "Dawn", URL: "https://dawn.example/a"}, {Outlet: "NDTV"}, {Outlet: "unknown", Article: "001.txt"},
			}},
			Disagreements: []search.Disagreement{{Claim: "people killed", Figures: []search.Figure{
				{Text: "130,000 people", Value: 130000, Sentence: long + "The conflict has killed 130,000 people. " + long, Outlet: "Dawn", URL: "https://dawn.example/a", Published: d.Since},
				{Text: "more than 100,000 people", Value: 100000, Qualifier: "more than", Sentence: "The war has killed more than 100,000 people.", Outlet: "unknown"},
			}}},
			Syndicated: []search.Syndication{{Outlets: []string{"Dawn", "NDTV"}, ArticleIDs: []string{"a", "b"}, Agency: "AFP"}},
		}
		for j := 0; j < 12; j++ {
			s.Articles = append(s.Articles, search.StoryArticle{ID: fmt.Sprint(j), Path: fmt.Sprintf("%03d.txt", j), Outlet: "Dawn",
				URL: "https://dawn.example/" + fmt.Sprint(j), Title: long, Published: d.Since})
		}
		d.Stories = append(d.Stories, s)
	}
	return d
}

// checkMessageLimits fails the test for anything in r beyond Discord's
// limits.
func checkMessageLimits(t *testing.T, r Reply) {
	t.Helper()
	if n := utf8.RuneCountInString(r.Content); n > MaxContent {
		t.Errorf("content %d characters", n)
	}
	if len(r.Embeds) > MaxEmbeds {
		t.Errorf("%d embeds", len(r.Embeds))
	}
	total := 0
	for _, e := range r.Embeds {
		total += EmbedText(e)
		if utf8.RuneCountInString(e.Title) > MaxEmbedTitle || utf8.RuneCountInString(e.Description) > MaxEmbedDescription ||
			utf8.RuneCountInString(e.Footer) > MaxFooter || len(e.Fields) > MaxEmbedFields {
			t.Errorf("embed %q beyond a limit", Truncate(e.Title, 40))
		}
		for _, s := range []string{e.Title, e.Description, e.Footer} {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8 in embed")
			}
		}
	}
	if total > MaxEmbedTotal {
		t.Errorf("embeds hold %d characters in all", total)
	}
}

func TestRenderDigestSplitsWithinLimitsAndKeepsStoriesWhole(t *testing.T) {
	for _, n := range []int{1, 3, 10, 11, 25} {
		t.Run(fmt.Sprint(n, " stories"), func(t *testing.T) {
			msgs := RenderDigest(bigDigest(n), DigestView{Location: time.UTC})
			seen := map[string]int{}
			for i, m := range msgs {
				checkMessageLimits(t, m)
				if i == 0 && !strings.Contains(m.Content, fmt.Sprintf("%d stor", n)) {
					t.Errorf("header = %q", m.Content)
				}
				for _, e := range m.Embeds {
					seen[e.Footer]++
					// A whole story: every section present in its embed.
					for _, part := range []string{"outlets:", "John Kerry", "Outlets disagree: people killed", "130,000 people", "more than 100,000 people", "same AFP report"} {
						if !strings.Contains(e.Description, part) {
							t.Errorf("%s: %q missing", e.Footer, part)
						}
					}
				}
			}
			if len(seen) != n {
				t.Errorf("%d stories rendered, want %d", len(seen), n)
			}
			for footer, c := range seen {
				if c != 1 {
					t.Errorf("%s rendered %d times", footer, c)
				}
			}
		})
	}
}

func TestRenderDigestNoNews(t *testing.T) {
	d := search.Digest{Since: time.Unix(1700000000, 0)}
	msgs := RenderDigest(d, DigestView{NoNews: NoNewsNote})
	if len(msgs) != 1 || msgs[0].Content != "📰 No new coverage since <t:1700000000:f>." {
		t.Errorf("note = %+v", msgs)
	}
	if msgs := RenderDigest(d, DigestView{NoNews: NoNewsSilent}); len(msgs) != 0 {
		t.Errorf("silent = %+v, want nothing", msgs)
	}
}

func TestRenderDigestStory(t *testing.T) {
	pub := time.Date(2014, 1, 13, 0, 0, 0, 0, time.UTC)
	d := search.Digest{Since: pub, Articles: 2, Stories: []search.Story{{
		Headline: "Kerry, Lavrov discuss *Aleppo* ceasefire", HeadlineFrom: "bs/1",
		Outlets: []string{"Business Standard", "unknown"},
		Articles: []search.StoryArticle{
			{ID: "bs/1", Path: "000.txt", Outlet: "Business Standard", URL: "https://bs.example/1", Published: pub, Truncated: true},
			{ID: "001.txt", Path: "001.txt", Outlet: "unknown"},
		},
		TopQuote: &search.Answer{Quote: true, Text: "We talked today about the possibility of trying to encourage a ceasefire", Speaker: "John Kerry",
			Reports: []search.Report{{Outlet: "Business Standard"}, {Outlet: "unknown", Article: "001.txt"}}},
	}}}
	msgs := RenderDigest(d, DigestView{})
	if len(msgs) != 1 || len(msgs[0].Embeds) != 1 {
		t.Fatalf("got %+v", msgs)
	}
	e := msgs[0].Embeds[0]
	if e.Title != `Kerry, Lavrov discuss \*Aleppo\* ceasefire` || e.URL != "https://bs.example/1" {
		t.Errorf("title %q url %q", e.Title, e.URL)
	}
	for _, want := range []string{
		"**1 outlet:** Business Standard (and 1 article from an unknown outlet)",
		"• [Business Standard](https://bs.example/1) — 13 Jan 2014 *(cut short)*",
		"• Unknown outlet (001.txt)",
		"> “We talked today about the possibility of trying to encourage a ceasefire” — **John Kerry**",
		"> reported by Business Standard, Unknown outlet (001.txt)",
	} {
		if !strings.Contains(e.Description, want) {
			t.Errorf("description lacks %q:\n%s", want, e.Description)
		}
	}
}

// FuzzRenderDigest: whatever the articles say, every message of a digest is
// within Discord's limits and valid UTF-8.
func FuzzRenderDigest(f *testing.F) {
	f.Add("Kerry, Lavrov discuss ceasefire", "We talked today about the possibility of trying to encourage a ceasefire", "The conflict has killed 130,000 people.", "Business Standard", 3)
	f.Add("@everyone *bold* [link](x)", "\xff\xfe invalid", "||spoiler|| `code`", "", 40)
	f.Add(strings.Repeat("ü", 300), strings.Repeat("word ", 2000), strings.Repeat("é", 5000), strings.Repeat("x", 300), 1)
	// Lines of the real seed articles as headline, quote and sentence (required on CI).
	lines := seedArticleLines(f, 4)
	for i := range lines {
		f.Add(lines[i], lines[(i+1)%len(lines)], lines[(i+2)%len(lines)], "Business Standard", i%5+1)
	}
	f.Fuzz(func(t *testing.T, headline, quote, sentence, outlet string, stories int) {
		if stories < 0 {
			stories = -stories
		}
		stories = stories%30 + 1
		d := search.Digest{Since: time.Unix(1700000000, 0), Articles: stories}
		for i := 0; i < stories; i++ {
			d.Stories = append(d.Stories, search.Story{
				Headline: headline, HeadlineFrom: "a", Outlets: []string{outlet, outlet + "2"},
				Articles: []search.StoryArticle{{ID: "a", Path: outlet, Outlet: outlet, Title: headline, URL: "https://x.example/" + outlet}},
				TopQuote: &search.Answer{Text: quote, Speaker: outlet, Reports: []search.Report{{Outlet: outlet}}},
				Disagreements: []search.Disagreement{{Claim: outlet, Figures: []search.Figure{
					{Text: outlet, Sentence: sentence, Outlet: outlet}, {Text: quote, Sentence: sentence + quote, Outlet: headline}}}},
				Syndicated: []search.Syndication{{Outlets: []string{outlet, headline}, Agency: outlet}},
			})
		}
		msgs := RenderDigest(d, DigestView{})
		embeds := 0
		for _, m := range msgs {
			checkMessageLimits(t, m)
			if !utf8.ValidString(m.Content) {
				t.Error("invalid UTF-8 in content")
			}
			embeds += len(m.Embeds)
		}
		if embeds != stories {
			t.Errorf("%d story embeds for %d stories", embeds, stories)
		}
	})
}

// TestRenderDigestSaysWhatWasLeftOut: a digest bounded to its newest
// articles says how many more were left out.
func TestRenderDigestSaysWhatWasLeftOut(t *testing.T) {
	d := bigDigest(1)
	d.Omitted = 1234
	msgs := RenderDigest(d, DigestView{})
	if !strings.Contains(msgs[0].Content, "1234 more articles first seen earlier left out") {
		t.Errorf("header does not say what was left out: %q", msgs[0].Content)
	}
}

// TestRenderDigestLongURLsDoNotCutLinks: very long article urls are not
// written as links, so a story's text is never cut inside a markdown link.
func TestRenderDigestLongURLsDoNotCutLinks(t *testing.T) {
	d := bigDigest(1)
	long := "https://dawn.example/" + strings.Repeat("very-long-slug-", 120)
	for i := range d.Stories[0].Articles {
		d.Stories[0].Articles[i].URL = long + fmt.Sprint(i)
	}
	d.Stories[0].Disagreements[0].Figures[0].URL = long
	for _, m := range RenderDigest(d, DigestView{}) {
		for _, e := range m.Embeds {
			rest := markdownLink.ReplaceAllString(e.Description, "$1")
			if strings.Contains(rest, "](http") || strings.Contains(e.Description, "very-long-slug") {
				t.Errorf("a long url is in the text:\n%.600s", e.Description)
			}
		}
	}
}
