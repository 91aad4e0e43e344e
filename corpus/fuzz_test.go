package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"
)

// addSeedInputs gives a fuzz target the real articles, whole and line by
// line, when they are beside the repository, and our own inputs always.
func addSeedInputs(f *testing.F, own ...string) {
	for _, s := range own {
		f.Add(s)
	}
	for _, name := range seedNames {
		data, err := os.ReadFile(filepath.Join(seedsDir, name))
		if err != nil {
			if os.Getenv("CI") == "true" {
				f.Fatalf("real seed articles missing (CI=true): %v", err)
			}
			continue // the fuzz corpus still has our own inputs
		}
		f.Add(string(data))
		for _, l := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(l) != "" {
				f.Add(l)
			}
		}
	}
	files, _ := filepath.Glob("testdata/golden/*")
	for _, file := range files {
		if strings.HasSuffix(file, ".golden") {
			continue
		}
		if data, err := os.ReadFile(file); err == nil {
			f.Add(string(data))
		}
	}
}

var ownInputs = []string{
	"",
	"\"",
	"“",
	"\"\"",
	"“Both of us agreed.\"",
	"\"Q,\" he said. \"R.\"",
	"He said: “It is—\" and stopped.",
	"---\nsource: X\n---\n",
	"---\npublished: 99999999999999\n---\nText.",
	"Mr. Dr. Jan. U.S. 3.5 ... !? \"'",
	"{{free_limit}}\n₹900\n3 Months",
	"\"Q,\" said the\u00a0minister.",
	"A\u200d\"B\u200dC\" \u2028 D.",
}

// FuzzClean reads arbitrary bytes as an article file and cleans it: no
// panic, and every offset in range, on character boundaries and inside
// its paragraph.
func FuzzClean(f *testing.F) {
	addSeedInputs(f, ownInputs...)
	f.Fuzz(func(t *testing.T, data string) {
		for _, name := range []string{"fuzz.txt", "fuzz.md", "fuzz.jsonl"} {
			fsys := fstest.MapFS{name: {Data: []byte(data)}}
			docs, _, err := ReadFile(context.Background(), fsys, name)
			if err != nil {
				continue
			}
			bp := NewBoilerplate()
			for _, d := range docs {
				bp.Add("fuzz", d.LineKeys())
				bp.Add("fuzz", d.LineKeys())
			}
			for _, d := range docs {
				d.Outlet = "fuzz"
				a := Clean(d, bp)
				if err := checkArticle(a); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
		}
	})
}

// FuzzFrontMatter parses arbitrary headers: no panic, the body starts
// inside the file, and dates parse or are left zero.
func FuzzFrontMatter(f *testing.F) {
	addSeedInputs(f, ownInputs...)
	f.Add("---\ndate: 2014-01-22T18:30:00+01:00\ntitle: 'x'\n---\nbody")
	f.Add("---\npublished: 22/01/2014\n---\n")
	f.Add("---\npublished: 1/2/3/4/5\n---\n")
	f.Fuzz(func(t *testing.T, data string) {
		lines := strings.Split(data, "\n")
		fm, first := parseFrontMatter(lines)
		if first < 0 || first > len(lines) {
			t.Fatalf("body starts at %d of %d lines", first, len(lines))
		}
		if first == 0 && fm != (frontMatter{}) {
			t.Fatalf("no header but fields %+v", fm)
		}
		if d, ok := parseDate(fm.DateText); ok && d.IsZero() {
			t.Fatalf("parseDate(%q) = zero time, ok", fm.DateText)
		}
	})
}

// FuzzSentences splits arbitrary paragraphs: sentences are in order,
// non-empty, trimmed, on character boundaries, and lose no text.
func FuzzSentences(f *testing.F) {
	addSeedInputs(f, ownInputs...)
	f.Fuzz(func(t *testing.T, p string) {
		if !utf8.ValidString(p) {
			p = strings.ToValidUTF8(p, "\uFFFD")
		}
		prev := 0
		var kept strings.Builder
		for _, s := range splitSentences(p) {
			if s[0] < prev || s[0] >= s[1] || s[1] > len(p) {
				t.Fatalf("bad range %v after %d in %d bytes", s, prev, len(p))
			}
			if !utf8.RuneStart(p[s[0]]) || s[1] < len(p) && !utf8.RuneStart(p[s[1]]) {
				t.Fatalf("range %v splits a character", s)
			}
			text := p[s[0]:s[1]]
			if strings.TrimSpace(text) != text {
				t.Fatalf("sentence %q not trimmed", text)
			}
			kept.WriteString(text)
			prev = s[1]
		}
		if nonSpace(kept.String()) != nonSpace(p) {
			t.Fatalf("sentences lose text:\n%q\n%q", kept.String(), p)
		}
	})
}

func nonSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// FuzzQuotes finds quotes in arbitrary paragraphs: every quote is
// non-empty valid text inside its paragraph, right after a quote mark,
// with a speaker only when it has an attribution.
func FuzzQuotes(f *testing.F) {
	addSeedInputs(f, ownInputs...)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "\uFFFD")
		}
		a := &Article{}
		var b strings.Builder
		for _, p := range strings.Split(text, "\n") {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			start := b.Len()
			b.WriteString(p)
			a.Paragraphs = append(a.Paragraphs, Paragraph{Start: start, End: b.Len()})
		}
		a.Text = b.String()
		a.analyse()
		if err := checkArticle(a); err != nil {
			t.Fatal(err)
		}
		for _, q := range a.Quotes {
			if !utf8.ValidString(a.QuoteText(q)) {
				t.Fatalf("quote %q is not valid UTF-8", a.QuoteText(q))
			}
		}
	})
}
