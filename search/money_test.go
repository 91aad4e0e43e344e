package search

import (
	"context"
	"strings"
	"testing"
)

func TestAsksMoney(t *testing.T) {
	for _, tt := range []struct {
		question string
		want     bool
	}{
		{"how much money did egypt ask for at first", true},
		{"how much did the pinault and arnault families pledge", true},
		{"how much did smit salvage get paid for the job", true},
		{"roughly how much trade was held up each day", false},
		{"how many people died", false},
		{"how much sand was dredged", false},
	} {
		if got := asksMoney(strings.Fields(tt.question)); got != tt.want {
			t.Errorf("asksMoney(%q) = %v, want %v", tt.question, got, tt.want)
		}
	}
}

func TestMoneyRE(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Egypt sought $916m in compensation.", true},
		{"Arnault had pledged €200m.", true},
		{"Le Caire avait réclamé 916 millions de dollars.", true},
		{"Lufthansa bietet 25.000 Euro pro Verstorbenen.", true},
		{"Egipto exige 900 millones de dólares.", true},
		{"The 400m-long ship was freed.", false},
		{"Two families pledged to rebuild the 850-year-old cathedral.", false},
	} {
		if got := moneyRE.MatchString(tt.text); got != tt.want {
			t.Errorf("moneyRE on %q = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestHowMuchWantsASum: "how much did they pledge" is answered by a sum,
// not by a sentence with any figure.
func TestHowMuchWantsASum(t *testing.T) {
	a := handArticle(t, "a.txt", "The Daily", []string{
		"Two families pledged to help rebuild the 850-year-old cathedral.",
		"The Arnault family pledged €200m for the cathedral in the days after the fire.",
	})
	ix := mustOpen(t, t.TempDir())
	ix.SetLexicon(nil)
	mustIndexArticles(t, ix, a)
	res, err := ix.Answer(context.Background(), Question{Text: "how much did the families pledge for the cathedral"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, "€200m") {
		t.Errorf("answers %+v, want the sum first", res.Answers)
	}
}
