package corpus

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestScan(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt":               {Data: []byte("x")},
		"b.MD":                {Data: []byte("x")},
		"sub/c.html":          {Data: []byte("x")},
		"sub/deeper/d.htm":    {Data: []byte("x")},
		"sub/feed.jsonl":      {Data: []byte("x")},
		"notes.pdf":           {Data: []byte("x")},
		".hidden.txt":         {Data: []byte("x")},
		".git/HEAD.txt":       {Data: []byte("x")},
		"sub/.cache/e.txt":    {Data: []byte("x")},
		"folder.txt/inner.md": {Data: []byte("x")},
	}
	files, skips, err := Scan(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Path)
	}
	want := []string{"a.txt", "b.MD", "folder.txt/inner.md", "sub/c.html", "sub/deeper/d.htm", "sub/feed.jsonl"}
	if !slices.Equal(got, want) {
		t.Errorf("Scan = %v, want %v", got, want)
	}
	if len(skips) != 0 {
		t.Errorf("skips = %v", skips)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Scan(ctx, fsys); !errors.Is(err, context.Canceled) {
		t.Errorf("Scan with cancelled context: err = %v, want context.Canceled", err)
	}
}

func TestReadFileFormats(t *testing.T) {
	story := "Officials in Ashby said on Monday that the bridge would reopen in May after repairs.\n"
	fsys := fstest.MapFS{
		"front.txt":  {Data: []byte("---\nsource: Ashby Echo\nurl: https://www.ashbyecho.example/news/1\npublished: January 22, 2014\ntitle: \"Bridge to reopen\"\nlanguage: en\n---\n" + story)},
		"iso.txt":    {Data: []byte("---\ndate: 2014-01-22T18:30:00+01:00\nlink: https://news.example.co.uk/a\n---\n\n" + story)},
		"hugo.md":    {Data: []byte("+++\ntitle = \"Bridge to reopen\"\ndate = 2014-01-22\n+++\n" + story)},
		"plain.txt":  {Data: []byte("\ufeff" + story + "\n" + story)},
		"wrapped.md": {Data: []byte("# Bridge to reopen\n\nOfficials in Ashby said on Monday that the\nbridge would reopen in May after **repairs**, and that a\n[new footpath](https://x.example) would follow.\n\n- A list item that stands alone.\n")},
		"page.html": {Data: []byte(`<html><head><title>Bridge to reopen | Ashby Echo</title>
<meta property="og:site_name" content="Ashby Echo"><meta property="og:url" content="https://ashbyecho.example/b">
<meta property="article:published_time" content="2014-01-22T10:00:00Z"></head><body><nav><a href="/">Home</a></nav>
<article><h1>Bridge to reopen</h1><p>Officials in Ashby said on Monday that the bridge would reopen in May after repairs that have taken most of the winter.</p>
<h2>Work ahead</h2><p>The council said the work would cost about £2m, and that the footpath would follow in the summer once the river is lower.</p>
<p>"We are nearly there," said the council leader, Ann Cole, at a meeting on Monday evening in the town hall.</p></article></body></html>`)},
	}
	tests := []struct {
		name                 string
		outlet               string
		from                 OutletSource
		url, title, language string
		published            time.Time
		lines                []Line
	}{
		{"front.txt", "Ashby Echo", OutletFromMetadata, "https://www.ashbyecho.example/news/1", "Bridge to reopen", "en",
			time.Date(2014, 1, 22, 0, 0, 0, 0, time.UTC), []Line{{Text: strings.TrimSpace(story), Number: 8}}},
		{"iso.txt", "news.example.co.uk", OutletFromURL, "https://news.example.co.uk/a", "", "",
			time.Date(2014, 1, 22, 17, 30, 0, 0, time.UTC), []Line{{Text: strings.TrimSpace(story), Number: 6}}},
		{"hugo.md", "unknown", OutletUnknown, "", "Bridge to reopen", "",
			time.Date(2014, 1, 22, 0, 0, 0, 0, time.UTC), []Line{{Text: strings.TrimSpace(story), Number: 5}}},
		{"plain.txt", "unknown", OutletUnknown, "", "", "", time.Time{},
			[]Line{{Text: strings.TrimSpace(story), Number: 1}, {Text: strings.TrimSpace(story), Number: 3}}},
		{"wrapped.md", "unknown", OutletUnknown, "", "", "", time.Time{}, []Line{
			{Text: "Bridge to reopen", Number: 1, Heading: true},
			{Text: "Officials in Ashby said on Monday that the bridge would reopen in May after repairs, and that a new footpath would follow.", Number: 3},
			{Text: "A list item that stands alone.", Number: 7},
		}},
		{"page.html", "Ashby Echo", OutletFromMetadata, "https://ashbyecho.example/b", "Bridge to reopen", "en", time.Date(2014, 1, 22, 0, 0, 0, 0, time.UTC), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, skips, err := ReadFile(context.Background(), fsys, tt.name)
			if err != nil || len(skips) != 0 || len(docs) != 1 {
				t.Fatalf("ReadFile = %d docs, %v, %v", len(docs), skips, err)
			}
			d := docs[0]
			if d.ID != tt.name || d.Path != tt.name {
				t.Errorf("ID, Path = %q, %q, want %q", d.ID, d.Path, tt.name)
			}
			if d.Outlet != tt.outlet || d.OutletFrom != tt.from {
				t.Errorf("outlet %q from %q, want %q from %q", d.Outlet, d.OutletFrom, tt.outlet, tt.from)
			}
			if d.URL != tt.url || d.Title != tt.title || d.Language != tt.language {
				t.Errorf("url, title, language = %q, %q, %q, want %q, %q, %q", d.URL, d.Title, d.Language, tt.url, tt.title, tt.language)
			}
			if !d.Published.Equal(tt.published) {
				t.Errorf("published %v, want %v", d.Published, tt.published)
			}
			if want := hashHex(fsys[tt.name].Data); d.Hash != want {
				t.Errorf("hash %s, want %s", d.Hash, want)
			}
			if tt.lines != nil && !slices.Equal(d.Lines, tt.lines) {
				t.Errorf("lines\n%+v\nwant\n%+v", d.Lines, tt.lines)
			}
			if tt.name == "page.html" {
				var texts []string
				for _, l := range d.Lines {
					texts = append(texts, l.Text)
				}
				joined := strings.Join(texts, "\n")
				for _, want := range []string{"Officials in Ashby said", "Work ahead", `"We are nearly there," said the council leader`} {
					if !strings.Contains(joined, want) {
						t.Errorf("HTML lines lack %q:\n%s", want, joined)
					}
				}
				if len(d.Lines) < 3 {
					t.Errorf("HTML flattened into %d lines, want a line per paragraph", len(d.Lines))
				}
			}
		})
	}
}

