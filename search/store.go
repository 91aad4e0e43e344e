package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
	bolt "go.etcd.io/bbolt"
)

// The article store sits beside the bleve index in state.db: the cleaned
// articles (the source of truth for verbatim quotes), one record per corpus
// file, the boilerplate model and the index's statistics.
var (
	bucketFiles    = []byte("files")    // path -> fileRecord (recordcodec.go)
	bucketArticles = []byte("articles") // article id -> gob corpus.Article
	bucketKeys     = []byte("keys")     // path -> line keys of its documents
	bucketReclean  = []byte("reclean")  // outlet \x00 key -> generation of the flip
	bucketMeta     = []byte("meta")

	metaModel = []byte("boilerplate") // corpus.Boilerplate, binary
	metaDirty = []byte("model-dirty") // present while the model may be out of date
	metaStats = []byte("stats")       // indexStats (JSON)
	metaGen   = []byte("gen")         // last generation handed out
	// metaRebuild is present from the creation or wipe of a store (a new
	// folder, another version's index, a damaged store) until the first
	// Update after it completes: the build dates articles by their files
	// (updater.arrived).
	metaRebuild = []byte("rebuild")
)

// fileRecord is what the index knows about one corpus file.
type fileRecord struct {
	Size     int64        `json:"size"`
	ModTime  int64        `json:"mtime"` // unix nanoseconds
	Hash     string       `json:"hash"`
	Gen      uint64       `json:"gen"`               // batch that wrote it
	Removed  bool         `json:"removed,omitempty"` // tombstone until its batch is known durable
	Articles []articleRef `json:"articles,omitempty"`
	// Notes are what reading the file left out or warned of (a broken
	// JSON line, a date that is no date), said again on every update
	// while the file stays as it is.
	Notes []corpus.Skip `json:"notes,omitempty"`
}

// articleRef summarises one article of a file for statistics.
type articleRef struct {
	ID string `json:"id"`
	// Key is who the article is wherever it sits (articleKey): the ID is
	// only where it sits, a line of a feed or a file.
	Key       string         `json:"key"`
	Outlet    string         `json:"outlet"`
	Published time.Time      `json:"published,omitzero"`
	Passages  int            `json:"passages"`
	Quotes    int            `json:"quotes"`
	Speakers  map[string]int `json:"speakers,omitempty"` // quotes per speaker
	// FirstSeen is when the index first saw the article (by Key), kept
	// across changes and moves of its file: what "new" means in a digest.
	FirstSeen time.Time `json:"first_seen,omitzero"`
}

// indexStats are kept in the store so Open need not scan anything.
type indexStats struct {
	Articles int            `json:"articles"`
	Passages int            `json:"passages"`
	Quotes   int            `json:"quotes"`
	Outlets  []OutletStats  `json:"outlets"`
	Speakers []speakerCount `json:"speakers"`
}

type speakerCount struct {
	Name   string `json:"name"`
	Quotes int    `json:"quotes"`
}

// loadArticle reads one article from the store; nil when missing.
func loadArticle(tx *bolt.Tx, id string) (*corpus.Article, error) {
	data := tx.Bucket(bucketArticles).Get([]byte(id))
	if data == nil {
		return nil, nil
	}
	return decodeArticle(data)
}

func loadRecords(tx *bolt.Tx) (map[string]*fileRecord, error) {
	recs := make(map[string]*fileRecord)
	err := tx.Bucket(bucketFiles).ForEach(func(k, v []byte) error {
		r, err := decodeRecord(v)
		if err != nil {
			return fmt.Errorf("file record %q: %w", k, err)
		}
		recs[string(k)] = r
		return nil
	})
	return recs, err
}

func putRecord(tx *bolt.Tx, path string, r *fileRecord) error {
	return tx.Bucket(bucketFiles).Put([]byte(path), encodeRecord(r))
}

func encodeKeys(keys []uint64) []byte {
	out := make([]byte, 0, len(keys)*8)
	for _, k := range keys {
		out = binary.BigEndian.AppendUint64(out, k)
	}
	return out
}

func decodeKeys(data []byte) []uint64 {
	keys := make([]uint64, 0, len(data)/8)
	for i := 0; i+8 <= len(data); i += 8 {
		keys = append(keys, binary.BigEndian.Uint64(data[i:]))
	}
	return keys
}

// documentKeys is how line keys of a file are stored: per document, the
// outlet and its keys, so the boilerplate model can be rebuilt.
type documentKeys struct {
	Outlet string
	Keys   []uint64
}

func encodeFileKeys(docs []documentKeys) []byte {
	var out []byte
	for _, d := range docs {
		out = binary.AppendUvarint(out, uint64(len(d.Outlet)))
		out = append(out, d.Outlet...)
		out = binary.AppendUvarint(out, uint64(len(d.Keys)))
		out = append(out, encodeKeys(d.Keys)...)
	}
	return out
}

func decodeFileKeys(data []byte) ([]documentKeys, error) {
	var docs []documentKeys
	for len(data) > 0 {
		n, k := binary.Uvarint(data)
		if k <= 0 || uint64(len(data)-k) < n {
			return nil, errors.New("corrupt line keys")
		}
		outlet := string(data[k : k+int(n)])
		data = data[k+int(n):]
		m, k := binary.Uvarint(data)
		if k <= 0 || uint64(len(data)-k) < m*8 {
			return nil, errors.New("corrupt line keys")
		}
		docs = append(docs, documentKeys{Outlet: outlet, Keys: decodeKeys(data[k : k+int(m)*8])})
		data = data[k+int(m)*8:]
	}
	return docs, nil
}

func recleanKey(outlet string, key uint64) []byte {
	return binary.BigEndian.AppendUint64(append([]byte(outlet), 0), key)
}

func genBytes(g uint64) []byte { return binary.BigEndian.AppendUint64(nil, g) }

func genFrom(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

func jsonMarshal(v any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return data, nil
}
