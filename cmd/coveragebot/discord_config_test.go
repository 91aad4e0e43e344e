package main

import (
	"encoding/base64"
	"strings"
	"testing"
)

var goodToken = base64.RawURLEncoding.EncodeToString([]byte("1100000000000000003")) + ".GhXyZa.dGhpcy1pcy1ub3QtYS1yZWFsLXRva2VuLWF0LWFsbA"

func TestDiscordSettingsErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		vars map[string]string
		want string // in the one-line error
	}{
		{"run without token", []string{"run"}, nil, "DISCORD_TOKEN is not set"},
		{"run with malformed token", []string{"run"}, map[string]string{envToken: "hunter2-not-a-token"}, "DISCORD_TOKEN does not look like a bot token"},
		{"run with quoted token", []string{"run"}, map[string]string{envToken: `"` + goodToken + `"`}, "DISCORD_TOKEN does not look like a bot token"},
		{"run with bad app id", []string{"run"}, map[string]string{envToken: goodToken, envAppID: "my-app"}, "DISCORD_APP_ID"},
		{"run with bad guild id", []string{"run"}, map[string]string{envToken: goodToken, envGuildID: "general"}, "DISCORD_GUILD_ID"},
		{"run with bad API base", []string{"run"}, map[string]string{envToken: goodToken, envAPIBase: "nirn:8080"}, "DISCORD_API_BASE"},
		{"serve-http without key", []string{"serve-http"}, nil, "DISCORD_PUBLIC_KEY is not set"},
		{"serve-http with bad key", []string{"serve-http"}, map[string]string{envPublicKey: "abc"}, "DISCORD_PUBLIC_KEY is not a public key"},
		{"serve-http with bad API base", []string{"serve-http"}, map[string]string{envPublicKey: strings.Repeat("ab", 32), envAPIBase: "ftp://x"}, "DISCORD_API_BASE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv, _, stderr := testEnv(tt.vars)
			err := run(t.Context(), tt.args, getenv, nil, stderr, stderr)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line containing %q", msg, tt.want)
			}
			for _, secret := range []string{goodToken, "hunter2"} {
				if strings.Contains(msg, secret) || strings.Contains(stderr.String(), secret) {
					t.Errorf("the token leaked: %q", msg)
				}
			}
		})
	}
}
