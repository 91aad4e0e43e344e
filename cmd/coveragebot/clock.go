package main

import (
	"context"
	"time"

	"github.com/coveragebot/coveragebot/bot"
	"github.com/coveragebot/coveragebot/corpus/feed"
)

// clock is the time of a running bot's schedules: the digest scheduler,
// /digest, and the feeds' background poll and fetcher. Tests move it ahead
// to make a feed due or a digest fall due without waiting for either.
type clock interface {
	bot.Clock
	feed.Clock
}

// wallClock is the real time.
type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

func (wallClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// now returns the clock of e: its own, or else the wall clock.
func (e env) now() clock {
	if e.clock == nil {
		return wallClock{}
	}
	return e.clock
}
