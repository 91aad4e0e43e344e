package bot

import (
	"sync"
	"time"
)

// cooldown rate-limits expensive commands per user. It lives in memory:
// with several HTTP replicas each applies its own.
type cooldown struct {
	window time.Duration
	mu     sync.Mutex
	last   map[string]time.Time
}

func newCooldown(window time.Duration) *cooldown {
	return &cooldown{window: window, last: make(map[string]time.Time)}
}

// take records a use by user at now and returns zero, or returns how long
// the user must still wait (recording nothing).
func (c *cooldown) take(user string, now time.Time) time.Duration {
	if c.window <= 0 || user == "" {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if t, ok := c.last[user]; ok {
		if wait := c.window - now.Sub(t); wait > 0 {
			return wait
		}
	}
	c.last[user] = now
	if len(c.last) > 10000 {
		// Forget users whose cooldown is over so the map stays small.
		for u, t := range c.last {
			if now.Sub(t) >= c.window {
				delete(c.last, u)
			}
		}
	}
	return 0
}
