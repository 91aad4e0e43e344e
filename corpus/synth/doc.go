// Package synth writes deterministic synthetic news corpora for benchmarks:
// scraped-looking articles in the formats package corpus reads (text with
// front matter, HTML pages, JSON lines), where several outlets carry the
// same wire story with small edits and each outlet wraps it in its own
// boilerplate (menus, paywall blocks with price lines, captions, "Read
// More", tag lists).
//
// The text is statistically honest rather than readable: content words are
// drawn from a Zipf distribution (exponent 1.05) over a vocabulary that
// grows with the corpus (Heaps' law; new pseudo-words appear as more text is
// written), modifiers and compounds follow a per-word Markov choice so word
// pairs recur and phrase queries find things, entities repeat within an
// article and within a news cycle, and speakers come from a power-law pool.
// The same Config always produces byte-identical files.
//
// synth imports only the standard library.
package synth
