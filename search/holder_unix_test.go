//go:build unix

package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReusedPidIsNotARunningBot: a bot that died left its record, and
// its pid now belongs to another, live process (played by this test's
// own). Nothing holds the record's lock, so it is no running bot: a
// command beside an update waits for the update as usual, instead of
// failing at once with "a running bot holds it".
func TestReusedPidIsNotARunningBot(t *testing.T) {
	dir := t.TempDir()
	update, err := OpenWith(context.Background(), dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { update.Close() })
	reused := fmt.Appendf(nil, `{"command":"coveragebot run","pid":%d}`, os.Getpid())
	if err := os.WriteFile(filepath.Join(dir, holderFile), reused, 0o644); err != nil {
		t.Fatal(err)
	}
	if h, ok := runningHolder(dir); ok {
		t.Errorf("a dead bot's record whose pid was reused counts as a running bot: %+v", h)
	}
	announced := 0
	ix, err := OpenWith(context.Background(), dir, OpenOptions{Wait: time.Minute, Waiting: func() {
		announced++
		update.Close()
	}})
	if err != nil {
		t.Fatalf("open beside an update, with the dead bot's record: %v", err)
	}
	ix.Close()
	if announced != 1 {
		t.Errorf("the wait was announced %d times, want once", announced)
	}
}

// TestHolderWithoutFileLocks: on a file system that takes no advisory
// locks (flock fails with ENOLCK or EOPNOTSUPP, as on some network
// mounts) the bot still records itself as the index's holder, without
// the lock, and is told from a dead one by its pid, instead of failing to
// open the index.
func TestHolderWithoutFileLocks(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.ENOLCK, syscall.EOPNOTSUPP} {
		t.Run(errno.Error(), func(t *testing.T) {
			t.Cleanup(func() { flock = syscall.Flock })
			flock = func(int, int) error { return errno }
			dir := t.TempDir()
			r, err := writeHolder(dir, "coveragebot run")
			if err != nil {
				t.Fatalf("record the holder: %v", err)
			}
			if r.lock != nil {
				t.Error("the record is kept open with no lock on it")
			}
			h, ok := runningHolder(dir)
			if !ok || h.PID != os.Getpid() || h.Command != "coveragebot run" {
				t.Errorf("running holder %+v, %v; want this process", h, ok)
			}
			if err := r.release(); err != nil {
				t.Fatal(err)
			}
			if _, ok := runningHolder(dir); ok {
				t.Error("a released record still names a running holder")
			}
		})
	}
}
