package discordtest

import (
	"context"
	"encoding/json"
	"fmt"

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

// WaitForFrame returns the first gateway message, before or after the call,
// that matches. match runs without the fake's lock held.
func (s *Server) WaitForFrame(ctx context.Context, match func(Frame) bool) (Frame, error) {
	seen := 0
	for {
		s.mu.Lock()
		fresh := append([]Frame(nil), s.frames[seen:]...)
		changed := s.changed
		s.mu.Unlock()
		seen += len(fresh)
		for _, f := range fresh {
			if match(f) {
				return f, nil
			}
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return Frame{}, fmt.Errorf("discordtest: waiting for a matching gateway frame after %d frames: %w", seen, ctx.Err())
		}
	}
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

// InvalidateSession sends op 9 (Invalid Session, not resumable) on every
// live connection and forgets those sessions; discordgo answers with a new
// IDENTIFY on the same connection.
func (s *Server) InvalidateSession() {
	g := &s.gw
	g.mu.Lock()
	var conns []*gwConn
	for id, sess := range g.sessions {
		if sess.conn != nil {
			conns = append(conns, sess.conn)
			delete(g.sessions, id)
			if g.current == sess {
				g.current = nil
			}
		}
	}
	g.mu.Unlock()
	for _, c := range conns {
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
