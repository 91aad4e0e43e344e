package corpus

import "testing"

// lastSpeaker is the speaker of the last quote of the article the
// paragraphs make.
func lastSpeaker(t *testing.T, paragraphs []string) string {
	t.Helper()
	a := articleOf(paragraphs...)
	if err := checkArticle(a); err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) == 0 {
		t.Fatal("no quote")
	}
	return a.Quotes[len(a.Quotes)-1].Speaker
}

// TestSpeakersVerbForms checks reporting verbs in the tenses and word
// orders news writes besides the plain past: a present, an adverb or a
// day between the verb and its subject, a subject after "por su parte".
func TestSpeakersVerbForms(t *testing.T) {
	tests := []struct {
		name       string
		paragraphs []string
		speaker    string // of the last quote
	}{
		{"French, an adverb between auxiliary and participle, a day before the subject", []string{
			`« Rien ne permet de dire qu'il s'agit d'un attentat », a cependant insisté mercredi le procureur Brice Robin.`}, "Brice Robin"},
		{"French, a participle whose present was known", []string{
			`« Si certaines défaillances ont été mises en évidence, les causes restent inconnues », a détaillé le procureur Rémy Heitz.`}, "Rémy Heitz"},
		{"German, a present whose past was known", []string{
			`Lufthansa bietet 25 000 Euro – ein „völlig unangemessenes Angebot“ schreibt Rechtsanwalt Elmar Giemulla in einem Schreiben.`}, "Elmar Giemulla"},
		{"Spanish, the subject after por su parte", []string{
			`“Intentamos cavar”, dijo por su parte Ekkapol Chantawong, el entrenador.`}, "Ekkapol Chantawong"},
		{"French, a role of an institution before the name is the name's own", []string{
			`De retour d'un voyage en France, le chef de la junte Prayut Chan-O-Cha a appelé à la «mobilisation de tous».`}, "Prayut Chan-O-Cha"},
		{"a relation before the name names someone else", []string{
			`Mayor Ann Cole spoke.`, `Back from Leeds, the mother of flood victim Tom Dunn said it was "a disgrace".`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lastSpeaker(t, tt.paragraphs); got != tt.speaker {
				t.Errorf("speaker %q, want %q", got, tt.speaker)
			}
		})
	}
}
