package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestOpenWaitsForAnotherHolder: a command started while another process
// updates the index waits for it (saying so once), then opens it; one
// that gives up says what to do, and Ctrl-C stops the wait. Another
// process is played by a second open in this one: its lock is the same.
func TestOpenWaitsForAnotherHolder(t *testing.T) {
	tests := []struct {
		name    string
		wait    time.Duration
		release bool // the holder closes once the wait is announced
		cancel  bool // ctx is cancelled once the wait is announced
		wantErr error
	}{
		{name: "the holder finishes", wait: time.Minute, release: true},
		{name: "the holder keeps it", wait: 600 * time.Millisecond, wantErr: ErrIndexInUse},
		{name: "Ctrl-C while waiting", wait: time.Minute, cancel: true, wantErr: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			holder := mustOpen(t, dir)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var announced int
			ix, err := OpenWith(ctx, dir, OpenOptions{Wait: tt.wait, Waiting: func() {
				announced++
				if tt.release {
					holder.Close()
				}
				if tt.cancel {
					cancel()
				}
			}})
			if ix != nil {
				ix.Close()
			}
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("OpenWith: %v, want %v", err, tt.wantErr)
			}
			if announced != 1 {
				t.Errorf("the wait was announced %d times, want once", announced)
			}
			if errors.Is(err, ErrIndexInUse) {
				if msg := err.Error(); !strings.Contains(msg, "--index") || strings.Contains(msg, "stop it") {
					t.Errorf("error %q: want advice to wait or use another --index, not to stop the other run", msg)
				}
			}
		})
	}
}

// TestOpenANewIndexAtOnce: processes opening a new index at the same
// moment (three "ask"s from a fresh cache) take turns; none wipes what
// another has started.
func TestOpenANewIndexAtOnce(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "weir.txt"), []byte(liveArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix, err := OpenWith(context.Background(), dir, OpenOptions{Wait: time.Minute})
			if err != nil {
				errs <- err
				return
			}
			_, err = ix.Update(context.Background(), os.DirFS(root), Options{})
			errs <- errors.Join(err, ix.Close())
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	ix := mustOpen(t, dir)
	if got := mustAnswer(t, ix, "What did Dana Whitlock say about the footbridge?"); len(got.Answers) == 0 {
		t.Error("the index they built does not answer")
	}
}

// TestOpenEmptiesAnIndexOfAnotherVersion: an index written by another
// schema version is emptied on open (under the lock now) and filled again
// by the next Update.
func TestOpenEmptiesAnIndexOfAnotherVersion(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	mustIndexArticles(t, ix, harbourArticles(t)...)
	ix.Close()
	if err := os.WriteFile(filepath.Join(dir, schemaFile), []byte("coverage-0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix = mustOpen(t, dir)
	if c := ix.Coverage(); c.Articles != 0 {
		t.Errorf("an index of another version still claims %+v", c)
	}
	if !schemaMatches(dir) {
		t.Error("the emptied index does not say it is of this version")
	}
	mustIndexArticles(t, ix, harbourArticles(t)...)
	if got := mustAnswer(t, ix, "Who wants the shipping ban lifted?"); len(got.Answers) == 0 {
		t.Error("the refilled index does not answer")
	}
}
