package feed

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"syscall"
	"time"
)

// maxClockSkew is how far ahead of the clock an item's date may be and
// still be believed: a site's clock or time zone a little off.
const maxClockSkew = 24 * time.Hour

// believable returns an item's date t, or the zero time when t is more
// than maxClockSkew after now. Such a date (2062, a typo; the day of an
// event) is not when the item was published: kept, it would name the
// article's day and, as the feed's newest item, keep the feed from ever
// looking silent. The article is written undated, as one whose feed gives
// no date.
func believable(t, now time.Time) time.Time {
	if t.After(now.Add(maxClockSkew)) {
		return time.Time{}
	}
	return t
}

// undateFuture returns a copy of items with the dates that are not
// believable cleared, for the feed's rhythm.
func undateFuture(items []Item, now time.Time) []Item {
	out := append([]Item(nil), items...)
	for i := range out {
		out[i].Published = believable(out[i].Published, now)
	}
	return out
}

// rhythm returns the newest item's date and the feed's usual gap between
// items (the median), keeping the previous values when the items have no
// dates. The newest is what the feed holds now, not the newest ever seen:
// a date corrected, or an item withdrawn, moves it back.
func rhythm(items []Item, latest time.Time, gap time.Duration) (time.Time, time.Duration) {
	var dates []time.Time
	for _, it := range items {
		if !it.Published.IsZero() {
			dates = append(dates, it.Published)
		}
	}
	if len(dates) == 0 {
		return latest, gap
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i].After(dates[j]) })
	latest = dates[0]
	if len(dates) >= 2 {
		gaps := make([]time.Duration, 0, len(dates)-1)
		for i := 1; i < len(dates); i++ {
			gaps = append(gaps, dates[i-1].Sub(dates[i]))
		}
		sort.Slice(gaps, func(i, j int) bool { return gaps[i] < gaps[j] })
		gap = gaps[len(gaps)/2]
	}
	return latest, gap
}

// FailingAfter is how many failed fetches in a row make a feed failing.
const FailingAfter = 3

// Health says whether a feed needs a look: failing FailingAfter times in a
// row or more, silent (its newest item older than four of its usual gaps
// between items, and at least two days), or some of its items' pages
// failing on the last fetch.
type Health struct {
	Failing bool
	Silent  bool
	// PagesFailing: the feed reads, but items are left untaken because
	// their pages fail.
	PagesFailing bool
	// Text says so for people: "ok", "failing 4 times since 10:14: HTTP
	// 404", "silent since 2026-02-01".
	Text string
}

// NeedsLook reports whether the feed should be flagged to the people who
// follow it.
func (h Health) NeedsLook() bool { return h.Failing || h.Silent || h.PagesFailing }

// Health returns the feed's health at now.
func (s Source) Health(now time.Time) Health {
	if s.Failures >= FailingAfter {
		return Health{Failing: true, Text: fmt.Sprintf("failing %d times since %s: %s", s.Failures, s.FailingSince.UTC().Format("2006-01-02 15:04 MST"), s.LastError)}
	}
	// Silent and failing pages are told together: both need a look, and
	// Silent must stay true for the notices that it changed.
	var h Health
	var texts []string
	if !s.Latest.IsZero() {
		quiet := max(4*s.Rhythm, 48*time.Hour)
		if now.Sub(s.Latest) > quiet {
			h.Silent = true
			texts = append(texts, "silent: newest item "+s.Latest.UTC().Format("2006-01-02 15:04 MST"))
		}
	}
	switch {
	case s.PagesFailing == 1:
		h.PagesFailing = true
		texts = append(texts, "an item's page failing: "+s.PageError)
	case s.PagesFailing > 1:
		h.PagesFailing = true
		texts = append(texts, fmt.Sprintf("%d items' pages failing, the first: %s", s.PagesFailing, s.PageError))
	}
	if len(texts) > 0 {
		h.Text = strings.Join(texts, "; ")
		return h
	}
	switch {
	case s.LastSuccess.IsZero() && s.Failures == 0:
		return Health{Text: "not fetched yet"}
	case s.Failures > 0:
		return Health{Text: fmt.Sprintf("ok (last fetch failed: %s)", s.LastError)}
	}
	return Health{Text: "ok"}
}

// PageFailure is an item whose page could not be fetched on a pass: it is
// tried again on the next.
type PageFailure struct {
	// Link is the item's page.
	Link string
	Err  error
	// Tries is how many passes have failed at the page, this one
	// included, since First; 0 when this is not counted as a failure (the
	// site asked to wait).
	Tries int
	First time.Time
}

