package discordtest

import (
	"context"
	"encoding/json"

	"github.com/bwmarrin/discordgo"
)

// Dispatch sends a gateway event (op 0) such as "INTERACTION_CREATE" to the
// session identified last. While that client is disconnected the event is
// kept and replayed when it resumes, as Discord does.
func (s *Server) Dispatch(eventType string, data any) error {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.current == nil {
		return ErrNoSession
	}
	return s.dispatchLocked(g.current, eventType, data)
}

// Intents returns the intents the current session identified with.
func (s *Server) Intents() discordgo.Intent {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.current == nil {
		return 0
	}
	return g.current.intents
}

// WaitReady waits until a client has identified (or resumed) and holds a
// live gateway connection.
func (s *Server) WaitReady(ctx context.Context) error {
	return s.waitUntil(ctx, "a ready gateway session", func() bool {
		for i := len(s.frames) - 1; i >= 0; i-- {
			f := s.frames[i]
			if !f.FromClient && (f.Type == "READY" || f.Type == "RESUMED") {
				return s.liveConnNums[f.Conn]
			}
		}
		return false
	})
}

// Frames returns the gateway messages so far, both directions, in order.
func (s *Server) Frames() []Frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Frame(nil), s.frames...)
}

// WaitForFrame returns the first gateway message, before or after the call, that matches.
func (s *Server) WaitForFrame(ctx context.Context, match func(Frame) bool) (Frame, error) {
	var got Frame
	err := s.waitUntil(ctx, "a matching gateway frame", func() bool {
		for _, f := range s.frames {
			if match(f) {
				got = f
				return true
			}
		}
		return false
	})
	return got, err
}

// Heartbeats returns how many heartbeats clients have sent.
func (s *Server) Heartbeats() int {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	return s.gw.heartbeats
}

// DropHeartbeatAcks stops (true) or resumes (false) answering heartbeats;
// discordgo reconnects after five heartbeat intervals without an ACK.
func (s *Server) DropHeartbeatAcks(drop bool) {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	s.gw.dropAcks = drop
}

// DisconnectGateway closes every live gateway connection with a close code
// (4000 "Unknown error" when code is 0). Sessions stay resumable: events
// dispatched meanwhile are replayed when the client resumes.
func (s *Server) DisconnectGateway(code int) {
	if code == 0 {
		code = 4000
	}
	for _, c := range s.liveConns() {
		s.closeConn(c, code, "Disconnected by the test.")
	}
}

// RequestReconnect sends op 7 (Reconnect) on every live connection.
func (s *Server) RequestReconnect() {
	for _, c := range s.liveConns() {
		_ = s.send(c, 7, "", 0, nil)
	}
}

// InvalidateSession sends op 9 (Invalid Session) on every live connection;
// discordgo answers with a new IDENTIFY.
func (s *Server) InvalidateSession() {
	for _, c := range s.liveConns() {
		_ = s.send(c, 9, "", 0, json.RawMessage("false"))
	}
}

func (s *Server) liveConns() []*gwConn {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]*gwConn, 0, len(g.conns))
	for c := range g.conns {
		out = append(out, c)
	}
	return out
}
