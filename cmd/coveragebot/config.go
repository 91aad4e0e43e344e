package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/coveragebot/coveragebot/corpus/sample"
	"github.com/coveragebot/coveragebot/search"
	"github.com/coveragebot/coveragebot/search/lexicon"
	"github.com/coveragebot/coveragebot/search/translate"
)

// Environment variables read by the corpus and index settings. A flag always
// wins over its variable; the variable wins over the default.
const (
	envCorpus   = "COVERAGE_CORPUS"
	envIndex    = "COVERAGE_INDEX"
	envLogLevel = "LOG_LEVEL"
	envWordNet  = "COVERAGE_WORDNET"
	envFreeDict = "COVERAGE_FREEDICT"
)

// corpusFlags are the --corpus and --index flags shared by every subcommand
// that reads the coverage.
type corpusFlags struct {
	corpus string
	index  string
}

// addCorpusFlags registers --corpus and --index on fs.
func addCorpusFlags(fs *flag.FlagSet) *corpusFlags {
	var cf corpusFlags
	fs.StringVar(&cf.corpus, "corpus", "", "the `DIR` of scraped articles (default $"+envCorpus+", else the embedded sample corpus)")
	fs.StringVar(&cf.index, "index", "", "the index `DIR` (default $"+envIndex+", else a folder per corpus under the user cache folder)")
	return &cf
}

// corpusInfo says which corpus a subcommand works on and where its index is.
type corpusInfo struct {
	// Dir is the corpus folder as an absolute path; "" for the embedded sample.
	Dir string
	// FS reads the corpus: an os.Root's file system of Dir, or the
	// embedded sample.
	FS fs.FS
	// IndexDir is the index folder as an absolute path.
	IndexDir string
}

// Sample reports whether the corpus is the embedded sample.
func (c corpusInfo) Sample() bool { return c.Dir == "" }

// Describe names the corpus for people: its folder, or the embedded sample.
func (c corpusInfo) Describe() string {
	if c.Sample() {
		return "the embedded sample corpus"
	}
	return c.Dir
}

// resolveCorpus works out the corpus and index folders from the flags, then
// the environment, then the defaults, and checks the corpus folder exists.
// It creates nothing.
func resolveCorpus(e env, corpusFlag, indexFlag string) (corpusInfo, error) {
	var info corpusInfo
	dir, from := corpusFlag, "--corpus"
	if dir == "" {
		dir, from = strings.TrimSpace(e.getenv(envCorpus)), envCorpus
	}
	if dir == "" {
		info.FS = sample.FS
	} else {
		dir, err := expandHome(e, dir)
		if err != nil {
			return info, fmt.Errorf("corpus folder %q (from %s): %w", dir, from, err)
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return info, fmt.Errorf("corpus folder %q (from %s): %w", dir, from, err)
		}
		st, err := os.Stat(abs)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return info, fmt.Errorf("corpus folder %s does not exist: pass --corpus DIR or set %s", abs, envCorpus)
		case err != nil:
			return info, fmt.Errorf("corpus folder %s cannot be read (%w): check its permissions, or pass --corpus DIR", abs, err)
		case !st.IsDir():
			return info, fmt.Errorf("corpus %s is a file, not a folder: pass the folder holding your articles with --corpus DIR or %s", abs, envCorpus)
		}
		// os.Root: no link in the corpus can lead a read outside it. The
		// root stays open for the process's life.
		root, err := os.OpenRoot(abs)
		if err != nil {
			return info, fmt.Errorf("corpus folder %s cannot be opened (%w): check its permissions, or pass --corpus DIR", abs, err)
		}
		info.Dir, info.FS = abs, root.FS()
	}

	index := indexFlag
	if index == "" {
		index = strings.TrimSpace(e.getenv(envIndex))
	}
	if index == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return info, fmt.Errorf("no user cache folder to keep the index in (%w): pass --index DIR or set %s", err, envIndex)
		}
		index = defaultIndexDir(cache, info.Dir)
	}
	index, err := expandHome(e, index)
	if err != nil {
		return info, fmt.Errorf("index folder %q: %w", index, err)
	}
	abs, err := filepath.Abs(index)
	if err != nil {
		return info, fmt.Errorf("index folder %q: %w", index, err)
	}
	if info.Dir != "" && isWithin(abs, info.Dir) {
		// The index's own files would be read as articles on the next run.
		return info, fmt.Errorf("index folder %s is inside the corpus folder %s: pass an --index DIR outside it", abs, info.Dir)
	}
	info.IndexDir = abs
	return info, nil
}

