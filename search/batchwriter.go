package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
)

// batchWriter writes an Update's bleve batches, in order, on a goroutine
// of its own. Writing a batch (analysis, then building its segment, much
// of it on one core) then overlaps cleaning and storing the next one: the
// build of 100k articles kept 1.6 of 2 cores busy without it. The store
// may run one batch ahead of bleve; a crash in between is what the
// generation records already cover (the batch is redone by path).
type batchWriter struct {
	ix     *Index
	jobs   chan *bleve.Batch
	done   chan struct{}
	failed chan struct{} // closed when a write fails; err says why
	err    error
}

func newBatchWriter(ix *Index) *batchWriter {
	w := &batchWriter{ix: ix, jobs: make(chan *bleve.Batch), done: make(chan struct{}), failed: make(chan struct{})}
	go w.loop()
	return w
}

func (w *batchWriter) loop() {
	defer close(w.done)
	for b := range w.jobs {
		if w.err != nil {
			continue // drop what follows a failure, as a crash would
		}
		if err := w.write(b); err != nil {
			w.err = err
			close(w.failed)
		}
	}
}

func (w *batchWriter) write(b *bleve.Batch) error {
	if w.ix.beforeBatch != nil {
		if err := w.ix.beforeBatch(); err != nil {
			return err
		}
	}
	if err := w.ix.bleve.Batch(b); err != nil {
		return fmt.Errorf("write passages: %w", err)
	}
	return nil
}

// send hands b to the writer, waiting while it writes the previous batch;
// it returns the error of an earlier batch that failed.
func (w *batchWriter) send(b *bleve.Batch) error {
	select {
	case w.jobs <- b:
		return nil
	case <-w.failed:
		return w.err
	}
}

// close waits for every batch sent to be written and returns the first
// error.
func (w *batchWriter) close() error {
	close(w.jobs)
	<-w.done
	return w.err
}
