package corpus

import (
	"context"
	"slices"
	"testing"
	"testing/fstest"
)

// TestFrontMatterOrStory: a block between two rules is a header only when
// every line in it reads as one; a story that opens with a rule keeps its
// first paragraphs, and real headers (comments, lists, continuation lines,
// quoted keys, a BOM, CRLF, TOML tables) are still read.
func TestFrontMatterOrStory(t *testing.T) {
	const body = "Services resume on Wednesday, the operator said."
	tests := []struct {
		name, data    string
		source, title string
		lines         []string
	}{
		{"rule-block.md", "---\nThe ferry to Inishmore was cancelled on Tuesday because of the storm.\n\n" +
			"\"No boats will sail today,\" said harbour master Sean Flynn.\n---\n" + body + "\n", "", "",
			[]string{"The ferry to Inishmore was cancelled on Tuesday because of the storm.",
				"\"No boats will sail today,\" said harbour master Sean Flynn.", body}},
		{"rule-block.txt", "---\nThe ferry was cancelled.\n---\n" + body + "\n", "", "",
			[]string{"---", "The ferry was cancelled.", "---", body}}, // plain text keeps its rules for cleaning
		{"yaml.md", "---\n# saved by the scraper\nsource: Island Post\n\ntags:\n  - ferry\n- storm\n" +
			"summary: >\n  Ferries stop\n  for a day.\nlinks: [a,\n b]\ntitle: Ferries stop\n---\n" + body + "\n",
			"Island Post", "Ferries stop", []string{body}},
		{"bom-crlf.txt", "\ufeff---\r\n\"source\": \"Island Post\"\r\n'title' : 'Ferries stop'\r\n---\r\n" + body + "\r\n",
			"Island Post", "Ferries stop", []string{body}},
		{"dots.md", "---\nsource: Island Post\n...\n" + body + "\n", "Island Post", "", []string{body}},
		{"empty.md", "---\n---\n" + body + "\n", "", "", []string{body}},
		{"hugo.md", "+++\ntitle = \"Ferries stop\"\ntags = [\n\"ferry\",\n]\nsummary = \"\"\"\nFerries stop.\n\"\"\"\n" +
			"[params]\nsource = \"Island Post\"\n+++\n" + body + "\n", "Island Post", "Ferries stop", []string{body}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{tt.name: {Data: []byte(tt.data)}}
			docs, notes, err := ReadFile(context.Background(), fsys, tt.name)
			if err != nil || len(docs) != 1 || len(notes) != 0 {
				t.Fatalf("ReadFile = %d docs, notes %v, err %v", len(docs), notes, err)
			}
			d := docs[0]
			var got []string
			for _, l := range d.Lines {
				got = append(got, l.Text)
			}
			if !slices.Equal(got, tt.lines) {
				t.Errorf("lines\n%q\nwant\n%q", got, tt.lines)
			}
			if tt.source != "" && d.Outlet != tt.source {
				t.Errorf("outlet %q, want %q", d.Outlet, tt.source)
			}
			if d.Title != tt.title {
				t.Errorf("title %q, want %q", d.Title, tt.title)
			}
		})
	}
}
