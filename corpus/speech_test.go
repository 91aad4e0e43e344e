package corpus

import "testing"

func TestReportsSpeech(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Rescue chief Ana Ruiz said the submarine was not practical.", true},
		{"Le capitaine a déclaré samedi qu'il regrettait.", true},
		{"Das sei ein Witz, sagte Elmar Giemulla.", true},
		{"According to the fire service, 12 homes were destroyed.", true},
		{"Selon la préfecture, l'incendie est maîtrisé.", true},
		{"Elon Vance built a small submarine for the cave rescue.", false},
		{"Der Unternehmer arbeitete an einem Mini-U-Boot.", false},
	} {
		if got := ReportsSpeech(tt.text); got != tt.want {
			t.Errorf("ReportsSpeech(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
