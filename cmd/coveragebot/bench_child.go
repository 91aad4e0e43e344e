package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/corpus/synth"
	"github.com/coveragebot/coveragebot/search"
	"github.com/coveragebot/coveragebot/search/lexicon"
	"github.com/coveragebot/coveragebot/search/translate"
)

// A benchmark phase runs in a child process of its own (the same binary,
// "bench --child PHASE"), so that each peak RSS belongs to one phase of
// one engine and the engines never share a heap or a page cache warm-up.

// phaseArgs say what a child measures.
type phaseArgs struct {
	Phase     string // "clean", "build", "update", "serve" or "digest"
	Engine    string // "coveragebot" or "bleve"
	Corpus    string
	Index     string
	Questions string // serve: JSON file of synth.Question
	Changed   string // update: JSON file of changed paths
	Rounds    int    // serve: measured passes over the questions
	Profile   string // write a CPU profile of the phase here
}

// phaseResult is what a child prints, as one JSON object.
type phaseResult struct {
	Phase, Engine string
	Seconds       float64 // the phase's timed work
	ReadSeconds   float64 `json:",omitempty"` // clean: the reading part of Seconds
	Articles      int
	Passages      int `json:",omitempty"`
	// Articles and passages this phase (re)indexed: for an update, the
	// changed ones; for our full build, re-cleaning included.
	IndexedArticles int   `json:",omitempty"`
	IndexedPassages int   `json:",omitempty"`
	Quotes          int   `json:",omitempty"`
	Bytes           int64 `json:",omitempty"`
	OpenSeconds     float64
	LatencyMS       latencySummary `json:",omitzero"`
	// Answerable questions with at least one answer, and of those, how
	// many top answers hold the words the question was built from.
	Answered, Answerable, TopHolds int `json:",omitempty"`
	// Questions nothing answers, and how many of them got no answers.
	EmptyForNone, None int `json:",omitempty"`
	Asked              int `json:",omitempty"`
	// digest: stories found and the largest one's articles.
	Stories, LargestStory int `json:",omitempty"`
	// serve: CPU time of the process over the timed passes alone.
	AskCPUSeconds float64 `json:",omitempty"`
	MaxRSS        int64   // bytes, for the whole child process
	CPUSeconds    float64 // user + system, for the whole child process
}

type latencySummary struct {
	P50, P95, P99, Mean, Max float64
}

const (
	engineOurs  = "coveragebot"
	enginePlain = "bleve"
)

