// Package feedbolt keeps feed state (feed.Store) in an embedded bbolt
// file: every change is one fsynced transaction, so a crash, even SIGKILL,
// leaves the state before or after it, never half of it.
//
// feedbolt imports feed and bbolt only.
package feedbolt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/coveragebot/coveragebot/corpus/feed"
)

// File is the store's file name. It lives in the corpus folder's feeds/
// sub-folder, beside the articles it records: a leading dot keeps the
// corpus reader away from it.
const File = ".feeds.db"

// Damaged reports whether err, from Open, says the store's file itself is
// damaged (not locked by another process, not a full or read-only disk).
func Damaged(err error) bool {
	return errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrVersionMismatch) ||
		errors.Is(err, bolterrors.ErrChecksum) || strings.Contains(err.Error(), "file size too small")
}

// ErrInUse is returned when another process holds the store open.
var ErrInUse = errors.New("feedbolt: feed store in use by another process")

// The store's buckets. Values are JSON so the file can be read with any
// bbolt tool and by later versions.
var (
	bucketFeeds  = []byte("feeds")  // url -> feed.Source
	bucketSeen   = []byte("seen")   // url -> bucket of id -> first seen (RFC 3339)
	bucketFailed = []byte("failed") // url -> bucket of id -> itemFailures
)

// Store is a feed.Store in a bbolt file.
type Store struct {
	db *bolt.DB
}

var _ feed.Store = (*Store)(nil)

// Open opens (creating when missing) the store at path.
func Open(path string) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("open feed store %s: %w: wait for the other coveragebot to finish, or stop it", path, ErrInUse)
		}
		return nil, fmt.Errorf("open feed store %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketFeeds, bucketSeen, bucketFailed} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare feed store %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Feeds returns every feed, ordered by URL.
func (s *Store) Feeds(ctx context.Context) ([]feed.Source, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []feed.Source
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketFeeds).ForEach(func(k, v []byte) error {
			var src feed.Source
			if err := json.Unmarshal(v, &src); err != nil {
				return fmt.Errorf("feed %s: %w", k, err)
			}
			out = append(out, src)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read feeds: %w", err)
	}
	return out, nil
}

// PutFeed adds or replaces a feed.
func (s *Store) PutFeed(ctx context.Context, src feed.Source) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	data, err := json.Marshal(src)
	if err != nil {
		return fmt.Errorf("save feed %s: %w", src.URL, err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketFeeds).Put([]byte(src.URL), data)
	})
	if err != nil {
		return fmt.Errorf("save feed %s: %w", src.URL, err)
	}
	return nil
}

// RemoveFeed removes a feed and its seen ids.
func (s *Store) RemoveFeed(ctx context.Context, url string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	found := false
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFeeds)
		found = b.Get([]byte(url)) != nil
		if err := b.Delete([]byte(url)); err != nil {
			return err
		}
		for _, name := range [][]byte{bucketSeen, bucketFailed} {
			if err := tx.Bucket(name).DeleteBucket([]byte(url)); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("remove feed %s: %w", url, err)
	}
	return found, nil
}

// Seen reports whether any of ids was recorded for the feed.
func (s *Store) Seen(ctx context.Context, url string, ids []string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	seen := false
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSeen).Bucket([]byte(url))
		if b == nil {
			return nil
		}
		for _, id := range ids {
			if b.Get([]byte(id)) != nil {
				seen = true
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("read seen items of %s: %w", url, err)
	}
	return seen, nil
}

// MarkSeen records ids for the feed in one transaction; an id recorded
// before keeps its first time.
func (s *Store) MarkSeen(ctx context.Context, url string, ids []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := []byte(time.Now().UTC().Format(time.RFC3339))
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.Bucket(bucketSeen).CreateBucketIfNotExists([]byte(url))
		if err != nil {
			return err
		}
		for _, id := range ids {
			if id == "" || b.Get([]byte(id)) != nil {
				continue
			}
			if err := b.Put([]byte(id), now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record seen items of %s: %w", url, err)
	}
	return nil
}

// ItemFailed counts one more failed attempt at the feed's item id, in one
// transaction.
func (s *Store) ItemFailed(ctx context.Context, url, id string, at time.Time) (int, time.Time, error) {
	if err := ctx.Err(); err != nil {
		return 0, time.Time{}, err
	}
	var f itemFailures
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.Bucket(bucketFailed).CreateBucketIfNotExists([]byte(url))
		if err != nil {
			return err
		}
		if v := b.Get([]byte(id)); v != nil {
			if err := json.Unmarshal(v, &f); err != nil {
				return fmt.Errorf("item %s: %w", id, err)
			}
		}
		if f.N == 0 {
			f.First = at.UTC()
		}
		f.N++
		data, err := json.Marshal(f)
		if err != nil {
			return err
		}
		return b.Put([]byte(id), data)
	})
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("record a failed item of %s: %w", url, err)
	}
	return f.N, f.First, nil
}

// ItemFailures returns the failed attempts recorded for the feed's item id.
func (s *Store) ItemFailures(ctx context.Context, url, id string) (int, time.Time, error) {
	if err := ctx.Err(); err != nil {
		return 0, time.Time{}, err
	}
	var f itemFailures
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFailed).Bucket([]byte(url))
		if b == nil {
			return nil
		}
		if v := b.Get([]byte(id)); v != nil {
			if err := json.Unmarshal(v, &f); err != nil {
				return fmt.Errorf("item %s: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("read a failed item of %s: %w", url, err)
	}
	return f.N, f.First, nil
}

// itemFailures is what the failed bucket keeps of an item.
type itemFailures struct {
	N     int       `json:"n"`
	First time.Time `json:"first"`
}
