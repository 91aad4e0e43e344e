package search

import (
	"testing"
	"time"
)

func TestSortReports(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2014, 1, d, 0, 0, 0, 0, time.UTC) }
	in := []Report{
		{Outlet: "Undated B"},
		{Outlet: "Old", Published: day(10)},
		{Outlet: "Undated A"},
		{Outlet: "New", Published: day(13)},
		{Outlet: "Also new", Published: day(13)},
	}
	got := SortReports(in)
	want := []string{"Also new", "New", "Old", "Undated A", "Undated B"}
	for i, r := range got {
		if r.Outlet != want[i] {
			t.Fatalf("order %v, want %v", outletsOf(got), want)
		}
	}
	if in[0].Outlet != "Undated B" {
		t.Error("SortReports changed its argument")
	}
}

func outletsOf(rs []Report) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Outlet)
	}
	return out
}
