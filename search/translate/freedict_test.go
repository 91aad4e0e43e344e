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
		want       []string
	}{
		{"es", "hallar", []string{"hallado", "hallada"}},
		{"es", "negro", []string{"negra", "negros"}},
		{"pt", "encontrar", []string{"encontrado"}},
		{"it", "trovare", []string{"trovato", "trovata"}},
		{"it", "nero", []string{"nera", "neri"}},
		{"fr", "arrêter", []string{"arrêté", "arrêtée"}},
		{"fr", "noir", []string{"noire"}},
		{"de", "krank", []string{"kranke", "kranken"}},
		{"nl", "branden", []string{"gebrand"}},
		{"nl", "werken", []string{"gewerkt"}},
		// the present and the simple past news is written in
		{"es", "exigir", []string{"exige", "exigió"}},
		{"es", "encontrar", []string{"encontró"}},
		{"pt", "encontrar", []string{"encontrou"}},
		{"it", "trovare", []string{"trova"}},
		{"fr", "trouver", []string{"trouve"}},
		{"de", "suchen", []string{"sucht", "suchte", "gesucht"}},
		{"de", "bieten", []string{"bietet"}},
		{"de", "anbieten", []string{"bietet"}}, // "Lufthansa bietet … an"
	} {
		if got := inflect(tt.lang, tt.word); !containsAll(got, tt.want) {
			t.Errorf("inflect(%s, %q) = %v, want %v among them", tt.lang, tt.word, got, tt.want)
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
