package search

import "testing"

func TestOtherOrdinal(t *testing.T) {
	for _, tt := range []struct {
		question, text string
		want           bool
	}{
		{"which black box did they find first", "Los investigadores han logrado encontrar la segunda caja negra.", true},
		{"which black box did they find first", "La primera caja negra fue encontrada el mismo día.", false},
		{"which black box did they find first", "The first box was found on Tuesday, the second on Thursday.", false}, // it names the first too
		{"which black box did they find first", "The cockpit voice recorder was found on Tuesday.", false},            // no ordinal: no conflict
		{"when did the last boys get out", "Die letzten vier Jungen wurden am Dienstag befreit.", false},
		{"when did the last boys get out", "The first four boys came out on Sunday.", true},
		{"when did they find the black box", "The second black box was found on Thursday.", false}, // the question numbers none
		{"why did it run aground in the first place", "It was the second ship to run aground there.", false},
	} {
		if got := otherOrdinal(ordinalsIn(withoutIdioms(tt.question)), tt.text); got != tt.want {
			t.Errorf("otherOrdinal(%q, %q) = %v, want %v", tt.question, tt.text, got, tt.want)
		}
	}
}
