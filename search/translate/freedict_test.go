package translate

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// entries are a made-up English-to-Spanish dictionary in FreeDict's
// layouts: numbered senses, a German-style entry with grammar marks and
// indented notes, and a headword with two entries.
var entries = []struct{ head, body string }{
	{"box", "box /bɒks/\n1. caja, estuche\n2. palco\n"},
	{"black", "black /blæk/\nnegro <adj>\n   Note: the colour\n see: {blacks}\n"},
	{"find", "find /faɪnd/\nhallar, encontrar\n"},
	{"find", "find /faɪnd/\n[jur.] fallar (sentencia)\n"},
	{"second", "second /ˈsekənd/\nsegundo\n"},
	{"arrest", "arrest /əˈrest/\ndetener, arrestar\n"},
	{"ice cream", "ice cream\nhelado\n"},
	{"fire", "fire /faɪə/\n1. despedir, destituir, exonerar, echar\n2. fuego, incendio\n"},
}

// writeDictionary writes entries as freedict-eng-spa in dir: the index and
// the data file, dictzipped in chunks of chunkLen bytes (0: plain text).
func writeDictionary(t *testing.T, dir string, chunkLen int) {
	t.Helper()
	var data bytes.Buffer
	var index strings.Builder
	for _, e := range entries {
		index.WriteString(e.head + "\t" + encode64(int64(data.Len())) + "\t" + encode64(int64(len(e.body))) + "\n")
		data.WriteString(e.body)
	}
	base := filepath.Join(dir, "freedict-eng-spa")
	if err := os.WriteFile(base+".index", []byte(index.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if chunkLen == 0 {
		if err := os.WriteFile(base+".dict", data.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := os.WriteFile(base+".dict.dz", dictzip(t, data.Bytes(), chunkLen), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dictzip compresses text as dictzip does: each chunk on its own, ending
// in a flush, their compressed sizes in the gzip header's "RA" field.
func dictzip(t *testing.T, text []byte, chunkLen int) []byte {
	t.Helper()
	var chunks [][]byte
	for start := 0; start < len(text); start += chunkLen {
		var c bytes.Buffer
		w, _ := flate.NewWriter(&c, flate.BestCompression)
		w.Write(text[start:min(start+chunkLen, len(text))])
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		chunks = append(chunks, c.Bytes())
	}
	var ra bytes.Buffer
	binary.Write(&ra, binary.LittleEndian, []uint16{1, uint16(chunkLen), uint16(len(chunks))})
	for _, c := range chunks {
		binary.Write(&ra, binary.LittleEndian, uint16(len(c)))
	}
	var out bytes.Buffer
	out.Write([]byte{0x1f, 0x8b, 8, 4 | 8, 0, 0, 0, 0, 2, 3}) // FEXTRA | FNAME
	extra := append([]byte{'R', 'A', byte(ra.Len()), byte(ra.Len() >> 8)}, ra.Bytes()...)
	binary.Write(&out, binary.LittleEndian, uint16(len(extra)))
	out.Write(extra)
	out.WriteString("test.dict\x00")
	for _, c := range chunks {
		out.Write(c)
	}
	return out.Bytes()
}

func encode64(n int64) string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	if n == 0 {
		return "A"
	}
	var s []byte
	for ; n > 0; n /= 64 {
		s = append([]byte{digits[n%64]}, s...)
	}
	return string(s)
}

func words(ts []Translation) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Word)
	}
	return out
}

func TestTranslate(t *testing.T) {
	for _, layout := range []struct {
		name     string
		chunkLen int
	}{{"plain", 0}, {"dictzip, entries across chunks", 16}, {"dictzip, one chunk", 4096}} {
		t.Run(layout.name, func(t *testing.T) {
			dir := t.TempDir()
			writeDictionary(t, dir, layout.chunkLen)
			d, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if got := d.Languages(); !slices.Equal(got, []string{"es"}) {
				t.Errorf("languages %v, want [es]", got)
			}
			for _, tt := range []struct {
				word    string
				want    []string // among the translations
				wantNot []string
			}{
				{"box", []string{"caja", "estuche", "palco", "cajas"}, nil},
				{"boxes", []string{"caja"}, nil},                                           // a base form
				{"black", []string{"negro", "negra"}, []string{"colour", "blacks", "adj"}}, // notes and marks left out
				{"find", []string{"hallar", "hallado", "encontrado", "fallar"}, []string{"sentencia", "jur"}},
				{"arrested", []string{"detenido", "arrestado"}, nil},
				{"second", []string{"segundo", "segunda"}, nil},
				{"ice", nil, []string{"helado"}},                                                    // phrases are not headwords
				{"fire", []string{"despedir", "fuego", "destituir", "incendio"}, []string{"echar"}}, // across senses, four at most
				{"zebra", nil, []string{""}},
			} {
				got := words(d.Translate(tt.word))
				for _, w := range tt.want {
					if !slices.Contains(got, w) {
						t.Errorf("Translate(%q) = %v, want %q among them", tt.word, got, w)
					}
				}
				for _, w := range tt.wantNot {
					if slices.Contains(got, w) {
						t.Errorf("Translate(%q) = %v, want no %q", tt.word, got, w)
					}
				}
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	empty := t.TempDir()
	if _, err := Open(empty); !errors.Is(err, ErrNoDictionaries) || !strings.Contains(err.Error(), empty) || !strings.Contains(err.Error(), "dict-freedict") {
		t.Errorf("Open(empty folder) = %v, want ErrNoDictionaries naming the folder and the packages", err)
	}
	bad := t.TempDir()
	writeDictionary(t, bad, 0)
	if err := os.WriteFile(filepath.Join(bad, "freedict-eng-spa.index"), []byte("box\tA\tJ\nblack\t!!\tB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(bad); err == nil || !strings.Contains(err.Error(), "freedict-eng-spa.index line 2") {
		t.Errorf("Open(bad index) = %v, want an error naming the file and line", err)
	}
	gz := t.TempDir()
	writeDictionary(t, gz, 0)
	os.Remove(filepath.Join(gz, "freedict-eng-spa.dict"))
	// gzip without the chunk table: not a dictzip
	if err := os.WriteFile(filepath.Join(gz, "freedict-eng-spa.dict.dz"), []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3, 1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(gz); err == nil || !strings.Contains(err.Error(), "dictzip") {
		t.Errorf("Open(plain gzip) = %v, want an error saying it is not a dictzip", err)
	}
}

func TestInflect(t *testing.T) {
	for _, tt := range []struct {
		lang, word string
		class      wordClass
		want       []string // among the forms
		wantNot    []string
	}{
		{"es", "hallar", unknownClass, []string{"hallado", "hallada"}, nil},
		{"es", "negro", unknownClass, []string{"negra", "negros"}, nil},
		{"pt", "encontrar", unknownClass, []string{"encontrado"}, nil},
		{"it", "trovare", unknownClass, []string{"trovato", "trovata"}, nil},
		{"it", "nero", unknownClass, []string{"nera", "neri"}, nil},
		{"fr", "arrêter", unknownClass, []string{"arrêté", "arrêtée"}, nil},
		{"fr", "noir", unknownClass, []string{"noire"}, nil},
		{"de", "krank", unknownClass, []string{"kranke", "kranken"}, nil},
		{"nl", "branden", unknownClass, []string{"gebrand"}, nil},
		{"nl", "werken", unknownClass, []string{"gewerkt"}, nil},
		// the present and the simple past news is written in
		{"es", "exigir", unknownClass, []string{"exige", "exigió"}, nil},
		{"es", "encontrar", unknownClass, []string{"encontró"}, nil},
		{"pt", "encontrar", unknownClass, []string{"encontrou"}, nil},
		{"it", "trovare", unknownClass, []string{"trova"}, nil},
		{"fr", "trouver", unknownClass, []string{"trouve"}, nil},
		{"de", "suchen", verbClass, []string{"sucht", "suchte", "gesucht"}, nil},
		{"de", "bieten", verbClass, []string{"bietet"}, nil},
		{"de", "anbieten", verbClass, []string{"bietet", "anbietet"}, nil}, // "Lufthansa bietet … an", "…, dass Lufthansa anbietet"
		{"de", "antworten", verbClass, []string{"antwortet", "geantwortet"}, nil},
		{"de", "öffnen", verbClass, []string{"öffnet"}, []string{"öffnt"}},
		{"de", "lernen", verbClass, []string{"lernt"}, []string{"lernet"}},
		{"de", "fordern", verbClass, []string{"fordert", "gefordert"}, nil},
		{"de", "verhandeln", verbClass, []string{"verhandelt"}, nil},
		// German's dictionary marks nouns: no verb forms of other meanings
		{"de", "hafen", nounClass, nil, []string{"haft", "haften"}},
		{"de", "abkommen", nounClass, nil, []string{"kommt"}},
		{"de", "einkommen", unknownClass, nil, []string{"kommt"}},
	} {
		got := inflect(tt.lang, tt.word, tt.class)
		if !containsAll(got, tt.want) {
			t.Errorf("inflect(%s, %q, %d) = %v, want %v among them", tt.lang, tt.word, tt.class, got, tt.want)
		}
		for _, w := range tt.wantNot {
			if slices.Contains(got, w) {
				t.Errorf("inflect(%s, %q, %d) = %v, want no %q", tt.lang, tt.word, tt.class, got, w)
			}
		}
	}
}

func TestEntryWords(t *testing.T) {
	for _, tt := range []struct {
		entry string
		want  []dictWord
	}{
		// a sense line may start with a space before its label; notes,
		// examples and synonyms are indented further
		{"offer /ˈɒfə/\n [written] Angebot <neut> [schriftlich] , Offerte <fem>\n         Note: über etw.\n      \"offer to supply\"  - Lieferangebot\n",
			[]dictWord{{"angebot", nounClass}, {"offerte", nounClass}}},
		// the headword's mark is its words', the words' own marks first
		{"answer /ˈansə/ <v>\nantworten, erwidern <v, intr>\n", []dictWord{{"antworten", verbClass}, {"erwidern", verbClass}}},
		{"serve /sˈɜːv/ <v>\nanbieten [Speisen] , darbieten\n", []dictWord{{"anbieten", verbClass}, {"darbieten", verbClass}}},
		// numbered senses, taken across: each sense's first word first
		{"box /bɒks/\n1. caja, estuche\n2. palco\n", []dictWord{{"caja", unknownClass}, {"palco", unknownClass}, {"estuche", unknownClass}}},
		{"offer /ɔfər/\n see: {bid}\n", nil},
	} {
		if got := entryWords(tt.entry); !slices.Equal(got, tt.want) {
			t.Errorf("entryWords(%q) = %v, want %v", tt.entry, got, tt.want)
		}
	}
}

func containsAll(got, want []string) bool {
	for _, w := range want {
		if !slices.Contains(got, w) {
			return false
		}
	}
	return true
}

// TestDebianDictionaries reads the installed FreeDict dictionaries, when
// there are (CI installs them).
func TestDebianDictionaries(t *testing.T) {
	d, err := Open("")
	if errors.Is(err, ErrNoDictionaries) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	got := words(d.Translate("second"))
	for _, w := range []string{"segunda", "deuxième"} {
		if !slices.Contains(got, w) {
			t.Errorf("Translate(second) = %v, want %q among them", got, w)
		}
	}
}

// TestTranslateConcurrently: the bot answers questions side by side; run
// with -race (CI does).
func TestTranslateConcurrently(t *testing.T) {
	dir := t.TempDir()
	writeDictionary(t, dir, 16)
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range []string{"box", "black", "find", "second", "arrested"} {
				if len(d.Translate(w)) == 0 {
					t.Errorf("Translate(%q) found nothing", w)
				}
			}
		}()
	}
	wg.Wait()
}
