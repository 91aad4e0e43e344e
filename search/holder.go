package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// holderFile, in the index folder, names the long-running process (a bot)
// that holds the index while it runs. It exists only while that process
// holds the store's lock: written as soon as the lock is taken (before a
// stale index is wiped, which takes long), removed before it is let go.
// Another command that finds the lock taken reads it to tell a bot, which
// never lets go, from an update that soon will. On unix the bot also
// holds an advisory lock on the file itself, which the kernel lets go
// when the bot dies, so a record left by a crash whose pid has since been
// reused by another process does not pass for a running bot.
const holderFile = "HOLDER"

// holder is what holderFile says.
type holder struct {
	Command string `json:"command"`
	PID     int    `json:"pid"`
}

// holderRecord is this process's record in the index folder, while it
// holds the index.
type holderRecord struct {
	dir string
	// lock is the record, kept open while held: its lock (lockHolder)
	// says the holder is alive; nil where there is no such lock.
	lock *os.File
}

// writeHolder records that this process, running command, holds the index
// in dir. The store's lock must be held.
func writeHolder(dir, command string) (*holderRecord, error) {
	data, err := json.Marshal(holder{Command: command, PID: os.Getpid()})
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, holderFile), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("record the index's holder: %w", err)
	}
	// locked before it is written: a reader that finds the lock free
	// finds no bot, whatever the file says
	keep, err := lockHolder(f)
	if err == nil {
		_, err = f.Write(append(data, '\n'))
	}
	if err != nil {
		f.Close()
		removeHolder(dir) // best effort: a record without its lock is taken as stale anyway
		return nil, fmt.Errorf("record the index's holder: %w", err)
	}
	r := &holderRecord{dir: dir}
	if keep {
		r.lock = f
	} else if err := f.Close(); err != nil {
		removeHolder(dir)
		return nil, fmt.Errorf("record the index's holder: %w", err)
	}
	return r, nil
}

// release removes the record, then lets go of its lock. The store's lock
// must still be held: after it, the record may be the next holder's. A
// nil record releases nothing.
func (r *holderRecord) release() error {
	if r == nil {
		return nil
	}
	err := removeHolder(r.dir)
	if r.lock != nil {
		r.lock.Close()
	}
	return err
}

// removeHolder removes the record of dir's holder; none is no error. The
// store's lock must be held: then any record there is this process's, or
// was left by one that died (so it holds nothing).
func removeHolder(dir string) error {
	if err := os.Remove(filepath.Join(dir, holderFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove the index's holder record: %w", err)
	}
	return nil
}

// runningHolder returns the long-running process recorded as holding the
// index in dir, when there is one and it is still alive: a record left by
// a bot that crashed does not count (holderAlive).
func runningHolder(dir string) (holder, bool) {
	f, err := os.Open(filepath.Join(dir, holderFile))
	if err != nil {
		return holder{}, false
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return holder{}, false
	}
	var h holder
	if json.Unmarshal(data, &h) != nil || h.PID <= 0 || !holderAlive(f, h.PID) {
		return holder{}, false
	}
	return h, true
}

// heldByBotError is ErrIndexInUse when the holder is a running bot, which
// keeps the index until it stops: waiting would only delay the failure.
func heldByBotError(h holder) error {
	return fmt.Errorf("%w: a running bot holds it (%s, pid %d): ask through Discord, stop the bot, or pass --index DIR with another folder",
		ErrIndexInUse, h.Command, h.PID)
}
