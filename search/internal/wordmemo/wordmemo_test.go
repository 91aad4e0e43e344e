package wordmemo

import "testing"

func TestMemo(t *testing.T) {
	m := New[int](2)
	calls := 0
	compute := func(v int) func() int { return func() int { calls++; return v } }
	for _, tt := range []struct {
		key       string
		compute   int
		want      int
		wantCalls int
	}{
		{"a", 1, 1, 1},
		{"a", 9, 1, 1}, // remembered: compute not called
		{"b", 2, 2, 2},
		{"c", 3, 3, 3}, // full: everything forgotten, then c stored
		{"a", 4, 4, 4}, // a was forgotten
		{"c", 9, 3, 4},
	} {
		if got := m.Get(tt.key, compute(tt.compute)); got != tt.want || calls != tt.wantCalls {
			t.Errorf("Get(%q) = %d after %d computations, want %d after %d", tt.key, got, calls, tt.want, tt.wantCalls)
		}
	}
}
