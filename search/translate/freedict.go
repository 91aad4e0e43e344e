package translate

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/coveragebot/coveragebot/search/internal/wordmemo"
)

// DefaultDir is where Debian's dict-freedict-* packages put their
// dictionaries.
const DefaultDir = "/usr/share/dictd"

// ErrNoDictionaries is returned when a folder holds none of the
// dictionaries translate reads.
var ErrNoDictionaries = errors.New("translate: no FreeDict English-to-X dictionary found")

// Languages are the dictionaries read, by ISO 639-1 code, with FreeDict's
// three-letter name.
var Languages = map[string]string{"fr": "fra", "de": "deu", "es": "spa", "it": "ita", "pt": "por", "nl": "nld"}

// Translation is one word of another language for an English word, with
// how much an answer holding it should count for one holding the English
// word itself (0 to 1).
type Translation struct {
	Word   string
	Lang   string // ISO 639-1
	Weight float64
}

const (
	// translationWeight: a dictionary's word is the question's meaning in
	// another language, but one of several senses, chosen blind; it counts
	// a little below a synonym.
	translationWeight = 0.7
	// maxPerLanguage is how many of a word's translations are taken in
	// each language, dictionary order (the common senses first).
	maxPerLanguage = 4
	// maxEntries is how many of a headword's entries are read.
	maxEntries = 8
	// maxCached bounds the words whose translations are remembered.
	maxCached = 20000
)

// Dictionary translates English words with the FreeDict dictionaries of
// a folder.
type Dictionary struct {
	langs []*language
	cache *wordmemo.Memo[[]Translation]
}

// language is one English-to-X dictionary: its index of single-word
// headwords and its data file.
type language struct {
	code  string
	index map[string][]span
	data  *dictFile
}

type span struct{ offset, length int64 }

// Open reads the index of every FreeDict English-to-X dictionary in dir
// (DefaultDir when empty) that it knows the language of. Entries are read
// from the data files when asked for.
func Open(dir string) (*Dictionary, error) {
	if dir == "" {
		dir = DefaultDir
	}
	codes := make([]string, 0, len(Languages))
	for code := range Languages {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	d := &Dictionary{cache: wordmemo.New[[]Translation](maxCached)}
	for _, code := range codes {
		base := filepath.Join(dir, "freedict-eng-"+Languages[code])
		l, err := openLanguage(code, base)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			d.Close()
			return nil, err
		}
		d.langs = append(d.langs, l)
	}
	if len(d.langs) == 0 {
		return nil, fmt.Errorf("%w in %s: install Debian's dict-freedict-eng-fra, -deu, -spa, -ita, -por or -nld, or set their folder", ErrNoDictionaries, dir)
	}
	return d, nil
}

func openLanguage(code, base string) (*language, error) {
	data, err := openDictFile(base + ".dict.dz")
	if errors.Is(err, os.ErrNotExist) {
		data, err = openDictFile(base + ".dict")
	}
	if err != nil {
		return nil, err
	}
	f, err := os.Open(base + ".index")
	if err != nil {
		data.Close()
		return nil, err
	}
	defer f.Close()
	l := &language{code: code, index: map[string][]span{}, data: data}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 3 {
			continue
		}
		word := strings.ToLower(fields[0])
		if !isWord(word) {
			continue // phrases, and dictd's own "00database…" entries
		}
		off, err1 := decode64(fields[1])
		size, err2 := decode64(fields[2])
		if err1 != nil || err2 != nil {
			data.Close()
			return nil, fmt.Errorf("translate: %s.index line %d: %q is not an entry's offset and length: reinstall the dictionary", base, n, sc.Text())
		}
		l.index[word] = append(l.index[word], span{off, size})
	}
	if err := sc.Err(); err != nil {
		data.Close()
		return nil, fmt.Errorf("translate: %s.index: %w", base, err)
	}
	return l, nil
}

// Languages lists the languages d translates into.
func (d *Dictionary) Languages() []string {
	var out []string
	for _, l := range d.langs {
		out = append(out, l.code)
	}
	return out
}

