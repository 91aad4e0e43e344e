package search

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// concurrencyFS counts how many large files are open at once. Opening one
// waits (briefly) for more to join it, so reads that may overlap do.
type concurrencyFS struct {
	fs.FS
	mu       sync.Mutex
	active   int
	maxSeen  int
	overflow chan struct{} // closed once more than maxHeavyReads were open
}

func (c *concurrencyFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil || !strings.HasPrefix(name, "big") {
		return f, err
	}
	c.mu.Lock()
	c.active++
	c.maxSeen = max(c.maxSeen, c.active)
	if c.active > maxHeavyReads {
		select {
		case <-c.overflow:
		default:
			close(c.overflow)
		}
	}
	c.mu.Unlock()
	select {
	case <-c.overflow:
	case <-time.After(100 * time.Millisecond):
	}
	c.mu.Lock()
	c.active--
	c.mu.Unlock()
	return f, nil
}

// TestUpdateReadsFewLargePagesAtOnce: however many cores, at most
// maxHeavyReads large pages are extracted at once.
func TestUpdateReadsFewLargePagesAtOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	para := "<p>" + strings.Repeat("The council in Millbrook voted on Tuesday to rebuild the flood barrier before winter. ", 40) + "</p>"
	page := "<html><head><title>Barrier</title></head><body><article>" + strings.Repeat(para, heavyReadSize/len(para)+1) + "</article></body></html>"
	mfs := fstest.MapFS{}
	for i := range 6 {
		mfs[fmt.Sprintf("big%d.html", i)] = &fstest.MapFile{Data: []byte(page)}
		mfs[fmt.Sprintf("small%d.txt", i)] = &fstest.MapFile{Data: []byte("The council in Millbrook voted on Tuesday to rebuild the flood barrier.\n")}
	}
	cfs := &concurrencyFS{FS: mfs, overflow: make(chan struct{})}
	ctx := context.Background()
	ix, err := Open(ctx, filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	sum, err := ix.Update(ctx, cfs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 12 {
		t.Errorf("%d articles indexed, want 12 (skipped %v)", sum.Articles, sum.Skipped)
	}
	if cfs.maxSeen > maxHeavyReads {
		t.Errorf("%d large pages read at once, want at most %d", cfs.maxSeen, maxHeavyReads)
	}
}
