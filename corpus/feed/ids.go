package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// pass is what one fetch of a feed knows of its items as a whole, beyond
// each item alone.
type pass struct {
	// elsewhere, on a feed's first pass, are the articles already in any
	// outlet's folder (writtenIDs); nil on later passes.
	elsewhere written
	// shared counts, by link (CleanURL: tracking and fragment aside), the
	// items of the pass that share it as items of their own (see newPass).
	shared map[string]int
	// byFragment reports, by shared link, whether its items' links have
	// #fragments of their own; linkKeys is each link's bare key, and
	// members the items under each shared link.
	byFragment map[string]bool
	linkKeys   map[string]string
	members    map[string][]Item
	// canonicals are the canonical urls the pass's pages gave (their
	// urlKey), each with the link key of the first item whose it was.
	canonicals map[string]string
}

// newPass returns a pass over items.
//
// Items that share one link (the same url, tracking parameters and
// fragment aside) under GUIDs or fragments of their own, with texts of
// their own, are different items pointing at one page: a live blog's
// posts (live.html#post-101, #post-102), a page of notices, a section
// front. The page cannot be the article of each, and the link cannot tell
// them apart: known by it, the first item taken in would hide every other
// for good. So each is written from its own feed text and known by its
// GUID and its link's fragment, not by the bare link (see pass.keys).
// Items sharing a link with one text are one item listed twice; items
// whose links differ until folded (an AMP copy, a copy with tracking
// parameters) are one article under two forms of its url. Neither is a
// shared link, and the link's key tells each as one article. Nor, once
// settled, is a link under which the feed reissued an article it took in
// before (see settle).
func newPass(items []Item, elsewhere written) *pass {
	ids := map[string]map[string]bool{}
	texts := map[string]map[string]bool{}
	fragments := map[string]map[string]bool{}
	ps := &pass{elsewhere: elsewhere, shared: map[string]int{}, canonicals: map[string]string{},
		byFragment: map[string]bool{}, linkKeys: map[string]string{}, members: map[string][]Item{}}
	byLink := map[string][]Item{}
	for _, it := range items {
		if it.Link == "" {
			continue
		}
		link := CleanURL(it.Link)
		if ids[link] == nil {
			ids[link], texts[link], fragments[link] = map[string]bool{}, map[string]bool{}, map[string]bool{}
			ps.linkKeys[link] = "u:" + urlKey(it.Link)
		}
		ids[link][it.GUID+"\x00"+fragment(it.Link)] = true
		byLink[link] = append(byLink[link], it)
		texts[link][feedText(it)] = true
		if f := fragment(it.Link); f != "" {
			fragments[link][f] = true
		}
	}
	for link := range ids {
		if len(ids[link]) >= 2 && len(texts[link]) >= 2 {
			ps.shared[link] = len(ids[link])
			ps.byFragment[link] = len(fragments[link]) >= 2
			ps.members[link] = byLink[link]
		}
	}
	return ps
}

// settle keeps a link shared unless the pass shows an article reissued
// under it: a feed that gives an article it took in before a new GUID,
// its description edited, lists the old item beside the new one under
// one link. The new one is the same article updated, taken as the old
// one's (seen), not written again as a short copy from the feed's text.
//
// That the link was taken in before as one article's is no evidence
// alone: a live page whose feed held a single post on some pass (the
// start of every live blog) records its bare link then, and its later
// posts would all be counted as seen and lost. So a link is unshared
// only when it was taken in as one article's, every item under it but
// one is already seen under its own GUID, and that one has the title of
// one of them: a reissue keeps its headline, a new post has its own.
// When in doubt the link stays shared: a short copy from the feed's text
// beside the page is less harm than a post never written. Links whose
// items' #fragments tell them apart stay shared.
func (ps *pass) settle(ctx context.Context, st Store, feedURL string) error {
	for link := range ps.shared {
		if ps.byFragment[link] {
			continue
		}
		reissued, err := ps.reissued(ctx, st, feedURL, link)
		if err != nil {
			return err
		}
		if reissued {
			delete(ps.shared, link)
		}
	}
	return nil
}

