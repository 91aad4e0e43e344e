package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

// Coverage is what the bot needs from the index; *search.Index satisfies it.
type Coverage interface {
	Answer(ctx context.Context, q search.Question) (search.Answers, error)
	Quotes(ctx context.Context, speaker, about string, limit int) (search.Answers, error)
	Article(ctx context.Context, id string) (*corpus.Article, error)
	// ArticleByShortID finds the article search.ShortArticleID names, for
	// buttons and autocomplete values too short for its id.
	ArticleByShortID(ctx context.Context, short string) (*corpus.Article, error)
	Outlets(ctx context.Context) ([]search.OutletStats, error)
	Speakers(ctx context.Context, prefix string, limit int) ([]string, error)
	Coverage() search.Coverage
}

// Command is one slash command: its definition as registered with Discord
// and its handlers. Commands are values, so adding one is adding an entry
// to the list New builds (or to Config.Commands from another file).
type Command struct {
	Name        string // lowercase, 1-32 characters: a-z, 0-9, - and _
	Description string // 1-100 characters, shown in Discord's command picker
	Options     []Option

	// Permissions a member must hold to run the command (a Discord
	// permission bit set, e.g. PermissionManageServer). It is registered as
	// default_member_permissions AND checked again on every interaction,
	// because server admins can change a command's default permissions.
	Permissions int64
	// GuildOnly commands are not offered in DMs.
	GuildOnly bool
	// Home commands are registered on the bot's home server only, when it
	// has one (see RegisterCommands); the others everywhere.
	Home bool
	// Defer means the answer may take longer than Discord's 3 s: the
	// interaction is acknowledged at once and the answer edited in.
	Defer bool
	// Cooldown means the command is expensive: a user who ran one recently
	// is asked to wait (Config.Cooldown).
	Cooldown bool

	Handle func(ctx context.Context, in Interaction) (Reply, error)
	// Autocomplete suggests values for in.Focused; nil when no option of
	// the command autocompletes.
	Autocomplete func(ctx context.Context, in Interaction) ([]Choice, error)

	// pagers turn the pages of the command's paged replies, by page kind;
	// for commands built outside the Bot (it registers them), which start
	// their pages with startPages.
	pagers map[string]pager
}

// Option is a command option or subcommand.
type Option struct {
	Name        string
	Description string
	Type        OptionType
	Required    bool
	// Autocomplete asks Discord to call the command's Autocomplete as the
	// user types (string options only).
	Autocomplete bool
	MaxLength    int      // strings; 0 for Discord's default
	ChannelTypes []int    // channel options: allowed channel types
	Choices      []Choice // fixed choices
	Options      []Option // subcommands' own options
}

// OptionType is Discord's application command option type.
type OptionType int

// Option types, numbered as Discord numbers them.
const (
	OptionSubcommand      OptionType = 1
	OptionSubcommandGroup OptionType = 2
	OptionString          OptionType = 3
	OptionInteger         OptionType = 4
	OptionBoolean         OptionType = 5
	OptionUser            OptionType = 6
	OptionChannel         OptionType = 7
)

// Permission bits the bot checks.
const (
	PermissionAdministrator int64 = 1 << 3
	PermissionManageServer  int64 = 1 << 5
)

// Component handles presses of buttons whose custom id starts with
// Prefix + ":".
type Component struct {
	Prefix string
	Handle func(ctx context.Context, in Interaction) (Reply, error)
	// Cooldown means a press does real work (re-running a search, loading
	// an article): a user pressing again within the press cooldown is
	// asked to wait.
	Cooldown bool
}

// Config configures a Bot.
type Config struct {
	Coverage Coverage
	// Settings persists per-server settings (the qa-channel); nil disables
	// /settings.
	Settings Settings
	Logger   *slog.Logger
	// Cooldown is how long a user waits between expensive commands; zero
	// means DefaultCooldown, negative disables it.
	Cooldown time.Duration
	// PageTTL is how long paging buttons keep working; zero means
	// DefaultPageTTL.
	PageTTL time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Commands and Components are added to the built-in ones, so other
	// files (the digest) can contribute commands without editing this one.
	Commands   []Command
	Components []Component
}

