package realcoverage

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
)

// Entry is one article of the manifest.
type Entry struct {
	File     string `json:"file"`  // relative to the articles folder
	Story    string `json:"story"` // the story it belongs to
	Event    string `json:"event"` // the happening it mainly reports
	URL      string `json:"url"`
	Outlet   string `json:"outlet"`
	Date     string `json:"date"`
	Language string `json:"language"`
	Query    string `json:"query"` // what found the page
}

// Question is one evaluation question. An empty Expect means nothing in
// the coverage answers it.
type Question struct {
	ID       string `json:"id"`
	Story    string `json:"story"`
	Question string `json:"question"`
	// Type is what kind of answer the question wants: when, where,
	// how-many, how-long, why, which, yes-no, who, what, say, list.
	Type string `json:"type"`
	// Expect lists every acceptable wording: short literal phrases, one of
	// which the answer must hold.
	Expect []string `json:"expect"`
	// Answer is the sentence (or sentences) of the article that answers,
	// verbatim; it decides whether the question is paraphrased.
	Answer string `json:"answer,omitempty"`
	// Files are the articles that answer it.
	Files []string `json:"files,omitempty"`
	// Speaker, when set, is who the answer's quote must be attributed to.
	Speaker       string `json:"speaker,omitempty"`
	TimeQualified bool   `json:"time_qualified,omitempty"`
	SpeakerNamed  bool   `json:"speaker_named,omitempty"`
	// NonEnglishOnly: only a non-English article answers it.
	NonEnglishOnly bool `json:"non_english_only,omitempty"`
	// MultiSentence: the answer spans two sentences or is a list.
	MultiSentence bool `json:"multi_sentence,omitempty"`

	first *firstKey // the key as first written, when an audit added to it
}

// firstKey is a question's key before the audit added to it.
type firstKey struct {
	expect, files  []string
	nonEnglishOnly bool
}

// Answerable reports whether something in the coverage answers q.
func (q Question) Answerable() bool { return len(q.Expect) > 0 }

// Half is which half of the split a question is in.
type Half string

// The two halves: rules are tuned on the first; the second is only
// measured, and its misses only reported.
const (
	Tuning Half = "tuning"
	Check  Half = "check"
)

// splitSalt fixes the one random split: changing it re-splits the set,
// which would let the check half leak into tuning. Never change it.
const splitSalt = "realcoverage split 2026-12-04"

// HalfOf is the half q is in: a hash of its id, so the split does not
// depend on the order of the file or on which questions were added later.
func HalfOf(id string) Half {
	h := fnv.New32a()
	h.Write([]byte(splitSalt + "\x00" + id))
	if h.Sum32()%2 == 0 {
		return Tuning
	}
	return Check
}

// SpeakerMark is a hand-marked quote: a literal piece of it and who said
// it ("" when the article does not say).
type SpeakerMark struct {
	File    string `json:"file"`
	Quote   string `json:"quote"`
	Speaker string `json:"speaker"`
}

// KeyAudit is what a second, blind reading of a story's articles added to
// one question's key phrases: every other sentence that answers it, each
// as a short literal phrase and the article it is in. The auditor read
// the articles and the questions only, never what any system answers.
type KeyAudit struct {
	ID  string     `json:"id"`
	Add []KeyAdded `json:"add"`

	source string // "expect-audit/<story>.jsonl line N", for errors
}

// setSource implements sourced.
func (a *KeyAudit) setSource(s string) { a.source = s }

// sourced is a line type that keeps where it was read, to name it in
// errors found after reading.
type sourced interface{ setSource(string) }

// KeyAdded is one key phrase a KeyAudit adds.
type KeyAdded struct {
	Phrase string `json:"phrase"`
	File   string `json:"file"`
}

// Set is the whole evaluation: manifest, questions (with the audit's key
// phrases merged) and speaker marks.
type Set struct {
	Entries   []Entry
	Questions []Question
	// Later are the question sets written after the first (questions-2/,
	// questions-3/ …), each by someone who had read only the stories'
	// summaries and the earlier sets' questions, and matched to answers
	// apart. Each is scored on its own, in the same two halves (HalfOf),
	// so the first set's figures stay comparable across rounds.
	Later []LaterSet
	// Audits are the key phrases the blind audit added (expect-audit/
	// for the first set, expect-audit-2/ for the later ones), already
	// merged into the questions' Expect; FirstKeys undoes that.
	Audits   []KeyAudit
	Speakers []SpeakerMark
	// SpeakersCheck are further marks kept from whoever works on speaker
	// attribution: the figures on them are the honest ones.
	SpeakersCheck []SpeakerMark
	// SpeakersDev2 are a second development set, marked before anyone
	// looked at what the code attributes in those articles: misses on it
	// may be read and tuned on, like those of Speakers.
	SpeakersDev2 []SpeakerMark
	// SpeakersCheck2 are marks written after the second speaker round by
	// someone who saw no code, on quotations no other set marks or on
	// other sentences of marked ones: held out, like SpeakersCheck.
	SpeakersCheck2 []SpeakerMark
}

