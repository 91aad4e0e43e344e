package feed

import (
	"net/url"
	"path"
	"strings"
)

// trackingParams are query parameters that say where a reader came from,
// not which page they read.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "mc_cid": true, "mc_eid": true,
	"ocid": true, "cmpid": true, "igshid": true, "yclid": true, "_ga": true, "ref": true, "ref_src": true,
	"ito": true, "at_medium": true, "at_campaign": true, "smid": true, "cid": true,
}

// ampParams mark an AMP rendering of a page.
var ampParams = map[string]bool{"amp": true, "outputtype": true, "amp_js_v": true, "usqp": true}

// CleanURL returns raw without tracking parameters (utm_*, fbclid, ...) and
// fragment: the url to cite. It is raw itself when it does not parse.
func CleanURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return raw
	}
	u.Fragment, u.RawFragment = "", ""
	q := u.Query()
	changed := false
	for k := range q {
		if isTracking(k) {
			q.Del(k)
			changed = true
		}
	}
	if changed {
		u.RawQuery = q.Encode()
	}
	return u.String()
}

func isTracking(k string) bool {
	k = strings.ToLower(k)
	return strings.HasPrefix(k, "utm_") || trackingParams[k]
}

// urlKey is the form of a url that two links to one article share: scheme,
// "www.", "m." and "amp." folded, tracking and AMP parameters and an AMP
// path segment ("/amp/", "/amp", ".amp.html") removed, query sorted, no
// fragment or trailing slash. It is a key to compare, not a url to fetch.
func urlKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(raw)
	}
	host := site(u)
	p := u.EscapedPath()
	p = strings.ReplaceAll(p, "/amp/", "/")
	p = strings.TrimSuffix(p, "/amp")
	if ext := path.Ext(p); ext != "" && strings.HasSuffix(strings.TrimSuffix(p, ext), ".amp") {
		p = strings.TrimSuffix(strings.TrimSuffix(p, ext), ".amp") + ext
	}
	p = strings.TrimSuffix(p, "/")
	q := u.Query()
	for k := range q {
		if isTracking(k) || ampParams[strings.ToLower(k)] {
			q.Del(k)
		}
	}
	key := host + p
	if len(q) > 0 {
		key += "?" + q.Encode()
	}
	return key
}

// site is u's host as one site has it: "www.", "m.", "amp." and an AMP
// cache folded, the port kept unless the scheme's own.
func site(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	for _, p := range []string{"www.", "amp.", "m.", "mobile."} {
		host = strings.TrimPrefix(host, p)
	}
	host = strings.TrimSuffix(host, ".cdn.ampproject.org")
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		host += ":" + port
	}
	return host
}
