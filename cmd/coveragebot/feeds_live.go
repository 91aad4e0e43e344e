package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/coveragebot/coveragebot/bot"
	"github.com/coveragebot/coveragebot/corpus/feed"
	"github.com/coveragebot/coveragebot/corpus/feed/feedbolt"
)

// feedPollTick is how often a running bot looks for feeds that are due;
// each feed is due 15 minutes after its last fetch (longer while failing).
const feedPollTick = time.Minute

// feedService owns the feeds of a running bot: the background poll and
// /feeds go through it, one operation on the store at a time. The store is
// opened for each operation only, so the feeds commands of another process
// work in between. It implements bot.FeedManager.
type feedService struct {
	dir, path string
	fetcher   *feed.Fetcher
	// robots keeps robots.txt between passes.
	robots *feed.Robots
	// lock lets one operation at a time open the store in this process.
	lock chan struct{}
	// clock tells when to look for due feeds; the fetcher and the poller
	// have the same one.
	clock clock
	log   *slog.Logger
	// notify, when set, tells the digest channels of a feed that started
	// failing or works again.
	notify func(ctx context.Context, h bot.FeedHealth) error
}

var _ bot.FeedManager = (*feedService)(nil)

// newFeedService returns the feed service of a running bot, or nil when
// the corpus cannot have feeds (the embedded sample) or nothing may be
// fetched (no contact: the log says so when feeds were added).
func newFeedService(e env, info corpusInfo, log *slog.Logger) *feedService {
	if info.Sample() {
		return nil
	}
	log = log.With("component", "feeds")
	path := filepath.Join(info.Dir, feed.Folder, feedbolt.File)
	opts, err := fetchOptions(e)
	if err != nil {
		if _, serr := os.Stat(path); serr == nil {
			log.Warn("feeds are not fetched in the background", "err", err)
		} else {
			log.Debug("feeds are off", "err", err)
		}
		return nil
	}
	fetcher, err := feed.NewFetcher(opts)
	if err != nil {
		log.Warn("feeds are not fetched in the background", "err", err)
		return nil
	}
	return &feedService{dir: info.Dir, path: path, fetcher: fetcher, robots: feed.NewRobots(fetcher, botAgent),
		lock: make(chan struct{}, 1), clock: e.now(), log: log}
}

// start polls due feeds in the background until stop, which waits for the
// pass under way to end.
func (s *feedService) start(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer s.fetcher.Close()
		for {
			s.poll(ctx)
			select {
			case <-ctx.Done():
				return
			case <-s.clock.After(feedPollTick):
			}
		}
	}()
	return func() { cancel(); <-done }
}

// with runs fn on a poller over the store, opened for it alone. create
// says whether a missing store may be created (adding a feed) or means
// there is nothing to do.
func (s *feedService) with(ctx context.Context, create bool, fn func(p *feed.Poller, st *feedbolt.Store) error) error {
	if !create {
		if _, err := os.Stat(s.path); err != nil {
			return nil
		}
	}
	select {
	case s.lock <- struct{}{}:
	case <-ctx.Done():
		return errFeedsBusy
	}
	defer func() { <-s.lock }()
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(s.path), err)
	}
	st, err := feedbolt.Open(s.path)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := feed.NewPoller(feed.PollerConfig{Store: st, Fetcher: s.fetcher, Robots: s.robots, Agent: botAgent, Corpus: s.dir})
	if err != nil {
		return err
	}
	return fn(p, st)
}

// errFeedsBusy: another operation held the store until the deadline.
var errFeedsBusy = errors.New("feeds: busy with another operation")

