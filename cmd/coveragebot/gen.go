package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/coveragebot/coveragebot/corpus/synth"
)

const genUsage = `Usage: coveragebot gen --articles N [--seed S] --out DIR [--force]

Writes a synthetic corpus for benchmarks: scraped-looking articles (text with
front matter, HTML pages, JSON lines feeds) where several made-up outlets
carry the same wire story with small edits, each in its own boilerplate. The
same --articles and --seed always write the same bytes.

Flags:
`

func runGen(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(twoDashes{e.stderr})
	fs.Usage = func() {
		fmt.Fprint(e.stderr, genUsage)
		printFlags(fs)
	}
	articles := fs.Int("articles", 0, "how many articles to write, `N` (required)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed writes the same corpus")
	out := fs.String("out", "", "the `DIR` to write the corpus into (required; must be empty unless --force)")
	force := fs.Bool("force", false, "write into a folder that already has files (a corpus gen wrote there before is replaced)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(e.stderr, "coveragebot gen: unexpected argument %q\n\n", fs.Arg(0))
	case *articles <= 0:
		fmt.Fprint(e.stderr, "coveragebot gen: --articles must be a positive number\n\n")
	case *out == "":
		fmt.Fprint(e.stderr, "coveragebot gen: --out is required: the folder to write the corpus into\n\n")
	default:
		start := time.Now()
		m, err := synth.WriteDir(ctx, *out, synth.Config{Articles: *articles, Seed: *seed}, *force)
		if err != nil {
			return fmt.Errorf("generate corpus in %s: %w", *out, err)
		}
		fmt.Fprintf(e.stdout, "Wrote %s in %s (seed %d)\n%s", *out, time.Since(start).Round(time.Millisecond), *seed, m.Summary())
		return nil
	}
	fs.Usage()
	return errUsage
}
