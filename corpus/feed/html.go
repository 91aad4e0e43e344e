package feed

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText returns the text of an HTML fragment, one line per block
// element, entities decoded; plain text passes through unchanged.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br:
				b.WriteByte('\n')
				return
			case atom.P, atom.Div, atom.Li, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
				atom.Tr, atom.Section, atom.Article, atom.Figcaption, atom.Pre:
				b.WriteByte('\n')
				defer b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// feedTypes are the link types autodiscovery follows, best first.
var feedTypes = []string{"application/atom+xml", "application/rss+xml", "application/feed+json", "application/json", "application/rdf+xml", "text/xml", "application/xml"}

// Discover returns the feeds an HTML page announces with <link
// rel="alternate" type="application/rss+xml" href="...">, Atom and JSON
// Feed likewise, as absolute urls resolved against base (and the page's
// own <base href>), in the page's order, without duplicates.
func Discover(page []byte, base *url.URL) []string {
	doc, err := html.Parse(strings.NewReader(string(page)))
	if err != nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Base:
				if href := attr(n, "href"); href != "" {
					base = withBase(base, href)
				}
			case atom.Link:
				if isFeedLink(n) {
					if u := resolve(base, attr(n, "href")); u != "" && !seen[u] {
						seen[u] = true
						out = append(out, u)
					}
				}
			case atom.Body:
				// Feeds are announced in the head; a body's links are
				// content, and a page's body can be large.
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func isFeedLink(n *html.Node) bool {
	rels := strings.Fields(strings.ToLower(attr(n, "rel")))
	alternate := false
	for _, r := range rels {
		if r == "alternate" {
			alternate = true
		}
	}
	if !alternate {
		return false
	}
	t := strings.ToLower(strings.TrimSpace(attr(n, "type")))
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	for _, ft := range feedTypes {
		if t == ft {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// canonicalLink returns the page's <link rel="canonical"> target, resolved
// against base; "" when absent.
func canonicalLink(page string, base *url.URL) string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return ""
	}
	found := ""
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if found != "" {
			return
		}
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Body {
				return
			}
			if n.DataAtom == atom.Link && strings.EqualFold(attr(n, "rel"), "canonical") {
				found = resolve(base, attr(n, "href"))
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}