// reissued reports whether the items under the shared link are an
// article taken in before and its reissue (see settle).
func (ps *pass) reissued(ctx context.Context, st Store, feedURL, link string) (bool, error) {
	taken, err := st.Seen(ctx, feedURL, []string{ps.linkKeys[link]})
	if err != nil || !taken {
		return false, err
	}
	var fresh []Item
	titles := map[string]bool{}
	for _, it := range ps.members[link] {
		seen := false
		if it.GUID != "" {
			if seen, err = st.Seen(ctx, feedURL, []string{"g:" + it.GUID}); err != nil {
				return false, err
			}
		}
		if seen {
			titles[foldTitle(it.Title)] = true
		} else {
			fresh = append(fresh, it)
		}
	}
	if len(fresh) != 1 {
		return false, nil
	}
	// untitled posts share no headline: "" tells nothing
	t := foldTitle(fresh[0].Title)
	return t != "" && titles[t], nil
}

// foldTitle is a title as two listings of one headline share it: case
// and spacing aside.
func foldTitle(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// sharing returns how many items of the pass share its link as items of
// their own; 0 when its link is its own.
func (ps *pass) sharing(it Item) int {
	if it.Link == "" {
		return 0
	}
	return ps.shared[CleanURL(it.Link)]
}

// keys are the ids the item is known by (itemKeys), but for an item
// sharing its link with others: its link's key with its fragment, and its
// GUID, not the bare link that would make it one with the others.
func (ps *pass) keys(it Item) []string {
	if ps.sharing(it) == 0 {
		return itemKeys(it)
	}
	bare := "u:" + urlKey(it.Link)
	var keys []string
	add := func(raw string) {
		if k := fragmentKey(raw); k != bare {
			keys = append(keys, k)
		}
	}
	add(it.Link)
	if it.GUID != "" {
		keys = append(keys, "g:"+it.GUID)
		if isURL(it.GUID) {
			add(it.GUID)
		}
	}
	if len(keys) == 0 {
		keys = append(keys, "t:"+shortHash(it.Title+"\x00"+it.Published.String()+"\x00"+it.Summary, 32))
	}
	return keys
}

// canonical returns the page's <link rel="canonical"> when it may stand
// for the item's article: the url to cite, and a key that tells the same
// article under another url (an AMP page's) as one. A misconfigured CMS
// gives every page the home page, or one section, as canonical; trusted,
// it would cite the home page and make every later article the "same" as
// the first, dropped for good. So a canonical is ignored ("") when it is
// a site's root (a path of "/" and no query: "/?p=123" names a post), on
// another site than the page (www., m. and amp. of one site are one), or
// the canonical of an earlier item of the pass with another link.
func (ps *pass) canonical(page, pageURL string, it Item) string {
	base, err := url.Parse(pageURL)
	if err != nil {
		return ""
	}
	c := canonicalLink(page, base)
	cu, err := url.Parse(c)
	if c == "" || err != nil || (cu.Path == "" || cu.Path == "/") && cu.RawQuery == "" || site(cu) != site(base) {
		return ""
	}
	key, own := urlKey(c), urlKey(it.Link)
	if first, ok := ps.canonicals[key]; ok && first != own {
		return ""
	}
	ps.canonicals[key] = own
	return c
}

// canonical is the pass's canonical (ps.canonical), but "" when it is
// a section page (/news/) every page of a site names as canonical: one
// that an article of an earlier pass named as canonical of another link
// (claimKey) and that was never an item's own link
// ("u:"). Trusted, it would make each later item the "same article" as
// the first and drop it for good. A canonical that was an item's own
// link (the page naming itself) is that article, whatever link the feed
// lists it under now. Stores written before canonical claims had keys
// of their own hold them as "u:": such a section page keeps dropping
// later items as it did then, until the feed is removed and added again.
func (p *Poller) canonical(ctx context.Context, feedURL, page, pageURL string, it Item, ps *pass) (string, error) {
	c := ps.canonical(page, pageURL, it)
	key := urlKey(c)
	if c == "" || key == urlKey(it.Link) {
		return c, nil
	}
	claimed, err := p.store.Seen(ctx, feedURL, []string{claimKey(c)})
	if err != nil || !claimed {
		return c, storeErr(err)
	}
	own, err := p.store.Seen(ctx, feedURL, []string{"u:" + key})
	if err != nil || !own {
		return "", storeErr(err)
	}
	return c, nil
}

// claimKey is the key an article is recorded under for the canonical c
// its page named: apart from "u:", the key of an item's own link, so that
// a section page named by many is told from an article (see
// Poller.canonical).
func claimKey(c string) string { return "k:" + urlKey(c) }

// lookups are the keys an article known by keys is looked up by: a
// canonical's claim also finds the article whose own link the canonical
// was, or the page that named itself.
func lookups(keys []string) []string {
	out := keys
	for _, k := range keys {
		if rest, ok := strings.CutPrefix(k, "k:"); ok {
			out = append(out[:len(out):len(out)], "u:"+rest)
		}
	}
	return out
}

// fragmentKey is raw's urlKey with its fragment, when it has one.
func fragmentKey(raw string) string {
	k := "u:" + urlKey(raw)
	if f := fragment(raw); f != "" {
		k += "#" + f
	}
	return k
}

// fragment is raw's fragment ("post-101"), "" when it has none.
func fragment(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	return u.Fragment
}

// itemKeys are the ids an item is known by, the one naming its file first:
// its link's key (tracking and AMP folded), then its GUID.
func itemKeys(it Item) []string {
	var keys []string
	if it.Link != "" {
		keys = append(keys, "u:"+urlKey(it.Link))
	}
	if it.GUID != "" {
		keys = append(keys, "g:"+it.GUID)
		if isURL(it.GUID) {
			keys = append(keys, "u:"+urlKey(it.GUID))
		}
	}
	if len(keys) == 0 {
		keys = append(keys, "t:"+shortHash(it.Title+"\x00"+it.Published.String()+"\x00"+it.Summary, 32))
	}
	return keys
}

// fileID is the id that ends the name of an item's file, from the item's
// first key. A url (the item's link, or a GUID that is one) names one
// article wherever it is found: its id is the key's hash, the same in
// every feed, which is how a feed added again under another name finds
// its articles in the old name's folder. A GUID that is no url ("1",
// "post-17") or the hash of a linkless item's title and text means
// something within its feed only: its id is scoped by the feed's url, or
// the second outlet numbering its items from 1 would find the first's
// files and take none of its own in. The scope is the feed's NormalURL: a
// feed followed under another spelling of its url (kept as given before
// urls were normalised), removed and added again, is the same feed and
// finds its files. The store's keys need no such scope: the store keeps
// them per feed.
func fileID(feedURL, key string) string {
	if strings.HasPrefix(key, "u:") || strings.HasPrefix(key, "g:") && isURL(key[2:]) {
		return shortHash(key, 12)
	}
	return shortHash(NormalURL(feedURL)+"\x00"+key, 12)
}

// findArticle reports whether dir holds the article of the feed's item
// whose first key is key (see written.has).
func findArticle(dir, feedURL, key string) (bool, error) {
	w := written{}
	if err := w.add(dir); err != nil {
		return false, err
	}
	return w.has(feedURL, key)
}

// written are the article files in outlets' folders, by the id that ends
// their name ("…-<id>.jsonl"), each with its paths.
type written map[string][]string

// writtenIDs returns the article files in every outlet's folder under
// corpus: read once for a feed's first pass, not once an item.
func writtenIDs(corpus string) (written, error) {
	root := filepath.Join(corpus, Folder)
	outlets, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return written{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", root, err)
	}
	w := written{}
	for _, o := range outlets {
		if o.IsDir() {
			if err := w.add(filepath.Join(root, o.Name())); err != nil {
				return nil, err
			}
		}
	}
	return w, nil
}

// add adds the article files of the folder dir; a folder not there yet
// has none.
func (w written) add(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("list %s: %w", dir, err)
	}
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".jsonl"); ok {
			if i := strings.LastIndexByte(name, '-'); i >= 0 {
				w[name[i+1:]] = append(w[name[i+1:]], filepath.Join(dir, e.Name()))
			}
		}
	}
	return nil
}

// has reports whether the article of the feed's item whose first key is
// key was written: under its id, or, by this same feed (its url spelled
// in any way NormalURL folds), under the id the versions before
// feed-scoped ids gave it (the key's hash alone), so that a feed removed
// and added again after an upgrade still finds its old articles rather
// than writing them twice.
func (w written) has(feedURL, key string) (bool, error) {
	id := fileID(feedURL, key)
	if len(w[id]) > 0 {
		return true, nil
	}
	old := shortHash(key, 12)
	if old == id {
		return false, nil
	}
	for _, path := range w[old] {
		data, err := os.ReadFile(path)
		if err != nil {
			return false, fmt.Errorf("read %s: %w", path, err)
		}
		var l line
		if json.Unmarshal(data, &l) == nil && NormalURL(l.Feed) == NormalURL(feedURL) {
			return true, nil
		}
	}
	return false, nil
}
