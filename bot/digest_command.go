package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Discord channel types a digest can be posted in.
const (
	channelTypeText               = 0
	channelTypeAnnouncement       = 5
	channelTypeAnnouncementThread = 10
	channelTypePublicThread       = 11
	channelTypePrivateThread      = 12
	channelTypeForum              = 15
)

// Digests is the /digest command: daily digest subscriptions of a server.
type Digests struct {
	store *Store
	sched *Scheduler
	clock Clock
}

// NewDigests returns the /digest command over store, telling sched when
// subscriptions change. clock nil means the wall clock.
func NewDigests(store *Store, sched *Scheduler, clock Clock) *Digests {
	if clock == nil {
		clock = SystemClock{}
	}
	return &Digests{store: store, sched: sched, clock: clock}
}

// Command returns the /digest command definition and handlers.
func (d *Digests) Command() Command {
	channel := func(desc string) Option {
		return Option{Name: "channel", Description: desc, Type: OptionChannel, ChannelTypes: []int{
			channelTypeText, channelTypeAnnouncement, channelTypeAnnouncementThread,
			channelTypePublicThread, channelTypePrivateThread, channelTypeForum,
		}}
	}
	return Command{
		Name:        "digest",
		Description: "A daily post of what's new in the coverage (Manage Server)",
		Permissions: PermissionManageServer,
		GuildOnly:   true,
		Options: []Option{
			{Name: "subscribe", Description: "Post a daily digest in a channel, thread or forum", Type: OptionSubcommand, Options: []Option{
				channel("Where to post (default: this channel)"),
				{Name: "time", Description: "Local posting time, HH:MM (default 08:00)", Type: OptionString, MaxLength: 5},
				{Name: "timezone", Description: "Time zone, e.g. Europe/Paris (default UTC)", Type: OptionString, Autocomplete: true, MaxLength: 64},
				{Name: "no-news", Description: "On a day with no new coverage (default: a one-line note)", Type: OptionString, Choices: []Choice{
					{Name: "post a one-line note", Value: string(NoNewsNote)},
					{Name: "post nothing", Value: string(NoNewsSilent)},
				}},
			}},
			{Name: "unsubscribe", Description: "Stop the daily digest in a channel", Type: OptionSubcommand, Options: []Option{
				channel("Which channel (default: this channel)"),
			}},
			{Name: "status", Description: "This server's digests: where, when, and any problem posting", Type: OptionSubcommand},
			{Name: "preview", Description: "See the digest as it would be posted now (only you see it)", Type: OptionSubcommand, Options: []Option{
				channel("Preview this channel's digest (default: this channel)"),
			}},
		},
		Handle:       d.handle,
		Autocomplete: d.autocomplete,
	}
}

func (d *Digests) autocomplete(ctx context.Context, in Interaction) ([]Choice, error) {
	if in.Focused != "timezone" {
		return nil, nil
	}
	var out []Choice
	for _, z := range suggestTimeZones(in.Option("timezone"), MaxChoices) {
		out = append(out, Choice{Name: strings.ReplaceAll(z, "_", " "), Value: z})
	}
	return out, nil
}

func (d *Digests) handle(ctx context.Context, in Interaction) (Reply, error) {
	if !in.InGuild || in.GuildID == "" {
		return ephemeral("Digests are set up per server: use /digest in a server channel."), nil
	}
	// Checked here as well as by default_member_permissions, which a
	// server's admins can loosen for any role.
	if in.Permissions&(PermissionManageServer|PermissionAdministrator) == 0 {
		return ephemeral("Only members with the **Manage Server** permission can manage digests."), nil
	}
	switch in.Subcommand {
	case "subscribe":
		return d.subscribe(ctx, in)
	case "unsubscribe":
		return d.unsubscribe(ctx, in)
	case "status":
		return d.status(ctx, in)
	case "preview":
		return d.preview(ctx, in)
	}
	return ephemeral("Unknown digest command. Try /digest status."), nil
}

