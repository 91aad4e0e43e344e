package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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
	// Holder, when set, names a long-running process that keeps the index
	// open until it stops (a bot: "coveragebot run"). Open records it in
	// the folder, Close removes the record, and another Open that finds
	// the index held by it fails at once with ErrIndexInUse instead of
	// waiting for a release that will not come.
	Holder string

	// openDB opens the store; nil means bolt.Open (tests give a fake to
	// play a read-only folder without root).
	openDB func(path string, mode os.FileMode, o *bolt.Options) (*bolt.DB, error)
	// beforeSchema, when set, is called holding the store's lock just
	// before the schema is checked (and a stale index wiped, which can
	// take long): tests look at the folder there.
	beforeSchema func()
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
	// ErrReadOnly: the index folder cannot be written and the index is
	// missing, incomplete or behind its corpus.
	ErrReadOnly = errors.New("search: the index folder is read-only")
)

// Open opens the index in dir, creating it when missing, waiting up to
// DefaultOpenWait for another process that has it open. An index written
// by an incompatible version is discarded and recreated empty; the next
// Update fills it again, dating its articles by their files, as it does
// any index built from empty (resetStore).
func Open(ctx context.Context, dir string) (*Index, error) {
	return OpenWith(ctx, dir, OpenOptions{})
}

// OpenWith is Open with options. A folder that cannot be written holds a
// usable index when it is complete: it is opened read-only, and Update
// then only checks that it is up to date with the corpus (ErrReadOnly
// when not).
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
	db, readOnly, err := openStore(ctx, filepath.Join(dir, stateFile), opts)
	if err != nil && damagedStore(err) && !schemaMatches(dir) {
		// a damaged store of another version is thrown away all the same
		if rerr := os.Remove(filepath.Join(dir, stateFile)); rerr == nil {
			db, readOnly, err = openStore(ctx, filepath.Join(dir, stateFile), opts)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open index %q: %w", dir, err)
	}
	// Holding the lock, this process is the only holder: a record there
	// was left by a bot that died. It is cleared (or made this bot's)
	// at once: the wipe or opening of a large index comes next and takes
	// long, and a command waiting meanwhile reads the record, where the
	// dead bot's pid, reused since, could pass for a running bot.
	var rec *holderRecord
	if !readOnly {
		if opts.Holder != "" {
			rec, err = writeHolder(dir, opts.Holder)
		} else {
			err = removeHolder(dir)
		}
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("open index %q: %w", dir, err)
		}
	}
	if opts.beforeSchema != nil {
		opts.beforeSchema()
	}
	// The schema is checked holding the store's lock: two processes
	// opening a new index at once must not both wipe it.
	if err := checkSchema(db, dir, readOnly); err != nil {
		rec.release() // best effort: the store's lock is let go next, which is what counts
		db.Close()
		return nil, err
	}
	bi, err := openBleve(filepath.Join(dir, passagesDir), readOnly)
	if err != nil && !readOnly {
		// A kill while bleve was first being created leaves a folder it
		// cannot open. Everything here can be rebuilt from the corpus, so
		// start again empty; the next Update fills it.
		bi, err = resetIndex(db, filepath.Join(dir, passagesDir))
	}
	if err != nil {
		rec.release() // best effort, as above
		db.Close()
		if readOnly {
			return nil, fmt.Errorf("open index %q: %w (%w)", dir, &readOnlyError{dir: dir, why: "cannot be read"}, err)
		}
		return nil, fmt.Errorf("open index %q: %w; delete the folder to rebuild it", dir, err)
	}
	m := bi.Mapping()
	ix := &Index{
		dir: dir, bleve: bi, db: db, readOnly: readOnly, holder: rec, batchFiles: defaultBatchFiles, budgets: defaultBudgets,
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

// readOnlyError is ErrReadOnly for the index folder dir, saying why the
// index there cannot be used as it is ("" when it is not there at all)
// and what to do.
type readOnlyError struct{ dir, why string }

func (e *readOnlyError) Error() string {
	why := ""
	if e.why != "" {
		why = " and the index there " + e.why
	}
	return "the index folder " + e.dir + " is read-only" + why + ": pass --index DIR with a folder you can write"
}

func (e *readOnlyError) Is(target error) bool { return target == ErrReadOnly }

// cannotWrite reports whether err, from opening a file to write, says the
// folder or file cannot be written.
func cannotWrite(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission)
}

