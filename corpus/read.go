package corpus

import (
	"context"
	"errors"
	"io/fs"
	"time"
)

// CONTRACT SKELETON: signatures are fixed; bodies are being written.

// Skip is a file, or a record inside a file, that was not read, and why.
type Skip struct {
	Path   string // relative to the corpus root; "feed.jsonl#12" for a JSON line
	Reason string // what was wrong and what to do, e.g. "not valid UTF-8: save it as UTF-8"
}

// File is an article file found by Scan.
type File struct {
	Path    string // relative to the corpus root, slash-separated
	Size    int64
	ModTime time.Time
}

// Document is an article as read from its file, before cleaning.
type Document struct {
	ID         string
	Path       string
	Outlet     string
	OutletFrom OutletSource
	URL        string
	Published  time.Time
	Title      string
	Language   string
	Lines      []Line // the body: source lines, or HTML paragraphs
	Hash       string // hex SHA-256 of the source bytes
}

// Line is one line (or HTML paragraph) of a document's body.
type Line struct {
	Text    string
	Number  int // 1-based source line; 0 when the source has no lines
	Heading bool
}

// Scan lists the article files under fsys, recursively: .txt, .md, .html,
// .htm and .jsonl. Hidden files and folders are passed over.
func Scan(ctx context.Context, fsys fs.FS) ([]File, []Skip, error) {
	return nil, nil, errors.New("corpus: Scan not written yet")
}

// ReadFile reads one file into documents. A problem with the whole file
// (empty, binary, invalid UTF-8, too large, unreadable) is an error naming
// the file and the reason; a bad record in a JSON lines file is a Skip and
// the rest of the file is still read.
func ReadFile(ctx context.Context, fsys fs.FS, path string) ([]*Document, []Skip, error) {
	return nil, nil, errors.New("corpus: ReadFile not written yet")
}

// LineKeys returns the normalised fingerprints of the document's lines, as
// the Boilerplate model counts them.
func (d *Document) LineKeys() []uint64 { return nil }

// Boilerplate learns which lines an outlet repeats across its articles.
// Its zero value is not usable; call NewBoilerplate.
type Boilerplate struct{}

// NewBoilerplate returns an empty model.
func NewBoilerplate() *Boilerplate { return &Boilerplate{} }

// Add counts one article's line keys for outlet and returns the keys whose
// boilerplate status changed, so articles already cleaned can be re-cleaned.
func (b *Boilerplate) Add(outlet string, keys []uint64) (flipped []uint64) { return nil }

// Remove uncounts one article's line keys; it returns keys whose status changed.
func (b *Boilerplate) Remove(outlet string, keys []uint64) (flipped []uint64) { return nil }

// MarshalBinary encodes the model so an index can keep it between runs.
func (b *Boilerplate) MarshalBinary() ([]byte, error) { return nil, nil }

// UnmarshalBinary decodes a model written by MarshalBinary.
func (b *Boilerplate) UnmarshalBinary(data []byte) error { return nil }

// Clean turns a document into a clean article: junk lines dropped,
// sentences split, quotes and speakers found, truncation marked.
// bp may be nil, in which case no cross-article rule applies.
func Clean(d *Document, bp *Boilerplate) *Article { return &Article{} }
