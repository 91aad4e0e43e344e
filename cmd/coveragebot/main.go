// Command coveragebot indexes scraped news coverage and answers questions
// about it, from the command line or as a Discord bot.
//
// Usage:
//
//	coveragebot index      [--corpus DIR] [--index DIR]
//	coveragebot ask        [--corpus DIR] [--index DIR] [--limit N] [--json] "question"
//	coveragebot digest     [--since 24h] [--json]
//	coveragebot feeds      add URL [--name NAME] | list | remove URL|NAME | fetch
//	coveragebot run        (Discord gateway bot)
//	coveragebot serve-http [--addr :8080] (Discord interactions endpoint)
//	coveragebot gen        --articles N --seed S --out DIR
//	coveragebot bench      (performance report)
//	coveragebot version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// A missing .env is normal; real environment variables always win.
	err := loadDotEnv(".env")
	if err == nil {
		err = run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	}
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "coveragebot:", err)
		}
		os.Exit(1)
	}
}

// errUsage is returned after usage has already been printed.
var errUsage = errors.New("usage")

// env is what every subcommand gets from the process: arguments aside.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// log is the process's one logger (level from LOG_LEVEL, to stderr);
	// tag it per component with log.With("component", ...).
	log *slog.Logger
	// clock is the time of a running bot's schedules; nil is the wall
	// clock (see env.now).
	clock clock
}

// subcommands maps each subcommand to the function that runs it. Each lives
// in a file of its own.
var subcommands = map[string]func(ctx context.Context, e env, args []string) error{
	"index":      runIndex,
	"ask":        runAsk,
	"digest":     runDigest,
	"feeds":      runFeeds,
	"run":        runGateway,
	"serve-http": runServeHTTP,
	"gen":        runGen,
	"bench":      runBench,
	"version":    runVersion,
}

const usage = `coveragebot answers questions about news coverage with the exact words, who said them and which outlets reported them.

Commands:
  index       build or update the index of a corpus folder
  ask         answer a question from the command line
  digest      print the digest of new coverage
  feeds       follow outlets' feeds: add, list, remove, fetch
  run         run the Discord bot over the gateway
  serve-http  serve Discord's interactions endpoint over HTTP
  gen         write a synthetic corpus for benchmarks
  bench       measure indexing and question latency against plain bleve
  version     print the version and the commit it was built from

Run "coveragebot COMMAND -h" for a command's flags.
`

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runEnv(ctx, env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}, args)
}

// runEnv is run with the process given as an env, so a test can give a
// running bot its own clock.
func runEnv(ctx context.Context, e env, args []string) error {
	stderr := e.stderr
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	cmd, ok := subcommands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "coveragebot: unknown command %q", args[0])
		if s := suggestCommand(args[0]); s != "" {
			fmt.Fprintf(stderr, ": did you mean %q?", s)
		}
		fmt.Fprintf(stderr, "\n\n%s", usage)
		return errUsage
	}
	logger, err := newLogger(e)
	if err != nil {
		return err
	}
	e.log = logger
	return cmd(ctx, e, args[1:])
}
