package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/coveragebot/coveragebot/corpus/synth"
)

const benchUsage = `Usage: coveragebot bench [--sizes 1000,10000,100000] [--seed S] [--work DIR] [--questions 200] [--digest-max 10000]

Measures the pipeline on synthetic corpora (see "coveragebot gen") next to
plain bleve on the same articles in the same run: cleaning throughput, full
and incremental (1% of files changed) indexing, index size, time to open an
index, question latency (warm), peak RSS and, up to --digest-max articles,
the time to group every article into the digest's stories. Every phase runs in a child
process of its own so each peak RSS belongs to one phase of one engine.
Prints a markdown report on stdout; progress goes to stderr.

Flags:
`

func runBench(ctx context.Context, e env, args []string) error {
	if len(args) > 0 && args[0] == "--child" {
		return runBenchChild(ctx, e, args)
	}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(twoDashes{e.stderr})
	fs.Usage = func() {
		fmt.Fprint(e.stderr, benchUsage)
		printFlags(fs)
	}
	sizesFlag := fs.String("sizes", "1000,10000,100000", "corpus sizes in articles, comma-separated")
	seed := fs.Uint64("seed", 1, "corpus seed")
	work := fs.String("work", "", "folder for the corpora and indexes, kept afterwards (default: a temporary folder, removed)")
	questions := fs.Int("questions", 200, "how many generated questions to ask")
	rounds := fs.Int("rounds", 3, "timed passes over the questions, after one warm-up pass")
	profile := fs.Bool("profile", false, "write a CPU profile of every phase into the work folder")
	digestMax := fs.Int("digest-max", 10000, "measure the digest (every article grouped into stories) up to this many articles")
	inProcess := fs.Bool("in-process", false, "run the phases in this process (for tests; peak RSS then mixes phases)")
	report := fs.String("report", "", "print the report of an earlier run from its results.json, measuring nothing")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	sizes, err := parseSizes(*sizesFlag)
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err == nil && (*questions < 1 || *rounds < 1) {
		err = errors.New("--questions and --rounds must be at least 1")
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "coveragebot bench: %v\n\n", err)
		fs.Usage()
		return errUsage
	}

	if *report != "" {
		var reports []*sizeReport
		if err := readJSON(*report, &reports); err != nil {
			return fmt.Errorf("bench --report: %w", err)
		}
		writeBenchReport(e.stdout, benchReportHeader{Command: "coveragebot bench --report " + *report}, reports)
		return nil
	}
	dir := *work
	if dir == "" {
		dir, err = os.MkdirTemp("", "coveragebot-bench-")
		if err != nil {
			return fmt.Errorf("create work folder: %w", err)
		}
		defer os.RemoveAll(dir)
	}
	b := &bencher{e: e, work: dir, seed: *seed, questions: *questions, rounds: *rounds, profile: *profile, digestMax: *digestMax}
	b.runPhase = b.childPhase
	if *inProcess {
		b.runPhase = runPhase
	}
	// Each size's table is printed, and results.json rewritten, as soon as
	// it is measured: a long run that is stopped keeps what it measured.
	writeBenchHeader(e.stdout, benchReportHeader{
		Command:    "coveragebot bench " + strings.Join(args, " "),
		Machine:    describeMachine(),
		LoadBefore: loadAverage(),
	})
	var reports []*sizeReport
	for _, n := range sizes {
		r, err := b.measure(ctx, n)
		if err != nil {
			return fmt.Errorf("benchmark at %d articles: %w", n, err)
		}
		r.LoadAfter = loadAverage()
		reports = append(reports, r)
		writeSizeTable(e.stdout, r)
		if *work != "" {
			if err := writeJSON(filepath.Join(dir, "results.json"), reports); err != nil {
				return fmt.Errorf("write results: %w", err)
			}
		}
	}
	return nil
}

