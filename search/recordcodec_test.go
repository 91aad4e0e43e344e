package search

import (
	"github.com/coveragebot/coveragebot/corpus"
	"reflect"
	"testing"
	"time"
)

// TestRecordCodecCoversModel fails when a file record gains a field: the
// codec must learn it (and recordCodecVersion or schemaVersion move).
func TestRecordCodecCoversModel(t *testing.T) {
	for typ, n := range map[reflect.Type]int{reflect.TypeOf(fileRecord{}): 7, reflect.TypeOf(articleRef{}): 8} {
		if typ.NumField() != n {
			t.Errorf("%s has %d fields, the record codec knows %d: teach recordcodec.go the new ones", typ, typ.NumField(), n)
		}
	}
}

func TestRecordCodecRoundTrip(t *testing.T) {
	for _, r := range []*fileRecord{
		{Removed: true, Gen: 7},
		{Size: 2048, ModTime: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC).UnixNano(), Hash: "9f86d0", Gen: 1 << 40,
			Articles: []articleRef{
				{ID: "feed.jsonl#3", Key: "https://bugle.example/3", Outlet: "Bay Bugle", Published: time.Date(2026, 2, 3, 4, 5, 6, 7, time.UTC), Passages: 18, Quotes: 3,
					Speakers: map[string]int{"Ana Ruiz": 2, "Berg": 1}, FirstSeen: time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC)},
				{ID: "feed.jsonl#4", Outlet: "Bay Bugle", Passages: 1},
			},
			Notes: []corpus.Skip{
				{Path: "feed.jsonl#2", Reason: "not valid JSON: write one JSON object per line"},
				{Path: "feed.jsonl#5", Reason: `published "soon" is not a date`, Kept: true},
			}},
	} {
		data := encodeRecord(r)
		got, err := decodeRecord(data)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, r) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, r)
		}
		for i := range data {
			if _, err := decodeRecord(data[:i]); err == nil {
				t.Errorf("a record cut at %d bytes decoded without error", i)
			}
		}
	}
}
