package search

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
	bolt "go.etcd.io/bbolt"
)

// Digest groups the articles the index first saw at or after since and
// before until into stories. Both ends are the caller's, so the same period
// asked again (a digest resent after a failure) holds the same articles
// however many have arrived since. "New" is the index's own first sight of an article, whatever
// date the outlet printed: coverage of an old event scraped today is news
// to the readers of today's digest. An article keeps its first-seen time
// when its file changes; a file deleted and added again counts as new.
// At most MaxDigestArticles are grouped, the newest first seen; Omitted
// counts the rest. It stops with ctx's error when ctx is done.
func (ix *Index) Digest(ctx context.Context, since, until time.Time) (Digest, error) {
	seen := make(map[string]time.Time)
	err := ix.db.View(func(tx *bolt.Tx) error {
		recs, err := loadRecords(tx)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if r.Removed {
				continue
			}
			for _, ref := range r.Articles {
				if !ref.FirstSeen.IsZero() && !ref.FirstSeen.Before(since) && ref.FirstSeen.Before(until) {
					seen[ref.ID] = ref.FirstSeen
				}
			}
		}
		return nil
	})
	if err != nil {
		return Digest{}, fmt.Errorf("digest: read article records: %w", err)
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	// Newest first seen first (then by id, for a stable choice), so a
	// bound keeps the latest coverage.
	sort.Slice(ids, func(i, j int) bool {
		a, b := seen[ids[i]], seen[ids[j]]
		if !a.Equal(b) {
			return a.After(b)
		}
		return ids[i] < ids[j]
	})
	limit := ix.digestMax
	if limit <= 0 {
		limit = MaxDigestArticles
	}
	omitted := 0
	if len(ids) > limit {
		omitted = len(ids) - limit
		ids = ids[:limit]
	}
	arts := make([]*corpus.Article, 0, len(ids))
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return Digest{}, err
		}
		a, err := ix.Article(ctx, id)
		if err != nil {
			return Digest{}, fmt.Errorf("digest: %w", err)
		}
		arts = append(arts, a)
	}
	stories, err := Stories(ctx, arts)
	if err != nil {
		return Digest{}, err
	}
	for i := range stories {
		for j := range stories[i].Articles {
			stories[i].Articles[j].FirstSeen = seen[stories[i].Articles[j].ID]
		}
	}
	return Digest{Since: since, Until: until, Articles: len(arts), Omitted: omitted, Stories: stories}, nil
}

// firstSeen is when the index first saw article id of a file: kept from the
// file's previous record when the article was already there, now otherwise.
func firstSeen(prev *fileRecord, id string, now time.Time) time.Time {
	if prev != nil && !prev.Removed {
		for _, ref := range prev.Articles {
			if ref.ID == id && !ref.FirstSeen.IsZero() {
				return ref.FirstSeen
			}
		}
	}
	return now
}
