package realcoverage

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

var showStories = flag.Bool("realcoverage.stories", false, "group the real articles into stories alone (no questions) and print the tuning half's confusion: which events are merged or split")

// TestStoryGrouping is story grouping on its own, for tuning it: the
// B-cubed figures of both halves as TestRealCoverage prints them, then
// for the tuning half only each digest story's events and each split
// event's stories. The check half is measured, never listed. It runs only
// when asked:
//
//	go test ./search/realcoverage -run StoryGrouping -v -realcoverage.stories
func TestStoryGrouping(t *testing.T) {
	if !*showStories {
		t.Skip("run with -realcoverage.stories")
	}
	ctx := context.Background()
	set, articles := loadEvaluation(t)
	indexes := map[string]*search.Index{}
	var arts []*corpus.Article
	gold := Clustering{}
	for _, e := range set.Entries {
		story, file, _ := strings.Cut(e.File, "/")
		ix, ok := indexes[story]
		if !ok {
			ix = mustStoryIndex(t, ctx, filepath.Join(articles, story))
			indexes[story] = ix
		}
		a, err := ix.Article(ctx, file)
		if err != nil {
			t.Fatalf("article %s: %v", e.File, err)
		}
		c := *a
		c.ID = e.File
		arts = append(arts, &c)
		gold[c.ID] = e.Event
	}
	grouped, err := search.Stories(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	got := FromStories(grouped)
	for _, h := range []Half{Check, Tuning} {
		p, r, f := BCubed(got, gold, func(id string) bool { return HalfOf(gold[id]) == h })
		t.Logf("stories, %s half (B-cubed): P %.2f R %.2f F1 %.2f", h, p, r, f)
	}
	t.Log("tuning half:\n" + confusion(arts, got, gold, func(id string) bool { return HalfOf(gold[id]) == Tuning }))
}

// mustStoryIndex indexes one story's articles in a temporary folder.
func mustStoryIndex(t *testing.T, ctx context.Context, dir string) *search.Index {
	t.Helper()
	ix, err := search.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Update(ctx, os.DirFS(dir), search.Options{}); err != nil {
		t.Fatal(err)
	}
	return ix
}

// confusion lists, over the articles keep selects, each digest story
// holding more than one event (with its articles) and each event split
// over several stories.
func confusion(arts []*corpus.Article, got, gold Clustering, keep func(id string) bool) string {
	byStory := map[string][]*corpus.Article{}
	storiesOf := map[string]map[string]int{}
	for _, a := range arts {
		if !keep(a.ID) {
			continue
		}
		byStory[got[a.ID]] = append(byStory[got[a.ID]], a)
		if storiesOf[gold[a.ID]] == nil {
			storiesOf[gold[a.ID]] = map[string]int{}
		}
		storiesOf[gold[a.ID]][got[a.ID]]++
	}
	var b strings.Builder
	var keys []string
	for k := range byStory {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return len(byStory[keys[i]]) > len(byStory[keys[j]]) })
	for _, k := range keys {
		events := map[string]int{}
		for _, a := range byStory[k] {
			events[gold[a.ID]]++
		}
		if len(events) < 2 {
			continue
		}
		fmt.Fprintf(&b, "story %s merges %d events: %v\n", k, len(events), events)
		as := byStory[k]
		sort.Slice(as, func(i, j int) bool { return as[i].ID < as[j].ID })
		for _, a := range as {
			fmt.Fprintf(&b, "  %-16s %s %-2s %-28s %.70s\n", a.ID, a.Published.Format("2006-01-02"), a.Language, gold[a.ID], a.Title)
		}
	}
	var events []string
	for e := range storiesOf {
		events = append(events, e)
	}
	sort.Strings(events)
	for _, e := range events {
		if len(storiesOf[e]) > 1 {
			fmt.Fprintf(&b, "event %s split over stories %v\n", e, storiesOf[e])
			for _, a := range arts {
				if keep(a.ID) && gold[a.ID] == e {
					fmt.Fprintf(&b, "  %-16s story %-3s %s %-2s %.70s\n", a.ID, got[a.ID], a.Published.Format("2006-01-02"), a.Language, a.Title)
				}
			}
		}
	}
	return b.String()
}
