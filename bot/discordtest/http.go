package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxBody is Discord's request size limit for a message without files.
const maxBody = 25 << 20

// call is one REST request on its way through a handler.
type call struct {
	req    *http.Request
	params map[string]string
	body   []byte
	rec    *Request
}

// reply is what a handler answers; body is marshalled to JSON (nil: no body).
type reply struct {
	status    int
	body      any
	header    http.Header
	violation error // a breach of Discord's rules to record, even if answered
}

func jsonReply(body any) reply { return reply{status: http.StatusOK, body: body} }

func noContent() reply { return reply{status: http.StatusNoContent} }

// apiError is Discord's JSON error body.
func apiError(status, code int, message string) reply {
	return reply{status: status, body: map[string]any{"message": message, "code": code}}
}

func invalidForm(errs []error) reply {
	msgs := make([]map[string]string, 0, len(errs))
	for _, err := range errs {
		msgs = append(msgs, map[string]string{"code": "BASE_TYPE_INVALID", "message": err.Error()})
	}
	return reply{status: http.StatusBadRequest, body: map[string]any{
		"code": 50035, "message": "Invalid Form Body", "errors": map[string]any{"_errors": msgs},
	}}
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ws" || r.URL.Path == "/ws/" {
		s.serveGateway(w, r)
		return
	}
	version, rest, isAPI := splitAPIVersion(r.URL.EscapedPath())
	body, bodyErr := readBody(r)
	rec := Request{
		Time:       s.now(),
		Method:     r.Method,
		Path:       unescapePath(rest),
		Query:      r.URL.RawQuery,
		APIVersion: version,
		Header:     r.Header.Clone(),
		Body:       body,
	}
	var errs []error
	var rep reply
	switch {
	case !isAPI:
		rep = apiError(http.StatusNotFound, 0, "404: Not Found")
		rec.Path = r.URL.Path
		errs = append(errs, fmt.Errorf("path is not under /api/v9/ or /api/v10/"))
	case bodyErr != nil:
		rep = apiError(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		errs = append(errs, bodyErr)
	default:
		rt, params := matchRoute(r.Method, rest)
		if rt == nil {
			rep = apiError(http.StatusNotFound, 0, "404: Not Found")
			errs = append(errs, fmt.Errorf("no such route in the fake Discord (method and path as sent)"))
			break
		}
		rec.Route, rec.Params = rt.name, params
		errs = append(errs, s.validate(&rec)...)
		rep = s.answer(rt, &call{req: r, params: params, body: body, rec: &rec}, errs)
	}
	if rep.violation != nil {
		errs = append(errs, rep.violation)
	}
	rec.Status, rec.Response = s.write(w, rep, rec.Route)
	s.record(rec, errs)
}

// answer applies, in Discord's order, authentication, injected faults,
// payload validation and then the route's handler.
func (s *Server) answer(rt *route, c *call, validation []error) reply {
	if rep, failed := s.authenticate(rt, c.req); failed {
		return rep
	}
	rep, lost, faulted := s.injectedFault(rt.name, c)
	if faulted && !lost {
		c.rec.Fault = true
		return rep
	}
	if rejected := enforced(validation); len(rejected) > 0 {
		return invalidForm(rejected)
	}
	applied := rt.handle(s, c)
	if faulted && applied.status < 400 { // a refusal applied nothing to lose
		c.rec.Fault = true
		rep.violation = applied.violation
		return rep
	}
	return applied
}

// authenticate checks the bot token. Interaction callbacks and webhook routes
// are authorised by the token in the URL, as on Discord.
func (s *Server) authenticate(rt *route, r *http.Request) (reply, bool) {
	auth := r.Header.Get("Authorization")
	tokenInURL := strings.Contains(rt.name, "{interaction_token}")
	if auth == "" && tokenInURL {
		return reply{}, false
	}
	if auth == "Bot "+s.cfg.token {
		return reply{}, false
	}
	rep := apiError(http.StatusUnauthorized, 0, "401: Unauthorized")
	if auth == "" {
		rep.violation = errors.New("no Authorization header")
	} else {
		rep.violation = errors.New(`the Authorization header is not "Bot " + the configured token`)
	}
	return rep, true
}

// write sends the reply with the rate-limit headers Discord puts on every
// answer, and returns the status and body for the record.
func (s *Server) write(w http.ResponseWriter, rep reply, routeName string) (int, []byte) {
	h := w.Header()
	for k, vs := range rep.header {
		h[k] = vs
	}
	if h.Get("X-RateLimit-Limit") == "" && routeName != "" {
		resetAt := s.now().Add(time.Second)
		h.Set("X-RateLimit-Bucket", bucketOf(routeName))
		h.Set("X-RateLimit-Limit", "50")
		h.Set("X-RateLimit-Remaining", "49")
		h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(resetAt.UnixMilli())/1000, 'f', 3, 64))
		h.Set("X-RateLimit-Reset-After", "1.000")
	}
	if rep.body == nil {
		w.WriteHeader(rep.status)
		return rep.status, nil
	}
	data, err := json.Marshal(rep.body)
	if err != nil {
		data = []byte(fmt.Sprintf(`{"message":"fake Discord cannot encode its answer: %s","code":0}`, err))
		rep.status = http.StatusInternalServerError
	}
	h.Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	_, _ = w.Write(data)
	return rep.status, data
}

// bucketOf gives every route its own rate-limit bucket id, like Discord's hashes.
func bucketOf(routeName string) string {
	var h uint32 = 2166136261
	for i := 0; i < len(routeName); i++ {
		h = (h ^ uint32(routeName[i])) * 16777619
	}
	return strconv.FormatUint(uint64(h), 16)
}

// splitAPIVersion turns "/api/v10/channels/1" into "10", "/channels/1".
func splitAPIVersion(p string) (version, rest string, ok bool) {
	after, found := strings.CutPrefix(p, "/api/v")
	if !found {
		return "", "", false
	}
	version, rest, _ = strings.Cut(after, "/")
	if version != "9" && version != "10" {
		return version, "", false
	}
	return version, "/" + rest, true
}

// readBody returns the JSON body; for multipart requests (files), the
// payload_json part.
func readBody(r *http.Request) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if len(data) > maxBody {
		return nil, fmt.Errorf("body larger than %d bytes", maxBody)
	}
	mediaType, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "multipart/form-data" {
		if len(data) > 0 && !json.Valid(data) {
			return data, errors.New("body is not valid JSON")
		}
		return data, nil
	}
	mr := multipart.NewReader(strings.NewReader(string(data)), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, errors.New("multipart body has no payload_json part")
		}
		if err != nil {
			return nil, fmt.Errorf("read multipart body: %w", err)
		}
		if part.FormName() == "payload_json" {
			payload, err := io.ReadAll(part)
			if err != nil {
				return nil, fmt.Errorf("read payload_json: %w", err)
			}
			if !json.Valid(payload) {
				return payload, errors.New("payload_json is not valid JSON")
			}
			return payload, nil
		}
	}
}

func unescapeSegment(seg string) string {
	if u, err := url.PathUnescape(seg); err == nil {
		return u
	}
	return seg
}

func unescapePath(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}