func TestReadFileJSONL(t *testing.T) {
	good1 := `{"source": "Radio Ashby", "url": "https://radioashby.example/1", "published": "2014-01-22T10:00:00Z", "title": "One", "text": "First paragraph of the story about the bridge.\nSecond paragraph of the story."}`
	good2 := `{"url": "https://www.ashbyecho.example/2", "published": 1390384800, "html": "<html><body><article><p>Officials in Ashby said on Monday that the bridge would reopen in May after repairs that took all winter.</p><p>The council said the work would cost about two million pounds, paid for by a government grant.</p></article></body></html>"}`
	data := strings.Join([]string{
		good1,
		"",
		`{"source": "Radio Ashby", "text": "unterminated`,
		`{"source": "Radio Ashby", "title": "no body"}`,
		"{\"text\": \"bad \xff byte\"}",
		`{"text": "Fine.", "published": "not a date"}`,
		good2,
	}, "\n")
	fsys := fstest.MapFS{"feed.jsonl": {Data: []byte(data)}}
	docs, skips, err := ReadFile(context.Background(), fsys, "feed.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	// a date that is no date costs the article its date, not its text
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want 3", len(docs))
	}
	if docs[0].ID != "feed.jsonl#1" || docs[1].ID != "feed.jsonl#6" || docs[2].ID != "feed.jsonl#7" {
		t.Errorf("IDs %q, %q, %q, want feed.jsonl#1, feed.jsonl#6, feed.jsonl#7", docs[0].ID, docs[1].ID, docs[2].ID)
	}
	if !docs[1].Published.IsZero() {
		t.Errorf("feed.jsonl#6 published %v, want none", docs[1].Published)
	}
	docs = []*Document{docs[0], docs[2]}
	if docs[0].Hash != hashHex([]byte(good1)) || docs[1].Hash != hashHex([]byte(good2)) {
		t.Error("hash is not the SHA-256 of the line")
	}
	if len(docs[0].Lines) != 2 || docs[0].Outlet != "Radio Ashby" || docs[0].Title != "One" {
		t.Errorf("first doc: %d lines, outlet %q, title %q", len(docs[0].Lines), docs[0].Outlet, docs[0].Title)
	}
	if docs[1].Outlet != "ashbyecho.example" || docs[1].OutletFrom != OutletFromURL || !docs[1].Published.Equal(time.Unix(1390384800, 0)) {
		t.Errorf("second doc: outlet %q from %q, published %v", docs[1].Outlet, docs[1].OutletFrom, docs[1].Published)
	}
	wantSkips := map[string]string{
		"feed.jsonl#3": "not valid JSON",
		"feed.jsonl#4": "no article text",
		"feed.jsonl#5": "not valid UTF-8",
		"feed.jsonl#6": "not a date",
	}
	if len(skips) != len(wantSkips) {
		t.Errorf("skips = %v", skips)
	}
	for _, s := range skips {
		if want, ok := wantSkips[s.Path]; !ok || !strings.Contains(s.Reason, want) {
			t.Errorf("skip %s: %q, want it to say %q", s.Path, s.Reason, want)
		}
		if s.Kept != (s.Path == "feed.jsonl#6") {
			t.Errorf("skip %s: kept %v, want only the undated article kept", s.Path, s.Kept)
		}
	}
}

