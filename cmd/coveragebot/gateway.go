package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/coveragebot/coveragebot/bot"
)

// Environment variables of the Discord subcommands.
const (
	envToken     = "DISCORD_TOKEN"
	envAppID     = "DISCORD_APP_ID"
	envGuildID   = "DISCORD_GUILD_ID"
	envAPIBase   = "DISCORD_API_BASE"
	envPublicKey = "DISCORD_PUBLIC_KEY"
)

const gatewayUsage = `Usage: coveragebot run [--corpus DIR] [--index DIR]

Runs the Discord bot over the gateway: registers its slash commands, answers
them and @mentions until SIGINT/SIGTERM, then lets replies under way finish.

Environment (or .env):
  DISCORD_TOKEN     the bot token (Developer Portal → Bot → Reset Token); required
  DISCORD_APP_ID    the application id (default: read from the token)
  DISCORD_GUILD_ID  the bot's home server: /feeds is registered there alone, the other
                    commands globally (default: every command globally)
  DISCORD_API_BASE  send REST calls and the gateway lookup here instead of https://discord.com
                    (a rate-limit proxy such as nirn-proxy)
  LOG_LEVEL         debug, info, warn or error

Flags:
`

func runGateway(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(twoDashes{e.stderr})
	fs.Usage = func() {
		fmt.Fprint(e.stderr, gatewayUsage)
		printFlags(fs)
	}
	cf := addCorpusFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("run takes no arguments (got %q): configure it with flags and %s", strings.Join(fs.Args(), " "), envToken)
	}
	dc, err := discordSettings(e)
	if err != nil {
		return err
	}
	logger, err := newLogger(e)
	if err != nil {
		return err
	}
	log := logger.With("component", "bot")

	b, closeBot, err := startBot(ctx, e, "run", cf, dc, log)
	if err != nil {
		return err
	}
	defer closeBot()
	return tokenRefused(b.RunGateway(ctx, bot.GatewayConfig{
		Token:   dc.token,
		AppID:   dc.appID,
		GuildID: dc.guildID,
		APIBase: dc.apiBase,
		Logger:  log,
	}))
}

// tokenRefused turns Discord refusing a well-formed token (revoked, reset,
// another application's) into one line naming the variable to fix.
func tokenRefused(err error) error {
	if errors.Is(err, bot.ErrTokenMalformed) {
		return fmt.Errorf("%s was refused by Discord (reset or revoked?): copy the current token from the Developer Portal (Bot → Reset Token) into .env or the environment", envToken)
	}
	return err
}

// discordConfig is the gateway's Discord settings, checked.
type discordConfig struct {
	token, appID, guildID, apiBase string
}

// discordSettings reads and checks the Discord variables, so a mistake is
// one line naming the variable to fix, before anything is opened.
func discordSettings(e env) (discordConfig, error) {
	raw := strings.TrimSpace(e.getenv(envToken))
	token, tokenApp, err := bot.ParseToken(raw)
	switch {
	case errors.Is(err, bot.ErrTokenMissing):
		return discordConfig{}, fmt.Errorf("%s is not set: put the bot token (Developer Portal → your app → Bot → Reset Token) in .env or the environment", envToken)
	case err != nil:
		return discordConfig{}, fmt.Errorf("%s does not look like a bot token: copy it again from the Developer Portal (Bot → Reset Token), without quotes or spaces", envToken)
	}
	dc := discordConfig{token: token, appID: tokenApp}
	if id := strings.TrimSpace(e.getenv(envAppID)); id != "" {
		if !isSnowflake(id) {
			return dc, fmt.Errorf("%s=%q is not an application id: copy the Application ID from the Developer Portal (General Information)", envAppID, id)
		}
		dc.appID = id
	}
	if id := strings.TrimSpace(e.getenv(envGuildID)); id != "" {
		if !isSnowflake(id) {
			return dc, fmt.Errorf("%s=%q is not a server id: right-click the server with Developer Mode on → Copy Server ID, or leave it unset", envGuildID, id)
		}
		dc.guildID = id
	}
	base, err := apiBase(e)
	if err != nil {
		return dc, err
	}
	dc.apiBase = base
	return dc, nil
}

// apiBase reads DISCORD_API_BASE and checks it.
func apiBase(e env) (string, error) {
	base := strings.TrimSpace(e.getenv(envAPIBase))
	if base == "" {
		return "", nil
	}
	if _, err := bot.NewHTTPClient(base); err != nil {
		return "", fmt.Errorf("%s=%q is not a base URL: set it like http://nirn-proxy:8080, or leave it unset to talk to Discord directly", envAPIBase, base)
	}
	return base, nil
}

func isSnowflake(s string) bool {
	if len(s) < 5 || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
