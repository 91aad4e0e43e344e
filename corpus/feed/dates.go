package feed

import (
	"strings"
	"time"

	"github.com/araddon/dateparse"
)

// zoneOffsets are the RFC 822 zone names feeds still use, which Go's
// time.Parse reads as a zero offset unless the machine's zone has them.
var zoneOffsets = map[string]string{
	"UT": "+0000", "GMT": "+0000", "UTC": "+0000", "Z": "+0000",
	"EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500",
	"MST": "-0700", "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
	"BST": "+0100", "CET": "+0100", "CEST": "+0200", "IST": "+0530",
}

// layouts are the forms tried before dateparse's guesswork, most common
// first: RFC 822/1123 (RSS) and RFC 3339 (Atom, JSON Feed).
var layouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC3339Nano, time.RFC3339,
	"Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 -0700", "Mon, 02 Jan 06 15:04:05 -0700",
	"2006-01-02T15:04:05-0700", "2006-01-02T15:04:05",
}

// parseDate returns the first of values that reads as a date, in UTC when
// it names no zone; zero when none does.
func parseDate(values ...string) time.Time {
	for _, v := range values {
		if t, ok := parseOneDate(v); ok {
			return t
		}
	}
	return time.Time{}
}

func parseOneDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, false
	}
	// A named zone at the end becomes its offset.
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if off, ok := zoneOffsets[strings.ToUpper(s[i+1:])]; ok {
			s = s[:i] + " " + off
		}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	// Day names that do not match the date ("Tue, 10 Feb 2026" on a
	// Wednesday) are dropped rather than refused.
	if i := strings.IndexByte(s, ','); i > 0 && i <= 9 {
		if t, ok := parseOneDateNoDay(strings.TrimSpace(s[i+1:])); ok {
			return t, true
		}
	}
	t, err := dateparse.ParseIn(s, time.UTC)
	if err != nil || t.Year() < 1990 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t, true
}

func parseOneDateNoDay(s string) (time.Time, bool) {
	for _, l := range []string{"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04 -0700", "2 January 2006 15:04:05 -0700"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
