package search

import (
	"context"
	"strings"
	"testing"
)

func TestSameSpeaker(t *testing.T) {
	tests := []struct {
		want, got string
		same      bool
	}{
		{"john kerry", "john kerry", true},
		{"john kerry", "kerry", true},
		{"kerry", "john kerry", true},
		{"john kerry", "j kerry", true},
		{"j kerry", "john kerry", true},
		{"john kerry", "john forbes kerry", true},
		{"john kerry", "jane kerry", false},
		{"john kerry", "john", false},
		{"john kerry", "", false},
		{"", "anyone", true},
	}
	for _, tt := range tests {
		if got := sameSpeaker(strings.Fields(tt.want), strings.Fields(tt.got)); got != tt.same {
			t.Errorf("sameSpeaker(%q, %q) = %v, want %v", tt.want, tt.got, got, tt.same)
		}
	}
}

// TestQuotesByFullNameIncludeSurnameOnlyAttributions: on the seeds, one
// outlet writes "Kerry said", the other "John Kerry said". Asking for John
// Kerry (the name autocomplete offers first) must find both, grouped.
func TestQuotesByFullNameIncludeSurnameOnlyAttributions(t *testing.T) {
	ix := seedIndex(t)
	ctx := context.Background()
	full, err := ix.Quotes(ctx, "John Kerry", "", 20)
	if err != nil {
		t.Fatal(err)
	}
	bare, err := ix.Quotes(ctx, "Kerry", "", 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Answers) != len(bare.Answers) {
		t.Errorf("John Kerry: %d quotes, Kerry: %d; want the same person's quotes", len(full.Answers), len(bare.Answers))
	}
	var surnameOnly, grouped bool
	for _, a := range full.Answers {
		if strings.Contains(a.Text, "Iran has yet to state") {
			surnameOnly = true // Business Standard: "... communique," Kerry said.
		}
		outlets := map[string]bool{}
		for _, r := range a.Reports {
			outlets[r.Outlet] = true
		}
		if strings.Contains(a.Text, "encourage a ceasefire") && len(outlets) == 2 {
			grouped = true
		}
	}
	if !surnameOnly || !grouped {
		t.Errorf("Quotes(John Kerry) lacks the surname-only quote (%v) or the quote grouped across both outlets (%v): %+v", surnameOnly, grouped, full.Answers)
	}

	// The /ask speaker filter is the same person too.
	asked, err := ix.Answer(ctx, Question{Text: "What did he say about Iran?", Speaker: "John Kerry"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range asked.Answers {
		found = found || strings.Contains(a.Text, "Iran has yet to state")
	}
	if !found {
		t.Errorf("Answer(speaker John Kerry) misses the quote attributed to plain Kerry: %+v", asked.Answers)
	}
}

// TestQuotesKeepNamesakesApart: a surname search must not bring in another
// person of the same surname.
func TestQuotesKeepNamesakesApart(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix,
		handArticle(t, "a.txt", "Harbour Gazette", []string{`"The bridge opens in May," said John Kerry.`}, handQuote{"The bridge opens in May,", "John Kerry"}),
		handArticle(t, "b.txt", "Valley Post", []string{`"The ferry stops in June," said Jane Kerry.`}, handQuote{"The ferry stops in June,", "Jane Kerry"}),
		handArticle(t, "c.txt", "Valley Post", []string{`"The tolls go up," Kerry said.`}, handQuote{"The tolls go up,", "Kerry"}),
	)
	got, err := ix.Quotes(context.Background(), "John Kerry", "", 10)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, a := range got.Answers {
		texts = append(texts, a.Text)
	}
	all := strings.Join(texts, "|")
	if strings.Contains(all, "ferry") || !strings.Contains(all, "bridge") || !strings.Contains(all, "tolls") {
		t.Errorf("Quotes(John Kerry) = %q: want John Kerry's and plain Kerry's, not Jane Kerry's", texts)
	}
}

// TestSpeakersListEachPersonOnce: autocomplete offers John Kerry, not also
// a bare "Kerry" that is the same person.
func TestSpeakersListEachPersonOnce(t *testing.T) {
	ix := seedIndex(t)
	all, err := ix.Speakers(context.Background(), "", 25)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(all, "|")
	for _, bare := range []string{"Kerry", "Lavrov"} {
		for _, name := range all {
			if name == bare {
				t.Errorf("speakers %q list bare %q beside the full name", got, bare)
			}
		}
	}
	if !strings.Contains(got, "John Kerry") || !strings.Contains(got, "Sergei Lavrov") {
		t.Errorf("speakers = %q", got)
	}
	typed, _ := ix.Speakers(context.Background(), "kerry", 25)
	if strings.Join(typed, "|") != "John Kerry" {
		t.Errorf("Speakers(kerry) = %q, want John Kerry", typed)
	}
}

func TestSpeakerBookFuller(t *testing.T) {
	b := newSpeakerBook([]speakerCount{{Name: "Sergei Lavrov"}, {Name: "Lavrov"}, {Name: "John Smith"}, {Name: "Sarah Smith"}, {Name: "Kerry"}})
	for _, tt := range []struct{ in, want string }{
		{"Lavrov", "Sergei Lavrov"},
		{"Smith", "Smith"}, // two Smiths: no guess
		{"Kerry", "Kerry"}, // no fuller name known
		{"John Smith", "John Smith"},
	} {
		if got := b.fuller(tt.in); got != tt.want {
			t.Errorf("fuller(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
