package bot

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestAPIBaseRewritesDiscordRequests(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Method+" "+r.URL.Path)
		io.WriteString(w, `{"url":"wss://example.invalid"}`)
	}))
	defer srv.Close()
	tests := []struct{ base, want string }{
		{srv.URL, "GET /api/v" + discordgo.APIVersion + "/gateway"},
		{srv.URL + "/", "GET /api/v" + discordgo.APIVersion + "/gateway"},
		{srv.URL + "/proxy", "GET /proxy/api/v" + discordgo.APIVersion + "/gateway"},
	}
	for _, tt := range tests {
		got = nil
		client, err := NewHTTPClient(tt.base)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := discordgo.New("")
		s.Client = client
		if _, err := s.Gateway(); err != nil {
			t.Fatalf("%s: %v", tt.base, err)
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("base %s: server saw %q, want %q", tt.base, got, tt.want)
		}
	}
}

func TestAPIBaseRejectsBadURLs(t *testing.T) {
	for _, base := range []string{"discord", "ftp://x", "http://", "://x", "http://x/?q=1"} {
		if _, err := NewHTTPClient(base); err == nil {
			t.Errorf("NewHTTPClient(%q) accepted it", base)
		}
	}
}
