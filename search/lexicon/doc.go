// Package lexicon bridges the words of a question and the words of its
// answer: "died" to "killed" and "death", "ballot" to "vote", "ferry" to
// "vessel". It reads WordNet (Debian's wordnet-base) when it is installed
// and otherwise serves an embedded table derived from WordNet's most used
// words, so the bot answers paraphrased questions on a machine with only
// Go, and better with the package.
//
// Every related word carries a weight below 1, by how close the relation
// is (a derived form of the same word above a synonym, a synonym above a
// broader or narrower term), so that a question's own words always count
// most.
//
// lexicon imports only the standard library.
package lexicon
