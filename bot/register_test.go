package bot

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"unicode/utf8"
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
