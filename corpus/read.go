package corpus

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// Skip is a file, or a record inside a file, that was not read, and why.
type Skip struct {
	Path   string // relative to the corpus root; "feed.jsonl#12" for a JSON line
	Reason string // what was wrong and what to do, e.g. "not valid UTF-8: save it as UTF-8"
	// Kept: the article was read all the same, and Reason says what of it
	// was not ("published "sometime last week" is not a date"): a warning,
	// not a skip.
	Kept bool
}

// File is an article file found by Scan.
type File struct {
	Path    string // relative to the corpus root, slash-separated
	Size    int64
	ModTime time.Time
}

// Document is an article as read from its file, before cleaning.
type Document struct {
	ID         string
	Path       string
	Outlet     string
	OutletFrom OutletSource
	URL        string
	Published  time.Time
	Title      string
	Language   string
	Lines      []Line // the body: source lines, or HTML paragraphs
	Hash       string // hex SHA-256 of the source bytes
	// TruncatedBy, when set, says the source itself is known to be less
	// than the whole story (TruncatedByFeed); Clean marks the article so.
	TruncatedBy string
}

// Line is one line (or HTML paragraph) of a document's body.
type Line struct {
	Text    string
	Number  int // 1-based source line; 0 when the source has no lines
	Heading bool
}

// MaxFileSize is the largest article file ReadFile accepts. Real articles,
// even JSON lines feeds of hundreds of them, are far smaller; anything
// bigger is almost certainly not an article and would only cost memory.
const MaxFileSize = 20 << 20

// MaxArticleSize is the most text one plain-text article (a .txt or .md
// file, a feed line's text) may hold: a long news feature is well under
// 100 KB, a whole novel 1–3 MB. One article far larger is not news, and
// every question it answers would read all of it.
const MaxArticleSize = 1 << 20

// Errors ReadFile wraps in a *FileError, for errors.Is.
var (
	ErrEmpty       = errors.New("corpus: empty file")
	ErrBinary      = errors.New("corpus: binary file")
	ErrInvalidUTF8 = errors.New("corpus: invalid UTF-8")
	ErrTooLarge    = errors.New("corpus: file too large")
	ErrUnreadable  = errors.New("corpus: unreadable file")
	ErrNoText      = errors.New("corpus: no article text")
	ErrTooComplex  = errors.New("corpus: page too complex")
)

// FileError is a problem with a whole file. Its Reason is written for the
// person who owns the corpus: what is wrong and what to do about it.
type FileError struct {
	Path   string
	Reason string
	Err    error // one of the Err* sentinels, or the underlying error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Reason }

func (e *FileError) Unwrap() error { return e.Err }

// Skip returns the error as a Skip for a summary.
func (e *FileError) Skip() Skip { return Skip{Path: e.Path, Reason: e.Reason} }

// articleExt reports whether name has an extension Scan reads.
func articleExt(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".md", ".html", ".htm", ".jsonl":
		return true
	}
	return false
}

// IsArticlePath reports whether Scan would list a regular file at p
// (slash-separated, relative to the corpus root) by its name: no hidden
// file or folder on the way, and an article extension.
func IsArticlePath(p string) bool {
	for part := range strings.SplitSeq(p, "/") {
		if strings.HasPrefix(part, ".") && part != "." {
			return false
		}
	}
	return articleExt(p)
}

// Scan lists the article files under fsys, recursively: .txt, .md, .html,
// .htm and .jsonl. Hidden files and folders are passed over. A folder that
// cannot be listed is a Skip; the rest of the tree is still scanned.
func Scan(ctx context.Context, fsys fs.FS) ([]File, []Skip, error) {
	files, _, skips, err := ScanAll(ctx, fsys)
	return files, skips, err
}

