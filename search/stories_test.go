package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/corpus"
)

// Hand-built coverage of two events: a ceasefire push reported by three
// outlets (two run the same wire copy) and an unrelated arms embargo story.
func storyFixture(t *testing.T) []*corpus.Article {
	t.Helper()
	wire := []string{
		"Kerry and Lavrov met in Paris on Monday to discuss a ceasefire in Aleppo ahead of the Montreux talks.",
		"\"We talked today about the possibility of trying to encourage a localised ceasefire beginning with Aleppo,\" Kerry said, according to AFP.",
		"The nearly three-year conflict has killed 130,000 people, monitors say.",
		"Lavrov said Iran should be invited to the Montreux conference because its role in Syria is central.",
		"The opposition will decide on Friday whether to attend the talks in Switzerland.",
	}
	edited := append([]string(nil), wire...)
	edited[0] = "Kerry and Lavrov met in Paris on Monday to discuss a possible ceasefire in Aleppo ahead of the Montreux talks."
	edited[4] = "The opposition will decide on Friday whether it will attend the talks in Switzerland."
	arts := []*corpus.Article{
		withQuote(t, storyArticle("dawn/1", "Dawn", "2014-01-13", "", wire...),
			"We talked today about the possibility of trying to encourage a localised ceasefire beginning with Aleppo,", "John Kerry"),
		withQuote(t, storyArticle("ndtv/1", "NDTV", "2014-01-13", "Kerry, Lavrov discuss Aleppo ceasefire", edited...),
			"We talked today about the possibility of trying to encourage a localised ceasefire beginning with Aleppo,", "Kerry"),
		withQuote(t, storyArticle("bbc/1", "BBC", "2014-01-14", "",
			"The US and Russia have discussed the possibility of localized ceasefires in Syria before peace talks in Switzerland.",
			"Mr Kerry said he and Mr Lavrov \"talked today about the possibility of trying to encourage a ceasefire, maybe a localized ceasefire beginning with Aleppo\", Syria's largest city.",
			"The war has killed more than 100,000 people and displaced millions.",
			"Mr Lavrov said the government might allow aid into besieged areas of Damascus."),
			"talked today about the possibility of trying to encourage a ceasefire, maybe a localized ceasefire beginning with Aleppo", "John Kerry"),
		storyArticle("bs/2", "Business Standard", "2014-01-13", "EU ministers split over Syria arms embargo",
			"European Union foreign ministers struggled in Brussels to agree whether to lift the arms embargo on Syrian rebels.",
			"Britain and France want the embargo lifted so rebels can get weapons, but Germany and Sweden are opposed.",
			"The embargo lapses on Friday unless ministers agree to roll over the sanctions package against the regime."),
	}
	arts[2].Quotes[0].Partial = true // inside the reporter's own sentence
	return arts
}

func TestStoriesGroupsByEvent(t *testing.T) {
	stories := mustStories(t, storyFixture(t))
	if len(stories) != 2 {
		t.Fatalf("got %d stories, want 2: %+v", len(stories), stories)
	}
	first, second := stories[0], stories[1]
	if got, want := strings.Join(first.Outlets, ","), "BBC,Dawn,NDTV"; !sameSet(got, want) {
		t.Errorf("first story outlets = %s, want %s", got, want)
	}
	if len(second.Articles) != 1 || second.Articles[0].ID != "bs/2" {
		t.Errorf("second story = %+v, want the embargo article alone", second.Articles)
	}
	if first.Headline != "Kerry, Lavrov discuss Aleppo ceasefire" || first.HeadlineFrom != "ndtv/1" {
		t.Errorf("headline = %q from %q, want the only title", first.Headline, first.HeadlineFrom)
	}
	if second.Headline != "EU ministers split over Syria arms embargo" {
		t.Errorf("second headline = %q", second.Headline)
	}
}

func TestStoriesTopQuoteAcrossOutlets(t *testing.T) {
	q := mustStories(t, storyFixture(t))[0].TopQuote
	if q == nil {
		t.Fatal("no top quote")
	}
	if q.Speaker != "John Kerry" {
		t.Errorf("speaker = %q, want the name most printings agree on", q.Speaker)
	}
	var outlets []string
	for _, r := range q.Reports {
		outlets = append(outlets, r.Outlet)
	}
	if !sameSet(strings.Join(outlets, ","), "BBC,Dawn,NDTV") {
		t.Errorf("quote outlets = %v, want all three despite localised/localized and trimming", outlets)
	}
	if !strings.HasPrefix(q.Text, "We talked today") {
		t.Errorf("quote text = %q, want the fullest explicit printing", q.Text)
	}
}

