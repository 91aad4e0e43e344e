//go:build unix

package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
