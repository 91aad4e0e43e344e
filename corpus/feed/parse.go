package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/coveragebot/coveragebot/corpus"
)

// Feed is a parsed feed, whatever its format.
type Feed struct {
	// Format is "rss", "atom" or "json".
	Format string
	// Title is the feed's own title, usually the outlet's name.
	Title string
	// Link is the site's home page, absolute; "" when the feed names none.
	Link  string
	Items []Item
	// Sitemaps are a sitemap index's sitemaps (Format "sitemapindex"),
	// whose items the poller reads.
	Sitemaps []Sitemap
}

// Sitemap is one sitemap a sitemap index lists.
type Sitemap struct {
	URL     string
	LastMod time.Time
}

// Item is one entry of a feed. Links are absolute: relative ones are
// resolved against the feed's url (and Atom's xml:base).
type Item struct {
	// GUID is the item's own id (RSS guid, Atom id, JSON Feed id); "" when
	// the feed gives none.
	GUID  string
	Link  string
	Title string
	// Published is when the item was published (or, failing that, last
	// updated); zero when the feed does not say or says it in a form no
	// parser knows.
	Published time.Time
	// Content is the item's full text as HTML (content:encoded, Atom
	// content, JSON Feed content_html); Summary its description or summary.
	// Either may be "".
	Content string
	Summary string
}

// Errors Parse wraps, for errors.Is.
var (
	// ErrNotFeed means the document is not a feed at all: usually an HTML
	// page, whose feeds Discover finds.
	ErrNotFeed = errors.New("feed: not a feed")
	// ErrBrokenFeed means the document looks like a feed but cannot be read.
	ErrBrokenFeed = errors.New("feed: broken feed")
)

// Parse reads an RSS (0.9x, 1.0, 2.0), Atom 1.0 or JSON Feed (1.0, 1.1)
// document, or a sitemap (Google News' included) or sitemap index, fetched
// from base. contentType is the response's Content-Type
// header ("" when unknown); it names the character set when the document
// does not.
func Parse(data []byte, base *url.URL, contentType string) (*Feed, error) {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%w: the document is empty", ErrNotFeed)
	}
	var f *Feed
	var err error
	if trimmed[0] == '{' {
		f, err = parseJSON(trimmed, base)
	} else {
		f, err = parseXML(data, base, contentType)
	}
	if err != nil {
		return nil, err
	}
	for i := range f.Items {
		it := &f.Items[i]
		it.Title = cleanTitle(it.Title)
		if it.Link == "" && isURL(it.GUID) {
			it.Link = it.GUID
		}
	}
	f.Title = cleanTitle(f.Title)
	return f, nil
}

// isURL reports whether s is an absolute http(s) url.
func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// resolve makes ref absolute against base; "" stays "", and a ref that is
// not a url at all is dropped.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "" // "http:" alone names no page
	}
	return u.String()
}

// withBase returns base with ref (an xml:base) applied; base itself when
// ref is empty or not a url.
func withBase(base *url.URL, ref string) *url.URL {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return base
	}
	u, err := url.Parse(ref)
	if err != nil {
		return base
	}
	if base == nil {
		return u
	}
	return base.ResolveReference(u)
}

// cleanTitle is a title on one line (titles carry newlines and tabs from
// pretty-printed XML), without control characters: a feed's title is
// printed as its outlet's name, and an escape sequence in it would draw
// on the terminal.
func cleanTitle(s string) string { return strings.Join(strings.Fields(corpus.WithoutControls(s)), " ") }

// --- XML: RSS and Atom ---------------------------------------------------

