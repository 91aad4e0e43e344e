package search

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/coveragebot/coveragebot/corpus/sample"
)

// seedsDir is where the real articles live, beside the repository.
const seedsDir = "../../shared/seeds"

// seedCorpus returns the real seed articles. They are never copied into the
// repo; without them the test fails in CI and skips elsewhere.
func seedCorpus(tb testing.TB) fs.FS {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(seedsDir, "000_16fbd6c9a2fb072d.txt")); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("seed articles missing from %s (CI=true): %v", seedsDir, err)
		}
		tb.Skipf("seed articles not found in %s: %v", seedsDir, err)
	}
	return os.DirFS(seedsDir)
}

// builtIndex is an index built once per test binary and shared read-only.
type builtIndex struct {
	once sync.Once
	dir  string
	sum  UpdateSummary
	err  error
}

var seedsBuilt, sampleBuilt builtIndex

// open builds the index of fsys on first use and opens it for the caller.
// Indexes are opened one at a time: Open locks the folder.
func (b *builtIndex) open(tb testing.TB, fsys fs.FS) (*Index, UpdateSummary) {
	tb.Helper()
	b.once.Do(func() {
		b.dir, b.err = os.MkdirTemp("", "coverage-search-test-")
		if b.err != nil {
			return
		}
		var ix *Index
		if ix, b.err = Open(context.Background(), b.dir); b.err != nil {
			return
		}
		defer ix.Close()
		b.sum, b.err = ix.Update(context.Background(), fsys, Options{})
	})
	if b.err != nil {
		tb.Fatal(b.err)
	}
	return mustOpen(tb, b.dir), b.sum
}

func seedIndex(tb testing.TB) *Index {
	tb.Helper()
	ix, _ := seedsBuilt.open(tb, seedCorpus(tb))
	return ix
}

func sampleIndex(tb testing.TB) *Index {
	tb.Helper()
	ix, _ := sampleBuilt.open(tb, sample.FS)
	return ix
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, b := range []*builtIndex{&seedsBuilt, &sampleBuilt} {
		if b.dir != "" {
			os.RemoveAll(b.dir)
		}
	}
	os.Exit(code)
}
