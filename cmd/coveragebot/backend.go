package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/coveragebot/coveragebot/bot"
	"github.com/coveragebot/coveragebot/search"
)

// startBot opens what both Discord transports stand on: the index (updated
// from the corpus first), the settings store beside it, the live corpus
// watch and digest scheduler, the feeds' background poll and /feeds (when
// the corpus is a folder and COVERAGE_FETCH_CONTACT is set), and the bot's
// command layer. command ("run", "serve-http") is recorded as the index's
// holder while it runs, so other commands fail at once instead of waiting
// for it. release frees them in the order they must go: the live parts
// before the store and the index they write to.
func startBot(ctx context.Context, e env, command string, cf *corpusFlags, dc discordConfig, log *slog.Logger) (b *bot.Bot, release func(), err error) {
	var closers []func()
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	// closeAll, not release: an error return sets the named release to nil
	// before deferred calls run.
	defer func() {
		if err != nil {
			closeAll()
		}
	}()

	ix, info, sum, err := openIndex(ctx, e, cf.corpus, cf.index, command, search.Options{})
	if err != nil {
		return nil, nil, err
	}
	closers = append(closers, func() { ix.Close() })
	log.Info("index ready", "corpus", info.Describe(), "articles", sum.Articles, "outlets", sum.Outlets)

	store, err := bot.OpenStore(bot.StorePath(info.IndexDir))
	if err != nil {
		return nil, nil, fmt.Errorf("open the settings store next to index %s: %w", info.IndexDir, err)
	}
	closers = append(closers, func() { store.Close() })

	digest, stopLive, err := startLive(ctx, ix, info, store, e.now(), dc.token, dc.apiBase, log)
	if err != nil {
		return nil, nil, err
	}
	closers = append(closers, stopLive)

	commands := []bot.Command{digest}
	if feeds := newFeedService(e, info, log); feeds != nil {
		if dc.token != "" && dc.guildID != "" {
			rest, err := bot.NewRESTSession(dc.token, dc.apiBase)
			if err != nil {
				return nil, nil, err
			}
			sender := bot.SessionSender{Session: rest}
			feeds.notify = func(ctx context.Context, h bot.FeedHealth) error {
				return bot.PostFeedHealth(ctx, store, sender, dc.guildID, h)
			}
		}
		closers = append(closers, feeds.start(ctx))
		commands = append(commands, bot.NewFeeds(feeds, dc.guildID).Command())
	}

	b = bot.New(bot.Config{Coverage: ix, Settings: store, Logger: log, Commands: commands})
	return b, closeAll, nil
}
