package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGen(t *testing.T) {
	out := filepath.Join(t.TempDir(), "corpus")
	getenv, stdout, stderr := testEnv(nil)
	args := []string{"gen", "--articles", "40", "--seed", "3", "--out", out}
	if err := run(context.Background(), args, getenv, nil, stdout, stderr); err != nil {
		t.Fatalf("gen: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout.String(), "40 articles in ") {
		t.Errorf("summary does not count the articles:\n%s", stdout)
	}
	entries, err := os.ReadDir(out)
	if err != nil || len(entries) < 2 {
		t.Fatalf("output folder: %v, %d entries", err, len(entries))
	}

	// A second run refuses to write over the corpus, unless forced.
	stdout.Reset()
	err = run(context.Background(), args, getenv, nil, stdout, stderr)
	if err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("second gen into %s: err = %v, want a refusal naming --force", out, err)
	}
	if err := run(context.Background(), append(args, "--force"), getenv, nil, stdout, stderr); err != nil {
		t.Errorf("gen --force: %v", err)
	}
}

func TestGenUsage(t *testing.T) {
	for _, args := range [][]string{
		{"gen"},
		{"gen", "--out", "x"},
		{"gen", "--articles", "-3", "--out", "x"},
		{"gen", "--articles", "5"},
		{"gen", "--articles", "5", "--out", "x", "extra"},
		{"gen", "--bogus"},
	} {
		getenv, stdout, stderr := testEnv(nil)
		err := run(context.Background(), args, getenv, nil, stdout, stderr)
		if !errors.Is(err, errUsage) {
			t.Errorf("%q: err = %v, want usage error", args, err)
		}
		if !strings.Contains(stderr.String(), "Usage: coveragebot gen") {
			t.Errorf("%q: stderr lacks usage:\n%s", args, stderr)
		}
	}
}
