package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestMemTotal(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"MemTotal:       24576000 kB\nMemFree:        20000000 kB\n", 24576000 * 1024},
		{"MemFree:        20000000 kB\nMemTotal:  2048 kB\n", 2048 * 1024},
		{"MemFree: 1 kB\n", 0},
		{"MemTotal: lots kB\n", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := memTotal(strings.NewReader(tt.in)); got != tt.want {
			t.Errorf("memTotal(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestIndexingGCRestores: the collector is tuned while indexing and put
// back after; an operator's GOGC or GOMEMLIMIT is never overridden.
func TestIndexingGCRestores(t *testing.T) {
	before := debug.SetGCPercent(-1)
	debug.SetGCPercent(before)
	limit := debug.SetMemoryLimit(-1)

	restore := indexingGC(func(string) string { return "" })
	during := debug.SetGCPercent(-1)
	debug.SetGCPercent(during)
	if machineMemory() > 0 && during != 200 {
		t.Errorf("GOGC while indexing = %d, want 200", during)
	}
	restore()
	if got := debug.SetGCPercent(-1); got != before {
		t.Errorf("GOGC after indexing = %d, want %d", got, before)
	}
	debug.SetGCPercent(before)
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("memory limit after indexing = %d, want %d", got, limit)
	}

	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		restore := indexingGC(func(k string) string {
			if k == v {
				return "50"
			}
			return ""
		})
		got := debug.SetGCPercent(-1)
		debug.SetGCPercent(got)
		restore()
		if got != before {
			t.Errorf("with %s set, GOGC while indexing = %d, want it left at %d", v, got, before)
		}
	}
}
