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

// Words that open the second question after "and", a comma or a question
// mark: a question word, or an auxiliary that a subject follows ("and did
// it sink"; "who was arrested and was charged" shares its subject and is
// one question).
var (
	compoundAuxiliaries = setOf("did", "does", "do", "was", "were", "is", "are", "has", "have", "had", "will", "can", "could")
	// relativeWords after a comma start a clause of the first question,
	// not a second one: "why did the captain, who was 69, leave first"
	relativeWords = setOf("who", "which", "where", "when", "whose")
	// subjectWords after an auxiliary make it a question of its own
	subjectWords = setOf("it", "he", "she", "they", "we", "you", "i", "the", "a", "an", "this", "that", "these", "those",
		"there", "anyone", "anybody", "someone", "somebody", "everyone", "any", "his", "her", "their", "its")
)

// splitCompound returns the two questions text asks, or nil when it asks
// one. Each half is a question of its own: the first opens with a
// question word or an auxiliary (after any time phrase, see leadIn), the
// second with a question word, or an auxiliary and its subject; each has
// at least three words ("when and where did it happen" is one question).
func splitCompound(text string) []string {
	words := strings.Fields(text)
	if len(words) < 6 {
		return nil
	}
	for i := 3; i+2 < len(words); i++ {
		w := shortQuestionWord(strings.ToLower(strings.Trim(words[i], ",?!")))
		prev := words[i-1]
		and := strings.EqualFold(prev, "and")
		comma := strings.HasSuffix(prev, ",")
		if !and && !comma && !strings.HasSuffix(prev, "?") {
			continue
		}
		switch {
		case askingWords[w]:
			if comma && relativeWords[w] {
				continue
			}
		case compoundAuxiliaries[w]:
			next := strings.ToLower(strings.Trim(words[i+1], ",?!"))
			if !subjectWords[next] && !isCapitalised(words[i+1]) {
				continue
			}
		default:
			continue
		}
		first := words[:i]
		if and {
			first = words[:i-1]
		}
		if len(first) < 3 || !opensQuestion(first) {
			continue
		}
		return []string{strings.TrimRight(strings.Join(first, " "), ",?! "), strings.Join(words[i:], " ")}
	}
	return nil
}

// opensQuestion reports whether words open with a question word or an
// auxiliary, after any time phrase: "a few days after the crash, what did
// the prosecutors say" is one question placed in time, not two.
func opensQuestion(words []string) bool {
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = shortQuestionWord(strings.ToLower(strings.Trim(w, ",?!")))
	}
	first := lower[leadIn(lower)]
	return askingWords[first] || compoundAuxiliaries[first]
}

// withContext gives the second half of a compound question the first
// half's topic when it has none of its own ("how old is he" after "whats
// the coach's name"): the first half's content words, after its own, but
// not a word that only names the kind of answer the first half wants.
func withContext(second, first question) question {
	if second.core() > 0 {
		return second
	}
	for _, g := range first.groups {
		if !g.optional && !answerKindWords[strings.ToLower(g.word)] && !containsGroup(second.groups, g) {
			second.groups = append(second.groups, g)
		}
	}
	return second
}

// answerKindWords say what kind of answer a question wants, not what it
// is about ("whats the coach's name").
var answerKindWords = setOf("name", "names", "age", "number", "date", "time", "place")

// containsGroup reports whether gs holds a group of g's word.
func containsGroup(gs []termGroup, g termGroup) bool {
	for _, h := range gs {
		if h.word == g.word {
			return true
		}
	}
	return false
}

// interleave merges two answer lists, one from each, first's first, at
// most limit. An answer that shares a report's passage with one already
// taken (the same sentence of the same article, whichever outlet led it)
// is the same answer and comes once.
func interleave(first, second []Answer, limit int) []Answer {
	out := make([]Answer, 0, min(limit, len(first)+len(second)))
	add := func(a Answer) {
		if len(out) >= limit {
			return
		}
		for _, kept := range out {
			if sharesPassage(kept, a) {
				return
			}
		}
		out = append(out, a)
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

// sharesPassage reports whether a and b have a report each from the same
// article whose passages overlap.
func sharesPassage(a, b Answer) bool {
	for _, r := range a.Reports {
		for _, s := range b.Reports {
			if r.ArticleID == s.ArticleID && r.Start < s.End && s.Start < r.End {
				return true
			}
		}
	}
	return false
}
