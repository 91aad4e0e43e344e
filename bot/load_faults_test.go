package bot

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// The load test of issue 6: 1,000 /ask interactions in bursts through the
// real gateway transport while the fake Discord drops the gateway and
// answers REST calls with 429 (retry_after) and 5xx for a while. Once it
// recovers, every interaction must have exactly one acknowledgement and one
// answer, none lost and none sent twice, and the bot must not keep
// goroutines or memory per interaction. Figures are logged, not asserted.
const (
	loadBursts    = 10
	loadBurstSize = 100
)

// loadFault is what goes wrong during one burst; half is called when half
// of the burst has been dispatched. Faults are counted in requests, not
// seconds, so a slow machine meets them as surely as a fast one.
type loadFault struct {
	name       string
	before     func(srv *discordtest.Server)
	half       func(srv *discordtest.Server)
	wantStatus int // a status the fake must have answered during the burst
}

func loadFaults() map[int]loadFault {
	return map[int]loadFault{
		1: {name: "429 on acknowledgements", wantStatus: http.StatusTooManyRequests,
			before: func(srv *discordtest.Server) {
				srv.RateLimitNext(discordtest.RouteInteractionCallback, 30, 100*time.Millisecond)
			}},
		2: {name: "gateway dropped mid-burst",
			half: func(srv *discordtest.Server) { srv.DisconnectGateway(0) }},
		3: {name: "503 on the next 60 edits (retries included)", wantStatus: http.StatusServiceUnavailable,
			before: func(srv *discordtest.Server) {
				srv.FailNext(discordtest.RouteOriginalEdit, 60, http.StatusServiceUnavailable)
			}},
		4: {name: "global 429 on edits", wantStatus: http.StatusTooManyRequests,
			before: func(srv *discordtest.Server) {
				srv.InjectFault(discordtest.Fault{Route: discordtest.RouteOriginalEdit, Status: http.StatusTooManyRequests,
					Count: 20, RetryAfter: 250 * time.Millisecond, Global: true})
			}},
		5: {name: "502 on acknowledgements, gateway dropped", wantStatus: http.StatusBadGateway,
			before: func(srv *discordtest.Server) {
				srv.FailNext(discordtest.RouteInteractionCallback, 20, http.StatusBadGateway)
			},
			half: func(srv *discordtest.Server) { srv.DisconnectGateway(4000) }},
		6: {name: "500 on the next 40 acknowledgements and 40 edits", wantStatus: http.StatusInternalServerError,
			before: func(srv *discordtest.Server) {
				srv.FailNext(discordtest.RouteInteractionCallback, 40, http.StatusInternalServerError)
				srv.FailNext(discordtest.RouteOriginalEdit, 40, http.StatusInternalServerError)
			}},
		7: {name: "gateway dropped twice",
			before: func(srv *discordtest.Server) { srv.DisconnectGateway(0) },
			half:   func(srv *discordtest.Server) { srv.DisconnectGateway(0) }},
	}
}

type heapSample struct {
	heap       uint64
	goroutines int
}

func sampleHeap() heapSample {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return heapSample{heap: ms.HeapAlloc, goroutines: runtime.NumGoroutine()}
}

