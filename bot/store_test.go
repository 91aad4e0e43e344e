package bot

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func mustOpenStore(tb testing.TB, path string) *Store {
	tb.Helper()
	s, err := OpenStore(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestStoreSubscriptionsSurviveReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), StoreFile)
	s, err := OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	subs := []Subscription{
		{GuildID: "g1", ChannelID: "c1", Hour: 8, Timezone: "Europe/Paris", NoNews: NoNewsNote},
		{GuildID: "g1", ChannelID: "c2", Hour: 18, Minute: 30, Timezone: "UTC", NoNews: NoNewsSilent},
		{GuildID: "g2", ChannelID: "c3", Hour: 7, Timezone: "Asia/Kolkata", NoNews: NoNewsNote},
	}
	for _, sub := range subs {
		if err := s.Subscribe(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetQAChannel(ctx, "g1", "qa"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = mustOpenStore(t, path)
	got, err := s.Subscriptions(ctx, "g1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != subs[0] || got[1] != subs[1] {
		t.Errorf("g1 subscriptions = %+v, want %+v", got, subs[:2])
	}
	all, _ := s.Subscriptions(ctx, "")
	if len(all) != 3 {
		t.Errorf("all subscriptions = %d, want 3", len(all))
	}
	if ch, _ := s.QAChannel(ctx, "g1"); ch != "qa" {
		t.Errorf("qa channel = %q, want qa", ch)
	}
	if anyQA, _ := s.AnyQAChannel(ctx); !anyQA {
		t.Error("AnyQAChannel = false, want true")
	}
	found, err := s.Unsubscribe(ctx, "g1", "c1")
	if err != nil || !found {
		t.Fatalf("unsubscribe = %v, %v", found, err)
	}
	if found, _ := s.Unsubscribe(ctx, "g1", "c1"); found {
		t.Error("second unsubscribe found a subscription")
	}
	if _, ok, _ := s.Subscription(ctx, "g1", "c1"); ok {
		t.Error("subscription still there after unsubscribe")
	}
	if err := s.SetQAChannel(ctx, "g1", ""); err != nil {
		t.Fatal(err)
	}
	if anyQA, _ := s.AnyQAChannel(ctx); anyQA {
		t.Error("AnyQAChannel = true after clearing")
	}
}

// TestStoreSubscribeKeepsCreated: changing a subscription keeps when the
// channel subscribed (the next digest continues from the last one), while
// one made after an unsubscribe is new; subscriptions written before
// Changed existed still load, their Created standing for the last change.
func TestStoreSubscribeKeepsCreated(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC)
	t1 := t0.Add(50 * time.Hour)
	earlier := Subscription{GuildID: "g", ChannelID: "c", Hour: 8, Timezone: "UTC", NoNews: NoNewsNote, Created: t0, CreatedBy: "alice"}
	// As the version before Changed wrote it.
	const previousVersion = `{"guild_id":"g","channel_id":"c","hour":8,"minute":0,"timezone":"UTC","no_news":"note","created":"2026-05-01T07:00:00Z","created_by":"alice"}`
	tests := []struct {
		name        string
		before      func(t *testing.T, s *Store)
		wantCreated time.Time
		wantBy      string
	}{
		{"new", func(*testing.T, *Store) {}, t1, "bob"},
		{"changed", func(t *testing.T, s *Store) {
			if err := s.Subscribe(ctx, earlier); err != nil {
				t.Fatal(err)
			}
		}, t0, "alice"},
		{"subscribed again after unsubscribing", func(t *testing.T, s *Store) {
			if err := s.Subscribe(ctx, earlier); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Unsubscribe(ctx, "g", "c"); err != nil {
				t.Fatal(err)
			}
		}, t1, "bob"},
		{"changed, written by the previous version", func(t *testing.T, s *Store) {
			err := s.db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket(bucketSubscriptions).Put([]byte(earlier.Key()), []byte(previousVersion))
			})
			if err != nil {
				t.Fatal(err)
			}
			got, ok, err := s.Subscription(ctx, "g", "c")
			if err != nil || !ok {
				t.Fatalf("previous version's subscription = %v, %v", ok, err)
			}
			if got != earlier || !got.LastChange().Equal(t0) {
				t.Errorf("previous version's subscription = %+v (last change %v), want %+v (last change %v)", got, got.LastChange(), earlier, t0)
			}
		}, t0, "alice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustOpenStore(t, filepath.Join(t.TempDir(), StoreFile))
			tt.before(t, s)
			change := Subscription{GuildID: "g", ChannelID: "c", Hour: 20, Timezone: "UTC", NoNews: NoNewsSilent, Created: t1, CreatedBy: "bob"}
			if err := s.Subscribe(ctx, change); err != nil {
				t.Fatal(err)
			}
			got, ok, err := s.Subscription(ctx, "g", "c")
			if err != nil || !ok {
				t.Fatalf("subscription = %v, %v", ok, err)
			}
			if !got.Created.Equal(tt.wantCreated) || got.CreatedBy != tt.wantBy {
				t.Errorf("created %v by %q, want %v by %q", got.Created, got.CreatedBy, tt.wantCreated, tt.wantBy)
			}
			if !got.LastChange().Equal(t1) || got.Hour != 20 || got.NoNews != NoNewsSilent {
				t.Errorf("subscription = %+v (last change %v), want the change made at %v", got, got.LastChange(), t1)
			}
		})
	}
}

