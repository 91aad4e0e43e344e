package lexicon

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "regenerate families.txt.gz from the installed WordNet")

// TestEmbeddedTable checks that the embedded table is what the installed
// WordNet gives (and rewrites it with -update); without WordNet it checks
// only that the table reads.
func TestEmbeddedTable(t *testing.T) {
	if l, err := Embedded(); err != nil && !*update {
		t.Fatal(err)
	} else if err == nil {
		// every line parses to at least one related word
		for head, rest := range l.(*table).related {
			if len(parseRelated(rest)) == 0 {
				t.Fatalf("embedded table: line %q has no related word", head)
			}
		}
	}
	l, err := OpenWordNet("")
	if err != nil {
		if *update {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	var text bytes.Buffer
	if err := writeTable(&text, l.(*wordnet).g); err != nil {
		t.Fatal(err)
	}
	if *update {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(text.Bytes())
		zw.Close()
		if err := os.WriteFile("families.txt.gz", gz.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(embeddedFamilies))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(zr)
	if !bytes.Equal(got, text.Bytes()) {
		t.Fatal("families.txt.gz is not what the installed WordNet gives: run go test ./search/lexicon -run TestEmbeddedTable -update")
	}
}

func TestEmbeddedBridges(t *testing.T) {
	l, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ word, want string }{
		{"died", "death"}, {"died", "kill"}, {"death", "die"}, {"ballot", "vote"}, {"began", "start"},
		// phrasal verbs, the verb inflected
		{"stepped down", "resign"}, {"took part", "participate"}, {"went down", "sink"},
	} {
		found := false
		for _, r := range l.Related(c.word) {
			found = found || r.Word == c.want
		}
		if !found {
			t.Errorf("Related(%q) = %v, want %q among them", c.word, l.Related(c.word), c.want)
		}
	}
}
