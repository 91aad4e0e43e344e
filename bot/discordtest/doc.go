// Package discordtest is a fake Discord for tests: a REST API and a
// websocket gateway on 127.0.0.1 that a real discordgo client talks to, a
// record of every request it sent, and checks of each request against
// Discord's OpenAPI spec plus the limits the spec cannot express.
//
// It is a test helper: only _test.go files should import it. It imports
// discordgo (for the types it decodes into) and nothing of search or corpus.
//
// What the fake does, as Discord does:
//   - GET /gateway hands out the fake's ws:// URL; the gateway sends HELLO,
//     answers IDENTIFY with READY (and GUILD_CREATE), ACKs heartbeats,
//     replays missed events on RESUME, and dispatches INTERACTION_CREATE
//     and MESSAGE_CREATE (content withheld without the Message Content
//     intent unless the bot is mentioned).
//   - Interactions: one acknowledgement each (a second gets 400 code
//     40060), deferred responses edited through /webhooks/{app}/{token},
//     follow-ups, component updates, autocomplete results.
//   - Channel messages honour nonce + enforce_nonce: the same nonce in the
//     same channel within the nonce window returns the first message.
//   - Command registration is a bulk overwrite that keeps ids stable.
//   - Faults: 429 with retry_after and X-RateLimit headers, 5xx, 5xx
//     after the request was applied (Lost), channels answering 403/404,
//     closed gateway connections, unanswered heartbeats.
//
// Everything the bot does wrong is a Violation: payloads outside the spec
// or Discord's limits (answered 400, like Discord), a second acknowledgement,
// a missing allowed_mentions (recorded, not refused: a project rule).
//
// Usage:
//
//	srv := discordtest.New(t)
//	dg := srv.Session(srv.Token()) // or point the bot's HTTP client at srv.URL()
//	dg.AddHandler(bot.onInteraction)
//	if err := dg.Open(); err != nil {
//		t.Fatal(err)
//	}
//	ix := srv.NewCommand("ask", discordtest.StringOption("question", "what did Kerry say?"))
//	if err := srv.DispatchInteraction(ix); err != nil {
//		t.Fatal(err)
//	}
//	edit, err := srv.WaitFor(ctx, discordtest.All(
//		discordtest.OnRoute(discordtest.RouteOriginalEdit),
//		discordtest.ForInteraction(ix.ID, ix.Token)))
//	// … assert on edit.Body or srv.OriginalResponse(ix.ID)
//	srv.AssertClean(t)
//
// The bot reaches the fake through its own http.RoundTripper that rewrites
// https://discord.com/ to DISCORD_API_BASE; give it srv.URL(). discordgo
// v0.29 calls /api/v9/; the fake serves v9 and v10 alike and validates
// both against the v10 spec.
package discordtest
