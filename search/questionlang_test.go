package search

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestQuestionLanguage(t *testing.T) {
	tests := []struct {
		q, lang string
		shape   []string
	}{
		{"Was sagte Brice Robin?", "de", []string{"what", "said", "brice", "robin"}},
		{"Wann wurde die zweite Blackbox gefunden?", "de", []string{"when", "the", "the", "zweite", "blackbox", "gefunden"}},
		{"Wie viele Menschen starben?", "de", []string{"how", "many", "menschen", "starben"}},
		{"Was sagten viele Angehörige?", "de", nil},
		{"O que disse Brice Robin?", "pt", []string{"the", "what", "said", "brice", "robin"}},
		{"Und was sagte Carsten Spohr?", "de", []string{"the", "what", "said", "carsten", "spohr"}},
		{"Was ist passiert?", "de", []string{"what", "the", "happened"}},
		{"O que aconteceu?", "pt", []string{"the", "what", "happened"}},
		{"Wat is er gebeurd?", "nl", nil},
		{"Qu'a dit Carsten Spohr ?", "fr", []string{"what", "said", "carsten", "spohr"}},
		{"Quand a-t-on retrouvé la boîte noire ?", "fr", []string{"when", "the", "retrouvé", "the", "boîte", "noire"}},
		{"¿Por qué se hundió el ferry?", "es", []string{"the", "why", "the", "hundió", "the", "ferry"}},
		{"Chi ha detto che la cattedrale sarà ricostruita?", "it", nil},
		{"Hoeveel mensen kwamen om?", "nl", nil},
		// English questions with words other languages share
		{"Where did they come from?", "", nil},
		{"Was the captain arrested?", "", nil},
		{"Who said what when", "", nil},
		{"What did Lubitz say?", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			var lower []string
			for _, w := range splitWords(tt.q) {
				lower = append(lower, shortQuestionWord(strings.ToLower(w.text)))
			}
			lang := questionLanguage(lower)
			if lang != tt.lang {
				t.Fatalf("language %q, want %q", lang, tt.lang)
			}
			if tt.shape != nil {
				if got, _ := inEnglishShape(lang, lower); !slices.Equal(got, tt.shape) {
					t.Errorf("shape %q, want %q", got, tt.shape)
				}
			}
		})
	}
}

// TestForeignQuestionAnswers: a question in German or French asking what
// someone said gets that person's quote, and never another person's.
func TestForeignQuestionAnswers(t *testing.T) {
	ctx := context.Background()
	fsys := fstest.MapFS{
		"a.txt": {Data: []byte("---\nsource: Harrow Zeitung\nlanguage: de\npublished: 2026-02-10\n---\n" +
			"Die Brücke über den Fluss bleibt nach dem Hochwasser gesperrt.\n\n" +
			"„Wir werden die Brücke vor dem Frühjahr wieder öffnen“, sagte Bürgermeisterin Ruth Calloway.\n\n" +
			"„Niemand darf die Brücke betreten“, sagte Tomas Weber, der Ingenieur der Stadt.\n")},
	}
	ix := mustOpen(t, t.TempDir())
	if _, err := ix.Update(ctx, fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ q, want string }{
		{"Was sagte Ruth Calloway?", "Ruth Calloway"},
		{"Qu'a dit Tomas Weber ?", "Tomas Weber"},
		{"¿Qué dijo Ruth Calloway sobre la Brücke?", "Ruth Calloway"},
	} {
		ans, err := ix.Answer(ctx, Question{Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Answers) == 0 || !ans.Answers[0].Quote || ans.Answers[0].Speaker != tt.want {
			t.Errorf("%q: %+v, want %s's quote first", tt.q, ans.Answers, tt.want)
		}
		for _, a := range ans.Answers {
			if a.Quote && a.Speaker != tt.want {
				t.Errorf("%q: %s's quote %q among the answers", tt.q, a.Speaker, a.Text)
			}
		}
	}
}

// TestForeignQuestionCounts: "wie viele" and "combien" ask how many;
// "viele" alone does not.
func TestForeignQuestionCounts(t *testing.T) {
	for _, tt := range []struct {
		q      string
		counts bool
	}{
		{"Wie viele Menschen starben?", true},
		{"Combien de personnes sont mortes ?", true},
		{"Was sagten viele Angehörige?", false},
		{"Warum starben so viele Menschen?", false},
	} {
		var lower []string
		for _, w := range splitWords(tt.q) {
			lower = append(lower, shortQuestionWord(strings.ToLower(w.text)))
		}
		if _, counts := inEnglishShape(questionLanguage(lower), lower); counts != tt.counts {
			t.Errorf("%q counts %v, want %v", tt.q, counts, tt.counts)
		}
	}
}

// TestForeignWhatHappened: "what happened" in another language names
// nothing to look for, as in English.
func TestForeignWhatHappened(t *testing.T) {
	ix := sampleIndex(t)
	for _, q := range []string{"Was ist passiert?", "¿Qué pasó?", "Qu'est-ce qui s'est passé ?", "O que aconteceu?", "Cosa è successo?", "Wat is er gebeurd?"} {
		ans, err := ix.Answer(context.Background(), Question{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if !ans.NoTopic {
			t.Errorf("%q: %d answers, want it told it names nothing to look for", q, len(ans.Answers))
		}
	}
}
