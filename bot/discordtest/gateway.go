package discordtest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// ErrNoSession is returned when an event is dispatched before any client
// has identified on the gateway.
var ErrNoSession = errors.New("discordtest: no gateway session (has the client called Open?)")

// maxReplay is how many dispatched events a session keeps for RESUME.
const maxReplay = 20000

// Frame is one gateway message, recorded in either direction. Heartbeats
// and their ACKs are only counted (see Heartbeats).
type Frame struct {
	Time time.Time
	// Conn numbers the websocket connections from 1.
	Conn       int
	FromClient bool
	Op         int
	Type       string // the event name of a dispatch (op 0)
	Seq        int64
	Data       json.RawMessage
}

type gateway struct {
	mu         sync.Mutex
	sessions   map[string]*gwSession
	current    *gwSession // the session identified last
	conns      map[*gwConn]bool
	nconns     int
	dropAcks   bool
	heartbeats int
	closed     bool
	wg         sync.WaitGroup
}

type gwSession struct {
	id      string
	seq     int64
	log     []gwEvent
	conn    *gwConn
	intents discordgo.Intent
}

type gwEvent struct {
	seq int64
	raw []byte
}

type gwConn struct {
	n   int
	ws  *websocket.Conn
	wmu sync.Mutex
}

type gwPayload struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
	Seq  *int64          `json:"s"`
	Type *string         `json:"t"`
}

func (g *gateway) init() {
	g.sessions = map[string]*gwSession{}
	g.conns = map[*gwConn]bool{}
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	g := &s.gw
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		http.Error(w, "fake Discord closed", http.StatusServiceUnavailable)
		return
	}
	g.wg.Add(1)
	g.mu.Unlock()
	defer g.wg.Done()

	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade already answered the client
	}
	g.mu.Lock()
	g.nconns++
	c := &gwConn{n: g.nconns, ws: ws}
	g.conns[c] = true
	g.mu.Unlock()
	s.mu.Lock()
	s.liveConnNums[c.n] = true
	s.mu.Unlock()
	defer s.dropConn(c)

	q := r.URL.Query()
	if enc := q.Get("encoding"); enc != "" && enc != "json" {
		s.gatewayViolation(c, fmt.Errorf("gateway encoding %q: the fake speaks json only", enc))
	}
	if v := q.Get("v"); v != "" && v != "9" && v != "10" {
		s.gatewayViolation(c, fmt.Errorf("gateway version %q: Discord serves 9 and 10", v))
	}
	hello, _ := json.Marshal(map[string]any{"heartbeat_interval": s.cfg.heartbeatInterval.Milliseconds()})
	if err := s.send(c, 10, "", 0, hello); err != nil {
		return
	}
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var p gwPayload
		if err := json.Unmarshal(data, &p); err != nil {
			s.gatewayViolation(c, fmt.Errorf("gateway message is not JSON: %v", err))
			s.closeConn(c, 4002, "Error while decoding payload.")
			return
		}
		if !s.handleGatewayOp(c, p) {
			return
		}
	}
}

// handleGatewayOp answers one client message; false ends the connection.
func (s *Server) handleGatewayOp(c *gwConn, p gwPayload) bool {
	g := &s.gw
	if p.Op == 1 {
		g.mu.Lock()
		g.heartbeats++
		drop := g.dropAcks
		g.mu.Unlock()
		if !drop {
			return s.send(c, 11, "", 0, nil) == nil
		}
		return true
	}
	s.recordFrame(Frame{Time: s.now(), Conn: c.n, FromClient: true, Op: p.Op, Data: p.Data})
	switch p.Op {
	case 2:
		return s.identify(c, p.Data)
	case 6:
		return s.resume(c, p.Data)
	case 3, 4, 8: // presence, voice state, request guild members: accepted, nothing to answer
		return true
	default:
		s.gatewayViolation(c, fmt.Errorf("unknown gateway opcode %d", p.Op))
		s.closeConn(c, 4001, "Unknown opcode.")
		return false
	}
}

func (s *Server) tokenOK(token string) bool {
	return strings.TrimPrefix(token, "Bot ") == s.cfg.token
}

func (s *Server) identify(c *gwConn, data json.RawMessage) bool {
	var id struct {
		Token   string           `json:"token"`
		Intents discordgo.Intent `json:"intents"`
	}
	if err := json.Unmarshal(data, &id); err != nil {
		s.closeConn(c, 4002, "Error while decoding payload.")
		return false
	}
	if !s.tokenOK(id.Token) {
		s.gatewayViolation(c, errors.New("IDENTIFY with a token the fake does not accept"))
		s.closeConn(c, 4004, "Authentication failed.")
		return false
	}
	if missing := id.Intents & privilegedIntents &^ s.cfg.privileged; missing != 0 {
		s.closeConn(c, 4014, "Disallowed intent(s).")
		return false
	}
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, sess := range g.sessions {
		if sess.conn == c {
			s.gatewayViolation(c, errors.New("IDENTIFY sent twice on one connection"))
			go s.closeConn(c, 4005, "Already authenticated.")
			return false
		}
	}
	sess := &gwSession{id: randomHex(16), conn: c, intents: id.Intents}
	g.sessions[sess.id] = sess
	g.current = sess
	ready := map[string]any{
		"v":                  10,
		"user":               s.botUserObject(),
		"guilds":             []any{map[string]any{"id": s.cfg.guildID, "unavailable": true}},
		"session_id":         sess.id,
		"resume_gateway_url": s.GatewayURL(),
		"session_type":       "normal",
		"private_channels":   []any{},
		"relationships":      []any{},
		"application":        map[string]any{"id": s.cfg.appID, "flags": 0},
		"shard":              []int{0, 1},
	}
	if err := s.dispatchLocked(sess, "READY", ready); err != nil {
		return false
	}
	return s.dispatchLocked(sess, "GUILD_CREATE", s.guildCreate()) == nil
}

