package bot

import "strconv"

// The JSON the bot sends to Discord. Both transports send exactly these
// shapes (the gateway through discordgo's rate-limited requester, the HTTP
// transport in its response bodies), so what is validated against
// Discord's OpenAPI spec in tests is what production sends.

// Interaction callback types.
const (
	callbackPong                  = 1
	callbackMessage               = 4
	callbackDeferredMessage       = 5
	callbackDeferredUpdate        = 6
	callbackUpdateMessage         = 7
	callbackAutocompleteResult    = 8
	messageFlagEphemeral          = 1 << 6
	componentTypeActionRow        = 1
	componentTypeButton           = 2
	applicationCommandTypeChat    = 1
	interactionContextGuild       = 0
	interactionContextBotDM       = 1
	interactionContextPrivateChat = 2
)

type wireResponse struct {
	Type int `json:"type"`
	Data any `json:"data,omitempty"`
}

type wireDeferData struct {
	Flags int `json:"flags,omitempty"`
}

type wireChoicesData struct {
	Choices []wireChoice `json:"choices"`
}

type wireChoice struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// wireMessage is a message body: interaction callback data, webhook edit,
// follow-up and channel message alike.
type wireMessage struct {
	Content          string              `json:"content"`
	Embeds           []wireEmbed         `json:"embeds"`
	Components       []wireRow           `json:"components"`
	Flags            int                 `json:"flags,omitempty"`
	AllowedMentions  wireAllowedMentions `json:"allowed_mentions"`
	MessageReference *wireReference      `json:"message_reference,omitempty"`
}

// wireNoncedMessage is a channel message with a nonce Discord enforces: a
// second message with the same nonce from the bot in the same channel
// within a few minutes returns the first instead of posting again. The
// nonce is at most 25 characters (MessageCreateRequest in Discord's spec).
type wireNoncedMessage struct {
	wireMessage
	Nonce        string `json:"nonce"`
	EnforceNonce bool   `json:"enforce_nonce"`
}

// wireAllowedMentions is always sent: parse is an empty list, so nothing in
// a reply (quoted @everyone, <@id>, <@&role>) pings anyone.
type wireAllowedMentions struct {
	Parse       []string `json:"parse"`
	RepliedUser bool     `json:"replied_user"`
}

type wireReference struct {
	MessageID       string `json:"message_id"`
	ChannelID       string `json:"channel_id,omitempty"`
	GuildID         string `json:"guild_id,omitempty"`
	FailIfNotExists bool   `json:"fail_if_not_exists"`
}

type wireEmbed struct {
	Title       string      `json:"title,omitempty"`
	URL         string      `json:"url,omitempty"`
	Description string      `json:"description,omitempty"`
	Color       int         `json:"color,omitempty"`
	Timestamp   string      `json:"timestamp,omitempty"`
	Author      *wireName   `json:"author,omitempty"`
	Footer      *wireText   `json:"footer,omitempty"`
	Fields      []wireField `json:"fields,omitempty"`
}

type wireName struct {
	Name string `json:"name"`
}

type wireText struct {
	Text string `json:"text"`
}

type wireField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

type wireRow struct {
	Type       int          `json:"type"`
	Components []wireButton `json:"components"`
}

type wireButton struct {
	Type     int    `json:"type"`
	Style    int    `json:"style"`
	Label    string `json:"label,omitempty"`
	CustomID string `json:"custom_id,omitempty"`
	URL      string `json:"url,omitempty"`
	Disabled bool   `json:"disabled,omitempty"`
}

type wireCommand struct {
	Type                     int          `json:"type"`
	Name                     string       `json:"name"`
	Description              string       `json:"description"`
	Options                  []wireOption `json:"options,omitempty"`
	DefaultMemberPermissions *string      `json:"default_member_permissions"`
	Contexts                 []int        `json:"contexts,omitempty"`
}

type wireOption struct {
	Type         int          `json:"type"`
	Name         string       `json:"name"`
	Description  string       `json:"description"`
	Required     bool         `json:"required,omitempty"`
	Autocomplete bool         `json:"autocomplete,omitempty"`
	MaxLength    int          `json:"max_length,omitempty"`
	ChannelTypes []int        `json:"channel_types,omitempty"`
	Choices      []wireChoice `json:"choices,omitempty"`
	Options      []wireOption `json:"options,omitempty"`
}