func runPhase(ctx context.Context, a phaseArgs) (res phaseResult, err error) {
	res = phaseResult{Phase: a.Phase, Engine: a.Engine}
	if a.Profile != "" {
		f, err := os.Create(a.Profile)
		if err != nil {
			return res, fmt.Errorf("create profile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return res, fmt.Errorf("start profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	fsys := os.DirFS(a.Corpus)
	switch {
	case a.Phase == "clean":
		err = phaseClean(ctx, fsys, a.Engine == engineOurs, &res)
	case a.Phase == "build" && a.Engine == engineOurs:
		err = phaseOursUpdate(ctx, fsys, a.Index, &res)
	case a.Phase == "update" && a.Engine == engineOurs:
		err = phaseOursUpdate(ctx, fsys, a.Index, &res)
	case a.Phase == "build" && a.Engine == enginePlain:
		var took time.Duration
		res.Articles, took, err = plainBuild(ctx, fsys, a.Index)
		res.IndexedArticles = res.Articles
		res.Seconds = took.Seconds()
	case a.Phase == "update" && a.Engine == enginePlain:
		err = phasePlainUpdate(ctx, fsys, a, &res)
	case a.Phase == "serve":
		err = phaseServe(ctx, a, &res)
	case a.Phase == "digest" && a.Engine == engineOurs:
		err = phaseDigest(ctx, a.Index, &res)
	default:
		err = fmt.Errorf("unknown benchmark phase %q for engine %q", a.Phase, a.Engine)
	}
	res.MaxRSS, res.CPUSeconds = processUsage()
	return res, err
}

// phaseClean reads every file, learns the boilerplate and cleans every
// article, single-threaded; the baseline only reads.
func phaseClean(ctx context.Context, fsys fs.FS, clean bool, res *phaseResult) error {
	start := time.Now()
	files, _, err := corpus.Scan(ctx, fsys)
	if err != nil {
		return fmt.Errorf("scan corpus: %w", err)
	}
	var docs []*corpus.Document
	for _, f := range files {
		res.Bytes += f.Size
		ds, _, err := corpus.ReadFile(ctx, fsys, f.Path)
		if err != nil {
			continue
		}
		docs = append(docs, ds...)
	}
	res.ReadSeconds = time.Since(start).Seconds()
	res.Articles = len(docs)
	if clean {
		bp := corpus.NewBoilerplate()
		for _, d := range docs {
			bp.Add(d.Outlet, d.LineKeys())
		}
		for _, d := range docs {
			a := corpus.Clean(d, bp)
			res.Passages += len(a.Sentences)
			res.Quotes += len(a.Quotes)
		}
	}
	res.Seconds = time.Since(start).Seconds()
	return nil
}

// phaseOursUpdate opens (or creates) the index and brings it in line with
// the corpus: a full build on an empty index, an incremental update after.
func phaseOursUpdate(ctx context.Context, fsys fs.FS, dir string, res *phaseResult) error {
	start := time.Now()
	ix, err := search.Open(ctx, dir)
	if err != nil {
		return fmt.Errorf("open index: %w", err)
	}
	sum, err := ix.Update(ctx, fsys, search.Options{})
	if cerr := ix.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close index: %w", cerr)
	}
	res.Seconds = time.Since(start).Seconds()
	res.Articles, res.Passages, res.Quotes = sum.Articles, sum.Passages, sum.Quotes
	res.IndexedArticles, res.IndexedPassages = sum.ArticlesIndexed, sum.PassagesIndexed
	if err != nil {
		return fmt.Errorf("update index: %w", err)
	}
	return nil
}

func phasePlainUpdate(ctx context.Context, fsys fs.FS, a phaseArgs, res *phaseResult) error {
	var changed []string
	if err := readJSON(a.Changed, &changed); err != nil {
		return err
	}
	start := time.Now()
	idx, err := bleve.Open(a.Index)
	if err != nil {
		return fmt.Errorf("baseline: open index: %w", err)
	}
	took := time.Since(start)
	var inBleve time.Duration
	res.Articles, inBleve, err = plainIndexFiles(ctx, idx, fsys, changed)
	res.IndexedArticles = res.Articles
	start = time.Now()
	if cerr := idx.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("baseline: close index: %w", cerr)
	}
	res.Seconds = (took + inBleve + time.Since(start)).Seconds()
	return err
}

// phaseDigest groups every article of the index into stories, as the
// daily digest does with a day's articles; plain bleve has no such thing.
func phaseDigest(ctx context.Context, dir string, res *phaseResult) error {
	ix, err := search.Open(ctx, dir)
	if err != nil {
		return fmt.Errorf("open index: %w", err)
	}
	defer ix.Close()
	start := time.Now()
	d, err := ix.Digest(ctx, time.Time{}, time.Now())
	if err != nil {
		return fmt.Errorf("digest: %w", err)
	}
	res.Seconds = time.Since(start).Seconds()
	res.Articles, res.Stories = d.Articles, len(d.Stories)
	for _, s := range d.Stories {
		res.LargestStory = max(res.LargestStory, len(s.Articles))
	}
	return nil
}

// phaseServe opens an existing index (timed), asks every question once to
// warm up, then asks them all Rounds more times, timing each.
func phaseServe(ctx context.Context, a phaseArgs, res *phaseResult) error {
	var questions []synth.Question
	if err := readJSON(a.Questions, &questions); err != nil {
		return err
	}
	if len(questions) == 0 {
		return errors.New("no questions to ask")
	}
	// ask returns how many answers came back and, when top is set, the top
	// answer's text (for plain bleve: the top article's).
	var ask func(q string, top bool) (int, string, error)
	// As the bot serves: WordNet when installed (read before the timed
	// open; it is part of start-up, not of opening an index).
	lex, _ := lexicon.OpenWordNet("")
	dict, _ := translate.Open("")
	if dict != nil {
		defer dict.Close()
	}
	start := time.Now()
	switch a.Engine {
	case engineOurs:
		ix, err := search.Open(ctx, a.Index)
		if err != nil {
			return fmt.Errorf("open index: %w", err)
		}
		defer ix.Close()
		if lex != nil {
			ix.SetLexicon(lex)
		}
		if dict != nil {
			ix.SetTranslator(dict)
		}
		ask = func(q string, top bool) (int, string, error) {
			ans, err := ix.Answer(ctx, search.Question{Text: q})
			if err != nil || len(ans.Answers) == 0 {
				return 0, "", err
			}
			return len(ans.Answers), ans.Answers[0].Text + " " + ans.Answers[0].Speaker, nil
		}
	default:
		idx, err := bleve.Open(a.Index)
		if err != nil {
			return fmt.Errorf("baseline: open index: %w", err)
		}
		defer idx.Close()
		ask = func(q string, top bool) (int, string, error) { return plainAsk(ctx, idx, q, top) }
	}
	res.OpenSeconds = time.Since(start).Seconds()
	for _, q := range questions { // warm-up, and a look at what comes back
		n, top, err := ask(q.Text, true)
		if err != nil {
			return fmt.Errorf("ask %q: %w", q.Text, err)
		}
		if q.Kind == "none" {
			res.None++
			if n == 0 {
				res.EmptyForNone++
			}
			continue
		}
		res.Answerable++
		if n > 0 {
			res.Answered++
		}
		if q.Want != "" && strings.Contains(strings.ToLower(top), strings.ToLower(q.Want)) {
			res.TopHolds++
		}
	}
	res.Asked = len(questions)
	var took []time.Duration
	_, cpuBefore := processUsage()
	for range max(1, a.Rounds) {
		for _, q := range questions {
			t := time.Now()
			if _, _, err := ask(q.Text, false); err != nil {
				return fmt.Errorf("ask %q: %w", q.Text, err)
			}
			took = append(took, time.Since(t))
		}
	}
	_, cpuAfter := processUsage()
	res.AskCPUSeconds = cpuAfter - cpuBefore
	res.LatencyMS = summarize(took)
	return nil
}

// summarize gives percentiles by the nearest-rank method.
func summarize(took []time.Duration) latencySummary {
	if len(took) == 0 {
		return latencySummary{}
	}
	sorted := slices.Clone(took)
	slices.Sort(sorted)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	rank := func(p float64) float64 {
		i := int(p*float64(len(sorted))+0.999999) - 1
		return ms(sorted[min(max(i, 0), len(sorted)-1)])
	}
	var total time.Duration
	for _, d := range sorted {
		total += d
	}
	return latencySummary{P50: rank(0.50), P95: rank(0.95), P99: rank(0.99),
		Mean: ms(total / time.Duration(len(sorted))), Max: ms(sorted[len(sorted)-1])}
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
