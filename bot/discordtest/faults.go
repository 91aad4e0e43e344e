package discordtest

import (
	"net/http"
	"strconv"
	"time"
)

// Fault makes the fake answer requests with an error instead of serving
// them, the way Discord does under load or during an outage.
type Fault struct {
	// Route limits the fault to one of the Route constants; "" means every route.
	Route string
	// Status is the HTTP status: 429 (rate limited), or a 5xx. discordgo
	// retries 429 (after retry_after) and 502; other statuses reach the caller.
	Status int
	// Count is how many requests fail; 0 means every request until Until.
	Count int
	// Until ends a fault with Count 0; zero means until the fault is removed.
	Until time.Time
	// RetryAfter is the 429's retry_after (default 50ms).
	RetryAfter time.Duration
	// Global makes a 429 a global rate limit (X-RateLimit-Global, "global": true).
	Global bool
	// Lost serves the request as usual and then answers Status instead of
	// its result: Discord applied it (a message was posted) but the caller
	// never learns, as when a 5xx or a dropped connection follows the
	// write. Only a request Discord would have accepted is applied.
	Lost bool
}

type fault struct {
	Fault
	left int
}

// InjectFault adds a fault and returns a function that removes it. Faults
// apply in the order they were added, after authentication and before the
// route's own handling.
func (s *Server) InjectFault(f Fault) (remove func()) {
	if f.Status == 0 {
		f.Status = http.StatusTooManyRequests
	}
	if f.Status == http.StatusTooManyRequests && f.RetryAfter <= 0 {
		f.RetryAfter = 50 * time.Millisecond
	}
	ft := &fault{Fault: f, left: f.Count}
	s.mu.Lock()
	s.faults = append(s.faults, ft)
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		for i, x := range s.faults {
			if x == ft {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
				return
			}
		}
	}
}

// RateLimitNext makes the next n requests on route answer 429 with retry_after.
func (s *Server) RateLimitNext(route string, n int, retryAfter time.Duration) {
	s.InjectFault(Fault{Route: route, Status: http.StatusTooManyRequests, Count: n, RetryAfter: retryAfter})
}

// FailNext makes the next n requests on route answer status (e.g. 500, 502, 503).
func (s *Server) FailNext(route string, n int, status int) {
	s.InjectFault(Fault{Route: route, Status: status, Count: n})
}

// FailFor makes every request on route ("" for all) answer status for d.
func (s *Server) FailFor(route string, status int, d time.Duration) {
	s.InjectFault(Fault{Route: route, Status: status, Until: time.Now().Add(d)})
}

// SetChannelStatus makes every request about a channel fail as Discord does
// when the bot lost access: 403 (Missing Access) or 404 (Unknown Channel).
// Status 0 restores the channel.
func (s *Server) SetChannelStatus(channelID string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if status == 0 {
		delete(s.channelFault, channelID)
		return
	}
	s.channelFault[channelID] = status
}

// injectedFault returns the answer of the first fault that applies to a
// request, and whether the request is still to be applied (Lost).
func (s *Server) injectedFault(routeName string, c *call) (rep reply, lost, faulted bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch := c.params["channel_id"]; ch != "" {
		switch s.channelFault[ch] {
		case 0:
		case http.StatusForbidden:
			return apiError(http.StatusForbidden, 50001, "Missing Access"), false, true
		case http.StatusNotFound:
			return apiError(http.StatusNotFound, 10003, "Unknown Channel"), false, true
		default:
			return apiError(s.channelFault[ch], 0, http.StatusText(s.channelFault[ch])), false, true
		}
	}
	now := time.Now()
	for i := 0; i < len(s.faults); i++ {
		f := s.faults[i]
		if f.Route != "" && f.Route != routeName {
			continue
		}
		if f.Count == 0 && !f.Until.IsZero() && now.After(f.Until) {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			i--
			continue
		}
		if f.Count > 0 {
			f.left--
			if f.left <= 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
		}
		return faultReply(f.Fault, routeName), f.Lost, true
	}
	return reply{}, false, false
}

func faultReply(f Fault, routeName string) reply {
	if f.Status != http.StatusTooManyRequests {
		return apiError(f.Status, 0, strconv.Itoa(f.Status)+": "+http.StatusText(f.Status))
	}
	secs := strconv.FormatFloat(f.RetryAfter.Seconds(), 'f', 3, 64)
	h := http.Header{}
	h.Set("Retry-After", strconv.Itoa(int(f.RetryAfter.Seconds()+0.999)))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset-After", secs)
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(time.Now().Add(f.RetryAfter).UnixMilli())/1000, 'f', 3, 64))
	h.Set("X-RateLimit-Bucket", bucketOf(routeName))
	scope := "user"
	if f.Global {
		h.Set("X-RateLimit-Global", "true")
		scope = "global"
	}
	h.Set("X-RateLimit-Scope", scope)
	return reply{status: http.StatusTooManyRequests, header: h, body: map[string]any{
		"message":     "You are being rate limited.",
		"retry_after": f.RetryAfter.Seconds(),
		"global":      f.Global,
	}}
}