// openStore opens the store at path, read-write when the folder can be
// written, else read-only (readOnly true) when the store is there to
// read. While another process has it open it waits, up to opts.Wait.
func openStore(ctx context.Context, path string, opts OpenOptions) (db *bolt.DB, readOnly bool, err error) {
	open := opts.openDB
	if open == nil {
		open = bolt.Open
	}
	wait := opts.Wait
	if wait <= 0 {
		wait = DefaultOpenWait
	}
	deadline := time.Now().Add(wait)
	announced := false
	for {
		db, err = open(path, 0o644, &bolt.Options{Timeout: min(lockPoll, wait), ReadOnly: readOnly})
		if err != nil && !readOnly && cannotWrite(err) {
			readOnly = true
			if db, err = open(path, 0o644, &bolt.Options{Timeout: min(lockPoll, wait), ReadOnly: true}); err != nil && !errors.Is(err, bolterrors.ErrTimeout) {
				// nothing there to read: the index must be built, here it cannot be
				return nil, false, &readOnlyError{dir: filepath.Dir(path)}
			}
		}
		if !errors.Is(err, bolterrors.ErrTimeout) {
			break
		}
		if h, ok := runningHolder(filepath.Dir(path)); ok {
			return nil, false, heldByBotError(h)
		}
		if !time.Now().Before(deadline) {
			return nil, false, fmt.Errorf("%w (waited %v): it may be a running bot (coveragebot run or serve-http) or an update of a large corpus; try again when it is done, or pass --index DIR with another folder", ErrIndexInUse, wait.Round(time.Second))
		}
		if !announced && opts.Waiting != nil {
			opts.Waiting()
			announced = true
		}
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
	}
	if err != nil {
		return nil, false, storeError(path, err)
	}
	if readOnly {
		return db, true, nil
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
		return nil, false, fmt.Errorf("prepare %s: %w", path, err)
	}
	return db, false, nil
}

// storeError says what to do about a store that would not open. An error
// of the file system names the path already.
func storeError(path string, err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		err = fmt.Errorf("open %s: %w", path, err)
	}
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
// never finished being created), db's lock held. A read-only index of
// another version cannot be rebuilt here.
func checkSchema(db *bolt.DB, dir string, readOnly bool) error {
	path := filepath.Join(dir, schemaFile)
	got, err := os.ReadFile(path)
	if err == nil && strings.TrimSpace(string(got)) == schemaVersion {
		return nil
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("open index %q: %w", dir, err)
	}
	if readOnly {
		return fmt.Errorf("open index %q: %w", dir, &readOnlyError{dir: dir, why: "was built by another version"})
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

func openBleve(path string, readOnly bool) (bleve.Index, error) {
	if _, err := os.Stat(path); err == nil {
		if readOnly {
			return bleve.OpenUsing(path, map[string]any{"read_only": true})
		}
		return bleve.Open(path)
	} else if readOnly {
		return nil, err
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
	return openBleve(path, false)
}

// resetStore empties every bucket of the store and notes that the next
// build is a rebuild (metaRebuild). Whatever the store held before (an
// older version's index, a damaged store deleted at open, a folder the
// user deleted, or nothing: a new folder), any first-seen times are gone
// and cannot be told apart from none, so every build from empty dates its
// articles by their files: otherwise they all become now and the next
// digest announces the whole corpus again.
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
		return tx.Bucket(bucketMeta).Put(metaRebuild, []byte{1})
	})
	if err != nil {
		return fmt.Errorf("reset store: %w", err)
	}
	return nil
}