// wireMessageFrom converts a fitted reply to a message body. Ephemeral sets
// the flag only where Discord accepts it (new messages, not edits).
func wireMessageFrom(r Reply, withFlags bool) wireMessage {
	m := wireMessage{
		Content:         r.Content,
		Embeds:          []wireEmbed{},
		Components:      []wireRow{},
		AllowedMentions: wireAllowedMentions{Parse: []string{}, RepliedUser: r.PingRepliedUser},
	}
	if withFlags && r.Ephemeral {
		m.Flags = messageFlagEphemeral
	}
	for _, e := range r.Embeds {
		we := wireEmbed{Title: e.Title, URL: e.URL, Description: e.Description, Color: e.Color, Timestamp: e.Timestamp}
		if e.Author != "" {
			we.Author = &wireName{Name: e.Author}
		}
		if e.Footer != "" {
			we.Footer = &wireText{Text: e.Footer}
		}
		for _, f := range e.Fields {
			we.Fields = append(we.Fields, wireField(f))
		}
		m.Embeds = append(m.Embeds, we)
	}
	for _, row := range r.Components {
		wr := wireRow{Type: componentTypeActionRow}
		for _, b := range row {
			wr.Components = append(wr.Components, wireButton{
				Type: componentTypeButton, Style: int(b.Style), Label: b.Label,
				CustomID: b.CustomID, URL: b.URL, Disabled: b.Disabled,
			})
		}
		m.Components = append(m.Components, wr)
	}
	return m
}

// wireResponseFrom converts a fitted reply to an initial interaction
// response for an interaction of kind k.
func wireResponseFrom(k Kind, r Reply) wireResponse {
	switch {
	case k == KindAutocomplete:
		choices := make([]wireChoice, 0, len(r.Choices))
		for _, c := range r.Choices {
			choices = append(choices, wireChoice(c))
		}
		return wireResponse{Type: callbackAutocompleteResult, Data: wireChoicesData{Choices: choices}}
	case k == KindComponent && r.Update && !r.Ephemeral:
		return wireResponse{Type: callbackUpdateMessage, Data: wireMessageFrom(r, false)}
	}
	return wireResponse{Type: callbackMessage, Data: wireMessageFrom(r, true)}
}

func wireDefer(ephemeral, update bool) wireResponse {
	if update {
		return wireResponse{Type: callbackDeferredUpdate}
	}
	if ephemeral {
		return wireResponse{Type: callbackDeferredMessage, Data: wireDeferData{Flags: messageFlagEphemeral}}
	}
	return wireResponse{Type: callbackDeferredMessage}
}

// wireCommands converts command definitions to a bulk-overwrite payload.
func wireCommands(cmds []Command) []wireCommand {
	out := make([]wireCommand, 0, len(cmds))
	for _, c := range cmds {
		wc := wireCommand{
			Type:        applicationCommandTypeChat,
			Name:        c.Name,
			Description: c.Description,
			Options:     wireOptions(c.Options),
			Contexts:    []int{interactionContextGuild, interactionContextBotDM},
		}
		if c.GuildOnly || c.Permissions != 0 {
			wc.Contexts = []int{interactionContextGuild}
		}
		if c.Permissions != 0 {
			p := strconv.FormatInt(c.Permissions, 10)
			wc.DefaultMemberPermissions = &p
		}
		out = append(out, wc)
	}
	return out
}

func wireOptions(opts []Option) []wireOption {
	if len(opts) == 0 {
		return nil
	}
	out := make([]wireOption, 0, len(opts))
	for _, o := range opts {
		wo := wireOption{
			Type: int(o.Type), Name: o.Name, Description: o.Description, Required: o.Required,
			Autocomplete: o.Autocomplete, MaxLength: o.MaxLength, ChannelTypes: o.ChannelTypes,
			Options: wireOptions(o.Options),
		}
		for _, c := range o.Choices {
			wo.Choices = append(wo.Choices, wireChoice(c))
		}
		out = append(out, wo)
	}
	return out
}