// Defaults for Config.
const (
	DefaultCooldown = 3 * time.Second
	DefaultPageTTL  = 15 * time.Minute
)

// Bot is the command layer. It is safe for concurrent use.
type Bot struct {
	cov       Coverage
	settings  Settings
	log       *slog.Logger
	now       func() time.Time
	pageTTL   time.Duration
	ackBudget time.Duration
	cooldown  *cooldown
	// pressCooldown rate-limits button presses that re-run work.
	pressCooldown *cooldown
	commands      []Command
	byName        map[string]*Command
	components    map[string]Component
	pagers        map[string]pager

	mu             sync.Mutex
	messageContent bool // the gateway was granted the Message Content intent
}

// New builds the bot's command layer: the built-in commands, then
// cfg.Commands.
func New(cfg Config) *Bot {
	b := &Bot{
		cov:       cfg.Coverage,
		settings:  cfg.Settings,
		log:       cfg.Logger,
		now:       cfg.Now,
		pageTTL:   cfg.PageTTL,
		ackBudget: ackBudget,
	}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.now == nil {
		b.now = time.Now
	}
	if b.pageTTL <= 0 {
		b.pageTTL = DefaultPageTTL
	}
	window := cfg.Cooldown
	if window == 0 {
		window = DefaultCooldown
	}
	b.cooldown = newCooldown(window)
	// Presses get their own, shorter cooldown: paging right after asking
	// is fine, hammering a button is not.
	b.pressCooldown = newCooldown(window / 3)

	b.commands = []Command{
		b.askCommand(),
		b.quotesCommand(),
		b.sourcesCommand(),
		b.articleCommand(),
		b.helpCommand(),
	}
	if b.settings != nil {
		b.commands = append(b.commands, b.settingsCommand())
	}
	b.commands = append(b.commands, cfg.Commands...)
	b.byName = make(map[string]*Command, len(b.commands))
	for i := range b.commands {
		b.byName[b.commands[i].Name] = &b.commands[i]
	}

	b.pagers = map[string]pager{
		pageAsk:     b.askPager(),
		pageQuotes:  b.quotesPager(),
		pageSources: b.sourcesPager(),
		pageArticle: b.articlePager(),
	}
	for _, c := range b.commands {
		for kind, p := range c.pagers {
			b.pagers[kind] = p
		}
	}
	b.components = map[string]Component{
		pagePrefix:    {Prefix: pagePrefix, Handle: b.handlePage, Cooldown: true},
		articlePrefix: {Prefix: articlePrefix, Handle: b.handleShowArticle, Cooldown: true},
	}
	for _, c := range cfg.Components {
		b.components[c.Prefix] = c
	}
	return b
}

// Commands returns the command definitions, for registration.
func (b *Bot) Commands() []Command { return b.commands }

// plan says how a transport should acknowledge an interaction before the
// answer is ready.
type plan struct {
	deferNow bool // acknowledge at once (type 5 / 6), then edit
}

// planFor returns how to acknowledge in, and an immediate reply when the
// interaction can be refused without running a handler (cooldown,
// permissions, unknown command).
func (b *Bot) planFor(in Interaction) (plan, *Reply) {
	switch in.Kind {
	case KindCommand:
		cmd, ok := b.byName[in.Command]
		if !ok {
			r := ephemeral("That command isn't available any more — Discord may still be updating its list. Try again in a minute.")
			return plan{}, &r
		}
		if r := b.checkPermissions(cmd, in); r != nil {
			return plan{}, r
		}
		if cmd.Cooldown {
			if wait := b.cooldown.take(in.UserID, b.now()); wait > 0 {
				r := ephemeral("You're asking quickly — please wait " + seconds(wait) + " and try again.")
				return plan{}, &r
			}
		}
		return plan{deferNow: cmd.Defer}, nil
	case KindComponent:
		prefix, _, _ := strings.Cut(in.CustomID, ":")
		if c, ok := b.components[prefix]; ok && c.Cooldown {
			if wait := b.pressCooldown.take(in.UserID, b.now()); wait > 0 {
				r := ephemeral("You're pressing quickly — please wait " + seconds(wait) + " and try again.")
				return plan{}, &r
			}
		}
	}
	return plan{}, nil
}

