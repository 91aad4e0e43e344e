package feed

import (
	"context"
	"sort"
	"sync"
	"time"
)

// MemStore is a Store in memory, for tests. The zero value is ready.
type MemStore struct {
	mu     sync.Mutex
	feeds  map[string]Source
	seen   map[string]map[string]bool
	failed map[string]map[string]itemFailures
}

var _ Store = (*MemStore)(nil)

// Feeds returns every feed, ordered by URL.
func (m *MemStore) Feeds(ctx context.Context) ([]Source, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Source, 0, len(m.feeds))
	for _, s := range m.feeds {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out, nil
}

// PutFeed adds or replaces a feed.
func (m *MemStore) PutFeed(ctx context.Context, s Source) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.feeds == nil {
		m.feeds = map[string]Source{}
	}
	m.feeds[s.URL] = s
	return nil
}

// RemoveFeed removes a feed, its seen ids and its items' failures.
func (m *MemStore) RemoveFeed(ctx context.Context, url string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.feeds[url]
	delete(m.feeds, url)
	delete(m.seen, url)
	delete(m.failed, url)
	return ok, nil
}

// Seen reports whether any of ids was recorded for the feed.
func (m *MemStore) Seen(ctx context.Context, url string, ids []string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range ids {
		if m.seen[url][id] {
			return true, nil
		}
	}
	return false, nil
}

// MarkSeen records ids for the feed.
func (m *MemStore) MarkSeen(ctx context.Context, url string, ids []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen == nil {
		m.seen = map[string]map[string]bool{}
	}
	if m.seen[url] == nil {
		m.seen[url] = map[string]bool{}
	}
	for _, id := range ids {
		m.seen[url][id] = true
	}
	return nil
}

// ItemFailed counts one more failed attempt at the feed's item id.
func (m *MemStore) ItemFailed(ctx context.Context, url, id string, at time.Time) (int, time.Time, error) {
	if err := ctx.Err(); err != nil {
		return 0, time.Time{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failed == nil {
		m.failed = map[string]map[string]itemFailures{}
	}
	if m.failed[url] == nil {
		m.failed[url] = map[string]itemFailures{}
	}
	f := m.failed[url][id]
	if f.n == 0 {
		f.first = at
	}
	f.n++
	m.failed[url][id] = f
	return f.n, f.first, nil
}

// ItemFailures returns the failed attempts recorded for the feed's item id.
func (m *MemStore) ItemFailures(ctx context.Context, url, id string) (int, time.Time, error) {
	if err := ctx.Err(); err != nil {
		return 0, time.Time{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.failed[url][id]
	return f.n, f.first, nil
}

// itemFailures is an item's failed attempts and when the first was.
type itemFailures struct {
	n     int
	first time.Time
}
