package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/corpus"
	"golang.org/x/text/unicode/norm"
)

// outcome is what became of one feed item.
type outcome int

const (
	outSeen     outcome = iota // taken in before, or the same article as one that was
	outWritten                 // the page written as a new article
	outFromFeed                // the feed's own text written: the page was blocked, paywalled or empty
	outEmpty                   // nothing to write: no page and no text in the feed
)

// pageAccept is the Accept header of an article page request.
const pageAccept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"

// line is one article as written to the corpus: a JSON line corpus reads
// (source, url, published, title, and html or text), with where it came
// from beside it. The page is kept whole, so a better extractor can read
// it again without fetching.
type line struct {
	Source      string `json:"source"`
	URL         string `json:"url,omitempty"`
	Published   string `json:"published,omitempty"`
	Title       string `json:"title,omitempty"`
	HTML        string `json:"html,omitempty"`
	Text        string `json:"text,omitempty"`
	TruncatedBy string `json:"truncated_by,omitempty"`
	// Why the page was not used, when it was not.
	Fallback string `json:"fallback,omitempty"`
	Feed     string `json:"feed"`
	GUID     string `json:"guid,omitempty"`
	Link     string `json:"link,omitempty"`
	Fetched  string `json:"fetched"`
}

// take takes one item in: unless it was taken in before, its page is
// fetched and written into the outlet's folder, then the item's ids are
// recorded. The file is written first and the ids after, so a crash
// between the two finds the file on the next pass and records the ids
// without fetching again; no item is ever lost or written twice. An error
// means the item could not be taken in now and is tried again next time.
func (p *Poller) take(ctx context.Context, src Source, it Item, ps *pass) (outcome, error) {
	keys := ps.keys(it)
	seen, err := p.store.Seen(ctx, src.URL, keys)
	if err != nil || seen {
		return outSeen, storeErr(err)
	}
	dir := OutletDir(p.dir, src.Name)
	id := fileID(src.URL, keys[0])
	if found, err := findArticle(dir, src.URL, keys[0]); err != nil {
		return outSeen, storeErr(err)
	} else if found {
		// Written by a pass killed before it could record it, by another
		// feed of the outlet, or by this feed before it was removed and
		// added again: recorded now, not fetched. Counted as already there,
		// not new: nothing was written, and "N new articles" must say what
		// this pass brought in.
		return outSeen, storeErr(p.store.MarkSeen(ctx, src.URL, keys))
	}
	if there, err := ps.elsewhere.has(src.URL, keys[0]); err != nil {
		return outSeen, storeErr(err)
	} else if there {
		// A feed followed anew (removed and added again under another
		// name, say) finds its old articles in their old folder: written
		// again under the new name, each would be one article told by two
		// outlets.
		return outSeen, storeErr(p.store.MarkSeen(ctx, src.URL, keys))
	}
	l, more, err := p.article(ctx, src, it, ps)
	if err != nil {
		return outSeen, err
	}
	if l == nil {
		return outEmpty, storeErr(p.store.MarkSeen(ctx, src.URL, keys))
	}
	if seen, err := p.store.Seen(ctx, src.URL, lookups(more)); err != nil {
		return outSeen, storeErr(err)
	} else if seen {
		// The same article under another url (AMP, canonical) or id.
		return outSeen, storeErr(p.store.MarkSeen(ctx, src.URL, append(keys, more...)))
	}
	data, err := json.Marshal(l)
	if err != nil {
		return outSeen, fmt.Errorf("encode article %s: %w", it.Link, err)
	}
	published := believable(it.Published, p.clock.Now()) // the outlet's own day names the file
	if published.IsZero() {
		published = p.clock.Now().UTC()
	}
	name := published.Format("2006-01-02") + "-" + slug(first(it.Title, "untitled"), 60) + "-" + id + ".jsonl"
	if err := writeAtomic(dir, name, append(data, '\n')); err != nil {
		return outSeen, storeErr(err)
	}
	if err := p.store.MarkSeen(ctx, src.URL, append(keys, more...)); err != nil {
		return outSeen, storeErr(err)
	}
	if l.Text != "" {
		return outFromFeed, nil
	}
	return outWritten, nil
}

// OutletDir is the folder under the corpus folder where the articles of
// the outlet named name are written: feeds/<outlet-slug>.
func OutletDir(corpus, name string) string {
	return filepath.Join(corpus, Folder, slug(name, 48))
}

// ErrStore marks a failure to write an article or record it (the disk,
// not the feed): the pass stops, the feed is not counted as failing, and
// the next pass carries on from what was written.
var ErrStore = errors.New("feed: articles cannot be written or recorded")

func storeErr(err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		// cut short is not a disk that failed
		return err
	}
	return fmt.Errorf("%w: %w", ErrStore, err)
}

