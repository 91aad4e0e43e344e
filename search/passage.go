package search

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/coveragebot/coveragebot/corpus"
)

// A passage is a sentence or a quote of an article. Its document id names
// the article, the kind of passage, a fingerprint of its words and which
// occurrence of those words in the article it is (nearly always 0):
//
//	<article id> \x1f <"s"|"q"><occurrence> \x1f <fnv-64a of the words, hex>
//
// so a hit leads straight to the stored article, and the verbatim check can
// tell whether the stored article still has the words that were indexed.
// The id does not depend on where in the article the passage is: when an
// outlet adds a paragraph to a story, the passages it already had keep
// their ids, and an update indexes only what is new (deleting and adding
// back every later sentence also left bleve carrying the deletions, which
// every query then pays for).
const idSep = "\x1f"

type passageKind byte

const (
	kindSentence passageKind = 's'
	kindQuote    passageKind = 'q'
)

type passageRef struct {
	ArticleID string
	Kind      passageKind
	N         int // which sentence or quote of the article; -1 until located
	Occ       int // how many earlier passages of its kind have the same words
	Print     uint64
}

func fingerprint(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func (p passageRef) docID() string {
	return p.ArticleID + idSep + string(p.Kind) + strconv.Itoa(p.Occ) + idSep + strconv.FormatUint(p.Print, 16)
}

func parseDocID(id string) (passageRef, error) {
	last := strings.LastIndex(id, idSep)
	if last < 0 {
		return passageRef{}, fmt.Errorf("passage id %q: no fingerprint", id)
	}
	mid := strings.LastIndex(id[:last], idSep)
	if mid < 0 || last-mid < 3 {
		return passageRef{}, fmt.Errorf("passage id %q: no passage", id)
	}
	kind := passageKind(id[mid+1])
	occ, err := strconv.Atoi(id[mid+2 : last])
	if err != nil || occ < 0 || (kind != kindSentence && kind != kindQuote) {
		return passageRef{}, fmt.Errorf("passage id %q: bad passage", id)
	}
	print, err := strconv.ParseUint(id[last+1:], 16, 64)
	if err != nil {
		return passageRef{}, fmt.Errorf("passage id %q: bad fingerprint", id)
	}
	return passageRef{ArticleID: id[:mid], Kind: kind, N: -1, Occ: occ, Print: print}, nil
}

// locate finds the passage in a by its words: the ref with N set, ok false
// when a has no such passage.
func (p passageRef) locate(a *corpus.Article) (passageRef, bool) {
	if p.N >= 0 {
		return p, true
	}
	n := 0
	switch p.Kind {
	case kindSentence:
		n = len(a.Sentences)
	case kindQuote:
		n = len(a.Quotes)
	}
	occ := 0
	for p.N = 0; p.N < n; p.N++ {
		start, end, _ := p.span(a)
		if start < 0 || end > len(a.Text) || start >= end || fingerprint(a.Text[start:end]) != p.Print {
			continue
		}
		if occ == p.Occ {
			return p, true
		}
		occ++
	}
	p.N = -1
	return p, false
}

// span returns the passage's byte offsets in a.Text, ok false when a has
// no such passage. p must be located.
func (p passageRef) span(a *corpus.Article) (start, end int, ok bool) {
	switch p.Kind {
	case kindSentence:
		if p.N < 0 || p.N >= len(a.Sentences) {
			return 0, 0, false
		}
		return a.Sentences[p.N].Start, a.Sentences[p.N].End, true
	case kindQuote:
		if p.N < 0 || p.N >= len(a.Quotes) {
			return 0, 0, false
		}
		return a.Quotes[p.N].Start, a.Quotes[p.N].End, true
	}
	return 0, 0, false
}

// passageRefs lists the passages of an article that are worth indexing.
func passageRefs(a *corpus.Article) []passageRef {
	refs := make([]passageRef, 0, len(a.Sentences)+len(a.Quotes))
	seen := map[uint64]int{} // words of this kind so far, to number repeats
	add := func(kind passageKind, n, start, end int) {
		if start < 0 || end > len(a.Text) || start >= end {
			return
		}
		print := fingerprint(a.Text[start:end])
		refs = append(refs, passageRef{ArticleID: a.ID, Kind: kind, N: n, Occ: seen[print], Print: print})
		seen[print]++
	}
	for i, s := range a.Sentences {
		add(kindSentence, i, s.Start, s.End)
	}
	clear(seen)
	for i, q := range a.Quotes {
		add(kindQuote, i, q.Start, q.End)
	}
	return refs
}

// passageFields is what a passage's document holds besides its words
// (which its id fingerprints): its outlet and, for a quote, its speaker.
func passageFields(a *corpus.Article, ref passageRef) string {
	f := strings.ToLower(a.Outlet)
	if ref.Kind == kindQuote {
		f += "\x00" + a.Quotes[ref.N].Speaker
	}
	return f
}

// analyzers are the analyzers documents are built with, taken from the
// index mapping so indexing and questions share them.
type analyzers struct {
	text, name, keyword analysis.Analyzer
}

// passageDocs builds the bleve documents of an article's passages (refs,
// from passageRefs) directly, without bleve's reflection-based mapping walk.
func passageDocs(a *corpus.Article, refs []passageRef, an analyzers) []*document.Document {
	docs := make([]*document.Document, 0, len(refs))
	outlet := []byte(strings.ToLower(a.Outlet))
	for _, ref := range refs {
		start, end, _ := ref.span(a)
		d := document.NewDocument(ref.docID())
		d.AddField(document.NewTextFieldCustom(fieldText, nil, []byte(a.Text[start:end]),
			index.IndexField|index.IncludeTermVectors, an.text))
		d.AddField(document.NewTextFieldCustom(fieldOutlet, nil, outlet, index.IndexField, an.keyword))
		if ref.Kind == kindQuote {
			if sp := a.Quotes[ref.N].Speaker; sp != "" {
				d.AddField(document.NewTextFieldCustom(fieldSpeaker, nil, []byte(sp), index.IndexField, an.name))
				d.AddField(document.NewTextFieldCustom(fieldSpeakerKey, nil, []byte(strings.ToLower(sp)), index.IndexField, an.keyword))
			}
		}
		docs = append(docs, d)
	}
	return docs
}
