package feed

import (
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A paywalled site often answers an article's url with no article at all:
// it redirects to its sign-in page, or serves a log-in form in the
// article's place. Taken for the article, that page is written as the
// first item's text, and every later item, whose wall reads the same, is
// dropped as a copy of it. corpus's paywall detection looks for a prompt
// after a story; these pages have no story before the prompt.

// wallSegments are the path segments (and first host labels) of a site's
// sign-in, account or subscription pages, lower case, "-" and "_" dropped.
var wallSegments = map[string]bool{
	"login": true, "logon": true, "signin": true, "signon": true, "signup": true, "sso": true, "auth": true,
	"authenticate": true, "authorize": true, "account": true, "accounts": true, "myaccount": true, "register": true,
	"registration": true, "subscribe": true, "subscription": true, "subscriptions": true, "paywall": true,
}

// signInRedirect returns why the page found at at is not the article at
// link but the site's sign-in or subscription page the article's url
// redirected to; "" when it is not (no redirect, or one elsewhere: to
// https, to the article's new url).
func signInRedirect(link, at string) string {
	lu, err1 := url.Parse(link)
	au, err2 := url.Parse(at)
	if err1 != nil || err2 != nil || au.Path == lu.Path && site(au) == site(lu) {
		return ""
	}
	host := strings.ToLower(au.Hostname())
	words := append([]string{host[:max(0, strings.IndexByte(host, '.'))]}, strings.Split(strings.ToLower(au.Path), "/")...)
	for _, w := range words {
		w = strings.NewReplacer("-", "", "_", "").Replace(strings.TrimSuffix(w, path.Ext(w)))
		if wallSegments[w] {
			return "the page is paywalled: the site sent it to its sign-in page " + au.Host + au.Path
		}
	}
	return ""
}

// maxWallSentences is how many sentences a page holding a password field
// in its content may have and still be a sign-in form rather than a short
// article.
const maxWallSentences = 5

// hasPasswordField reports whether the page's content holds a password
// input: a sign-in form in the article's place. A password field in the
// page's chrome (header, nav, aside, footer, or their ARIA roles) is a
// log-in box the site shows on every page, short articles too.
func hasPasswordField(page string) bool {
	if !strings.Contains(strings.ToLower(page), "password") {
		return false
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return false
	}
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			if chrome(n) {
				return false
			}
			if n.DataAtom == atom.Input && strings.EqualFold(strings.TrimSpace(attr(n, "type")), "password") {
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(doc)
}

// chromeRoles are the ARIA landmark roles of a page's chrome.
var chromeRoles = map[string]bool{"banner": true, "navigation": true, "complementary": true, "contentinfo": true}

// chrome reports whether n is part of the page around its content.
func chrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Header, atom.Nav, atom.Aside, atom.Footer:
		return true
	}
	return chromeRoles[strings.ToLower(strings.TrimSpace(attr(n, "role")))]
}
