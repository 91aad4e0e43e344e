package search

import (
	"reflect"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
)

// TestArticleCodecCoversModel fails when the article model gains a field:
// the codec must learn it (and articleCodecVersion or schemaVersion move).
func TestArticleCodecCoversModel(t *testing.T) {
	known := map[reflect.Type]int{
		reflect.TypeOf(corpus.Article{}):   15,
		reflect.TypeOf(corpus.Paragraph{}): 4,
		reflect.TypeOf(corpus.Sentence{}):  3,
		reflect.TypeOf(corpus.Quote{}):     7,
	}
	for typ, n := range known {
		if typ.NumField() != n {
			t.Errorf("%s has %d fields, the article codec knows %d: teach articlecodec.go the new ones", typ, typ.NumField(), n)
		}
	}
}

func TestArticleCodecRoundTrip(t *testing.T) {
	a := &corpus.Article{
		ID: "feed.jsonl#3", Path: "feed.jsonl", Outlet: "Bay Bugle", OutletFrom: corpus.OutletFromURL,
		URL: "https://b.example/x", Published: time.Date(2026, 2, 3, 4, 5, 6, 7, time.UTC), Title: "T", Language: "en",
		Text: "Héllo “world”.", Paragraphs: []corpus.Paragraph{{Start: 0, End: 17, Line: 2, Heading: true}},
		Sentences: []corpus.Sentence{{Start: 0, End: 17, Paragraph: 0}},
		Quotes:    []corpus.Quote{{Start: 8, End: 13, Speaker: "Ann", Attribution: "explicit", Paragraph: 0, Sentence: 0, Partial: true}},
		Truncated: true, TruncatedBy: "paywall", Hash: "abc",
	}
	data, err := encodeArticle(a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeArticle(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, a)
	}
	for i := range data {
		if _, err := decodeArticle(data[:i]); err == nil {
			t.Errorf("a record cut at %d bytes decoded without error", i)
		}
	}
}

// TestArticleCodecKeepsDates: the outlet's date comes back as it was
// read: its day and UTC offset ("23:30 -05:00" is still 5 March), dates
// far from 1970 without overflowing, and 1970-01-01 as a date, not none.
func TestArticleCodecKeepsDates(t *testing.T) {
	for _, pub := range []time.Time{
		{},
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 5, 23, 30, 0, 0, time.FixedZone("", -5*3600)),
		time.Date(2026, 3, 5, 9, 15, 0, 123456789, time.FixedZone("", 5*3600+1800)),
		time.Date(1600, 6, 1, 0, 0, 0, 0, time.UTC),
		time.Date(3026, 2, 10, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 2, 10, 12, 5, 0, 0, time.UTC),
	} {
		data, err := encodeArticle(&corpus.Article{ID: "a.txt", Published: pub})
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeArticle(data)
		if err != nil {
			t.Fatal(err)
		}
		if got.Published.IsZero() != pub.IsZero() || got.Published.Format(time.RFC3339Nano) != pub.Format(time.RFC3339Nano) ||
			(got.Published.Location() == time.UTC) != (pub.Location() == time.UTC) {
			t.Errorf("published %v came back as %v", pub, got.Published)
		}
		ref := &fileRecord{Articles: []articleRef{{ID: "a.txt", Published: pub}}}
		back, err := decodeRecord(encodeRecord(ref))
		if err != nil {
			t.Fatal(err)
		}
		if got := back.Articles[0].Published; got.IsZero() != pub.IsZero() || got.Format(time.RFC3339Nano) != pub.Format(time.RFC3339Nano) {
			t.Errorf("record's published %v came back as %v", pub, got)
		}
	}
}
