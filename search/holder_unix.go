//go:build unix

package search

import (
	"errors"
	"os"
	"syscall"
)

// flock is syscall.Flock; a test makes it fail as on a file system with
// no such locks.
var flock = syscall.Flock

// lockHolder takes an exclusive advisory lock on f, this process's holder
// record, kept (keep true) until the record is released or the process
// dies. It waits out a reader's brief test of the lock (holderAlive).
// Where the file system takes no such lock (ENOLCK, EOPNOTSUPP on some
// network mounts) the record is kept without it, as where there are no
// such locks at all: holderAlive then asks after the pid, and failing
// would leave the bot unable to open its index.
func lockHolder(f *os.File) (keep bool, err error) {
	for {
		err = flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			return err == nil, nil
		}
	}
}

// holderAlive reports whether the holder whose record f is still holds
// it: whether the record's lock is taken. Only where the file system has
// no such locks (some network mounts) is the pid asked instead.
func holderAlive(f *os.File, pid int) bool {
	err := flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
	switch {
	case err == nil:
		flock(int(f.Fd()), syscall.LOCK_UN)
		return false
	case errors.Is(err, syscall.EWOULDBLOCK):
		return true
	}
	return processAlive(pid)
}

// processAlive reports whether a process with this pid exists (signal 0
// checks without sending anything; EPERM means it exists as another user).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
