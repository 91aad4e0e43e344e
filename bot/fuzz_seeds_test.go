package bot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedArticleLines returns the non-empty lines of the real articles in
// ../shared/seeds, as seed inputs for the fuzz targets. When CI=true and
// they are missing the target fails: fuzzing on made-up inputs alone would
// pass without anyone noticing. Elsewhere it returns none.
func seedArticleLines(f *testing.F) []string {
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
		for _, l := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
	}
	return lines
}
