// Package bot is Coverage Bot's Discord side: the command layer (slash
// commands, buttons, autocomplete and @mentions as functions from plain
// values to plain replies), Discord's limits and manners enforced in one
// place (limits.go), and two thin transports that only convert to and from
// that layer: the discordgo gateway (Bot.RunGateway) and the HTTP
// interactions endpoint (Bot.NewHTTPHandler).
//
// Adding a command: in a file of its own, write a function returning a
// Command (name, description, options, Permissions, Defer, Cooldown,
// Handle, Autocomplete) and pass it in Config.Commands; buttons it adds
// are routed by the custom id's prefix through Config.Components. The
// registration payload, permission checks (default_member_permissions and
// again server-side), acknowledgement within 3 s, error text, limits and
// allowed_mentions then come with it. Digests.Command is an example.
//
// bot may import search and corpus types and discordgo; it must not import
// bleve. It consumes the index through the small Coverage interface, which
// *search.Index satisfies.
package bot
