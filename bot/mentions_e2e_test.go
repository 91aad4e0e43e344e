package bot

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
	"github.com/coveragebot/coveragebot/search"
)

// pingArticles quote text full of mentions, as a scraped comment thread or
// a hostile reader's tip might put into an article.
var pingArticles = fstest.MapFS{
	"harbor-times/tide.txt": {Data: []byte(`---
source: Harbor Times
url: https://harbortimes.example/tide
published: 2026-05-01T06:00:00Z
title: Harbour master warns @everyone about the spring tide
---
The harbour will close on Friday because of the spring tide, the port authority said.
"Tell @everyone and @here in the <@&1100000000000000077> crews that <@1100000000000000099> was right about the tide," harbour master Ines Okafor said.
Boats must leave the inner basin by noon.
`)},
	"valley-post/tide.txt": {Data: []byte(`---
source: Valley Post
url: https://valleypost.example/tide
published: 2026-05-01T05:30:00Z
title: Spring tide closes the harbour, @here is what to know
---
The harbour closes on Friday for the spring tide.
"Tell @everyone and @here in the <@&1100000000000000077> crews that <@1100000000000000099> was right about the tide," harbour master Ines Okafor said on Thursday.
`)},
}

var mentionPattern = regexp.MustCompile(`@everyone|@here|<@!?(\d+)>|<@&(\d+)>`)

