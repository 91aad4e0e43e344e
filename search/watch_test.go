package search

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// recordingUpdater is a fake index: it records the files and contents it
// saw at each update.
type recordingUpdater struct {
	mu      sync.Mutex
	updates []map[string]string
	changed chan struct{}
}

func newRecordingUpdater() *recordingUpdater {
	return &recordingUpdater{changed: make(chan struct{}, 100)}
}

func (r *recordingUpdater) Update(ctx context.Context, fsys fs.FS, _ Options) (UpdateSummary, error) {
	seen := make(map[string]string)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		seen[p] = string(b)
		return nil
	})
	r.mu.Lock()
	r.updates = append(r.updates, seen)
	r.mu.Unlock()
	r.changed <- struct{}{}
	return UpdateSummary{Articles: len(seen)}, err
}

func (r *recordingUpdater) snapshot() []map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]map[string]string(nil), r.updates...)
}

// waitFor waits until cond holds over the updates seen, or fails.
func (r *recordingUpdater) waitFor(t *testing.T, what string, cond func([]map[string]string) bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond(r.snapshot()) {
		select {
		case <-r.changed:
		case <-deadline:
			t.Fatalf("timed out waiting for %s; updates: %v", what, keysOf(r.snapshot()))
		}
	}
}

func keysOf(updates []map[string]string) [][]string {
	var out [][]string
	for _, u := range updates {
		var ks []string
		for k := range u {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		out = append(out, ks)
	}
	return out
}

func startWatch(t *testing.T, root string, opts WatchOptions) *recordingUpdater {
	t.Helper()
	u := newRecordingUpdater()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- watchCorpus(ctx, u, root, opts) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watch: %v", err)
		}
	})
	u.waitFor(t, "the initial update", func(us []map[string]string) bool { return len(us) >= 1 })
	return u
}

func TestWatchNewChangedDeletedAndNestedFiles(t *testing.T) {
	root := t.TempDir()
	mustWrite(t, filepath.Join(root, "old.txt"), "old")
	u := startWatch(t, root, WatchOptions{Debounce: 20 * time.Millisecond, Rescan: -1})

	mustWrite(t, filepath.Join(root, "new.txt"), "new")
	u.waitFor(t, "new.txt", func(us []map[string]string) bool { return us[len(us)-1]["new.txt"] == "new" })

	if err := os.MkdirAll(filepath.Join(root, "outlet", "2026"), 0o755); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(root, "outlet", "2026", "deep.txt"), "deep")
	u.waitFor(t, "a file in a new folder", func(us []map[string]string) bool {
		return us[len(us)-1]["outlet/2026/deep.txt"] == "deep"
	})

	mustWrite(t, filepath.Join(root, "old.txt"), "changed")
	u.waitFor(t, "the change", func(us []map[string]string) bool { return us[len(us)-1]["old.txt"] == "changed" })

	if err := os.Remove(filepath.Join(root, "new.txt")); err != nil {
		t.Fatal(err)
	}
	u.waitFor(t, "the deletion", func(us []map[string]string) bool {
		_, ok := us[len(us)-1]["new.txt"]
		return !ok
	})
}

func TestWatchDebouncesBursts(t *testing.T) {
	root := t.TempDir()
	u := startWatch(t, root, WatchOptions{Debounce: 300 * time.Millisecond, Rescan: -1})
	before := len(u.snapshot())
	for i := 0; i < 20; i++ {
		mustWrite(t, filepath.Join(root, "burst-"+string(rune('a'+i))+".txt"), "x")
	}
	u.waitFor(t, "the burst", func(us []map[string]string) bool { return len(us[len(us)-1]) == 20 })
	// 20 files written well within one debounce period cost one update, or
	// two if the scheduler paused the writer for longer than the debounce.
	if n := len(u.snapshot()) - before; n > 2 {
		t.Errorf("20 files in a burst caused %d updates, want 1", n)
	}
}

