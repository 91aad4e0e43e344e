package search

import "testing"

func TestSameAnswer(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"spelling", "We talked about a localised ceasefire beginning with Aleppo.",
			"We talked about a localized cease-fire beginning with Aleppo", true},
		{"trimmed clause", "The water came up faster than anyone had predicted, and some people simply didn't have time to get out",
			"The water came up faster than anyone had predicted", true},
		// One outlet cuts a clause out and marks the cut; the words either
		// side were never side by side, so 3-grams must not span the cut.
		{"elision", "I invited Iran today to join the community of nations... and be a constructive partner for peace",
			"I invite Iran today to join the community of nations, the 30 nations that are already prepared to come, and be a constructive partner for peace", true},
		{"elision character", "I invited Iran today to join the community of nations… and be a constructive partner for peace",
			"I invite Iran today to join the community of nations, the 30 nations that are already prepared to come, and be a constructive partner for peace", true},
		{"different statements", "We would welcome Iran participating if Iran is coming to participate for the purposes of the conference.",
			"Iran has yet to state whether or not it supports implementing the Geneva 1 communique", false},
		{"short inside long", "horrific", "reports of horrific abuses by both sides", false},
		{"only elisions", "Iran ... peace ... nations", "I invite Iran today to join the community of nations and be a constructive partner for peace", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := &candidate{text: tt.a}, &candidate{text: tt.b}
			ix.analyseCandidate(a)
			ix.analyseCandidate(b)
			if got := sameAnswer(a, b); got != tt.want {
				t.Errorf("sameAnswer(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := sameAnswer(b, a); got != tt.want {
				t.Errorf("sameAnswer is not symmetric for %q, %q", tt.a, tt.b)
			}
		})
	}
}
