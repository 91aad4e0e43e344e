//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLoadDotEnvFIFO: a .env that is a FIFO is refused at once; reading
// it would block the start for ever, past Ctrl-C.
func TestLoadDotEnvFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := loadDotEnv(path); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("loadDotEnv on a FIFO: %v", err)
	}
}
