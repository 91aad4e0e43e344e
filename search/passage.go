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
// the article, which passage and a fingerprint of its words:
//
//	<article id> \x1f <"s"|"q"><n> \x1f <fnv-64a of the words, hex>
//
// so a hit leads straight to the stored article, and the verbatim check can
// tell whether the stored article still has the words that were indexed.
const idSep = "\x1f"

type passageKind byte

const (
	kindSentence passageKind = 's'
	kindQuote    passageKind = 'q'
)

type passageRef struct {
	ArticleID string
	Kind      passageKind
	N         int
	Print     uint64
}

func fingerprint(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func (p passageRef) docID() string {
	return p.ArticleID + idSep + string(p.Kind) + strconv.Itoa(p.N) + idSep + strconv.FormatUint(p.Print, 16)
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
	n, err := strconv.Atoi(id[mid+2 : last])
	if err != nil || (kind != kindSentence && kind != kindQuote) {
		return passageRef{}, fmt.Errorf("passage id %q: bad passage", id)
	}
	print, err := strconv.ParseUint(id[last+1:], 16, 64)
	if err != nil {
		return passageRef{}, fmt.Errorf("passage id %q: bad fingerprint", id)
	}
	return passageRef{ArticleID: id[:mid], Kind: kind, N: n, Print: print}, nil
}

// span returns the passage's byte offsets in a.Text, ok false when a has
// no such passage.
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
	add := func(kind passageKind, n, start, end int) {
		if start < 0 || end > len(a.Text) || start >= end {
			return
		}
		refs = append(refs, passageRef{ArticleID: a.ID, Kind: kind, N: n, Print: fingerprint(a.Text[start:end])})
	}
	for i, s := range a.Sentences {
		add(kindSentence, i, s.Start, s.End)
	}
	for i, q := range a.Quotes {
		add(kindQuote, i, q.Start, q.End)
	}
	return refs
}

// analyzers are the analyzers documents are built with, taken from the
// index mapping so indexing and questions share them.
type analyzers struct {
	text, name, keyword analysis.Analyzer
}

// passageDocs builds the bleve documents of an article directly, without
// bleve's reflection-based mapping walk.
func passageDocs(a *corpus.Article, an analyzers) []*document.Document {
	refs := passageRefs(a)
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
