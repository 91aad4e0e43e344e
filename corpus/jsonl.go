package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// jsonArticle is one line of a JSON lines feed. Common synonyms are
// accepted so feeds from different scrapers read without conversion.
type jsonArticle struct {
	Source    jsonSource      `json:"source"`
	Outlet    jsonSource      `json:"outlet"`
	Publisher jsonSource      `json:"publisher"`
	URL       string          `json:"url"`
	Link      string          `json:"link"`
	Published json.RawMessage `json:"published"`
	// PublishedAt is NewsAPI's name, PublishedAtSnake a scraper's.
	PublishedAt      json.RawMessage `json:"publishedAt"`
	PublishedAtSnake json.RawMessage `json:"published_at"`
	Date             json.RawMessage `json:"date"`
	Title            string          `json:"title"`
	Language         string          `json:"language"`
	Text             string          `json:"text"`
	Content          string          `json:"content"`
	Body             string          `json:"body"`
	HTML             string          `json:"html"`
	// TruncatedBy says the text is known to fall short of the story:
	// "feed" when it is a feed's own text standing in for the page.
	TruncatedBy string `json:"truncated_by"`
}

// readJSONL reads one article per line. A bad line is a Skip naming the
// line; blank lines are passed over.
func readJSONL(ctx context.Context, name string, data []byte) ([]*Document, []Skip, error) {
	var docs []*Document
	var skips []Skip
	data = trimBOM(data)
	for n := 1; len(data) > 0; n++ {
		if n%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		ref := name + "#" + strconv.Itoa(n)
		var note string
		d, err := readJSONLine(ref, name, line, &note)
		if err != nil {
			skips = append(skips, Skip{Path: ref, Reason: err.Error()})
			continue
		}
		if note != "" {
			skips = append(skips, Skip{Path: ref, Reason: note, Kept: true})
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 && len(skips) == 0 {
		return nil, nil, &FileError{Path: name, Reason: "is empty: add one JSON article per line or remove the file", Err: ErrEmpty}
	}
	return docs, skips, nil
}

func readJSONLine(ref, name string, line []byte, note *string) (*Document, error) {
	if !utf8.Valid(line) {
		return nil, errors.New("not valid UTF-8: save the feed as UTF-8")
	}
	var a jsonArticle
	if err := json.Unmarshal(line, &a); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("not valid JSON (%v at column %d): write one JSON object per line", se, se.Offset)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return nil, fmt.Errorf("%q is %s: %s", te.Field, withArticle(te.Value), fieldHint(te.Field))
		}
		if errors.As(err, &te) {
			return nil, fmt.Errorf("not a JSON article (the line is %s): write one JSON object per line, with text or html", withArticle(te.Value))
		}
		return nil, fmt.Errorf("not a JSON article: write one JSON object per line, with text or html: %w", err)
	}
	d := &Document{
		ID:       ref,
		Path:     name,
		URL:      first(a.URL, a.Link),
		Title:    a.Title,
		Language: a.Language,
		Hash:     hashHex(line),

		TruncatedBy: strings.TrimSpace(a.TruncatedBy),
	}
	var published json.RawMessage
	for _, p := range []json.RawMessage{a.Published, a.PublishedAt, a.PublishedAtSnake, a.Date} {
		if len(published) == 0 {
			published = p
		}
	}
	if len(published) > 0 && string(published) != "null" {
		t, ok, why := jsonDate(published)
		if !ok {
			// the article is still worth reading; the caller says so
			*note = fmt.Sprintf("published %s is not a date%s: the article is read without one; write a date like 2014-01-13 or 2014-01-13T18:30:00Z", published, why)
		}
		d.Published = t
	}
	text := first(a.Text, a.Content, a.Body)
	if len(text) > MaxArticleSize {
		return nil, fmt.Errorf("text too large for one article (%s, the limit is %s): split it into one line per article", megabytes(int64(len(text))), megabytes(MaxArticleSize))
	}
	switch {
	case strings.TrimSpace(text) != "":
		d.Lines = textLines(text)
	case strings.TrimSpace(a.HTML) != "":
		h, err := extractHTML([]byte(a.HTML))
		if errors.Is(err, errTooManyElements) {
			return nil, fmt.Errorf("html has %w, too many to extract: give the article's text instead", err)
		}
		if err != nil {
			return nil, err
		}
		d.Lines = h.lines
		if d.Title == "" {
			d.Title = h.title
		}
		if d.URL == "" {
			d.URL = h.url
		}
		if d.Published.IsZero() {
			d.Published = h.published
		}
		if d.Language == "" {
			d.Language = h.language
		}
	default:
		return nil, errors.New(`no article text: give each line a "text" or "html" field`)
	}
	if len(d.Lines) == 0 {
		return nil, errors.New(`no article text: give each line a "text" or "html" field`)
	}
	setOutlet(d, first(string(a.Source), string(a.Outlet), string(a.Publisher)))
	return d, nil
}

