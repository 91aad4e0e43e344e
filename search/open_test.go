package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestOpenWaitsForAnotherHolder: a command started while another process
// updates the index waits for it (saying so once), then opens it; one
// that gives up says what to do, and Ctrl-C stops the wait. A running bot
// is not waited for: the command fails at once saying so, unless the bot
// recorded is one that died. Another process is played by a second open
// in this one: its lock is the same.
func TestOpenWaitsForAnotherHolder(t *testing.T) {
	tests := []struct {
		name    string
		wait    time.Duration
		bot     string // the holder is this long-running command
		stale   bool   // a record left by a bot that died is in the folder
		release bool   // the holder closes once the wait is announced
		cancel  bool   // ctx is cancelled once the wait is announced
		wantErr error
		noWait  bool // fails without announcing a wait
	}{
		{name: "the holder finishes", wait: time.Minute, release: true},
		{name: "the holder keeps it", wait: 600 * time.Millisecond, wantErr: ErrIndexInUse},
		{name: "Ctrl-C while waiting", wait: time.Minute, cancel: true, wantErr: context.Canceled},
		// Without the record, this one would wait its whole wait.
		{name: "a running bot holds it", wait: 5 * time.Second, bot: "coveragebot run", wantErr: ErrIndexInUse, noWait: true},
		{name: "a dead bot's record beside an update", wait: time.Minute, stale: true, release: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			holder, err := OpenWith(context.Background(), dir, OpenOptions{Holder: tt.bot})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { holder.Close() })
			if tt.stale {
				// No process has this pid: above any pid_max.
				dead := []byte(`{"command":"coveragebot run","pid":2147483647}`)
				if err := os.WriteFile(filepath.Join(dir, holderFile), dead, 0o644); err != nil {
					t.Fatal(err)
				}
			}
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
			if want := map[bool]int{false: 1, true: 0}[tt.noWait]; announced != want {
				t.Errorf("the wait was announced %d times, want %d", announced, want)
			}
			msg := fmt.Sprint(err)
			switch {
			case tt.bot != "":
				if !strings.Contains(msg, "a running bot holds it ("+tt.bot+", pid ") || !strings.Contains(msg, "ask through Discord, stop the bot, or pass --index DIR") {
					t.Errorf("error %q: want it to name the bot and say what to do", msg)
				}
			case errors.Is(err, ErrIndexInUse):
				if !strings.Contains(msg, "--index") || strings.Contains(msg, "stop it") {
					t.Errorf("error %q: want advice to wait or use another --index, not to stop the other run", msg)
				}
			}
		})
	}
}

