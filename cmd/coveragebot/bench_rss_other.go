//go:build !unix

package main

// maxRSS is unknown where getrusage is not available.
func maxRSS() int64 { return 0 }
