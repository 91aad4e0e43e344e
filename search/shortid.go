package search

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/coveragebot/coveragebot/corpus"
)

// shortIDPrefix starts every short id, so one is never taken for an
// article id of its own (article ids are corpus paths).
const shortIDPrefix = "h:"

// shortIDBytes is how much of the SHA-256 a short id keeps: 128 bits, so
// two articles of one coverage sharing one is never going to happen.
const shortIDBytes = 16

var shortIDEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// ShortArticleID names the article with that id in 28 characters ("h:" and
// 26 of base32), for places that hold too few for its id: a feed article's
// id carries its headline and can run past the 100 characters a Discord
// button or autocomplete value holds. It depends on the id alone, so it is
// the same in every process and after a restart; ArticleByShortID turns
// it back into the article.
func ShortArticleID(id string) string {
	sum := sha256.Sum256([]byte(id))
	return shortIDPrefix + strings.ToLower(shortIDEncoding.EncodeToString(sum[:shortIDBytes]))
}

// IsShortArticleID reports whether s has the form ShortArticleID gives.
func IsShortArticleID(s string) bool {
	rest, ok := strings.CutPrefix(s, shortIDPrefix)
	if !ok || len(rest) != shortIDEncoding.EncodedLen(shortIDBytes) {
		return false
	}
	_, err := shortIDEncoding.DecodeString(strings.ToUpper(rest))
	return err == nil
}

// ArticleByShortID returns the article whose ShortArticleID is short, or
// ErrNotFound.
func (ix *Index) ArticleByShortID(ctx context.Context, short string) (*corpus.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !IsShortArticleID(short) {
		return nil, fmt.Errorf("article %q: %w", short, ErrNotFound)
	}
	id, err := ix.shortIDs.lookup(short, ix.scanShortIDs)
	if err != nil {
		return nil, fmt.Errorf("article %q: %w", short, err)
	}
	if id == "" {
		return nil, fmt.Errorf("article %q: %w", short, ErrNotFound)
	}
	return ix.Article(ctx, id)
}

// scanShortIDs names every stored article by its short id.
func (ix *Index) scanShortIDs() (map[string]string, error) {
	ids := map[string]string{}
	err := ix.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketArticles).Cursor()
		// Keys only: the cursor does not decode the articles.
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			id := string(k)
			ids[ShortArticleID(id)] = id
		}
		return nil
	})
	return ids, err
}

// shortIDTable maps short ids to article ids. It is built from the article
// store when first needed, not kept on disk (that would change the
// store's format), and dropped whenever an update writes the store.
type shortIDTable struct {
	mu  sync.Mutex
	ids map[string]string // nil until built, and after a write
}

// lookup returns the id short names, building the table with build when
// it is not there; "" when no article has that short id.
func (t *shortIDTable) lookup(short string, build func() (map[string]string, error)) (string, error) {
	// Held while building: lookups wait for one scan instead of each
	// starting its own, and forget, which runs after a write is committed,
	// waits too, so a table read before that write never outlives it.
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ids == nil {
		ids, err := build()
		if err != nil {
			return "", err
		}
		t.ids = ids
	}
	return t.ids[short], nil
}

// forget drops the table; the next lookup reads the store again.
func (t *shortIDTable) forget() {
	t.mu.Lock()
	t.ids = nil
	t.mu.Unlock()
}
