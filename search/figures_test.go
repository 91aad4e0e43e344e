package search

import (
	"strconv"
	"testing"
)

func TestFigureExtraction(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string // "text|key|value"
	}{
		{"The nearly three-year conflict has killed 130,000 people.", []string{"130,000 people|people killed|130000"}},
		{"The war, which has killed more than 100,000 people and displaced millions, goes on.", []string{"more than 100,000 people|people killed|100000"}},
		{"A conflict that has claimed more than 94,000 lives.", []string{"more than 94,000 lives|people killed|94000"}},
		{"Some 160,000 people have been largely trapped by fighting.", []string{"Some 160,000 people|people trapped|160000"}},
		{"The fire service now puts the number of homes destroyed at 12, with about 140 more flooded.", []string{"12|homes destroyed|12", "about 140|homes flooded|140"}},
		{"The death toll rose to 2.5 million, officials said.", []string{"2.5 million|people killed|2.5e+06"}},
		{"Three people were rescued by boat.", []string{"Three people|people rescued|3"}},
		{"Talks start on January 22 in Montreux.", nil},
		{"The 30 nations that are already prepared to come.", nil},
		{"Margaret Ellery, 71, said she had never seen it.", nil},
		{"It costs £4.99 a month and 84mm of rain fell in 48 hours.", nil},
		{"Archives dating back to 1997 were destroyed.", nil},
		// dead or missing is a measure of its own
		{"More than 300 people are dead or missing after the ferry sank.", []string{"More than 300 people|people killed or missing|300"}},
		{"There are 300 dead or missing.", []string{"300 dead|people killed or missing|300"}},
		// the rest besides someone is not the toll
		{"He rammed the plane into the rock face, killing himself and the other 149 people on board.", nil},
		{"Another 30 people were killed in the second blast.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			a := storyArticle("a", "Outlet", "", "", tt.sentence)
			var got []string
			for _, f := range articleFigures(a) {
				if a.Text[f.Start:f.End] != f.Text {
					t.Errorf("figure %q not at its offsets", f.Text)
				}
				got = append(got, f.Text+"|"+f.key()+"|"+strconv.FormatFloat(f.Value, 'g', -1, 64))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("figure %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}
