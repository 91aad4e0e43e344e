package corpus

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestReadJSONLShapes: NewsAPI's shape of a line (a source object with a
// name, publishedAt, content) is read, Unix times in seconds or
// milliseconds are dates, and a field of the wrong type is named with
// what to write, in our words rather than encoding/json's.
func TestReadJSONLShapes(t *testing.T) {
	const story = `"content": "A storm hit Wexford overnight. \"It was the worst wind in forty years,\" said fisherman Liam Doyle."`
	march1 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name, line string
		outlet     string    // of the article read; "" when the line is skipped
		published  time.Time // of the article read
		reason     string    // in the line's note or skip; "" for none
	}{
		{"newsapi", `{"source": {"id": "bbc-news", "name": "BBC News"}, "author": null, "title": "Storm hits", "url": "https://bbc.example/storm", "publishedAt": "2026-03-01T10:00:00Z", ` + story + `}`,
			"BBC News", march1, ""},
		{"source without name", `{"source": {"id": null, "name": null}, "url": "https://bbc.example/storm", ` + story + `}`,
			"bbc.example", time.Time{}, ""},
		{"published_at", `{"outlet": {"name": "Wexford Echo"}, "published_at": "2026-03-01T10:00:00Z", ` + story + `}`,
			"Wexford Echo", march1, ""},
		{"unix seconds", `{"source": "BBC News", "published": 1772359200, ` + story + `}`, "BBC News", march1, ""},
		{"unix milliseconds", `{"source": "BBC News", "published": 1772359200000, ` + story + `}`, "BBC News", march1, ""},
		{"eleven digits", `{"source": "BBC News", "published": 17723592000, ` + story + `}`, "BBC News", time.Time{},
			"published 17723592000 is not a date (as Unix seconds it is after 2286, as milliseconds before 1973)"},
		{"microseconds", `{"source": "BBC News", "published": 1772359200000000, ` + story + `}`, "BBC News", time.Time{},
			"published 1772359200000000 is not a date (neither Unix seconds"},
		{"source number", `{"source": 7, ` + story + `}`, "", time.Time{},
			`"source" is a number: write the outlet's name as text, "source": "BBC News", or as NewsAPI does, "source": {"name": "BBC News"}`},
		{"source name number", `{"source": {"name": 7}, ` + story + `}`, "", time.Time{}, `"source.name" is a number: write the outlet's name`},
		{"title object", `{"title": {"en": "Storm"}, ` + story + `}`, "", time.Time{}, `"title" is an object: write it as text in quotes, "title": "…"`},
		{"array line", `["Storm hits"]`, "", time.Time{}, "not a JSON article (the line is an array): write one JSON object per line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"f.jsonl": {Data: []byte(tt.line + "\n")}}
			docs, notes, err := ReadFile(context.Background(), fsys, "f.jsonl")
			if err != nil {
				t.Fatal(err)
			}
			if tt.outlet == "" && len(docs) != 0 || tt.outlet != "" && len(docs) != 1 {
				t.Fatalf("%d articles, notes %v", len(docs), notes)
			}
			if len(docs) == 1 {
				if d := docs[0]; d.Outlet != tt.outlet || !d.Published.Equal(tt.published) {
					t.Errorf("outlet %q, published %v, want %q, %v", d.Outlet, d.Published, tt.outlet, tt.published)
				}
			}
			if tt.reason == "" {
				if len(notes) != 0 {
					t.Errorf("notes %v, want none", notes)
				}
				return
			}
			if len(notes) != 1 || !strings.Contains(notes[0].Reason, tt.reason) || notes[0].Kept != (len(docs) == 1) {
				t.Errorf("notes %v, want one saying %q", notes, tt.reason)
			}
			for _, n := range notes {
				if strings.Contains(n.Reason, "Go ") || strings.Contains(n.Reason, "unmarshal") {
					t.Errorf("reason %q speaks of Go's internals", n.Reason)
				}
			}
		})
	}
}
