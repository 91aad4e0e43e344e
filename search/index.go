package search

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	bolt "go.etcd.io/bbolt"

	"github.com/coveragebot/coveragebot/corpus"
)

// schemaVersion changes whenever the mapping, the analyzers, the store
// layout or what cleaning makes of a file (sentences, quotes, speakers)
// change; an index of another version is rebuilt from scratch, as it holds
// nothing the corpus cannot give again. coverage-6: whole quotations,
// speakers by title and pronoun, hard-wrapped text joined.
// coverage-7: more speakers found (reporting verbs and "according to"
// in more forms and languages, compound and definite titles,
// organisations, relative clauses, "he said" three paragraphs back) and
// fewer wrong ones (a modifier or medium taken for the name).
// coverage-8: speakers found in more verb forms and word orders (other
// tenses, verbs of praising and wishing, adverbs, days and object
// pronouns between verb and subject, "so der Erzbischof X"), further
// from the quote (an attribution closing its sentence, a second fragment
// read in its whole sentence, a colon after a sentence a full name
// opens), through more mentions (a name after its verb, a full name
// before an auxiliary for "he", a run of quote paragraphs), with names
// read whole ("le procureur de Paris Rémy Heitz" without its place, a
// role with a long complement, Moody's) and quotes opened with no space
// after a sentence's end; a German noun in quotes said by someone is
// speech, and a role of an institution before a name is that name's.
// coverage-9: a German date's ordinal day no longer ends its sentence
// ("am 24. März"), a bare surname misspelt by a letter is the person
// named in full ("dijo Macro"), a feed line whose date is no date is
// read without one, and a page with only a title is no article.
// coverage-10: a line a scrape without a title opens with is its
// headline only when it shares a word with the story ("Play Live Radio"
// is not), and a name in quote marks that nobody said is a fragment of
// its sentence wherever it stands ("schrieb „The Korea Herald“."), and
// a single mark typed for a double one before an attribution closes the
// quote (`"… in the cockpit,' said prosecutor Brice Robin. "…"`), and
// control characters are dropped from what a document says, and a
// notice to enable JavaScript is junk, and "woordvoerder van de
// Notre-Dame André Filot" names André Filot, and "Depuis," opening a
// French sentence is nobody's name, and a host written with the root's
// dot ("wz.de.") names its outlet, and German jobs before a name
// ("Hafenmeister", "Ingenieur", "Gewerkschafterin") are roles.
// coverage-11: the store keeps an outlet's date whole (its UTC offset,
// 1970-01-01, years far from 1970), and a date before 1800 or after 2200
// is dropped with a warning.
// coverage-11: a text article that opens with a rule keeps the story
// lines up to the next rule unless they read as a header's keys, and
// Markdown's single * and _ emphasis marks are dropped, and a page not
// in UTF-8 is read in the encoding its XML declaration names, and a JSON
// line in NewsAPI's shape or dated in Unix milliseconds is read, and a
// job written as a title before a name ("Headteacher Bob Grant") is no
// part of the speaker's name, and a job ending a name ("Paul Nurse") is
// its surname, but only after a given name or an honorific: after a
// rank, a place or an article ("said the County Coroner", "Head Teacher
// said") it is a title that names no one; after an article with an
// honorific or two words before it ("said the Rev Paul Nurse") it is
// still a surname, and "Hon" is an honorific.
// coverage-11: file records hold each article's key (its url, else a
// hash of its content), which its first-seen time follows.
const schemaVersion = "coverage-11"

const (
	passagesDir = "passages.bleve"
	stateFile   = "state.db"
	schemaFile  = "SCHEMA"
)

// Index is a passage index on disk: a bleve index of passages and, beside
// it, a store of the cleaned articles, file records and statistics. It is
// safe for concurrent use; Updates are serialised.
type Index struct {
	dir   string
	bleve bleve.Index
	db    *bolt.DB
	an    analyzers

	// readOnly: the folder cannot be written; Update only checks the
	// index is up to date (readonly.go).
	readOnly bool
	// holder: Open recorded this process as the index's long-running
	// holder (holder.go); Close removes the record. nil otherwise.
	holder *holderRecord

	updateMu sync.Mutex // one Update at a time

	batchFiles int // files per batch; tests make it small

	budgets planBudgets // when a question's plan narrows; tests change them

	digestMax int // articles a digest groups; 0 means MaxDigestArticles (tests make it small)

	// beforeBatch, when set (by tests), runs between writing the store and
	// writing bleve; an error stops the Update there, as a crash would.
	beforeBatch func() error

	closeOnce sync.Once
	closeErr  error

	mu       sync.RWMutex // guards stats and speakers
	stats    indexStats
	speakers speakerBook

	cache articleCache

	// shortIDs turns ShortArticleID back into article ids.
	shortIDs shortIDTable

	// lexicon bridges a question's words to its answer's (see
	// bridge.go); unset means the embedded table, read at first use.
	lexicon atomic.Pointer[lexiconHolder]
	// translator brings a question's words into the coverage's other
	// languages (see crosslang.go); nil for none.
	translator atomic.Pointer[translatorHolder]

	// verbatimFailures counts passages dropped by the verbatim check; any
	// is a bug, and tests look at it.
	verbatimFailures atomic.Int64
}

