package lexicon

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// DefaultWordNetDir is where Debian's wordnet-base puts WordNet 3.0.
const DefaultWordNetDir = "/usr/share/wordnet"

// pos is a WordNet part of speech.
type pos byte

const (
	noun pos = 'n'
	verb pos = 'v'
	adj  pos = 'a'
	adv  pos = 'r'
)

var posFiles = []struct {
	p    pos
	name string
}{{noun, "noun"}, {verb, "verb"}, {adj, "adj"}, {adv, "adv"}}

// synset is one WordNet sense: its words and its pointers.
type synset struct {
	words []string // lower case, spaces between the words of a compound
	ptrs  []pointer
}

// pointer is a relation from a synset (or one of its words) to another.
type pointer struct {
	sym      string // WordNet's pointer symbol: "@" hypernym, "+" derivation …
	target   int32  // index into graph.synsets
	src, dst uint8  // word numbers, 1-based; 0 for the whole synset
}

// graph is WordNet in memory: every synset, and for each lemma its senses,
// most used first.
type graph struct {
	synsets []synset
	pos     []byte              // each synset's part of speech
	senses  map[string][]int32  // lemma -> synsets, noun senses first, then verb, adj, adv
	tagged  map[string]bool     // lemmas used in WordNet's tagged corpus (SemCor)
	exc     map[string][]string // "pos:inflected" -> base forms
}

// ErrNoWordNet says WordNet's files are not where they were looked for.
var ErrNoWordNet = errors.New("lexicon: WordNet not found")

// loadGraph reads WordNet's index, data and exception files from fsys.
func loadGraph(fsys fs.FS) (*graph, error) {
	g := &graph{senses: map[string][]int32{}, tagged: map[string]bool{}, exc: map[string][]string{}}
	if _, err := fs.Stat(fsys, "data.noun"); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoWordNet, err)
	}
	type key struct {
		p   pos
		off int64
	}
	ids := map[key]int32{}
	type rawPtr struct {
		from     int32
		sym      string
		p        pos
		off      int64
		src, dst uint8
	}
	var raws []rawPtr
	for _, pf := range posFiles {
		data, err := fs.ReadFile(fsys, "data."+pf.name)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		var off int64
		for len(data) > 0 {
			line := data
			if i := bytes.IndexByte(data, '\n'); i >= 0 {
				line, data = data[:i], data[i+1:]
			} else {
				data = nil
			}
			lineOff := off
			off += int64(len(line)) + 1
			if len(line) == 0 || line[0] == ' ' {
				continue
			}
			if i := bytes.Index(line, []byte(" | ")); i >= 0 {
				line = line[:i]
			}
			f := strings.Fields(string(line))
			if len(f) < 6 {
				continue
			}
			id := int32(len(g.synsets))
			ids[key{pf.p, lineOff}] = id
			nw, err := strconv.ParseInt(f[3], 16, 32)
			if err != nil || 4+2*int(nw) >= len(f) {
				return nil, fmt.Errorf("lexicon: data.%s at %d: bad word count", pf.name, lineOff)
			}
			var s synset
			for w := 0; w < int(nw); w++ {
				s.words = append(s.words, lemmaOf(f[4+2*w]))
			}
			i := 4 + 2*int(nw)
			np, _ := strconv.Atoi(f[i])
			i++
			for k := 0; k < np && i+3 < len(f)+0; k++ {
				sym, offs, tp, st := f[i], f[i+1], f[i+2], f[i+3]
				i += 4
				o, err := strconv.ParseInt(offs, 10, 64)
				if err != nil || len(tp) != 1 || len(st) != 4 {
					continue
				}
				src, _ := strconv.ParseUint(st[:2], 16, 8)
				dst, _ := strconv.ParseUint(st[2:], 16, 8)
				p := pos(tp[0])
				if p == 's' {
					p = adj
				}
				raws = append(raws, rawPtr{from: id, sym: sym, p: p, off: o, src: uint8(src), dst: uint8(dst)})
			}
			g.synsets = append(g.synsets, s)
			g.pos = append(g.pos, byte(pf.p))
		}
	}
	for _, r := range raws {
		t, ok := ids[key{r.p, r.off}]
		if !ok {
			continue
		}
		g.synsets[r.from].ptrs = append(g.synsets[r.from].ptrs, pointer{sym: r.sym, target: t, src: r.src, dst: r.dst})
	}
	for _, pf := range posFiles {
		if err := g.readIndex(fsys, pf.p, pf.name, func(o int64) (int32, bool) { id, ok := ids[key{pf.p, o}]; return id, ok }); err != nil {
			return nil, err
		}
		g.readExceptions(fsys, pf.p, pf.name)
	}
	return g, nil
}

func (g *graph) readIndex(fsys fs.FS, p pos, name string, id func(int64) (int32, bool)) error {
	data, err := fs.ReadFile(fsys, "index."+name)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == ' ' {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 6 {
			continue
		}
		nsyn, _ := strconv.Atoi(f[2])
		np, _ := strconv.Atoi(f[3])
		i := 4 + np + 1 // lemma pos synset_cnt p_cnt ptrs… sense_cnt
		if i >= len(f) {
			continue
		}
		tagged, _ := strconv.Atoi(f[i])
		i++
		lemma := lemmaOf(f[0])
		if tagged > 0 {
			g.tagged[lemma] = true
		}
		for k := 0; k < nsyn && i+k < len(f); k++ {
			o, err := strconv.ParseInt(f[i+k], 10, 64)
			if err != nil {
				continue
			}
			if s, ok := id(o); ok {
				g.senses[lemma] = append(g.senses[lemma], s)
			}
		}
	}
	return sc.Err()
}

func (g *graph) readExceptions(fsys fs.FS, p pos, name string) {
	data, err := fs.ReadFile(fsys, name+".exc")
	if err != nil {
		return // exceptions only refine lemmatising
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		k := string(p) + ":" + lemmaOf(f[0])
		for _, base := range f[1:] {
			g.exc[k] = append(g.exc[k], lemmaOf(base))
		}
	}
}

// lemmaOf turns WordNet's spelling (underscores, adjective markers such as
// "(a)") into plain lower-case words.
func lemmaOf(s string) string {
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	return strings.ToLower(strings.ReplaceAll(s, "_", " "))
}

// openDir is os.DirFS, or ErrNoWordNet when dir does not exist.
func openDir(dir string) (fs.FS, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w in %s: install Debian's wordnet-base, or set the WordNet folder", ErrNoWordNet, dir)
	}
	return os.DirFS(dir), nil
}
