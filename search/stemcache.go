package search

import (
	"bytes"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// stemCache is bleve's Porter stemmer with a memory of the stems it has
// made. Stemming a word turns it into runes, applies the suffix rules and
// turns it back, 2.3% of a build's CPU; news copy repeats a few thousand
// words so often that nearly every word has been stemmed before. Stems
// are shared between tokens: nothing after stemming changes a term in
// place (bleve copies terms into its postings).
type stemCache struct {
	mu    sync.RWMutex
	stems map[string][]byte
}

// maxStems bounds the memory: past it, new words are stemmed every time.
const maxStems = 1 << 18

func newStemCache() *stemCache { return &stemCache{stems: make(map[string][]byte)} }

func (c *stemCache) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if t.KeyWord {
			continue // as bleve's stemmer: protected words stay as they are
		}
		c.mu.RLock()
		stem, ok := c.stems[string(t.Term)]
		c.mu.RUnlock()
		if !ok {
			stem = analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(t.Term)))
			c.mu.Lock()
			if len(c.stems) < maxStems {
				c.stems[string(t.Term)] = stem
			}
			c.mu.Unlock()
		}
		t.Term = stem
	}
	return input
}
