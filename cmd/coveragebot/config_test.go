package main

import (
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestResolveCorpus(t *testing.T) {
	dir := t.TempDir()
	corpusA := filepath.Join(dir, "a")
	corpusB := filepath.Join(dir, "b")
	for _, d := range []string{corpusA, corpusB} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "article.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(dir, "index")

	tests := []struct {
		name              string
		vars              map[string]string
		corpusFlag, index string
		wantDir           string // "" for the sample
		wantIndex         string // "" to skip the check
		wantErr           []string
	}{
		{name: "sample by default", index: index, wantIndex: index},
		{name: "env corpus", vars: map[string]string{envCorpus: corpusA}, index: index, wantDir: corpusA},
		{name: "flag wins over env", vars: map[string]string{envCorpus: corpusA}, corpusFlag: corpusB, index: index, wantDir: corpusB},
		{name: "env index", vars: map[string]string{envIndex: index}, wantIndex: index},
		{name: "flag index wins", vars: map[string]string{envIndex: "elsewhere"}, index: index, wantIndex: index},
		{
			name:       "missing corpus folder",
			corpusFlag: filepath.Join(dir, "nope"), index: index,
			wantErr: []string{"corpus folder " + filepath.Join(dir, "nope") + " does not exist", "--corpus DIR", envCorpus},
		},
		{
			name: "missing corpus folder from env",
			vars: map[string]string{envCorpus: filepath.Join(dir, "gone")}, index: index,
			wantErr: []string{filepath.Join(dir, "gone") + " does not exist"},
		},
		{
			name:       "corpus is a file",
			corpusFlag: file, index: index,
			wantErr: []string{file + " is a file, not a folder"},
		},
		{
			name:       "index inside corpus",
			corpusFlag: corpusA, index: filepath.Join(corpusA, ".index"),
			wantErr: []string{"inside the corpus folder", "--index DIR"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv, _, stderr := testEnv(tt.vars)
			info, err := resolveCorpus(env{getenv: getenv, stderr: stderr}, tt.corpusFlag, tt.index)
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatalf("resolveCorpus = %+v, want an error", info)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if info.Dir != tt.wantDir {
				t.Errorf("Dir = %q, want %q", info.Dir, tt.wantDir)
			}
			if info.Sample() != (tt.wantDir == "") || info.FS == nil {
				t.Errorf("Sample() = %v, FS = %v for Dir %q", info.Sample(), info.FS, info.Dir)
			}
			if tt.wantIndex != "" && info.IndexDir != tt.wantIndex {
				t.Errorf("IndexDir = %q, want %q", info.IndexDir, tt.wantIndex)
			}
			if !filepath.IsAbs(info.IndexDir) {
				t.Errorf("IndexDir %q is not absolute", info.IndexDir)
			}
		})
	}
}

func TestDefaultIndexDir(t *testing.T) {
	cache := "/home/ann/.cache"
	sampleDir := defaultIndexDir(cache, "")
	if want := filepath.Join(cache, "coveragebot", "sample"); sampleDir != want {
		t.Errorf("sample index = %q, want %q", sampleDir, want)
	}
	seen := map[string]string{sampleDir: "the sample"}
	for _, corpus := range []string{"/data/news", "/srv/news", "/data/news-2", "/data/sample", "/data/Syria Talks (2014)", "/"} {
		got := defaultIndexDir(cache, corpus)
		if other, dup := seen[got]; dup {
			t.Errorf("%q and %s share the index %q", corpus, other, got)
		}
		seen[got] = corpus
		if filepath.Dir(got) != filepath.Join(cache, "coveragebot") {
			t.Errorf("index for %q = %q, want a folder of %s/coveragebot", corpus, got, cache)
		}
		if base := filepath.Base(got); strings.ContainsAny(base, " ()") {
			t.Errorf("index folder name %q keeps unsafe characters", base)
		}
		if again := defaultIndexDir(cache, corpus); again != got {
			t.Errorf("index for %q not stable: %q then %q", corpus, got, again)
		}
	}
	if got := filepath.Base(defaultIndexDir(cache, "/data/Syria Talks (2014)")); !strings.HasPrefix(got, "syria-talks-2014-") {
		t.Errorf("index folder %q does not start with the corpus folder's name", got)
	}
}

func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		args      []string
		wantWords []string
		wantJSON  bool
		wantLimit int
	}{
		{args: []string{"what happened?"}, wantWords: []string{"what happened?"}, wantLimit: 5},
		{args: []string{"--json", "q"}, wantWords: []string{"q"}, wantJSON: true, wantLimit: 5},
		{args: []string{"q", "--json"}, wantWords: []string{"q"}, wantJSON: true, wantLimit: 5},
		{args: []string{"q", "--limit", "3", "--json"}, wantWords: []string{"q"}, wantJSON: true, wantLimit: 3},
		{args: []string{"what", "did", "--limit=2", "Wilk", "say"}, wantWords: []string{"what", "did", "Wilk", "say"}, wantLimit: 2},
		{args: []string{"--json", "--", "-5 degrees?", "--limit"}, wantWords: []string{"-5 degrees?", "--limit"}, wantJSON: true, wantLimit: 5},
		{args: nil, wantWords: nil, wantLimit: 5},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("ask", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		asJSON := fs.Bool("json", false, "")
		limit := fs.Int("limit", 5, "")
		words, err := parseInterspersed(fs, tt.args)
		if err != nil {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		if !reflect.DeepEqual(words, tt.wantWords) || *asJSON != tt.wantJSON || *limit != tt.wantLimit {
			t.Errorf("%q: words %q json %v limit %d, want %q %v %d", tt.args, words, *asJSON, *limit, tt.wantWords, tt.wantJSON, tt.wantLimit)
		}
	}
}

func TestLogLevel(t *testing.T) {
	getenv, stdout, stderr := testEnv(map[string]string{envLogLevel: "loud"})
	err := run(t.Context(), []string{"index"}, getenv, nil, stdout, stderr)
	if err == nil || !strings.Contains(err.Error(), `LOG_LEVEL="loud"`) || !strings.Contains(err.Error(), "debug, info, warn or error") {
		t.Errorf("run with a bad LOG_LEVEL = %v, want an error naming the value and the levels", err)
	}
	for _, level := range []string{"", "debug", "INFO", "warn", "error"} {
		getenv, _, stderr := testEnv(map[string]string{envLogLevel: level})
		if _, err := newLogger(env{getenv: getenv, stderr: stderr}); err != nil {
			t.Errorf("LOG_LEVEL=%q: %v", level, err)
		}
	}
}

func TestOpenLexicon(t *testing.T) {
	var logs strings.Builder
	e := env{log: slog.New(slog.NewTextHandler(&logs, nil))}
	for _, tt := range []struct {
		value   string
		set     bool
		nilLex  bool
		logHint string
	}{
		{"off", true, true, "bridging is off"},
		{t.TempDir(), false, true, "WordNet not found"},
	} {
		logs.Reset()
		e.getenv = func(k string) string {
			if k == envWordNet {
				return tt.value
			}
			return ""
		}
		l, set := openLexicon(e)
		if set != tt.set || (l == nil) != tt.nilLex || !strings.Contains(logs.String(), tt.logHint) {
			t.Errorf("%s=%q: lexicon %v, set %v, log %q; want set %v, nil %v, a log saying %q", envWordNet, tt.value, l, set, logs.String(), tt.set, tt.nilLex, tt.logHint)
		}
	}
}

func TestOpenTranslator(t *testing.T) {
	var logs strings.Builder
	e := env{log: slog.New(slog.NewTextHandler(&logs, nil))}
	missing := t.TempDir()
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "freedict-eng-fra.index"), []byte("box\t!!\tB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "freedict-eng-fra.dict"), []byte("box\nboîte\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		value   string
		logHint string // "" for no log at all
	}{
		{"off", "translation is off"},
		{missing, "FreeDict dictionaries not found"},
		{missing, ""}, // said once
		{broken, "could not be read"},
	} {
		logs.Reset()
		e.getenv = func(k string) string {
			if k == envFreeDict {
				return tt.value
			}
			return ""
		}
		tr := openTranslator(e)
		if tr != nil || !strings.Contains(logs.String(), tt.logHint) || tt.logHint == "" && logs.Len() > 0 {
			t.Errorf("%s=%q: translator %v, log %q; want none, and a log saying %q", envFreeDict, tt.value, tr, logs.String(), tt.logHint)
		}
	}
}

