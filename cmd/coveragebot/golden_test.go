package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// updateGolden rewrites golden files instead of comparing with them:
//
//	go test ./cmd/coveragebot -run TestX -update
//
// Every test of this package that checks formatted output uses checkGolden,
// so there is one -update flag for the package.
var updateGolden = flag.Bool("update", false, "rewrite testdata/*.golden files with the current output")

// checkGolden compares got with testdata/name, or rewrites the file when
// -update is set.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update if the change is intended)\n--- got:\n%s\n--- want:\n%s", path, got, want)
	}
}

// testEnv is an env for run: variables from vars only, output captured.
func testEnv(vars map[string]string) (getenv func(string) string, stdout, stderr *bytes.Buffer) {
	return func(k string) string { return vars[k] }, &bytes.Buffer{}, &bytes.Buffer{}
}