// TestHolderRecordLastsWhileTheBotRuns: a bot's record is in the folder
// while it holds the index and gone when it closes it; a short-lived
// holder records nothing and clears a dead bot's record.
func TestHolderRecordLastsWhileTheBotRuns(t *testing.T) {
	dir := t.TempDir()
	record := filepath.Join(dir, holderFile)
	exists := func() bool { _, err := os.Stat(record); return err == nil }
	bot, err := OpenWith(context.Background(), dir, OpenOptions{Holder: "coveragebot serve-http"})
	if err != nil {
		t.Fatal(err)
	}
	if h, ok := runningHolder(dir); !ok || h.Command != "coveragebot serve-http" || h.PID != os.Getpid() {
		t.Errorf("while the bot runs, the record says %+v (%v)", h, ok)
	}
	if err := bot.Close(); err != nil {
		t.Fatal(err)
	}
	if exists() {
		t.Error("the record outlives the bot")
	}
	if err := os.WriteFile(record, []byte(`{"command":"coveragebot run","pid":2147483647}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := runningHolder(dir); ok {
		t.Error("a dead bot's record counts as a running bot")
	}
	ix := mustOpen(t, dir)
	if exists() {
		t.Error("a dead bot's record is left after another holder took the lock")
	}
	ix.Close()
}

// TestHolderRecordIsSetBeforeAWipe: an opener that finds an index of
// another version wipes it holding the store's lock, which takes long for
// a large index. A record left by a bot that died must not stay in the
// folder meanwhile, where a command waiting for the lock reads it (and
// could take the dead bot's pid, reused since, for a running bot): the
// opener clears it, or writes its own, as soon as it holds the lock.
func TestHolderRecordIsSetBeforeAWipe(t *testing.T) {
	for _, bot := range []string{"", "coveragebot run"} {
		t.Run(fmt.Sprintf("holder=%q", bot), func(t *testing.T) {
			dir := t.TempDir()
			record := filepath.Join(dir, holderFile)
			mustOpen(t, dir).Close()
			if err := os.WriteFile(filepath.Join(dir, schemaFile), []byte("coverage-10\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(record, []byte(`{"command":"coveragebot serve-http","pid":2147483647}`), 0o644); err != nil {
				t.Fatal(err)
			}
			var during *holder // the record while the schema is checked; nil when none
			ix, err := OpenWith(context.Background(), dir, OpenOptions{Holder: bot, beforeSchema: func() {
				data, err := os.ReadFile(record)
				if err != nil {
					return
				}
				during = &holder{}
				if err := json.Unmarshal(data, during); err != nil {
					t.Errorf("the record during the wipe is %q: %v", data, err)
				}
			}})
			if err != nil {
				t.Fatal(err)
			}
			ix.Close()
			switch {
			case bot == "" && during != nil:
				t.Errorf("during the wipe the folder holds the record %+v, want none", *during)
			case bot != "" && (during == nil || *during != holder{Command: bot, PID: os.Getpid()}):
				t.Errorf("during the wipe the folder holds the record %+v, want this bot's", during)
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

// readOnlyFolder opens bbolt files as a read-only mount would: to read
// only.
func readOnlyFolder(path string, mode os.FileMode, o *bolt.Options) (*bolt.DB, error) {
	if !o.ReadOnly {
		return nil, &fs.PathError{Op: "open", Path: path, Err: syscall.EROFS}
	}
	return bolt.Open(path, mode, o)
}

// TestReadOnlyIndexFolder: an index in a folder that cannot be written
// answers when it is up to date with its corpus; when it is behind, or
// not there, the error says to pass --index with a folder that can be
// written (and names the store once, not twice).
func TestReadOnlyIndexFolder(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		build   bool // index the corpus first, in a folder that could be written
		change  bool // then add an article the index has not seen
		touch   bool // then give the article's file another time only
		rewrite bool // then change a word of it, its size the same
		openErr bool // OpenWith fails; else Update does when wantErr
		wantErr bool
	}{
		{name: "up to date", build: true},
		{name: "behind its corpus", build: true, change: true, wantErr: true},
		{name: "a file touched, its content the same", build: true, touch: true},
		{name: "a file rewritten at its size", build: true, rewrite: true, wantErr: true},
		{name: "never built", openErr: true, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, dir := t.TempDir(), t.TempDir()
			if err := os.WriteFile(filepath.Join(root, "weir.txt"), []byte(liveArticle), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.build {
				ix := mustOpen(t, dir)
				if _, err := ix.Update(ctx, os.DirFS(root), Options{}); err != nil {
					t.Fatal(err)
				}
				ix.Close()
			}
			if tt.change {
				if err := os.WriteFile(filepath.Join(root, "later.txt"), []byte("Ferry news\nFerries run hourly from Sunday, the operator said.\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if tt.touch || tt.rewrite {
				weir := filepath.Join(root, "weir.txt")
				if tt.rewrite {
					if err := os.WriteFile(weir, []byte(strings.Replace(liveArticle, "footbridge", "footbrigde", 1)), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				later := time.Now().Add(time.Hour)
				if err := os.Chtimes(weir, later, later); err != nil {
					t.Fatal(err)
				}
			}
			ix, err := OpenWith(ctx, dir, OpenOptions{openDB: readOnlyFolder})
			if err == nil {
				defer ix.Close()
				var sum UpdateSummary
				sum, err = ix.Update(ctx, os.DirFS(root), Options{})
				if err == nil && (sum.Unchanged != 1 || sum.Articles != 1) {
					t.Errorf("summary %+v, want the one file unchanged", sum)
				}
			} else if !tt.openErr {
				t.Fatalf("OpenWith: %v", err)
			}
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want one: %v", err, tt.wantErr)
			}
			if err != nil {
				msg := err.Error()
				if !errors.Is(err, ErrReadOnly) || !strings.Contains(msg, "is read-only") || !strings.Contains(msg, "pass --index DIR with a folder you can write") {
					t.Errorf("error %q: want it to say the folder is read-only and to pass --index", msg)
				}
				if strings.Count(msg, stateFile) > 1 {
					t.Errorf("error %q names the store twice", msg)
				}
				return
			}
			if got := mustAnswer(t, ix, "What did Dana Whitlock say about the footbridge?"); len(got.Answers) == 0 {
				t.Error("the read-only index does not answer")
			}
		})
	}
}
