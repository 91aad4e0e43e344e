package bot

import (
	"context"
	"strings"

	"github.com/coveragebot/coveragebot/search"
)

// askLimit is how many answers /ask fetches: four pages at most.
const askLimit = 4 * answersPerPage

func (b *Bot) askCommand() Command {
	return Command{
		Name:        "ask",
		Description: "Ask a question about the coverage: get the exact words, who said them, and where",
		Options: []Option{
			{Name: "question", Description: "What you want to know, e.g. What did Kerry say about Syria?", Type: OptionString, Required: true, MaxLength: MaxQuestion},
			{Name: "outlet", Description: "Only answers reported by this outlet", Type: OptionString, Autocomplete: true, MaxLength: 100},
			{Name: "speaker", Description: "Only quotes by this person", Type: OptionString, Autocomplete: true, MaxLength: 100},
		},
		Defer:        true,
		Cooldown:     true,
		Handle:       b.handleAsk,
		Autocomplete: b.autocompleteOutletSpeaker,
	}
}

// askQuery is what /ask pages re-run.
type askQuery struct{ Question, Outlet, Speaker string }

func (q askQuery) args() []string { return []string{q.Question, q.Outlet, q.Speaker} }

func (b *Bot) handleAsk(ctx context.Context, in Interaction) (Reply, error) {
	text, err := cleanQuestion(in.Option("question"))
	if err != nil {
		return Reply{}, err
	}
	q := askQuery{Question: text, Outlet: cleanText(in.Option("outlet")), Speaker: cleanText(in.Option("speaker"))}
	return b.renderAsk(ctx, q, b.newPageRef(pageAsk, in, q.args()))
}

func (b *Bot) renderAsk(ctx context.Context, q askQuery, ref pageRef) (Reply, error) {
	ans, err := b.cov.Answer(ctx, search.Question{Text: q.Question, Limit: askLimit, Outlet: q.Outlet, Speaker: q.Speaker})
	if err != nil {
		return Reply{}, err
	}
	if ans.NoTopic {
		return ephemeral("That names nothing to look for: it holds only words like what, who, is and it, which every article uses.\nTip: name the person, place, event or figure you mean, e.g. “What did Kerry say about Syria?”"), nil
	}
	if len(ans.Answers) == 0 {
		return nothingFound(q), nil
	}
	var desc []string
	if q.Outlet != "" {
		desc = append(desc, "Outlet: "+q.Outlet)
	}
	if q.Speaker != "" {
		desc = append(desc, "Speaker: "+q.Speaker)
	}
	return answersPage(q.Question, strings.Join(desc, "\n"), ans, b.searched(ans), ref), nil
}

// searched is what the footer reports as searched.
func (b *Bot) searched(ans search.Answers) search.Coverage {
	if ans.Searched.Articles > 0 {
		return ans.Searched
	}
	return b.cov.Coverage()
}

// nothingFound is the honest answer when nothing in the coverage answers:
// short, with a tip, and never the least-bad passage.
func nothingFound(q askQuery) Reply {
	tip := "Tip: ask about what someone said, e.g. “What did Kerry say about Syria?”, or see what's covered with /sources."
	if q.Outlet != "" || q.Speaker != "" {
		tip = "Tip: try again without the outlet or speaker filter."
	}
	return ephemeral("Nothing in the coverage answers that.\n" + tip)
}

func (b *Bot) askPager() pager {
	return pager{
		args: func(m *Message) []string {
			e := firstEmbed(m)
			if e == nil {
				return nil
			}
			outlet, _ := descriptionLine(e, "Outlet: ")
			speaker, _ := descriptionLine(e, "Speaker: ")
			return askQuery{Question: e.Title, Outlet: outlet, Speaker: speaker}.args()
		},
		render: func(ctx context.Context, args []string, ref pageRef) (Reply, error) {
			return b.renderAsk(ctx, askQuery{Question: args[0], Outlet: args[1], Speaker: args[2]}, ref)
		},
	}
}

// autocompleteOutletSpeaker suggests outlets or speakers, whichever option
// is being typed.
func (b *Bot) autocompleteOutletSpeaker(ctx context.Context, in Interaction) ([]Choice, error) {
	typed := cleanText(in.Option(in.Focused))
	switch in.Focused {
	case "outlet":
		return b.outletChoices(ctx, typed)
	case "speaker":
		return b.speakerChoices(ctx, typed)
	}
	return nil, nil
}

func (b *Bot) outletChoices(ctx context.Context, typed string) ([]Choice, error) {
	outlets, err := b.cov.Outlets(ctx)
	if err != nil {
		return nil, err
	}
	typed = strings.ToLower(typed)
	var choices []Choice
	for _, o := range outlets {
		if len(choices) == MaxChoices {
			break
		}
		if strings.Contains(strings.ToLower(o.Outlet), typed) {
			choices = append(choices, Choice{Name: plainText(outletName(o.Outlet)) + " (" + plural(o.Articles, "article") + ")", Value: o.Outlet})
		}
	}
	return choices, nil
}

func (b *Bot) speakerChoices(ctx context.Context, typed string) ([]Choice, error) {
	speakers, err := b.cov.Speakers(ctx, typed, MaxChoices)
	if err != nil {
		return nil, err
	}
	choices := make([]Choice, 0, len(speakers))
	for _, s := range speakers {
		choices = append(choices, Choice{Name: plainText(s), Value: s})
	}
	return choices, nil
}
