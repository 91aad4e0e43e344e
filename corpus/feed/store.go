package feed

import (
	"context"
	"time"
)

// Store keeps what the feed poller must not forget: the feeds followed and,
// per feed, its validators, health and the ids of the items already taken
// in. feedbolt keeps it in a bbolt file; feedtest has an in-memory one and
// the contract every implementation must pass.
type Store interface {
	// Feeds returns every feed, ordered by URL.
	Feeds(ctx context.Context) ([]Source, error)
	// PutFeed adds a feed or replaces the one with the same URL.
	PutFeed(ctx context.Context, s Source) error
	// RemoveFeed removes a feed, its seen ids and its items' failures, and
	// reports whether there was one.
	RemoveFeed(ctx context.Context, url string) (bool, error)
	// Seen reports whether any of ids was recorded for the feed.
	Seen(ctx context.Context, url string, ids []string) (bool, error)
	// MarkSeen records ids for the feed, all or none; recording an id
	// again changes nothing.
	MarkSeen(ctx context.Context, url string, ids []string) error
	// ItemFailed records one more failed attempt, at the time at, to take
	// in the feed's item known by id (its page could not be fetched), and
	// returns how many there have been, this one included, and when the
	// first was.
	ItemFailed(ctx context.Context, url, id string, at time.Time) (n int, first time.Time, err error)
	// ItemFailures returns how many failed attempts ItemFailed has
	// recorded for the feed's item known by id, and when the first was:
	// 0 and the zero time when none.
	ItemFailures(ctx context.Context, url, id string) (n int, first time.Time, err error)
}

// Source is one feed the bot follows and what it knows about it.
type Source struct {
	// URL is the feed's own url, the key.
	URL string `json:"url"`
	// Name is the outlet's name as answers cite it: the feed's title when
	// added, or the name given.
	Name string `json:"name"`
	// ETag and LastModified are the validators of the last full answer.
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Added        time.Time `json:"added"`
	// LastSuccess is the last fetch that worked (a 304 included);
	// LastNew the last one that brought a new article.
	LastSuccess time.Time `json:"last_success,omitzero"`
	LastNew     time.Time `json:"last_new,omitzero"`
	// Failures counts the fetches that failed in a row since FailingSince;
	// LastError says why the last one did.
	Failures     int       `json:"failures,omitempty"`
	FailingSince time.Time `json:"failing_since,omitzero"`
	LastError    string    `json:"last_error,omitempty"`
	// Interval is how long after a fetch the feed is due again; 0 takes the
	// poller's (15 minutes).
	Interval time.Duration `json:"interval,omitempty"`
	// NextDue is when the feed should be fetched next.
	NextDue time.Time `json:"next_due,omitzero"`
	// WaitAsked is until when the feed's site asked (a 429 or 503 with
	// Retry-After) that no one fetch from it: not even a fetch asked for
	// by hand goes before it. Zero when it asked nothing.
	WaitAsked time.Time `json:"wait_asked,omitzero"`
	// Latest is the newest item's date seen; Rhythm the feed's usual gap
	// between items. Together they tell a feed gone silent.
	Latest time.Time     `json:"latest,omitzero"`
	Rhythm time.Duration `json:"rhythm,omitempty"`
	// Silent is the feed's health after its last fetch: silent for longer
	// than its rhythm. With a Result's Before it tells when a feed fell
	// silent or spoke again.
	Silent bool `json:"silent,omitempty"`
	// PagesFailing counts the items whose page failed on the last fetch
	// (a 5xx, a timeout; not a site asking to wait), to be tried again on
	// the next; PageError says which and why, for the first of them.
	PagesFailing int    `json:"pages_failing,omitempty"`
	PageError    string `json:"page_error,omitempty"`
}
