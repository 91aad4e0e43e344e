package bot

import (
	"context"
	"strings"
)

func (b *Bot) helpCommand() Command {
	return Command{
		Name:        "help",
		Description: "What Coverage Bot can do, with examples",
		Handle: func(ctx context.Context, in Interaction) (Reply, error) {
			return b.helpReply(), nil
		},
	}
}

func (b *Bot) helpReply() Reply {
	lines := []string{
		"I answer questions about the news coverage collected here with the **exact words**, **who said them** and **which outlets reported them** — never a paraphrase.",
		"",
		"**/ask** `question` — the best answers, e.g. `/ask question: What did Kerry say about Syria?` Add `outlet` or `speaker` to narrow it down.",
		"**/quotes** `speaker` — what someone is quoted as saying, e.g. `/quotes speaker: John Kerry about: peace talks`",
		"**/sources** — the outlets I have, with article counts and dates.",
		"**/article** `id` — read a cleaned article; type words from its title. Answers also have *Show article* buttons.",
		"",
		"You can also mention me with a question — `@Coverage what did Lavrov say about Iran?` — or ask me in a direct message.",
		"Long lists have ◀ ▶ buttons; only the person who asked can use them, for " + minutes(b.pageTTL) + ".",
	}
	if b.settings != nil {
		lines = append(lines, "Server managers: **/settings qa-channel** picks a channel where I answer every question.")
	}
	for _, c := range b.commands[len(b.builtinNames()):] {
		lines = append(lines, "**/"+c.Name+"** — "+c.Description)
	}
	return Reply{
		Embeds:    []Embed{{Title: "Coverage Bot", Description: strings.Join(lines, "\n"), Color: colorAnswer}},
		Ephemeral: true,
	}
}

// builtinNames lists the commands New builds itself.
func (b *Bot) builtinNames() []string {
	names := []string{"ask", "quotes", "sources", "article", "help"}
	if b.settings != nil {
		names = append(names, "settings")
	}
	return names
}