// LaterSet is one question set written after the first.
type LaterSet struct {
	Name      string // its folder: "questions-2"
	Questions []Question
}

// laterSets are the folders of the later question sets, in the order
// they were written.
var laterSets = []string{"questions-2", "questions-3", "questions-4"}

// Load reads the evaluation files under dir (manifest/*.jsonl,
// questions/*.jsonl, the later sets' questions-N/*.jsonl, speakers/*.jsonl, speakers-check/*.jsonl,
// speakers-dev2/*.jsonl, speakers-check2/*.jsonl, expect-audit/*.jsonl,
// expect-audit-2/*.jsonl)
// and merges the audit's key phrases into the questions. A broken line
// is an error naming the file and line: the set is small and
// hand-written, and a silently dropped question would change every
// figure.
func Load(fsys fs.FS) (*Set, error) {
	var s Set
	for _, read := range []func() error{
		func() error { return readLines(fsys, "manifest", &s.Entries) },
		func() error { return readLines(fsys, "questions", &s.Questions) },
		func() error { return readLines(fsys, "speakers", &s.Speakers) },
		func() error { return readLines(fsys, "speakers-check", &s.SpeakersCheck) },
		func() error { return readLines(fsys, "speakers-dev2", &s.SpeakersDev2) },
		func() error { return readLines(fsys, "speakers-check2", &s.SpeakersCheck2) },
		func() error { return readLines(fsys, "expect-audit", &s.Audits) },
		func() error { return readLines(fsys, "expect-audit-2", &s.Audits) },
	} {
		if err := read(); err != nil {
			return nil, err
		}
	}
	for _, dir := range laterSets {
		var qs []Question
		if err := readLines(fsys, dir, &qs); err != nil {
			return nil, err
		}
		if len(qs) > 0 {
			s.Later = append(s.Later, LaterSet{Name: dir, Questions: qs})
		}
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	if err := s.mergeAudits(); err != nil {
		return nil, err
	}
	return &s, nil
}

// mergeAudits adds the audited key phrases to their questions (a phrase
// the key already holds, in any case, once). A question answered by an
// English article's phrase is no longer one only another language
// answers.
func (s *Set) mergeAudits() error {
	lang := map[string]string{}
	for _, e := range s.Entries {
		l, _, _ := strings.Cut(strings.ToLower(e.Language), "-")
		lang[e.File] = l
	}
	byID := map[string]*Question{}
	for i := range s.Questions {
		byID[s.Questions[i].ID] = &s.Questions[i]
	}
	for _, l := range s.Later {
		for i := range l.Questions {
			byID[l.Questions[i].ID] = &l.Questions[i]
		}
	}
	for _, a := range s.Audits {
		q := byID[a.ID]
		switch {
		case q == nil:
			return fmt.Errorf("realcoverage: %s: question %q does not exist: fix the id or remove the line", a.source, a.ID)
		case !q.Answerable():
			return fmt.Errorf("realcoverage: %s adds key phrases to %s, which is marked unanswerable: give it an expect list in its question line instead", a.source, a.ID)
		}
		if q.first == nil {
			q.first = &firstKey{slices.Clone(q.Expect), slices.Clone(q.Files), q.NonEnglishOnly}
		}
		for _, k := range a.Add {
			l, listed := lang[k.File]
			switch {
			case strings.TrimSpace(k.Phrase) == "":
				return fmt.Errorf("realcoverage: %s: an empty phrase for %s: copy the answer's words from %s", a.source, a.ID, k.File)
			case !listed:
				return fmt.Errorf("realcoverage: %s: phrase %q for %s names %q, which the manifest does not list: use the article's file as the manifest gives it", a.source, k.Phrase, a.ID, k.File)
			}
			if !slices.ContainsFunc(q.Expect, func(e string) bool { return fold(e) == fold(k.Phrase) }) {
				q.Expect = append(q.Expect, k.Phrase)
			}
			if !slices.Contains(q.Files, k.File) {
				q.Files = append(q.Files, k.File)
			}
			if l == "en" {
				q.NonEnglishOnly = false
			}
		}
	}
	return nil
}

// WithQuestions is the set with qs in place of its first questions, for
// Evaluate to score a later set.
func (s *Set) WithQuestions(qs []Question) *Set {
	other := *s
	other.Questions, other.Later = qs, nil
	return &other
}

// FirstKeys is s with the questions' key phrases as first matched to
// answers, without the audit's (to report figures on both answer keys).
func (s *Set) FirstKeys() *Set {
	first := *s
	first.Audits = nil
	first.Questions = firstKeys(s.Questions)
	first.Later = make([]LaterSet, len(s.Later))
	for i, l := range s.Later {
		first.Later[i] = LaterSet{Name: l.Name, Questions: firstKeys(l.Questions)}
	}
	return &first
}

// firstKeys is a copy of qs with their keys as first matched.
func firstKeys(qs []Question) []Question {
	out := slices.Clone(qs)
	for i := range out {
		q := &out[i]
		if q.first != nil {
			q.Expect, q.Files, q.NonEnglishOnly = slices.Clone(q.first.expect), slices.Clone(q.first.files), q.first.nonEnglishOnly
			q.first = nil
		}
	}
	return out
}

// CheckAudits reports an audited phrase its article (under dir) does not
// hold: the key must be copied from the article, or it can never match.
func (s *Set) CheckAudits(dir string) error {
	for _, a := range s.Audits {
		for _, k := range a.Add {
			data, err := os.ReadFile(path.Join(dir, k.File))
			if err != nil {
				return fmt.Errorf("realcoverage: %s: %w", a.source, err)
			}
			if !strings.Contains(fold(string(data)), fold(k.Phrase)) {
				return fmt.Errorf("realcoverage: %s: %s does not hold %q (for %s): copy the phrase from the article", a.source, k.File, k.Phrase, a.ID)
			}
		}
	}
	return nil
}

// CheckKeys verifies, for the later question sets, that every key phrase
// is in one of the articles its question names: the sets were matched to
// answers by hand, and a phrase no article holds could never be hit.
func (s *Set) CheckKeys(dir string) error {
	for _, q := range s.laterQuestions() {
		if q.Answerable() && len(q.Files) == 0 {
			return fmt.Errorf("realcoverage: questions-2 %s has key phrases but no files: name the articles that answer it", q.ID)
		}
		texts := make([]string, 0, len(q.Files))
		for _, f := range q.Files {
			data, err := os.ReadFile(path.Join(dir, f))
			if err != nil {
				return fmt.Errorf("realcoverage: later question %s: %w", q.ID, err)
			}
			texts = append(texts, fold(string(data)))
		}
		for _, phrase := range q.Expect {
			if !slices.ContainsFunc(texts, func(t string) bool { return strings.Contains(t, fold(phrase)) }) {
				return fmt.Errorf("realcoverage: later question %s: none of %v holds %q: copy the phrase from the article", q.ID, q.Files, phrase)
			}
		}
	}
	return nil
}

// laterQuestions are the questions of every later set.
func (s *Set) laterQuestions() []Question {
	var qs []Question
	for _, l := range s.Later {
		qs = append(qs, l.Questions...)
	}
	return qs
}

func readLines[T any](fsys fs.FS, dir string, out *[]T) error {
	names, err := fs.Glob(fsys, dir+"/*.jsonl")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("realcoverage: %w", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		for line := 1; sc.Scan(); line++ {
			text := strings.TrimSpace(sc.Text())
			if text == "" {
				continue
			}
			var v T
			dec := json.NewDecoder(strings.NewReader(text))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&v); err != nil {
				return fmt.Errorf("realcoverage: %s line %d: %w: fix the line (one JSON object per line)", name, line, err)
			}
			if src, ok := any(&v).(sourced); ok {
				src.setSource(fmt.Sprintf("%s line %d", name, line))
			}
			*out = append(*out, v)
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("realcoverage: %s: %w", name, err)
		}
	}
	return nil
}

