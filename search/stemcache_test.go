package search

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

func stemTokens(words []string, keyword int) analysis.TokenStream {
	ts := make(analysis.TokenStream, len(words))
	for i, w := range words {
		ts[i] = &analysis.Token{Term: []byte(w), Position: i + 1, KeyWord: i == keyword}
	}
	return ts
}

func stemmed(ts analysis.TokenStream) string {
	var out []string
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return strings.Join(out, " ")
}

// TestStemCacheMatchesPorter: remembered or not, the stems are bleve's.
func TestStemCacheMatchesPorter(t *testing.T) {
	words := strings.Fields("talks talked talking ceasefire killed people generalization relational " +
		"conditional rational valenci hopeful goodness arguing agreed feed happy sky news said says " +
		"organization organisation caresses ponies ties caress cats running 160,000 2014 geneva")
	c := newStemCache()
	bleveStem := porter.NewPorterStemmer()
	for round := range 3 { // first stemmed, then remembered
		for kw := -1; kw < 3; kw++ {
			got := stemmed(c.Filter(stemTokens(words, kw)))
			want := stemmed(bleveStem.Filter(stemTokens(words, kw)))
			if got != want {
				t.Fatalf("round %d, keyword %d:\n got %s\nwant %s", round, kw, got, want)
			}
		}
	}
	// Past the bound words are still stemmed, just not remembered.
	full := &stemCache{stems: map[string][]byte{}}
	for i := range maxStems {
		full.stems[fmt.Sprint("w", i)] = nil
	}
	if got, want := stemmed(full.Filter(stemTokens(words, -1))), stemmed(bleveStem.Filter(stemTokens(words, -1))); got != want {
		t.Errorf("with the cache full:\n got %s\nwant %s", got, want)
	}
	if len(full.stems) != maxStems {
		t.Errorf("cache grew past its bound to %d", len(full.stems))
	}
}

// TestStemCacheConcurrent is for -race: bleve analyses on several workers.
func TestStemCacheConcurrent(t *testing.T) {
	c := newStemCache()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				c.Filter(stemTokens([]string{fmt.Sprint("talking", (i+g)%50), "agreed"}, -1))
			}
		}()
	}
	wg.Wait()
}