// expandHome turns a leading ~ (alone or before a slash) into the home
// folder, as a shell would: a .env file or a --corpus=~/news flag is not
// expanded by any shell. ~user is left as it is.
func expandHome(e env, path string) (string, error) {
	if path != "~" && !strings.HasPrefix(path, "~/") && !strings.HasPrefix(path, `~`+string(filepath.Separator)) {
		return path, nil
	}
	home := strings.TrimSpace(e.getenv("HOME"))
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return path, fmt.Errorf("~ needs a home folder: %w", err)
		}
		home = h
	}
	return filepath.Join(home, path[1:]), nil
}

// defaultIndexDir is where a corpus's index lives when no folder is given:
// one folder per corpus under the user cache folder, so two corpora never
// share an index. corpusDir is absolute, or "" for the embedded sample.
func defaultIndexDir(cacheDir, corpusDir string) string {
	name := sample.Name
	if corpusDir != "" {
		sum := sha256.Sum256([]byte(filepath.Clean(corpusDir)))
		name = safeName(filepath.Base(corpusDir)) + "-" + hex.EncodeToString(sum[:6])
	}
	return filepath.Join(cacheDir, "coveragebot", name)
}

// safeName keeps a folder name readable in a path while dropping anything a
// file system might not like.
func safeName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if b.Len() >= 32 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	name := b.String()
	if name == "" {
		return "corpus"
	}
	return name
}