// Close closes the index, waiting for bleve to persist what it holds.
// Closing twice is harmless.
func (ix *Index) Close() error {
	if ix == nil {
		return nil
	}
	ix.closeOnce.Do(func() { ix.closeErr = ix.close() })
	return ix.closeErr
}

func (ix *Index) close() error {
	var errs []error
	// Before the store's lock is let go: after it, the record may
	// already be the next holder's.
	errs = append(errs, ix.holder.release())
	if ix.bleve != nil {
		errs = append(errs, ix.bleve.Close())
	}
	if ix.db != nil {
		errs = append(errs, ix.db.Close())
	}
	return errors.Join(errs...)
}

// Coverage reports how many articles and outlets the index holds.
func (ix *Index) Coverage() Coverage {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return Coverage{Articles: ix.stats.Articles, Outlets: knownOutlets(ix.stats.Outlets)}
}

// Article returns a cleaned article by id.
func (ix *Index) Article(ctx context.Context, id string) (*corpus.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a, err := ix.article(id)
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, fmt.Errorf("article %q: %w", id, ErrNotFound)
	}
	cp := *a // callers may not change the cached copy's fields
	return &cp, nil
}

// article returns the stored article, through the cache; nil when missing.
func (ix *Index) article(id string) (*corpus.Article, error) {
	if a, ok := ix.cache.get(id); ok {
		return a, nil
	}
	var a *corpus.Article
	err := ix.db.View(func(tx *bolt.Tx) error {
		var err error
		a, err = loadArticle(tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("article %q: %w", id, err)
	}
	if a != nil {
		ix.cache.put(id, a)
	}
	return a, nil
}

// knownOutlets counts the outlets that are named: articles whose outlet
// is unknown are not one more outlet.
func knownOutlets(outlets []OutletStats) int {
	n := 0
	for _, o := range outlets {
		if o.Outlet != "" && o.Outlet != string(corpus.OutletUnknown) {
			n++
		}
	}
	return n
}

// Outlets lists the outlets in the index with article counts and dates,
// most articles first.
func (ix *Index) Outlets(ctx context.Context) ([]OutletStats, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return append([]OutletStats(nil), ix.stats.Outlets...), nil
}

// Speakers lists quoted speakers whose name contains prefix (case-insensitive),
// most quoted first, for autocomplete. Names starting with prefix, or with
// a word starting with it, come before other matches. A bare surname is
// listed only when it is not clearly one fuller name's.
func (ix *Index) Speakers(ctx context.Context, prefix string, limit int) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 25
	}
	p := foldedName(strings.TrimSpace(cleanQuestionText(prefix)))
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	type match struct {
		name   string
		rank   int
		quotes int
	}
	// A bare surname is left out when exactly one fuller name ends with
	// it: it is that person (Quotes finds both), and the list stays short.
	// Names are compared folded, as the index matches them: "marti" finds
	// José Martínez, and "Jose Martinez" printed without accents is him.
	seen := map[string]int{} // folded name -> index in ms
	var ms []match
	for i, s := range ix.stats.Speakers {
		low := ix.speakers.folded[i]
		if !strings.Contains(low, " ") && ix.speakers.fullerNames[low] == 1 {
			continue
		}
		if j, ok := seen[low]; ok {
			// one person printed with and without accents: the spelling
			// with more quotes stands for both
			if s.Quotes > ms[j].quotes {
				ms[j].name = s.Name
			}
			ms[j].quotes += s.Quotes
			continue
		}
		rank := -1
		switch {
		case strings.HasPrefix(low, p):
			rank = 0
		case strings.Contains(" "+low, " "+p):
			rank = 1
		case strings.Contains(low, p):
			rank = 2
		}
		if rank >= 0 {
			seen[low] = len(ms)
			ms = append(ms, match{s.Name, rank, s.Quotes})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].rank != ms[j].rank {
			return ms[i].rank < ms[j].rank
		}
		return ms[i].quotes > ms[j].quotes
	})
	out := make([]string, 0, min(limit, len(ms)))
	for _, m := range ms[:min(limit, len(ms))] {
		out = append(out, m.name)
	}
	return out, nil
}

// foldedName is name in lower case without its accents, as the name
// analyser folds it ("José Martínez" → "jose martinez", "Ødegård" →
// "odegard").
func foldedName(name string) string {
	return strings.ToLower(string(nameFolder.Filter([]byte(name))))
}

var nameFolder = foldFilter{inner: asciifolding.New()}

// articleCache keeps recently used decoded articles; answering a question
// touches a few dozen.
type articleCache struct {
	mu    sync.Mutex
	max   int
	items map[string]*corpus.Article
}

func (c *articleCache) init(max int) { c.max, c.items = max, make(map[string]*corpus.Article) }

func (c *articleCache) get(id string) (*corpus.Article, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.items[id]
	return a, ok
}

func (c *articleCache) put(id string, a *corpus.Article) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.items) >= c.max {
		for k := range c.items { // evict an arbitrary half; cheap and good enough
			delete(c.items, k)
			if len(c.items) < c.max/2 {
				break
			}
		}
	}
	c.items[id] = a
}

func (c *articleCache) forget(ids ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		delete(c.items, id)
	}
}
