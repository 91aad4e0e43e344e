package search

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// batchWriter writes an Update's bleve batches on goroutines of their own,
// two at a time. Writing a batch is analysis (on every core) and then
// building its segment, on one core; with the batches written in line on
// the Update's goroutine, the build of 100k articles kept 1.6 of 2 cores
// busy. Two writers build two segments at once while the Update cleans and
// stores the next batch (100k build: 121 -> 105 s on 2 cores).
//
// Batches of different files may reach bleve in any order; those of one
// file never share an Update phase (see reclean). The generation recorded
// in bleve, which says which batches a restart may take as written, is
// never ahead of what is: each batch records the last generation up to
// which every batch had been written when it started, and the Update
// records its last one when it finishes. After a crash the batches past
// the recorded generation are redone by path, as they always were. When
// an Update starts with batches to redo (the store ahead of bleve after a
// crash), the chain starts at bleve's generation and cannot pass the
// generations being redone, so nothing is recorded until the Update
// finishes: recording a new batch's generation would mark the ones still
// to redo as written.
type batchWriter struct {
	ix   *Index
	jobs chan batchJob
	wg   sync.WaitGroup

	mu       sync.Mutex
	failed   chan struct{} // closed when a write fails; err says why
	err      error
	finished map[uint64]bool // generations written, past written
	written  uint64          // every generation up to this one is written
	recorded uint64          // the generation bleve holds
}

type batchJob struct {
	b   *bleve.Batch
	gen uint64
}

// writers is how many batches are written at once.
const writers = 2

// newBatchWriter starts writers for an Update that found generation
// durable in bleve.
func newBatchWriter(ix *Index, durable uint64) *batchWriter {
	w := &batchWriter{ix: ix, jobs: make(chan batchJob), failed: make(chan struct{}),
		finished: map[uint64]bool{}, written: durable, recorded: durable}
	for range writers {
		w.wg.Add(1)
		go w.loop()
	}
	return w
}

func (w *batchWriter) loop() {
	defer w.wg.Done()
	for job := range w.jobs {
		if w.failure() != nil {
			continue // drop what follows a failure, as a crash would
		}
		err := w.write(job)
		w.mu.Lock()
		if err != nil && w.err == nil {
			w.err = err
			close(w.failed)
		}
		if err == nil {
			w.finished[job.gen] = true
			for w.finished[w.written+1] {
				delete(w.finished, w.written+1)
				w.written++
			}
		}
		w.mu.Unlock()
	}
}

func (w *batchWriter) failure() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *batchWriter) write(job batchJob) error {
	if w.ix.beforeBatch != nil {
		if err := w.ix.beforeBatch(); err != nil {
			return err
		}
	}
	w.mu.Lock()
	if w.written > w.recorded {
		job.b.SetInternal([]byte(genKey), genBytes(w.written))
		w.recorded = w.written
	}
	w.mu.Unlock()
	if err := w.ix.bleve.Batch(job.b); err != nil {
		return fmt.Errorf("write passages: %w", err)
	}
	return nil
}

// send hands b, the batch of generation gen, to a writer, waiting while
// both are busy; it returns the error of an earlier batch that failed.
// Generations are sent in order.
func (w *batchWriter) send(b *bleve.Batch, gen uint64) error {
	select {
	case w.jobs <- batchJob{b: b, gen: gen}:
		return nil
	case <-w.failed:
		return w.failure()
	}
}

// close waits for every batch sent to be written and returns the first
// error.
func (w *batchWriter) close() error {
	close(w.jobs)
	w.wg.Wait()
	return w.err
}
