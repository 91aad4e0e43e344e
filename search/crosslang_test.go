package search

import (
	"context"

	"github.com/blevesearch/bleve/v2/search/query"
	"strings"
	"testing"

	"github.com/coveragebot/coveragebot/search/translate"
)

// fakeTranslator translates from a fixed table.
type fakeTranslator map[string][]string

func (f fakeTranslator) Translate(word string) []translate.Translation {
	var out []translate.Translation
	for _, w := range f[word] {
		out = append(out, translate.Translation{Word: w, Lang: "es", Weight: 0.7})
	}
	return out
}

// TestTranslatedQuestionsAnswerFromOtherLanguages: an English question is
// answered from a Spanish article through its words' translations, and an
// English article that answers as well comes first.
func TestTranslatedQuestionsAnswerFromOtherLanguages(t *testing.T) {
	spanish := handArticle(t, "es.txt", "El Diario", []string{
		"Los equipos de rescate han hallado este jueves la segunda caja negra del avión.",
		"El tiempo en los Alpes era bueno.",
	})
	spanish.Language = "es"
	english := handArticle(t, "en.txt", "The Daily", []string{
		"Reporters at the scene said the weather in the Alps was fine on the morning of the crash, with clear skies over the mountains, little wind and good light for the helicopters that flew in from the valley.",
	})
	english.Language = "en"
	tr := fakeTranslator{
		"second": {"segundo", "segunda"}, "black": {"negro", "negra"}, "box": {"caja"}, "find": {"hallar", "hallado"},
		"weather": {"tiempo"}, "alps": {"alpes"},
	}
	ctx := context.Background()
	for _, tt := range []struct {
		name       string
		translator Translator
		question   string
		want       string // the first answer holds it; "" for none
	}{
		{"without dictionaries", nil, "when did they find the second black box", ""},
		{"with dictionaries", tr, "when did they find the second black box", "segunda caja negra"},
		{"the question's language first", tr, "what was the weather like in the alps", "the weather in the Alps"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix := mustOpen(t, t.TempDir())
			ix.SetLexicon(nil)
			ix.SetTranslator(tt.translator)
			mustIndexArticles(t, ix, spanish, english)
			res, err := ix.Answer(ctx, Question{Text: tt.question})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == "" && len(res.Answers) > 0:
				t.Errorf("answered %q, want nothing", res.Answers[0].Text)
			case tt.want != "" && (len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, tt.want)):
				t.Errorf("answers %+v, want the first to hold %q", res.Answers, tt.want)
			}
		})
	}
}

// TestManyAlternativesDoNotSinkAWord: a question word with many related
// words or translations counts in the candidate search as much as one with
// none. bleve scales a disjunction by the share of its clauses a passage
// matches, so each alternative is boosted by their number.
func TestManyAlternativesDoNotSinkAWord(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	g := ix.parse("ferry").groups[0]
	g.related = []relatedTerm{{term: "vessel", weight: 0.6}, {term: "ship", weight: 0.6}, {term: "boat", weight: 0.6, foreign: true}}
	d, ok := g.query().(*query.DisjunctionQuery)
	if !ok {
		t.Fatalf("a word with alternatives is a %T, want a disjunction", g.query())
	}
	k := float64(len(d.Disjuncts))
	for i, q := range d.Disjuncts {
		want := k
		if i >= len(d.Disjuncts)-len(g.related) {
			want = 0.6 * k
		}
		if b := q.(query.BoostableQuery).Boost(); b != want {
			t.Errorf("alternative %d boosted %v, want %v (its weight times %v alternatives)", i, b, want, k)
		}
	}
}

// TestFalseFriendsDoNotAnswer: an English question word that is a little
// word of another language ("die", German's article) does not make a
// passage in that language an answer.
func TestFalseFriendsDoNotAnswer(t *testing.T) {
	german := handArticle(t, "de.txt", "Die Zeitung", []string{
		"Die Ermittler gehen der Hypothese eines Kurzschlusses nach.",
	})
	german.Language = "de"
	// "died" is stemmed "di", Italian's "of"
	italian := handArticle(t, "it.txt", "Il Giornale", []string{
		"Le fiamme hanno attaccato le travi di legno di 850 anni fa.",
	})
	italian.Language = "it"
	english := handArticle(t, "en.txt", "The Daily", []string{
		"Doctors said no firefighter would die of his injuries.",
	})
	english.Language = "en"
	ix := mustOpen(t, t.TempDir())
	ix.SetTranslator(nil)
	mustIndexArticles(t, ix, german, italian, english)
	res, err := ix.Answer(context.Background(), Question{Text: "did anybody die"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Answers {
		if strings.Contains(a.Text, "Ermittler") || strings.Contains(a.Text, "fiamme") {
			t.Errorf("answered with %q for its little word \"die\" or \"di\"", a.Text)
		}
	}
	if len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, "would die") {
		t.Errorf("answers %+v, want the English sentence first", res.Answers)
	}
}

// TestLittleWordTranslationsDoNotAnswer: a dictionary sense that is a stop
// word of its language ("besides" gives Spanish "sobre" among others)
// would match every passage in that language; it is left out, and the
// word's other translations still count.
func TestLittleWordTranslationsDoNotAnswer(t *testing.T) {
	spanish := handArticle(t, "es.txt", "El Diario", []string{
		"La policía habló sobre el barco hundido en el puerto.",
		"La naviera operaba además otros dos barcos en la misma ruta.",
		"El gobierno anunció una investigación sobre la naviera.",
	})
	spanish.Language = "es"
	ix := mustOpen(t, t.TempDir())
	ix.SetLexicon(nil)
	ix.SetTranslator(fakeTranslator{"besides": {"sobre", "además"}, "ships": {"barco", "barcos"}})
	mustIndexArticles(t, ix, spanish)
	res, err := ix.Answer(context.Background(), Question{Text: "which ships besides"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Answers {
		if strings.Contains(a.Text, "sobre") {
			t.Errorf("answered with %q for its little word \"sobre\"", a.Text)
		}
	}
	if len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, "además") {
		t.Errorf("answers %+v, want the sentence with \"además\" first", res.Answers)
	}
}

// TestLongStopWordTranslationsStay: a stop list's long entry that is a
// noun as well ("estados") still translates its word.
func TestLongStopWordTranslationsStay(t *testing.T) {
	spanish := handArticle(t, "es.txt", "El Diario", []string{
		"Los Estados Unidos enviaron dos buques de rescate al canal.",
	})
	spanish.Language = "es"
	ix := mustOpen(t, t.TempDir())
	ix.SetLexicon(nil)
	ix.SetTranslator(fakeTranslator{"states": {"estados"}, "rescue": {"rescate"}})
	mustIndexArticles(t, ix, spanish)
	res, err := ix.Answer(context.Background(), Question{Text: "did the states send rescue"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, "Estados Unidos") {
		t.Errorf("answers %+v, want the sentence with \"Estados Unidos\"", res.Answers)
	}
}
