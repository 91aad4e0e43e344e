package discordtest_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// recordingTB stands in for *testing.T to check that AssertClean fails.
type recordingTB struct{ failures []string }

func (r *recordingTB) Helper() {}
func (r *recordingTB) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func TestOverLimitEmbedIsRefusedAndReported(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := srv.Session(srv.Token())
	_, err := dg.ChannelMessageSendComplex(srv.ChannelID(), &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{{Description: strings.Repeat("a", 5000)}},
		AllowedMentions: noMentions(),
	})
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != 50035 {
		t.Fatalf("err = %v, want 400 Invalid Form Body like Discord", err)
	}
	if n := len(srv.ChannelMessages(srv.ChannelID())); n != 0 {
		t.Errorf("refused message was stored (%d)", n)
	}
	vs := srv.Violations()
	if len(vs) == 0 || !strings.Contains(fmt.Sprint(vs), "description: 5000 characters") {
		t.Errorf("violations = %v, want the 5000-character description", vs)
	}
	var fake recordingTB
	srv.AssertClean(&fake)
	if len(fake.failures) != 1 {
		t.Errorf("AssertClean reported %d failures, want 1", len(fake.failures))
	}
}

func TestMissingAllowedMentionsIsReportedButServed(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dg := srv.Session(srv.Token())
	if _, err := dg.ChannelMessageSend(srv.ChannelID(), "@everyone look"); err != nil {
		t.Fatalf("Discord would accept this message: %v", err)
	}
	vs := srv.Violations()
	if len(vs) != 1 || !strings.Contains(vs[0].Err.Error(), "allowed_mentions") {
		t.Errorf("violations = %v", vs)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestValidateRequest(t *testing.T) {
	t.Parallel()
	discordtest.RequireSpec(t)
	none := map[string]any{"parse": []string{}}
	embed := func(fields int, desc string) map[string]any {
		fs := make([]any, fields)
		for i := range fs {
			fs[i] = map[string]any{"name": "Outlet", "value": "Dawn", "inline": true}
		}
		return map[string]any{"title": "Kerry on Iran", "description": desc, "fields": fs}
	}
	cmd := func(name, desc string, opts ...any) map[string]any {
		return map[string]any{"name": name, "description": desc, "type": 1, "options": opts}
	}
	opt := func(name string, required bool) map[string]any {
		return map[string]any{"type": 3, "name": name, "description": "an option", "required": required}
	}
	const msgs = "/api/v10/channels/1100000000000000002/messages"
	const callback = "/interactions/1100000000000000009/tok/callback"
	tests := []struct {
		name    string
		method  string
		path    string
		body    any
		wantErr string // "" means valid
	}{
		{"plain message", "POST", msgs, map[string]any{"content": "hi", "allowed_mentions": none}, ""},
		{"full URL", "POST", "https://discord.com/api/v9/channels/1100000000000000002/messages", map[string]any{"content": "hi", "allowed_mentions": none}, ""},
		{"content 2000", "POST", msgs, map[string]any{"content": strings.Repeat("é", 2000), "allowed_mentions": none}, ""},
		{"content 2001", "POST", msgs, map[string]any{"content": strings.Repeat("é", 2001), "allowed_mentions": none}, "content: 2001 characters"},
		{"content wrong type", "POST", msgs, map[string]any{"content": 5, "allowed_mentions": none}, "openapi"},
		{"no allowed_mentions", "POST", msgs, map[string]any{"content": "hi"}, "allowed_mentions: missing"},
		{"parse everyone", "POST", msgs, map[string]any{"content": "hi", "allowed_mentions": map[string]any{"parse": []string{"everyone"}}}, `"everyone" lets quoted text ping`},
		{"cut mid-character", "POST", msgs, map[string]any{"content": "caf\uFFFD", "allowed_mentions": none}, "U+FFFD"},
		{"11 embeds", "POST", msgs, map[string]any{"embeds": make11(embed(0, "x")), "allowed_mentions": none}, "11 embeds"},
		{"26 fields", "POST", msgs, map[string]any{"embeds": []any{embed(26, "x")}, "allowed_mentions": none}, "26 fields"},
		{"title 257", "POST", msgs, map[string]any{"embeds": []any{map[string]any{"title": strings.Repeat("t", 257)}}, "allowed_mentions": none}, "title: 257"},
		{"footer 2049", "POST", msgs, map[string]any{"embeds": []any{map[string]any{"description": "d", "footer": map[string]any{"text": strings.Repeat("f", 2049)}}}, "allowed_mentions": none}, "footer.text: 2049"},
		{"author 257", "POST", msgs, map[string]any{"embeds": []any{map[string]any{"description": "d", "author": map[string]any{"name": strings.Repeat("a", 257)}}}, "allowed_mentions": none}, "author.name: 257"},
		{"field value 1025", "POST", msgs, map[string]any{"embeds": []any{map[string]any{"fields": []any{map[string]any{"name": "n", "value": strings.Repeat("v", 1025)}}}}, "allowed_mentions": none}, "value: 1025"},
		{"embed total 6001", "POST", msgs, map[string]any{"embeds": []any{embed(0, strings.Repeat("d", 4096)), embed(0, strings.Repeat("d", 1892))}, "allowed_mentions": none}, "6014 characters in all"},
		{"embed total 6000", "POST", msgs, map[string]any{"embeds": []any{embed(0, strings.Repeat("d", 4096)), embed(0, strings.Repeat("d", 1878))}, "allowed_mentions": none}, ""},
		{"embed url ok", "POST", msgs, map[string]any{"embeds": []any{map[string]any{"title": "t", "url": "https://harbortimes.example/news/a?b=1"}}, "allowed_mentions": none}, ""},
		{"embed url with space", "POST", msgs, map[string]any{"embeds": []any{map[string]any{"title": "t", "url": "https://harbour times.example/news/barrier vote"}}, "allowed_mentions": none}, "Not a well formed URL"},
		{"embed url with newline", "POST", msgs, map[string]any{"embeds": []any{map[string]any{"title": "t", "url": "https://a.example/x\ny"}}, "allowed_mentions": none}, "Not a well formed URL"},
		{"embed url underscore host", "POST", msgs, map[string]any{"embeds": []any{map[string]any{"title": "t", "url": "https://harbour_times.example/x"}}, "allowed_mentions": none}, "Not a well formed URL"},
		{"link button url", "POST", msgs, map[string]any{"content": "x", "allowed_mentions": none, "components": []any{map[string]any{"type": 1, "components": []any{map[string]any{"type": 2, "style": 5, "label": "Open", "url": "https://a b.example"}}}}}, "Not a well formed URL"},
		{"deferred ack", "POST", callback, map[string]any{"type": 5, "data": map[string]any{"flags": 64}}, ""},
		{"callback message", "POST", callback, map[string]any{"type": 4, "data": map[string]any{"content": "x", "allowed_mentions": none}}, ""},
		{"callback no mentions", "POST", callback, map[string]any{"type": 4, "data": map[string]any{"content": "x"}}, "data.allowed_mentions"},
		{"update message over limit", "POST", callback, map[string]any{"type": 7, "data": map[string]any{"embeds": []any{embed(0, strings.Repeat("d", 4097))}, "allowed_mentions": none}}, "description: 4097"},
		{"26 choices", "POST", callback, map[string]any{"type": 8, "data": map[string]any{"choices": make26Choices()}}, "26 choices"},
		{"edit original", "PATCH", "/webhooks/1100000000000000003/tok/messages/@original", map[string]any{"content": "x", "allowed_mentions": none}, ""},
		{"edit components only", "PATCH", "/webhooks/1100000000000000003/tok/messages/@original", map[string]any{"components": []any{}}, ""},
		{"follow-up without mentions", "POST", "/webhooks/1100000000000000003/tok", map[string]any{"content": "x"}, "allowed_mentions"},
		{"six buttons", "POST", msgs, map[string]any{"content": "x", "allowed_mentions": none, "components": []any{map[string]any{"type": 1, "components": sixButtons()}}}, "6 components in a row"},
		{"commands ok", "PUT", "/applications/1100000000000000003/commands", []any{cmd("ask", "Ask the coverage", opt("question", true), opt("outlet", false))}, ""},
		{"command uppercase", "PUT", "/applications/1100000000000000003/commands", []any{cmd("Ask", "Ask")}, "must be lowercase"},
		{"command name space", "PUT", "/applications/1100000000000000003/commands", []any{cmd("ask me", "Ask")}, "1–32 letters"},
		{"command no description", "PUT", "/applications/1100000000000000003/guilds/1100000000000000001/commands", []any{cmd("ask", "")}, "description: 0 characters"},
		{"description 101", "PUT", "/applications/1100000000000000003/commands", []any{cmd("ask", strings.Repeat("d", 101))}, "description: 101 characters"},
		{"required after optional", "PUT", "/applications/1100000000000000003/commands", []any{cmd("ask", "Ask", opt("outlet", false), opt("question", true))}, "required option \"question\" after an optional one"},
		{"26 options", "PUT", "/applications/1100000000000000003/commands", []any{cmd("ask", "Ask", make26Options(opt)...)}, "26 options"},
		{"duplicate command", "PUT", "/applications/1100000000000000003/commands", []any{cmd("ask", "Ask"), cmd("ask", "Ask again")}, "registered twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := discordtest.ValidateRequest(tt.method, tt.path, mustJSON(t, tt.body))
			got := fmt.Sprint(errs)
			switch {
			case tt.wantErr == "" && len(errs) > 0:
				t.Errorf("want valid, got %v", errs)
			case tt.wantErr != "" && !strings.Contains(got, tt.wantErr):
				t.Errorf("want an error containing %q, got %v", tt.wantErr, errs)
			}
		})
	}
}

func make11(e map[string]any) []any {
	out := make([]any, 11)
	for i := range out {
		out[i] = e
	}
	return out
}

func make26Choices() []any {
	out := make([]any, 26)
	for i := range out {
		out[i] = map[string]any{"name": fmt.Sprint("choice ", i), "value": fmt.Sprint(i)}
	}
	return out
}

func make26Options(opt func(string, bool) map[string]any) []any {
	out := make([]any, 26)
	for i := range out {
		out[i] = opt(fmt.Sprint("o", i), false)
	}
	return out
}

func sixButtons() []any {
	out := make([]any, 6)
	for i := range out {
		out[i] = map[string]any{"type": 2, "style": 1, "label": "Next", "custom_id": fmt.Sprint("b", i)}
	}
	return out
}

func TestValidateLimitsNeedsNoSpec(t *testing.T) {
	t.Parallel()
	errs := discordtest.ValidateLimits("POST", "/channels/1/messages", []byte(`{"content":"x","allowed_mentions":{"parse":[]}}`))
	if len(errs) != 0 {
		t.Errorf("valid message: %v", errs)
	}
	errs = discordtest.ValidateLimits("POST", "/channels/1/messages", []byte(`{"content":"x"}`))
	var p discordtest.PolicyError
	if len(errs) != 1 || !errors.As(errs[0], &p) {
		t.Errorf("missing allowed_mentions: %v, want one PolicyError", errs)
	}
}
