package main

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestEndpointTimeoutsSet: the real endpoint cuts off slow clients within
// seconds; none of its limits is left at "never".
func TestEndpointTimeoutsSet(t *testing.T) {
	srv := newHTTPServer(http.NotFoundHandler(), endpointTimeouts)
	for name, d := range map[string]time.Duration{
		"ReadHeaderTimeout": srv.ReadHeaderTimeout, "ReadTimeout": srv.ReadTimeout,
		"WriteTimeout": srv.WriteTimeout, "IdleTimeout": srv.IdleTimeout,
	} {
		if d <= 0 || d > time.Minute {
			t.Errorf("%s = %v: want a few seconds", name, d)
		}
	}
	if srv.ReadHeaderTimeout > 10*time.Second {
		t.Errorf("ReadHeaderTimeout %v: Discord waits 3 s for an answer, a slow client need not be kept longer", srv.ReadHeaderTimeout)
	}
	if srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > 64<<10 {
		t.Errorf("MaxHeaderBytes = %d", srv.MaxHeaderBytes)
	}
}

// TestEndpointCutsOffSlowClients: a client that dribbles its headers
// (slowloris) or its body is disconnected by the server, with the
// endpoint's timeouts scaled down so the test is quick.
func TestEndpointCutsOffSlowClients(t *testing.T) {
	quick := serverTimeouts{readHeader: 200 * time.Millisecond, read: 400 * time.Millisecond, write: time.Second, idle: time.Second}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			return
		}
		w.Write([]byte("ok"))
	})
	srv := newHTTPServer(handler, quick)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	tests := []struct {
		name  string
		start string // sent at once
		drip  string // then one byte every 50 ms
	}{
		{"slow headers", "POST / HTTP/1.1\r\nHost: x\r\n", strings.Repeat("X-Pad: y\r\n", 20)},
		{"slow body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n", strings.Repeat("x", 1000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := conn.Write([]byte(tt.start)); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			cut := false
			for i := 0; i < len(tt.drip) && !cut; i++ {
				time.Sleep(50 * time.Millisecond)
				if _, err := conn.Write([]byte{tt.drip[i]}); err != nil {
					cut = true
				}
				if time.Since(start) > 10*time.Second {
					break
				}
			}
			if !cut {
				// The server may answer 408 or just close; either way the
				// connection ends without our request being served.
				conn.SetReadDeadline(time.Now().Add(5 * time.Second))
				resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
				var ne net.Error
				switch {
				case err == nil && resp.StatusCode == http.StatusOK:
					t.Fatal("a slow client was served in full")
				case errors.As(err, &ne) && ne.Timeout():
					t.Fatal("the server kept the slow connection open")
				}
			}
			t.Logf("cut off after %v", time.Since(start).Round(10*time.Millisecond))
		})
	}
}

// TestEndpointLimitsConnections: however many clients connect, the
// endpoint holds at most its limit of connections open; the others wait
// to be accepted and are served as connections close.
func TestEndpointLimitsConnections(t *testing.T) {
	const limit, clients = 4, 10
	ln, err := listenEndpoint("127.0.0.1:0", limit)
	if err != nil {
		t.Fatal(err)
	}
	entered := make(chan struct{}, clients)
	release := make(chan struct{})
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
		w.Write([]byte("ok"))
	})
	srv := newHTTPServer(handler, endpointTimeouts)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	done := make(chan error, clients)
	for range clients {
		go func() {
			c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			resp, err := c.Post("http://"+ln.Addr().String()+"/", "application/json", strings.NewReader("{}"))
			if err == nil {
				_, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			done <- err
		}()
	}
	for range limit {
		<-entered
	}
	// Every client is connected or waiting by now; none past the limit
	// may reach the handler while the first ones hold their connections.
	select {
	case <-entered:
		t.Errorf("more than %d connections were served at once", limit)
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	for range clients {
		if err := <-done; err != nil {
			t.Errorf("client: %v", err)
		}
	}
}
