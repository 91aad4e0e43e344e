package bot

import "time"

// Kind says what started an interaction.
type Kind int

// The kinds of interaction the command layer handles.
const (
	KindCommand      Kind = iota + 1 // a slash command
	KindComponent                    // a button press
	KindAutocomplete                 // the user is typing an option with autocomplete
)

// Interaction is everything the command layer needs to know about one
// interaction, as plain values. Transports build it from Discord's payloads.
type Interaction struct {
	ID   string // the interaction id, for logs
	Kind Kind

	// Command is the slash command's name; Subcommand its subcommand path
	// ("qa-channel", or "group sub" for grouped subcommands).
	Command    string
	Subcommand string
	// Options holds the options the user gave, by name, as strings
	// (integers and booleans formatted, channels and users as ids).
	Options map[string]string
	// Focused names the option being typed, for autocomplete.
	Focused string

	// CustomID is the pressed component's id.
	CustomID string
	// Message is the message the pressed component is on.
	Message *Message

	UserID string
	// Permissions are the member's permissions in the channel (a bit set);
	// InGuild reports whether the interaction comes from a server at all.
	Permissions int64
	InGuild     bool
	GuildID     string
	ChannelID   string
	Locale      string

	// pageExpires is when paging buttons on the reply stop working, set by
	// the Bot before a command's Handle runs (see startPages).
	pageExpires time.Time
}

// Option returns the named option's value, "" when absent.
func (in Interaction) Option(name string) string { return in.Options[name] }

// Message is the part of a Discord message the command layer reads back
// (the reply a pressed button is on).
type Message struct {
	ID     string
	Embeds []Embed
}

// Reply is what the command layer answers. Transports turn it into an
// interaction response, a webhook edit or a channel message.
type Reply struct {
	Content    string
	Embeds     []Embed
	Components []Row
	// Ephemeral replies are seen only by the person who asked.
	Ephemeral bool
	// Update replaces the message a pressed component is on instead of
	// sending a new one.
	Update bool
	// Choices answers an autocomplete interaction.
	Choices []Choice
	// PingRepliedUser lets a reply to a message ping its author. Nothing
	// else in a reply ever pings anyone.
	PingRepliedUser bool
}

// Embed is a rich embed.
type Embed struct {
	Title       string
	URL         string
	Author      string
	Description string
	Fields      []Field
	Footer      string
	Color       int
	Timestamp   string // RFC 3339, "" for none
}

// Field is one embed field.
type Field struct {
	Name   string
	Value  string
	Inline bool
}

// Row is an action row of buttons.
type Row []Button

// Button is a message button: either an interactive one (CustomID) or a
// link (URL).
type Button struct {
	Label    string
	CustomID string
	URL      string
	Style    ButtonStyle
	Disabled bool
}

// ButtonStyle is Discord's button style.
type ButtonStyle int

// Button styles, numbered as Discord numbers them.
const (
	ButtonPrimary   ButtonStyle = 1
	ButtonSecondary ButtonStyle = 2
	ButtonLink      ButtonStyle = 5
)

// Choice is one autocomplete suggestion.
type Choice struct {
	Name  string
	Value string
}
