package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

// articlePrefix starts the custom id of "Show article" buttons:
// "art:<article key>" (see articleKey).
const articlePrefix = "art"

// articlePageChars is how much article text one page shows.
const articlePageChars = 3000

func articleCustomID(id string) string { return articlePrefix + ":" + articleKey(id) }

// articleKey is how a button or an autocomplete value names an article:
// its id when the id fits Discord's 100 characters with the button's
// prefix, else its short id (search.ShortArticleID), which the index turns
// back into the article in any process. A feed article's id carries its
// headline and rarely fits.
func articleKey(id string) string {
	if len(articlePrefix)+1+len(id) <= MaxCustomID {
		return id
	}
	return search.ShortArticleID(id)
}

// articleID turns an article key back into the article's id; a key that
// names no article is returned as it is, for renderArticle to say so.
func (b *Bot) articleID(ctx context.Context, key string) (string, error) {
	if !search.IsShortArticleID(key) {
		return key, nil
	}
	a, err := b.cov.ArticleByShortID(ctx, key)
	if errors.Is(err, search.ErrNotFound) || (err == nil && a == nil) {
		return key, nil
	}
	if err != nil {
		return "", err
	}
	return a.ID, nil
}

// showArticle renders the article key names. The key is resolved first
// so the paging buttons hash the id the article's footer gives back.
func (b *Bot) showArticle(ctx context.Context, in Interaction, key string) (Reply, error) {
	id, err := b.articleID(ctx, key)
	if err != nil {
		return Reply{}, err
	}
	args := []string{id}
	return b.renderArticle(ctx, args, b.newPageRef(pageArticle, in, args))
}

func (b *Bot) articleCommand() Command {
	return Command{
		Name:        "article",
		Description: "Read a cleaned article from the coverage",
		Options: []Option{
			{Name: "id", Description: "The article (type words from its title or outlet)", Type: OptionString, Required: true, Autocomplete: true, MaxLength: 100},
		},
		Handle: func(ctx context.Context, in Interaction) (Reply, error) {
			return b.showArticle(ctx, in, strings.TrimSpace(in.Option("id")))
		},
		Autocomplete: b.autocompleteArticle,
	}
}

// handleShowArticle answers a "Show article" button: the article, just for
// the person who pressed it.
func (b *Bot) handleShowArticle(ctx context.Context, in Interaction) (Reply, error) {
	r, err := b.showArticle(ctx, in, strings.TrimPrefix(in.CustomID, articlePrefix+":"))
	r.Ephemeral = true
	return r, err
}

const articleFooterPrefix = "Article ID: "

func (b *Bot) renderArticle(ctx context.Context, args []string, ref pageRef) (Reply, error) {
	id := args[0]
	a, err := b.cov.Article(ctx, id)
	if errors.Is(err, search.ErrNotFound) || (err == nil && a == nil) {
		return Reply{}, userErrorf("There is no article with that id in the coverage. Start typing its title or outlet and pick it from the list.")
	}
	if err != nil {
		return Reply{}, err
	}
	chunks := articlePages(a)
	page, _, _, pages := pageOf(ref.Page, len(chunks), 1)
	ref.Page = page
	desc := chunks[page]
	if page == pages-1 && a.Truncated {
		desc += "\n\n*The scrape stops here: " + corpus.TruncationNote(a.TruncatedBy) + ".*"
	}
	title := escapeTruncate(a.Title, MaxEmbedTitle, escapeMarkdown)
	if strings.TrimSpace(title) == "" {
		title = "Untitled article"
	}
	e := Embed{
		Title:       title,
		URL:         a.URL,
		Author:      plainText(outletName(a.Outlet)),
		Description: desc,
		Footer:      articleFooterPrefix + a.ID,
		Color:       colorArticle,
	}
	if !a.Published.IsZero() {
		e.Timestamp = a.Published.UTC().Format(time.RFC3339)
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

// articlePages splits an article's text into pages of whole paragraphs,
// markdown escaped; a paragraph longer than a page is split between words.
func articlePages(a *corpus.Article) []string {
	var paras []string
	if len(a.Paragraphs) > 0 {
		for _, p := range a.Paragraphs {
			if p.Start >= 0 && p.End <= len(a.Text) && p.Start < p.End {
				paras = append(paras, strings.TrimSpace(a.Text[p.Start:p.End]))
			}
		}
	} else {
		paras = strings.Split(a.Text, "\n\n")
	}
	var pages []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			pages = append(pages, cur.String())
			cur.Reset()
		}
	}
	for _, p := range paras {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		for _, piece := range escapedPieces(p, articlePageChars) {
			if cur.Len() > 0 && len([]rune(cur.String()))+len([]rune(piece))+2 > articlePageChars {
				flush()
			}
			if cur.Len() > 0 {
				cur.WriteString("\n\n")
			}
			cur.WriteString(piece)
		}
	}
	flush()
	if len(pages) == 0 {
		pages = []string{"*This article has no text.*"}
	}
	return pages
}