// TestReadFileImplausibleDates: a date no outlet can have meant (before
// 1800, after 2200) is said, naming the article and the value, and the
// article is read undated; a plausible one is kept as written, its UTC
// offset and all, 1970-01-01 included.
func TestReadFileImplausibleDates(t *testing.T) {
	body := "The school board voted to close Pine Hill school.\n"
	tests := []struct {
		name, data string
		published  string // RFC 3339 as read; "" for undated
		warn       string // in the one warning on the article; "" for none
	}{
		{"far.txt", "---\npublished: 3026-02-10\n---\n" + body, "", `published "3026-02-10" is not a plausible date`},
		{"y2300.txt", "---\npublished: 2300-01-01\n---\n" + body, "", `published "2300-01-01" is not a plausible date`},
		{"y1600.md", "---\npublished: 1600-06-01\n---\n" + body, "", `published "1600-06-01" is not a plausible date`},
		{"feed.jsonl", `{"text": "` + strings.TrimSpace(body) + `", "published": "3026-02-10T10:00:00+02:00"}`, "", `published "3026-02-10T10:00:00+02:00" is not a plausible date`},
		{"epoch.txt", "---\npublished: 1970-01-01\n---\n" + body, "1970-01-01T00:00:00Z", ""},
		{"zone.txt", "---\npublished: 2026-03-05T23:30:00-05:00\n---\n" + body, "2026-03-05T23:30:00-05:00", ""},
		{"edge.txt", "---\npublished: 2200-12-31\n---\n" + body, "2200-12-31T00:00:00Z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{tt.name: {Data: []byte(tt.data)}}
			docs, notes, err := ReadFile(context.Background(), fsys, tt.name)
			if err != nil || len(docs) != 1 {
				t.Fatalf("docs %v, err %v: want the article read", docs, err)
			}
			got := ""
			if !docs[0].Published.IsZero() {
				got = docs[0].Published.Format(time.RFC3339)
			}
			if got != tt.published {
				t.Errorf("published %q, want %q", got, tt.published)
			}
			if tt.warn == "" {
				if len(notes) > 0 {
					t.Errorf("notes %v, want none", notes)
				}
			} else if len(notes) != 1 || !notes[0].Kept || notes[0].Path != docs[0].ID || !strings.Contains(notes[0].Reason, tt.warn) {
				t.Errorf("notes %v, want one kept note on %s saying %q", notes, docs[0].ID, tt.warn)
			}
		})
	}
}

