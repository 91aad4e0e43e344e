package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/search"
)

// waitWriter is stderr for a command run in the background: it closes
// said when the command says it is waiting.
type waitWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	said chan struct{}
	once sync.Once
}

func (w *waitWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), "Waiting for another coveragebot run") {
		w.once.Do(func() { close(w.said) })
	}
	return len(p), nil
}

func (w *waitWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestAskWaitsForAnotherRun: ask started while another run has the index
// open (building it, say) says once that it waits, and answers when the
// other run is done, instead of failing.
func TestAskWaitsForAnotherRun(t *testing.T) {
	index := filepath.Join(t.TempDir(), "index")
	other, err := search.Open(context.Background(), index)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	getenv, stdout, _ := testEnv(map[string]string{envIndex: index})
	stderr := &waitWriter{said: make(chan struct{})}
	done := make(chan error, 1)
	go func() { done <- run(t.Context(), []string{"ask", sampleQuestion}, getenv, nil, stdout, stderr) }()
	select {
	case <-stderr.said:
	case err := <-done:
		t.Fatalf("ask ended without waiting: %v\nstderr: %s", err, stderr)
	}
	other.Close()
	if err := <-done; err != nil {
		t.Fatalf("ask after the other run: %v\nstderr: %s", err, stderr)
	}
	if n := strings.Count(stderr.String(), "Waiting for another coveragebot run"); n != 1 {
		t.Errorf("said it waits %d times, want once:\n%s", n, stderr)
	}
	if !strings.Contains(stdout.String(), "Calloway") {
		t.Errorf("ask answered:\n%s", stdout)
	}
}

// TestAskBesideARunningBot: ask started while a bot (run, serve-http) has
// the index fails at once, saying what to do, instead of waiting minutes
// for an index the bot never lets go.
func TestAskBesideARunningBot(t *testing.T) {
	index := filepath.Join(t.TempDir(), "index")
	bot, err := search.OpenWith(context.Background(), index, search.OpenOptions{Holder: "coveragebot run"})
	if err != nil {
		t.Fatal(err)
	}
	defer bot.Close()
	getenv, stdout, stderr := testEnv(map[string]string{envIndex: index})
	// Bounded: without the bot's record ask would wait its two minutes.
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	err = run(ctx, []string{"ask", sampleQuestion}, getenv, nil, stdout, stderr)
	if err == nil || !strings.Contains(err.Error(), "a running bot holds it (coveragebot run, pid") ||
		!strings.Contains(err.Error(), "ask through Discord, stop the bot, or pass --index DIR") {
		t.Errorf("ask beside a running bot: %v, want it to fail at once saying what to do", err)
	}
	if strings.Contains(stderr.String(), "Waiting for another coveragebot run") {
		t.Errorf("ask waited for a running bot:\n%s", stderr)
	}
}
