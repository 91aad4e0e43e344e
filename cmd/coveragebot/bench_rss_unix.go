//go:build unix

package main

import (
	"runtime"
	"syscall"
)

// processUsage reports the process's peak resident set size in bytes (getrusage
// ru_maxrss: kilobytes on Linux, bytes on Darwin) and the CPU time it has
// used; zeros when unknown.
func processUsage() (maxRSS int64, cpuSeconds float64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	maxRSS = int64(ru.Maxrss) * 1024
	if runtime.GOOS == "darwin" {
		maxRSS = int64(ru.Maxrss)
	}
	cpu := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return maxRSS, cpu(ru.Utime) + cpu(ru.Stime)
}
