package search

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/coveragebot/coveragebot/corpus"
)

// checkCurrent is Update for an index opened read-only (a folder that
// cannot be written): nothing can be written, so it checks that the index
// is complete and up to date with the corpus in fsys, and says what to do
// when it is not. A file of another size counts as changed; one whose
// time alone changed (touched, or copied without its times) is read and
// counts as changed only when its content is not what the index holds:
// reading costs far less than the cleaning and indexing an update does.
func (ix *Index) checkCurrent(ctx context.Context, fsys fs.FS) (UpdateSummary, error) {
	start := time.Now()
	files, other, skips, err := corpus.ScanAll(ctx, fsys)
	if err != nil {
		return UpdateSummary{}, fmt.Errorf("update index: %w", err)
	}
	sum := UpdateSummary{Skipped: skips, NotArticles: other}
	durable, err := ix.bleve.GetInternal([]byte(genKey))
	if err != nil {
		return UpdateSummary{}, fmt.Errorf("read index generation: %w", err)
	}
	var behind string // why the index is not up to date, "" when it is
	err = ix.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta.Get(metaDirty) != nil || genFrom(meta.Get(metaGen)) > genFrom(durable) || tx.Bucket(bucketReclean).Stats().KeyN > 0 {
			behind = "the last update did not finish"
			return nil
		}
		recs, err := loadRecords(tx)
		if err != nil {
			return err
		}
		seen := make(map[string]bool, len(files))
		for _, f := range files {
			seen[f.Path] = true
			r := recs[f.Path]
			switch {
			case r == nil || r.Removed:
				behind = f.Path + " is new"
			case r.Size != f.Size:
				behind = f.Path + " changed"
			case r.ModTime != f.ModTime.UnixNano() && !sameContent(ctx, fsys, f.Path, r.Hash):
				behind = f.Path + " changed"
			default:
				sum.Unchanged++
				for _, n := range r.Notes {
					if n.Kept {
						sum.Warnings = append(sum.Warnings, n)
					} else {
						sum.Skipped = append(sum.Skipped, n)
					}
				}
				continue
			}
			return nil
		}
		for path, r := range recs {
			if !r.Removed && !seen[path] {
				behind = path + " was removed"
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return UpdateSummary{}, fmt.Errorf("update index: %w", err)
	}
	if behind != "" {
		return UpdateSummary{}, fmt.Errorf("update index: %w", &readOnlyError{dir: ix.dir, why: "is not up to date with the corpus (" + behind + ")"})
	}
	ix.mu.RLock()
	st := ix.stats
	ix.mu.RUnlock()
	sum.Articles, sum.Passages, sum.Quotes, sum.Outlets = st.Articles, st.Passages, st.Quotes, knownOutlets(st.Outlets)
	sort.SliceStable(sum.Skipped, func(i, j int) bool { return sum.Skipped[i].Path < sum.Skipped[j].Path })
	sort.SliceStable(sum.Warnings, func(i, j int) bool { return sum.Warnings[i].Path < sum.Warnings[j].Path })
	sum.Took = time.Since(start)
	return sum, nil
}

// sameContent reports whether the file at path still reads as the content
// whose hash the index holds (fileHash); false when it cannot be read.
func sameContent(ctx context.Context, fsys fs.FS, path, hash string) bool {
	docs, _, err := corpus.ReadFile(ctx, fsys, path)
	return err == nil && hash != "" && fileHash(docs) == hash
}