func (d *Digests) subscribe(ctx context.Context, in Interaction) (Reply, error) {
	channel := in.Option("channel")
	if channel == "" {
		channel = in.ChannelID
	}
	hour, minute, err := parseClock(in.Option("time"))
	if err != nil {
		return ephemeral(err.Error()), nil
	}
	zone := strings.TrimSpace(in.Option("timezone"))
	if zone == "" {
		zone = "UTC"
	}
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "Local" {
		msg := "“" + Truncate(escapeInline(zone), 64) + "” is not a time zone I know. "
		if near := suggestTimeZones(zone, 1); len(near) == 1 && zone != "Local" {
			return ephemeral(msg + "Did you mean **" + near[0] + "**? Pick it from the list as you type."), nil
		}
		return ephemeral(msg + "Pick one from the list, e.g. Europe/Paris or America/New_York."), nil
	}
	noNews := NoNews(in.Option("no-news"))
	if noNews != NoNewsSilent {
		noNews = NoNewsNote
	}
	// A channel already subscribed keeps its Created (the store sees to
	// it), so the next digest continues where the last one ended.
	now := d.clock.Now()
	sub := Subscription{
		GuildID: in.GuildID, ChannelID: channel, Hour: hour, Minute: minute,
		Timezone: loc.String(), NoNews: noNews, Created: now, CreatedBy: in.UserID, Changed: now,
	}
	if err := d.store.Subscribe(ctx, sub); err != nil {
		return Reply{}, err
	}
	if d.sched != nil {
		d.sched.Changed()
	}
	_, next := Slots(sub, loc, d.clock.Now())
	quiet := "a one-line note"
	if noNews == NoNewsSilent {
		quiet = "nothing"
	}
	if !d.posting() {
		return ephemeral(fmt.Sprintf("Saved: <#%s> is to get the coverage digest every day at **%02d:%02d %s**. %s",
			channel, hour, minute, loc.String(), notPostingNote)), nil
	}
	return ephemeral(fmt.Sprintf("Done: <#%s> gets the coverage digest every day at **%02d:%02d %s**, first on %s. On days with no new coverage I post %s.",
		channel, hour, minute, loc.String(), discordTime(next, "F"), quiet)), nil
}

// parseClock reads "HH:MM" (24-hour; "8:00" and "08.00" too); "" is 08:00.
func parseClock(s string) (hour, minute int, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 8, 0, nil
	}
	bad := fmt.Errorf("“%s” is not a time: give it as HH:MM on a 24-hour clock, e.g. 08:00 or 18:30", Truncate(escapeInline(s), 16))
	h, m, ok := strings.Cut(strings.Replace(s, ".", ":", 1), ":")
	if !ok || len(m) != 2 || len(h) == 0 || len(h) > 2 {
		return 0, 0, bad
	}
	hour, err1 := strconv.Atoi(h)
	minute, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return 0, 0, bad
	}
	return hour, minute, nil
}

func (d *Digests) unsubscribe(ctx context.Context, in Interaction) (Reply, error) {
	channel := in.Option("channel")
	if channel == "" {
		channel = in.ChannelID
	}
	found, err := d.store.Unsubscribe(ctx, in.GuildID, channel)
	if err != nil {
		return Reply{}, err
	}
	if !found {
		return ephemeral("<#" + channel + "> has no daily digest. See this server's digests with /digest status."), nil
	}
	if d.sched != nil {
		d.sched.Changed()
	}
	return ephemeral("Done: no more daily digests in <#" + channel + ">."), nil
}

