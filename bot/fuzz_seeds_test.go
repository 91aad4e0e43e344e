package bot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedArticleLines returns every step-th non-empty line of the real
// articles in ../shared/seeds (all of them for step 1), as seed inputs for
// the fuzz targets; a step keeps the targets whose inputs are costly from
// spending CI's short fuzzing time on seeds alone. When CI=true and the
// articles are missing the target fails: fuzzing on made-up inputs alone
// would pass without anyone noticing. Elsewhere it returns none.
func seedArticleLines(f *testing.F, step int) []string {
	f.Helper()
	entries, err := os.ReadDir(seedsDir)
	if err == nil && len(entries) == 0 {
		err = os.ErrNotExist
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			f.Fatalf("real seed articles missing at %s (CI=true): %v", seedsDir, err)
		}
		return nil
	}
	var lines []string
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(seedsDir, e.Name()))
		if err != nil {
			f.Fatalf("read seed article: %v", err)
		}
		n := 0
		for _, l := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(l) == "" {
				continue
			}
			if n%max(step, 1) == 0 {
				lines = append(lines, l)
			}
			n++
		}
	}
	return lines
}