// TestReadFileWarnings: what of a text article's header cannot be used is
// said, naming the file and the value, and the article is read all the
// same; a page with a head and no body is no article.
func TestReadFileWarnings(t *testing.T) {
	tests := []struct {
		name, data string
		want       string // in the one warning; "" for none
		source     string // the outlet the article keeps
	}{
		{"bad-date.txt", "---\nsource: Valley Herald\npublished: sometime last week\n---\nThe bridge reopened on Monday.\n",
			`published "sometime last week" is not a date`, "Valley Herald"},
		{"month-13.txt", "---\nsource: Valley Herald\npublished: 2026-13-45\n---\nThe bridge reopened on Monday.\n",
			`published "2026-13-45" is not a date`, "Valley Herald"},
		{"unclosed.md", "---\nsource: Never Closed Times\nThe bridge reopened on Monday.\n",
			"front matter is never closed", ""},
		{"rule.md", "---\nThe bridge reopened on Monday: a rule opens the file.\n", "", ""},
		{"prose-inside.md", "---\nsource: Valley Herald\nThe bridge reopened on Monday.\n---\nTraffic was light.\n",
			"line 3, inside its front matter, is not a key and value", ""},
		{"good.txt", "---\nsource: Valley Herald\npublished: 2026-02-10\n---\nThe bridge reopened on Monday.\n", "", "Valley Herald"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{tt.name: {Data: []byte(tt.data)}}
			docs, notes, err := ReadFile(context.Background(), fsys, tt.name)
			if err != nil || len(docs) != 1 {
				t.Fatalf("docs %v, err %v: want the article read", docs, err)
			}
			if tt.want == "" {
				if len(notes) > 0 {
					t.Errorf("notes %v, want none", notes)
				}
			} else if len(notes) != 1 || !notes[0].Kept || notes[0].Path != tt.name || !strings.Contains(notes[0].Reason, tt.want) {
				t.Errorf("notes %v, want one kept note on %s saying %q", notes, tt.name, tt.want)
			}
			if tt.source != "" && docs[0].Outlet != tt.source {
				t.Errorf("outlet %q, want %q", docs[0].Outlet, tt.source)
			}
		})
	}
	for _, page := range []string{
		"<html><head><title>No body here</title></head></html>",
		"<html><head><title>t</title></head><body></body></html>",
	} {
		fsys := fstest.MapFS{"p.html": {Data: []byte(page)}}
		if _, _, err := ReadFile(context.Background(), fsys, "p.html"); !errors.Is(err, ErrNoText) {
			t.Errorf("%s: err %v, want ErrNoText", page, err)
		}
	}
}

// errFS fails to open the files it names, as an unreadable file does.
type errFS struct {
	fs.FS
	fail map[string]error
}

func (f errFS) Open(name string) (fs.File, error) {
	if err := f.fail[name]; err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f.FS.Open(name)
}

func (f errFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := f.fail[name]; err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	return fs.ReadDir(f.FS, name)
}

// countingFS counts the bytes read from its files.
type countingFS struct {
	fs.FS
	read *int64
}

type countingFile struct {
	fs.File
	read *int64
}

func (f countingFS) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return countingFile{file, f.read}, nil
}

func (f countingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.FS, name) }

func (f countingFile) Read(b []byte) (int, error) {
	n, err := f.File.Read(b)
	*f.read += int64(n)
	return n, err
}

func TestReadFileBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := "Officials in Ashby said on Monday that the bridge would reopen in May after repairs.\n"
	write("good.txt", []byte(good))
	write("empty.txt", nil)
	write("blank.md", []byte(" \n\n\t\n"))
	write("binary.txt", []byte("PK\x03\x04\x00\x00binary zip"))
	write("latin1.txt", []byte("Caf\xe9 owners in Ashby said the bridge closure had cost them trade.\n"))
	write("headeronly.txt", []byte("---\ntitle: Nothing\n---\n"))
	write("empty.jsonl", []byte("\n\n"))
	huge := filepath.Join(dir, "huge.txt")
	write("huge.txt", nil)
	if err := os.Truncate(huge, 50<<20); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "broken.txt")); err != nil {
		t.Fatal(err)
	}
	write("locked.txt", []byte(good))
	if err := os.Chmod(filepath.Join(dir, "locked.txt"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "locked.txt"), 0o644) })
	// Root reads a file whatever its mode: then the permission error is
	// played by a file system that refuses to open it.
	var fsys fs.FS = os.DirFS(dir)
	if f, err := os.Open(filepath.Join(dir, "locked.txt")); err == nil {
		f.Close()
		fsys = errFS{FS: fsys, fail: map[string]error{"locked.txt": fs.ErrPermission}}
	}
	var read int64
	fsys = countingFS{FS: fsys, read: &read}

	tests := []struct {
		name   string
		target error
		reason string
	}{
		{"empty.txt", ErrEmpty, "is empty"},
		{"blank.md", ErrEmpty, "is empty"},
		{"empty.jsonl", ErrEmpty, "is empty"},
		{"binary.txt", ErrBinary, "is binary"},
		{"latin1.txt", ErrInvalidUTF8, "save it as UTF-8"},
		{"huge.txt", ErrTooLarge, "too large (50.0 MB"},
		{"broken.txt", ErrUnreadable, "cannot be read"},
		{"locked.txt", ErrUnreadable, "permission denied"},
		{"headeronly.txt", ErrNoText, "no article text"},
	}
	files, skips, err := Scan(context.Background(), fsys)
	if err != nil || len(skips) != 0 {
		t.Fatalf("Scan: %v, %v", skips, err)
	}
	if len(files) != len(tests)+1 {
		t.Errorf("Scan found %d files, want %d", len(files), len(tests)+1)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := read
			docs, _, err := ReadFile(context.Background(), fsys, tt.name)
			var fe *FileError
			if !errors.As(err, &fe) || !errors.Is(err, tt.target) {
				t.Fatalf("ReadFile = %d docs, %v; want a *FileError wrapping %v", len(docs), err, tt.target)
			}
			if fe.Path != tt.name || !strings.HasPrefix(err.Error(), tt.name+": ") || !strings.Contains(fe.Reason, tt.reason) {
				t.Errorf("error %q, want it to name %s and say %q", err, tt.name, tt.reason)
			}
			if !strings.Contains(fe.Reason, ": ") {
				t.Errorf("reason %q does not say what to do", fe.Reason)
			}
			if tt.name == "huge.txt" && read != before {
				t.Errorf("read %d bytes of a file rejected for its size", read-before)
			}
		})
	}
	// Every other file is still read.
	docs, _, err := ReadFile(context.Background(), fsys, "good.txt")
	if err != nil || len(docs) != 1 {
		t.Fatalf("good.txt: %v", err)
	}
}

func TestReadFileCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fsys := fstest.MapFS{"a.txt": {Data: []byte("Some story text that is long enough to be a story.")}}
	if _, _, err := ReadFile(ctx, fsys, "a.txt"); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestScanUnreadableFolder checks a folder that cannot be listed is a
