package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadDotEnv(t *testing.T) {
	const name = "COVERAGE_TEST_DOTENV"
	tests := []struct {
		name, content, want, wantErr string
	}{
		{name: "a setting", content: name + "=/data/news\n# a comment\n", want: "/data/news"},
		{name: "a byte order mark first", content: "\ufeff" + name + "=/data/news\n", want: "/data/news"},
		{name: "a line that is no setting", content: name + "=/data/news\nremember to set the token\n", wantErr: "nothing in it was used"},
		{name: "no file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(name, "")
			os.Unsetenv(name)
			path := filepath.Join(t.TempDir(), ".env")
			if tt.content != "" {
				if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := loadDotEnv(path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), path) {
					t.Fatalf("loadDotEnv: %v, want an error naming %s and saying %q", err, path, tt.wantErr)
				}
				if _, set := os.LookupEnv(name); set {
					t.Errorf("%s set from a file that was refused", name)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := os.Getenv(name); got != tt.want {
				t.Errorf("%s = %q, want %q", name, got, tt.want)
			}
		})
	}
	t.Run("the environment wins", func(t *testing.T) {
		t.Setenv(name, "/from/the/shell")
		path := filepath.Join(t.TempDir(), ".env")
		if err := os.WriteFile(path, []byte(name+"=/from/the/file\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := loadDotEnv(path); err != nil || os.Getenv(name) != "/from/the/shell" {
			t.Errorf("loadDotEnv: %v; %s = %q, want the shell's", err, name, os.Getenv(name))
		}
	})
}
