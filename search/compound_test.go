package search

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestSplitCompound(t *testing.T) {
	for _, tt := range []struct {
		question string
		want     []string
	}{
		{"where was the ferry going and where did it leave from", []string{"where was the ferry going", "where did it leave from"}},
		{"whats the coach's name and how old is he", []string{"whats the coach's name", "how old is he"}},
		{"who was yoo byung-eun and why were police hunting him", []string{"who was yoo byung-eun", "why were police hunting him"}},
		{"how did yoo byung-eun die, did they ever figure it out", []string{"how did yoo byung-eun die", "did they ever figure it out"}},
		{"what countries were the victims from? list pls", nil},         // no second question
		{"when and where did the ferry sink", nil},                      // one question
		{"what did the mayor say about the bridge and the budget", nil}, // "and" joins two topics
		{"why did the ship and the tugs stop working", nil},             // "and" joins two subjects
		{"did the captain leave, and did the crew stay", []string{"did the captain leave", "did the crew stay"}},
		// one question each: a time phrase, a relative clause, a shared subject
		{"a few days after the crash, what did the prosecutors say", nil},
		{"after the ship sank, what did the captain do", nil},
		{"why did the captain, who was 69, leave the ship first", nil},
		{"where were the boys found in the cave, which was flooded", nil},
		{"who was arrested and was charged with murder", nil},
		{"how many people died and were injured in the fire", nil},
		{"and and and and", nil},
		{", , , , what is it", nil},
	} {
		if got := splitCompound(tt.question); !slices.Equal(got, tt.want) {
			t.Errorf("splitCompound(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

// TestCompoundQuestionAnswersBothHalves: each half of a two-part question
// is answered by its own sentence, the first half's first; neither
// sentence covers the whole question.
func TestCompoundQuestionAnswersBothHalves(t *testing.T) {
	a := handArticle(t, "a.txt", "The Daily", []string{
		"The ferry sailed on a routine trip from the port of Incheon to the island of Jeju.",
		"Their coach, Ekapol Chantawong, is 25 years old.",
		"The weather was calm over the strait on Wednesday morning.",
	})
	ix := mustOpen(t, t.TempDir())
	ix.SetLexicon(nil)
	mustIndexArticles(t, ix, a)
	for _, tt := range []struct {
		question string
		want     []string // the first answers hold these, in order
	}{
		{"where was the ferry going and how old is the coach", []string{"port of Incheon", "25 years old"}},
		{"how old is the coach and where was the ferry going", []string{"25 years old", "port of Incheon"}},
	} {
		res, err := ix.Answer(context.Background(), Question{Text: tt.question})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Answers) < len(tt.want) {
			t.Fatalf("%q: %d answers %+v, want %d", tt.question, len(res.Answers), res.Answers, len(tt.want))
		}
		for i, w := range tt.want {
			if !strings.Contains(res.Answers[i].Text, w) {
				t.Errorf("%q: answer %d is %q, want it to hold %q", tt.question, i+1, res.Answers[i].Text, w)
			}
		}
	}
}

// TestInterleave: answers alternate, first list first, and an answer
// that shares a passage with one already taken comes once, whichever
// outlet leads it.
func TestInterleave(t *testing.T) {
	rep := func(article string, start, end int) Report {
		return Report{ArticleID: article, Start: start, End: end}
	}
	a1 := Answer{Text: "a1", Reports: []Report{rep("a", 0, 10), rep("b", 5, 15)}}
	a2 := Answer{Text: "a2", Reports: []Report{rep("a", 20, 30)}}
	b1 := Answer{Text: "a1 as b printed it", Reports: []Report{rep("b", 5, 15), rep("a", 0, 10)}}
	b2 := Answer{Text: "b2", Reports: []Report{rep("c", 0, 10)}}
	got := interleave([]Answer{a1, a2}, []Answer{b1, b2}, 5)
	var texts []string
	for _, a := range got {
		texts = append(texts, a.Text)
	}
	if want := []string{"a1", "a2", "b2"}; !slices.Equal(texts, want) {
		t.Errorf("interleave = %q, want %q", texts, want)
	}
	if got := interleave([]Answer{a1, a2}, []Answer{b2}, 2); len(got) != 2 {
		t.Errorf("interleave with limit 2 gave %d", len(got))
	}
}

// TestSecondHalfTakesTheTopic: "how old is he" has no topic of its own and
// takes the first half's, without the word that only asks for a name.
func TestSecondHalfTakesTheTopic(t *testing.T) {
	a := handArticle(t, "a.txt", "The Daily", []string{
		"Their coach, Ekapol Chantawong, is 25 years old.",
		"The boys were found on a ledge deep inside the cave.",
	})
	ix := mustOpen(t, t.TempDir())
	ix.SetLexicon(nil)
	mustIndexArticles(t, ix, a)
	res, err := ix.Answer(context.Background(), Question{Text: "whats the coach's name and how old is he"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, "25 years old") {
		t.Errorf("answers %+v, want the coach's sentence", res.Answers)
	}
}
