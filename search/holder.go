package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// holderFile, in the index folder, names the long-running process (a bot)
// that holds the index while it runs. It exists only while that process
// holds the store's lock: written once the lock is taken, removed before
// it is let go. Another command that finds the lock taken reads it to
// tell a bot, which never lets go, from an update that soon will.
const holderFile = "HOLDER"

// holder is what holderFile says.
type holder struct {
	Command string `json:"command"`
	PID     int    `json:"pid"`
}

// writeHolder records that this process, running command, holds the index
// in dir. The store's lock must be held.
func writeHolder(dir, command string) error {
	data, err := json.Marshal(holder{Command: command, PID: os.Getpid()})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, holderFile), append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("record the index's holder: %w", err)
	}
	return nil
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
// a bot that crashed (its process gone) does not count.
func runningHolder(dir string) (holder, bool) {
	data, err := os.ReadFile(filepath.Join(dir, holderFile))
	if err != nil {
		return holder{}, false
	}
	var h holder
	if json.Unmarshal(data, &h) != nil || h.PID <= 0 || !processAlive(h.PID) {
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
