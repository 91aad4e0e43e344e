package search

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// hostileQuestions are the most expensive shapes of question a user can
// send within MaxQuestionLength: as many distinct words as fit, one
// frequent word repeated, query syntax everywhere, capitalised "names" (each
// tried as a speaker), and a long quoted phrase.
func hostileQuestions() []string {
	words := strings.Fields("the council budget said minister talks people city new plan will would could police " +
		"government report official week year schools roads buses harbour bridge river court vote")
	var many strings.Builder
	for i := 0; many.Len() < MaxQuestionLength-12; i++ {
		many.WriteString(words[i%len(words)] + " ")
	}
	var names strings.Builder
	for i := 0; names.Len() < MaxQuestionLength-12; i++ {
		names.WriteString(strings.ToUpper(words[i%len(words)][:1]) + words[i%len(words)][1:] + " ")
	}
	return []string{
		many.String(),
		strings.Repeat("the ", MaxQuestionLength/4-1),
		strings.Repeat(`+a* -b? "c d"~9 e^9 /f.*/ `, MaxQuestionLength/26),
		names.String(),
		`"` + strings.TrimSpace(many.String()[:min(many.Len(), MaxQuestionLength-2)]) + `"`,
	}
}

// BenchmarkHostileAnswer asks the hostile questions of the synthetic
// corpus and reports the slowest; each runs under the query deadline
// (queryTimeout), so none can hold a handler longer than that.
func BenchmarkHostileAnswer(b *testing.B) {
	dir, _ := benchCorpus(b)
	ix := benchIndex(b, dir, b.TempDir())
	qs := hostileQuestions()
	var took []time.Duration
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := ix.Answer(context.Background(), Question{Text: qs[i%len(qs)]}); err != nil {
			b.Fatalf("%.40q: %v", qs[i%len(qs)], err)
		}
		took = append(took, time.Since(start))
	}
	b.ReportMetric(float64(slices.Max(took).Microseconds())/1000, "max-ms")
}