func parseSizes(s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("--sizes %q: want positive article counts separated by commas, like 1000,10000", s)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// sizeReport holds every measurement at one corpus size.
type sizeReport struct {
	Articles   int
	Files      int
	Bytes      int64
	GenSeconds float64
	Changed    int // files changed for the incremental update
	Questions  int
	Rounds     int // timed passes over the questions
	Clean      phaseResult
	Read       phaseResult // the baseline's reading alone
	Build      [2]phaseResult
	Update     [2]phaseResult
	Serve      [2]phaseResult
	Digest     phaseResult // coveragebot only; zero when skipped
	IndexBytes [2]int64    // right after the full build's Close
	// After the incremental update and serving: bleve removes segments a
	// merge made obsolete in the background, so the size after the build
	// alone depends on timing.
	IndexBytesLater [2]int64
	LoadAfter       string // load average when this size was done
}

var engines = [2]string{engineOurs, enginePlain}

type bencher struct {
	e         env
	work      string
	seed      uint64
	questions int
	rounds    int
	profile   bool
	digestMax int
	runPhase  func(ctx context.Context, a phaseArgs) (phaseResult, error)
}

func (b *bencher) progress(format string, args ...any) {
	fmt.Fprintf(b.e.stderr, "bench: "+format+"\n", args...)
}

// measure generates a corpus of n articles and measures both engines on it.
func (b *bencher) measure(ctx context.Context, n int) (*sizeReport, error) {
	base := filepath.Join(b.work, fmt.Sprintf("n%d", n))
	corpusDir := filepath.Join(base, "corpus")
	if err := os.MkdirAll(base, 0o755); err != nil {
		return nil, fmt.Errorf("create work folder: %w", err)
	}
	b.progress("%d articles: generating corpus in %s", n, corpusDir)
	start := time.Now()
	m, err := synth.WriteDir(ctx, corpusDir, synth.Config{Articles: n, Seed: b.seed}, true)
	if err != nil {
		return nil, err
	}
	r := &sizeReport{Articles: m.Articles, Files: m.Files, Bytes: m.Bytes, GenSeconds: time.Since(start).Seconds()}
	qs := m.Questions(b.questions)
	r.Questions, r.Rounds = len(qs), b.rounds
	questionsFile := filepath.Join(base, "questions.json")
	if err := writeJSON(questionsFile, qs); err != nil {
		return nil, fmt.Errorf("write questions: %w", err)
	}
	index := func(engine string) string { return filepath.Join(base, "index-"+engine) }
	phase := func(name, engine string) phaseArgs {
		a := phaseArgs{Phase: name, Engine: engine, Corpus: corpusDir, Index: index(engine),
			Questions: questionsFile, Changed: filepath.Join(base, "changed.json"), Rounds: b.rounds}
		if b.profile {
			a.Profile = filepath.Join(base, fmt.Sprintf("cpu-%s-%s.pprof", name, engine))
		}
		return a
	}
	run := func(into *phaseResult, a phaseArgs) error {
		b.progress("%d articles: %s, %s", n, a.Phase, a.Engine)
		res, err := b.runPhase(ctx, a)
		if err != nil {
			return fmt.Errorf("%s (%s): %w", a.Phase, a.Engine, err)
		}
		*into = res
		return nil
	}

	if err := run(&r.Clean, phase("clean", engineOurs)); err != nil {
		return nil, err
	}
	if err := run(&r.Read, phase("clean", enginePlain)); err != nil {
		return nil, err
	}
	for i, eng := range engines {
		if err := os.RemoveAll(index(eng)); err != nil {
			return nil, fmt.Errorf("remove old index: %w", err)
		}
		if err := run(&r.Build[i], phase("build", eng)); err != nil {
			return nil, err
		}
		r.IndexBytes[i] = dirSize(index(eng))
	}
	changed, err := synth.Modify(corpusDir, 0.01, b.seed)
	if err != nil {
		return nil, err
	}
	r.Changed = len(changed)
	if err := writeJSON(filepath.Join(base, "changed.json"), changed); err != nil {
		return nil, fmt.Errorf("write changed files: %w", err)
	}
	for i, eng := range engines {
		if err := run(&r.Update[i], phase("update", eng)); err != nil {
			return nil, err
		}
	}
	for i, eng := range engines {
		if err := run(&r.Serve[i], phase("serve", eng)); err != nil {
			return nil, err
		}
		r.IndexBytesLater[i] = dirSize(index(eng))
	}
	if n <= b.digestMax {
		if err := run(&r.Digest, phase("digest", engineOurs)); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// childPhase runs a phase in a child process: this binary, "bench --child".
func (b *bencher) childPhase(ctx context.Context, a phaseArgs) (phaseResult, error) {
	exe, err := os.Executable()
	if err != nil {
		return phaseResult{}, fmt.Errorf("find this program to run the phase: %w", err)
	}
	args := []string{"bench", "--child", a.Phase, "--engine", a.Engine, "--corpus", a.Corpus, "--index", a.Index,
		"--questions", a.Questions, "--changed", a.Changed, "--rounds", strconv.Itoa(a.Rounds), "--profile", a.Profile}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stderr = b.e.stderr
	out, err := cmd.Output()
	if err != nil {
		return phaseResult{}, fmt.Errorf("child process: %w", err)
	}
	var res phaseResult
	if err := json.Unmarshal(out, &res); err != nil {
		return phaseResult{}, fmt.Errorf("child process printed %q: %w", out, err)
	}
	return res, nil
}

// runBenchChild is the child side: run one phase, print its result.
func runBenchChild(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("bench --child", flag.ContinueOnError)
	fs.SetOutput(twoDashes{e.stderr})
	var a phaseArgs
	fs.StringVar(&a.Phase, "child", "", "phase")
	fs.StringVar(&a.Engine, "engine", engineOurs, "engine")
	fs.StringVar(&a.Corpus, "corpus", "", "corpus folder")
	fs.StringVar(&a.Index, "index", "", "index folder")
	fs.StringVar(&a.Questions, "questions", "", "questions file")
	fs.StringVar(&a.Changed, "changed", "", "changed files list")
	fs.IntVar(&a.Rounds, "rounds", 1, "timed passes")
	fs.StringVar(&a.Profile, "profile", "", "CPU profile file")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if a.Phase == "build" || a.Phase == "update" {
		// As `coveragebot index` builds, for both engines alike.
		defer indexingGC(e.getenv)()
	}
	res, err := runPhase(ctx, a)
	if err != nil {
		return err
	}
	return json.NewEncoder(e.stdout).Encode(res)
}

// dirSize is the total size of the files under dir.
func dirSize(dir string) int64 {
	var total int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return total
}

// describeMachine names the CPU, cores, memory and Go version.
func describeMachine() machine {
	m := machine{CPUs: numCPU(), GoVersion: goVersion()}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if rest, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				m.MemoryBytes = kb * 1024
			}
		}
	}
	return m
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
