package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/coveragebot/coveragebot/corpus"
)

// WatchOptions tune Watch. The zero value watches with the defaults.
type WatchOptions struct {
	// Debounce is how long the folder must be quiet after a change before the
	// index is updated, so a burst of files costs one update. Default 500ms.
	Debounce time.Duration
	// Settle is the pause between the two size checks that tell a file still
	// being written from a complete one. Default: Debounce.
	Settle time.Duration
	// MaxDelay bounds how long changes wait for the folder to go quiet: a
	// file that never stops changing (a log being appended to) cannot hold
	// back an update longer. Default 5s.
	MaxDelay time.Duration
	// Rescan is how often the whole corpus is re-checked whatever the
	// notifications said, the safety net for events the OS dropped (network
	// folders, overflowing queues); it runs even while changes are pending.
	// Default 60s; negative turns it off.
	Rescan time.Duration
	// Updated, when set, is called after every update attempt with what it
	// did or why it failed. Watch itself keeps going after a failed update.
	Updated func(UpdateSummary, error)
}

func (o WatchOptions) withDefaults() WatchOptions {
	if o.Debounce <= 0 {
		o.Debounce = 500 * time.Millisecond
	}
	if o.Settle <= 0 {
		o.Settle = o.Debounce
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 5 * time.Second
	}
	if o.Rescan == 0 {
		o.Rescan = 60 * time.Second
	}
	return o
}

// watchSettleRounds caps how long a file that never stops changing can hold
// back an update; a later update picks up its final form by its hash.
const watchSettleRounds = 20

// corpusUpdater is what Watch needs of an index.
type corpusUpdater interface {
	Update(ctx context.Context, fsys fs.FS, opts Options) (UpdateSummary, error)
}

// Watch keeps ix in line with the corpus folder root until ctx is done:
// new, changed and deleted files reach the index within about
// opts.Debounce of the folder going quiet. It updates once on start, so
// changes made while nothing watched are caught too. It returns nil when ctx
// is cancelled, and an error only when root cannot be watched at all.
func Watch(ctx context.Context, ix *Index, root string, opts WatchOptions) error {
	return watchCorpus(ctx, ix, root, opts)
}

func watchCorpus(ctx context.Context, ix corpusUpdater, root string, opts WatchOptions) error {
	opts = opts.withDefaults()
	info, err := os.Stat(root)
	if err != nil {
		return fmt.Errorf("watch corpus %q: %w", root, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("watch corpus %q: not a folder", root)
	}
	w, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return fmt.Errorf("watch corpus %q: %w", root, err)
	}
	defer w.Close()
	if err := watchTree(w, root); err != nil {
		return fmt.Errorf("watch corpus %q: %w", root, err)
	}
	// Read through os.Root, so no link leads outside the corpus.
	r, err := os.OpenRoot(root)
	if err != nil {
		return fmt.Errorf("watch corpus %q: %w", root, err)
	}
	defer r.Close()
	cw := &corpusWatch{ix: ix, root: root, fsys: r.FS(), opts: opts, w: w}
	return cw.loop(ctx)
}

// watchTree adds root and every folder under it (hidden ones aside, as Scan
// passes them over) to the watcher; inotify watches are not recursive.
func watchTree(w *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil // an unreadable sub-folder is the corpus reader's to report
		}
		if !d.IsDir() {
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.Add(path); err != nil && path == root {
			return err
		}
		return nil
	})
}

type corpusWatch struct {
	ix   corpusUpdater
	root string
	fsys fs.FS
	opts WatchOptions
	w    *fsnotify.Watcher

	dirty      map[string]bool // paths changed since the last update
	firstDirty time.Time       // when dirty stopped being empty
	pending    map[string]watchStat
	rounds     int
}

// overdue reports whether pending changes have waited MaxDelay already.
func (c *corpusWatch) overdue() bool {
	return len(c.dirty) > 0 && time.Since(c.firstDirty) >= c.opts.MaxDelay
}

