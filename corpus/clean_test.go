package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCleanMarked runs the cleaner on made-up scrapes whose every line is
// marked keep (+), heading (#) or drop (-); see testdata/clean/README.md.
func TestCleanMarked(t *testing.T) {
	files, err := filepath.Glob("testdata/clean/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test articles in testdata/clean: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			d, want := mustMarkedDocument(t, file)
			a := Clean(d, nil)
			if err := checkArticle(a); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range a.Paragraphs {
				mark := "+"
				if p.Heading {
					mark = "#"
				}
				got = append(got, fmt.Sprintf("%s %d", mark, p.Line))
			}
			if strings.Join(got, ", ") != strings.Join(want, ", ") {
				t.Errorf("kept %v\nwant %v\n%s", got, want, a.Text)
			}
			wantTrunc := ""
			switch {
			case strings.HasSuffix(file, ".paywall.txt"):
				wantTrunc = TruncatedByPaywall
			case strings.HasSuffix(file, ".cutoff.txt"):
				wantTrunc = TruncatedByCutOff
			}
			if a.TruncatedBy != wantTrunc || a.Truncated != (wantTrunc != "") {
				t.Errorf("truncated %v by %q, want %q", a.Truncated, a.TruncatedBy, wantTrunc)
			}
		})
	}
}

// mustMarkedDocument reads a marked test article into a document and the
// "+ N"/"# N" list of lines the cleaner must keep.
func mustMarkedDocument(tb testing.TB, file string) (*Document, []string) {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	d := &Document{ID: file, Path: file}
	var want []string
	for i, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if len(l) < 1 {
			tb.Fatalf("%s:%d: line without a marker", file, i+1)
		}
		mark, text := l[:1], strings.TrimPrefix(l[1:], " ")
		switch mark {
		case "+", "#":
			want = append(want, fmt.Sprintf("%s %d", mark, i+1))
		case "-", "!":
		default:
			tb.Fatalf("%s:%d: unknown marker %q", file, i+1, mark)
		}
		if strings.TrimSpace(text) != "" {
			d.Lines = append(d.Lines, Line{Text: text, Number: i + 1})
		}
	}
	return d, want
}

func TestLineFamily(t *testing.T) {
	tests := []struct {
		line string
		want family
	}{
		{"{{ad_slot_3}}", famTemplate},
		{"You have read {{count}} of {{limit}} stories", famTemplate},
		{"Subscribe now for unlimited access.", famPaywall},
		{"Already a subscriber? Log in", famPaywall},
		{"Subscribe", famPaywall},
		{"₹1,499", famPrice},
		{"$4.99/month", famPrice},
		{"6 Months", famPrice},
		{"Rs 299 per month", famPrice},
		{"Also Read: Markets rally as rates fall", famWidget},
		{"READ MORE", famWidget},
		{"Advertisement", famWidget},
		{"Skip to main content", famMenu},
		{"World | Business | Tech | Science", famMenu},
		{"Image: Getty Images", famCaption},
		{"The minister arrives in Paris. (Photo: AFP)", famCaption},
		{"By Maria Lopez and Ken Ito", famByline},
		{"Reporting by Tom Wells; Editing by Alex Hart", famByline},
		{"Updated: Jan 22, 2014, 10:30 IST", famDateline},
		{"22 January 2014", famDateline},
		{"LONDON, Jan 22 —", famDateline},
		{"Tags: Syria, Russia, Iran", famTags},
		{"#Syria #Geneva2", famTags},
		{"Share on Facebook", famSocial},
		{"© 2024 The Daily Thing", famSocial},
		{"—", famStray},
		{")", famStray},
		{"Insights on markets, finance and politics delivered to your inbox", famPromo},
		// Story lines that merely share a word with the junk families.
		{"By the time the talks began, both sides had hardened their positions.", famNone},
		{"Home Secretary Theresa May said the plan would be published in March.", famNone},
		{"Millions of people subscribe to the idea that the economy is rigged, the survey found.", famNone},
		{"Kerry said on Twitter that the talks had been constructive.", famNone},
		{"The company raised its price to $5 a month last year.", famNone},
		{"Protesters held a sign in Arabic outside the embassy.", famNone},
		{"Related talks will begin in Vienna next week, officials said.", famNone},
		{"Divisions over Iran", famNone},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if got := lineFamily(tt.line, countWords(tt.line)); got != tt.want {
				t.Errorf("lineFamily(%q) = %d, want %d", tt.line, got, tt.want)
			}
		})
	}
}