// Close closes the data files.
func (d *Dictionary) Close() error {
	var first error
	for _, l := range d.langs {
		if err := l.data.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Translate returns word's translations (and their inflected forms) in
// every language d has, best first; nil when no dictionary has the word
// or a base form of it ("arrested" is looked up as "arrest").
func (d *Dictionary) Translate(word string) []Translation {
	word = strings.ToLower(strings.TrimSpace(word))
	return d.cache.Get(word, func() []Translation {
		var ts []Translation
		for _, l := range d.langs {
			ts = append(ts, l.translate(word)...)
		}
		return ts
	})
}

// translate looks word up, then its regular base forms, and returns the
// first maxPerLanguage translations of the first form found, each with its
// inflected forms.
func (l *language) translate(word string) []Translation {
	var words []dictWord
	found := 0
	for _, form := range append([]string{word}, baseForms(word)...) {
		spans := l.index[form]
		if len(spans) == 0 || found == 2 {
			continue
		}
		// The word and its first base form both: "died" has entries of
		// its own (abgestorben) that miss the verb's (sterben).
		found++
		var forms []dictWord
		// German's dictionary has dozens of entries for a common word,
		// scattered over its chunks: each read costs an inflated chunk
		// (a quarter of a millisecond), and the first few hold its
		// common senses.
		for _, s := range spans[:min(len(spans), maxEntries)] {
			text, err := l.data.read(s.offset, s.length)
			if err != nil {
				continue // one unreadable entry does not take the others down
			}
			for _, w := range entryWords(string(text)) {
				if !containsWord(forms, w.text) {
					forms = append(forms, w)
				}
			}
		}
		if len(spans) > 2 {
			// A headword with many entries (German's) lists them in
			// alphabetical order, not by use: the shorter words are the
			// common ones (Kiste before Buchsbaumholz).
			sort.SliceStable(forms, func(i, j int) bool { return len([]rune(forms[i].text)) < len([]rune(forms[j].text)) })
		}
		for _, w := range forms {
			if len(words) < maxPerLanguage*found && !containsWord(words, w.text) {
				words = append(words, w)
			}
		}
	}
	var out []Translation
	seen := map[string]bool{}
	for _, w := range words {
		for _, f := range append([]string{w.text}, inflect(l.code, w.text, w.class)...) {
			if !seen[f] {
				seen[f] = true
				out = append(out, Translation{Word: f, Lang: l.code, Weight: translationWeight})
			}
		}
	}
	return out
}

// wordClass is what a dictionary's grammar marks say a word is.
type wordClass int

const (
	unknownClass wordClass = iota
	nounClass              // <masc>, <fem>, <neut>, <pl>
	verbClass              // <v>, <v, trans> …
)

// dictWord is one translation with its class, when the dictionary marks it
// (German's does; the others do not).
type dictWord struct {
	text  string
	class wordClass
}

// entryWords are the one-word translations of a FreeDict entry: the lines
// after its headword line that are not notes, examples, synonyms or
// cross-references (those are indented; a sense line may start with a
// space before its label: " [written] Angebot <neut>"), without sense
// numbers, grammar marks (<fem>, [coll.]) and glosses in brackets. A word
// takes its class from its own mark, else from the headword's ("answer
// <v>": antworten, erwidern).
//
// The senses are not in order of use ("fire" is first "demitir", dismiss,
// in the Portuguese dictionary, and "incêndio" third), so the words are
// taken across senses: each sense's first word, then each one's second.
func entryWords(entry string) []dictWord {
	lines := strings.Split(entry, "\n")
	headClass := classOf(lines[0])
	var senses [][]dictWord
	for _, line := range lines[1:] {
		if strings.HasPrefix(line, " [") {
			line = line[1:]
		}
		if line == "" || line[0] == ' ' || line[0] == '\t' {
			continue
		}
		var sense []dictWord
		for _, part := range splitOutside(line) {
			w := strings.ToLower(strings.TrimSpace(stripBracketed(part)))
			if i := strings.IndexByte(w, '.'); i > 0 && i < 4 && strings.Trim(w[:i], "0123456789") == "" {
				w = strings.TrimSpace(w[i+1:]) // "2. boîte"
			}
			if !isWord(w) || len([]rune(w)) < 3 {
				continue
			}
			c := classOf(part)
			if c == unknownClass {
				c = headClass
			}
			sense = append(sense, dictWord{w, c})
		}
		if len(sense) > 0 {
			senses = append(senses, sense)
		}
	}
	var out []dictWord
	for k := 0; ; k++ {
		added := false
		for _, sense := range senses {
			if k < len(sense) {
				out = append(out, sense[k])
				added = true
			}
		}
		if !added {
			return out
		}
	}
}

// splitOutside splits a sense line at the commas and semicolons outside
// brackets ("antworten, erwidern <v, intr>" is two words, one mark).
func splitOutside(line string) []string {
	var parts []string
	depth, start := 0, 0
	for i, r := range line {
		switch r {
		case '<', '[', '(', '{':
			depth++
		case '>', ']', ')', '}':
			if depth > 0 {
				depth--
			}
		case ',', ';':
			if depth == 0 {
				parts = append(parts, line[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, line[start:])
}

// classOf reads the grammar marks in s: <v …> a verb, a gender or <pl> a
// noun.
func classOf(s string) wordClass {
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return unknownClass
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return unknownClass
		}
		mark := s[i+1 : i+j]
		switch {
		case mark == "v" || strings.HasPrefix(mark, "v,"):
			return verbClass
		case strings.HasPrefix(mark, "masc") || strings.HasPrefix(mark, "fem") || strings.HasPrefix(mark, "neut") || strings.HasPrefix(mark, "pl"):
			return nounClass
		}
		s = s[i+j:]
	}
}

// stripBracketed removes <…>, […], (…) and {…} stretches.
func stripBracketed(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '<', '[', '(', '{':
			depth++
			continue
		case '>', ']', ')', '}':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isWord reports whether s is one word of letters (no spaces, digits or
// punctuation).
func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func containsWord(ws []dictWord, s string) bool {
	for _, w := range ws {
		if w.text == s {
			return true
		}
	}
	return false
}

// decode64 reads dictd's base-64 numbers.
func decode64(s string) (int64, error) {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	if s == "" {
		return 0, errors.New("empty")
	}
	var n int64
	for _, r := range s {
		i := strings.IndexRune(digits, r)
		if i < 0 {
			return 0, fmt.Errorf("%q is not base 64", s)
		}
		n = n*64 + int64(i)
	}
	return n, nil
}