func (s *Set) check() error {
	files := map[string]bool{}
	for _, e := range s.Entries {
		if e.File == "" || e.Story == "" || e.Event == "" || e.URL == "" {
			return fmt.Errorf("realcoverage: manifest entry %q lacks file, story, event or url", e.File)
		}
		if files[e.File] {
			return fmt.Errorf("realcoverage: manifest lists %s twice", e.File)
		}
		files[e.File] = true
	}
	ids := map[string]bool{}
	for _, q := range slices.Concat(s.Questions, s.laterQuestions()) {
		if q.ID == "" || q.Question == "" {
			return fmt.Errorf("realcoverage: question %q lacks an id or its text", q.ID)
		}
		if ids[q.ID] {
			return fmt.Errorf("realcoverage: question id %s used twice", q.ID)
		}
		ids[q.ID] = true
		for _, f := range q.Files {
			if !files[f] {
				return fmt.Errorf("realcoverage: question %s names %s, which the manifest does not list", q.ID, f)
			}
		}
	}
	for _, m := range slices.Concat(s.Speakers, s.SpeakersCheck, s.SpeakersDev2, s.SpeakersCheck2) {
		if !files[m.File] {
			return fmt.Errorf("realcoverage: speaker mark %q names %s, which the manifest does not list", m.Quote, m.File)
		}
	}
	return nil
}

// ErrNoArticles says the git-ignored articles folder is missing or
// incomplete; the evaluation skips with this message.
var ErrNoArticles = errors.New("realcoverage: the articles are not here: rebuild search/realcoverage/testdata/articles from the manifest (testdata/README.md)")

// CheckArticles reports which manifest files are missing from dir.
func (s *Set) CheckArticles(dir string) error {
	var missing []string
	for _, e := range s.Entries {
		if _, err := os.Stat(path.Join(dir, e.File)); err != nil {
			missing = append(missing, e.File)
		}
	}
	if len(missing) == len(s.Entries) {
		return ErrNoArticles
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w (%d of %d missing, e.g. %s)", ErrNoArticles, len(missing), len(s.Entries), missing[0])
	}
	return nil
}
