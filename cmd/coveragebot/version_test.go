package main

import (
	"errors"
	"runtime/debug"
	"strings"
	"testing"
)

// TestUnknownCommandSuggests: a mistyped command is answered with the
// command meant, when one is close.
func TestUnknownCommandSuggests(t *testing.T) {
	tests := []struct {
		typed, want string
	}{
		{"aks", `did you mean "ask"?`},
		{"indx", `did you mean "index"?`},
		{"serve", `did you mean "serve-http"?`},
		{"Digest", `did you mean "digest"?`},
		{"versoin", `did you mean "version"?`},
		{"frobnicate", ""},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			getenv, stdout, stderr := testEnv(nil)
			err := run(t.Context(), []string{tt.typed}, getenv, nil, stdout, stderr)
			if !errors.Is(err, errUsage) {
				t.Fatalf("err = %v, want usage", err)
			}
			first, _, _ := strings.Cut(stderr.String(), "\n")
			if tt.want == "" && strings.Contains(first, "did you mean") || !strings.Contains(first, tt.want) {
				t.Errorf("stderr starts %q, want %q", first, tt.want)
			}
			if !strings.Contains(stderr.String(), "Commands:") {
				t.Errorf("the command list is missing:\n%s", stderr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	getenv, stdout, stderr := testEnv(nil)
	if err := run(t.Context(), []string{"version"}, getenv, nil, stdout, stderr); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stdout.String(), "coveragebot ") || !strings.Contains(stdout.String(), "go1.") {
		t.Errorf("version printed %q", stdout)
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"release", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "88560da0123456789abcdef"}, {Key: "vcs.time", Value: "2026-12-04T18:00:00Z"}, {Key: "vcs.modified", Value: "false"}}},
			"coveragebot v1.2.0, commit 88560da01234 of 2026-12-04T18:00:00Z, go1.26.8"},
		{"dirty checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "88560da"}, {Key: "vcs.modified", Value: "true"}}},
			"coveragebot (devel), commit 88560da (modified), go1.26.8"},
		{"no vcs", &debug.BuildInfo{GoVersion: "go1.26.8"}, "coveragebot (devel), commit unknown (not built from a git checkout), go1.26.8"},
	}
	for _, tt := range tests {
		if got := versionLine(tt.info, true); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestHelpShowsOneFlagForm: every command's -h lists its flags as its
// usage line writes them, --corpus DIR, never -corpus string.
func TestHelpShowsOneFlagForm(t *testing.T) {
	for name := range subcommands {
		if name == "version" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			getenv, stdout, stderr := testEnv(nil)
			if err := run(t.Context(), []string{name, "-h"}, getenv, nil, stdout, stderr); err != nil {
				t.Fatal(err)
			}
			help := stderr.String()
			flags := 0
			for line := range strings.Lines(help) {
				trimmed := strings.TrimLeft(line, " ")
				if len(trimmed) < len(line) && strings.HasPrefix(trimmed, "-") && !strings.HasPrefix(trimmed, "--") {
					t.Errorf("flag listed with one dash: %q", line)
				}
				if strings.HasPrefix(line, "  --") {
					flags++
				}
			}
			if flags == 0 {
				t.Errorf("no flags listed:\n%s", help)
			}
			if strings.Contains(help, "--corpus string") || strings.Contains(help, "--index string") {
				t.Errorf("corpus flags not named as in the usage line (DIR):\n%s", help)
			}
		})
	}
}

// TestVersionHelp: like every other subcommand, "version -h" prints its
// usage and succeeds.
func TestVersionHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help"} {
		getenv, stdout, stderr := testEnv(nil)
		if err := run(t.Context(), []string{"version", arg}, getenv, nil, stdout, stderr); err != nil {
			t.Errorf("version %s: %v", arg, err)
		}
		if !strings.HasPrefix(stdout.String(), "Usage: coveragebot version") {
			t.Errorf("version %s printed %q", arg, stdout)
		}
	}
}
