package bot

import (
	"context"
	"fmt"
	"strings"
)

// FeedManager is what /feeds needs from the collection of feeds; cmd
// implements it over corpus/feed. Errors meant for the person who asked
// are *UserError; anything else is "Something went wrong".
type FeedManager interface {
	// AddFeed follows the feed at url (or the one a site's page announces)
	// and takes in what it can of its items before ctx ends.
	AddFeed(ctx context.Context, url, name string) (FeedAdded, error)
	// ListFeeds returns the feeds followed.
	ListFeeds(ctx context.Context) ([]FeedStatus, error)
	// RemoveFeed stops following the feed with that url or outlet name.
	RemoveFeed(ctx context.Context, key string) (FeedStatus, error)
}

// FeedAdded is what adding a feed found.
type FeedAdded struct {
	Name, URL string
	// Items in the feed; New articles written, FromFeed of which from the
	// feed's own text; Pending items left for the background poll.
	Items, New, FromFeed, Pending int
}

// FeedStatus is one followed feed as /feeds list shows it.
type FeedStatus struct {
	Name, URL string
	Articles  int
	// Health is "ok", "failing 3 times since …", "silent: …"; Flagged
	// reports failing or silent.
	Health  string
	Flagged bool
}

// Feeds is the /feeds command: one collection of feeds serves every server
// the bot is in, so it is managed from the bot's home server only.
type Feeds struct {
	m    FeedManager
	home string
}

// NewFeeds returns /feeds over m, usable in the server home (the
// DISCORD_GUILD_ID); with home "" it refuses everywhere and says why.
func NewFeeds(m FeedManager, home string) *Feeds { return &Feeds{m: m, home: home} }

// Command returns the /feeds command definition and handlers.
func (f *Feeds) Command() Command {
	return Command{
		Name:        "feeds",
		Description: "The outlets' feeds the bot gathers coverage from (Manage Server, home server)",
		Permissions: PermissionManageServer,
		GuildOnly:   true,
		Home:        true,
		Defer:       true,
		Options: []Option{
			{Name: "add", Description: "Follow an outlet's feed (or a site whose home page announces one)", Type: OptionSubcommand, Options: []Option{
				{Name: "url", Description: "The feed's url, or the site's home page", Type: OptionString, Required: true, MaxLength: 500},
				{Name: "name", Description: "The outlet's name as answers cite it (default: the feed's title)", Type: OptionString, MaxLength: 100},
			}},
			{Name: "list", Description: "The feeds followed, with their health", Type: OptionSubcommand},
			{Name: "remove", Description: "Stop following a feed (its articles stay)", Type: OptionSubcommand, Options: []Option{
				{Name: "feed", Description: "The feed's outlet or url", Type: OptionString, Required: true, Autocomplete: true, MaxLength: 500},
			}},
		},
		Handle:       f.handle,
		Autocomplete: f.autocomplete,
		pagers:       map[string]pager{pageFeeds: f.listPager()},
	}
}

func (f *Feeds) handle(ctx context.Context, in Interaction) (Reply, error) {
	if !in.InGuild || in.GuildID == "" {
		return ephemeral("Feeds are managed from the bot's home server."), nil
	}
	if in.Permissions&(PermissionManageServer|PermissionAdministrator) == 0 {
		return ephemeral("Only members with the **Manage Server** permission can manage feeds."), nil
	}
	if f.home == "" {
		return ephemeral("Feeds serve every server the bot is in, so they are managed from its home server only, and none is set: the bot's operator sets DISCORD_GUILD_ID (or uses `coveragebot feeds` on the command line)."), nil
	}
	if in.GuildID != f.home {
		return ephemeral("Feeds serve every server the bot is in, so they are managed from the bot's home server only."), nil
	}
	switch in.Subcommand {
	case "add":
		return f.add(ctx, in)
	case "list":
		return f.list(ctx, in)
	case "remove":
		return f.remove(ctx, in)
	}
	return ephemeral("Unknown feeds command. Try /feeds list."), nil
}

func (f *Feeds) add(ctx context.Context, in Interaction) (Reply, error) {
	url := strings.TrimSpace(in.Option("url"))
	if url == "" {
		return ephemeral("Give the feed's url, or the site's home page."), nil
	}
	added, err := f.m.AddFeed(ctx, url, strings.TrimSpace(in.Option("name")))
	if err != nil {
		return Reply{}, err
	}
	msg := fmt.Sprintf("Following **%s** — %s, %s", escapeMarkdown(added.Name), countNoun(added.Items, "item"), countNoun(added.New, "new article"))
	if added.FromFeed > 0 {
		msg += fmt.Sprintf(" (%d from the feed's own text: the page was blocked, paywalled or empty)", added.FromFeed)
	}
	msg += "."
	if added.Pending > 0 {
		msg += fmt.Sprintf(" The other %s follow within minutes.", countNoun(added.Pending, "item"))
	}
	msg += "\n<" + added.URL + ">"
	return Reply{Content: msg}, nil
}

func (f *Feeds) remove(ctx context.Context, in Interaction) (Reply, error) {
	s, err := f.m.RemoveFeed(ctx, strings.TrimSpace(in.Option("feed")))
	if err != nil {
		return Reply{}, err
	}
	return Reply{Content: fmt.Sprintf("Stopped following **%s**; its %s stay in the coverage.", escapeMarkdown(s.Name), countNoun(s.Articles, "article"))}, nil
}

func (f *Feeds) autocomplete(ctx context.Context, in Interaction) ([]Choice, error) {
	if in.Focused != "feed" || in.GuildID != f.home || f.home == "" {
		return nil, nil
	}
	feeds, err := f.m.ListFeeds(ctx)
	if err != nil {
		return nil, err
	}
	typed := strings.ToLower(strings.TrimSpace(in.Option("feed")))
	var out []Choice
	for _, s := range feeds {
		if typed != "" && !strings.Contains(strings.ToLower(s.Name), typed) && !strings.Contains(strings.ToLower(s.URL), typed) {
			continue
		}
		value := s.URL // RemoveFeed takes the url or the name; Discord takes 100 characters
		if len([]rune(value)) > MaxChoiceValue {
			value = s.Name
		}
		out = append(out, Choice{Name: Truncate(s.Name+" — "+s.URL, 100), Value: value})
		if len(out) == MaxChoices {
			break
		}
	}
	return out, nil
}

// countNoun is "1 item", "3 items".
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
