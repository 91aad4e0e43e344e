package discordtest

import (
	"strconv"
	"sync"
	"time"
)

// discordEpoch is the first millisecond of 2015, where Discord ids start.
const discordEpoch = 1420070400000

// snowflakes hands out ids shaped like Discord's: a millisecond timestamp
// in the high bits and an increment below, so ids sort by creation time.
type snowflakes struct {
	mu   sync.Mutex
	last uint64
}

func (g *snowflakes) next() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	id := uint64(time.Now().UnixMilli()-discordEpoch) << 22
	if id <= g.last {
		id = g.last + 1
	}
	g.last = id
	return strconv.FormatUint(id, 10)
}

// snowflakeLess orders ids numerically; ids that are not numbers sort as text.
func snowflakeLess(a, b string) bool {
	x, errA := strconv.ParseUint(a, 10, 64)
	y, errB := strconv.ParseUint(b, 10, 64)
	if errA != nil || errB != nil {
		return a < b
	}
	return x < y
}
