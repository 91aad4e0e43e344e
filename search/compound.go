package search

import (
	"strings"
)

// Compound questions. Members ask two things at once: "where was the
// ferry going and where did it leave from", "whats the coach's name and
// how old is he", "who was yoo byung-eun and why were police hunting him".
// Measured as one question, a passage must cover both halves' words, and
// the sentence that answers one half seldom does: both are declined. Each
// half is asked on its own and their answers are interleaved, the first
// half's first.

// compoundOpeners start a second question after "and", a comma or a
// question mark.
var compoundOpeners = setOf("what", "whats", "who", "whos", "where", "wheres", "when", "why", "how", "which",
	"did", "does", "do", "was", "were", "is", "are", "has", "have", "had", "will", "can", "could")

// splitCompound returns the two questions text asks, or nil when it asks
// one. Each half has at least three words ("when and where did it happen"
// is one question) and the second starts with a question word.
func splitCompound(text string) []string {
	words := strings.Fields(text)
	for i := 3; i+2 < len(words); i++ {
		w := strings.ToLower(strings.Trim(words[i], ",?!"))
		prev := words[i-1]
		joined := strings.EqualFold(prev, "and") || strings.HasSuffix(prev, ",") || strings.HasSuffix(prev, "?")
		if !joined || !compoundOpeners[shortQuestionWord(w)] {
			continue
		}
		first := words[:i]
		if strings.EqualFold(prev, "and") {
			first = words[:i-1]
		}
		if len(first) < 3 {
			continue
		}
		return []string{strings.TrimRight(strings.Join(first, " "), ",?! "), strings.Join(words[i:], " ")}
	}
	return nil
}

// withContext gives the second half of a compound question the first
// half's topic when it has none of its own ("how old is he" after "whats
// the coach's name"): the first half's content words, after its own.
func (ix *Index) withContext(second question, first question) question {
	if second.core() > 0 {
		return second
	}
	for _, g := range first.groups {
		if !g.optional && !containsGroup(second.groups, g) {
			second.groups = append(second.groups, g)
		}
	}
	return second
}

func containsGroup(gs []termGroup, g termGroup) bool {
	for _, h := range gs {
		if h.word == g.word {
			return true
		}
	}
	return false
}

// interleave merges two answer lists, one from each, first's first, each
// answer once (the same passage can answer both halves), at most limit.
func interleave(first, second []Answer, limit int) []Answer {
	out := make([]Answer, 0, min(limit, len(first)+len(second)))
	seen := map[string]bool{}
	add := func(a Answer) {
		key := a.Text
		if len(a.Reports) > 0 {
			key = a.Reports[0].ArticleID + "\x00" + a.Text
		}
		if !seen[key] && len(out) < limit {
			seen[key] = true
			out = append(out, a)
		}
	}
	for i := 0; i < len(first) || i < len(second); i++ {
		if i < len(first) {
			add(first[i])
		}
		if i < len(second) {
			add(second[i])
		}
	}
	return out
}