// Skip and the rest of the tree is still scanned.
func TestScanUnreadableFolder(t *testing.T) {
	fsys := errFS{
		FS: fstest.MapFS{
			"a.txt":        {Data: []byte("x")},
			"locked/b.txt": {Data: []byte("x")},
			"open/c.md":    {Data: []byte("x")},
		},
		fail: map[string]error{"locked": fs.ErrPermission},
	}
	files, skips, err := Scan(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Path != "a.txt" || files[1].Path != "open/c.md" {
		t.Errorf("files = %v, want a.txt and open/c.md", files)
	}
	if len(skips) != 1 || skips[0].Path != "locked" || !strings.Contains(skips[0].Reason, "permission denied") {
		t.Errorf("skips = %v, want locked: permission denied", skips)
	}
}

func TestIsArticlePath(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"a.txt", true},
		{"outlet/2026/b.HTML", true},
		{"feed.jsonl", true},
		{".scraper.log", false},
		{"scrape.log", false},
		{"notes.pdf", false},
		{".hidden.txt", false},
		{".git/HEAD.txt", false},
		{"sub/.cache/e.txt", false},
		{"folder", false},
	}
	for _, tt := range tests {
		if got := IsArticlePath(tt.path); got != tt.want {
			t.Errorf("IsArticlePath(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestReadTextHardWrapped checks that plain text wrapped at a fixed width
// inside blank-line-separated paragraphs is joined back into paragraphs,
// and that text written a paragraph per line is left as it is.
func TestReadTextHardWrapped(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"wrapped at 60 columns",
			"US Secretary of State John Kerry and Russian Foreign\n" +
				"Minister Sergei Lavrov have called for a ceasefire in\n" +
				"Syria ahead of peace talks in Switzerland next week.\n" +
				"\n" +
				"Mr Kerry said that he and Mr Lavrov had talked about a\n" +
				"localised ceasefire. Both of them agreed to try.\n",
			[]string{
				"US Secretary of State John Kerry and Russian Foreign Minister Sergei Lavrov have called for a ceasefire in Syria ahead of peace talks in Switzerland next week.",
				"Mr Kerry said that he and Mr Lavrov had talked about a localised ceasefire. Both of them agreed to try.",
			}},
		{"wrapped, with a heading and a menu kept line by line",
			"Home\nWorld\nSport\n\n" +
				"Kerry and Lavrov call for a ceasefire\n" +
				"US Secretary of State John Kerry and Russian Foreign\n" +
				"Minister Sergei Lavrov have called for a ceasefire in\n" +
				"Syria ahead of peace talks in Switzerland next week.\n" +
				"\n" +
				"Mr Kerry said that he and Mr Lavrov had talked about a\n" +
				"localised ceasefire. Both of them agreed to try.\n",
			[]string{
				"Home", "World", "Sport",
				"Kerry and Lavrov call for a ceasefire",
				"US Secretary of State John Kerry and Russian Foreign Minister Sergei Lavrov have called for a ceasefire in Syria ahead of peace talks in Switzerland next week.",
				"Mr Kerry said that he and Mr Lavrov had talked about a localised ceasefire. Both of them agreed to try.",
			}},
		{"a paragraph per line, no blank lines",
			"Kerry and Lavrov met in Paris on Monday to prepare the talks.\n" +
				"Minister Sergei Lavrov said Iran should take part in them.\n" +
				"Syria's government said it might open humanitarian access.\n",
			[]string{
				"Kerry and Lavrov met in Paris on Monday to prepare the talks.",
				"Minister Sergei Lavrov said Iran should take part in them.",
				"Syria's government said it might open humanitarian access.",
			}},
		{"wrapped-looking lines without blank lines",
			"US Secretary of State John Kerry and Russian Foreign\n" +
				"Minister Sergei Lavrov have called for a ceasefire in\n" +
				"Syria ahead of peace talks in Switzerland next week.\n",
			[]string{
				"US Secretary of State John Kerry and Russian Foreign",
				"Minister Sergei Lavrov have called for a ceasefire in",
				"Syria ahead of peace talks in Switzerland next week.",
			}},
		{"a paragraph per line between blank lines",
			"US Secretary of State John Kerry and Russian Foreign Minister Sergei Lavrov have called for a ceasefire in Syria ahead of peace talks.\n" +
				"\n" +
				"Mr Kerry said that he and Mr Lavrov had talked about a localised ceasefire.\n" +
				"Both of them agreed to try, officials in Paris said on Monday evening.\n",
			[]string{
				"US Secretary of State John Kerry and Russian Foreign Minister Sergei Lavrov have called for a ceasefire in Syria ahead of peace talks.",
				"Mr Kerry said that he and Mr Lavrov had talked about a localised ceasefire.",
				"Both of them agreed to try, officials in Paris said on Monday evening.",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"a.txt": {Data: []byte(tt.text)}}
			ds, _, err := ReadFile(context.Background(), fsys, "a.txt")
			if err != nil || len(ds) != 1 {
				t.Fatalf("ReadFile = %d docs, %v", len(ds), err)
			}
			var got []string
			for _, l := range ds[0].Lines {
				got = append(got, l.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("paragraphs\n %q\nwant\n %q", got, tt.want)
			}
		})
	}
}

func TestJSONLTruncatedByFeed(t *testing.T) {
	fsys := fstest.MapFS{"feed.jsonl": {Data: []byte(
		`{"source": "Ashby Echo", "url": "https://ashbyecho.example/a", "title": "Bridge", "text": "The bridge will reopen in May, the council said on Tuesday.", "truncated_by": "feed"}` + "\n" +
			`{"source": "Ashby Echo", "url": "https://ashbyecho.example/b", "title": "Road", "text": "The road will reopen in June, the council said on Tuesday."}` + "\n")}}
	docs, skips, err := ReadFile(context.Background(), fsys, "feed.jsonl")
	if err != nil || len(skips) > 0 || len(docs) != 2 {
		t.Fatalf("ReadFile = %d docs, %v, %v", len(docs), skips, err)
	}
	for i, want := range []string{TruncatedByFeed, ""} {
		a := Clean(docs[i], nil)
		if a.TruncatedBy != want || a.Truncated != (want != "") {
			t.Errorf("article %d: truncated %v by %q, want by %q", i, a.Truncated, a.TruncatedBy, want)
		}
	}
}

// TestReadFileDeclaredCharset: a saved page that is not UTF-8 but
// declares its charset is read in it, as a browser and the feeds read
// it; one that declares nothing is still refused with what to do.
func TestReadFileDeclaredCharset(t *testing.T) {
	body := "<body><article><p>A fire destroyed the Caf\xe9 M\xfcller in Z\xfcrich on Sunday night, the city\x92s fire service said.</p>" +
		"<p>\x93The building could not be saved,\x94 said fire commander Ren\xe9 Gr\xe4ber, who led the crews through the night.</p></article></body></html>"
	for _, tt := range []struct {
		name, head string
		want       string // in the text; "" when refused
	}{
		{"meta.html", `<html><head><meta charset="windows-1252"><title>Fire</title></head>`, "Café Müller in Zürich"},
		{"http-equiv.htm", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><title>Fire</title></head>`, "Café Müller"},
		{"xhtml.html", `<?xml version="1.0" encoding="windows-1252"?>` + "\n" + `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">` +
			`<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Fire</title></head>`, "Café Müller in Zürich"},
		{"xhtml-spaced.htm", "\n  <?xml version='1.0' encoding='ISO-8859-1' ?><html><head><title>Fire</title></head>", "Café Müller"},
		{"undeclared.html", `<html><head><title>Fire</title></head>`, ""},
		{"xml-says-utf8.html", `<?xml version="1.0" encoding="UTF-8"?><html><head><title>Fire</title></head>`, ""},
		// a declaration is one only at the start of the file
		{"late-xml.html", `<html><head><title>Fire</title></head><?xml version="1.0" encoding="windows-1252"?>`, ""},
		// a page that says UTF-8 and is not is refused, not read with every
		// bad byte replaced
		{"says-utf8.html", `<html><head><meta charset="utf-8"><title>Fire</title></head>`, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{tt.name: {Data: []byte(tt.head + body)}}
			docs, _, err := ReadFile(context.Background(), fsys, tt.name)
			if tt.want == "" {
				if !errors.Is(err, ErrInvalidUTF8) {
					t.Errorf("err %v, want ErrInvalidUTF8", err)
				}
				return
			}
			if err != nil || len(docs) != 1 {
				t.Fatalf("docs %v, err %v", docs, err)
			}
			var text strings.Builder
			for _, l := range docs[0].Lines {
				text.WriteString(l.Text + "\n")
			}
			if !strings.Contains(text.String(), tt.want) {
				t.Errorf("text %q lacks %q", text.String(), tt.want)
			}
		})
	}
}

