package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// htmlArticle is what trafilatura finds in a page.
type htmlArticle struct {
	lines                          []Line
	title, url, sitename, language string
	published                      time.Time
}

// MaxHTMLElements bounds the elements of a page ReadFile extracts. A news
// page has a few thousand; extraction holds several copies of the page's
// tree, so a page of millions of elements (a 20 MB page of repeated
// "<a href=x><p>t</p>") would take gigabytes and a minute. Counting them
// first is a streaming scan that holds no tree.
const MaxHTMLElements = 50_000

// errTooManyElements is a page over MaxHTMLElements.
var errTooManyElements = fmt.Errorf("more than %d HTML elements (an article page has a few thousand)", MaxHTMLElements)

// htmlTooLarge reports whether data holds more than max elements.
func htmlTooLarge(data []byte, max int) bool {
	z := html.NewTokenizer(bytes.NewReader(data))
	n := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.SelfClosingTagToken:
			if n++; n > max {
				return true
			}
		}
	}
}

// readHTML reads an HTML page: its main text, paragraph by paragraph, and
// the page's own metadata.
func readHTML(name string, data []byte) (*Document, error) {
	h, err := extractHTML(data)
	if errors.Is(err, errTooManyElements) {
		return nil, &FileError{Path: name, Err: fmt.Errorf("%w: %w", ErrTooComplex, err),
			Reason: "has " + err.Error() + ", too many to extract: save the article's own page, or its text as .txt"}
	}
	if err != nil {
		return nil, &FileError{Path: name, Err: ErrNoText,
			Reason: "has no article text that could be found (" + err.Error() + "): check it is an article page, or save the text as .txt"}
	}
	d := &Document{
		ID:        name,
		Path:      name,
		URL:       h.url,
		Title:     h.title,
		Language:  h.language,
		Published: h.published,
		Lines:     h.lines,
		Hash:      hashHex(data),
	}
	setOutlet(d, h.sitename)
	return d, nil
}

// extractHTML runs trafilatura and walks its content node block by block,
// so paragraphs stay paragraphs rather than one flattened string.
func extractHTML(data []byte) (h htmlArticle, err error) {
	if htmlTooLarge(data, MaxHTMLElements) {
		return h, errTooManyElements
	}
	defer func() {
		// A third-party extractor must not take the corpus down with it.
		if r := recover(); r != nil {
			err = fmt.Errorf("the HTML extractor failed: %v", r)
		}
	}()
	cfg := trafilatura.DefaultConfig()
	// Short local news pieces are articles too.
	cfg.MinExtractedSize = 100
	opts := trafilatura.Options{
		Config:          cfg,
		ExcludeComments: true,
		EnableFallback:  true,
		// The extensive date search runs a foreign-language date parser
		// built on regular expressions; meta tags and English dates cover
		// news pages at a fraction of the cost.
		HtmlDateMode: trafilatura.Fast,
	}
	var res *trafilatura.ExtractResult
	if utf8.Valid(data) {
		doc, perr := parseUTF8HTML(data)
		if perr != nil {
			return h, perr
		}
		res, err = trafilatura.ExtractDocument(doc, opts)
	} else {
		res, err = trafilatura.Extract(bytes.NewReader(data), opts)
	}
	if err != nil {
		return h, err
	}
	if res == nil || res.ContentNode == nil {
		return h, errors.New("no main content")
	}
	var w blockWalker
	w.walk(res.ContentNode)
	w.flush()
	if len(w.lines) == 0 {
		return h, errors.New("no paragraphs in the main content")
	}
	m := res.Metadata
	h = htmlArticle{
		lines:     w.lines,
		title:     strings.TrimSpace(m.Title),
		url:       strings.TrimSpace(m.URL),
		sitename:  strings.TrimSpace(m.Sitename),
		language:  strings.TrimSpace(m.Language),
		published: m.Date,
	}
	if onlyTitle(h) {
		// a page with a head and no body: the extractor's fallback takes
		// its title for the content
		return htmlArticle{}, errors.New("only a title, no paragraphs")
	}
	return h, nil
}

// onlyTitle reports whether every line h extracted is its title.
func onlyTitle(h htmlArticle) bool {
	for _, l := range h.lines {
		if strings.TrimSpace(l.Text) != h.title {
			return false
		}
	}
	return h.title != ""
}

// parseUTF8HTML parses a page that is valid UTF-8. go-trafilatura's own
// parser runs a character-set detector over every page first, a quarter
// of the CPU spent reading a corpus in the benchmark; UTF-8 needs none.
// The text is normalised as that parser normalises it (NFC, soft hyphens
// removed).
func parseUTF8HTML(data []byte) (*html.Node, error) {
	softHyphen := runes.Predicate(func(r rune) bool { return r == '\u00AD' })
	return html.Parse(transform.NewReader(bytes.NewReader(data), transform.Chain(norm.NFD, runes.Remove(softHyphen), norm.NFC)))
}

// blockWalker collects the text of block elements as separate lines.
type blockWalker struct {
	lines   []Line
	buf     strings.Builder
	heading bool
}

var blockTags = map[string]bool{
	"p": true, "div": true, "li": true, "blockquote": true, "pre": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"td": true, "th": true, "tr": true, "dt": true, "dd": true, "figcaption": true,
	"section": true, "article": true, "ul": true, "ol": true, "table": true,
	"summary": true, "details": true, "main": true, "body": true, "header": true,
	"footer": true, "aside": true, "figure": true, "dl": true, "hr": true,
}

func (w *blockWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(n.Data)
		return
	case html.ElementNode:
		tag := n.Data
		switch tag {
		case "script", "style", "noscript", "template", "img", "svg":
			return
		case "br":
			w.buf.WriteByte(' ')
			return
		}
		if blockTags[tag] {
			w.flush()
			isHeading := len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				w.walk(c)
			}
			w.heading = isHeading
			w.flush()
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

func (w *blockWalker) flush() {
	t := strings.Join(strings.Fields(w.buf.String()), " ")
	w.buf.Reset()
	if t != "" {
		w.lines = append(w.lines, Line{Text: t, Heading: w.heading})
	}
	w.heading = false
}
