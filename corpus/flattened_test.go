package corpus

import (
	"strings"
	"testing"
)

// TestCleanRunOnPage: a page scraped into one run of text keeps its
// sentences (made-up pages in the shapes real scrapes take).
func TestCleanRunOnPage(t *testing.T) {
	tests := []struct {
		name, language string
		lines          []string
		want           string // the article's text
		cutOff         bool
	}{
		{
			name:     "one paragraph, the scrape stops mid-sentence",
			language: "it",
			lines: []string{"Una nave portacontainer si è incagliata nel canale dopo una raffica di vento. " +
				"Il traffico è interrotto da giorni. Quasi mille navi lo hanno attraversato trasportando più di un"},
			want: "Una nave portacontainer si è incagliata nel canale dopo una raffica di vento. " +
				"Il traffico è interrotto da giorni. Quasi mille navi lo hanno attraversato trasportando più di un",
			cutOff: true,
		},
		{
			name:     "menus before and links after",
			language: "en",
			lines: []string{"Home > World > Asia Ferry refloated Posted at 05:30 PM Share Facebook Twitter The ferry was refloated on Monday. " +
				"Traffic in the strait resumed the same day after the ferry had blocked it for a week. " +
				"Officials said the backlog of ships would take three days to clear. " +
				"Read More: ferry strait /news/03/30/21/other-story/news/03/30/21/another-story"},
			want: "Traffic in the strait resumed the same day after the ferry had blocked it for a week. " +
				"Officials said the backlog of ships would take three days to clear.",
		},
		{
			name:     "photo captions with credits stay out",
			language: "en",
			lines: []string{
				"A man waves at the ferry as it is tugged along the strait after it was freed. AFP / Maxar Technologies",
				"Tugboats pull the ferry towards the port in this photo released by the authority. Reuters",
			},
		},
		{
			name:     "a credit after the last sentence is no cut-off sentence",
			language: "it",
			lines:    []string{"La nave è stata liberata lunedì. Il traffico nel canale è ripreso in serata. Foto di Mario Rossi per Ansa"},
			want:     "La nave è stata liberata lunedì. Il traffico nel canale è ripreso in serata.",
		},
		{
			name:     "an abbreviation does not make a caption two sentences",
			language: "en",
			lines:    []string{"Mr. Smith waves at the ferry as it is tugged along the strait after it was freed. AFP / Maxar Technologies"},
		},
		{
			name:     "an untagged page in another language keeps its story, not an English caption",
			language: "",
			lines: []string{
				"Le navire a été libéré lundi après une semaine dans le canal.",
				"Les autorités ont annoncé la reprise du trafic dans la soirée.",
				"Le gouvernement réclame une compensation à l'armateur.",
				"Publicité",
				"Watch the video. The ship was freed on Monday after a week in the canal and the",
			},
			want: "Le navire a été libéré lundi après une semaine dans le canal.\n\n" +
				"Les autorités ont annoncé la reprise du trafic dans la soirée.\n\n" +
				"Le gouvernement réclame une compensation à l'armateur.",
		},
		{
			name:     "a page with story sentences is left to the usual rules",
			language: "en",
			lines: []string{
				"The ferry was refloated on Monday and traffic in the strait resumed the same day.",
				"Home > World > Asia Ferry refloated Share Facebook Twitter The ferry was refloated. It sailed on. Read More /news/1",
			},
			want: "The ferry was refloated on Monday and traffic in the strait resumed the same day.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Document{ID: "page", Language: tt.language}
			for i, l := range tt.lines {
				d.Lines = append(d.Lines, Line{Text: l, Number: i + 1})
			}
			a := Clean(d, nil)
			if err := checkArticle(a); err != nil {
				t.Fatal(err)
			}
			if a.Text != tt.want {
				t.Errorf("text\n%q\nwant\n%q", a.Text, tt.want)
			}
			if got := a.TruncatedBy == TruncatedByCutOff; got != tt.cutOff {
				t.Errorf("cut off %v (truncated by %q), want %v", got, a.TruncatedBy, tt.cutOff)
			}
			if tt.want != "" && len(a.Sentences) < strings.Count(tt.want, ". ")+1 {
				t.Errorf("%d sentences in %q", len(a.Sentences), a.Text)
			}
		})
	}
}