func TestStoriesDisagreements(t *testing.T) {
	dis := mustStories(t, storyFixture(t))[0].Disagreements
	if len(dis) != 1 {
		t.Fatalf("got %d disagreements, want 1: %+v", len(dis), dis)
	}
	d := dis[0]
	if d.Claim != "people killed" {
		t.Errorf("claim = %q", d.Claim)
	}
	got := map[string]string{}
	for _, f := range d.Figures {
		got[f.Outlet] = f.Text
		if !strings.Contains(f.Sentence, f.Text) {
			t.Errorf("%s: sentence %q does not hold figure %q", f.Outlet, f.Sentence, f.Text)
		}
	}
	want := map[string]string{"Dawn": "130,000 people", "NDTV": "130,000 people", "BBC": "more than 100,000 people"}
	for o, w := range want {
		if got[o] != w {
			t.Errorf("%s figure = %q, want %q", o, got[o], w)
		}
	}
}

func TestStoriesNoDisagreement(t *testing.T) {
	tests := []struct {
		name string
		a, b string
	}{
		{"same figure, different hedge", "The war has killed 100,000 people.", "The war has killed about 100,000 people."},
		{"different claims", "The war has killed 130,000 people.", "Some 160,000 people are trapped in the suburb."},
		{"different orders of magnitude", "The war has killed 130,000 people.", "The attack on Monday killed 12 people."},
		{"article prints both figures", "The war has killed 130,000 people, and 12 people were killed on Monday.", "On Monday 12 people were killed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			quote := "We will keep talking until the guns fall silent in Aleppo"
			a := withQuote(t, storyArticle("a", "A", "2014-01-13", "", tt.a, "\""+quote+",\" Kerry said."), quote, "Kerry")
			b := withQuote(t, storyArticle("b", "B", "2014-01-13", "", tt.b, "\""+quote+",\" Kerry said."), quote, "Kerry")
			stories := mustStories(t, []*corpus.Article{a, b})
			if len(stories) != 1 {
				t.Fatalf("got %d stories, want 1", len(stories))
			}
			if d := stories[0].Disagreements; len(d) != 0 {
				t.Errorf("disagreements = %+v, want none", d)
			}
		})
	}
}

func TestStoriesSyndication(t *testing.T) {
	syn := mustStories(t, storyFixture(t))[0].Syndicated
	if len(syn) != 1 {
		t.Fatalf("got %d syndication groups, want 1: %+v", len(syn), syn)
	}
	if !sameSet(strings.Join(syn[0].Outlets, ","), "Dawn,NDTV") {
		t.Errorf("copies = %v, want Dawn and NDTV (BBC wrote its own)", syn[0].Outlets)
	}
	if syn[0].Agency != "AFP" {
		t.Errorf("agency = %q, want AFP", syn[0].Agency)
	}
}

func TestStoriesDateGapSplitsTopic(t *testing.T) {
	a := storyArticle("a", "A", "2014-01-13", "", "Kerry and Lavrov met in Paris to discuss the Syria peace conference in Montreux and a ceasefire in Aleppo.")
	b := storyArticle("b", "B", "2014-03-20", "", "Kerry and Lavrov met in Paris to discuss the Syria peace conference in Montreux and a ceasefire in Aleppo.")
	if got := len(mustStories(t, []*corpus.Article{a, b})); got != 2 {
		t.Errorf("got %d stories, want 2: two months apart is not one event", got)
	}
	b.Published = a.Published
	if got := len(mustStories(t, []*corpus.Article{a, b})); got != 1 {
		t.Errorf("got %d stories, want 1 on the same day", got)
	}
}

func TestStoriesLeadHeadlineWithoutTitle(t *testing.T) {
	a := storyArticle("a", "A", "", "", "Short.", "Floodwater reached the first-floor windows of houses on Tanner's Row.")
	s := mustStories(t, []*corpus.Article{a})
	if len(s) != 1 || s[0].Headline != "Floodwater reached the first-floor windows of houses on Tanner's Row." {
		t.Errorf("headline = %q, want the first full sentence", s[0].Headline)
	}
}

func TestStoriesEmpty(t *testing.T) {
	if s := mustStories(t, nil); len(s) != 0 {
		t.Errorf("mustStories(t, nil) = %v", s)
	}
}

