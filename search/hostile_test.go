package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestHostileQuestions: whatever a user types is text. Query syntax,
// wildcards, regexes, control characters and huge inputs neither crash nor
// change what a question means.
func TestHostileQuestions(t *testing.T) {
	ix := harbourIndex(t)
	tests := []struct {
		name     string
		question string
		want     string // a word the top answer holds; "" for no answers
		err      error
	}{
		{"query string operators", `+truce +docks -Ruiz`, "truce", nil}, // "-Ruiz" excludes nothing
		{"boolean syntax", `truce AND (Ruiz OR Berg) NOT docks`, "truce", nil},
		{"field syntax alone", `speaker:Berg outlet:"Bay Bugle"`, "", nil},
		{"wildcards", `tru* do?ks *`, "", nil},
		{"regex", `/.*/`, "", ErrEmptyQuestion},
		{"regex with words", `/tru.*ce/ docks`, "", nil},
		{"fuzzy and boost", `truce~ docks^`, "truce", nil},
		{"control characters", "What did Ruiz\x00 say\x07 about the\x1b[31m truce?", "truce", nil},
		{"zero-width joiners", "What did Ru\u200diz say about the tr\u200buce?", "truce", nil},
		{"bidi override", "What did \u202eRuiz say about the truce?", "truce", nil},
		{"only punctuation", `"*?+-&&||!(){}[]^~:\/`, "", ErrEmptyQuestion},
		{"empty", "   \t\n", "", ErrEmptyQuestion},
		{"invalid utf-8", "truce \xff\xfe at the docks", "truce", nil},
		{"long but allowed", strings.Repeat("truce docks ", 41), "truce", nil},
		{"too long", strings.Repeat("a", MaxQuestionLength+1), "", ErrQuestionTooLong},
		{"100 KB", strings.Repeat("truce ", 100<<10/6), "", ErrQuestionTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			got, err := ix.Answer(ctx, Question{Text: tt.question})
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				if len(err.Error()) > 200 {
					t.Errorf("error message is %d bytes long", len(err.Error()))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.ValidString(got.Question) || len(got.Question) > 4*MaxQuestionLength {
				t.Errorf("echoed question %q is not clean", got.Question)
			}
			switch {
			case tt.want == "" && len(got.Answers) > 0:
				t.Errorf("got %q, want no answers", texts(got))
			case tt.want != "" && (len(got.Answers) == 0 || !strings.Contains(got.Answers[0].Text, tt.want)):
				t.Errorf("got %q, want an answer holding %q", texts(got), tt.want)
			}
		})
	}
}

func TestQuestionTooLongMessage(t *testing.T) {
	ix := harbourIndex(t)
	_, err := ix.Answer(context.Background(), Question{Text: strings.Repeat("é", 600)})
	if err == nil || !strings.HasPrefix(err.Error(), "search: question too long") || !strings.Contains(err.Error(), "600 characters") {
		t.Errorf("err = %v, want a clear too-long message with the length", err)
	}
}

func TestAnswerHonoursCancellation(t *testing.T) {
	ix := harbourIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Answer(ctx, Question{Text: "truce at the docks"}); err == nil {
		t.Error("a cancelled context still answered")
	}
}

// FuzzQuestion feeds arbitrary text to the question parser and query
// builder: no panic, bounded work, and no query syntax gets through.
func FuzzQuestion(f *testing.F) {
	for _, s := range []string{
		"How many people are trapped in the Damascus suburb?",
		"Where will the Geneva II talks start?",
		"What did Lavrov say about Iran?",
		"Who wants the arms embargo lifted?",
		"What did the two ministers say about the football world cup?",
		"a localised cease-fire, maybe — in Aleppo’s north",
		`+a -b c:d /e.*/ f* g? "h i"~2 j^3`,
		"\u200d\u202e\x00\xff",
		"al-Assad's U.S.-backed 160,000 XIV",
		"whats the coach's name and how old is he",
		"a few days after the crash, what did the prosecutors say when they met the families",
		"how much did the families pledge after the April 16 fire? list pls",
	} {
		f.Add(s)
	}
	// Lines of the real articles as questions; required on CI.
	entries, err := os.ReadDir(seedsDir)
	if err != nil && os.Getenv("CI") == "true" {
		f.Fatalf("real seed articles missing at %s (CI=true): %v", seedsDir, err)
	}
	if err == nil {
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(seedsDir, e.Name()))
			if err != nil {
				continue
			}
			for i, line := range strings.Split(string(data), "\n") {
				if i%4 == 0 && len(line) > 20 {
					f.Add(line)
				}
			}
		}
	}
	ix := harbourIndex(f)
	f.Fuzz(func(t *testing.T, s string) {
		text, err := normaliseQuestion(s)
		if err != nil {
			if !errors.Is(err, ErrEmptyQuestion) && !errors.Is(err, ErrQuestionTooLong) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if utf8.RuneCountInString(text) > MaxQuestionLength || !utf8.ValidString(text) {
			t.Fatalf("normalised question too long or invalid: %q", text)
		}
		q := ix.parse(text)
		if len(q.groups) > MaxQuestionLength {
			t.Fatalf("%d term groups from %d characters", len(q.groups), len(text))
		}
		for _, g := range q.groups {
			for _, term := range append(append([]string{}, g.terms...), g.parts...) {
				if term == "" {
					t.Fatalf("empty term from %q", s)
				}
			}
		}
		_ = q.contentQuery("", nil, required(len(q.groups)), -1)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := ix.Answer(ctx, Question{Text: s}); err != nil {
			t.Fatalf("Answer(%q): %v", s, err)
		}
	})
}
