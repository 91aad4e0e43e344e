package main

import (
	"bufio"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// Indexing allocates several times the corpus (every token, every posting)
// and keeps little of it, so with Go's default GOGC of 100 the collector
// took 11% of a 100k-article build's CPU. While an index is built the
// collector runs half as often (GOGC 200), under a soft memory limit of
// half the machine's memory, so a small machine collects sooner instead
// of running out. Serving keeps the defaults. A GOGC or GOMEMLIMIT in the
// environment is the operator's choice and is left alone.

// indexingGC tunes the collector for indexing and returns what restores
// the previous settings.
func indexingGC(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	total := machineMemory()
	if total == 0 {
		return func() {}
	}
	prevLimit := debug.SetMemoryLimit(total / 2)
	prevPercent := debug.SetGCPercent(200)
	return func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}
}

// machineMemory is the memory this process may use in bytes: the
// machine's, or its container's (cgroup) limit when lower; 0 when unknown.
func machineMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	total := memTotal(f)
	// cgroup v2, then v1; "max" or v1's huge "unlimited" leave total as is.
	for _, limit := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		data, err := os.ReadFile(limit)
		if err != nil {
			continue
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64); err == nil && n > 0 && (total == 0 || n < total) {
			total = n
		}
	}
	return total
}

// memTotal reads MemTotal from /proc/meminfo's format, in bytes.
func memTotal(r io.Reader) int64 {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}