// ScanAll is Scan that also returns the paths of the other files it passed
// over for their type (a .pdf, a .docx, a scraper's log), so a summary
// can say they were not read. Hidden files are not among them.
func ScanAll(ctx context.Context, fsys fs.FS) (files []File, other []string, skips []Skip, err error) {
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			if p == "." {
				return fmt.Errorf("scan corpus: %w", err)
			}
			skips = append(skips, Skip{Path: p, Reason: "cannot be read (" + errReason(err) + "): check its permissions"})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != "." && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 && !articleExt(name) {
			// A link to a folder is never followed: one inside the corpus
			// is read where it lies; one leading out is said, as it may
			// well hold articles.
			leaves, loop := linkLeaves(fsys, p)
			if loop {
				skips = append(skips, Skip{Path: p, Reason: "is a link that leads back to itself through other links (a loop), so there is nothing to read: point it at a file or folder, or remove it"})
				return nil
			}
			if leaves {
				// through the corpus's root, what it leads to cannot be
				// looked at: a folder of articles, or a file of another type
				skips = append(skips, Skip{Path: p, Reason: "is a link leading outside the corpus folder (or an absolute link), which is never followed: if what it leads to holds articles, copy them into the corpus folder"})
				return nil
			}
			if target, err := fs.Stat(fsys, p); err == nil && target.IsDir() {
				return nil
			}
		}
		if !articleExt(name) {
			other = append(other, p)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			skips = append(skips, Skip{Path: p, Reason: "cannot be read (" + errReason(err) + "): check its permissions"})
			return nil
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			// A link out of the corpus folder would make any file the
			// process can read answerable and shown in Discord.
			if leaves, loop := linkLeaves(fsys, p); loop {
				skips = append(skips, Skip{Path: p, Reason: "is a link that leads back to itself through other links (a loop), so there is no article to read: point it at the article's file, or copy the article in"})
				return nil
			} else if leaves {
				skips = append(skips, Skip{Path: p, Reason: "is a link to a file outside the corpus folder (or an absolute link), which is never read: copy the article into the corpus folder, or link to a file inside it with a relative link"})
				return nil
			}
			// A link is listed with its target's size and time, so changes
			// to the target are seen; a broken one is listed too and
			// ReadFile says why it cannot be read.
			if target, err := fs.Stat(fsys, p); err == nil {
				if target.IsDir() {
					return nil
				}
				info = target
			}
		}
		if !info.Mode().IsRegular() && info.Mode()&fs.ModeSymlink == 0 {
			skips = append(skips, Skip{Path: p, Reason: "not a regular file: replace it with a plain file"})
			return nil
		}
		files = append(files, File{Path: p, Size: info.Size(), ModTime: info.ModTime()})
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return files, other, skips, nil
}

// maxLinkHops bounds how many links linkLeaves follows, as the OS does.
const maxLinkHops = 40

// linkLeaves reports whether the path p, resolved link by link and folder
// by folder, ends outside fsys: through an absolute link (whose place in
// fsys cannot be known) or a relative one climbing above the root; or
// whether it never ends (loop: links leading round, or more than the OS
// follows). A file system that cannot read links (the embedded sample) has
// none that leave it. Reading the corpus through os.Root refuses such
// links as well; this is what names them in the summary, whatever the
// file system.
func linkLeaves(fsys fs.FS, p string) (leaves, loop bool) {
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return false, false
	}
	pending := strings.Split(p, "/")
	resolved := "." // the part already resolved, inside fsys
	hops := 0
	for len(pending) > 0 {
		c := pending[0]
		pending = pending[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			if resolved == "." {
				return true, false
			}
			resolved = path.Dir(resolved)
			continue
		}
		next := path.Join(resolved, c)
		info, err := rl.Lstat(next)
		if err != nil {
			return false, false // broken or unreadable: ReadFile says why
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			resolved = next
			continue
		}
		if hops++; hops > maxLinkHops {
			return false, true // a loop, or too long a chain to follow
		}
		target, err := rl.ReadLink(next)
		if err != nil {
			return false, false
		}
		if path.IsAbs(target) || strings.HasPrefix(target, `\\`) || (len(target) > 1 && target[1] == ':') {
			return true, false
		}
		pending = append(strings.Split(target, "/"), pending...)
	}
	return false, false
}

// ReadFile reads one file into documents. A problem with the whole file
// (empty, binary, invalid UTF-8, too large, unreadable) is a *FileError
// naming the file and the reason; a bad record in a JSON lines file is a
// Skip and the rest of the file is still read.
func ReadFile(ctx context.Context, fsys fs.FS, name string) ([]*Document, []Skip, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	data, err := readCapped(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	data = declaredHTMLToUTF8(name, data)
	if err := checkContent(name, data); err != nil {
		return nil, nil, err
	}
	docs, skips, err := readDocuments(ctx, name, data)
	for _, d := range docs {
		d.dropControls()
		if note, ok := d.dropImplausibleDate(); ok {
			skips = append(skips, note)
		}
	}
	return docs, skips, err
}

// readDocuments parses a file's checked content by its extension.
func readDocuments(ctx context.Context, name string, data []byte) ([]*Document, []Skip, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".jsonl":
		return readJSONL(ctx, name, data)
	case ".html", ".htm":
		d, err := readHTML(name, data)
		if err != nil {
			return nil, nil, err
		}
		return []*Document{d}, nil, nil
	default:
		if len(data) > MaxArticleSize {
			return nil, nil, &FileError{Path: name, Err: ErrTooLarge,
				Reason: fmt.Sprintf("too large for one article (%s, the limit is %s): split it into one file per article", megabytes(int64(len(data))), megabytes(MaxArticleSize))}
		}
		d, notes := readText(name, data, strings.EqualFold(path.Ext(name), ".md"))
		if len(d.Lines) == 0 {
			return nil, nil, &FileError{Path: name, Reason: "has front matter but no article text: add the story below the closing ---", Err: ErrNoText}
		}
		return []*Document{d}, notes, nil
	}
}

// dropControls removes control characters from what the document says:
// a JSON line can carry an escape sequence ("\u001b[2J" in an outlet's
// name, from a feed) that would clear a terminal or draw on it when the
// name is printed. Tabs stay; they are white space.
func (d *Document) dropControls() {
	for _, s := range []*string{&d.Outlet, &d.Title, &d.URL, &d.Language} {
		*s = WithoutControls(*s)
	}
	for i := range d.Lines {
		d.Lines[i].Text = WithoutControls(d.Lines[i].Text)
	}
}

