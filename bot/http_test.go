package bot

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

type signedEndpoint struct {
	url   string
	priv  ed25519.PrivateKey
	h     *HTTPHandler
	relay *relay
}

// relay plays the part of Discord between the interactions endpoint and
// the fake: the endpoint's HTTP response is delivered to the fake as the
// interaction's callback (so it is recorded and validated like a gateway
// callback), and the endpoint's REST calls for an interaction are held
// until that delivery, as Discord has read the response before a
// follow-up can arrive.
type relay struct {
	fake  string
	mu    sync.Mutex
	acked map[string]chan struct{} // interaction token -> closed once acknowledged
}

func (r *relay) ackChan(token string) chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	ch, ok := r.acked[token]
	if !ok {
		ch = make(chan struct{})
		r.acked[token] = ch
	}
	return ch
}

// deliver records the endpoint's response as the interaction's callback.
func (r *relay) deliver(t *testing.T, interaction []byte, response []byte) {
	t.Helper()
	var ix struct {
		ID, Token string
		Type      int
	}
	if err := json.Unmarshal(interaction, &ix); err != nil || ix.Type == 1 {
		return
	}
	url := r.fake + "api/v10/interactions/" + ix.ID + "/" + ix.Token + "/callback"
	resp, err := http.Post(url, "application/json", bytes.NewReader(response))
	if err != nil {
		t.Error(err)
		return
	}
	resp.Body.Close()
	close(r.ackChan(ix.Token))
}

// ServeHTTP forwards the endpoint's REST calls to the fake, holding those
// for an interaction until its acknowledgement was delivered.
func (r *relay) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if parts := strings.Split(req.URL.Path, "/"); len(parts) > 5 && parts[3] == "webhooks" {
		select {
		case <-r.ackChan(parts[5]):
		case <-time.After(10 * time.Second):
		}
	}
	body, _ := io.ReadAll(req.Body)
	out, _ := http.NewRequest(req.Method, strings.TrimSuffix(r.fake, "/")+req.URL.RequestURI(), bytes.NewReader(body))
	out.Header = req.Header.Clone()
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

