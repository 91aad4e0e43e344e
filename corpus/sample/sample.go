// Package sample embeds a small, made-up corpus of scraped news coverage so
// that coveragebot answers questions on a fresh machine with no setup.
//
// The story: the River Harrow floods the town of Millbrook and the Old Mill
// Bridge is closed. Three made-up outlets cover it over three days (the
// Harrow Valley Gazette as text files with front matter, The Kestrel Post as
// an HTML page and a text file, Radio Oakmere News as JSON lines). The
// articles keep the junk real scrapes carry — menus, paywall prompts, price
// lines, captions, "Also Read" widgets, tag lists, bylines and datelines —
// and they report the same quotes with small differences ("apologise" and
// "apologize", trimmed quotes) and disagree on figures (12, 17 or "more than
// 20" homes destroyed), so the quick start shows cleaning, quotes, speakers,
// answers grouped across outlets and disagreements.
//
// Every name, place and outlet in it is invented. sample imports only the
// standard library.
package sample

import (
	"embed"
	"io/fs"
)

//go:embed articles
var articles embed.FS

// FS is the sample corpus: a folder of article files, one sub-folder per
// outlet, rooted at the articles themselves.
var FS fs.FS = mustSub(articles, "articles")

// Name identifies the sample corpus, e.g. to name its default index folder.
const Name = "sample"

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		// fs.Sub only fails on an invalid path, which is a constant here.
		panic(err)
	}
	return sub
}
