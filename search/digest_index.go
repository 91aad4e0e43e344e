package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
	bolt "go.etcd.io/bbolt"
)

// Digest groups the articles the index first saw at or after since and
// before until into stories. Both ends are the caller's, so the same period
// asked again (a digest resent after a failure) holds the same articles
// however many have arrived since. "New" is the index's own first sight of an article, whatever
// date the outlet printed: coverage of an old event scraped today is news
// to the readers of today's digest. An article (by URL, else by content)
// keeps its first-seen time when its file changes or it moves, within a
// file or to another; one without a URL edited where it is (under the
// same title, not empty, its old text gone from the file and most of it
// kept) keeps it too. One deleted and added again later counts as new.
// An index built from empty (a new or deleted folder, a damaged store,
// another version's index) has no times to go on: until that build
// completes, each article was first seen when its file was last written,
// if earlier than now (updater.arrived).
// At most MaxDigestArticles are grouped, the newest first seen, copies of
// one URL counted once; Omitted counts the rest. It stops with ctx's error when ctx is done.
func (ix *Index) Digest(ctx context.Context, since, until time.Time) (Digest, error) {
	refs := make(map[string]articleRef) // article id -> its summary, first seen in the period
	err := ix.db.View(func(tx *bolt.Tx) error {
		recs, err := loadRecords(tx)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if r.Removed {
				continue
			}
			for _, ref := range r.Articles {
				if !ref.FirstSeen.IsZero() && !ref.FirstSeen.Before(since) && ref.FirstSeen.Before(until) {
					refs[ref.ID] = ref
				}
			}
		}
		return nil
	})
	if err != nil {
		return Digest{}, fmt.Errorf("digest: read article records: %w", err)
	}
	ids := make([]string, 0, len(refs))
	for id := range refs {
		ids = append(ids, id)
	}
	// Newest first seen first (then by id, for a stable choice), so a
	// bound keeps the latest coverage.
	sort.Slice(ids, func(i, j int) bool {
		a, b := refs[ids[i]].FirstSeen, refs[ids[j]].FirstSeen
		if !a.Equal(b) {
			return a.After(b)
		}
		return ids[i] < ids[j]
	})
	// before the bound: a copy must not take an article's place
	ids = latestCopies(ids, refs)
	limit := ix.digestMax
	if limit <= 0 {
		limit = MaxDigestArticles
	}
	omitted := 0
	if len(ids) > limit {
		omitted = len(ids) - limit
		ids = ids[:limit]
	}
	arts := make([]*corpus.Article, 0, len(ids))
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return Digest{}, err
		}
		a, err := ix.Article(ctx, id)
		if err != nil {
			return Digest{}, fmt.Errorf("digest: %w", err)
		}
		arts = append(arts, a)
	}
	stories, err := Stories(ctx, arts)
	if err != nil {
		return Digest{}, err
	}
	for i := range stories {
		for j := range stories[i].Articles {
			stories[i].Articles[j].FirstSeen = refs[stories[i].Articles[j].ID].FirstSeen
		}
	}
	return Digest{Since: since, Until: until, Articles: len(arts), Omitted: omitted, Stories: stories}, nil
}

// latestCopies keeps one copy of each article saved more than once (the
// same URL, so the same key), the latest published (as newerCopy), in the
// place of the first, so a story counts it once; ids keep their order.
func latestCopies(ids []string, refs map[string]articleRef) []string {
	byURL := map[string]int{} // key -> index in out
	out := ids[:0:0]
	for _, id := range ids {
		k := refs[id].Key
		i, ok := byURL[k]
		switch {
		case !strings.HasPrefix(k, urlKey) || !ok:
			if strings.HasPrefix(k, urlKey) {
				byURL[k] = len(out)
			}
			out = append(out, id)
		case refs[id].Published.After(refs[out[i]].Published):
			out[i] = id
		}
	}
	return out
}

// urlKey opens the key of an article known by its URL.
const urlKey = "url "

