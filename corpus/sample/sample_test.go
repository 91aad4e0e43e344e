package sample

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFS checks the sample keeps the shape the quick start and the README
// rely on: three outlets, every supported format, valid UTF-8, small.
func TestFS(t *testing.T) {
	exts := map[string]int{}
	var total int
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		if !utf8.Valid(data) {
			t.Errorf("%s is not valid UTF-8", p)
		}
		total += len(data)
		ext := path.Ext(p)
		switch ext {
		case ".txt":
			exts[ext]++
			if !bytes.HasPrefix(data, []byte("---\n")) {
				t.Errorf("%s has no front matter", p)
			}
		case ".html":
			exts[ext]++
		case ".jsonl":
			for i, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
				var rec struct {
					Source, URL, Published, Title, Text, HTML string
				}
				if err := json.Unmarshal(line, &rec); err != nil {
					t.Errorf("%s line %d: %v", p, i+1, err)
				}
				if rec.Source == "" || (rec.Text == "" && rec.HTML == "") {
					t.Errorf("%s line %d: want source and text or html", p, i+1)
				}
				exts[ext]++
			}
		default:
			t.Errorf("%s: unexpected file in the sample corpus", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if exts[".txt"] < 3 || exts[".html"] < 1 || exts[".jsonl"] != 2 {
		t.Errorf("articles by format = %v, want at least 3 .txt, 1 .html and 2 JSON lines", exts)
	}
	if n := exts[".txt"] + exts[".html"] + exts[".jsonl"]; n < 6 || n > 9 {
		t.Errorf("sample has %d articles, want 6 to 9", n)
	}
	if total > 30<<10 {
		t.Errorf("sample is %d bytes, keep it under 30 KB", total)
	}
	outlets, err := fs.ReadDir(FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(outlets) != 3 {
		t.Errorf("sample has %d outlet folders, want 3", len(outlets))
	}
	for _, o := range outlets {
		if strings.HasPrefix(o.Name(), ".") {
			t.Errorf("hidden entry %q would be skipped by corpus.Scan", o.Name())
		}
	}
}
