package bot

import (
	"context"
)

// Discord channel types a question channel can be.
const (
	channelText         = 0
	channelAnnouncement = 5
	channelPublicThread = 11
)

func (b *Bot) settingsCommand() Command {
	return Command{
		Name:        "settings",
		Description: "Server settings for Coverage Bot (Manage Server)",
		Permissions: PermissionManageServer,
		GuildOnly:   true,
		Options: []Option{{
			Name:        "qa-channel",
			Description: "A channel where the bot answers every question, or show the current one",
			Type:        OptionSubcommand,
			Options: []Option{
				{Name: "channel", Description: "Answer every question asked in this channel", Type: OptionChannel, ChannelTypes: []int{channelText, channelAnnouncement, channelPublicThread}},
				{Name: "off", Description: "Stop answering every question (mentions still work)", Type: OptionBoolean},
			},
		}},
		Handle: b.handleSettings,
	}
}

// SetMessageContent records whether the gateway holds the Message Content
// intent, which the question channel needs.
func (b *Bot) SetMessageContent(granted bool) {
	b.mu.Lock()
	b.messageContent = granted
	b.mu.Unlock()
}

func (b *Bot) hasMessageContent() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.messageContent
}

const intentNote = "\n⚠️ The bot doesn't have the **Message Content** intent yet, so it can only see messages that mention it. Turn it on in the Developer Portal (Bot → Privileged Gateway Intents) and restart the bot."

func (b *Bot) handleSettings(ctx context.Context, in Interaction) (Reply, error) {
	if in.Subcommand != "qa-channel" {
		return ephemeral("Unknown setting. Try /settings qa-channel."), nil
	}
	channel := in.Option("channel")
	switch {
	case in.Option("off") == "true":
		if err := b.settings.SetQAChannel(ctx, in.GuildID, ""); err != nil {
			return Reply{}, err
		}
		return ephemeral("Done: I no longer answer every question in a channel. Mentioning me still works."), nil
	case channel != "":
		if err := b.settings.SetQAChannel(ctx, in.GuildID, channel); err != nil {
			return Reply{}, err
		}
		msg := "Done: I'll answer every question asked in <#" + channel + ">."
		if !b.hasMessageContent() {
			msg += intentNote
		}
		return ephemeral(msg), nil
	}
	current, err := b.settings.QAChannel(ctx, in.GuildID)
	if err != nil {
		return Reply{}, err
	}
	if current == "" {
		return ephemeral("No question channel is set: I answer when mentioned. Pick one with `/settings qa-channel channel:`."), nil
	}
	return ephemeral("I answer every question asked in <#" + current + ">. Turn it off with `/settings qa-channel off:True`."), nil
}
