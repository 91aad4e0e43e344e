package feedtest

import (
	"testing"

	"github.com/coveragebot/coveragebot/corpus/feed"
)

func TestMemStore(t *testing.T) {
	TestStore(t, func(*testing.T) feed.Store { return &feed.MemStore{} }, nil)
}