// xmlDoc is any feed's root: <rss>, <rdf:RDF> or Atom's <feed>. Elements
// are matched by local name, so RSS 0.90's and 1.0's namespaces need no
// types of their own.
type xmlDoc struct {
	XMLName xml.Name
	Base    string      `xml:"http://www.w3.org/XML/1998/namespace base,attr"`
	Channel *xmlChannel `xml:"channel"`
	Items   []rssItem   `xml:"item"` // RSS 0.90 and 1.0 put items beside the channel
	// Atom
	Title   atomText    `xml:"title"`
	Links   []xmlLink   `xml:"link"`
	Entries []atomEntry `xml:"entry"`
	// Sitemaps: <urlset> and <sitemapindex>
	URLs     []sitemapURL `xml:"url"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemapURL is a sitemap's <url> (with Google News' <news:news>) or a
// sitemap index's <sitemap>.
type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		Title       string `xml:"title"`
		Published   string `xml:"publication_date"`
		Publication struct {
			Name string `xml:"name"`
		} `xml:"publication"`
	} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
}

type xmlChannel struct {
	Title string    `xml:"title"`
	Links []xmlLink `xml:"link"`
	Items []rssItem `xml:"item"`
}

// xmlLink is RSS's <link>url</link> and Atom's <link href rel type/>.
type xmlLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type rssItem struct {
	Title       string    `xml:"title"`
	Links       []xmlLink `xml:"link"`
	GUID        string    `xml:"guid"`
	About       string    `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# about,attr"`
	Description string    `xml:"description"`
	Content     string    `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	PubDate     string    `xml:"pubDate"`
	DCDate      string    `xml:"http://purl.org/dc/elements/1.1/ date"`
	Issued      string    `xml:"http://purl.org/dc/terms/ issued"`
}

// atomText is an Atom text construct: type "text", "html" or "xhtml".
type atomText struct {
	Type  string `xml:"type,attr"`
	Text  string `xml:",chardata"`
	Inner string `xml:",innerxml"`
}

// html returns the construct as HTML.
func (t atomText) html() string {
	switch strings.ToLower(strings.TrimSpace(t.Type)) {
	case "xhtml":
		return strings.TrimSpace(t.Inner)
	case "html", "text/html":
		return strings.TrimSpace(t.Text)
	}
	return strings.TrimSpace(escapeText(t.Text))
}

// plain returns the construct as text (a title).
func (t atomText) plain() string {
	if strings.EqualFold(strings.TrimSpace(t.Type), "xhtml") {
		return htmlText(t.Inner)
	}
	if strings.EqualFold(strings.TrimSpace(t.Type), "html") {
		return htmlText(t.Text)
	}
	return t.Text
}

type atomEntry struct {
	Base      string    `xml:"http://www.w3.org/XML/1998/namespace base,attr"`
	ID        string    `xml:"id"`
	Title     atomText  `xml:"title"`
	Links     []xmlLink `xml:"link"`
	Published string    `xml:"published"`
	Updated   string    `xml:"updated"`
	Issued    string    `xml:"issued"` // Atom 0.3
	Summary   atomText  `xml:"summary"`
	Content   atomText  `xml:"content"`
}

// autoClose is HTML's void elements, but for <link>, which RSS uses with
// text inside.
var autoClose = func() []string {
	var out []string
	for _, t := range xml.HTMLAutoClose {
		if t != "link" {
			out = append(out, t)
		}
	}
	return out
}()

func parseXML(data []byte, base *url.URL, contentType string) (*Feed, error) {
	data = toUTF8XML(data, contentType)
	d := xml.NewDecoder(bytes.NewReader(data))
	// Feeds in the wild carry HTML entities (&nbsp;, &eacute;), unclosed
	// HTML inside descriptions and bare ampersands; the lenient decoder
	// reads what a feed reader would.
	d.Strict = false
	d.AutoClose = autoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	var doc xmlDoc
	if err := d.Decode(&doc); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%w: XML error at line %d (%s): the outlet's feed is malformed; try again later or ask the outlet", ErrBrokenFeed, se.Line, se.Msg)
		}
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%w: the document is empty", ErrNotFeed)
		}
		return nil, fmt.Errorf("%w: %w", ErrBrokenFeed, err)
	}
	base = withBase(base, doc.Base)
	switch strings.ToLower(doc.XMLName.Local) {
	case "rss", "rdf":
		return rssFeed(&doc, base), nil
	case "feed":
		return atomFeed(&doc, base), nil
	case "urlset":
		return sitemapFeed(&doc, base), nil
	case "sitemapindex":
		f := &Feed{Format: "sitemapindex"}
		for _, s := range doc.Sitemaps {
			if u := resolve(base, s.Loc); u != "" {
				f.Sitemaps = append(f.Sitemaps, Sitemap{URL: u, LastMod: parseDate(s.LastMod)})
			}
		}
		return f, nil
	}
	return nil, fmt.Errorf("%w: the document is <%s>, not RSS, Atom or JSON Feed", ErrNotFeed, doc.XMLName.Local)
}

// toUTF8XML converts a document whose Content-Type names a character set
// other than UTF-8, when the document has no XML declaration naming its
// own (which the decoder then honours).
func toUTF8XML(data []byte, contentType string) []byte {
	head := data
	if len(head) > 200 {
		head = head[:200]
	}
	if bytes.Contains(head, []byte("encoding=")) || contentType == "" {
		return data
	}
	enc, name, _ := charset.DetermineEncoding(data, contentType)
	if name == "utf-8" || enc == nil {
		return data
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

func rssFeed(doc *xmlDoc, base *url.URL) *Feed {
	f := &Feed{Format: "rss"}
	items := doc.Items
	if ch := doc.Channel; ch != nil {
		// decoded as the items' titles are: the outlet's name, printed
		// and made a folder name, must not read "Bob&#8217;s <b>Blog</b>"
		f.Title = htmlText(ch.Title)
		f.Link = rssLink(ch.Links, base)
		items = append(ch.Items, items...)
	}
	for _, ri := range items {
		it := Item{
			GUID:    strings.TrimSpace(ri.GUID),
			Link:    rssLink(ri.Links, base),
			Title:   htmlText(ri.Title),
			Content: strings.TrimSpace(ri.Content),
			Summary: strings.TrimSpace(ri.Description),
		}
		if it.GUID == "" {
			it.GUID = strings.TrimSpace(ri.About)
		}
		if it.Link == "" && ri.About != "" {
			it.Link = resolve(base, ri.About)
		}
		it.Published = parseDate(ri.PubDate, ri.DCDate, ri.Issued)
		f.Items = append(f.Items, it)
	}
	return f
}

// rssLink is an RSS element's <link>: its text, or (an atom:link beside
// it) an alternate href.
func rssLink(links []xmlLink, base *url.URL) string {
	for _, l := range links {
		if t := strings.TrimSpace(l.Text); t != "" {
			return resolve(base, t)
		}
	}
	for _, l := range links {
		if l.Href != "" && (l.Rel == "" || l.Rel == "alternate") {
			return resolve(base, l.Href)
		}
	}
	return ""
}

func atomFeed(doc *xmlDoc, base *url.URL) *Feed {
	f := &Feed{Format: "atom", Title: doc.Title.plain(), Link: atomLink(doc.Links, base)}
	for _, e := range doc.Entries {
		eb := withBase(base, e.Base)
		it := Item{
			GUID:    strings.TrimSpace(e.ID),
			Link:    atomLink(e.Links, eb),
			Title:   e.Title.plain(),
			Content: e.Content.html(),
			Summary: e.Summary.html(),
		}
		it.Published = parseDate(e.Published, e.Issued, e.Updated)
		f.Items = append(f.Items, it)
	}
	return f
}

// sitemapFeed reads a sitemap's <url> entries as items: a Google News
// sitemap names each article's title, date and publication; a plain one
// gives the url and its last change.
func sitemapFeed(doc *xmlDoc, base *url.URL) *Feed {
	f := &Feed{Format: "sitemap"}
	for _, u := range doc.URLs {
		link := resolve(base, u.Loc)
		if link == "" {
			continue
		}
		if f.Title == "" {
			f.Title = htmlText(u.News.Publication.Name)
		}
		f.Items = append(f.Items, Item{Link: link, Title: htmlText(u.News.Title), Published: parseDate(u.News.Published, u.LastMod)})
	}
	return f
}

// atomLink is the alternate link: rel="alternate" or no rel, HTML first.
func atomLink(links []xmlLink, base *url.URL) string {
	best := ""
	for _, l := range links {
		if l.Rel != "" && l.Rel != "alternate" {
			continue
		}
		href := resolve(base, first(l.Href, l.Text))
		if href == "" {
			continue
		}
		if l.Type == "" || strings.Contains(l.Type, "html") {
			return href
		}
		if best == "" {
			best = href
		}
	}
	return best
}

// --- JSON Feed -----------------------------------------------------------

type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	Items       []jsonItem `json:"items"`
}

type jsonItem struct {
	ID            json.RawMessage `json:"id"` // a string by the spec; numbers are common
	URL           string          `json:"url"`
	ExternalURL   string          `json:"external_url"`
	Title         string          `json:"title"`
	ContentHTML   string          `json:"content_html"`
	ContentText   string          `json:"content_text"`
	Summary       string          `json:"summary"`
	DatePublished string          `json:"date_published"`
	DateModified  string          `json:"date_modified"`
}

func parseJSON(data []byte, base *url.URL) (*Feed, error) {
	var jf jsonFeed
	if err := json.Unmarshal(data, &jf); err != nil {
		return nil, fmt.Errorf("%w: JSON error (%v): the outlet's feed is malformed; try again later or ask the outlet", ErrBrokenFeed, err)
	}
	if !strings.HasPrefix(jf.Version, "https://jsonfeed.org/version/") {
		return nil, fmt.Errorf("%w: a JSON document without a JSON Feed version", ErrNotFeed)
	}
	f := &Feed{Format: "json", Title: jf.Title, Link: resolve(base, jf.HomePageURL)}
	for _, ji := range jf.Items {
		it := Item{
			GUID:    jsonID(ji.ID),
			Link:    resolve(base, first(ji.URL, ji.ExternalURL)),
			Title:   ji.Title,
			Content: strings.TrimSpace(ji.ContentHTML),
			Summary: strings.TrimSpace(ji.Summary),
		}
		if it.Content == "" && strings.TrimSpace(ji.ContentText) != "" {
			it.Content = escapeText(ji.ContentText)
		}
		it.Published = parseDate(ji.DatePublished, ji.DateModified)
		f.Items = append(f.Items, it)
	}
	return f, nil
}

func jsonID(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// escapeText turns plain text into HTML paragraphs.
func escapeText(s string) string {
	var b strings.Builder
	for _, p := range strings.Split(strings.TrimSpace(s), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>")
			xml.EscapeText(&b, []byte(p))
			b.WriteString("</p>\n")
		}
	}
	return b.String()
}

func first(values ...string) string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
