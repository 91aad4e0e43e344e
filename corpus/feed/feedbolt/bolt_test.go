package feedbolt

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/coveragebot/coveragebot/corpus/feed"
	"github.com/coveragebot/coveragebot/corpus/feed/feedtest"
)

func mustOpen(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestContract(t *testing.T) {
	feedtest.TestStore(t,
		func(t *testing.T) feed.Store { return mustOpen(t, filepath.Join(t.TempDir(), File)) },
		func(t *testing.T, s feed.Store) feed.Store {
			bs := s.(*Store)
			path := bs.db.Path()
			if err := bs.Close(); err != nil {
				t.Fatal(err)
			}
			return mustOpen(t, path)
		})
}

func TestOpenInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), File)
	mustOpen(t, path)
	if _, err := Open(path); !errors.Is(err, ErrInUse) {
		t.Fatalf("second Open: err = %v, want %v", err, ErrInUse)
	}
}
