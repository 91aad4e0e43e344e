package bot

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// A /feeds list page holds at most feedsPerPage feeds, in whole lines that
// fit an embed's description with room to spare.
const (
	feedsPerPage  = 20
	feedsPageChar = MaxEmbedDescription - 96
)

// list answers /feeds list: the feeds needing a look first, then the
// others, paged, so every feed can be reached however many are followed.
func (f *Feeds) list(ctx context.Context, in Interaction) (Reply, error) {
	r, err := f.renderList(ctx, nil, startPages(pageFeeds, in, []string{}))
	r.Ephemeral = true
	return r, err
}

// listPager turns the pages of /feeds list: the list is read again, as
// the answers' searches are re-run.
func (f *Feeds) listPager() pager {
	return pager{
		args: func(m *Message) []string {
			if e := firstEmbed(m); e == nil || !strings.Contains(e.Title, " feed") {
				return nil
			}
			return []string{}
		},
		render: f.renderList,
	}
}

func (f *Feeds) renderList(ctx context.Context, _ []string, ref pageRef) (Reply, error) {
	feeds, err := f.m.ListFeeds(ctx)
	if err != nil {
		return Reply{}, err
	}
	if len(feeds) == 0 {
		return ephemeral("No feeds followed yet: add one with `/feeds add`."), nil
	}
	feeds = slices.Clone(feeds)
	slices.SortStableFunc(feeds, func(a, b FeedStatus) int {
		switch {
		case a.Flagged == b.Flagged:
			return 0
		case a.Flagged:
			return -1
		}
		return 1
	})
	lines := make([]string, len(feeds))
	flagged := 0
	for i, s := range feeds {
		mark := "•"
		if s.Flagged {
			mark = "⚠️"
			flagged++
		}
		head := fmt.Sprintf("%s **%s** — %s; %s\n", mark, escapeTruncate(s.Name, 100, escapeMarkdown),
			countNoun(s.Articles, "article"), escapeTruncate(s.Health, 300, escapeMarkdown))
		lines[i] = head + feedAddress(s.URL, feedsPageChar-utf8.RuneCountInString(head)-1) + "\n"
	}
	starts := feedPageStarts(lines)
	page, _, _, pages := pageOf(ref.Page, len(starts), 1)
	ref.Page = page
	end := len(lines)
	if page+1 < len(starts) {
		end = starts[page+1]
	}
	title := countNoun(len(feeds), "feed")
	if flagged > 0 {
		title += fmt.Sprintf(", %d need a look", flagged)
	}
	e := Embed{Title: title, Description: strings.Join(lines[starts[page]:end], "")}
	if pages > 1 {
		e.Footer = fmt.Sprintf("Page %d of %d · feeds needing a look come first", page+1, pages)
	}
	r := Reply{Embeds: []Embed{e}}
	if row := pageRow(ref, pages); row != nil {
		r.Components = []Row{row}
	}
	return r, nil
}

// feedsURLShown is how much of a feed's address its line shows.
const feedsURLShown = 120

// feedAddress is a feed's address as its /feeds list line shows it, in at
// most room characters, so every line fits a page and no link is cut: the
// address itself when short; a link whose text is the address shortened
// with an ellipsis when its whole target fits; the host alone otherwise.
func feedAddress(raw string, room int) string {
	if utf8.RuneCountInString(raw) <= feedsURLShown && utf8.RuneCountInString(raw)+2 <= room {
		return "<" + raw + ">"
	}
	u, err := url.Parse(raw)
	host := ""
	if err == nil {
		host = u.Host
	}
	// Without its scheme the text is no address Discord would take for
	// a link of its own, so the link stays one.
	shown := strings.TrimPrefix(strings.TrimPrefix(raw, "https://"), "http://")
	if link := linkURL(raw); link != "" {
		l := "[" + escapeTruncate(shown, feedsURLShown, escapeInline) + "](" + link + ")"
		if utf8.RuneCountInString(l) <= room {
			return l
		}
	}
	if host == "" {
		return "(address too long to show)"
	}
	return escapeTruncate(host, min(100, room-2), escapeMarkdown) + "/…"
}

// feedPageStarts splits lines into pages of whole lines and returns where
// each page starts.
func feedPageStarts(lines []string) []int {
	starts := []int{0}
	n, chars := 0, 0
	for i, l := range lines {
		c := utf8.RuneCountInString(l)
		if n > 0 && (n == feedsPerPage || chars+c > feedsPageChar) {
			starts = append(starts, i)
			n, chars = 0, 0
		}
		n++
		chars += c
	}
	return starts
}
