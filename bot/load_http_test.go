package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
)

// TestHTTPEndpointLoadWithFaults: the interactions endpoint under bursts of
// signed /ask while Discord answers the follow-up edits with 503s, 429s
// and 500s for a while (the gateway's load test sends 1,000; the REST
// path after the first response is the same code). Every interaction gets exactly one acknowledgement (the HTTP
// response) and exactly one edit once Discord recovers.
func TestHTTPEndpointLoadWithFaults(t *testing.T) {
	const bursts, size = 3, 40
	srv := newFakeDiscord(t)
	b := newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Cooldown = 0 })
	ep := newSignedEndpoint(t, srv, b)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	client := &http.Client{Timeout: 30 * time.Second}

	faults := []func(){
		func() { srv.FailNext(discordtest.RouteOriginalEdit, 30, http.StatusServiceUnavailable) },
		func() { srv.RateLimitNext(discordtest.RouteOriginalEdit, 20, 150*time.Millisecond) },
		func() { srv.FailNext(discordtest.RouteOriginalEdit, 30, http.StatusInternalServerError) },
	}
	var all []*discordtest.Interaction
	start := time.Now()
	base := sampleHeap()
	for burst := range bursts {
		faults[burst]()
		var wg sync.WaitGroup
		for i := range size {
			ix := srv.NewCommand("ask", discordtest.StringOption("question", "What did the mayor say about the bridge?"))
			ix.User = discordtest.User{ID: fmt.Sprintf("15%017d", burst*size+i), Username: "reader"}
			all = append(all, ix)
			body := srv.InteractionJSON(ix)
			wg.Add(1)
			go func() {
				defer wg.Done()
				status, resp, err := postSigned(ctx, client, ep, body)
				if err != nil || status != http.StatusOK {
					t.Errorf("interaction %s: %d %s %v", ix.ID, status, resp, err)
					return
				}
				ep.relay.deliver(t, body, resp)
			}()
		}
		wg.Wait()
	}
	for _, ix := range all {
		if _, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix.ID, ix.Token), discordtest.Succeeded)); err != nil {
			t.Fatalf("interaction %s never answered: %v", ix.ID, err)
		}
	}
	ep.h.Wait()
	elapsed := time.Since(start)
	for _, ix := range all {
		rec, _ := srv.Interaction(ix.ID)
		if rec.Callbacks != 1 || rec.Edits != 1 || rec.Followups != 0 {
			t.Errorf("interaction %s: %d callbacks, %d edits, %d follow-ups; want exactly one answer", ix.ID, rec.Callbacks, rec.Edits, rec.Followups)
		}
	}
	statuses := map[int]int{}
	for _, r := range srv.RequestsMatching(discordtest.OnRoute(discordtest.RouteOriginalEdit)) {
		statuses[r.Status]++
	}
	after := sampleHeap()
	t.Logf("%d signed interactions in %d bursts answered in %v; edits by status %v; goroutines %d before, %d after",
		len(all), bursts, elapsed.Round(time.Millisecond), statuses, base.goroutines, after.goroutines)
	for _, want := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests, http.StatusInternalServerError} {
		if statuses[want] == 0 {
			t.Errorf("the fake never answered an edit with %d", want)
		}
	}
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}

// postSigned signs body as Discord does and posts it to the endpoint.
func postSigned(ctx context.Context, client *http.Client, ep *signedEndpoint, body []byte) (int, []byte, error) {
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(ep.priv, append([]byte(stamp), body...))
	req, err := http.NewRequestWithContext(ctx, "POST", ep.url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", stamp)
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, out, err
}
