package search

import (
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
)

// TestStoriesUndatedDoesNotWeldEvents: an undated follow-up that shares
// the story's names with two events weeks apart joins at most one of them;
// single link made one story of all five.
func TestStoriesUndatedDoesNotWeldEvents(t *testing.T) {
	grounding := "The container ship Ever Given ran aground in the Suez Canal near Suez, blocking traffic, the Suez Canal Authority said."
	release := "The Suez Canal Authority released the Ever Given after a compensation deal with its owner Shoei Kisen, and the ship left the canal."
	arts := []*corpus.Article{
		storyArticle("a1", "A", "2021-03-24", "", grounding, "Tugboats tried to free the ship at high tide on Wednesday."),
		storyArticle("a2", "B", "2021-03-24", "", grounding, "Hundreds of ships queued at both ends of the waterway."),
		storyArticle("b1", "A", "2021-07-07", "", release, "The ship sailed north to Port Said after 106 days."),
		storyArticle("b2", "C", "2021-07-07", "", release, "Egypt had first demanded 916 million dollars."),
		storyArticle("u", "D", "", "", "The Ever Given, which blocked the Suez Canal in March, is held by the Suez Canal Authority until Shoei Kisen pays compensation."),
	}
	stories := mustStories(t, arts)
	if len(stories) < 2 {
		t.Fatalf("%d stories, want the grounding and the release apart", len(stories))
	}
	for _, s := range stories {
		dates := map[string]bool{}
		for _, a := range s.Articles {
			if !a.Published.IsZero() {
				dates[a.Published.Format("2006-01")] = true
			}
		}
		if len(dates) > 1 {
			t.Errorf("one story holds articles of %v", dates)
		}
	}
}

func TestStoryClusterFarPairs(t *testing.T) {
	day := int64(24 * time.Hour / time.Second)
	for _, tt := range []struct {
		name string
		a, b []int64
		want int
	}{
		{"undated", nil, []int64{0}, 0},
		{"same days", []int64{0, day}, []int64{0, 2 * day}, 0},
		{"all far", []int64{0, day}, []int64{30 * day, 40 * day}, 4},
		{"some far", []int64{0, 10 * day}, []int64{3 * day, 12 * day}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, b := &storyCluster{days: tt.a}, &storyCluster{days: tt.b}
			if got := a.farPairs(b); got != tt.want {
				t.Errorf("farPairs = %d, want %d", got, tt.want)
			}
			if got := b.farPairs(a); got != tt.want {
				t.Errorf("farPairs reversed = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestStoryDateGapFarApart: two articles centuries apart are far apart.
// time.Time.Sub saturates for dates about 292 years apart, and its
// negation overflowed back to a negative gap that counted as close.
func TestStoryDateGapFarApart(t *testing.T) {
	at := func(y int) *corpus.Article {
		return &corpus.Article{Published: time.Date(y, 6, 1, 0, 0, 0, 0, time.UTC)}
	}
	for _, tt := range []struct {
		a, b int
		far  bool
	}{
		{1801, 2199, true},
		{2199, 1801, true},
		{1950, 2199, true},
		{2026, 2026, false},
	} {
		gap, dated := storyDateGap(at(tt.a), at(tt.b))
		if !dated || (gap > storyMaxDateGap) != tt.far {
			t.Errorf("storyDateGap(%d, %d) = %v, %v; want far %v", tt.a, tt.b, gap, dated, tt.far)
		}
	}
}
