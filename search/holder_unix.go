//go:build unix

package search

import (
	"errors"
	"os"
	"syscall"
)

// lockHolder takes an exclusive advisory lock on f, this process's holder
// record, kept (keep true) until the record is released or the process
// dies. It waits out a reader's brief test of the lock (holderAlive).
func lockHolder(f *os.File) (keep bool, err error) {
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			return err == nil, err
		}
	}
}

// holderAlive reports whether the holder whose record f is still holds
// it: whether the record's lock is taken. Only where the file system has
// no such locks (some network mounts) is the pid asked instead.
func holderAlive(f *os.File, pid int) bool {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
	switch {
	case err == nil:
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
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