// isWithin reports whether path is dir or inside it. Both are absolute.
func isWithin(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// indexWait is how long a command waits for another process that has
// the index open: long enough for a cron "index" or another "ask" to
// bring a corpus of thousands of articles up to date. A running bot,
// which holds the index for good, is not waited for: run and serve-http
// record themselves as its holder (search.OpenOptions.Holder), and a
// command that finds one fails at once saying what to do.
const indexWait = 2 * time.Minute

// openIndex resolves the corpus and index settings, opens the index
// (creating it when missing) and brings it up to date with the corpus: new
// and changed files are indexed, deleted ones removed. On an unchanged
// corpus the update only compares content hashes, so it is cheap to call at
// every start. The caller closes the index.
//
// Every subcommand that answers from the coverage (ask, run, serve-http,
// digest, bench) starts with it, so they all agree on which corpus and
// which index folder a given set of flags and variables means. holder
// names a command that keeps the index open for as long as it runs ("run",
// "serve-http"); "" for one that lets go when its work is done.
func openIndex(ctx context.Context, e env, corpusFlag, indexFlag, holder string, opts search.Options) (*search.Index, corpusInfo, search.UpdateSummary, error) {
	info, err := resolveCorpus(e, corpusFlag, indexFlag)
	if err != nil {
		return nil, info, search.UpdateSummary{}, err
	}
	if err := os.MkdirAll(filepath.Dir(info.IndexDir), 0o755); err != nil {
		return nil, info, search.UpdateSummary{}, fmt.Errorf("create the folder for index %s (%w): pass --index DIR or set %s to a folder you can write", info.IndexDir, err, envIndex)
	}
	if holder != "" {
		holder = "coveragebot " + holder
	}
	ix, err := search.OpenWith(ctx, info.IndexDir, search.OpenOptions{
		Wait:   indexWait,
		Holder: holder,
		Waiting: func() {
			fmt.Fprintf(e.stderr, "Waiting for another coveragebot run updating the index %s (up to %v; Ctrl-C to stop)…\n", info.IndexDir, indexWait)
		},
	})
	if err != nil {
		// search's error already names the index folder.
		return nil, info, search.UpdateSummary{}, err
	}
	if l, set := openLexicon(e); set {
		ix.SetLexicon(l)
	}
	if t := openTranslator(e); t != nil {
		ix.SetTranslator(t)
	}
	restoreGC := indexingGC(e.getenv)
	sum, err := ix.Update(ctx, info.FS, opts)
	restoreGC()
	if err != nil {
		ix.Close()
		return nil, info, sum, fmt.Errorf("index %s into %s: %w", info.Describe(), info.IndexDir, err)
	}
	return ix, info, sum, nil
}

// openLexicon opens WordNet for bridging a question's words to its
// answer's: from $COVERAGE_WORDNET, else Debian's wordnet-base folder.
// Without it the index keeps its embedded word families (WordNet's most
// used words), and the log says so once; "off" turns bridging off. set
// is false when the index should keep its embedded table.
func openLexicon(e env) (l lexicon.Lexicon, set bool) {
	dir := strings.TrimSpace(e.getenv(envWordNet))
	if dir == "off" {
		e.log.Info("vocabulary bridging is off (" + envWordNet + "=off): questions must use the articles' own words")
		return nil, true
	}
	l, err := lexicon.OpenWordNet(dir)
	if err != nil {
		if dir == "" {
			dir = lexicon.DefaultWordNetDir
		}
		e.log.Info("WordNet not found: answering with the embedded word families of its most used words; install Debian's wordnet-base (or set "+envWordNet+") for the full lexicon", "folder", dir, "error", err)
		return nil, false
	}
	return l, true
}

// translators holds the process's FreeDict dictionaries, by folder: they
// are opened once (a quarter of a second, mostly German's index) and stay
// open while the process runs, whatever number of indexes it opens.
var translators struct {
	sync.Mutex
	byDir map[string]*translate.Dictionary
}

// openTranslator opens the FreeDict English-to-X dictionaries questions
// are translated with, to answer from articles in other languages: from
// $COVERAGE_FREEDICT, else Debian's dictd folder. Without them questions
// are answered from articles in their own language, and the log says so;
// "off" turns translation off. nil means none.
func openTranslator(e env) search.Translator {
	dir := strings.TrimSpace(e.getenv(envFreeDict))
	if dir == "off" {
		e.log.Info("translation is off (" + envFreeDict + "=off): questions are answered from articles in their own language")
		return nil
	}
	if dir == "" {
		dir = translate.DefaultDir
	}
	translators.Lock()
	defer translators.Unlock()
	if d, ok := translators.byDir[dir]; ok {
		if d == nil {
			return nil // said once already
		}
		return d
	}
	if translators.byDir == nil {
		translators.byDir = map[string]*translate.Dictionary{}
	}
	d, err := translate.Open(dir)
	if err != nil {
		translators.byDir[dir] = nil
		if errors.Is(err, translate.ErrNoDictionaries) {
			e.log.Info("FreeDict dictionaries not found: questions are answered from articles in their own language only; install Debian's dict-freedict-eng-fra, -deu, -spa, -ita, -por and -nld (or set "+envFreeDict+") to answer from articles in those languages too", "folder", dir)
		} else {
			e.log.Warn("FreeDict dictionaries could not be read: questions are answered from articles in their own language only; reinstall them, or set "+envFreeDict+"=off", "folder", dir, "error", err)
		}
		return nil
	}
	translators.byDir[dir] = d
	e.log.Debug("translating questions with FreeDict", "languages", strings.Join(d.Languages(), ","))
	return d
}

// newLogger builds the process's one logger from LOG_LEVEL (debug, info,
// warn or error; info when unset). Subcommands tag it per component.
func newLogger(e env) (*slog.Logger, error) {
	var level slog.Level
	if s := strings.TrimSpace(e.getenv(envLogLevel)); s != "" {
		if err := level.UnmarshalText([]byte(s)); err != nil {
			return nil, fmt.Errorf("%s=%q is not a log level: set it to debug, info, warn or error", envLogLevel, s)
		}
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level})), nil
}

// printFlags lists fs's flags the way the usage lines write them, with
// two dashes (Go's flag package takes one or two), as flag.PrintDefaults
// does otherwise.
func printFlags(fs *flag.FlagSet) {
	var b strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		b.WriteString("  --" + f.Name)
		if name != "" {
			b.WriteString(" " + name)
		}
		b.WriteString("\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t"))
		switch def := f.DefValue; {
		case def == "" || def == "0" || def == "0s" || def == "false":
			// a zero value means "not given" (the usage says what then)
		case name == "string":
			fmt.Fprintf(&b, " (default %q)", def)
		default:
			fmt.Fprintf(&b, " (default %s)", def)
		}
		b.WriteByte('\n')
	})
	fmt.Fprint(fs.Output(), b.String())
}

// twoDashes writes what the flag package prints with each flag named the
// way the usage lines and the help name it ("invalid value "abc" for flag
// --limit", "flag provided but not defined: --nosuch"): Go's flag package
// takes one dash or two, but names a flag with one.
type twoDashes struct{ w io.Writer }

var oneDashFlag = strings.NewReplacer("for flag -", "for flag --", "not defined: -", "not defined: --",
	"flag needs an argument: -", "flag needs an argument: --")

func (t twoDashes) Write(p []byte) (int, error) {
	if _, err := io.WriteString(t.w, oneDashFlag.Replace(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