func TestStoreLedger(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t, filepath.Join(t.TempDir(), StoreFile))
	day := func(d string, state PostState, until time.Time) DigestPost {
		slot, _ := time.Parse(time.DateOnly, d)
		return DigestPost{GuildID: "g", ChannelID: "c", Day: d, Slot: slot, State: state, Until: until}
	}
	t1 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	for _, p := range []DigestPost{day("2026-03-01", PostSent, t1), day("2026-03-02", PostIntent, t1.Add(24*time.Hour)), day("2025-01-01", PostSent, t1.AddDate(-1, 0, 0))} {
		if err := s.PutPost(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	last, ok, err := s.LastSent(ctx, "g", "c")
	if err != nil || !ok || last.Day != "2026-03-01" {
		t.Errorf("last sent = %+v %v %v, want 2026-03-01", last, ok, err)
	}
	if err := s.PruneLedger(ctx, t1.AddDate(0, 0, 5)); err != nil {
		t.Fatal(err)
	}
	posts, _ := s.Posts(ctx, "g", "c")
	if len(posts) != 1 || posts[0].Day != "2026-03-01" {
		t.Errorf("after pruning: %+v, want only the latest sent entry", posts)
	}
}

func TestStoreInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), StoreFile)
	mustOpenStore(t, path)
	_, err := OpenStore(path)
	if !errors.Is(err, ErrStoreInUse) {
		t.Errorf("second open: %v, want ErrStoreInUse", err)
	}
}

// TestStoreSurvivesSIGKILL really kills a process writing subscriptions:
// the store must open afterwards and hold every subscription the process
// reported as saved.
func TestStoreSurvivesSIGKILL(t *testing.T) {
	if path := os.Getenv("COVERAGEBOT_STORE_WRITER"); path != "" {
		storeWriter(path)
		return
	}
	path := filepath.Join(t.TempDir(), StoreFile)
	cmd := exec.Command(os.Args[0], "-test.run=^TestStoreSurvivesSIGKILL$")
	cmd.Env = append(os.Environ(), "COVERAGEBOT_STORE_WRITER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	saved := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		n, err := strconv.Atoi(sc.Text())
		if err != nil {
			continue
		}
		saved = n
		if saved >= 40 {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if saved < 40 {
		t.Fatalf("writer saved only %d subscriptions before exiting", saved)
	}

	s := mustOpenStore(t, path)
	subs, err := s.Subscriptions(context.Background(), "g")
	if err != nil {
		t.Fatal(err)
	}
	have := make(map[string]bool)
	for _, sub := range subs {
		have[sub.ChannelID] = true
	}
	for i := 1; i <= saved; i++ {
		if !have[fmt.Sprint("c", i)] {
			t.Errorf("subscription %d was reported saved but is gone after SIGKILL", i)
		}
	}
}

// storeWriter saves subscriptions forever, printing each count once it is
// committed, until it is killed.
func storeWriter(path string) {
	s, err := OpenStore(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for i := 1; ; i++ {
		sub := Subscription{GuildID: "g", ChannelID: fmt.Sprint("c", i), Hour: 8, Timezone: "UTC", NoNews: NoNewsNote}
		if err := s.Subscribe(context.Background(), sub); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Println(i)
	}
}