// TestTildeExpandsToHome: COVERAGE_CORPUS=~/news in .env (no shell to
// expand it) and --corpus=~/news mean the news folder in the home folder.
func TestTildeExpandsToHome(t *testing.T) {
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "news"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name               string
		vars               map[string]string
		corpusFlag, index  string
		wantDir, wantIndex string
	}{
		{"env", map[string]string{"HOME": home, envCorpus: "~/news", envIndex: "~/idx"}, "", "", filepath.Join(home, "news"), filepath.Join(home, "idx")},
		{"flags", map[string]string{"HOME": home}, "~/news", "~/idx", filepath.Join(home, "news"), filepath.Join(home, "idx")},
		{"not a home", map[string]string{"HOME": home}, filepath.Join(home, "news"), filepath.Join(home, "a~b"), filepath.Join(home, "news"), filepath.Join(home, "a~b")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv, _, stderr := testEnv(tt.vars)
			info, err := resolveCorpus(env{getenv: getenv, stderr: stderr}, tt.corpusFlag, tt.index)
			if err != nil {
				t.Fatal(err)
			}
			if info.Dir != tt.wantDir || info.IndexDir != tt.wantIndex {
				t.Errorf("corpus %q, index %q; want %q, %q", info.Dir, info.IndexDir, tt.wantDir, tt.wantIndex)
			}
		})
	}
}

// TestFlagErrorsNameFlagsWithTwoDashes: a flag error names the flag as the
// usage line and the help do.
func TestFlagErrorsNameFlagsWithTwoDashes(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"ask", "--limit", "abc", "x"}, `invalid value "abc" for flag --limit`},
		{[]string{"ask", "--nosuch", "x"}, "flag provided but not defined: --nosuch"},
		{[]string{"index", "--corpus"}, "flag needs an argument: --corpus"},
	} {
		getenv, stdout, stderr := testEnv(nil)
		if err := run(t.Context(), tt.args, getenv, nil, stdout, stderr); err == nil {
			t.Errorf("%v: no error", tt.args)
		}
		if !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: stderr %q, want %q", tt.args, stderr, tt.want)
		}
	}
}
