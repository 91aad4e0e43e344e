package bot

import (
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// interactionFrom converts a discordgo interaction (from the gateway or an
// HTTP request body) to the command layer's plain values. ok is false for
// interaction types the bot does not handle.
func interactionFrom(i *discordgo.Interaction) (in Interaction, ok bool) {
	in = Interaction{
		ID:        i.ID,
		GuildID:   i.GuildID,
		ChannelID: i.ChannelID,
		Locale:    string(i.Locale),
		InGuild:   i.GuildID != "" && i.Member != nil,
		Options:   map[string]string{},
	}
	switch {
	case i.Member != nil:
		in.Permissions = i.Member.Permissions
		if i.Member.User != nil {
			in.UserID = i.Member.User.ID
		}
	case i.User != nil:
		in.UserID = i.User.ID
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		data, isCommand := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !isCommand {
			return in, false
		}
		in.Kind = KindCommand
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			in.Kind = KindAutocomplete
		}
		in.Command = data.Name
		opts := data.Options
		var path []string
		for len(opts) == 1 && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand || opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
			path = append(path, opts[0].Name)
			opts = opts[0].Options
		}
		in.Subcommand = strings.Join(path, " ")
		for _, o := range opts {
			in.Options[o.Name] = optionString(o.Value)
			if o.Focused {
				in.Focused = o.Name
			}
		}
	case discordgo.InteractionMessageComponent:
		data, isComponent := i.Data.(discordgo.MessageComponentInteractionData)
		if !isComponent {
			return in, false
		}
		in.Kind = KindComponent
		in.CustomID = data.CustomID
		if i.Message != nil {
			in.Message = messageFrom(i.Message)
		}
	default:
		return in, false
	}
	return in, true
}

func optionString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return ""
	}
	return ""
}

func messageFrom(m *discordgo.Message) *Message {
	out := &Message{ID: m.ID}
	for _, e := range m.Embeds {
		if e == nil {
			continue
		}
		pe := Embed{Title: e.Title, URL: e.URL, Description: e.Description, Color: e.Color, Timestamp: e.Timestamp}
		if e.Author != nil {
			pe.Author = e.Author.Name
		}
		if e.Footer != nil {
			pe.Footer = e.Footer.Text
		}
		for _, f := range e.Fields {
			if f != nil {
				pe.Fields = append(pe.Fields, Field{Name: f.Name, Value: f.Value, Inline: f.Inline})
			}
		}
		out.Embeds = append(out.Embeds, pe)
	}
	return out
}

// channelMessageFrom converts a gateway message to plain values.
func channelMessageFrom(m *discordgo.Message, botID string) ChannelMessage {
	cm := ChannelMessage{ID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, Content: m.Content}
	if m.Author != nil {
		cm.AuthorID = m.Author.ID
		cm.AuthorBot = m.Author.Bot
	}
	for _, u := range m.Mentions {
		if u != nil && u.ID == botID {
			cm.MentionsBot = true
		}
	}
	return cm
}
