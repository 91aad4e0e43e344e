// Package search keeps a bleve index of the passages of a corpus (sentences
// and quotes, with article, outlet, speaker and position) and turns a
// question into ranked answers: verbatim quotes with their speaker, grouped
// across every outlet that reported them.
//
// search may import corpus and bleve; it must not import discordgo or the
// bot package, and it reads no environment variables. bleve types never
// leave this package.
package search