// articleKey is who an article is, wherever in the corpus it sits: its
// URL when it has one (an outlet's update of a story is the same story),
// else a hash of its title and body as read, before cleaning (cleaning
// changes as an outlet's boilerplate is learnt). d is nil when only the
// cleaned article is known (tests hand those in).
func articleKey(d *corpus.Document, a *corpus.Article) string {
	if u := strings.TrimSpace(a.URL); u != "" {
		return urlKey + u
	}
	h := sha256.New()
	if d != nil {
		h.Write([]byte(d.Title))
		for _, l := range d.Lines {
			h.Write([]byte{0})
			h.Write([]byte(l.Text))
		}
	} else {
		h.Write([]byte(a.Title))
		h.Write([]byte{0})
		h.Write([]byte(a.Text))
	}
	return "sha " + hex.EncodeToString(h.Sum(nil)[:16])
}

// firstSeenByKey is when each article of the live records was first
// seen, by key; an article held twice was first seen at the earlier time.
func firstSeenByKey(recs map[string]*fileRecord) map[string]time.Time {
	seen := make(map[string]time.Time, len(recs))
	for _, r := range recs {
		if r.Removed {
			continue
		}
		for _, ref := range r.Articles {
			if ref.Key == "" || ref.FirstSeen.IsZero() {
				continue
			}
			if t, ok := seen[ref.Key]; !ok || ref.FirstSeen.Before(t) {
				seen[ref.Key] = ref.FirstSeen
			}
		}
	}
	return seen
}

// seenTable builds u.seen from the records as loaded, once: it must be
// built before the first file is written or removed, as those change
// u.recs.
func (u *updater) seenTable() {
	if u.seen == nil {
		u.seen = firstSeenByKey(u.recs)
	}
}

// seenAs is an article of a file's previous version, for its edit to
// keep its first-seen time when its key changes with its text.
type seenAs struct {
	key, title, text string
	at               time.Time
}

// editedContainment is the share of the shorter text's word 3-grams that
// an edit keeps: a corrected word or paragraph, or one added, keeps most
// of them; another day's story under a page's fixed title keeps few.
const editedContainment = 0.7

// editedInto reports whether a, which took the id (the path and line) of
// the old article b and whose key is new, is b edited where it was: it
// has b's title, and a title at all (an untitled page or line says
// nothing of which story it is); b's key is gone from the file (a key
// still there means b moved, say a line down, and a is another article
// that took its place); and most of their text is the same, so a page
// overwritten each day under one title is new each day.
func (b seenAs) editedInto(a *corpus.Article, keysInFile map[string]bool) bool {
	if strings.TrimSpace(a.Title) == "" || a.Title != b.title || keysInFile[b.key] {
		return false
	}
	old, cur := storyGrams(storyWords(b.text)), storyGrams(storyWords(a.Text))
	if len(old) > len(cur) {
		old, cur = cur, old
	}
	return storyContainment(old, cur) >= editedContainment
}

// editedFrom finds the old article of the file that a, whose key is new,
// is an edit of (see editedInto): the one at a's id first, else one of
// the same title elsewhere in the file, for a line edited in the update
// that also added a line above it has moved down a line.
func editedFrom(before map[string]seenAs, a *corpus.Article, keysInFile map[string]bool) (seenAs, bool) {
	if b, ok := before[a.ID]; ok && b.editedInto(a, keysInFile) {
		return b, true
	}
	if strings.TrimSpace(a.Title) == "" {
		return seenAs{}, false
	}
	var best seenAs
	found := false
	for id, b := range before {
		// the earliest seen of several alike, so the answer does not
		// depend on the map's order
		if id != a.ID && b.title == a.Title && (!found || b.at.Before(best.at)) && b.editedInto(a, keysInFile) {
			best, found = b, true
		}
	}
	return best, found
}

// arrived is when an article of f not seen before is first seen: now,
// except in a build from empty, which has no times (or lost those of
// the articles a wiped store held), where it is when the file arrived in
// the corpus (feeds and scrapers
// write a file when they fetch it), if that is earlier. Old articles then
// fall before any digest's period, while a file written since the last
// digest is still new. A file system without times gives now.
func (u *updater) arrived(f corpus.File, now time.Time) time.Time {
	if u.rebuild && !f.ModTime.IsZero() && f.ModTime.Before(now) {
		return f.ModTime.UTC()
	}
	return now
}

// firstSeen is when the index first saw the article with key: when an
// article of that key was indexed before, else at (and from now on).
func (u *updater) firstSeen(key string, at time.Time) time.Time {
	if t, ok := u.seen[key]; ok {
		return t
	}
	if u.seen == nil {
		u.seen = map[string]time.Time{}
	}
	u.seen[key] = at
	return at
}
