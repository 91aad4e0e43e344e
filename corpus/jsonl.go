package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// jsonArticle is one line of a JSON lines feed. Common synonyms are
// accepted so feeds from different scrapers read without conversion.
type jsonArticle struct {
	Source    string          `json:"source"`
	Outlet    string          `json:"outlet"`
	Publisher string          `json:"publisher"`
	URL       string          `json:"url"`
	Link      string          `json:"link"`
	Published json.RawMessage `json:"published"`
	Date      json.RawMessage `json:"date"`
	Title     string          `json:"title"`
	Language  string          `json:"language"`
	Text      string          `json:"text"`
	Content   string          `json:"content"`
	Body      string          `json:"body"`
	HTML      string          `json:"html"`
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
		return nil, fmt.Errorf("not a JSON article (%v): each line must be an object with text or html", err)
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
	published := a.Published
	if len(published) == 0 {
		published = a.Date
	}
	if len(published) > 0 && string(published) != "null" {
		t, ok := jsonDate(published)
		if !ok {
			// the article is still worth reading; the caller says so
			*note = fmt.Sprintf("published %s is not a date: the article is read without one; write a date like 2014-01-13 or 2014-01-13T18:30:00Z", published)
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
	setOutlet(d, first(a.Source, a.Outlet, a.Publisher))
	return d, nil
}

// jsonDate reads a date given as a string or as unix seconds.
func jsonDate(raw json.RawMessage) (time.Time, bool) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if strings.TrimSpace(s) == "" {
			return time.Time{}, true
		}
		return parseDate(s)
	}
	var secs float64
	if err := json.Unmarshal(raw, &secs); err == nil && secs > 0 && secs < 1e11 {
		return time.Unix(int64(secs), 0).UTC(), true
	}
	return time.Time{}, false
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