// poll runs one background pass over the feeds that are due.
func (s *feedService) poll(ctx context.Context) {
	err := s.with(ctx, false, func(p *feed.Poller, _ *feedbolt.Store) error {
		_, err := p.Poll(ctx, false, func(r feed.Result) {
			if h, ok := healthChange(r); ok && s.notify != nil {
				if err := s.notify(ctx, h); err != nil {
					s.log.Warn("could not post a feed's health to every digest channel", "feed", r.Feed.Name, "err", err)
				}
			}
			for _, pf := range r.Pages {
				// the error in full, here alone: the feed's health (and
				// /feeds list) says why in a few words
				s.log.Warn("feed item's page could not be fetched", "feed", r.Feed.Name, "page", pf.Link, "tries", pf.Tries, "err", pf.Err)
			}
			switch {
			case r.Err != nil && ctx.Err() != nil:
				s.log.Debug("feed pass cut short by shutdown; the feed is due at once on the next start", "feed", r.Feed.Name)
			case r.Err != nil:
				s.log.Warn("feed fetch failed", "feed", r.Feed.Name, "url", r.Feed.URL, "failures", r.Feed.Failures,
					"next", r.Feed.NextDue.UTC().Format(time.RFC3339), "err", r.Err)
			case r.New > 0:
				s.log.Info("feed fetched", "feed", r.Feed.Name, "new", r.New, "from_feed", r.FromFeed, "retry", r.Retry)
			default:
				s.log.Debug("feed fetched", "feed", r.Feed.Name, "not_modified", r.NotModified, "retry", r.Retry)
			}
		})
		return err
	})
	switch {
	case err == nil, ctx.Err() != nil:
	case errors.Is(err, feedbolt.ErrInUse):
		s.log.Debug("feed store in use by a feeds command; trying again in a minute")
	default:
		s.log.Warn("feed pass failed; trying again in a minute", "err", err)
	}
}

// healthChange returns the notice a fetch calls for: the feed has just
// failed FailingAfter times in a row, or works again after that; or it
// has just fallen silent, or publishes again.
func healthChange(r feed.Result) (bot.FeedHealth, bool) {
	switch {
	case r.Err != nil && r.Feed.Failures == feed.FailingAfter:
		return bot.FeedHealth{Name: r.Feed.Name, Since: r.Feed.FailingSince, Reason: feedReason(r.Err)}, true
	case r.Err == nil && r.Before.Failures >= feed.FailingAfter:
		return bot.FeedHealth{Name: r.Feed.Name, Since: r.Before.FailingSince, Recovered: true}, true
	case r.Err == nil && r.Feed.Silent && !r.Before.Silent:
		return bot.FeedHealth{Name: r.Feed.Name, Since: r.Feed.Latest, Silent: true}, true
	case r.Err == nil && !r.Feed.Silent && r.Before.Silent:
		return bot.FeedHealth{Name: r.Feed.Name, Since: r.Before.Latest, Silent: true, Recovered: true}, true
	}
	return bot.FeedHealth{}, false
}

// feedReason says in a few safe words why a feed's fetch failed, for a
// channel: no urls, paths or raw errors.
func feedReason(err error) string {
	var (
		se   *feed.StatusError
		dnse *net.DNSError
		oe   *net.OpError
	)
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("HTTP %d %s", se.Status, http.StatusText(se.Status))
	case errors.Is(err, feed.ErrBrokenFeed):
		return "the feed is malformed"
	case errors.Is(err, feed.ErrNotFeed):
		return "the address no longer serves a feed"
	case errors.Is(err, feed.ErrTooLarge):
		return "the feed is larger than 5 MB"
	case errors.Is(err, feed.ErrTooManyRedirects):
		return "too many redirects"
	case errors.Is(err, feed.ErrForbiddenAddress), errors.Is(err, feed.ErrScheme):
		return "it now points outside the public internet"
	case errors.As(err, &dnse), errors.As(err, &oe), errors.Is(err, feed.ErrSlowBody):
		return "the site cannot be reached"
	}
	return "it could not be fetched"
}

// addReserve is the part of an interaction's time kept for the reply when
// /feeds add takes in a new feed's items.
const addReserve = 4 * time.Second

// AddFeed follows a feed and takes in what it can of its items before the
// interaction's deadline; the background poll takes the rest.
func (s *feedService) AddFeed(ctx context.Context, url, name string) (bot.FeedAdded, error) {
	var out bot.FeedAdded
	err := s.with(ctx, true, func(p *feed.Poller, _ *feedbolt.Store) error {
		src, err := p.Add(ctx, url, name)
		if errors.Is(err, feed.ErrFollowed) {
			// said with the name it is followed under, however the url
			// given was spelled
			return &bot.UserError{Msg: fmt.Sprintf("That feed is already followed as “%s”: see /feeds list.", src.Name)}
		}
		if err != nil {
			return err
		}
		fctx, cancel := ctx, context.CancelFunc(func() {})
		if dl, ok := ctx.Deadline(); ok {
			fctx, cancel = context.WithDeadline(ctx, dl.Add(-addReserve))
		}
		r := p.Fetch(fctx, src)
		cancel()
		out = bot.FeedAdded{Name: src.Name, URL: src.URL, Items: r.Items, New: r.New, FromFeed: r.FromFeed,
			Pending: max(0, r.Items-r.New-r.Seen-r.Empty)}
		s.log.Info("feed added from Discord", "feed", src.Name, "url", src.URL, "new", r.New, "pending", out.Pending)
		return nil
	})
	return out, feedUserError(url, err)
}

