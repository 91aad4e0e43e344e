package translate

import (
	"testing"

	"github.com/coveragebot/coveragebot/search/internal/wordmemo"
)

// benchWords are common words of news questions.
var benchWords = []string{"box", "black", "find", "captain", "ship", "fire", "roof", "money", "family", "pilot",
	"crash", "rescue", "boys", "cave", "water", "divers"}

// BenchmarkOpen reads the installed dictionaries' indexes (what a process
// pays once at start).
func BenchmarkOpen(b *testing.B) {
	for i := 0; i < b.N; i++ {
		d, err := Open("")
		if err != nil {
			b.Skip(err)
		}
		d.Close()
	}
}

// BenchmarkTranslateCold translates words never asked before: entries
// read and inflated, nothing remembered.
func BenchmarkTranslateCold(b *testing.B) {
	d, err := Open("")
	if err != nil {
		b.Skip(err)
	}
	defer d.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.cache = wordmemo.New[[]Translation](maxCached)
		for _, l := range d.langs {
			if l.data.chunks != nil {
				l.data.mu.Lock()
				clear(l.data.chunks)
				l.data.order = l.data.order[:0]
				l.data.mu.Unlock()
			}
		}
		for _, w := range benchWords {
			d.Translate(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(benchWords)), "µs/word")
}