// checkPermissions refuses a command the member may not run, whatever the
// server set as the command's default permissions.
func (b *Bot) checkPermissions(cmd *Command, in Interaction) *Reply {
	if (cmd.GuildOnly || cmd.Permissions != 0) && !in.InGuild {
		r := ephemeral("This command works in a server, not in direct messages.")
		return &r
	}
	if cmd.Permissions == 0 || in.Permissions&PermissionAdministrator != 0 {
		return nil
	}
	if in.Permissions&cmd.Permissions != cmd.Permissions {
		r := ephemeral("You need the **" + permissionName(cmd.Permissions) + "** permission to use /" + cmd.Name + ".")
		return &r
	}
	return nil
}

func permissionName(p int64) string {
	if p == PermissionManageServer {
		return "Manage Server"
	}
	return "required"
}

// Handle runs the handler for in and returns the reply, fitted to Discord's
// limits. Errors become friendly ephemeral replies (see userMessage).
func (b *Bot) Handle(ctx context.Context, in Interaction) Reply {
	if _, early := b.planFor(in); early != nil {
		return Fit(*early)
	}
	return b.run(ctx, in)
}

// run runs in's handler without the checks planFor already made.
func (b *Bot) run(ctx context.Context, in Interaction) Reply {
	r, err := b.dispatchSafely(ctx, in)
	if err != nil {
		r = b.errorReply(in, err)
	}
	return Fit(r)
}

// errPanic stands for a handler that panicked: the asker gets "Something
// went wrong", the log one line with the stack, and the bot keeps serving.
var errPanic = errors.New("bot: handler panicked")

// dispatchSafely is dispatch with a panic turned into errPanic, so one bad
// input cannot take the whole bot (and every interaction in flight) down.
func (b *Bot) dispatchSafely(ctx context.Context, in Interaction) (r Reply, err error) {
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("handler panicked", "interaction", in.ID, "command", in.Command, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			r, err = Reply{}, errPanic
		}
	}()
	return b.dispatch(ctx, in)
}

func (b *Bot) dispatch(ctx context.Context, in Interaction) (Reply, error) {
	switch in.Kind {
	case KindCommand:
		cmd, ok := b.byName[in.Command]
		if !ok {
			return ephemeral("That command isn't available any more."), nil
		}
		in.pageExpires = b.now().Add(b.pageTTL)
		return cmd.Handle(ctx, in)
	case KindAutocomplete:
		cmd, ok := b.byName[in.Command]
		if !ok || cmd.Autocomplete == nil {
			return Reply{Choices: []Choice{}}, nil
		}
		choices, err := cmd.Autocomplete(ctx, in)
		if err != nil {
			// Autocomplete has no way to show an error; suggest nothing.
			b.log.Warn("autocomplete failed", "interaction", in.ID, "command", in.Command, "err", err)
			return Reply{Choices: []Choice{}}, nil
		}
		if choices == nil {
			choices = []Choice{}
		}
		return Reply{Choices: choices}, nil
	case KindComponent:
		prefix, _, _ := strings.Cut(in.CustomID, ":")
		c, ok := b.components[prefix]
		if !ok {
			return ephemeral("This button no longer works. Run the command again."), nil
		}
		return c.Handle(ctx, in)
	}
	return ephemeral("I can't handle that kind of interaction."), nil
}

func ephemeral(text string) Reply { return Reply{Content: text, Ephemeral: true} }
