package search

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestMayNamePlaceMissesNoPlace checks mayNamePlace against placeRE: on
// generated sentences mixing what placeRE looks for, and on every real
// article at hand, a text placeRE finds a place in must pass the filter.
func TestMayNamePlaceMissesNoPlace(t *testing.T) {
	check := func(text string) {
		if mayNamePlace(text) {
			return
		}
		for _, m := range placeRE.FindAllStringIndex(text, -1) {
			// placeRE's \b is ASCII's: it finds "en Sewol" in "coréen
			// Sewol", no preposition; mayNamePlace reads whole words
			if before, _ := utf8.DecodeLastRuneInString(text[:m[0]]); m[0] > 0 && unicode.IsLetter(before) && placePrepositionSet[strings.Fields(text[m[0]:])[0]] {
				continue
			}
			t.Errorf("mayNamePlace(%q) = false, but placeRE finds %q", text, text[m[0]:m[1]])
		}
	}
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"The ferry sank near Jindo.", true},
		{"It was taken to the port of Mokpo.", true},
		{"They entered the cave complex in Chiang Rai province.", true},
		{"Helicopters flew the boys to a hospital.", true}, // a kind: placeRE decides
		{"Le navire est à Suez.", true},
		{"a report of Suez", true}, // "…port of": placeRE takes the end of a word
		{"The captain said nothing about it.", false},
		{"In Paris, it rained.", false}, // placeRE's prepositions are lower case
	} {
		if got := mayNamePlace(tt.text); got != tt.want {
			t.Errorf("mayNamePlace(%q) = %v, want %v", tt.text, got, tt.want)
		}
		check(tt.text)
	}
	words := []string{"in", "at", "to", "on", "near", "dans", "à", "im", "the", "la", "der", "a", "of", "de", "von",
		"Suez", "Mokpo", "Chiang", "Rai", "Île", "province", "port", "report", "Report", "harbour", "harbor", "borders",
		"mountain", "sank", "said", "Tuesday", "ferry", "airport", "Airport", "Newport", "support", "x", "É", "Élysée",
		",", ".", "(", "\"", "—", "  "}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 2 + r.IntN(8) {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(" \n"[r.IntN(8)/7])
		}
		check(b.String())
	}
	// real text: the seeds beside the repository, the evaluation's
	// articles when rebuilt
	for _, pattern := range []string{"../../shared/seeds/*", "realcoverage/testdata/articles/*/*.txt"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			for _, line := range strings.Split(string(data), "\n") {
				check(line)
			}
		}
	}
}