func (d *Digests) status(ctx context.Context, in Interaction) (Reply, error) {
	subs, err := d.store.Subscriptions(ctx, in.GuildID)
	if err != nil {
		return Reply{}, err
	}
	if len(subs) == 0 {
		return ephemeral("No daily digests in this server yet. Start one with `/digest subscribe`."), nil
	}
	now := d.clock.Now()
	e := Embed{Title: "Daily digests in this server", Color: digestColor}
	if !d.posting() {
		e.Description = notPostingNote
	}
	for _, sub := range subs {
		f := Field{Name: "Digest"}
		var lines []string
		lines = append(lines, fmt.Sprintf("<#%s> at **%02d:%02d %s**", sub.ChannelID, sub.Hour, sub.Minute, sub.Timezone))
		if loc, err := sub.Location(); err == nil {
			_, next := Slots(sub, loc, now)
			lines = append(lines, "Next: "+discordTime(next, "R"))
		}
		posts, err := d.store.Posts(ctx, sub.GuildID, sub.ChannelID)
		if err != nil {
			return Reply{}, err
		}
		for _, p := range posts {
			if p.State == PostSent {
				lines = append(lines, "Last posted: "+discordTime(p.Updated, "R"))
				break
			}
		}
		if len(posts) > 0 && posts[0].State == PostSent && posts[0].LastError != "" {
			lines = append(lines, "⚠️ **Last digest:** "+posts[0].LastError+".")
			f.Name = "⚠️ Problem"
		}
		// A failing digest whose slot came before the subscription was
		// changed is tried no more: its coverage goes in the next one.
		if len(posts) > 0 && posts[0].State == PostIntent && posts[0].Attempts > 0 && !posts[0].Slot.Before(sub.LastChange()) {
			p := posts[0]
			lines = append(lines, fmt.Sprintf("⚠️ **Can't post:** %s. Tried %s, next try %s.",
				p.LastError, digestCount(p.Attempts, "time", "times"), discordTime(p.NextTry, "R")))
			f.Name = "⚠️ Problem"
		}
		f.Value = strings.Join(lines, "\n")
		e.Fields = append(e.Fields, f)
	}
	if len(e.Fields) > MaxEmbedFields {
		e.Footer = fmt.Sprintf("Showing %d of %d digests", MaxEmbedFields, len(e.Fields))
		e.Fields = e.Fields[:MaxEmbedFields]
	}
	return Reply{Embeds: []Embed{e}, Ephemeral: true}, nil
}

// notPostingNote says why digests are kept but not posted.
const notPostingNote = "⚠️ Digests are not being posted: this bot runs without its bot token (DISCORD_TOKEN), which posting to a channel needs. Subscriptions are kept and start when it is set."

// posting reports whether subscribed digests are posted.
func (d *Digests) posting() bool { return d.sched != nil && d.sched.Posting() }

func (d *Digests) preview(ctx context.Context, in Interaction) (Reply, error) {
	channel := in.Option("channel")
	if channel == "" {
		channel = in.ChannelID
	}
	sub, found, err := d.store.Subscription(ctx, in.GuildID, channel)
	if err != nil {
		return Reply{}, err
	}
	if !found {
		// As if subscribed now: an old subscription's digests don't count.
		sub = Subscription{GuildID: in.GuildID, ChannelID: channel, Timezone: "UTC", NoNews: NoNewsNote, Created: d.clock.Now()}
	}
	if d.sched == nil {
		return ephemeral("Digests are not running on this bot."), nil
	}
	parts, err := d.sched.Preview(ctx, sub)
	if err != nil {
		return Reply{}, err
	}
	r := parts[0]
	note := "*Preview — only you see this.*"
	if !found {
		note = "*Preview — only you see this. <#" + channel + "> has no daily digest yet: `/digest subscribe` starts one.*"
	}
	if len(parts) > 1 {
		more := 0
		for _, p := range parts[1:] {
			more += len(p.Embeds)
		}
		note += fmt.Sprintf(" *The post would go on with %s.*", digestCount(more, "more story", "more stories"))
	}
	if !d.posting() {
		note += "\n" + notPostingNote
	}
	r.Content = Truncate(note+"\n"+r.Content, MaxContent)
	r.Ephemeral = true
	return Fit(r), nil
}
