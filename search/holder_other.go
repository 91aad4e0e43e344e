//go:build !unix

package search

import "os"

// lockHolder takes no lock here: the record is closed once written (an
// open file could not be removed on Windows), and holderAlive asks after
// the pid.
func lockHolder(*os.File) (keep bool, err error) { return false, nil }

// holderAlive reports whether the holder recorded, process pid, still
// runs: a pid reused since a crash passes too, so a command may refuse an
// index no bot holds until the next opener clears the record.
func holderAlive(_ *os.File, pid int) bool { return processAlive(pid) }

// processAlive reports whether a process with this pid exists: on Windows
// FindProcess opens the process, which fails when there is none.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
