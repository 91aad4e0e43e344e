package synth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// MarkerFile is written at the root of a generated corpus. It is hidden, so
// corpus readers pass it over, and it lets WriteDir clear a corpus it wrote
// before without ever clearing a folder it did not.
const MarkerFile = ".synth-corpus"

// ErrNotEmpty is returned by WriteDir for a folder that already has files.
var ErrNotEmpty = errors.New("synth: output folder is not empty")

// WriteDir generates the corpus for cfg into dir. A folder that already has
// files is refused unless force is set; with force, a corpus this package
// wrote is removed first, and any other files are written over in place.
func WriteDir(ctx context.Context, dir string, cfg Config, force bool) (*Manifest, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read output folder: %w", err)
	}
	if len(entries) > 0 {
		if !force {
			return nil, fmt.Errorf("%w: %s has %d entries; choose an empty folder or pass --force", ErrNotEmpty, dir, len(entries))
		}
		if _, err := os.Stat(filepath.Join(dir, MarkerFile)); err == nil {
			for _, e := range entries {
				if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
					return nil, fmt.Errorf("clear previous corpus: %w", err)
				}
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	made := map[string]bool{}
	m, err := Generate(ctx, cfg, func(f File) error {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		parent := filepath.Dir(path)
		if !made[parent] {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return fmt.Errorf("create folder: %w", err)
			}
			made[parent] = true
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			return fmt.Errorf("write article: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	marker := fmt.Sprintf("articles=%d seed=%d\n", cfg.Articles, cfg.Seed)
	if err := os.WriteFile(filepath.Join(dir, MarkerFile), []byte(marker), 0o644); err != nil {
		return nil, fmt.Errorf("write marker: %w", err)
	}
	return m, nil
}

// Modify edits a fraction of the single-article files (.txt and .html)
// under dir the way outlets update stories: a new paragraph after the lead.
// It returns the changed paths, slash-separated and relative to dir; the
// same corpus, fraction and seed change the same files the same way.
func Modify(dir string, fraction float64, seed uint64) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".txt" || ext == ".html") {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			paths = append(paths, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list corpus: %w", err)
	}
	slices.Sort(paths)
	n := int(float64(len(paths))*fraction + 0.5)
	if n == 0 && fraction > 0 && len(paths) > 0 {
		n = 1
	}
	r := rand.New(rand.NewPCG(seed, 0x3d1f7))
	r.Shuffle(len(paths), func(i, j int) { paths[i], paths[j] = paths[j], paths[i] })
	changed := paths[:n]
	slices.Sort(changed)
	for i, p := range changed {
		full := filepath.Join(dir, filepath.FromSlash(p))
		data, err := os.ReadFile(full)
		if err != nil {
			return nil, fmt.Errorf("modify %s: %w", p, err)
		}
		update := fmt.Sprintf("Update %d: officials said the %s would be reviewed again on %s.", i+1,
			pseudoWord(uint64(r.IntN(1000)), ""), weekdays[r.IntN(7)])
		data, err = insertParagraph(data, strings.HasSuffix(p, ".html"), update)
		if err != nil {
			return nil, fmt.Errorf("modify %s: %w", p, err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return nil, fmt.Errorf("modify %s: %w", p, err)
		}
	}
	return changed, nil
}

// insertParagraph adds text after the first story paragraph.
func insertParagraph(data []byte, isHTML bool, text string) ([]byte, error) {
	if isHTML {
		i := bytes.Index(data, []byte("</p>\n<p>"))
		if i < 0 {
			return nil, errors.New("no paragraph to follow")
		}
		return slices.Concat(data[:i+5], []byte("<p>"+text+"</p>\n"), data[i+5:]), nil
	}
	// The first line long enough to be story text, after any front matter.
	start := 0
	if bytes.HasPrefix(data, []byte("---\n")) {
		if j := bytes.Index(data[4:], []byte("\n---\n")); j >= 0 {
			start = 4 + j + 5
		}
	}
	for start < len(data) {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			break
		}
		end += start
		if end-start > 80 {
			return slices.Concat(data[:end+1], []byte(text+"\n"), data[end+1:]), nil
		}
		start = end + 1
	}
	return nil, errors.New("no paragraph to follow")
}
