package lexicon

import (
	"errors"
	"testing"
)

func mustWordNet(t *testing.T) Lexicon {
	t.Helper()
	l, err := OpenWordNet("")
	if errors.Is(err, ErrNoWordNet) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestWordNetBridges(t *testing.T) {
	l := mustWordNet(t)
	for _, c := range []struct{ word, want string }{
		{"died", "death"}, {"died", "killed"}, {"death", "die"}, {"ballot", "vote"}, {"ferry", "boat"},
		{"begin", "start"}, {"negotiators", "negotiation"}, {"rifle", "firearm"}, {"killed", "die"},
	} {
		found := false
		for _, r := range l.Related(c.word) {
			found = found || r.Word == c.want || r.Word+"ed" == c.want || r.Word+"d" == c.want
		}
		if !found {
			t.Errorf("Related(%q) = %v, want %q among them", c.word, l.Related(c.word), c.want)
		}
	}
}