// String says which page failed, why, and what happens next, on one line:
// "https://…/a8.html: HTTP 500 Internal Server Error; tried 2 times since
// 2026-02-12 09:00 UTC; the feed's own text is used after 3 failed passes
// over at least an hour".
func (f PageFailure) String() string {
	why := failureText(f.Err)
	var se *StatusError
	if errors.As(f.Err, &se) && se.URL != f.Link {
		why += " at " + se.URL
	}
	switch {
	case f.Tries > 0:
		return fmt.Sprintf("%s: %s; tried %s since %s; the feed's own text is used after %d failed passes over at least %s",
			f.Link, why, times(f.Tries), f.First.UTC().Format("2006-01-02 15:04 MST"), maxPageFailures, spanText(minPageFailureSpan))
	case askedToWait(f.Err):
		return fmt.Sprintf("%s: %s; its site asked to wait, so it is tried again later (not a failure)", f.Link, why)
	}
	return fmt.Sprintf("%s: %s; tried again next time", f.Link, why)
}

// failureText says in a few words why a page could not be fetched: the
// HTTP status, or what the network answered. Never the raw error: it may
// name a resolver's or another internal address, and the line is shown
// in Discord (/feeds list); the error itself is PageFailure.Err, for logs.
func failureText(err error) string {
	if errors.Is(err, ErrRobotsUnreachable) {
		return "its site's robots.txt cannot be fetched (" + pageFailureText(err) + ")"
	}
	return pageFailureText(err)
}

func pageFailureText(err error) string {
	var se *StatusError
	if errors.As(err, &se) {
		return strings.TrimSpace(fmt.Sprintf("HTTP %d %s", se.Status, http.StatusText(se.Status)))
	}
	if why, ok := networkReason(err); ok {
		return why
	}
	return "the page could not be fetched"
}

// networkReason says in a few words what the network answered when err
// is a failure to reach a site (its name, a refused or reset connection,
// a certificate, a timeout, a connection closed early, no route to it,
// or any other failed network operation); false for any
// other error, whose own words say what to do.
func networkReason(err error) (string, bool) {
	if errors.Is(err, ErrForbiddenAddress) {
		// refused by us, not the network: its own words say what to set
		return "", false
	}
	var (
		dnse *net.DNSError
		cve  *tls.CertificateVerificationError
		uae  x509.UnknownAuthorityError
		he   x509.HostnameError
		cie  x509.CertificateInvalidError
		ne   net.Error
		ope  *net.OpError
	)
	switch {
	case errors.As(err, &dnse) && !dnse.IsTimeout:
		return "the site's name does not resolve (DNS)", true
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused", true
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset", true
	case errors.As(err, &cve), errors.As(err, &uae), errors.As(err, &he), errors.As(err, &cie):
		return "TLS certificate not accepted", true
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, ErrSlowBody),
		errors.As(err, &ne) && ne.Timeout():
		return "timed out", true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the connection closed before the page came", true
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH),
		// Any other failure of a network operation: its text names the
		// addresses, and on Windows a refused or reset connection is a
		// WSA errno that ECONNREFUSED and ECONNRESET do not match.
		errors.As(err, &ope):
		return "the site could not be reached", true
	}
	return "", false
}

// ErrorText is what a feed's failed fetch keeps as its LastError,
// which feeds list and /feeds list show: what the network answered in a
// few words (never the raw error, which may name a resolver or another
// internal address), else the error's own words (an HTTP status, a page
// that is no feed), which say what to do. feeds add and fetch print it too.
func ErrorText(err error) string {
	var se *StatusError
	if why, ok := networkReason(err); ok && !errors.As(err, &se) {
		return why
	}
	return err.Error()
}

func times(n int) string {
	if n == 1 {
		return "1 time"
	}
	return fmt.Sprintf("%d times", n)
}

func spanText(d time.Duration) string {
	if d == time.Hour {
		return "an hour"
	}
	return d.String()
}

// askedToWait reports whether err is a site asking to wait (a 429, a
// Retry-After), which take does not count as the page failing.
func askedToWait(err error) bool {
	var se *StatusError
	return errors.As(err, &se) && (se.Status == http.StatusTooManyRequests || se.RetryAfter > 0)
}

// pageFailure describes an item that could not be taken in, with the
// failed passes take recorded for it (under its first key).
func (p *Poller) pageFailure(ctx context.Context, src Source, it Item, err error) PageFailure {
	f := PageFailure{Link: first(it.Link, it.GUID, it.Title), Err: err}
	if n, at, serr := p.store.ItemFailures(ctx, src.URL, itemKeys(it)[0]); serr == nil && !askedToWait(err) {
		// a count that cannot be read only leaves the line without it
		f.Tries, f.First = n, at
	}
	return f
}
