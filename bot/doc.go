// Package bot is Coverage Bot's Discord side: the command layer (slash
// commands, buttons, autocomplete and @mentions as functions from plain
// values to plain replies), Discord's limits and manners enforced in one
// place (limits.go), and two thin transports that only convert to and from
// that layer: the discordgo gateway (Run) and the HTTP interactions endpoint
// (NewHTTPHandler).
//
// bot may import search and corpus types and discordgo; it must not import
// bleve. It consumes the index through the small Coverage interface, which
// *search.Index satisfies.
package bot
