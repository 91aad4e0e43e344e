package discordtest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// HTTPAnswer is the bot's HTTP response to an interaction Discord POSTed.
type HTTPAnswer struct {
	Status int
	Header http.Header
	Body   []byte
}

// NewPing builds the PING Discord sends to check an interactions endpoint.
func (s *Server) NewPing() *Interaction {
	ix := s.newInteraction(discordgo.InteractionPing)
	ix.Data = nil
	ix.GuildID, ix.ChannelID = "", ""
	return ix
}

// PostInteraction does what Discord does for an app with an Interactions
// Endpoint URL: it signs ix with key (Ed25519 over timestamp + body, in
// X-Signature-Ed25519 and X-Signature-Timestamp) and POSTs it to endpoint.
// A 200 answer is taken as the interaction's callback: it is recorded,
// validated and applied like one sent to the callback route, so edits and
// follow-ups over REST work afterwards. Pass a key that is not the app's
// to test that the bot refuses bad signatures.
func (s *Server) PostInteraction(ctx context.Context, endpoint string, ix *Interaction, key ed25519.PrivateKey) (HTTPAnswer, error) {
	body := s.InteractionJSON(ix)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(key, append([]byte(ts), body...))
	return s.post(ctx, endpoint, ix, body, hex.EncodeToString(sig), ts)
}

// PostInteractionRaw POSTs body with the given signature headers as they
// are, for tests of tampered bodies, stale timestamps or missing headers.
// The answer is not treated as a callback.
func (s *Server) PostInteractionRaw(ctx context.Context, endpoint string, body []byte, signature, timestamp string) (HTTPAnswer, error) {
	return s.post(ctx, endpoint, nil, body, signature, timestamp)
}

func (s *Server) post(ctx context.Context, endpoint string, ix *Interaction, body []byte, signature, timestamp string) (HTTPAnswer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return HTTPAnswer{}, fmt.Errorf("discordtest: interaction request to %s: %w", endpoint, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	if signature != "" {
		req.Header.Set("X-Signature-Ed25519", signature)
	}
	if timestamp != "" {
		req.Header.Set("X-Signature-Timestamp", timestamp)
	}
	if ix != nil {
		s.setHTTPAnswerPending(ix.ID, true)
		defer s.setHTTPAnswerPending(ix.ID, false)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return HTTPAnswer{}, fmt.Errorf("discordtest: POST interaction to %s: %w", endpoint, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return HTTPAnswer{}, fmt.Errorf("discordtest: read answer from %s: %w", endpoint, err)
	}
	ans := HTTPAnswer{Status: resp.StatusCode, Header: resp.Header, Body: data}
	if ix != nil && resp.StatusCode == http.StatusOK {
		s.acceptHTTPCallback(ix, ans)
	}
	return ans, nil
}

// setHTTPAnswerPending marks whether the interaction's HTTP answer is on
// its way back: edits and follow-ups racing it get a 404, as from Discord,
// without counting as a violation.
func (s *Server) setHTTPAnswerPending(id string, pending bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.interactions[id]; st != nil {
		st.httpAnswerPending = pending
	}
}

// acceptHTTPCallback records an HTTP answer as the interaction's callback.
func (s *Server) acceptHTTPCallback(ix *Interaction, ans HTTPAnswer) {
	path := "/interactions/" + ix.ID + "/" + ix.Token + "/callback"
	hdr := http.Header{"Content-Type": {ans.Header.Get("Content-Type")}, "X-Discordtest-Transport": {"http"}}
	rec := Request{
		Time:       s.now(),
		Method:     http.MethodPost,
		Path:       path,
		APIVersion: "10",
		Route:      RouteInteractionCallback,
		Params:     map[string]string{"interaction_id": ix.ID, "interaction_token": ix.Token},
		Header:     hdr,
		Body:       ans.Body,
	}
	var errs []error
	if mt, _, _ := mime.ParseMediaType(ans.Header.Get("Content-Type")); mt != "application/json" {
		errs = append(errs, fmt.Errorf("interactions endpoint answered Content-Type %q, Discord needs application/json", ans.Header.Get("Content-Type")))
	}
	errs = append(errs, s.validate(&rec)...)
	var rep reply
	if rejected := enforced(errs); len(rejected) > 0 {
		rep = invalidForm(rejected)
	} else {
		httpReq, _ := http.NewRequest(http.MethodPost, "http://discord.invalid"+path, nil)
		rep = s.handleCallback(&call{req: httpReq, params: rec.Params, body: ans.Body, rec: &rec})
	}
	if rep.violation != nil {
		errs = append(errs, rep.violation)
	}
	rec.Status = rep.status
	s.record(rec, errs)
}