// markDirty records a changed path and returns how long to wait for the
// folder to go quiet: the debounce, cut short by what is left of MaxDelay.
func (c *corpusWatch) markDirty(path string) time.Duration {
	if len(c.dirty) == 0 {
		c.firstDirty = time.Now()
	}
	c.dirty[path] = true
	return max(min(c.opts.Debounce, c.opts.MaxDelay-time.Since(c.firstDirty)), 0)
}

// ignored reports whether an event about name cannot change what the
// index holds: a hidden file or folder, or a file Scan does not read
// (a log, a .pdf). A folder counts, whatever its name.
func (c *corpusWatch) ignored(name string) bool {
	rel, err := filepath.Rel(c.root, name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	if corpus.IsArticlePath(rel) {
		return false
	}
	for part := range strings.SplitSeq(rel, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	if info, err := os.Stat(name); err == nil {
		return !info.IsDir()
	}
	// Gone: it mattered if it was a folder being watched, or may have been.
	if filepath.Ext(name) == "" || slices.Contains(c.w.WatchList(), name) {
		return false
	}
	return true
}

// watchStat is what tells a file still being written from a complete one.
type watchStat struct {
	size    int64
	modTime time.Time
	exists  bool
}

func (c *corpusWatch) loop(ctx context.Context) error {
	c.dirty = make(map[string]bool)
	c.update(ctx)

	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	settle := time.NewTimer(time.Hour)
	settle.Stop()
	var rescan <-chan time.Time
	if c.opts.Rescan > 0 {
		t := time.NewTicker(c.opts.Rescan)
		defer t.Stop()
		rescan = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-c.w.Events:
			if !ok {
				return nil
			}
			if c.ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					// A folder moved or created in: watch it and count what it
					// already holds.
					_ = watchTree(c.w, ev.Name)
				}
			}
			wait := c.markDirty(ev.Name)
			if c.pending != nil && c.overdue() {
				continue // settling already, and out of time to wait for quiet
			}
			c.pending = nil
			settle.Stop()
			debounce.Reset(wait)
		case err, ok := <-c.w.Errors:
			if !ok {
				return nil
			}
			// A dropped event (queue overflow) means anything may have
			// changed: count the whole folder as dirty.
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				debounce.Reset(c.markDirty(c.root))
			}
			if c.opts.Updated != nil {
				c.opts.Updated(UpdateSummary{}, fmt.Errorf("watch corpus %q: %w", c.root, err))
			}
		case <-debounce.C:
			c.pending = c.snapshot()
			c.rounds = 0
			settle.Reset(c.opts.Settle)
		case <-settle.C:
			now := c.snapshot()
			if !watchSameStats(c.pending, now) && c.rounds < watchSettleRounds && !c.overdue() {
				c.pending = now
				c.rounds++
				settle.Reset(c.opts.Settle)
				continue
			}
			c.update(ctx)
		case <-rescan:
			// Never skipped: changes that keep coming must not keep the
			// rest of the corpus from being re-checked.
			_ = watchTree(c.w, c.root) // folders whose creation went unseen
			debounce.Stop()
			settle.Stop()
			c.update(ctx)
		}
	}
}

func (c *corpusWatch) update(ctx context.Context) {
	c.dirty = make(map[string]bool)
	c.pending = nil
	sum, err := c.ix.Update(ctx, c.fsys, Options{})
	if ctx.Err() != nil {
		return
	}
	if c.opts.Updated != nil {
		c.opts.Updated(sum, err)
	}
}

// snapshot stats every file under the changed paths.
func (c *corpusWatch) snapshot() map[string]watchStat {
	out := make(map[string]watchStat)
	for path := range c.dirty {
		_ = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out[p] = watchStat{}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				out[p] = watchStat{}
				return nil
			}
			out[p] = watchStat{size: info.Size(), modTime: info.ModTime(), exists: true}
			return nil
		})
	}
	return out
}

func watchSameStats(a, b map[string]watchStat) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
