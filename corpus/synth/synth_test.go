package synth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// generate returns the files of a corpus, in order.
func generate(tb testing.TB, cfg Config) ([]File, *Manifest) {
	tb.Helper()
	var files []File
	m, err := Generate(context.Background(), cfg, func(f File) error {
		files = append(files, f)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files, m
}

func digest(files []File) [32]byte {
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.Path))
		h.Write(f.Data)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, ma := generate(t, Config{Articles: 400, Seed: 7})
	b, mb := generate(t, Config{Articles: 400, Seed: 7})
	if digest(a) != digest(b) {
		t.Fatal("same config gave different bytes")
	}
	if !slices.Equal(ma.Questions(200), mb.Questions(200)) {
		t.Error("same config gave different questions")
	}
	c, _ := generate(t, Config{Articles: 400, Seed: 8})
	if digest(a) == digest(c) {
		t.Error("different seeds gave the same corpus")
	}
}

func TestGenerateShape(t *testing.T) {
	files, m := generate(t, Config{Articles: 1000, Seed: 1})
	if m.Articles != 1000 {
		t.Errorf("articles = %d, want 1000", m.Articles)
	}
	var total, articles int
	paths := map[string]bool{}
	for _, f := range files {
		if paths[f.Path] {
			t.Errorf("%s written twice", f.Path)
		}
		paths[f.Path] = true
		total += len(f.Data)
		articles += f.Articles
	}
	if articles != m.Articles || len(files) != m.Files || int64(total) != m.Bytes {
		t.Errorf("manifest says %d articles, %d files, %d bytes; files hold %d, %d, %d", m.Articles, m.Files, m.Bytes, articles, len(files), total)
	}
	if per := total / articles; per < 1500 || per > 3000 {
		t.Errorf("%d bytes per article, want about 2 KB", per)
	}
	for _, format := range []string{"txt", "html", "jsonl"} {
		if m.Formats[format] == 0 {
			t.Errorf("no %s articles: %v", format, m.Formats)
		}
	}
	if m.Formats["txt"] < m.Articles/2 {
		t.Errorf("formats %v: want mostly txt", m.Formats)
	}
	if m.Stories >= m.Articles {
		t.Errorf("%d stories for %d articles: outlets should share wire stories", m.Stories, m.Articles)
	}
	all := string(bytes.Join(func() [][]byte {
		var out [][]byte
		for _, f := range files {
			out = append(out, f.Data)
		}
		return out
	}(), nil))
	// What a scrape carries besides the story, and what the story carries.
	for _, want := range []string{"{{free_limit}}", "/Month", "Skip to content", "Image: ", "Read More", "Tags: ",
		" said.", " said: ", " told reporters: ", "killed", "“", "organised", "organized", " — "} {
		if !strings.Contains(all, want) {
			t.Errorf("corpus never contains %q", want)
		}
	}
}

// A repeated quote is the point of the corpus: outlets carry one story.
func TestQuotesRepeatAcrossOutlets(t *testing.T) {
	_, m := generate(t, Config{Articles: 600, Seed: 3})
	files, _ := generate(t, Config{Articles: 600, Seed: 3})
	var phrase Question
	for _, q := range m.Questions(200) {
		if q.Kind == "phrase" && len(strings.Fields(q.Want)) >= 5 {
			phrase = q
			break
		}
	}
	if phrase.Want == "" {
		t.Fatal("no phrase question")
	}
	n := 0
	for _, f := range files {
		n += strings.Count(string(f.Data), phrase.Want)
	}
	if n == 0 {
		t.Errorf("phrase %q of a question is in no article", phrase.Want)
	}
}

func TestQuestions(t *testing.T) {
	_, m := generate(t, Config{Articles: 500, Seed: 1})
	qs := m.Questions(200)
	if len(qs) != 200 {
		t.Fatalf("%d questions, want 200", len(qs))
	}
	kinds := map[string]int{}
	distinct := map[string]bool{}
	for _, q := range qs {
		kinds[q.Kind]++
		distinct[q.Text] = true
		if q.Text == "" || (q.Kind != "none" && q.Want == "") {
			t.Errorf("incomplete question %+v", q)
		}
	}
	for _, mix := range questionMix {
		if kinds[mix.kind] == 0 {
			t.Errorf("no %q questions in %v", mix.kind, kinds)
		}
	}
	if len(distinct) < 195 {
		t.Errorf("%d distinct questions of 200: a repeated question is timed warm from the first", len(distinct))
	}
}

// wordCounts counts lowercased letter runs in the story-bearing text files.
func wordCounts(files []File) (counts map[string]int, tokens int) {
	counts = map[string]int{}
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".txt") {
			continue
		}
		for _, w := range strings.FieldsFunc(string(f.Data), func(r rune) bool { return !unicode.IsLetter(r) }) {
			counts[strings.ToLower(w)]++
			tokens++
		}
	}
	return counts, tokens
}

// slope fits log(frequency) against log(rank) on log-spaced ranks in [lo, hi).
func slope(freqs []int, lo, hi int) float64 {
	var sx, sy, sxx, sxy, n float64
	for r := lo; r < hi && r <= len(freqs); r = int(float64(r)*1.2) + 1 {
		x, y := math.Log(float64(r)), math.Log(float64(freqs[r-1]))
		sx, sy, sxx, sxy, n = sx+x, sy+y, sxx+x*x, sxy+x*y, n+1
	}
	return -(n*sxy - sx*sy) / (n*sxx - sx*sx)
}

