package corpus

import (
	"bytes"
	"slices"
	"testing"
)

func TestLineKey(t *testing.T) {
	same := [][2]string{
		{"₹900", "₹2,700"},
		{"Updated: Jan 22, 2014", "updated jan 23 2015"},
		{"Access  Business Standard across devices — mobile", "access business standard across devices mobile"},
	}
	for _, p := range same {
		if lineKey(p[0]) != lineKey(p[1]) {
			t.Errorf("lineKey(%q) != lineKey(%q)", p[0], p[1])
		}
	}
	if lineKey("Smart Quarterly") == lineKey("Smart Essential") {
		t.Error("different words share a key")
	}
	if lineKey(" ) — ") != 0 {
		t.Error("a line of punctuation has a key")
	}
	d := &Document{Lines: []Line{{Text: "One"}, {Text: ")"}, {Text: "one!"}}}
	if got := d.LineKeys(); len(got) != 3 || got[0] != got[2] || got[1] != 0 {
		t.Errorf("LineKeys = %v", got)
	}
}

func TestBoilerplateAddRemove(t *testing.T) {
	bp := NewBoilerplate()
	a, b, c := lineKey("a"), lineKey("b"), lineKey("c")
	if got := bp.Add("Outlet", []uint64{a, b, a, 0}); len(got) != 0 {
		t.Errorf("first Add flipped %v", got)
	}
	if got := bp.Add("Outlet", []uint64{a, c}); !slices.Equal(got, []uint64{a}) {
		t.Errorf("second Add flipped %v, want [a]", got)
	}
	if !bp.Repeated("Outlet", a) || bp.Repeated("Outlet", b) || bp.Repeated("Other", a) {
		t.Error("Repeated wrong after two adds")
	}
	if got := bp.Add("Outlet", []uint64{a}); len(got) != 0 {
		t.Errorf("third Add flipped %v", got)
	}
	if got := bp.Add("unknown", []uint64{a}); got != nil {
		t.Errorf("unknown outlet counted: %v", got)
	}
	if got := bp.Remove("Outlet", []uint64{a}); len(got) != 0 {
		t.Errorf("Remove 3->2 flipped %v", got)
	}
	if got := bp.Remove("Outlet", []uint64{a, c}); !slices.Equal(got, []uint64{a}) {
		t.Errorf("Remove 2->1 flipped %v, want [a]", got)
	}
	if bp.Repeated("Outlet", a) {
		t.Error("still repeated after removal")
	}
	if got := bp.Remove("Nobody", []uint64{a}); got != nil {
		t.Errorf("Remove of unknown outlet flipped %v", got)
	}
	var nilModel *Boilerplate
	if nilModel.Repeated("Outlet", a) {
		t.Error("nil model reports a repeat")
	}
}

func TestBoilerplateBinary(t *testing.T) {
	bp := NewBoilerplate()
	bp.Add("B", []uint64{1, 2, 3})
	bp.Add("B", []uint64{2, 3})
	bp.Add("A", []uint64{9})
	data, err := bp.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := bp.MarshalBinary()
	if !bytes.Equal(data, again) {
		t.Error("encoding is not deterministic")
	}
	var got Boilerplate
	if err := got.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if !got.Repeated("B", 2) || got.Repeated("B", 1) || got.Repeated("A", 9) {
		t.Error("decoded model differs")
	}
	if flipped := got.Add("A", []uint64{9}); !slices.Equal(flipped, []uint64{9}) {
		t.Errorf("decoded model lost counts: Add flipped %v", flipped)
	}
	for _, bad := range [][]byte{nil, {0}, {9}, data[:len(data)-1], append(slices.Clone(data), 0)} {
		if err := new(Boilerplate).UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%x) accepted corrupt data", bad)
		}
	}
}

// TestBoilerplateKeepsSharedStory checks rule (2) drops an outlet's
// repeated page furniture but not a story sentence two of its articles
// share, as updated wire copy does.
func TestBoilerplateKeepsSharedStory(t *testing.T) {
	shared := "The storm cut power to 40,000 homes across the county on Sunday night, the utility said."
	doc := func(id, lead string) *Document {
		return &Document{ID: id, Path: id, Outlet: "County Times", OutletFrom: OutletFromMetadata, Lines: []Line{
			{Text: lead, Number: 1},
			{Text: shared, Number: 2},
			{Text: "Engineers expected to restore most supplies by Tuesday, although rural areas could wait longer.", Number: 3},
			{Text: "County Times Weekend Edition", Number: 4},
			{Text: "Get County Times delivered", Number: 5},
			{Text: "Puzzles, recipes and the week's best reads.", Number: 6},
		}}
	}
	d1 := doc("1.txt", "Crews worked through the night to clear fallen trees from the main roads into town.")
	d2 := doc("2.txt", "Schools across the county will stay closed on Monday while the clean-up goes on.")
	bp := NewBoilerplate()
	bp.Add(d1.Outlet, d1.LineKeys())
	bp.Add(d2.Outlet, d2.LineKeys())
	for _, d := range []*Document{d1, d2} {
		a := Clean(d, bp)
		var lines []int
		for _, p := range a.Paragraphs {
			lines = append(lines, p.Line)
		}
		if !slices.Equal(lines, []int{1, 2, 3}) {
			t.Errorf("%s: kept lines %v, want [1 2 3]", d.ID, lines)
		}
	}
}

// TestBoilerplateConcurrent cleans while the model is updated, as an
// index that cleans files in parallel does; run with -race.
func TestBoilerplateConcurrent(t *testing.T) {
	d, _ := mustMarkedDocument(t, "testdata/clean/paywall-prices.paywall.txt")
	d.Outlet = "Harbour"
	keys := d.LineKeys()
	bp := NewBoilerplate()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 200; i++ {
			bp.Add(d.Outlet, keys)
			bp.Remove(d.Outlet, keys)
		}
	}()
	for i := 0; i < 50; i++ {
		if err := checkArticle(Clean(d, bp)); err != nil {
			t.Fatal(err)
		}
	}
	<-done
}
