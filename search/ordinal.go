package search

import (
	"strings"
	"unicode"
)

// ordinalWords are the ordinals news text numbers events with ("the
// second black box", "the first boys", "le dernier"), in the languages
// coverage comes in, by rank (-1 for last).
var ordinalWords = func() map[string]int {
	m := map[string]int{}
	for n, words := range map[int]string{
		1:  "first premier première premiers premières primero primera primeros primeras primo prima primi prime primeiro primeira primeiros primeiras erste ersten erster erstes eerste",
		2:  "second seconde secondes deuxième deuxièmes segundo segunda segundos segundas secondo seconda zweite zweiten zweiter zweites tweede",
		3:  "third troisième tercero tercera tercer terzo terza terceiro terceira dritte dritten dritter derde",
		-1: "last dernier dernière derniers dernières último última últimos últimas ultimo ultima ultimi letzte letzten letzter laatste",
	} {
		for _, w := range strings.Fields(words) {
			m[w] = n
		}
	}
	return m
}()

// ordinalsIn are the ranks of the ordinals text holds.
func ordinalsIn(text string) map[int]bool {
	var out map[int]bool
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if n, ok := ordinalWords[w]; ok {
			if out == nil {
				out = map[int]bool{}
			}
			out[n] = true
		}
	}
	return out
}

// otherOrdinalWeight is what a passage keeps of its score when it numbers
// another one of what the question asks about.
const otherOrdinalWeight = 0.5

// otherOrdinal reports whether text numbers a different one of what the
// question asks about: asked which black box they found first, a passage
// about "la segunda caja negra" (and no first) is about another one.
func otherOrdinal(asked map[int]bool, text string) bool {
	if len(asked) == 0 {
		return false
	}
	held := ordinalsIn(text)
	if len(held) == 0 {
		return false
	}
	for n := range asked {
		if held[n] {
			return false
		}
	}
	return true
}
