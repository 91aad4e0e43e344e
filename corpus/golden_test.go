package corpus

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// mustMatchGolden compares got with the golden file, or rewrites it with -update.
func mustMatchGolden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./corpus -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("output differs from %s (rerun with -update if the change is right)\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

// TestSentencesGolden splits every paragraph of testdata/sentences.txt.
func TestSentencesGolden(t *testing.T) {
	f, err := os.Open("testdata/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := sc.Text()
		out.WriteString(p + "\n")
		for _, s := range splitSentences(p) {
			fmt.Fprintf(&out, "  | %s\n", p[s[0]:s[1]])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	mustMatchGolden(t, "testdata/sentences.golden", out.String())
}

// TestCleanGolden reads, cleans and prints every article in
// testdata/golden, compared with its .golden file.
func TestCleanGolden(t *testing.T) {
	dir := "testdata/golden"
	fsys := os.DirFS(dir)
	files, _, err := Scan(context.Background(), fsys)
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		t.Run(f.Path, func(t *testing.T) {
			docs, skips, err := ReadFile(context.Background(), fsys, f.Path)
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			for _, s := range skips {
				fmt.Fprintf(&out, "skip %s: %s\n", s.Path, s.Reason)
			}
			for _, d := range docs {
				a := Clean(d, nil)
				if err := checkArticle(a); err != nil {
					t.Fatalf("%s: %v", a.ID, err)
				}
				formatArticle(&out, a)
			}
			mustMatchGolden(t, filepath.Join(dir, f.Path+".golden"), out.String())
		})
	}
}

func formatArticle(w *strings.Builder, a *Article) {
	fmt.Fprintf(w, "== %s\noutlet: %s (%s)\nurl: %s\npublished: %s\ntitle: %s\n", a.ID, a.Outlet, a.OutletFrom, a.URL, a.Published.Format("2006-01-02T15:04:05Z07:00"), a.Title)
	if a.Truncated {
		fmt.Fprintf(w, "truncated by: %s\n", a.TruncatedBy)
	}
	for pi, p := range a.Paragraphs {
		kind := "paragraph"
		if p.Heading {
			kind = "heading"
		}
		fmt.Fprintf(w, "\n%s %d (line %d)\n", kind, pi, p.Line)
		for _, s := range a.Sentences {
			if s.Paragraph == pi {
				fmt.Fprintf(w, "  | %s\n", a.SentenceText(s))
			}
		}
		for _, q := range a.Quotes {
			if q.Paragraph != pi {
				continue
			}
			speaker := q.Speaker
			if speaker == "" {
				speaker = "(no speaker)"
			}
			partial := ""
			if q.Partial {
				partial = ", partial"
			}
			fmt.Fprintf(w, "  quote %q\n    by %s (%s%s)\n", a.QuoteText(q), speaker, q.Attribution, partial)
		}
	}
	w.WriteString("\n")
}