func TestWatchWaitsForHalfWrittenFile(t *testing.T) {
	root := t.TempDir()
	u := startWatch(t, root, WatchOptions{Debounce: 20 * time.Millisecond, Settle: 600 * time.Millisecond, Rescan: -1})
	path := filepath.Join(root, "slow.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("first half, "); err != nil {
		t.Fatal(err)
	}
	// The writer pauses longer than the debounce but less than the settle
	// pause: the size check must see the file still growing.
	time.Sleep(100 * time.Millisecond)
	if _, err := f.WriteString("second half."); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	u.waitFor(t, "the whole file", func(us []map[string]string) bool {
		return us[len(us)-1]["slow.txt"] == "first half, second half."
	})
	for _, up := range u.snapshot() {
		if got, ok := up["slow.txt"]; ok && got != "first half, second half." {
			t.Errorf("index updated with a half-written file: %q", got)
		}
	}
}

func TestWatchRescanCatchesMissedChanges(t *testing.T) {
	root := t.TempDir()
	// A watcher that was never told about root stands for notifications the
	// OS dropped: only the periodic rescan can see the new file.
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	u := newRecordingUpdater()
	cw := &corpusWatch{ix: u, root: root, fsys: os.DirFS(root), w: w,
		opts: WatchOptions{Debounce: time.Hour, Rescan: 50 * time.Millisecond}.withDefaults()}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cw.loop(ctx) }()
	defer func() { cancel(); <-done }()
	u.waitFor(t, "the initial update", func(us []map[string]string) bool { return len(us) >= 1 })
	mustWrite(t, filepath.Join(root, "missed.txt"), "missed")
	u.waitFor(t, "the rescan", func(us []map[string]string) bool {
		return us[len(us)-1]["missed.txt"] == "missed"
	})
}

func TestWatchMissingFolder(t *testing.T) {
	err := watchCorpus(context.Background(), newRecordingUpdater(), filepath.Join(t.TempDir(), "nope"), WatchOptions{})
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("err = %v, want one naming the folder", err)
	}
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// keepWriting appends to each path every few milliseconds until the test
// ends, as a scraper's log or a file rewritten in a loop would.
func keepWriting(t *testing.T, paths ...string) {
	t.Helper()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
			for _, p := range paths {
				f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
				if err != nil {
					t.Error(err)
					return
				}
				f.WriteString("line " + strings.Repeat("x", i%7) + "\n")
				f.Close()
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
}

// TestWatchIgnoresFilesScanIgnores: a hidden log and a .pdf changing all
// the time are not changes to the corpus and cannot hold back a new
// article.
func TestWatchIgnoresFilesScanIgnores(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ".cache"), 0o755); err != nil {
		t.Fatal(err)
	}
	u := startWatch(t, root, WatchOptions{Debounce: 50 * time.Millisecond, MaxDelay: time.Hour, Rescan: -1})
	keepWriting(t, filepath.Join(root, ".scraper.log"), filepath.Join(root, "notes.pdf"), filepath.Join(root, "scrape.log"))
	mustWrite(t, filepath.Join(root, "new.txt"), "new")
	u.waitFor(t, "new.txt while the log is written", func(us []map[string]string) bool { return us[len(us)-1]["new.txt"] == "new" })
}

// TestWatchMaxDelayUnderConstantChanges: an article file that never stops
// changing delays an update by MaxDelay at most, not until it stops.
func TestWatchMaxDelayUnderConstantChanges(t *testing.T) {
	root := t.TempDir()
	u := startWatch(t, root, WatchOptions{Debounce: 50 * time.Millisecond, MaxDelay: 300 * time.Millisecond, Rescan: -1})
	keepWriting(t, filepath.Join(root, "live.txt"))
	mustWrite(t, filepath.Join(root, "new.txt"), "new")
	u.waitFor(t, "new.txt while live.txt keeps changing", func(us []map[string]string) bool { return us[len(us)-1]["new.txt"] == "new" })
}

// TestWatchRescanRunsWhileChangesPending: the periodic re-check is not
// skipped because changes are waiting for the folder to go quiet.
func TestWatchRescanRunsWhileChangesPending(t *testing.T) {
	root := t.TempDir()
	u := startWatch(t, root, WatchOptions{Debounce: time.Hour, MaxDelay: time.Hour, Rescan: 50 * time.Millisecond})
	mustWrite(t, filepath.Join(root, "a.txt"), "a")
	u.waitFor(t, "the rescan to pick up a.txt", func(us []map[string]string) bool { return us[len(us)-1]["a.txt"] == "a" })
}
