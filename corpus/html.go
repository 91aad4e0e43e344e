package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-shiori/dom"
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

// readHTML reads an HTML page: its main text, paragraph by paragraph, and
// the page's own metadata.
func readHTML(name string, data []byte) (*Document, error) {
	h, err := extractHTML(data)
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
	defer func() {
		// A third-party extractor must not take the corpus down with it.
		if r := recover(); r != nil {
			err = fmt.Errorf("the HTML extractor failed: %v", r)
		}
	}()
	cfg := trafilatura.DefaultConfig()
	// Short local news pieces are articles too.
	cfg.MinExtractedSize = 100
	doc, err := parseHTML(data)
	if err != nil {
		return h, err
	}
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		Config:          cfg,
		ExcludeComments: true,
		EnableFallback:  true,
		// The extensive date search runs a foreign-language date parser
		// built on regular expressions; meta tags and English dates cover
		// news pages at a fraction of the cost.
		HtmlDateMode: trafilatura.Fast,
	})
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
	return h, nil
}

// parseHTML parses a page for trafilatura. Its own parser (go-shiori/dom)
// runs a character-set detector over every page first, a quarter of the
// CPU spent reading a corpus in the benchmark; a page that is valid UTF-8
// is parsed as UTF-8 straight away, normalised as that parser normalises
// (NFC, soft hyphens removed). Other pages still go through the detector.
func parseHTML(data []byte) (*html.Node, error) {
	var r io.Reader = bytes.NewReader(data)
	if !utf8.Valid(data) {
		return dom.Parse(r)
	}
	softHyphen := runes.Predicate(func(r rune) bool { return r == '\u00AD' })
	return html.Parse(transform.NewReader(r, transform.Chain(norm.NFD, runes.Remove(softHyphen), norm.NFC)))
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
