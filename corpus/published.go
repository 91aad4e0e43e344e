package corpus

import (
	"fmt"
	"time"
)

// Dates an article may carry: an outlet's date before firstYear or after
// lastYear is a typo or a scraper's garbage ("3026-02-10", a unix time
// read as milliseconds), and it would put the article first or last in
// every newest-first list. The bounds are fixed rather than relative to
// the day of indexing: an unchanged file is not read again, so a date
// judged against the clock would stay judged as it was on that day.
const (
	firstYear = 1800
	lastYear  = 2200
)

// dropImplausibleDate clears d's date when it lies outside firstYear to
// lastYear, and returns the warning that says so; every reader (front
// matter, JSON lines, a page's metadata) passes through here.
func (d *Document) dropImplausibleDate() (Skip, bool) {
	t := d.Published
	if t.IsZero() || t.Year() >= firstYear && t.Year() <= lastYear {
		return Skip{}, false
	}
	d.Published = time.Time{}
	return Skip{Path: d.ID, Kept: true,
		Reason: fmt.Sprintf("published %q is not a plausible date (before %d or after %d): the article is read without one; write the outlet's date, like 2014-01-13",
			dateText(t), firstYear, lastYear)}, true
}

// dateText writes t as a date alone when it has no time of day in UTC,
// else in RFC 3339: how such a value is usually written.
func dateText(t time.Time) string {
	if t.Location() == time.UTC && t.Equal(t.Truncate(24*time.Hour)) {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}
