//go:build unix

package main

import "syscall"

// makeFIFO makes a named pipe: a file no one can read an article from, and
// one that blocks forever if a reader opens it by mistake.
func makeFIFO(path string) error { return syscall.Mkfifo(path, 0o644) }
