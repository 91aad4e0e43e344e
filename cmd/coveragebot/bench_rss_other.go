//go:build !unix

package main

// processUsage is unknown where getrusage is not available.
func processUsage() (maxRSS int64, cpuSeconds float64) { return 0, 0 }