// escapedPieces splits s between words into pieces that are at most n
// characters once escaped: a piece whose escapes make it too long is split
// again, smaller.
func escapedPieces(s string, n int) []string {
	var out []string
	for _, piece := range splitWords(s, n) {
		esc := escapeMarkdown(piece)
		if utf8.RuneCountInString(esc) <= n || utf8.RuneCountInString(piece) < 2 {
			out = append(out, esc)
			continue
		}
		out = append(out, escapedPieces(piece, utf8.RuneCountInString(piece)/2)...)
	}
	return out
}

// splitWords splits s into pieces of at most n characters between words
// (or between characters when a word is longer than n).
func splitWords(s string, n int) []string {
	var out []string
	r := []rune(s)
	for len(r) > n {
		cut := n
		for i := n; i > n*4/5; i-- {
			if r[i] == ' ' {
				cut = i
				break
			}
		}
		out = append(out, strings.TrimSpace(string(r[:cut])))
		r = r[cut:]
	}
	if rest := strings.TrimSpace(string(r)); rest != "" {
		out = append(out, rest)
	}
	return out
}

func (b *Bot) articlePager() pager {
	return pager{
		args: func(m *Message) []string {
			e := firstEmbed(m)
			if e == nil {
				return nil
			}
			id, ok := strings.CutPrefix(e.Footer, articleFooterPrefix)
			if !ok {
				return nil
			}
			if i := strings.LastIndex(id, " · Page "); i >= 0 {
				id = id[:i]
			}
			return []string{id}
		},
		render: b.renderArticle,
	}
}

// autocompleteArticle finds articles by the words typed: the articles
// reporting the best answers to them, named by outlet, title and date.
func (b *Bot) autocompleteArticle(ctx context.Context, in Interaction) ([]Choice, error) {
	typed := cleanText(in.Option("id"))
	var choices []Choice
	seen := map[string]bool{}
	add := func(id, outlet, title string, published time.Time) {
		if seen[id] || len(choices) == MaxChoices {
			return
		}
		seen[id] = true
		name := outletName(outlet)
		if title != "" {
			name += " — " + title
		}
		if d := formatDate(published); d != "" {
			name += " (" + d + ")"
		}
		choices = append(choices, Choice{Name: plainText(name), Value: articleKey(id)})
	}
	if typed == "" {
		return choices, nil
	}
	if id, err := b.articleID(ctx, typed); err == nil {
		if a, err := b.cov.Article(ctx, id); err == nil && a != nil {
			add(a.ID, a.Outlet, a.Title, a.Published)
		}
	}
	ans, err := b.cov.Answer(ctx, search.Question{Text: typed, Limit: MaxChoices})
	if err != nil {
		return choices, err
	}
	for _, a := range ans.Answers {
		for _, r := range a.Reports {
			add(r.ArticleID, r.Outlet, r.Title, r.Published)
		}
	}
	return choices, nil
}

func dateSpan(first, last time.Time) string {
	f, l := formatDate(first), formatDate(last)
	switch {
	case f == "" && l == "":
		return ""
	case f == l || l == "":
		return f
	case f == "":
		return l
	}
	return f + " – " + l
}
