package synth

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"time"
)

// line is one line of a scraped page; story lines are the ones a cleaner
// must keep.
type line struct {
	text  string
	story bool
}

// lines lays a version out the way a scrape of the outlet's page reads:
// menus first, the story with captions and widgets inside it, then tags,
// the paywall and the footer.
func (v *version) lines(published time.Time) []line {
	o := v.o
	var out []line
	add := func(s string, story bool) {
		if s != "" {
			out = append(out, line{s, story})
		}
	}
	if o.skipLink {
		add("Skip to content", false)
	}
	add(o.menu, false)
	add(v.byline, false)
	add(v.dateline, false)
	for i, p := range v.paras {
		add(p, true)
		if i == 1 && v.caption != "" {
			add(v.caption, false)
		}
		if i == 3 && o.alsoRead {
			add("Also Read", false)
			add(v.st.related, false)
		}
	}
	if o.readMore {
		add("Read More", false)
	}
	if o.tags {
		add("Tags: "+strings.Join(v.st.tags, ", "), false)
	}
	for _, p := range o.paywall {
		add(p, false)
	}
	add(o.share, false)
	add(o.copyright, false)
	return out
}

func (v *version) url(published time.Time) string {
	return fmt.Sprintf("https://%s/%s/%s/%s-%d", v.o.host, v.o.section, published.Format("2006/01/02"), slugify(v.st.title), v.st.id)
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() > 60 {
			break
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// renderText writes a .txt/.md scrape: front matter (usually) and one line
// per paragraph (or blank-line separated paragraphs).
func (v *version) renderText(published time.Time, withMeta bool) []byte {
	var b strings.Builder
	if withMeta {
		fmt.Fprintf(&b, "---\nsource: %s\nurl: %s\npublished: %s\ntitle: %s\n---\n",
			v.o.name, v.url(published), published.Format(time.RFC3339), v.title)
	}
	sep := "\n"
	if v.o.blankLines {
		sep = "\n\n"
	}
	for i, l := range v.lines(published) {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(l.text)
	}
	b.WriteString("\n")
	return []byte(b.String())
}

// renderHTML writes a whole page with navigation, metadata, a figure, a
// related-links box and a footer around the article.
func (v *version) renderHTML(published time.Time) []byte {
	o := v.o
	e := textEscaper.Replace
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s | %s</title>\n", e(v.title), e(o.name))
	fmt.Fprintf(&b, "<meta property=\"og:site_name\" content=\"%s\">\n<meta property=\"og:title\" content=\"%s\">\n", html.EscapeString(o.name), html.EscapeString(v.title))
	fmt.Fprintf(&b, "<meta property=\"og:url\" content=\"%s\">\n<link rel=\"canonical\" href=\"%s\">\n", v.url(published), v.url(published))
	fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n</head>\n<body>\n", published.Format(time.RFC3339))
	if o.skipLink {
		b.WriteString("<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n")
	}
	if o.menu != "" {
		b.WriteString("<header>\n<nav><ul>")
		for _, m := range strings.Split(o.menu, " | ") {
			fmt.Fprintf(&b, "<li><a href=\"/%s\">%s</a></li>", slugify(m), e(m))
		}
		b.WriteString("</ul></nav>\n</header>\n")
	}
	fmt.Fprintf(&b, "<main id=\"main\">\n<article>\n<h1>%s</h1>\n<p class=\"byline\">%s</p>\n", e(v.title), e(v.byline))
	if v.dateline != "" {
		fmt.Fprintf(&b, "<p class=\"dateline\">%s</p>\n", e(v.dateline))
	}
	for i, p := range v.paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", e(p))
		if i == 0 && v.caption != "" {
			fmt.Fprintf(&b, "<figure><img src=\"/img/%d.jpg\" alt=\"\"><figcaption>%s</figcaption></figure>\n", v.st.id, e(v.caption))
		}
		if i == 3 && o.alsoRead {
			fmt.Fprintf(&b, "<aside class=\"related\"><h3>Also Read</h3><ul><li><a href=\"/related/%d\">%s</a></li></ul></aside>\n", v.st.id, e(v.st.related))
		}
	}
	if o.tags {
		fmt.Fprintf(&b, "<p class=\"tags\">Tags: %s</p>\n", e(strings.Join(v.st.tags, ", ")))
	}
	b.WriteString("</article>\n</main>\n")
	if o.paywall != nil {
		b.WriteString("<section class=\"paywall\">\n")
		for _, p := range o.paywall {
			fmt.Fprintf(&b, "<p>%s</p>\n", e(p))
		}
		b.WriteString("</section>\n")
	}
	fmt.Fprintf(&b, "<footer>\n<p>%s</p>\n<p><a href=\"/privacy\">Privacy</a> | <a href=\"/terms\">Terms</a></p>\n</footer>\n</body>\n</html>\n", e(o.copyright))
	return []byte(b.String())
}

// textEscaper escapes text the way page templates do: only what HTML
// requires, so quote marks stay as the reporter typed them.
var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// jsonRecord is one line of a .jsonl feed.
type jsonRecord struct {
	Source    string `json:"source"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

func (v *version) renderJSON(published time.Time) []byte {
	var texts []string
	for _, l := range v.lines(published) {
		texts = append(texts, l.text)
	}
	rec := jsonRecord{Source: v.o.name, URL: v.url(published), Published: published.Format(time.RFC3339), Title: v.title, Text: strings.Join(texts, "\n")}
	data, err := json.Marshal(rec)
	if err != nil {
		panic(err) // strings always marshal
	}
	return append(data, '\n')
}
