package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/search"
)

// floodStory is a story of six outlets with three claims they disagree on,
// four figures each; every url has slug characters of padding.
func floodStory(slug int) search.Story {
	pub := time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC)
	url := func(i int) string {
		return fmt.Sprintf("https://outlet%d.example/%s-%d", i, strings.Repeat("flood-", slug/6), i)
	}
	s := search.Story{Headline: "Millbrook flood: bridge closed", HeadlineFrom: "a0"}
	for i := 0; i < 6; i++ {
		outlet := fmt.Sprintf("Outlet Number %d", i)
		s.Outlets = append(s.Outlets, outlet)
		s.Articles = append(s.Articles, search.StoryArticle{ID: fmt.Sprint("a", i), Outlet: outlet, URL: url(i),
			Title: "Bridge closed for six weeks as crews count the homes the river destroyed", Published: pub})
	}
	s.TopQuote = &search.Answer{Quote: true, Speaker: "Ruth Calloway", Text: "We will rebuild every home the water took.",
		Reports: []search.Report{{Outlet: s.Outlets[0]}, {Outlet: s.Outlets[1]}}}
	for _, claim := range []string{"homes destroyed", "people evacuated", "people rescued"} {
		d := search.Disagreement{Claim: claim}
		for i := 0; i < 4; i++ {
			fig := fmt.Sprintf("%d %s", 10+i, claim)
			d.Figures = append(d.Figures, search.Figure{Text: fig, Outlet: s.Outlets[i], URL: url(i), Published: pub,
				Sentence: "Crews working through the night said on Tuesday that " + fig + " after the water rose faster than forecast."})
		}
		s.Disagreements = append(s.Disagreements, d)
	}
	return s
}

// TestStoryEmbedFitsWithoutCuttingAndKeepsDisagreements: a story whose
// links take thousands of characters leaves out article lines and the
// quote before any figure the outlets disagree on, says so, and cuts no
// line or link part way.
func TestStoryEmbedFitsWithoutCuttingAndKeepsDisagreements(t *testing.T) {
	tests := []struct {
		name    string
		slug    int
		want    []string
		leftOut []string
	}{
		{"short links: all of it", 0, []string{"• [Outlet Number 5]", "— **Ruth Calloway**", "**13 people rescued**"}, nil},
		{"longer links: article lines first", 60, []string{"— **Ruth Calloway**", "**13 homes destroyed**", "**13 people rescued**"},
			[]string{"articles more"}},
		{"long links: then the quote", 150, []string{"**11 homes destroyed**", "**11 people evacuated**", "**11 people rescued**"},
			[]string{"articles not listed", "quote is left out to fit"}},
		{"longest links: two figures a claim", 360, []string{"**11 homes destroyed**", "**11 people evacuated**", "**11 people rescued**"},
			[]string{"…and 2 more"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := storyEmbed(floodStory(tt.slug), 1, 1, time.UTC)
			desc := e.Description
			if n := utf8.RuneCountInString(desc); n > MaxEmbedDescription {
				t.Errorf("description has %d characters, over Discord's %d", n, MaxEmbedDescription)
			}
			for _, w := range append(tt.want, tt.leftOut...) {
				if !strings.Contains(desc, w) {
					t.Errorf("description lacks %q:\n%s", w, desc)
				}
			}
			if tt.leftOut == nil && (strings.Contains(desc, "not listed") || strings.Contains(desc, "left out") || strings.Contains(desc, "…and")) {
				t.Errorf("a story that fits lost something:\n%s", desc)
			}
			// Whole links and lines: no url outside a complete link, and
			// every figure line ends with its closing quote mark.
			if rest := markdownLink.ReplaceAllString(desc, "$1"); strings.Contains(rest, "http") {
				t.Errorf("a link is cut:\n%s", desc)
			}
			for _, line := range strings.Split(desc, "\n") {
				if strings.HasPrefix(line, "• **") && !strings.HasSuffix(line, "”") {
					t.Errorf("figure line cut: %q", line)
				}
			}
		})
	}
}

// TestStoryWithManyOutletsKeepsDisagreements: a story ninety outlets
// covered names as many as fit on its outlets line and counts the rest,
// so what they disagree on still has room.
func TestStoryWithManyOutletsKeepsDisagreements(t *testing.T) {
	s := floodStory(0)
	s.Outlets = nil
	for i := range 90 {
		s.Outlets = append(s.Outlets, fmt.Sprintf("Regional Broadcasting Corporation Northern Desk %02d", i))
	}
	e := storyEmbed(s, 1, 1, time.UTC)
	if !strings.Contains(e.Description, "Outlets disagree") {
		t.Errorf("the disagreements are gone:\n%s", e.Description)
	}
	if n := utf8.RuneCountInString(e.Description); !strings.Contains(e.Description, " more") || n > MaxEmbedDescription {
		t.Errorf("the outlets line does not say how many more there are, or the description is over the limit (%d):\n%s", n, e.Description)
	}
}