// ListFeeds returns the feeds followed, with their health.
func (s *feedService) ListFeeds(ctx context.Context) ([]bot.FeedStatus, error) {
	var out []bot.FeedStatus
	err := s.with(ctx, false, func(_ *feed.Poller, st *feedbolt.Store) error {
		feeds, err := st.Feeds(ctx)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		for _, f := range feeds {
			h := f.Health(now)
			out = append(out, bot.FeedStatus{Name: f.Name, URL: f.URL, Articles: countArticles(feed.OutletDir(s.dir, f.Name)),
				Health: h.Text, Flagged: h.NeedsLook()})
		}
		return nil
	})
	return out, feedUserError("", err)
}

// RemoveFeed stops following the feed with that url or outlet name.
func (s *feedService) RemoveFeed(ctx context.Context, key string) (bot.FeedStatus, error) {
	var out bot.FeedStatus
	err := s.with(ctx, false, func(_ *feed.Poller, st *feedbolt.Store) error {
		feeds, err := st.Feeds(ctx)
		if err != nil {
			return err
		}
		match := matchFeeds(feeds, key)
		switch len(match) {
		case 0:
			return &bot.UserError{Msg: "No feed “" + key + "” is followed: pick one from the list as you type."}
		case 1:
		default:
			return &bot.UserError{Msg: fmt.Sprintf("%d feeds are named “%s”: pick one by its url from the list as you type.", len(match), key)}
		}
		if _, err := st.RemoveFeed(ctx, match[0].URL); err != nil {
			return err
		}
		out = bot.FeedStatus{Name: match[0].Name, URL: match[0].URL, Articles: countArticles(feed.OutletDir(s.dir, match[0].Name))}
		return nil
	})
	if err == nil && out.URL == "" {
		return out, &bot.UserError{Msg: "No feeds are followed yet: add one with /feeds add."}
	}
	return out, feedUserError("", err)
}

// feedUserError turns what can go wrong with a feed someone gave into
// words for Discord; anything else stays an internal error ("Something
// went wrong" and one log line). Raw errors never reach a channel.
func feedUserError(url string, err error) error {
	var (
		ue   *bot.UserError
		se   *feed.StatusError
		dnse *net.DNSError
		oe   *net.OpError
	)
	switch {
	case err == nil, errors.As(err, &ue):
		return err
	case errors.Is(err, feed.ErrFollowed):
		return &bot.UserError{Msg: "That feed is already followed: see /feeds list."}
	case errors.Is(err, feed.ErrNoFeedFound), errors.Is(err, feed.ErrNotFeed):
		return &bot.UserError{Msg: "I found no RSS, Atom or JSON feed at <" + url + ">. Give the feed's own url (look for an RSS link on the site)."}
	case errors.Is(err, feed.ErrBrokenFeed):
		return &bot.UserError{Msg: "The feed at <" + url + "> is malformed, so I can't read it. Try again later, or ask the outlet."}
	case errors.Is(err, feed.ErrForbiddenAddress), errors.Is(err, feed.ErrScheme):
		return &bot.UserError{Msg: "I only fetch public http and https sites."}
	case errors.Is(err, feed.ErrTooLarge):
		return &bot.UserError{Msg: "That page is larger than the 5 MB I fetch."}
	case errors.Is(err, feed.ErrTooManyRedirects):
		return &bot.UserError{Msg: "That url redirects too many times."}
	case errors.As(err, &se) && se.Status == http.StatusTooManyRequests:
		return &bot.UserError{Msg: "The site asks to be left alone for now (HTTP 429). Try again later."}
	case errors.As(err, &se):
		return &bot.UserError{Msg: fmt.Sprintf("The site answered HTTP %d %s for <%s>.", se.Status, http.StatusText(se.Status), se.URL)}
	case errors.As(err, &dnse), errors.As(err, &oe), errors.Is(err, feed.ErrSlowBody):
		return &bot.UserError{Msg: "I couldn't reach <" + url + ">: check the url, or try again later."}
	case errors.Is(err, feedbolt.ErrInUse):
		return &bot.UserError{Msg: "A feeds command is running on the bot's machine; try again in a moment."}
	case errors.Is(err, errFeedsBusy):
		return &bot.UserError{Msg: "I'm fetching feeds right now; try again in a minute."}
	}
	return err
}