// pingsOf returns who a message body sent to Discord would notify, by
// Discord's rules: mentions in content notify only as allowed_mentions
// allows (a missing allowed_mentions allows all); embeds never notify.
func pingsOf(t *testing.T, raw []byte) []string {
	t.Helper()
	var m struct {
		Content         string `json:"content"`
		AllowedMentions *struct {
			Parse       []string `json:"parse"`
			Users       []string `json:"users"`
			Roles       []string `json:"roles"`
			RepliedUser bool     `json:"replied_user"`
		} `json:"allowed_mentions"`
		MessageReference *struct{} `json:"message_reference"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	allowAll := m.AllowedMentions == nil
	allows := func(kind, id string, ids []string) bool {
		return allowAll || slices.Contains(m.AllowedMentions.Parse, kind) || slices.Contains(ids, id)
	}
	var pings []string
	for _, sm := range mentionPattern.FindAllStringSubmatch(m.Content, -1) {
		switch {
		case sm[1] != "":
			if allowAll || allows("users", sm[1], m.AllowedMentions.Users) {
				pings = append(pings, sm[0])
			}
		case sm[2] != "":
			if allowAll || allows("roles", sm[2], m.AllowedMentions.Roles) {
				pings = append(pings, sm[0])
			}
		default:
			if allowAll || allows("everyone", "", nil) {
				pings = append(pings, sm[0])
			}
		}
	}
	if m.MessageReference != nil && (allowAll || m.AllowedMentions.RepliedUser) {
		pings = append(pings, "the replied-to author")
	}
	return pings
}

// messageBodies returns the message of every request that posts or edits
// one, with a label.
func messageBodies(t *testing.T, srv *discordtest.Server) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for i, r := range srv.Requests() {
		label := fmt.Sprintf("%s #%d", r.Route, i)
		switch r.Route {
		case discordtest.RouteInteractionCallback:
			var cb struct {
				Data json.RawMessage `json:"data"`
			}
			if err := json.Unmarshal(r.Body, &cb); err == nil && len(cb.Data) > 0 && string(cb.Data) != "null" {
				out[label] = cb.Data
			}
		case discordtest.RouteOriginalEdit, discordtest.RouteFollowup, discordtest.RouteChannelMessageCreate, discordtest.RouteFollowupEdit:
			out[label] = r.Body
		}
	}
	return out
}

// TestQuotedMentionsPingNobody: an article quoting @everyone, @here, a role
// and a user is answered verbatim through /ask, a mention and the daily
// digest, and not one message the fake Discord received would notify
// anyone.
func TestQuotedMentionsPingNobody(t *testing.T) {
	ctx := waitCtx(t)
	ix, err := search.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Update(ctx, pingArticles, search.Options{}); err != nil {
		t.Fatal(err)
	}
	srv := newFakeDiscord(t)
	b := newTestBot(t, ix)
	stop := startGateway(t, srv, b)

	// The answer to /ask.
	ask := srv.NewCommand("ask", discordtest.StringOption("question", "What did Okafor say about the tide?"))
	if err := srv.DispatchInteraction(ask); err != nil {
		t.Fatal(err)
	}
	edit, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ask.ID, ask.Token)))
	if err != nil {
		t.Fatal(err)
	}
	// The reply to a mention.
	if _, err := srv.DispatchMessage(srv.MentionBot("what did Okafor say about the tide?")); err != nil {
		t.Fatal(err)
	}
	reply, err := srv.WaitFor(ctx, discordtest.OnRoute(discordtest.RouteChannelMessageCreate))
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Error(err)
	}

	// The daily digest, from the same index, posted by the scheduler.
	// The articles were first seen just now, so the digest's period ends
	// now; the subscription is older.
	store := mustOpenStore(t, t.TempDir()+"/"+StoreFile)
	created := time.Now().Add(-2 * time.Hour).Truncate(time.Hour)
	clock := &fakeClock{now: created}
	sched := newFakeDiscordScheduler(t, srv, store, clock, ix, nil)
	if err := store.Subscribe(ctx, Subscription{GuildID: srv.GuildID(), ChannelID: srv.ChannelID(), Hour: created.Add(time.Hour).Hour(), Timezone: "UTC", NoNews: NoNewsNote, Created: created}); err != nil {
		t.Fatal(err)
	}
	before := len(srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteChannelMessageCreate)))
	clock.Set(time.Now())
	sched.RunDue(ctx)
	posts := srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteChannelMessageCreate))[before:]
	if len(posts) == 0 {
		t.Fatal("the digest was not posted")
	}
	var digest strings.Builder
	for _, p := range posts {
		digest.WriteString(textOf(t, p.Body))
	}

	// The mentions reach the channel verbatim (the test would prove
	// nothing otherwise) ...
	for name, body := range map[string]string{"/ask answer": textOf(t, edit.Body), "mention reply": textOf(t, reply.Body), "digest": digest.String()} {
		if !strings.Contains(body, "@everyone") || !strings.Contains(body, "<@1100000000000000099") { // the digest escapes markdown: <@…\>
			t.Errorf("%s does not quote the mentions verbatim: %.600s", name, body)
		}
	}
	// ... and no message notifies anyone.
	bodies := messageBodies(t, srv)
	if len(bodies) < 3 {
		t.Fatalf("only %d messages recorded", len(bodies))
	}
	for label, raw := range bodies {
		if p := pingsOf(t, raw); len(p) > 0 {
			t.Errorf("%s would notify %v: %.400s", label, p, raw)
		}
	}
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}

// textOf returns every string in a JSON body, decoded, one per line.
func textOf(t *testing.T, raw []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString(v + "\n")
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return b.String()
}

// TestPingsOf checks the ping rules the test above relies on.
func TestPingsOf(t *testing.T) {
	tests := []struct {
		body string
		want int
	}{
		{`{"content":"@everyone <@1> <@&2>"}`, 3},
		{`{"content":"@everyone <@1> <@&2>","allowed_mentions":{"parse":[]}}`, 0},
		{`{"content":"@here","allowed_mentions":{"parse":["everyone"]}}`, 1},
		{`{"content":"<@1> <@!3>","allowed_mentions":{"parse":[],"users":["1"]}}`, 1},
		{`{"content":"<@&2>","allowed_mentions":{"parse":["roles"]}}`, 1},
		{`{"content":"hi","message_reference":{},"allowed_mentions":{"parse":[],"replied_user":true}}`, 1},
		{`{"embeds":[{"description":"@everyone"}],"allowed_mentions":{"parse":[]}}`, 0},
	}
	for _, tt := range tests {
		if got := pingsOf(t, []byte(tt.body)); len(got) != tt.want {
			t.Errorf("pingsOf(%s) = %v, want %d pings", tt.body, got, tt.want)
		}
	}
}
