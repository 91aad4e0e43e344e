// Package wordmemo remembers what was computed for a word — its
// relations, its translations, their analysed terms — so that the words
// questions repeat are looked up once. Its memory is bounded: when full it
// forgets everything and starts again, which costs a few look-ups and
// never holds on to a stale entry (an entry never changes once stored).
package wordmemo

import "sync"

// Memo maps a key to what compute gave for it. It is safe for concurrent
// use; the zero value is not, use New.
type Memo[V any] struct {
	mu     sync.Mutex
	max    int
	values map[string]V
}

// New returns a Memo that keeps at most max keys.
func New[V any](max int) *Memo[V] {
	return &Memo[V]{max: max, values: map[string]V{}}
}

// Get returns what is stored for key, computing and storing it the first
// time. compute runs without the lock held, so two callers may compute
// the same key at once; either result is kept. A stored value is shared
// between callers: they must not change it.
func (m *Memo[V]) Get(key string, compute func() V) V {
	m.mu.Lock()
	v, ok := m.values[key]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	m.mu.Lock()
	if len(m.values) >= m.max {
		clear(m.values)
	}
	m.values[key] = v
	m.mu.Unlock()
	return v
}