func TestZipf(t *testing.T) {
	// The sampler itself: content words of one class.
	g := newGenerator(Config{Articles: 2000, Seed: 1})
	byRank := map[uint64]int{}
	for range 300000 {
		r, _ := g.nouns.next()
		byRank[r]++
	}
	var freqs []int
	for _, n := range byRank {
		freqs = append(freqs, n)
	}
	slices.SortFunc(freqs, func(a, b int) int { return b - a })
	if s := slope(freqs, 10, 3000); math.Abs(s-zipfExponent) > 0.1 {
		t.Errorf("noun draws: rank/frequency slope %.2f, want %.2f ± 0.1", s, zipfExponent)
	}

	// The written text, function words and boilerplate included, over the
	// ranks a corpus of this size estimates well.
	files, _ := generate(t, Config{Articles: 2000, Seed: 1})
	counts, _ := wordCounts(files)
	freqs = freqs[:0]
	for _, n := range counts {
		freqs = append(freqs, n)
	}
	slices.SortFunc(freqs, func(a, b int) int { return b - a })
	t.Logf("text slope over ranks 10-1000: %.2f", slope(freqs, 10, 1000))
	if s := slope(freqs, 10, 1000); s < 0.85 || s > 1.3 {
		t.Errorf("text: rank/frequency slope over ranks 10-1000 is %.2f, want about 1.05", s)
	}
}

func TestHeaps(t *testing.T) {
	// Vocabulary keeps growing: V = K·n^β with β well inside (0, 1).
	var prevTokens, prevWords int
	for _, n := range []int{250, 1000, 2500} {
		files, _ := generate(t, Config{Articles: n, Seed: 5})
		counts, tokens := wordCounts(files)
		if prevWords > 0 {
			beta := math.Log(float64(len(counts))/float64(prevWords)) / math.Log(float64(tokens)/float64(prevTokens))
			t.Logf("%d articles: %d tokens, %d words, β = %.2f", n, tokens, len(counts), beta)
			if beta < 0.35 || beta > 0.9 {
				t.Errorf("%d articles: Heaps exponent %.2f from %d to %d words, want 0.35-0.9", n, beta, prevWords, len(counts))
			}
		}
		prevTokens, prevWords = tokens, len(counts)
	}
}

func TestWriteDir(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	m, err := WriteDir(ctx, dir, Config{Articles: 50, Seed: 2}, false)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			n++
		}
		return err
	})
	if n != m.Files {
		t.Errorf("%d files on disk, manifest says %d", n, m.Files)
	}
	if _, err := WriteDir(ctx, dir, Config{Articles: 50, Seed: 2}, false); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("second write without force: err = %v, want ErrNotEmpty", err)
	}
	if _, err := WriteDir(ctx, dir, Config{Articles: 20, Seed: 2}, true); err != nil {
		t.Errorf("write with force: %v", err)
	}
	// A folder gen did not write is never cleared, even with force.
	other := t.TempDir()
	keep := filepath.Join(other, "keep.txt")
	os.WriteFile(keep, []byte("mine"), 0o644)
	if _, err := WriteDir(ctx, other, Config{Articles: 5, Seed: 2}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("force removed a file gen did not write: %v", err)
	}
	if _, err := WriteDir(ctx, t.TempDir(), Config{}, false); !errors.Is(err, ErrBadConfig) {
		t.Errorf("zero articles: err = %v, want ErrBadConfig", err)
	}
}

func TestModify(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteDir(context.Background(), dir, Config{Articles: 300, Seed: 4}, false); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			before[p], _ = os.ReadFile(p)
		}
		return err
	})
	changed, err := Modify(dir, 0.01, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) < 2 || len(changed) > 4 {
		t.Errorf("changed %d files, want 1%% of about 250", len(changed))
	}
	var differ []string
	for p, data := range before {
		now, _ := os.ReadFile(p)
		if !bytes.Equal(now, data) {
			rel, _ := filepath.Rel(dir, p)
			differ = append(differ, filepath.ToSlash(rel))
			if !bytes.Contains(now, []byte("Update ")) {
				t.Errorf("%s changed without the update paragraph", rel)
			}
		}
	}
	slices.Sort(differ)
	if !slices.Equal(differ, changed) {
		t.Errorf("files that differ %v, Modify reported %v", differ, changed)
	}
}

func TestJSONLinesAreValid(t *testing.T) {
	files, _ := generate(t, Config{Articles: 400, Seed: 9})
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".jsonl") {
			continue
		}
		lines := bytes.Split(bytes.TrimSpace(f.Data), []byte("\n"))
		if len(lines) != f.Articles {
			t.Errorf("%s: %d lines for %d articles", f.Path, len(lines), f.Articles)
		}
		for i, l := range lines {
			var rec jsonRecord
			if err := json.Unmarshal(l, &rec); err != nil || rec.Source == "" || rec.Text == "" {
				t.Errorf("%s line %d: %v %+v", f.Path, i+1, err, rec)
			}
		}
	}
}
