//go:build unix

package main

import (
	"runtime"
	"syscall"
)

// maxRSS reports the process's peak resident set size in bytes (getrusage
// ru_maxrss: kilobytes on Linux, bytes on Darwin), 0 when unknown.
func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}
