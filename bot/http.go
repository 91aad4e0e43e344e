package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// HTTPConfig configures the HTTP interactions endpoint.
type HTTPConfig struct {
	// PublicKey is the application's Ed25519 public key, which signs every
	// request Discord sends.
	PublicKey ed25519.PublicKey
	// APIBase sends follow-up REST calls (edits of deferred answers) to
	// this base URL instead of https://discord.com.
	APIBase string
	Logger  *slog.Logger
	// MaxBody bounds a request body; zero means DefaultMaxBody.
	MaxBody int64
	// MaxAge is how old a signed timestamp may be before the request is
	// refused as a replay; zero means DefaultMaxAge.
	MaxAge time.Duration
}

// Defaults for HTTPConfig. An interaction is a few kB; the largest, a
// button press, carries its message (embeds within 6,000 characters), far
// below DefaultMaxBody.
const (
	DefaultMaxBody = 64 << 10
	DefaultMaxAge  = 5 * time.Minute
)

// firstResponseWait bounds how long the endpoint waits for the command
// layer's first response; Serve always produces one within ackBudget.
const firstResponseWait = 2800 * time.Millisecond

// HTTPHandler is Discord's interactions endpoint. It keeps no state
// between requests (paging state lives in the messages), so any number of
// replicas can serve behind a load balancer.
type HTTPHandler struct {
	bot     *Bot
	key     ed25519.PublicKey
	rest    *discordgo.Session
	log     *slog.Logger
	maxBody int64
	maxAge  time.Duration
	flights inflight
}

// NewHTTPHandler returns the interactions endpoint for b.
func (b *Bot) NewHTTPHandler(cfg HTTPConfig) (*HTTPHandler, error) {
	if len(cfg.PublicKey) != ed25519.PublicKeySize {
		return nil, errors.New("bot: the public key must be 32 bytes")
	}
	client, err := NewHTTPClient(cfg.APIBase)
	if err != nil {
		return nil, err
	}
	// Follow-ups authenticate with the interaction's own token: no bot
	// token is needed (or held) here.
	rest, err := discordgo.New("")
	if err != nil {
		return nil, err
	}
	rest.Client = client
	rest.ShouldRetryOnRateLimit = true
	h := &HTTPHandler{bot: b, key: cfg.PublicKey, rest: rest, log: cfg.Logger, maxBody: cfg.MaxBody, maxAge: cfg.MaxAge}
	if h.log == nil {
		h.log = b.log
	}
	if h.maxBody <= 0 {
		h.maxBody = DefaultMaxBody
	}
	if h.maxAge <= 0 {
		h.maxAge = DefaultMaxAge
	}
	return h, nil
}

// ParsePublicKey decodes the hex public key shown in the Developer Portal.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	key, err := hex.DecodeString(s)
	if err != nil || len(key) != ed25519.PublicKeySize {
		return nil, errors.New("bot: a public key is 64 hex characters (General Information → Public Key)")
	}
	return ed25519.PublicKey(key), nil
}

func (h *HTTPHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST interactions here", http.StatusMethodNotAllowed)
		return
	}
	// Refused before a byte of the body is read: a request without a
	// well-formed, fresh signature, and one announcing too large a body.
	ts := r.Header.Get("X-Signature-Timestamp")
	sig, ok := h.signatureHeaders(r.Header.Get("X-Signature-Ed25519"), ts)
	if !ok {
		r.Close = true
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	if r.ContentLength > h.maxBody {
		r.Close = true
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read request body", http.StatusBadRequest)
		return
	}
	if !h.verify(sig, ts, body) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeJSON(w, wireResponse{Type: callbackPong})
		return
	}
	in, ok := interactionFrom(&i)
	if !ok {
		http.Error(w, "unsupported interaction type", http.StatusBadRequest)
		return
	}
	if !h.flights.enter() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	resp := &httpResponder{
		first: make(chan wireResponse, 1),
		sent:  make(chan struct{}),
		rest:  &restResponder{s: h.rest, appID: i.AppID, id: i.ID, token: i.Token, kind: in.Kind},
	}
	// The answer may outlive this request (deferred, then edited in).
	ctx := context.WithoutCancel(r.Context())
	go func() {
		defer h.flights.leave()
		if err := h.bot.Serve(ctx, in, resp); err != nil {
			h.log.Error("reply to interaction failed", "interaction", i.ID, "err", err)
		}
	}()
	defer close(resp.sent)
	select {
	case first := <-resp.first:
		writeJSON(w, first)
		// On the wire before any edit or follow-up is sent.
		_ = http.NewResponseController(w).Flush()
	case <-time.After(firstResponseWait):
		h.log.Error("no response within Discord's deadline", "interaction", i.ID)
		http.Error(w, "timed out", http.StatusServiceUnavailable)
	}
}