func sameSet(a, b string) bool {
	as, bs := strings.Split(a, ","), strings.Split(b, ",")
	if len(as) != len(bs) {
		return false
	}
	m := map[string]int{}
	for _, x := range as {
		m[x]++
	}
	for _, x := range bs {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

func TestStoryEntities(t *testing.T) {
	got := storyEntities("Le copilote Andreas Lubitz, 27 ans, vivait à Montabaur. The co-pilot Lubitz crashed Flight 9525. Die Maschine")
	for _, want := range []string{"@andreas", "@lubitz", "@montabaur", "#27", "#9525", "@flight"} {
		if got[want] == 0 {
			t.Errorf("storyEntities lacks %q: %v", want, got)
		}
	}
	if got["@lubitz"] != 2 {
		t.Errorf("@lubitz counted %v times, want 2", got["@lubitz"])
	}
	for _, not := range []string{"@le", "@the", "@die", "@crashed"} {
		if got[not] != 0 {
			t.Errorf("storyEntities holds %q (a sentence's first word or lower case): %v", not, got)
		}
	}
}

// TestStoriesLongLeadHeadlineIsShortened: without a title, a long lead
// sentence becomes a headline of its first words, cut between words.
func TestStoriesLongLeadHeadlineIsShortened(t *testing.T) {
	lead := "The push to bring warring sides together is becoming ever-more pressing in a conflict that has claimed more than 94,000 lives, amid reports of horrific rights violations and mounting evidence that chemical weapons are being used."
	a := storyArticle("bs/1", "Business Standard", "2013-05-20", "", lead, "Officials said talks would resume next week in Geneva.")
	s := mustStories(t, []*corpus.Article{a})
	if len(s) != 1 {
		t.Fatalf("%d stories", len(s))
	}
	h := s[0].Headline
	if utf8.RuneCountInString(h) > storyHeadlineMax+1 || !strings.HasSuffix(h, "…") {
		t.Fatalf("headline %q (%d characters), want at most %d and an ellipsis", h, utf8.RuneCountInString(h), storyHeadlineMax+1)
	}
	kept := strings.TrimSuffix(h, "…")
	if !strings.HasPrefix(lead, kept) || lead[len(kept)] != ' ' && lead[len(kept)] != ',' {
		t.Errorf("headline %q is not the lead's first words, cut between words", h)
	}
	short := storyArticle("x/1", "Echo", "2013-05-20", "", "Floodwater reached the first-floor windows of houses on Tanner's Row.", "More rain is forecast.")
	if got := mustStories(t, []*corpus.Article{short})[0].Headline; got != "Floodwater reached the first-floor windows of houses on Tanner's Row." {
		t.Errorf("a short lead was changed: %q", got)
	}
}

// TestStoryWordsFoldLikeAnswers: story grouping folds British spellings
// with the same rules and exceptions as answers (americanSpelling), so an
// answer and a digest cannot disagree on whether two printings are the
// same quote.
func TestStoryWordsFoldLikeAnswers(t *testing.T) {
	for _, w := range []string{"travelled", "catalogue", "exercised", "colour", "localised", "theatre", "honoured", "dialogue", "analysed", "promise", "hours", "kerry"} {
		got := storyWords(w)
		if len(got) != 1 || got[0] != americanSpelling(w) {
			t.Errorf("storyWords(%q) = %q, answers fold it to %q", w, got, americanSpelling(w))
		}
	}
	if a, b := storyWords("they travelled to the theatre"), storyWords("they traveled to the theater"); strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("British %q and American %q differ", a, b)
	}
}

// TestStoriesAcrossLanguages: reports of one event in two languages share
// only names and figures, and are one story; two events in two languages
// that share a place name but no one and no figure stay two.
func TestStoriesAcrossLanguages(t *testing.T) {
	en := storyArticle("en", "A", "2014-04-19", "", "Lee Joon-seok, the captain of the Sewol, was arrested in Mokpo on Saturday with two of his crew, prosecutors said. The ferry sank on Wednesday with 476 people on board.")
	es := storyArticle("es", "B", "2014-04-19", "", "El capitán del Sewol, Lee Joon-seok, fue detenido este sábado en Mokpo junto a dos tripulantes, según la fiscalía. El ferry se hundió el miércoles con 476 personas a bordo.")
	other := storyArticle("fr", "C", "2014-04-20", "", "À Mokpo, les familles attendent toujours des nouvelles des disparus, tandis que la météo se dégrade au large de la côte.")
	en.Language, es.Language, other.Language = "en", "es", "fr"
	stories := mustStories(t, []*corpus.Article{en, es, other})
	if len(stories) != 2 {
		t.Fatalf("%d stories, want 2 (the arrest in two languages, the families)", len(stories))
	}
	if got := stories[0].Articles; len(got) != 2 {
		t.Errorf("first story has %d articles, want the arrest's 2", len(got))
	}
}
