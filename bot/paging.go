package bot

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// Paging is stateless, so any replica of the HTTP transport can turn a
// page: a button's custom id carries the page, the asker, the expiry and a
// hash of the query; the query itself is read back from the reply the
// button is on, and re-run. A reply whose query no longer hashes the same
// is treated as expired.
//
//	pg:<kind>:<page>:<asker>:<expiry, unix seconds base 36>:<hash>
const pagePrefix = "pg"

// Kinds of paged replies.
const (
	pageAsk     = "ask"
	pageQuotes  = "quo"
	pageSources = "src"
	pageArticle = "art"
	pageFeeds   = "fds"
)

// pageRef is the state a paging button carries.
type pageRef struct {
	Kind    string
	Page    int
	Asker   string
	Expires time.Time
	Hash    string
}

// pager re-renders one kind of paged reply.
type pager struct {
	// args reads the query back from the reply the button is on.
	args func(m *Message) []string
	// render renders ref.Page of the query.
	render func(ctx context.Context, args []string, ref pageRef) (Reply, error)
}

func queryHash(kind string, args []string) string {
	h := sha256.New()
	h.Write([]byte(kind))
	for _, a := range args {
		h.Write([]byte{0})
		h.Write([]byte(a))
	}
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:9])
}

func (r pageRef) customID(page int) string {
	return strings.Join([]string{
		pagePrefix, r.Kind, strconv.Itoa(page), r.Asker,
		strconv.FormatInt(r.Expires.Unix(), 36), r.Hash,
	}, ":")
}

func parsePageRef(id string) (pageRef, bool) {
	parts := strings.Split(id, ":")
	if len(parts) != 6 || parts[0] != pagePrefix {
		return pageRef{}, false
	}
	page, err := strconv.Atoi(parts[2])
	if err != nil || page < 0 {
		return pageRef{}, false
	}
	exp, err := strconv.ParseInt(parts[4], 36, 64)
	if err != nil {
		return pageRef{}, false
	}
	return pageRef{Kind: parts[1], Page: page, Asker: parts[3], Expires: time.Unix(exp, 0), Hash: parts[5]}, true
}

// newPageRef starts paging a fresh reply for the user in in.
func (b *Bot) newPageRef(kind string, in Interaction, args []string) pageRef {
	return pageRef{Kind: kind, Asker: in.UserID, Expires: b.now().Add(b.pageTTL), Hash: queryHash(kind, args)}
}

// startPages starts paging a fresh reply to in from a command built outside
// the Bot, which has no b.newPageRef: the Bot set in's expiry.
func startPages(kind string, in Interaction, args []string) pageRef {
	return pageRef{Kind: kind, Asker: in.UserID, Expires: in.pageExpires, Hash: queryHash(kind, args)}
}

// pageRow returns Previous/Next buttons for page ref.Page of pages, or nil
// when everything fits on one page.
func pageRow(ref pageRef, pages int) Row {
	if pages <= 1 || ref.Asker == "" {
		return nil
	}
	return Row{
		{Label: "◀ Previous", CustomID: ref.customID(ref.Page - 1), Style: ButtonSecondary, Disabled: ref.Page <= 0},
		{Label: "Next ▶", CustomID: ref.customID(ref.Page + 1), Style: ButtonSecondary, Disabled: ref.Page >= pages-1},
	}
}

// pageOf clamps page into [0, pages) and returns the [lo, hi) slice bounds
// of that page for n items, size per page.
func pageOf(page, n, size int) (p, lo, hi, pages int) {
	pages = max((n+size-1)/size, 1)
	p = min(max(page, 0), pages-1)
	lo = p * size
	hi = min(lo+size, n)
	return p, lo, hi, pages
}

func (b *Bot) handlePage(ctx context.Context, in Interaction) (Reply, error) {
	ref, ok := parsePageRef(in.CustomID)
	pg, known := b.pagers[ref.Kind]
	if !ok || !known {
		return ephemeral("This button no longer works. Run the command again."), nil
	}
	if in.UserID != ref.Asker {
		return ephemeral("Only the person who asked can page through these results. Run the command yourself to get your own."), nil
	}
	if !b.now().Before(ref.Expires) {
		return ephemeral("These buttons have expired — they work for " + minutes(b.pageTTL) + ". Run the command again for fresh results."), nil
	}
	var args []string
	if in.Message != nil {
		args = pg.args(in.Message)
	}
	if args == nil || queryHash(ref.Kind, args) != ref.Hash {
		return ephemeral("These buttons no longer match their results. Run the command again."), nil
	}
	r, err := pg.render(ctx, args, ref)
	if err != nil {
		return Reply{}, err
	}
	if !r.Ephemeral {
		r.Update = true
	}
	return r, nil
}

func minutes(d time.Duration) string {
	m := int(d / time.Minute)
	if m == 1 {
		return "1 minute"
	}
	if m < 1 {
		return strconv.Itoa(int(d/time.Second)) + " seconds"
	}
	return strconv.Itoa(m) + " minutes"
}

// firstEmbed returns the first embed of m, or nil.
func firstEmbed(m *Message) *Embed {
	if m == nil || len(m.Embeds) == 0 {
		return nil
	}
	return &m.Embeds[0]
}

// descriptionLine returns the value of the first description line that
// starts with label, and whether there was one.
func descriptionLine(e *Embed, label string) (string, bool) {
	for _, line := range strings.Split(e.Description, "\n") {
		if v, ok := strings.CutPrefix(line, label); ok {
			return v, true
		}
	}
	return "", false
}
