package lexicon

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
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

// synsetID names a WordNet sense: its part of speech and the byte offset
// of its line in that part's data file (WordNet's own synset offset).
type synsetID struct {
	p   pos
	off int
}

// synset is one WordNet sense: its words and its pointers.
type synset struct {
	words []string // lower case, spaces between the words of a compound
	ptrs  []pointer
}

// pointer is a relation from a synset (or one of its words) to another.
type pointer struct {
	sym      string // WordNet's pointer symbol: "@" hypernym, "+" derivation …
	target   synsetID
	src, dst uint8 // word numbers, 1-based; 0 for the whole synset
}

// graph is WordNet as its files lie: the sorted index files are searched
// and the data files read at a synset's offset only when a word is looked
// up, so opening it costs reading the files, not parsing 117,000 senses.
type graph struct {
	index map[pos][]byte
	data  map[pos][]byte
	exc   map[string][]string // "pos:inflected" -> base forms
	// causedBy reverses WordNet's cause pointers (kill > die), so that
	// "died" reaches "killed".
	causedBy map[synsetID][]synsetID

	mu     sync.Mutex
	parsed map[synsetID]*synset
}

// ErrNoWordNet says WordNet's files are not where they were looked for.
var ErrNoWordNet = errors.New("lexicon: WordNet not found")

// loadGraph reads WordNet's index, data and exception files from fsys.
func loadGraph(fsys fs.FS) (*graph, error) {
	g := &graph{index: map[pos][]byte{}, data: map[pos][]byte{}, exc: map[string][]string{},
		causedBy: map[synsetID][]synsetID{}, parsed: map[synsetID]*synset{}}
	for _, pf := range posFiles {
		var err error
		if g.index[pf.p], err = fs.ReadFile(fsys, "index."+pf.name); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNoWordNet, err)
		}
		if g.data[pf.p], err = fs.ReadFile(fsys, "data."+pf.name); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNoWordNet, err)
		}
		g.readExceptions(fsys, pf.p, pf.name)
	}
	g.findCauses()
	return g, nil
}

// findCauses records, for each verb sense another causes, its causes.
func (g *graph) findCauses() {
	data := g.data[verb]
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data) - off
		}
		line := data[off : off+end]
		if len(line) > 0 && line[0] != ' ' && bytes.Contains(line, []byte(" > ")) {
			id := synsetID{verb, off}
			for _, p := range g.synset(id).ptrs {
				if p.sym == ">" {
					g.causedBy[p.target] = append(g.causedBy[p.target], id)
				}
			}
		}
		off += end + 1
	}
}

// synset parses the data line of id (once; later calls share it).
func (g *graph) synset(id synsetID) *synset {
	g.mu.Lock()
	defer g.mu.Unlock()
	if s, ok := g.parsed[id]; ok {
		return s
	}
	s := &synset{}
	g.parsed[id] = s
	data := g.data[id.p]
	if id.off < 0 || id.off >= len(data) {
		return s
	}
	line := data[id.off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if i := bytes.Index(line, []byte(" | ")); i >= 0 {
		line = line[:i]
	}
	f := strings.Fields(string(line))
	if len(f) < 6 {
		return s
	}
	nw, err := strconv.ParseInt(f[3], 16, 32)
	if err != nil || 4+2*int(nw) >= len(f) {
		return s
	}
	for w := 0; w < int(nw); w++ {
		s.words = append(s.words, lemmaOf(f[4+2*w]))
	}
	i := 4 + 2*int(nw)
	np, _ := strconv.Atoi(f[i])
	i++
	for k := 0; k < np && i+3 < len(f); k++ {
		sym, offs, tp, st := f[i], f[i+1], f[i+2], f[i+3]
		i += 4
		o, err := strconv.Atoi(offs)
		if err != nil || len(tp) != 1 || len(st) != 4 {
			continue
		}
		src, _ := strconv.ParseUint(st[:2], 16, 8)
		dst, _ := strconv.ParseUint(st[2:], 16, 8)
		p := pos(tp[0])
		if p == 's' {
			p = adj
		}
		s.ptrs = append(s.ptrs, pointer{sym: sym, target: synsetID{p, o}, src: uint8(src), dst: uint8(dst)})
	}
	return s
}

// entry is lemma's line of the index file of p, or nil.
func (g *graph) entry(lemma string, p pos) []string {
	key := strings.ReplaceAll(lemma, " ", "_") + " "
	idx := g.index[p]
	// Binary search over line starts: find the first line >= key.
	lo, hi := 0, len(idx)
	for lo < hi {
		mid := (lo + hi) / 2
		start := bytes.LastIndexByte(idx[:mid], '\n') + 1
		end := bytes.IndexByte(idx[start:], '\n')
		if end < 0 {
			end = len(idx) - start
		}
		line := idx[start : start+end]
		if len(line) > 0 && line[0] == ' ' || string(line) < key {
			lo = start + end + 1
		} else {
			hi = start
		}
	}
	if lo >= len(idx) {
		return nil
	}
	end := bytes.IndexByte(idx[lo:], '\n')
	if end < 0 {
		end = len(idx) - lo
	}
	line := string(idx[lo : lo+end])
	if !strings.HasPrefix(line, key) {
		return nil
	}
	return strings.Fields(line)
}

// senses are lemma's senses in p, most used first, and how many of them
// WordNet's sense-tagged corpus uses.
func (g *graph) senses(lemma string, p pos) (ids []synsetID, tagged int) {
	f := g.entry(lemma, p)
	if len(f) < 6 {
		return nil, 0
	}
	nsyn, _ := strconv.Atoi(f[2])
	np, _ := strconv.Atoi(f[3])
	i := 4 + np + 1 // lemma pos synset_cnt p_cnt ptrs… sense_cnt tagsense_cnt
	if i >= len(f) {
		return nil, 0
	}
	tagged, _ = strconv.Atoi(f[i])
	i++
	for k := 0; k < nsyn && i+k < len(f); k++ {
		if o, err := strconv.Atoi(f[i+k]); err == nil {
			ids = append(ids, synsetID{p, o})
		}
	}
	return ids, tagged
}

// senseCount is how many senses lemma has in every part of speech.
func (g *graph) senseCount(lemma string) int {
	n := 0
	for _, pf := range posFiles {
		ids, _ := g.senses(lemma, pf.p)
		n += len(ids)
	}
	return n
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

// tagged lists the lemmas of every part of speech that WordNet's
// sense-tagged corpus uses: its most used words.
func (g *graph) tagged() []string {
	seen := map[string]bool{}
	for _, pf := range posFiles {
		for _, line := range strings.Split(string(g.index[pf.p]), "\n") {
			if line == "" || line[0] == ' ' {
				continue
			}
			f := strings.Fields(line)
			if len(f) < 6 {
				continue
			}
			np, _ := strconv.Atoi(f[3])
			if i := 4 + np + 1; i < len(f) && f[i] != "0" {
				seen[lemmaOf(f[0])] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
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
