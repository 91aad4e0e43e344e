package corpus

import (
	"strings"
	"time"

	"github.com/araddon/dateparse"
)

// frontMatter is the metadata header of a text article.
type frontMatter struct {
	Source, URL, Title, Language string
	Published                    time.Time
	// DateText is the published value as written, kept when it could not
	// be parsed so the caller can say so.
	DateText string
}

// maxFrontMatterLines bounds the search for the closing ---: a header is a
// handful of lines, and a file that merely starts with a rule is not one.
const maxFrontMatterLines = 40

// parseFrontMatter splits an optional `---` … `---` (or TOML `+++`)
// header off lines. It
// returns the header and the index of the first body line. Keys are case
// insensitive, values may be quoted, unknown keys are ignored and a few
// common synonyms (date, outlet, publisher, link, lang) are accepted.
func parseFrontMatter(lines []string) (frontMatter, int) {
	var fm frontMatter
	if len(lines) == 0 {
		return fm, 0
	}
	// YAML between --- lines, or TOML between +++ lines as Hugo writes it.
	delim, sep := strings.TrimSpace(lines[0]), ":"
	switch delim {
	case "---":
	case "+++":
		sep = "="
	default:
		return fm, 0
	}
	end := -1
	for i := 1; i < len(lines) && i <= maxFrontMatterLines; i++ {
		if t := strings.TrimSpace(lines[i]); t == delim || delim == "---" && t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return fm, 0
	}
	for _, l := range lines[1:end] {
		key, value, ok := strings.Cut(l, sep)
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = unquote(strings.TrimSpace(value))
		if value == "" {
			continue
		}
		switch key {
		case "source", "outlet", "publisher", "publication", "site", "sitename", "site_name":
			if fm.Source == "" {
				fm.Source = value
			}
		case "url", "link", "canonical", "canonical_url":
			if fm.URL == "" {
				fm.URL = value
			}
		case "published", "date", "published_at", "publish_date", "pubdate", "datetime":
			if fm.DateText == "" {
				fm.DateText = value
				fm.Published, _ = parseDate(value)
			}
		case "title", "headline":
			if fm.Title == "" {
				fm.Title = value
			}
		case "language", "lang", "locale":
			if fm.Language == "" {
				fm.Language = value
			}
		}
	}
	return fm, end + 1
}

// unclosedFrontMatter reports whether lines open a front matter that is
// never closed: a first line of --- (or +++) and then a line that reads as
// one of its keys ("source: …", "published = …"), but no closing line. A
// file that merely opens with a rule has no such key after it.
func unclosedFrontMatter(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	sep := ":"
	switch strings.TrimSpace(lines[0]) {
	case "---":
	case "+++":
		sep = "="
	default:
		return false
	}
	key, _, ok := strings.Cut(lines[1], sep)
	if !ok {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(key)) {
	case "source", "outlet", "publisher", "publication", "site", "sitename", "site_name",
		"url", "link", "canonical", "canonical_url",
		"published", "date", "published_at", "publish_date", "pubdate", "datetime",
		"title", "headline", "language", "lang", "locale":
		return true
	}
	return false
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// parseDate reads the date formats scrapers and people write: ISO 8601 and
// RFC 3339 with or without time, RFC 1123, "January 22, 2014", "22 Jan
// 2014", "2014/01/22", day-first or month-first numeric dates, unix
// seconds. Dates without a zone are taken as UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	t, ok := dateparseIn(s)
	if !ok || t.Year() < firstYear || t.Year() > lastYear {
		return time.Time{}, false
	}
	return t, true
}

// dateparseIn guards the liberal parser: it has panicked on odd input, and
// a strange date must never take an article down.
func dateparseIn(s string) (t time.Time, ok bool) {
	defer func() {
		if recover() != nil {
			t, ok = time.Time{}, false
		}
	}()
	t, err := dateparse.ParseIn(s, time.UTC, dateparse.RetryAmbiguousDateWithSwap(true))
	return t, err == nil
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05",
	"2 January 2006",
	"2 Jan 2006",
	"January 2, 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
}