// WithoutControls is s without its control characters (C0, DEL, C1), tabs
// and newlines aside; those that are white space (a carriage return, a
// vertical tab, a form feed, NEL) become a space, so the words and
// sentences they part stay apart.
func WithoutControls(s string) string {
	if strings.IndexFunc(s, isStrayControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case !isStrayControl(r):
			return r
		case unicode.IsSpace(r):
			return ' '
		}
		return -1
	}, s)
}

func isStrayControl(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' }

// readCapped reads a file, refusing one over MaxFileSize by its size before
// reading a byte of it.
func readCapped(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, unreadable(name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, unreadable(name, err)
	}
	if info.IsDir() {
		return nil, &FileError{Path: name, Reason: "is a folder, not a file: rename it so it has no article extension", Err: ErrUnreadable}
	}
	if info.Size() > MaxFileSize {
		return nil, tooLarge(name, info.Size())
	}
	// The size from Stat can lie (pipes, growing files): read one byte past
	// the cap to be sure.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, unreadable(name, err)
	}
	if len(data) > MaxFileSize {
		return nil, tooLarge(name, int64(len(data)))
	}
	return data, nil
}

func tooLarge(name string, size int64) error {
	return &FileError{Path: name, Err: ErrTooLarge,
		Reason: fmt.Sprintf("too large (%s, the limit is %s): split it into one file per article", megabytes(size), megabytes(MaxFileSize))}
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func unreadable(name string, err error) error {
	return &FileError{Path: name, Err: fmt.Errorf("%w: %w", ErrUnreadable, err),
		Reason: "cannot be read (" + errReason(err) + "): check that it exists and its permissions"}
}

// errReason is the OS's reason without the path, which the Skip already names.
func errReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// checkContent rejects files that cannot be articles at all.
func checkContent(name string, data []byte) error {
	if len(bytes.TrimSpace(trimBOM(data))) == 0 {
		return &FileError{Path: name, Reason: "is empty: add the article's text or remove the file", Err: ErrEmpty}
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return &FileError{Path: name, Reason: "is binary, not text (it holds NUL bytes): export the article as plain text, HTML or JSON lines", Err: ErrBinary}
	}
	// JSON lines files are checked line by line so one bad record does not
	// take the others down with it.
	if !strings.EqualFold(path.Ext(name), ".jsonl") && !utf8.Valid(data) {
		return &FileError{Path: name, Reason: fmt.Sprintf("is not valid UTF-8 (first bad byte at offset %d): save it as UTF-8", firstInvalidUTF8(data)), Err: ErrInvalidUTF8}
	}
	return nil
}

// declaredHTMLToUTF8 decodes a saved page that is not UTF-8 but says in
// its own head what it is (<meta charset="windows-1252">, or an XHTML
// page's <?xml version="1.0" encoding="windows-1252"?>), as a browser and
// the feeds do; anything else is returned as it is, for checkContent to
// judge.
func declaredHTMLToUTF8(name string, data []byte) []byte {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
	default:
		return data
	}
	if utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return data
	}
	// charset.DetermineEncoding guesses windows-1252 for a page that
	// declares nothing, too: only the page's own word counts here.
	// The <meta> comes first: a .html file is read as HTML, which a
	// browser does by its <meta> alone.
	label := xmlDeclaredEncoding(data)
	if m := declaredCharsetRE.FindSubmatch(data[:min(len(data), 1024)]); m != nil {
		label = string(m[1])
	}
	if label == "" {
		return data
	}
	enc, name := charset.Lookup(label)
	switch name {
	case "", "utf-8", "utf-16le", "utf-16be", "replacement":
		// a page that says UTF-8 and is not (a common slip) is not to be
		// read with every bad byte replaced; UTF-16 would read as noise
		return data
	}
	if enc == nil {
		return data
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) {
		return data
	}
	return out
}

// errDeclared stops xmlDeclaredEncoding's decoder once it has the label.
var errDeclared = errors.New("corpus: encoding declared")

// xmlDeclaredEncoding returns the encoding a page's XML declaration names
// (other than UTF-8), or "". encoding/xml reads the declaration, as it
// does a feed's for corpus/feed, and hands the label to CharsetReader.
func xmlDeclaredEncoding(data []byte) string {
	var label string
	d := xml.NewDecoder(bytes.NewReader(data[:min(len(data), 1024)]))
	d.CharsetReader = func(l string, _ io.Reader) (io.Reader, error) {
		label = l
		return nil, errDeclared
	}
	// The declaration may only follow white space.
	for {
		tok, err := d.RawToken()
		if cd, ok := tok.(xml.CharData); err != nil || !ok || len(bytes.TrimSpace(cd)) > 0 {
			return label
		}
	}
}

// declaredCharsetRE finds the charset a page's head declares: <meta
// charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…">.
var declaredCharsetRE = regexp.MustCompile(`(?i)<meta[^>]*charset\s*=\s*["']?([a-z0-9_.:-]+)`)

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) }

func hashHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
