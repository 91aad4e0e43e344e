package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// OpenOptions say how Open treats an index another process has open.
type OpenOptions struct {
	// Wait is how long Open waits for another process that has the index
	// open (an update in progress, a running bot) before it gives up with
	// ErrIndexInUse; 0 means DefaultOpenWait. It stops sooner when ctx is
	// done.
	Wait time.Duration
	// Waiting, when set, is called once when Open starts waiting, so a
	// command can say why it seems to hang.
	Waiting func()
}

// DefaultOpenWait is how long Open waits for another process's hold on
// an index by default.
const DefaultOpenWait = 2 * time.Second

// lockPoll is how long each try to take the store's lock waits: how soon
// a wait is announced and a cancelled ctx is seen.
const lockPoll = 250 * time.Millisecond

// Errors Open wraps, for errors.Is.
var (
	// ErrIndexInUse: another process kept the index open longer than
	// OpenOptions.Wait.
	ErrIndexInUse = errors.New("search: the index is in use by another process")
)

// Open opens the index in dir, creating it when missing, waiting up to
// DefaultOpenWait for another process that has it open. An index written
// by an incompatible version is discarded and recreated empty; the next
// Update fills it again.
func Open(ctx context.Context, dir string) (*Index, error) {
	return OpenWith(ctx, dir, OpenOptions{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, dir string, opts OpenOptions) (*Index, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if dir == "" {
		return nil, errors.New("search: open index: no folder given")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open index %q: %w: check the folder can be written, or use another --index folder", dir, err)
	}
	registerAnalysis()
	db, err := openStore(ctx, filepath.Join(dir, stateFile), opts)
	if err != nil && damagedStore(err) && !schemaMatches(dir) {
		// a damaged store of another version is thrown away all the same
		if rerr := os.Remove(filepath.Join(dir, stateFile)); rerr == nil {
			db, err = openStore(ctx, filepath.Join(dir, stateFile), opts)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open index %q: %w", dir, err)
	}
	// The schema is checked holding the store's lock: two processes
	// opening a new index at once must not both wipe it.
	if err := checkSchema(db, dir); err != nil {
		db.Close()
		return nil, err
	}
	bi, err := openBleve(filepath.Join(dir, passagesDir))
	if err != nil {
		// A kill while bleve was first being created leaves a folder it
		// cannot open. Everything here can be rebuilt from the corpus, so
		// start again empty; the next Update fills it.
		bi, err = resetIndex(db, filepath.Join(dir, passagesDir))
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open index %q: %w; delete the folder to rebuild it", dir, err)
	}
	m := bi.Mapping()
	ix := &Index{
		dir: dir, bleve: bi, db: db, batchFiles: defaultBatchFiles, budgets: defaultBudgets,
		an: analyzers{
			text:    m.AnalyzerNamed(textAnalyzer),
			name:    m.AnalyzerNamed(nameAnalyzer),
			keyword: m.AnalyzerNamed(keyword.Name),
		},
	}
	if ix.an.text == nil || ix.an.name == nil || ix.an.keyword == nil {
		ix.Close()
		return nil, fmt.Errorf("open index %q: analyzers missing from its mapping; delete the folder to rebuild it", dir)
	}
	ix.cache.init(4096)
	if err := db.View(func(tx *bolt.Tx) error { return ix.loadStats(tx) }); err != nil {
		ix.Close()
		return nil, fmt.Errorf("open index %q: %w", dir, err)
	}
	return ix, nil
}

// openStore opens the store at path. While another process has it open
// it waits, up to opts.Wait.
func openStore(ctx context.Context, path string, opts OpenOptions) (db *bolt.DB, err error) {
	wait := opts.Wait
	if wait <= 0 {
		wait = DefaultOpenWait
	}
	deadline := time.Now().Add(wait)
	announced := false
	for {
		db, err = bolt.Open(path, 0o644, &bolt.Options{Timeout: min(lockPoll, wait)})
		if !errors.Is(err, bolterrors.ErrTimeout) {
			break
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("%w (waited %v): it may be a running bot (coveragebot run or serve-http) or an update of a large corpus; try again when it is done, or pass --index DIR with another folder", ErrIndexInUse, wait.Round(time.Second))
		}
		if !announced && opts.Waiting != nil {
			opts.Waiting()
			announced = true
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	if err != nil {
		return nil, storeError(path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketFiles, bucketArticles, bucketKeys, bucketReclean, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare %s: %w", path, err)
	}
	return db, nil
}

// storeError says what to do about a store that would not open.
func storeError(path string, err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("open %s: %w: check the index folder can be written, or use another --index folder", path, err)
	}
	err = fmt.Errorf("open %s: %w", path, err)
	if damagedStore(err) {
		// the index holds nothing the corpus cannot give again
		return fmt.Errorf("%w: the file is damaged; delete the index folder and it is rebuilt from the corpus", err)
	}
	return err
}

// damagedStore reports whether err, from opening a bbolt file, says the
// file itself is damaged (not a full disk, a read-only mount, a lock).
func damagedStore(err error) bool {
	return errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrVersionMismatch) ||
		errors.Is(err, bolterrors.ErrChecksum) || strings.Contains(err.Error(), "file size too small")
}

// checkSchema empties an index written with another schema version (or
// never finished being created), db's lock held.
func checkSchema(db *bolt.DB, dir string) error {
	path := filepath.Join(dir, schemaFile)
	got, err := os.ReadFile(path)
	if err == nil && strings.TrimSpace(string(got)) == schemaVersion {
		return nil
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("open index %q: %w", dir, err)
	}
	if err := os.RemoveAll(filepath.Join(dir, passagesDir)); err != nil {
		return fmt.Errorf("reset index %q: %w", dir, err)
	}
	if err := resetStore(db); err != nil {
		return fmt.Errorf("reset index %q: %w", dir, err)
	}
	if err := os.WriteFile(path, []byte(schemaVersion+"\n"), 0o644); err != nil {
		return fmt.Errorf("open index %q: %w", dir, err)
	}
	return nil
}

// schemaMatches reports whether the index in dir says it is of this
// version.
func schemaMatches(dir string) bool {
	got, err := os.ReadFile(filepath.Join(dir, schemaFile))
	return err == nil && strings.TrimSpace(string(got)) == schemaVersion
}

func openBleve(path string) (bleve.Index, error) {
	if _, err := os.Stat(path); err == nil {
		return bleve.Open(path)
	}
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	return bleve.NewUsing(path, m, scorch.Name, scorch.Name, nil)
}

// resetIndex empties the store and recreates the passage index.
func resetIndex(db *bolt.DB, path string) (bleve.Index, error) {
	if err := os.RemoveAll(path); err != nil {
		return nil, err
	}
	if err := resetStore(db); err != nil {
		return nil, err
	}
	return openBleve(path)
}

// resetStore empties every bucket of the store.
func resetStore(db *bolt.DB) error {
	err := db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketFiles, bucketArticles, bucketKeys, bucketReclean, bucketMeta} {
			if err := tx.DeleteBucket(b); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
				return err
			}
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reset store: %w", err)
	}
	return nil
}
