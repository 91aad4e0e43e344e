package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

const sourcesPerPage = 20

func (b *Bot) sourcesCommand() Command {
	return Command{
		Name:        "sources",
		Description: "The outlets in the coverage, with article counts and dates",
		Handle: func(ctx context.Context, in Interaction) (Reply, error) {
			return b.renderSources(ctx, nil, b.newPageRef(pageSources, in, []string{}))
		},
	}
}

func (b *Bot) renderSources(ctx context.Context, _ []string, ref pageRef) (Reply, error) {
	outlets, err := b.cov.Outlets(ctx)
	if err != nil {
		return Reply{}, err
	}
	if len(outlets) == 0 {
		return ephemeral("No coverage has been indexed yet, so there is nothing to search. Ask whoever runs the bot to add articles."), nil
	}
	sort.SliceStable(outlets, func(i, j int) bool {
		if outlets[i].Articles != outlets[j].Articles {
			return outlets[i].Articles > outlets[j].Articles
		}
		return strings.ToLower(outlets[i].Outlet) < strings.ToLower(outlets[j].Outlet)
	})
	articles, known := 0, 0
	for _, o := range outlets {
		articles += o.Articles
		if !isUnknownOutlet(o.Outlet) {
			known++ // articles naming no outlet are not one more outlet
		}
	}
	page, lo, hi, pages := pageOf(ref.Page, len(outlets), sourcesPerPage)
	ref.Page = page
	lines := make([]string, 0, hi-lo)
	for _, o := range outlets[lo:hi] {
		line := fmt.Sprintf("**%s** — %s", escapeInline(Truncate(outletName(o.Outlet), 80)), plural(o.Articles, "article"))
		if span := dateSpan(o.First, o.Last); span != "" {
			line += " · " + span
		}
		lines = append(lines, line)
	}
	e := Embed{
		Title:       "Sources in the coverage",
		Description: strings.Join(lines, "\n"),
		Footer:      fmt.Sprintf("%s from %s", plural(articles, "article"), plural(known, "outlet")),
		Color:       colorAnswer,
	}
	if pages > 1 {
		e.Footer += fmt.Sprintf(" · Page %d of %d", page+1, pages)
	}
	r := Reply{Embeds: []Embed{e}}
	if row := pageRow(ref, pages); row != nil {
		r.Components = []Row{row}
	}
	return r, nil
}

func (b *Bot) sourcesPager() pager {
	return pager{
		args:   func(*Message) []string { return []string{} },
		render: b.renderSources,
	}
}