func newSignedEndpoint(t *testing.T, srv *discordtest.Server, b *Bot) *signedEndpoint {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ParsePublicKey(hex.EncodeToString(pub))
	if err != nil {
		t.Fatal(err)
	}
	rl := &relay{fake: srv.URL(), acked: map[string]chan struct{}{}}
	rs := httptest.NewServer(rl)
	t.Cleanup(rs.Close)
	h, err := b.NewHTTPHandler(HTTPConfig{PublicKey: key, APIBase: rs.URL, MaxBody: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(func() { hs.Close(); h.Wait() })
	return &signedEndpoint{url: hs.URL, priv: priv, h: h, relay: rl}
}

// post signs body at ts with key (the endpoint's own when nil) and posts it.
func (e *signedEndpoint) post(t *testing.T, body []byte, ts time.Time, tamper func([]byte) []byte) (int, []byte) {
	t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	sig := ed25519.Sign(e.priv, append([]byte(stamp), body...))
	if tamper != nil {
		body = tamper(body)
	}
	req, _ := http.NewRequest("POST", e.url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", stamp)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == 200 {
		e.relay.deliver(t, body, out)
	}
	return resp.StatusCode, out
}

func TestHTTPEndpoint(t *testing.T) {
	srv := newFakeDiscord(t)
	b := newTestBot(t, &fakeCoverage{})
	ep := newSignedEndpoint(t, srv, b)
	ping := []byte(`{"id":"1","application_id":"2","type":1,"token":"t","version":1}`)
	ask := srv.NewCommand("ask", discordtest.StringOption("question", "What did the mayor say about the bridge?"))
	askBody := srv.InteractionJSON(ask)

	tests := []struct {
		name       string
		body       []byte
		ts         time.Time
		tamper     func([]byte) []byte
		wantStatus int
		wantBody   string
	}{
		{"signed PING", ping, time.Now(), nil, 200, `{"type":1}`},
		{"tampered body", ping, time.Now(), func(b []byte) []byte { return bytes.Replace(b, []byte(`"id":"1"`), []byte(`"id":"9"`), 1) }, 401, ""},
		{"old timestamp", ping, time.Now().Add(-10 * time.Minute), nil, 401, ""},
		{"future timestamp", ping, time.Now().Add(10 * time.Minute), nil, 401, ""},
		{"oversized body", append(ping[:len(ping)-1], []byte(`,"pad":"`+strings.Repeat("x", 70<<10)+`"}`)...), time.Now(), nil, 413, ""},
		{"signed /ask", askBody, time.Now(), nil, 200, `{"type":5}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, got := ep.post(t, tt.body, tt.ts, tt.tamper)
			if status != tt.wantStatus {
				t.Fatalf("status %d, want %d (%s)", status, tt.wantStatus, got)
			}
			if tt.wantBody != "" && strings.TrimSpace(string(got)) != tt.wantBody {
				t.Errorf("body %s, want %s", got, tt.wantBody)
			}
		})
	}

	// The deferred /ask is then edited in through REST, to the fake.
	ctx := waitCtx(t)
	edit, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ask.ID, ask.Token)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(edit.Body), "spring floods") || !strings.Contains(string(edit.Body), "Valley Post") {
		t.Errorf("edited answer: %s", edit.Body)
	}

	// A command answered directly comes back in the HTTP response.
	src := srv.InteractionJSON(srv.NewCommand("sources"))
	status, got := ep.post(t, src, time.Now(), nil)
	var resp wireResponse
	if err := json.Unmarshal(got, &resp); status != 200 || err != nil || resp.Type != callbackMessage || !strings.Contains(string(got), "Harbor Times") {
		t.Errorf("/sources: %d %s", status, got)
	}

	// Missing signature headers.
	r, _ := http.Post(ep.url, "application/json", bytes.NewReader(ping))
	if r.StatusCode != 401 {
		t.Errorf("unsigned request: %d", r.StatusCode)
	}
	r.Body.Close()
	ep.h.Wait()
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}

// countingBody is a request body that counts the bytes read from it.
type countingBody struct {
	r    io.Reader
	read int
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read += n
	return n, err
}

func (c *countingBody) Close() error { return nil }

// TestHTTPRefusesBeforeReadingBody: a request that cannot be Discord's
// (no, malformed or stale signature headers) or that announces a body
// over the cap is refused without reading its body; the default cap is
// well below 1 MB.
func TestHTTPRefusesBeforeReadingBody(t *testing.T) {
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	h, err := newTestBot(t, &fakeCoverage{}).NewHTTPHandler(HTTPConfig{PublicKey: pub})
	if err != nil {
		t.Fatal(err)
	}
	if DefaultMaxBody > 128<<10 {
		t.Errorf("DefaultMaxBody = %d: interactions are a few kB", DefaultMaxBody)
	}
	now := strconv.FormatInt(time.Now().Unix(), 10)
	sig := strings.Repeat("ab", ed25519.SignatureSize)
	tests := []struct {
		name       string
		sig, ts    string
		size       int
		wantStatus int
	}{
		{"no signature", "", "", 512 << 10, 401},
		{"signature not hex", "zz", now, 512 << 10, 401},
		{"signature too short", "abcd", now, 512 << 10, 401},
		{"stale timestamp", sig, strconv.FormatInt(time.Now().Add(-time.Hour).Unix(), 10), 512 << 10, 401},
		{"timestamp not a number", sig, "yesterday", 512 << 10, 401},
		{"body over the cap", sig, now, 200 << 10, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := &countingBody{r: bytes.NewReader(bytes.Repeat([]byte("x"), tt.size))}
			req := httptest.NewRequest("POST", "/", nil)
			req.Body, req.ContentLength = body, int64(tt.size)
			if tt.sig != "" {
				req.Header.Set("X-Signature-Ed25519", tt.sig)
			}
			if tt.ts != "" {
				req.Header.Set("X-Signature-Timestamp", tt.ts)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Errorf("status %d, want %d", rec.Code, tt.wantStatus)
			}
			if body.read != 0 {
				t.Errorf("read %d bytes of the body before refusing it", body.read)
			}
		})
	}
}