// article builds the line to write for an item, and the further ids it is
// known by (the page's canonical url, the text's hash). nil, nil: nothing
// to write.
func (p *Poller) article(ctx context.Context, src Source, it Item, ps *pass) (*line, []string, error) {
	l := &line{Source: src.Name, URL: CleanURL(it.Link), Title: it.Title, Feed: src.URL, GUID: it.GUID, Link: it.Link,
		Fetched: p.clock.Now().UTC().Format(time.RFC3339)}
	if published := believable(it.Published, p.clock.Now()); !published.IsZero() {
		// with the outlet's own offset: in UTC, 23:30 on 5 March at
		// -05:00 would read as 6 March
		l.Published = published.Format(time.RFC3339)
	}
	var page, pageURL, why string
	var err error
	if n := ps.sharing(it); n > 0 {
		// not this item's article, but the page of n (see newPass)
		why = fmt.Sprintf("the page is the link of %d items of the feed, not this one's article", n)
	} else {
		page, pageURL, why, err = p.page(ctx, it.Link)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, err
		}
		// A page that fails pass after pass (a 5xx, a timeout) would be
		// fetched again for ever and its item never taken in; after a
		// few passes over some time the feed's own text stands in, as for
		// a 404. A site asking to wait (429, Retry-After) is no failure
		// of the page: it is asked again when the wait is over.
		var se *StatusError
		if errors.As(err, &se) && (se.Status == http.StatusTooManyRequests || se.RetryAfter > 0) {
			return nil, nil, err
		}
		now := p.clock.Now()
		n, first, serr := p.store.ItemFailed(ctx, src.URL, ps.keys(it)[0], now)
		if serr != nil {
			return nil, nil, storeErr(serr)
		}
		if n < maxPageFailures || now.Sub(first) < minPageFailureSpan {
			return nil, nil, err
		}
		page, why = "", fmt.Sprintf("the page failed %d passes in a row since %s (%s)", n, first.UTC().Format("2006-01-02 15:04 MST"), oneLineError(err))
	}
	var more []string
	feedText := feedText(it)
	if page != "" {
		if w := signInRedirect(it.Link, pageURL); w != "" {
			page, why = "", w
		}
	}
	if page != "" {
		c, err := p.canonical(ctx, src.URL, page, pageURL, it, ps)
		if err != nil {
			return nil, nil, err
		}
		if c != "" {
			l.URL = CleanURL(c)
			more = append(more, claimKey(c))
		}
		l.HTML = page
		a, err := readArticle(ctx, l)
		var refused *refusedError
		switch {
		case errors.As(err, &refused):
			why = "the page cannot be read: " + refused.reason
		case err != nil:
			return nil, nil, err
		case a == nil:
			why = "no article text in the page"
		case len(a.Sentences) <= maxWallSentences && hasPasswordField(page):
			// a sign-in form, not the article: neither its url nor its
			// text may stand for the item's
			why = "the page is paywalled: a sign-in form, not the article"
			l.URL, more = CleanURL(it.Link), nil
			if feedText == "" {
				// Nothing better to write: the page is kept, marked as
				// paywalled, rather than the item dropped unseen. Without
				// its text's hash, or every item behind the same wall
				// would be a copy of the first.
				l.TruncatedBy = corpus.TruncatedByPaywall
				return l, nil, nil
			}
		case a.TruncatedBy == corpus.TruncatedByPaywall && len(feedText) > len(strings.TrimSpace(a.Text)):
			why = "the page is paywalled; the feed's text is longer"
		default:
			if l.URL == CleanURL(it.Link) {
				// no canonical link: cited where the page was read, after
				// its redirects
				l.URL = CleanURL(pageURL)
			}
			return l, append(more, "h:"+shortHash(strings.TrimSpace(a.Text), 32)), nil
		}
		l.HTML = ""
	}
	if feedText == "" {
		return nil, nil, nil
	}
	l.Text, l.TruncatedBy, l.Fallback = feedText, corpus.TruncatedByFeed, why
	if len(feedText) > corpus.MaxArticleSize {
		// corpus refuses more text than that in one article: cut at a
		// sentence and said to be cut, rather than the item lost whole
		l.Text, l.TruncatedBy = cutText(feedText, corpus.MaxArticleSize), corpus.TruncatedByTooLong
	}
	text, _, err := readLine(ctx, l)
	if err != nil {
		// Not "no text": said, and the item tried again next time rather
		// than recorded as seen and never looked at again.
		return nil, nil, fmt.Errorf("read the feed's text of %s: %w", first(it.Link, it.GUID, it.Title), err)
	}
	if text == "" {
		return nil, nil, nil
	}
	return l, append(more, "h:"+shortHash(text, 32)), nil
}

