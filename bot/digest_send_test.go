package bot

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// forumDiscord is a tiny Discord with one forum channel, for the one route
// the fake Discord does not serve: starting a forum post.
type forumDiscord struct {
	mu       sync.Mutex
	requests []string
	bodies   []map[string]any
}

func (f *forumDiscord) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var body map[string]any
	_ = json.NewDecoder(r.Body).Decode(&body)
	path := r.URL.Path[strings.Index(r.URL.Path, "/channels/"):]
	f.requests = append(f.requests, r.Method+" "+path)
	f.bodies = append(f.bodies, body)
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodGet && path == "/channels/forum":
		_, _ = w.Write([]byte(`{"id":"forum","type":15,"guild_id":"g","name":"digests"}`))
	case r.Method == http.MethodPost && path == "/channels/forum/threads":
		_, _ = w.Write([]byte(`{"id":"thread1","type":11,"parent_id":"forum","guild_id":"g","name":"x"}`))
	case r.Method == http.MethodPost && path == "/channels/thread1/messages":
		_, _ = w.Write([]byte(`{"id":"m2","channel_id":"thread1"}`))
	default:
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"message":"Unknown Channel","code":10003}`))
	}
}

func TestSessionSenderForumStartsAPost(t *testing.T) {
	fd := &forumDiscord{}
	hs := httptest.NewServer(fd)
	defer hs.Close()
	base, _ := url.Parse(hs.URL + "/")
	dg, _ := discordgo.New("Bot x")
	dg.Client = &http.Client{Transport: &discordtest.RewriteTransport{Base: base}}
	sender := SessionSender{Session: dg}
	ctx := context.Background()

	id, err := sender.SendDigestPart(ctx, "forum", DigestPart{Reply: Reply{Content: "part 1"}, Nonce: "n.0", Title: "Coverage digest — Sun 29 Mar 2026"})
	if err != nil || id != "thread1" {
		t.Fatalf("first part: %q, %v; want the new post's thread", id, err)
	}
	id, err = sender.SendDigestPart(ctx, "forum", DigestPart{Reply: Reply{Content: "part 2"}, Nonce: "n.1", Previous: []string{"thread1"}})
	if err != nil || id != "m2" {
		t.Fatalf("second part: %q, %v; want a message in the thread", id, err)
	}
	_, err = sender.SendDigestPart(ctx, "gone", DigestPart{Reply: Reply{Content: "x"}, Nonce: "n.0"})
	var ce *ChannelError
	if !errors.As(err, &ce) || ce.Status != 404 || !strings.Contains(ce.Why(), "no longer exists") {
		t.Errorf("deleted channel: %v, want a 404 ChannelError", err)
	}

	fd.mu.Lock()
	defer fd.mu.Unlock()
	var posts []string
	for _, r := range fd.requests {
		if strings.HasPrefix(r, "POST") {
			posts = append(posts, r)
		}
	}
	if strings.Join(posts, ",") != "POST /channels/forum/threads,POST /channels/thread1/messages" {
		t.Errorf("posts = %v", posts)
	}
	thread := fd.bodies[1]
	if thread["name"] != "Coverage digest — Sun 29 Mar 2026" {
		t.Errorf("forum post name = %v", thread["name"])
	}
	msg, _ := thread["message"].(map[string]any)
	if am, _ := msg["allowed_mentions"].(map[string]any); am == nil || am["parse"] == nil {
		t.Errorf("forum post message lacks allowed_mentions: %v", msg)
	}

}

// TestChannelErr: Discord's answers that mean the channel takes no posts
// are channel problems, retried and shown in /digest status, whatever the
// status; only a malformed message is a refused part.
func TestChannelErr(t *testing.T) {
	tests := []struct {
		status, code int
		channel      bool
	}{
		{403, 50001, true},  // missing access
		{403, 50013, true},  // missing permissions
		{404, 10003, true},  // unknown channel
		{400, 50083, true},  // archived thread
		{400, 160005, true}, // locked thread
		{400, 40067, true},  // forum requires a tag
		{400, 50035, false}, // invalid form body
		{400, 50006, false}, // empty message
		{400, 0, false},     // general error
	}
	for _, tt := range tests {
		err := channelErr("c", &discordgo.RESTError{Response: &http.Response{StatusCode: tt.status},
			Message: &discordgo.APIErrorMessage{Code: tt.code, Message: "x"}})
		var ce *ChannelError
		if got := errors.As(err, &ce); got != tt.channel || errors.Is(err, ErrPartRefused) == tt.channel {
			t.Errorf("%d code %d: %v, want a channel problem %v", tt.status, tt.code, err, tt.channel)
		}
	}
}
