package corpus

import (
	"fmt"
	"strings"
	"time"
	"unicode"

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
// insensitive and may be quoted, values may be quoted, unknown keys are
// ignored and a few common synonyms (date, outlet, publisher, link, lang)
// are accepted. A block between two rules whose lines do not all read as
// a header's (see badHeaderLine) is story text, not a header: a story may
// open with a rule, and its first paragraphs must not be lost.
func parseFrontMatter(lines []string) (frontMatter, int) {
	var fm frontMatter
	sep, end, bad := frontMatterBlock(lines)
	if end < 0 || bad >= 0 {
		return fm, 0
	}
	for _, l := range lines[1:end] {
		key, value, ok := headerKey(l, sep)
		if !ok {
			continue
		}
		value = unquote(value)
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

// frontMatterBlock finds a header's block: sep is the header's key
// separator (":" after ---, "=" after +++, "" when lines[0] opens none),
// end the index of its closing line or -1 when there is none within
// maxFrontMatterLines, and bad the index of the first line between that
// does not read as a header line, or -1.
func frontMatterBlock(lines []string) (sep string, end, bad int) {
	if len(lines) == 0 {
		return "", -1, -1
	}
	// YAML between --- lines, or TOML between +++ lines as Hugo writes it.
	delim := strings.TrimSpace(lines[0])
	switch delim {
	case "---":
		sep = ":"
	case "+++":
		sep = "="
	default:
		return "", -1, -1
	}
	for i := 1; i < len(lines) && i <= maxFrontMatterLines; i++ {
		if t := strings.TrimSpace(lines[i]); t == delim || delim == "---" && t == "..." {
			if b := badHeaderLine(lines[1:i], sep); b >= 0 {
				return sep, i, b + 1
			}
			return sep, i, -1
		}
	}
	return sep, -1, -1
}

// badHeaderLine returns the index of the first of a header's lines that
// is not one, or -1. A header line is a key and its value, a blank, a
// comment, or part of the value of the key above it: an indented line, a
// YAML list item, the rest of a [ … ] or { … } list or of a TOML """
// string, a TOML [table]. A sentence of a story is none of these.
func badHeaderLine(lines []string, sep string) int {
	keyed := false // a key was read: indented and list lines are its value
	depth := 0     // brackets a value left open
	closer := ""   // the quotes that end a TOML multi-line string
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case closer != "":
			if strings.Contains(t, closer) {
				closer = ""
			}
		case depth > 0:
			depth += brackets(t)
		case t == "", t[0] == '#':
		case keyed && (l[0] == ' ' || l[0] == '\t'):
		case keyed && sep == ":" && (t == "-" || strings.HasPrefix(t, "- ")):
		case sep == "=" && strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]"):
			keyed = true
		default:
			_, v, ok := headerKey(t, sep)
			if !ok {
				return i
			}
			keyed = true
			if strings.HasPrefix(v, "[") || strings.HasPrefix(v, "{") {
				depth = max(0, brackets(v))
			}
			for _, q := range []string{`"""`, "'''"} {
				if sep == "=" && strings.HasPrefix(v, q) && !strings.Contains(v[len(q):], q) {
					closer = q
				}
			}
		}
	}
	return -1
}

// brackets returns how many more brackets s opens than it closes.
func brackets(s string) int {
	return strings.Count(s, "[") + strings.Count(s, "{") - strings.Count(s, "]") - strings.Count(s, "}")
}

// headerKey splits a header line into its key, lower-cased, and its value
// as written. A key is a bare word (letters, digits, _ - .) or quoted;
// YAML's colon ends the line or is followed by a space, so "https://…" or
// "10:30" is no key.
func headerKey(line, sep string) (key, value string, ok bool) {
	t := strings.TrimSpace(line)
	var rest string
	if t != "" && (t[0] == '"' || t[0] == '\'') {
		q := strings.IndexByte(t[1:], t[0])
		if q < 0 {
			return "", "", false
		}
		key, rest = t[1:1+q], t[2+q:]
	} else {
		n := strings.IndexFunc(t, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' && r != '.'
		})
		if n <= 0 {
			return "", "", false
		}
		key, rest = t[:n], t[n:]
	}
	rest = strings.TrimLeft(rest, " \t")
	if !strings.HasPrefix(rest, sep) {
		return "", "", false
	}
	rest = rest[len(sep):]
	if sep == ":" && rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", "", false
	}
	return strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(rest), true
}

// frontMatterProblem says why lines that open with a header's key were
// read as text, or returns "" when they were not: a first line of --- (or
// +++) and then a line that reads as one of its keys ("source: …",
// "published = …"), but no closing line, or a line before the closing one
// that is no header line. A file that merely opens with a rule has no
// such key after it.
func frontMatterProblem(lines []string) string {
	if len(lines) < 2 {
		return ""
	}
	sep, end, bad := frontMatterBlock(lines)
	if sep == "" || end >= 0 && bad < 0 {
		return ""
	}
	key, _, ok := headerKey(lines[1], sep)
	if !ok {
		return ""
	}
	switch key {
	case "source", "outlet", "publisher", "publication", "site", "sitename", "site_name",
		"url", "link", "canonical", "canonical_url",
		"published", "date", "published_at", "publish_date", "pubdate", "datetime",
		"title", "headline", "language", "lang", "locale":
	default:
		return ""
	}
	if end < 0 {
		return "its front matter is never closed (no --- line after the first): the header was read as text, not as the outlet, url and date; add the closing ---"
	}
	return fmt.Sprintf("line %d, inside its front matter, is not a key and value: the header was read as text, not as the outlet, url and date; end the header with --- before that line, or write it as key: value", bad+1)
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
