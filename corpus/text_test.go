package corpus

import (
	"strings"
	"testing"
)

// TestMarkdownInline: emphasis marks go where they are emphasis, and every
// other character stays, marks inside words and across sentences included.
func TestMarkdownInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{`*"We will monitor the traffic closely,"* said engineer _Declan Moore_ of the roads department.`,
			`"We will monitor the traffic closely," said engineer Declan Moore of the roads department.`},
		{"an *important* vote", "an important vote"},
		{"a _quiet_, calm night", "a quiet, calm night"},
		{"(*see below*)", "(see below)"},
		{"***all three***", "all three"},
		{"**bold** and *italic*", "bold and italic"},
		{"_*both*_ marks", "both marks"},
		{"“*Mr. Flynn said so*”", "“Mr. Flynn said so”"},
		{"the snake_case_name stays", "the snake_case_name stays"},
		{"5*3*2 is thirty", "5*3*2 is thirty"},
		{"2 * 3 * 4 is twenty-four", "2 * 3 * 4 is twenty-four"},
		{"see https://example.org/_news_/a", "see https://example.org/_news_/a"},
		{"*It rained. Then* it stopped", "*It rained. Then* it stopped"},
		{"*Names have been changed", "*Names have been changed"},
		{"a lone _ mark and _ another", "a lone _ mark and _ another"},
		{"[*linked*](https://x.example) text", "linked text"},
		{"_one_ and _two. Three_ four", "one and _two. Three_ four"},
		{"*Wait!* she said. *Stop!*", "Wait! she said. Stop!"},
		{"![photo](x.jpg) _caption_ and [an unclosed link", " caption and [an unclosed link"},
	}
	for _, tt := range tests {
		if got := markdownInline(tt.in); got != tt.want {
			t.Errorf("markdownInline(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// TestEmphasisMarkdownOnly: only a Markdown file's marks are emphasis; a
// plain text file keeps every character it has.
func TestEmphasisMarkdownOnly(t *testing.T) {
	const line = `*"We will monitor the traffic,"* said engineer _Declan Moore_.`
	for _, tt := range []struct {
		name     string
		markdown bool
		want     string
	}{
		{"a.md", true, `"We will monitor the traffic," said engineer Declan Moore.`},
		{"a.txt", false, line},
	} {
		d, _ := readText(tt.name, []byte(line+"\n"), tt.markdown)
		if len(d.Lines) != 1 || d.Lines[0].Text != tt.want {
			t.Errorf("%s: lines %+v, want %q", tt.name, d.Lines, tt.want)
		}
	}
}

// TestStripEmphasisLongLine: on a long line, marks that share one far
// partner are paired without reading the words between again for each
// mark (which made a megabyte line take minutes: see
// BenchmarkStripEmphasis). Allocations stand in for that work, as
// splitting the words between into sentences allocates, and they do not
// depend on the machine's speed.
func TestStripEmphasisLongLine(t *testing.T) {
	const n = 3000
	line := strings.Repeat("_a ", n) + "b_"
	want := strings.Repeat("a ", n) + "b"
	if got := stripEmphasis(line); got != want {
		t.Fatalf("stripEmphasis(%q…) = %q…, want %q…", line[:12], got[:12], want[:12])
	}
	if allocs := testing.AllocsPerRun(1, func() { stripEmphasis(line) }); allocs > 20 {
		t.Errorf("stripEmphasis of %d marks sharing a partner: %.0f allocations, want a handful", n, allocs)
	}
}
