package lexicon

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The embedded table: for each of WordNet's most used words (those its
// sense-tagged corpus holds), the related words OpenWordNet would give,
// and the irregular forms that lead to them. It is derived from WordNet
// 3.0 (see WORDNET-LICENSE beside this file) and regenerated from an
// installed wordnet-base with
//
//	go test ./search/lexicon -run TestEmbeddedTable -update
//
//go:embed families.txt.gz
var embeddedFamilies []byte

// table is a Lexicon read from lines "word<TAB>related:weight% …" and
// "~inflected<TAB>base …". A word's line is parsed when it is looked up:
// reading the whole table into structures took half a second.
type table struct {
	related map[string]string   // word -> its line's related words, unparsed
	exc     map[string][]string // irregular form -> base forms
}

var (
	embeddedOnce  sync.Once
	embeddedTable *table
	embeddedErr   error
)

// Embedded is the lexicon built into the binary: WordNet's most used
// words only.
func Embedded() (Lexicon, error) {
	embeddedOnce.Do(func() {
		embeddedTable, embeddedErr = readTable(embeddedFamilies)
	})
	if embeddedErr != nil {
		return nil, embeddedErr
	}
	return embeddedTable, nil
}

func readTable(gz []byte) (*table, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("lexicon: embedded table: %w", err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("lexicon: embedded table: %w", err)
	}
	text := string(data)
	t := &table{related: make(map[string]string, 20000), exc: map[string][]string{}}
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		head, rest, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		if inflected, ok := strings.CutPrefix(head, "~"); ok {
			t.exc[inflected] = strings.Fields(rest)
			continue
		}
		t.related[head] = rest
	}
	return t, nil
}

// parse reads a line's related words; a malformed entry is skipped (the
// table is generated, and TestEmbeddedTable reads every line).
func parseRelated(rest string) []Related {
	var rs []Related
	for _, f := range strings.Fields(rest) {
		w, pct, ok := strings.Cut(f, ":")
		n, err := strconv.Atoi(pct)
		if !ok || err != nil {
			continue
		}
		rs = append(rs, Related{Word: w, Weight: float64(n) / 100})
	}
	return rs
}

// Related implements Lexicon.
func (t *table) Related(word string) []Related {
	word = strings.ToLower(strings.TrimSpace(word))
	if rest, ok := t.related[word]; ok {
		return parseRelated(rest)
	}
	for _, base := range t.exc[word] {
		if rest, ok := t.related[base]; ok {
			return parseRelated(rest)
		}
	}
	if head, tail, ok := strings.Cut(word, " "); ok {
		// a phrasal verb: only the verb is inflected
		bases := append(append([]string{head}, t.exc[head]...), regularBases(head)...)
		for _, base := range bases {
			if rest, ok := t.related[base+" "+tail]; ok {
				return parseRelated(rest)
			}
		}
		return nil
	}
	for _, base := range regularBases(word) {
		if rest, ok := t.related[base]; ok {
			return parseRelated(rest)
		}
	}
	return nil
}

// regularBases are the base forms WordNet's morphy tries for a word with
// a regular ending, most likely first.
func regularBases(word string) []string {
	var out []string
	for _, r := range [][2]string{
		{"ies", "y"}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
		{"s", ""}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
		{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
	} {
		if strings.HasSuffix(word, r[0]) && len(word) > len(r[0])+1 {
			out = append(out, word[:len(word)-len(r[0])]+r[1])
		}
	}
	for _, suf := range []string{"ed", "ing"} {
		if b, ok := strings.CutSuffix(word, suf); ok && len(b) > 2 && b[len(b)-1] == b[len(b)-2] {
			out = append(out, b[:len(b)-1])
		}
	}
	return out
}

// writeTable writes the embedded table's text for g: every word of its
// sense-tagged corpus with its related words, then the irregular forms of
// those words.
func writeTable(w io.Writer, g *graph) error {
	bw := bufio.NewWriter(w)
	var heads []string
	for _, l := range g.tagged() {
		if len(l) >= 3 && !strings.ContainsAny(l, " -'.0123456789") {
			heads = append(heads, l)
		}
		// phrasal verbs of two words ("step down", "take part")
		if v, particle, ok := strings.Cut(l, " "); ok && len(v) >= 2 && !strings.ContainsAny(particle, " -'.0123456789") &&
			!strings.ContainsAny(v, "-'.0123456789") && g.has(l, verb) {
			heads = append(heads, l)
		}
	}
	isHead := map[string]bool{}
	for _, h := range heads {
		rs := g.related(h)
		if len(rs) == 0 {
			continue
		}
		isHead[h] = true
		if v, _, ok := strings.Cut(h, " "); ok {
			isHead[v] = true // its irregular forms lead to the phrasal verb
		}
		bw.WriteString(h)
		bw.WriteByte('\t')
		for i, r := range rs {
			if i > 0 {
				bw.WriteByte(' ')
			}
			fmt.Fprintf(bw, "%s:%d", r.Word, int(r.Weight*100+0.5))
		}
		bw.WriteByte('\n')
	}
	bases := map[string][]string{}
	for key, bs := range g.exc {
		_, inf, _ := strings.Cut(key, ":")
		if strings.Contains(inf, " ") {
			continue
		}
		for _, b := range bs {
			if isHead[b] && !slices.Contains(bases[inf], b) {
				bases[inf] = append(bases[inf], b)
			}
		}
	}
	var inflected []string
	for inf := range bases {
		inflected = append(inflected, inf)
	}
	sort.Strings(inflected)
	for _, inf := range inflected {
		sort.Strings(bases[inf])
		fmt.Fprintf(bw, "~%s\t%s\n", inf, strings.Join(bases[inf], " "))
	}
	return bw.Flush()
}
