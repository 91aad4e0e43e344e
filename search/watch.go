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

	"github.com/fsnotify/fsnotify"
)

// WatchOptions tune Watch. The zero value watches with the defaults.
type WatchOptions struct {
	// Debounce is how long the folder must be quiet after a change before the
	// index is updated, so a burst of files costs one update. Default 500ms.
	Debounce time.Duration
	// Settle is the pause between the two size checks that tell a file still
	// being written from a complete one. Default: Debounce.
	Settle time.Duration
	// Rescan is how often the whole corpus is re-checked whatever the
	// notifications said, the safety net for events the OS dropped (network
	// folders, overflowing queues). Default 60s; negative turns it off.
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

	dirty   map[string]bool // paths changed since the last update
	pending map[string]watchStat
	rounds  int
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
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					// A folder moved or created in: watch it and count what it
					// already holds.
					_ = watchTree(c.w, ev.Name)
				}
			}
			c.dirty[ev.Name] = true
			c.pending = nil
			settle.Stop()
			debounce.Reset(c.opts.Debounce)
		case err, ok := <-c.w.Errors:
			if !ok {
				return nil
			}
			// A dropped event (queue overflow) means anything may have
			// changed: count the whole folder as dirty.
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				c.dirty[c.root] = true
				debounce.Reset(c.opts.Debounce)
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
			if !watchSameStats(c.pending, now) && c.rounds < watchSettleRounds {
				c.pending = now
				c.rounds++
				settle.Reset(c.opts.Settle)
				continue
			}
			c.update(ctx)
		case <-rescan:
			if len(c.dirty) > 0 {
				continue // an update is on its way anyway
			}
			_ = watchTree(c.w, c.root) // folders whose creation went unseen
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
