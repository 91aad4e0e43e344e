package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/net/netutil"

	"github.com/coveragebot/coveragebot/bot"
)

const serveHTTPUsage = `Usage: coveragebot serve-http [--addr :8080] [--corpus DIR] [--index DIR]

Serves Discord's interactions endpoint: set the Interactions Endpoint URL of
your application to this server's public https URL. Requests are verified
with the application's public key. The endpoint keeps no state between
requests, so any number of replicas can run behind a load balancer. GET
/healthz answers 200 for health checks.

Environment (or .env):
  DISCORD_PUBLIC_KEY  the application's public key (General Information); required
  DISCORD_TOKEN       when set, the commands are registered at start (one bulk overwrite)
  DISCORD_APP_ID      the application id (default: read from the token)
  DISCORD_GUILD_ID    the bot's home server: /feeds is registered there alone, the other
                      commands globally (default: every command globally)
  DISCORD_API_BASE    send REST calls here instead of https://discord.com
  LOG_LEVEL           debug, info, warn or error

Flags:
`

// Timeouts of the endpoint: Discord sends small requests and wants an
// answer within 3 s; slow or idle clients are cut off.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 15 * time.Second
	idleTimeout       = 60 * time.Second
	shutdownTimeout   = 20 * time.Second
)

// maxConnections bounds the endpoint's open connections: with bodies
// capped at bot.DefaultMaxBody, at most a few MB are held for clients
// however many connect; the rest wait to be accepted.
const maxConnections = 128

// serverTimeouts are an endpoint's limits on slow clients.
type serverTimeouts struct {
	readHeader, read, write, idle time.Duration
}

var endpointTimeouts = serverTimeouts{readHeader: readHeaderTimeout, read: readTimeout, write: writeTimeout, idle: idleTimeout}

// newHTTPServer returns the interactions endpoint's server: a client that
// is slow to send its headers or body, or idles, is cut off, and headers
// are capped (the body is capped by the handler).
func newHTTPServer(h http.Handler, t serverTimeouts) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
		MaxHeaderBytes:    16 << 10,
	}
}

// listenEndpoint listens on addr and holds at most maxConns connections
// open at once; further clients wait to be accepted.
func listenEndpoint(addr string, maxConns int) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return netutil.LimitListener(ln, maxConns), nil
}

func runServeHTTP(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("serve-http", flag.ContinueOnError)
	fs.SetOutput(twoDashes{e.stderr})
	fs.Usage = func() {
		fmt.Fprint(e.stderr, serveHTTPUsage)
		printFlags(fs)
	}
	addr := fs.String("addr", ":8080", "the `address` to listen on, host:port or :port")
	cf := addCorpusFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("serve-http takes no arguments (got %q)", strings.Join(fs.Args(), " "))
	}
	rawKey := strings.TrimSpace(e.getenv(envPublicKey))
	if rawKey == "" {
		return fmt.Errorf("%s is not set: copy the Public Key from the Developer Portal (General Information) into .env or the environment", envPublicKey)
	}
	key, err := bot.ParsePublicKey(rawKey)
	if err != nil {
		return fmt.Errorf("%s is not a public key: it is the 64 hex characters under General Information → Public Key", envPublicKey)
	}
	var dc discordConfig
	if strings.TrimSpace(e.getenv(envToken)) != "" {
		// Registration needs the bot token; answering does not.
		if dc, err = discordSettings(e); err != nil {
			return err
		}
	} else if dc.apiBase, err = apiBase(e); err != nil {
		return err
	}
	logger, err := newLogger(e)
	if err != nil {
		return err
	}
	log := logger.With("component", "bot-http")

	b, closeBot, err := startBot(ctx, e, "serve-http", cf, dc, log)
	if err != nil {
		return err
	}
	defer closeBot()
	h, err := b.NewHTTPHandler(bot.HTTPConfig{PublicKey: key, APIBase: dc.apiBase, Logger: log})
	if err != nil {
		return err
	}
	if dc.token != "" {
		rest, err := bot.NewRESTSession(dc.token, dc.apiBase)
		if err != nil {
			return err
		}
		if err := b.RegisterCommands(ctx, rest, dc.appID, dc.guildID); err != nil {
			return tokenRefused(err)
		}
		log.Info("commands registered", "home", dc.guildID)
	} else {
		log.Warn("DISCORD_TOKEN is not set: commands are not registered at start; register them once with `coveragebot run` or set the token")
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.Handle("/", h)

	ln, err := listenEndpoint(*addr, maxConnections)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (pass another --addr)", *addr, err)
	}
	srv := newHTTPServer(mux, endpointTimeouts)
	log.Info("serving Discord interactions", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing replies under way")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("shutdown", "err", err)
	}
	h.Wait()
	return nil
}
