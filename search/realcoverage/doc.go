// Package realcoverage measures answer quality on real news coverage that no
// rule was tuned to: real scraped articles about several stories, questions
// written the way members of a server ask them, and the plain bleve
// baseline run on the same articles and questions in the same run.
//
// Third-party text is never committed. The repository keeps a manifest
// (file, url, outlet, date, language and the query that found each page),
// the questions with their key phrases, hand-marked speakers and the
// scoring code; the articles live in testdata/articles, which git ignores
// and which is rebuilt from the manifest (see testdata/README.md). Without
// it the evaluation says it skipped.
//
// realcoverage may import search, corpus and bleve (for the baseline); it
// must not import discordgo or the bot package.
package realcoverage
