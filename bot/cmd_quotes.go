package bot

import (
	"context"
)

const quotesLimit = 4 * answersPerPage

func (b *Bot) quotesCommand() Command {
	return Command{
		Name:        "quotes",
		Description: "What a person is quoted as saying, grouped across outlets",
		Options: []Option{
			{Name: "speaker", Description: "Who said it (start typing a name)", Type: OptionString, Required: true, Autocomplete: true, MaxLength: 100},
			{Name: "about", Description: "Only quotes about this topic, e.g. Iran", Type: OptionString, MaxLength: MaxQuestion},
		},
		Defer:    true,
		Cooldown: true,
		Handle:   b.handleQuotes,
		Autocomplete: func(ctx context.Context, in Interaction) ([]Choice, error) {
			return b.speakerChoices(ctx, cleanText(in.Option("speaker")))
		},
	}
}

func (b *Bot) handleQuotes(ctx context.Context, in Interaction) (Reply, error) {
	speaker := cleanText(in.Option("speaker"))
	if speaker == "" {
		return Reply{}, userErrorf("Name a speaker — start typing and pick one from the list.")
	}
	about := cleanText(in.Option("about"))
	args := []string{speaker, about}
	return b.renderQuotes(ctx, args, b.newPageRef(pageQuotes, in, args))
}

const quotesTitlePrefix = "Quotes from "

func (b *Bot) renderQuotes(ctx context.Context, args []string, ref pageRef) (Reply, error) {
	speaker, about := args[0], args[1]
	ans, err := b.cov.Quotes(ctx, speaker, about, quotesLimit)
	if err != nil {
		return Reply{}, err
	}
	if len(ans.Answers) == 0 {
		msg := "I found no quotes from " + speaker + " in the coverage"
		if about != "" {
			msg += " about " + about
		}
		return ephemeral(msg + ".\nTip: pick the name from the autocomplete list, or try /ask."), nil
	}
	desc := ""
	if about != "" {
		desc = "About: " + about
	}
	return answersPage(quotesTitlePrefix+speaker, desc, ans, b.searched(ans), ref), nil
}

func (b *Bot) quotesPager() pager {
	return pager{
		args: func(m *Message) []string {
			e := firstEmbed(m)
			if e == nil {
				return nil
			}
			about, _ := descriptionLine(e, "About: ")
			speaker := e.Title
			if len(speaker) > len(quotesTitlePrefix) {
				speaker = speaker[len(quotesTitlePrefix):]
			}
			return []string{speaker, about}
		},
		render: b.renderQuotes,
	}
}