// page fetches an item's page when robots.txt allows. It returns the page
// as UTF-8 and where it was found; or, when the page cannot be had, why
// not (blocked, gone, too large); or an error when it may work next time.
func (p *Poller) page(ctx context.Context, link string) (page, at, why string, err error) {
	if link == "" {
		return "", "", "the item has no link", nil
	}
	ok, err := p.robots.Allowed(ctx, link)
	if err != nil {
		return "", "", "", err
	}
	if !ok {
		return "", "", "robots.txt disallows the page", nil
	}
	// a redirect is asked of the robots.txt of the site it leads to
	resp, err := p.fetcher.Get(ctx, Request{URL: link, Accept: pageAccept, Allowed: p.robots.Allowed})
	var se *StatusError
	switch {
	case err == nil:
		return DecodeHTML(resp.Body, resp.ContentType), resp.URL, "", nil
	case errors.As(err, &se) && se.Status >= 400 && se.Status < 500 &&
		se.Status != http.StatusTooManyRequests && se.Status != http.StatusRequestTimeout:
		return "", "", fmt.Sprintf("HTTP %d", se.Status), nil
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrForbiddenAddress), errors.Is(err, ErrScheme), errors.Is(err, ErrTooManyRedirects), errors.Is(err, ErrRobots):
		return "", "", err.Error(), nil
	}
	return "", "", "", err
}

// maxPageFailures is how many passes an item's page may fail, over at
// least minPageFailureSpan (an outage of a minute fails three passes run
// by hand), before the feed's own text is taken in its place.
const (
	maxPageFailures    = 3
	minPageFailureSpan = time.Hour
)

// oneLineError is err's message on one line.
func oneLineError(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// feedText is the item's own text: the longer of its content and summary.
func feedText(it Item) string {
	content, summary := htmlText(it.Content), htmlText(it.Summary)
	if len(summary) > len(content) {
		return summary
	}
	return content
}

// readLine reads l as corpus will and returns the cleaned text ("" when
// cleaning leaves none) and why it is cut short. A line corpus refuses
// (too large, too complex a page) is a *refusedError saying why, which is
// not the same as a line without text; any other error is the context's.
func readLine(ctx context.Context, l *line) (text, truncatedBy string, err error) {
	a, err := readArticle(ctx, l)
	if a == nil {
		return "", "", err
	}
	return strings.TrimSpace(a.Text), a.TruncatedBy, nil
}

// readArticle is readLine's article; nil when cleaning leaves no text.
func readArticle(ctx context.Context, l *line) (*corpus.Article, error) {
	data, err := json.Marshal(l)
	if err != nil {
		return nil, fmt.Errorf("encode article: %w", err)
	}
	docs, skips, err := corpus.ReadFile(ctx, fstest.MapFS{"item.jsonl": {Data: data}}, "item.jsonl")
	var fe *corpus.FileError
	if errors.As(err, &fe) {
		return nil, &refusedError{reason: fe.Reason}
	}
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		for _, s := range skips {
			if !s.Kept {
				return nil, &refusedError{reason: s.Reason}
			}
		}
		return nil, nil
	}
	a := corpus.Clean(docs[0], nil)
	if strings.TrimSpace(a.Text) == "" {
		return nil, nil
	}
	return a, nil
}

// refusedError is corpus's reason for not reading an item as an article.
type refusedError struct{ reason string }

func (e *refusedError) Error() string { return "not readable as an article: " + e.reason }

// writeAtomic writes dir/name so that it appears whole or not at all,
// synced to disk before the caller records it.
func writeAtomic(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w: check the corpus folder can be written", dir, err)
	}
	// A dot keeps the corpus reader and its watcher away from a file still
	// being written.
	tmp, err := os.CreateTemp(dir, ".writing-*")
	if err != nil {
		return fmt.Errorf("write article in %s: %w: check the corpus folder can be written", dir, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	final := filepath.Join(dir, name)
	if err := os.Rename(tmp.Name(), final); err != nil {
		return fmt.Errorf("rename to %s: %w", final, err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // the rename itself survives a power cut
		d.Close()
	}
	return nil
}

// slug is s as a file name: lower-case ASCII letters and digits joined by
// dashes, accents dropped, at most n bytes.
func slug(s string, n int) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= n {
			break
		}
	}
	if b.Len() == 0 {
		return unicodeSlug(s, n)
	}
	return strings.TrimSuffix(b.String()[:min(b.Len(), n)], "-")
}

// unicodeSlug is the slug of a name in a script without Latin letters
// ("Газета", "日本新聞"): its own letters and digits, lower case, joined by
// dashes, within n bytes; "item" when it has none. Without it every such
// outlet shared one folder, feeds/item, and removing one named the
// others' articles as its own.
func unicodeSlug(s string, n int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			// a vowel sign is part of its word: "दैनिक" stays whole
			dash = true
			continue
		}
		if b.Len()+utf8.RuneLen(r)+1 > n {
			break
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "item"
	}
	return b.String()
}
