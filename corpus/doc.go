// Package corpus turns a folder of scraped news articles into clean
// articles: it reads plain text (with optional front matter), HTML and JSON
// lines, removes scraped junk without losing a sentence of the story, splits
// sentences, extracts direct quotes with their speakers and knows each
// article's outlet, url and date.
//
// corpus owns the article model. It must not import bleve, discordgo or
// godotenv, nor any other package of this module.
package corpus
