// Package feed is how coverage comes in by itself: it reads RSS, Atom and
// JSON Feed documents, finds a site's feeds from its home page, fetches
// feeds and article pages politely and safely, and writes each new item's
// page into the corpus folder, where corpus reads it like any scraped
// article. Fetching articles is "articles in", so it lives under corpus.
//
// feed imports corpus and text libraries only; it must not import search,
// bot, bleve or discordgo. Feed state is kept behind the Store interface
// declared here; implementations live in their own packages (feedbolt), and
// feedtest holds the contract every one must pass.
package feed