func (s *Server) guildCreate() map[string]any {
	guild := s.guildObject(s.cfg.guildID)
	s.mu.Lock()
	var channels []any
	for _, ch := range s.sortedChannelsLocked(s.cfg.guildID) {
		obj := channelObject(ch)
		delete(obj, "guild_id")
		channels = append(channels, obj)
	}
	s.mu.Unlock()
	guild["unavailable"] = false
	guild["member_count"] = 2
	guild["large"] = false
	guild["joined_at"] = "2026-01-01T00:00:00.000000+00:00"
	guild["channels"] = channels
	guild["threads"] = []any{}
	guild["members"] = []any{}
	guild["voice_states"] = []any{}
	guild["presences"] = []any{}
	guild["stage_instances"] = []any{}
	guild["guild_scheduled_events"] = []any{}
	return guild
}

func (s *Server) resume(c *gwConn, data json.RawMessage) bool {
	var r struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		s.closeConn(c, 4002, "Error while decoding payload.")
		return false
	}
	if !s.tokenOK(r.Token) {
		s.gatewayViolation(c, errors.New("RESUME with a token the fake does not accept"))
		s.closeConn(c, 4004, "Authentication failed.")
		return false
	}
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	sess := g.sessions[r.SessionID]
	if sess == nil || r.Seq > sess.seq || (len(sess.log) > 0 && r.Seq < sess.log[0].seq-1) {
		// Unknown session or replay no longer possible: op 9, not resumable.
		return s.send(c, 9, "", 0, json.RawMessage("false")) == nil
	}
	if old := sess.conn; old != nil && old != c {
		go s.closeConn(old, 4000, "Session resumed elsewhere.")
	}
	sess.conn = c
	for _, ev := range sess.log {
		if ev.seq > r.Seq {
			if err := s.writeRaw(c, ev.raw); err != nil {
				sess.conn = nil
				return false
			}
		}
	}
	return s.dispatchLocked(sess, "RESUMED", map[string]any{}) == nil
}

// dispatchLocked sends an event with the session's next sequence number and
// keeps it for replay; g.mu must be held, which keeps events in order.
func (s *Server) dispatchLocked(sess *gwSession, typ string, data any) error {
	d, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("discordtest: encode %s: %w", typ, err)
	}
	sess.seq++
	raw, _ := json.Marshal(map[string]any{"op": 0, "t": typ, "s": sess.seq, "d": json.RawMessage(d)})
	sess.log = append(sess.log, gwEvent{seq: sess.seq, raw: raw})
	if len(sess.log) > maxReplay {
		sess.log = append([]gwEvent(nil), sess.log[len(sess.log)-maxReplay/2:]...)
	}
	conn := sess.conn
	s.recordFrame(Frame{Time: s.now(), Op: 0, Type: typ, Seq: sess.seq, Data: d, Conn: connNumber(conn)})
	if conn == nil {
		return nil // kept for the client's RESUME
	}
	if err := s.writeRaw(conn, raw); err != nil {
		sess.conn = nil
		go s.closeConn(conn, 4000, "write failed")
	}
	return nil
}

func connNumber(c *gwConn) int {
	if c == nil {
		return 0
	}
	return c.n
}

// send writes a non-dispatch payload and records it (heartbeat ACKs excepted).
func (s *Server) send(c *gwConn, op int, typ string, seq int64, data json.RawMessage) error {
	p := map[string]any{"op": op, "d": data, "s": nil, "t": nil}
	if data == nil {
		p["d"] = nil
	}
	raw, _ := json.Marshal(p)
	if op != 11 {
		s.recordFrame(Frame{Time: s.now(), Conn: c.n, Op: op, Type: typ, Seq: seq, Data: data})
	}
	return s.writeRaw(c, raw)
}

func (s *Server) writeRaw(c *gwConn, raw []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return c.ws.WriteMessage(websocket.TextMessage, raw)
}

func (s *Server) closeConn(c *gwConn, code int, text string) {
	c.wmu.Lock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	c.wmu.Unlock()
	_ = c.ws.Close()
	s.dropConn(c)
}

// dropConn forgets a connection; its session waits for a RESUME.
func (s *Server) dropConn(c *gwConn) {
	g := &s.gw
	g.mu.Lock()
	delete(g.conns, c)
	for _, sess := range g.sessions {
		if sess.conn == c {
			sess.conn = nil
		}
	}
	g.mu.Unlock()
	_ = c.ws.Close()
	s.mu.Lock()
	delete(s.liveConnNums, c.n)
	s.notifyLocked()
	s.mu.Unlock()
}

func (g *gateway) closeAll() {
	g.mu.Lock()
	g.closed = true
	conns := make([]*gwConn, 0, len(g.conns))
	for c := range g.conns {
		conns = append(conns, c)
	}
	g.mu.Unlock()
	for _, c := range conns {
		c.wmu.Lock()
		_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseGoingAway, "fake Discord closing"), time.Now().Add(time.Second))
		c.wmu.Unlock()
		_ = c.ws.Close()
	}
	g.wg.Wait()
}

func (s *Server) recordFrame(f Frame) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.frames = append(s.frames, f)
	s.notifyLocked()
}

func (s *Server) gatewayViolation(c *gwConn, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.violations = append(s.violations, Violation{
		Request: Request{Time: s.now(), Method: "GATEWAY", Path: fmt.Sprintf("/ws (connection %d)", c.n)},
		Err:     err,
	})
	s.notifyLocked()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