// Wait stops taking interactions and waits for answers under way (deferred
// ones are still being edited in after their request returned).
func (h *HTTPHandler) Wait() { h.flights.closeAndWait() }

// signatureHeaders decodes the signature and checks the timestamp, so a
// request that cannot be Discord's is refused before its body is read;
// old and future timestamps are refused, so a captured request cannot be
// replayed later.
func (h *HTTPHandler) signatureHeaders(sigHex, ts string) ([]byte, bool) {
	sig, err := hex.DecodeString(sigHex)
	if err != nil || len(sig) != ed25519.SignatureSize || ts == "" {
		return nil, false
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, false
	}
	age := time.Since(time.Unix(sec, 0))
	if age > h.maxAge || age < -h.maxAge {
		return nil, false
	}
	return sig, true
}

// verify checks Discord's signature over timestamp + body.
func (h *HTTPHandler) verify(sig []byte, ts string, body []byte) bool {
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	return ed25519.Verify(h.key, msg, sig)
}

func writeJSON(w http.ResponseWriter, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

// httpResponder sends the first response in the HTTP response body and
// everything after it through REST.
type httpResponder struct {
	first chan wireResponse
	// sent is closed once the first response is on its way to Discord:
	// edits must not overtake the acknowledgement they edit.
	sent chan struct{}
	rest *restResponder
	// ackSeen is set once Discord accepted a REST call for the interaction.
	ackSeen atomic.Bool
}

func (r *httpResponder) afterFirst(ctx context.Context) error {
	select {
	case <-r.sent:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (r *httpResponder) Respond(ctx context.Context, reply Reply) error {
	r.first <- wireResponseFrom(r.rest.kind, reply)
	return nil
}

func (r *httpResponder) Defer(ctx context.Context, ephemeral, update bool) error {
	r.first <- wireDefer(ephemeral, update)
	return nil
}

func (r *httpResponder) Edit(ctx context.Context, reply Reply) error {
	return r.afterAck(ctx, func() error { return r.rest.Edit(ctx, reply) })
}

func (r *httpResponder) DeleteOriginal(ctx context.Context) error {
	return r.afterAck(ctx, func() error { return r.rest.DeleteOriginal(ctx) })
}

func (r *httpResponder) Followup(ctx context.Context, reply Reply) error {
	return r.afterAck(ctx, func() error { return r.rest.Followup(ctx, reply) })
}

// ackRaceBackoff spaces the retries of a REST call that Discord answered
// "Unknown Message/Webhook" because it had not yet read the HTTP response
// acknowledging the interaction: a fast answer can overtake it.
var ackRaceBackoff = []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond}

// afterAck runs call once the first response is written, retrying while
// Discord does not know the acknowledgement yet. Once a call got through,
// a 404 means what it says and is not retried.
func (r *httpResponder) afterAck(ctx context.Context, call func() error) error {
	if err := r.afterFirst(ctx); err != nil {
		return err
	}
	for attempt := 0; ; attempt++ {
		err := call()
		if err == nil || r.ackSeen.Load() || attempt == len(ackRaceBackoff) || !ackNotSeenYet(err) {
			if err == nil {
				r.ackSeen.Store(true)
			}
			return err
		}
		select {
		case <-time.After(ackRaceBackoff[attempt]):
		case <-ctx.Done():
			return err
		}
	}
}

// ackNotSeenYet reports whether err is Discord not knowing an
// interaction's response or webhook yet.
func ackNotSeenYet(err error) bool {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil || re.Response.StatusCode != http.StatusNotFound || re.Message == nil {
		return false
	}
	return re.Message.Code == discordgo.ErrCodeUnknownMessage || re.Message.Code == discordgo.ErrCodeUnknownWebhook
}
