package feed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// Folder is the corpus sub-folder feed articles are written to, one folder
// per outlet under it.
const Folder = "feeds"

// Poller fetches feeds and takes their new items into the corpus folder.
type Poller struct {
	store   Store
	fetcher *Fetcher
	robots  *Robots
	clock   Clock
	dir     string
	cfg     PollerConfig
}

// PollerConfig says where a Poller writes and how often it comes back.
type PollerConfig struct {
	// Store keeps the feeds and what was taken in. Required.
	Store Store
	// Fetcher fetches feeds and pages; its clock is the poller's. Required.
	Fetcher *Fetcher
	// Agent is the product token robots.txt rules are matched against,
	// e.g. "CoverageBot". Required.
	Agent string
	// Corpus is the corpus folder; articles go to Corpus/feeds/<outlet>/.
	Corpus string
	// Interval is how long after a fetch a feed is due again (default
	// 15 minutes). A failing feed waits longer: the interval doubled per
	// failure in a row, at most MaxBackoff (default 6 h), or the site's
	// Retry-After when that is longer.
	Interval, MaxBackoff time.Duration
	// Workers is how many feeds are fetched at once (default 4); requests
	// to one host still go one at a time.
	Workers int
	// Robots answers for robots.txt; nil makes one on Fetcher. Give the
	// same one to each poller of a long-running process, so robots.txt is
	// kept between passes.
	Robots *Robots
}

// NewPoller returns a poller, defaults filled in.
func NewPoller(cfg PollerConfig) (*Poller, error) {
	if cfg.Store == nil || cfg.Fetcher == nil || cfg.Corpus == "" || cfg.Agent == "" {
		return nil, errors.New("feed: a poller needs a store, a fetcher, an agent name and a corpus folder")
	}
	if cfg.Interval <= 0 {
		cfg.Interval = 15 * time.Minute
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 6 * time.Hour
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 4
	}
	robots := cfg.Robots
	if robots == nil {
		robots = NewRobots(cfg.Fetcher, cfg.Agent)
	}
	return &Poller{store: cfg.Store, fetcher: cfg.Fetcher, robots: robots, clock: cfg.Fetcher.clock, dir: cfg.Corpus, cfg: cfg}, nil
}

// Errors of Add, for errors.Is.
var (
	ErrNoFeedFound = errors.New("feed: no feed found")
	ErrFollowed    = errors.New("feed: feed already followed")
)

// accept is the Accept header of a feed request.
const accept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"

// Add follows the feed at raw: a feed's own url, or a site's page that
// announces its feeds (the first that reads is taken). name is the outlet
// as answers will cite it; "" takes the feed's title. The feed is due at
// once; nothing is fetched from it yet beyond checking that it reads.
func (p *Poller) Add(ctx context.Context, raw, name string) (Source, error) {
	raw = strings.TrimSpace(raw)
	if raw != "" && !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	feeds, err := p.store.Feeds(ctx)
	if err != nil {
		return Source{}, err
	}
	if s, ok := followed(feeds, raw); ok {
		// known without asking the site
		return s, errFollowed(s)
	}
	resp, f, err := p.getFeed(ctx, raw)
	if errors.Is(err, ErrNotFeed) && resp != nil {
		base, _ := url.Parse(resp.URL)
		links := Discover([]byte(DecodeHTML(resp.Body, resp.ContentType)), base)
		if len(links) == 0 {
			// No feed announced: the news sitemaps robots.txt lists, news
			// ones first.
			maps, err := p.robots.Sitemaps(ctx, resp.URL)
			if err != nil {
				return Source{}, err
			}
			sort.SliceStable(maps, func(i, j int) bool {
				return strings.Contains(maps[i], "news") && !strings.Contains(maps[j], "news")
			})
			links = maps
		}
		if len(links) == 0 {
			return Source{}, fmt.Errorf("%w at %s: the page announces no RSS, Atom or JSON feed; give the feed's own url (look for an RSS link on the site)", ErrNoFeedFound, raw)
		}
		var errs []error
		for _, l := range links {
			resp, f, err = p.getFeed(ctx, l)
			if err == nil {
				break
			}
			errs = append(errs, err)
		}
		if err != nil {
			return Source{}, fmt.Errorf("%w at %s: none of the feeds it announces reads: %w", ErrNoFeedFound, raw, errors.Join(errs...))
		}
	}
	if err != nil {
		return Source{}, err
	}
	// where the feed was found, after redirects: a url that redirects to
	// a feed followed is that feed
	if s, ok := followed(feeds, resp.URL); ok {
		return s, errFollowed(s)
	}
	now := p.clock.Now()
	u := NormalURL(resp.URL)
	src := Source{URL: u, Name: first(name, f.Title, hostOf(u)), Added: now, NextDue: now}
	if err := p.store.PutFeed(ctx, src); err != nil {
		return Source{}, err
	}
	return src, nil
}