// Unix times as numbers: up to ten digits are seconds (until 2286),
// twelve or thirteen are milliseconds (from 1973), as JavaScript writes
// them. Eleven digits would be seconds after 2286 or milliseconds in
// 1970–73: no news article's date, whichever was meant.
const (
	maxUnixSeconds = 1e10
	minUnixMillis  = 1e11
	maxUnixMillis  = 1e13
)

// jsonDate reads a date given as a string or as Unix seconds or
// milliseconds; an empty string is no date and no error. why gives a
// number that is no date its reason, " (…)", or is "".
func jsonDate(raw json.RawMessage) (t time.Time, ok bool, why string) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if strings.TrimSpace(s) == "" {
			return time.Time{}, true, ""
		}
		t, ok := parseDate(s)
		return t, ok, ""
	}
	var n float64
	if err := json.Unmarshal(raw, &n); err != nil {
		return time.Time{}, false, ""
	}
	switch {
	case n > 0 && n < maxUnixSeconds:
		return time.Unix(int64(n), 0).UTC(), true, ""
	case n >= minUnixMillis && n < maxUnixMillis:
		return time.UnixMilli(int64(n)).UTC(), true, ""
	case n >= maxUnixSeconds && n < minUnixMillis:
		return time.Time{}, false, " (as Unix seconds it is after 2286, as milliseconds before 1973)"
	}
	return time.Time{}, false, " (neither Unix seconds, up to ten digits, nor milliseconds, twelve or thirteen)"
}

// jsonSource is an outlet's name: a string, or an object with a name as
// NewsAPI writes it ({"id": "bbc-news", "name": "BBC News"}).
type jsonSource string

func (s *jsonSource) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case '"':
		return json.Unmarshal(b, (*string)(s))
	case 'n':
		return nil
	case '{':
		var o struct {
			Name json.RawMessage `json:"name"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return err
		}
		if len(o.Name) > 0 && o.Name[0] != '"' && string(o.Name) != "null" {
			return &json.UnmarshalTypeError{Value: jsonKind(o.Name), Type: reflect.TypeFor[string](), Field: "name"}
		}
		if len(o.Name) > 0 && o.Name[0] == '"' {
			return json.Unmarshal(o.Name, (*string)(s))
		}
		return nil
	}
	return &json.UnmarshalTypeError{Value: jsonKind(b), Type: reflect.TypeFor[string]()}
}

// jsonKind names the kind of a JSON value as encoding/json's errors do.
func jsonKind(b []byte) string {
	switch b[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	}
	return "number"
}

// withArticle puts "a" or "an" before a JSON kind: "an object".
func withArticle(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

// fieldHint says what to write for a field of the wrong type.
func fieldHint(field string) string {
	switch key, _, _ := strings.Cut(field, "."); key {
	case "source", "outlet", "publisher":
		return fmt.Sprintf(`write the outlet's name as text, "%s": "BBC News", or as NewsAPI does, "%[1]s": {"name": "BBC News"}`, key)
	case "truncated_by":
		return `write "truncated_by": "feed" when the text is the feed's own, or leave it out`
	}
	return fmt.Sprintf(`write it as text in quotes, "%s": "…"`, field)
}

// textLines splits a text field into paragraphs as bodyLines does.
func textLines(text string) []Line {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	out := bodyLines(lines, 0, false)
	for i := range out {
		out[i].Number = 0 // the feed line is the reference, not the text's
	}
	return out
}

func first(values ...string) string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
