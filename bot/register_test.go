package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

var commandName = regexp.MustCompile(`^[-_a-z0-9]{1,32}$`)

// TestCommandDefinitions checks what Discord enforces on registration and
// the OpenAPI spec cannot express.
func TestCommandDefinitions(t *testing.T) {
	b := newTestBot(t, &fakeCoverage{})
	var check func(where string, opts []Option)
	check = func(where string, opts []Option) {
		if len(opts) > 25 {
			t.Errorf("%s: %d options", where, len(opts))
		}
		optional := false
		for _, o := range opts {
			if !commandName.MatchString(o.Name) {
				t.Errorf("%s: option name %q", where, o.Name)
			}
			if n := utf8.RuneCountInString(o.Description); n < 1 || n > 100 {
				t.Errorf("%s %s: description has %d characters", where, o.Name, n)
			}
			if o.Required && optional {
				t.Errorf("%s: required option %s after an optional one", where, o.Name)
			}
			optional = optional || !o.Required
			if o.Autocomplete && o.Type != OptionString {
				t.Errorf("%s %s: autocomplete on a non-string option", where, o.Name)
			}
			check(where+" "+o.Name, o.Options)
		}
	}
	for _, c := range b.Commands() {
		if !commandName.MatchString(c.Name) {
			t.Errorf("command name %q", c.Name)
		}
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 100 {
			t.Errorf("/%s: description has %d characters", c.Name, n)
		}
		check("/"+c.Name, c.Options)
	}

	got, err := json.MarshalIndent(wireCommands(b.Commands()), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "commands.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("registration payload differs from %s (rerun with -update if intended):\n%s", path, got)
	}
}

// TestRegisterHomeCommands: with a home server, Home commands (/feeds) are
// registered there alone and every other command globally; without one,
// every command is global and no server's list is touched.
func TestRegisterHomeCommands(t *testing.T) {
	names := func(t *testing.T, r discordtest.Request) string {
		t.Helper()
		var cmds []wireCommand
		if err := json.Unmarshal(r.Body, &cmds); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cmds {
			out = append(out, c.Name)
		}
		return strings.Join(out, ",")
	}
	feeds := NewFeeds(nil, discordtest.DefaultGuildID).Command()
	for _, tc := range []struct {
		name, guild, global, home string
	}{
		{"home server", discordtest.DefaultGuildID, "ask,quotes,sources,article,help", "feeds"},
		{"no home server", "", "ask,quotes,sources,article,help,feeds", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := discordtest.New(t)
			b := New(Config{Coverage: &fakeCoverage{}, Commands: []Command{feeds}})
			if err := b.RegisterCommands(context.Background(), srv.Session(srv.Token()), srv.ApplicationID(), tc.guild); err != nil {
				t.Fatal(err)
			}
			global := srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteGlobalCommandsPut))
			if len(global) != 1 || names(t, global[0]) != tc.global {
				t.Errorf("global registrations %v, want one of %s", global, tc.global)
			}
			home := srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteGuildCommandsPut))
			switch {
			case tc.guild == "" && len(home) != 0:
				t.Errorf("a server's commands were overwritten without a home server: %v", home)
			case tc.guild != "" && (len(home) != 1 || names(t, home[0]) != tc.home):
				t.Errorf("home server registrations %v, want one of %s", home, tc.home)
			}
			srv.AssertClean(t)
		})
	}
}