func TestGatewayLoadWithFaults(t *testing.T) {
	srv := newFakeDiscord(t)
	b := newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Cooldown = 0 }) // the real cooldown: every user asks once
	stop := startGateway(t, srv, b)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	faults := loadFaults()
	base := sampleHeap()
	samples := make([]heapSample, 0, loadBursts)
	var all []*discordtest.Interaction
	start := time.Now()
	for burst := range loadBursts {
		f := faults[burst]
		if f.before != nil {
			f.before(srv)
		}
		before := len(srv.Requests())
		ixs := make([]*discordtest.Interaction, loadBurstSize)
		var wg sync.WaitGroup
		for i := range ixs {
			ix := srv.NewCommand("ask", discordtest.StringOption("question", fmt.Sprintf("What did the mayor say about the bridge? (%d)", len(all)+i)))
			ix.User = discordtest.User{ID: fmt.Sprintf("13%017d", len(all)+i), Username: fmt.Sprint("reader", len(all)+i)}
			ixs[i] = ix
			if i == loadBurstSize/2 && f.half != nil {
				wg.Wait()
				f.half(srv)
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := srv.DispatchInteraction(ix); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		all = append(all, ixs...)
		// The burst is over once every one of its interactions is answered.
		for _, ix := range ixs {
			if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token), discordtest.Succeeded)); err != nil {
				t.Fatalf("burst %d (%s): interaction %s never answered: %v", burst, f.name, ix.ID, err)
			}
		}
		if f.wantStatus != 0 && !slices.ContainsFunc(srv.Requests()[before:], func(r discordtest.Request) bool { return r.Status == f.wantStatus }) {
			t.Errorf("burst %d (%s): the fake never answered %d", burst, f.name, f.wantStatus)
		}
		samples = append(samples, sampleHeap())
	}
	elapsed := time.Since(start)

	// Exactly one acknowledgement and one answer per interaction.
	edits := map[string]int{}
	for _, r := range srv.RequestsMatching(discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.Succeeded)) {
		edits[r.Param("interaction_token")]++
	}
	var latencies []time.Duration
	for _, ix := range all {
		rec, ok := srv.Interaction(ix.ID)
		switch {
		case !ok || !rec.Acknowledged:
			t.Errorf("interaction %s was never acknowledged", ix.ID)
		case rec.Callbacks != 1 || rec.Edits != 1 || rec.Followups != 0 || edits[ix.Token] != 1:
			t.Errorf("interaction %s: %d callbacks, %d edits (%d requests), %d follow-ups; want exactly one answer",
				ix.ID, rec.Callbacks, rec.Edits, edits[ix.Token], rec.Followups)
		}
		latencies = append(latencies, rec.AckLatency)
	}
	if len(edits) != len(all) {
		t.Errorf("answers for %d interactions, %d were sent", len(edits), len(all))
	}
	stop()
	checkAllMessages(t, srv)
	srv.AssertClean(t)

	// Figures. The fake keeps every request it saw, so the heap grows with
	// what it recorded; the bot's own share is the heap less that.
	recorded := func() uint64 {
		var n uint64
		for _, r := range srv.Requests() {
			n += uint64(len(r.Body))
		}
		return n
	}()
	after := sampleHeap()
	slices.Sort(latencies)
	statuses := map[int]int{}
	for _, r := range srv.Requests() {
		statuses[r.Status]++
	}
	t.Logf("%d interactions in %d bursts with faults answered in %v (%.0f/s); acknowledgement latency p50 %v, p99 %v, max %v",
		len(all), loadBursts, elapsed.Round(time.Millisecond), float64(len(all))/elapsed.Seconds(),
		latencies[len(latencies)/2].Round(time.Millisecond), latencies[len(latencies)*99/100].Round(time.Millisecond), latencies[len(latencies)-1].Round(time.Millisecond))
	t.Logf("requests the fake answered, by status: %v; gateway connections: %d", statuses, countConnections(srv))
	var lines []string
	for i, s := range samples {
		lines = append(lines, fmt.Sprintf("%d:%.1fMB/%dg", i+1, float64(s.heap)/(1<<20), s.goroutines))
	}
	t.Logf("heap/goroutines after each burst: %s (before: %.1fMB/%dg; after shutdown %.1fMB/%dg; the fake holds %.1fMB of request bodies)",
		strings.Join(lines, " "), float64(base.heap)/(1<<20), base.goroutines, float64(after.heap)/(1<<20), after.goroutines, float64(recorded)/(1<<20))

	// Nothing per interaction outlives its answer: the goroutines after the
	// last burst are those after the first, give or take the connections
	// discordgo and the fake keep.
	if first, last := samples[0].goroutines, samples[len(samples)-1].goroutines; last > first+20 {
		t.Errorf("goroutines grew from %d after the first burst to %d after the last: something leaks per interaction", first, last)
	}
}

// countConnections counts the gateway connections the bot opened (the
// first plus one per reconnect).
func countConnections(srv *discordtest.Server) int {
	seen := map[int]bool{}
	for _, f := range srv.Frames() {
		if f.Conn != 0 {
			seen[f.Conn] = true
		}
	}
	return len(seen)
}