// TestReadFileDropsControls: an escape sequence in a JSON line (a feed's
// title become an outlet's name) never reaches what is printed.
func TestReadFileDropsControls(t *testing.T) {
	line := `{"source":"Daily \u001b[2J\u001b[H\u001b[32mAll feeds ok","title":"Dam \u009bbursts","url":"https://daily.example/1","text":"The Zorblat dam burst on Tuesday morning after days of heavy rain.\u0007\tOfficials said so."}` + "\n"
	docs, _, err := ReadFile(context.Background(), fstest.MapFS{"f.jsonl": {Data: []byte(line)}}, "f.jsonl")
	if err != nil || len(docs) != 1 {
		t.Fatalf("ReadFile = %d docs, %v", len(docs), err)
	}
	d := docs[0]
	if d.Outlet != "Daily [2J[H[32mAll feeds ok" || d.Title != "Dam bursts" {
		t.Errorf("outlet %q, title %q: want them without control characters", d.Outlet, d.Title)
	}
	for _, l := range d.Lines {
		if strings.ContainsRune(l.Text, '\u0007') || !strings.Contains(l.Text, "rain.") {
			t.Errorf("line %q", l.Text)
		}
	}
	// control characters that are white space part words still
	if got := WithoutControls("Dam\vbursts.\rOfficials said so.\u0085Nobody was hurt.\fThe river fell."); got != "Dam bursts. Officials said so. Nobody was hurt. The river fell." {
		t.Errorf("WithoutControls = %q, want the white space kept as spaces", got)
	}
}