// followed returns the feed followed at raw, spelled in any way NormalURL
// folds.
func followed(feeds []Source, raw string) (Source, bool) {
	key := NormalURL(raw)
	for _, s := range feeds {
		if NormalURL(s.URL) == key {
			return s, true
		}
	}
	return Source{}, false
}

func errFollowed(s Source) error {
	return fmt.Errorf("%w as %q (%s); remove it first to add it again", ErrFollowed, s.Name, s.URL)
}

// feedTracking are the query parameters that only say where a reader came
// from: a feed's url without them is the same feed. Narrower than a page's
// (trackingParams): "cid" or "ref" may well choose a feed's category.
var feedTracking = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "mc_cid": true, "mc_eid": true,
	"yclid": true, "igshid": true, "_ga": true,
}

// NormalURL is the one spelling of a feed's url that every trivially
// different one shares: no fragment and no tracking parameters (utm_*,
// fbclid, gclid, ...), dot segments resolved, scheme and host in lower
// case, no default port, "/" for an empty path. It is still the url of the
// same feed, so it is the one kept and fetched. raw itself, trimmed, when
// it does not parse.
func NormalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	if port := u.Port(); u.Scheme == "http" && port == "80" || u.Scheme == "https" && port == "443" {
		u.Host = strings.TrimSuffix(u.Host, ":"+port)
	}
	u.Fragment, u.RawFragment = "", ""
	u = u.ResolveReference(&url.URL{}) // resolving "" removes dot segments
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	q := u.Query()
	changed := false
	for k := range q {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, "utm_") || feedTracking[lk] {
			q.Del(k)
			changed = true
		}
	}
	if changed {
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// getFeed fetches and parses one url. On ErrNotFeed the response is
// returned too, for discovery.
func (p *Poller) getFeed(ctx context.Context, raw string) (*Response, *Feed, error) {
	resp, err := p.fetcher.Get(ctx, Request{URL: raw, Accept: accept})
	if err != nil {
		return nil, nil, err
	}
	base, _ := url.Parse(resp.URL)
	f, err := Parse(resp.Body, base, resp.ContentType)
	if err != nil {
		return resp, nil, fmt.Errorf("%s: %w", resp.URL, err)
	}
	if f, err = p.expand(ctx, f); err != nil {
		return resp, nil, err
	}
	return resp, f, nil
}

// maxSitemaps is how many of a sitemap index's sitemaps are read, the most
// recently changed first: news sitemaps keep the last days' articles.
const maxSitemaps = 3

// expand reads a sitemap index's newest sitemaps into one feed of their
// items; any other feed is returned as it is.
func (p *Poller) expand(ctx context.Context, f *Feed) (*Feed, error) {
	if f.Format != "sitemapindex" {
		return f, nil
	}
	maps := append([]Sitemap(nil), f.Sitemaps...)
	sort.SliceStable(maps, func(i, j int) bool { return maps[i].LastMod.After(maps[j].LastMod) })
	out := &Feed{Format: "sitemap"}
	var errs []error
	read := 0
	for _, m := range maps[:min(len(maps), maxSitemaps)] {
		resp, err := p.fetcher.Get(ctx, Request{URL: m.URL, Accept: accept})
		var child *Feed
		if err == nil {
			base, _ := url.Parse(resp.URL)
			child, err = Parse(resp.Body, base, resp.ContentType)
		}
		if err == nil && child.Format == "sitemapindex" {
			err = fmt.Errorf("%w: %s is a sitemap index inside a sitemap index", ErrBrokenFeed, m.URL)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		read++
		out.Title = first(out.Title, child.Title)
		out.Items = append(out.Items, child.Items...)
	}
	if read == 0 {
		return nil, fmt.Errorf("none of the sitemaps the index lists reads: %w", errors.Join(append(errs, fmt.Errorf("%w: an empty sitemap index", ErrBrokenFeed))...))
	}
	return out, nil
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// Result is what one fetch of one feed did.
type Result struct {
	// Feed is the feed's state after the fetch.
	Feed Source
	// NotModified reports a 304: nothing new.
	NotModified bool
	// Items is how many items the feed holds; New how many articles were
	// written, FromFeed of which from the feed's own text (the page was
	// blocked, paywalled or empty); Seen how many were taken in before
	// (or are the same article as one that was); Empty how many had no
	// text at all; Retry how many could not be fetched now and are tried
	// again next time.
	Items, New, FromFeed, Seen, Empty, Retry int
	// Err is why the fetch failed; nil when it worked.
	Err error
	// Waiting reports a feed not fetched: its site asked to wait until
	// Feed.WaitAsked, now (a 429 or 503 with Retry-After) or before. Neither
	// a failure nor a fetch.
	Waiting bool
	// Before is the feed's state before the fetch: with Feed, it tells a
	// feed that started failing (Feed.Failures reaching FailingAfter) from
	// one that recovered (Before.Failures at least FailingAfter, no Err).
	Before Source
	// Pages are the items counted in Retry, each with its page and why it
	// could not be had.
	Pages []PageFailure
}

// Poll fetches every feed due at the clock's now (all of them when all is
// set), several at a time, and calls progress (when not nil) after each.
// A feed's failure is in its Result, not the error, which is only for the
// store or the context.
func (p *Poller) Poll(ctx context.Context, all bool, progress func(Result)) ([]Result, error) {
	feeds, err := p.store.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	now := p.clock.Now()
	var due []Source
	for _, s := range feeds {
		if all || !s.NextDue.After(now) {
			due = append(due, s)
		}
	}
	results := make([]Result, len(due))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range min(p.cfg.Workers, len(due)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := p.Fetch(ctx, due[i])
				results[i] = r
				if progress != nil {
					mu.Lock()
					progress(r)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range due {
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return results, err
	}
	return results, nil
}

// Fetch fetches one feed now and takes in its new items. Its state (the
// validators, health, next due) is saved whatever happened.
func (p *Poller) Fetch(ctx context.Context, src Source) Result {
	r := Result{Feed: src, Before: src}
	if p.clock.Now().Before(src.WaitAsked) {
		// The site asked everyone to wait (its Retry-After); a pass run
		// by hand, a minute later, must not ask again and count a failure.
		r.Waiting = true
		return r
	}
	resp, err := p.fetcher.Get(ctx, Request{URL: src.URL, ETag: src.ETag, LastModified: src.LastModified, Accept: accept})
	var f *Feed
	if err == nil && !resp.NotModified {
		base, _ := url.Parse(resp.URL)
		f, err = Parse(resp.Body, base, resp.ContentType)
		if err == nil {
			f, err = p.expand(ctx, f)
		}
	}
	if err != nil {
		return p.failed(ctx, r, err)
	}
	now := p.clock.Now()
	if resp.NotModified {
		r.NotModified = true
	} else {
		r.Items = len(f.Items)
		// Oldest first, so a pass cut short has taken in the oldest. Each
		// item is taken as read: a date too far ahead is dropped only
		// where it would name the article's day (take), or it would change
		// a linkless item's key once it came within reach.
		items := append([]Item(nil), f.Items...)
		sort.SliceStable(items, func(i, j int) bool {
			return believable(items[i].Published, now).Before(believable(items[j].Published, now))
		})
		ps := newPass(items, nil)
		err := ps.settle(ctx, p.store, src.URL)
		if err == nil && src.LastSuccess.IsZero() {
			// a feed's first pass: its items may be in the corpus already,
			// under another outlet's name (see take)
			ps.elsewhere, err = writtenIDs(p.dir)
		}
		if err != nil {
			// as a store failure in the loop: every item left for the
			// next pass
			r.Err, r.Retry, items = storeErr(err), len(items), nil
		}
		for _, it := range items {
			if ctx.Err() != nil {
				break
			}
			out, err := p.take(ctx, src, it, ps)
			if errors.Is(err, ErrStore) {
				// Nothing more can be recorded: stop, and let the next
				// pass carry on from the files already written.
				r.Err = err
				r.Retry++
				break
			}
			switch {
			case err != nil:
				r.Retry++
				if ctx.Err() == nil {
					r.Pages = append(r.Pages, p.pageFailure(ctx, src, it, err))
				}
			case out == outWritten:
				r.New++
			case out == outFromFeed:
				r.New++
				r.FromFeed++
			case out == outSeen:
				r.Seen++
			case out == outEmpty:
				r.Empty++
			}
		}
		if r.Retry == 0 && ctx.Err() == nil {
			// Only a pass that took in every item may skip the next one on
			// a 304; otherwise the items left are fetched again next time.
			src.ETag, src.LastModified = resp.ETag, resp.LastModified
		}
		// What the items left say until the next full answer: a 304
		// changes nothing of them.
		src.PagesFailing, src.PageError = 0, ""
		for _, pf := range r.Pages {
			if pf.Tries > 0 {
				if src.PagesFailing == 0 {
					src.PageError = pf.String()
				}
				src.PagesFailing++
			}
		}
		src.Latest, src.Rhythm = rhythm(undateFuture(items, now), src.Latest, src.Rhythm)
	}
	src.LastSuccess = now
	src.Failures, src.FailingSince, src.WaitAsked = 0, time.Time{}, time.Time{}
	src.LastError = ""
	if r.New > 0 {
		src.LastNew = now
	}
	src.Silent = src.Health(now).Silent
	src.NextDue = now.Add(p.interval(src))
	if ctx.Err() != nil {
		// Cut short (shutdown, a deadline): the items left are due at once.
		src.NextDue = now
	}
	r.Feed = src
	if err := p.store.PutFeed(context.WithoutCancel(ctx), src); err != nil {
		r.Err = err
	}
	return r
}

// maxWaitAsked bounds how long a site's Retry-After holds a fetch asked
// for by hand.
const maxWaitAsked = 24 * time.Hour

// failed records a failed fetch: one more failure in a row, and a longer
// wait before the next.
func (p *Poller) failed(ctx context.Context, r Result, err error) Result {
	src := r.Feed
	now := p.clock.Now()
	var se *StatusError
	if errors.As(err, &se) && se.RetryAfter > 0 {
		// The site asked to wait (429 or 503 with Retry-After): not a
		// failure of the feed, and one time to tell, the site's. A fetch
		// by hand waits too, but not for the month a misconfigured site
		// may ask; the poller's schedule waits the whole of it.
		src.WaitAsked = now.Add(min(se.RetryAfter, maxWaitAsked))
		src.NextDue = now.Add(max(se.RetryAfter, p.interval(src)))
		src.LastError = ErrorText(err)
		r.Feed, r.Waiting = src, true
		if perr := p.store.PutFeed(context.WithoutCancel(ctx), src); perr != nil {
			r.Err = perr
		}
		return r
	}
	if src.Failures == 0 {
		src.FailingSince = now
	}
	src.Failures++
	src.LastError = ErrorText(err)
	wait := min(p.interval(src)<<min(src.Failures-1, 16), max(p.cfg.MaxBackoff, p.interval(src)))
	src.NextDue = now.Add(wait)
	r.Feed, r.Err = src, err
	if perr := p.store.PutFeed(context.WithoutCancel(ctx), src); perr != nil {
		r.Err = errors.Join(err, perr)
	}
	return r
}

// interval is the feed's own interval, else the poller's.
func (p *Poller) interval(src Source) time.Duration {
	if src.Interval > 0 {
		return src.Interval
	}
	return p.cfg.Interval
}

// shortHash is the first n hex digits of s's SHA-256.
func shortHash(s string, n int) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:n]
}
