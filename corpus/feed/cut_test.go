package feed

import (
	"strings"
	"testing"
)

func TestCutText(t *testing.T) {
	tests := []struct {
		name, text string
		n          int
		want       string
	}{
		{"fits", "One. Two.", 9, "One. Two."},
		{"after a sentence", "The river rose. It rose again overnight.", 28, "The river rose."},
		{"the end exactly at the limit", "The river rose. It rose again.", 15, "The river rose."},
		{"a closing quote stays", `"It rose," he said. "Again!" she said. More`, 36, `"It rose," he said. "Again!"`},
		{"a quote's end", `He said: "It rose." Then more words followed`, 24, `He said: "It rose."`},
		{"a paragraph break", "A heading\nThe river rose and rose and rose", 16, "A heading"},
		{"no sentence end: white space", "the river rose and rose and rose", 20, "the river rose and"},
		{"no white space: a whole character", "ééééé", 5, "éé"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cutText(tt.text, tt.n)
			if got != tt.want {
				t.Errorf("cutText(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
			}
			if len(got) > tt.n {
				t.Errorf("cut to %d bytes, more than %d", len(got), tt.n)
			}
		})
	}
	long := strings.Repeat("The river rose again overnight near Kells. ", 100)
	if got := cutText(long, 1000); len(got) > 1000 || !strings.HasSuffix(got, "Kells.") {
		t.Errorf("cutText(…, 1000) = %d bytes ending %q", len(got), got[len(got)-10:])
	}
}
