package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolt "go.etcd.io/bbolt"

	"github.com/coveragebot/coveragebot/corpus"
)

// How Update stays correct across crashes.
//
// Every batch gets a generation number. The store (bbolt) is written first,
// recording each file's new state with the batch's generation; then the
// bleve batch, which carries the same generation in bleve's internal store
// and so becomes durable atomically with its documents. bleve persists
// asynchronously, so after a kill it may come back older than the store.
// The next Update compares: a file whose record is newer than bleve's
// durable generation is redone, after deleting every passage bleve has for
// its path. Deleting and re-adding by deterministic ids makes redoing a
// batch harmless. Answers never trust bleve alone: a passage whose words no
// longer match the stored article is dropped by the verbatim check.

const (
	defaultBatchFiles = 256            // files per batch (~10k passages)
	genKey            = "coverage-gen" // bleve internal key holding the durable generation
)

type taskKind int

const (
	taskNew     taskKind = iota // not in the index
	taskChanged                 // size or mtime differ: read, compare hashes
	taskRedo                    // a crashed batch may have left it half-done
	taskReclean                 // unchanged, but its outlet's boilerplate changed
)

type task struct {
	file corpus.File
	kind taskKind
	old  *fileRecord // nil when new
}

type updater struct {
	ix      *Index
	ctx     context.Context
	fsys    fs.FS
	opts    Options
	recs    map[string]*fileRecord
	model   *corpus.Boilerplate
	durable uint64 // bleve's generation at the start
	gen     uint64 // last generation handed out
	sum     UpdateSummary
	batches int // bleve batches written
	written int // passages written
	cleaned int // articles cleaned and written
	done    int
	total   int
	writer  *batchWriter // nil until the first batch
	flushed uint64       // every batch up to this generation is in bleve
	// seen is when each article the index holds was first seen, by key
	// (articleKey), built (seenTable) before an Update writes or removes
	// any file: an article that moves (a feed gains a line above it, its
	// file is renamed) or is cleaned again keeps its time, so the digest
	// does not announce it again.
	seen map[string]time.Time
	// rebuild: the store was created or wiped (resetStore), and any
	// first-seen times with it; until this build completes, an article
	// is dated by its file (arrived).
	rebuild bool
}

// Update brings the index in line with the corpus in fsys: new and changed
// files are (re)indexed, deleted ones removed, unchanged ones left alone. A
// file that cannot be read is listed in Skipped with the reason and never
// stops the run. Cancelling ctx stops between batches; what was done is
// kept and the next Update carries on. An index opened read-only is only
// checked: ErrReadOnly when the corpus has changed since it was built.
func (ix *Index) Update(ctx context.Context, fsys fs.FS, opts Options) (UpdateSummary, error) {
	start := time.Now()
	ix.updateMu.Lock()
	defer ix.updateMu.Unlock()
	if ix.readOnly {
		return ix.checkCurrent(ctx, fsys)
	}

	files, other, skips, err := corpus.ScanAll(ctx, fsys)
	if err != nil {
		return UpdateSummary{}, fmt.Errorf("update index: %w", err)
	}
	u := &updater{ix: ix, ctx: ctx, fsys: fsys, opts: opts}
	u.sum.Skipped = append(u.sum.Skipped, skips...)
	u.sum.NotArticles = other
	if err := u.load(); err != nil {
		return UpdateSummary{}, fmt.Errorf("update index: %w", err)
	}
	err = u.run(files)
	if ferr := u.flush(); err == nil {
		err = ferr
	}
	if err != nil {
		u.sum.Took = time.Since(start)
		return u.sum, fmt.Errorf("update index: %w", err)
	}
	u.sum.Took = time.Since(start)
	sort.SliceStable(u.sum.Skipped, func(i, j int) bool { return u.sum.Skipped[i].Path < u.sum.Skipped[j].Path })
	sort.SliceStable(u.sum.Warnings, func(i, j int) bool { return u.sum.Warnings[i].Path < u.sum.Warnings[j].Path })
	return u.sum, nil
}

// skipped records what reading left out: skips, and warnings for the
// articles read all the same.
func (u *updater) skipped(skips []corpus.Skip) {
	for _, s := range skips {
		if s.Kept {
			u.sum.Warnings = append(u.sum.Warnings, s)
		} else {
			u.sum.Skipped = append(u.sum.Skipped, s)
		}
	}
}

// vanished reports whether err reading p is the file having gone since
// the scan listed it: it is not there even as a link (a link whose target
// is missing is there, and is named as unreadable).
func vanished(fsys fs.FS, p string, err error) bool {
	if !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		_, serr := fs.Stat(fsys, p)
		return errors.Is(serr, fs.ErrNotExist)
	}
	_, lerr := rl.Lstat(p)
	return errors.Is(lerr, fs.ErrNotExist)
}

// skipOf is the summary line for a file that could not be read: its reason
// alone when the error is the corpus's own (it names the path already).
func skipOf(path string, err error) corpus.Skip {
	var fe *corpus.FileError
	if errors.As(err, &fe) {
		return fe.Skip()
	}
	return corpus.Skip{Path: path, Reason: err.Error()}
}

// load reads the file records and the boilerplate model, rebuilding the
// model from the stored line keys when the last Update did not finish.
func (u *updater) load() error {
	durable, err := u.ix.bleve.GetInternal([]byte(genKey))
	if err != nil {
		return fmt.Errorf("read index generation: %w", err)
	}
	u.durable = genFrom(durable)
	return u.ix.db.Update(func(tx *bolt.Tx) error {
		var err error
		if u.recs, err = loadRecords(tx); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		u.gen = max(genFrom(meta.Get(metaGen)), u.durable)
		u.rebuild = meta.Get(metaRebuild) != nil
		u.model = corpus.NewBoilerplate()
		data := meta.Get(metaModel)
		if data != nil && meta.Get(metaDirty) == nil {
			if err := u.model.UnmarshalBinary(data); err != nil {
				return fmt.Errorf("read boilerplate model: %w", err)
			}
		} else if err := rebuildModel(tx, u.model); err != nil {
			return err
		}
		return meta.Put(metaDirty, []byte{1})
	})
}

func rebuildModel(tx *bolt.Tx, model *corpus.Boilerplate) error {
	return tx.Bucket(bucketKeys).ForEach(func(k, v []byte) error {
		docs, err := decodeFileKeys(v)
		if err != nil {
			return fmt.Errorf("line keys of %q: %w", k, err)
		}
		for _, d := range docs {
			model.Add(d.Outlet, d.Keys)
		}
		return nil
	})
}

func (u *updater) run(files []corpus.File) error {
	seen := make(map[string]bool, len(files))
	var tasks []task
	for _, f := range files {
		seen[f.Path] = true
		r := u.recs[f.Path]
		switch {
		case r == nil:
			tasks = append(tasks, task{file: f, kind: taskNew})
		case r.Gen > u.durable:
			tasks = append(tasks, task{file: f, kind: taskRedo, old: liveRecord(r)})
		case r.Removed:
			tasks = append(tasks, task{file: f, kind: taskNew})
		case r.Size == f.Size && r.ModTime == f.ModTime.UnixNano():
			u.sum.Unchanged++
			u.skipped(r.Notes) // still so: said again
		default:
			tasks = append(tasks, task{file: f, kind: taskChanged, old: r})
		}
	}
	var gone []string
	for path, r := range u.recs {
		if !seen[path] && (!r.Removed || r.Gen > u.durable) {
			gone = append(gone, path)
		}
	}
	sort.Strings(gone)
	if len(tasks) > 0 || len(gone) > 0 {
		// before remove: a gone file's articles may be the ones moved
		u.seenTable()
	}
	u.total = len(tasks) + len(gone)
	if err := u.remove(gone); err != nil {
		return err
	}
	if err := u.processAll(tasks); err != nil {
		return err
	}
	if err := u.reclean(); err != nil {
		return err
	}
	return u.finish()
}

func liveRecord(r *fileRecord) *fileRecord {
	if r.Removed {
		return nil
	}
	return r
}

// remove deletes files that left the corpus.
func (u *updater) remove(paths []string) error {
	for len(paths) > 0 {
		n := min(u.ix.batchFiles, len(paths))
		var removals []*readResult
		for _, p := range paths[:n] {
			r := u.recs[p]
			res := &readResult{task: task{file: corpus.File{Path: p}, kind: taskChanged, old: liveRecord(r)}, gone: true}
			if r.Gen > u.durable {
				res.kind = taskRedo
			}
			if !r.Removed {
				u.sum.Removed++
			}
			removals = append(removals, res)
		}
		if err := u.commit(removals); err != nil {
			return err
		}
		for _, p := range paths[:n] {
			u.progress(p)
		}
		paths = paths[n:]
	}
	return nil
}

// readResult is one file of a batch after reading and cleaning.
type readResult struct {
	task
	docs      []*corpus.Document
	skips     []corpus.Skip
	articles  []*corpus.Article
	hash      string
	err       error
	gone      bool // remove from the index (deleted, or unreadable now)
	vanished  bool // deleted between the scan and the read: removed, not skipped
	unchanged bool // same content: only the record's size and time change
}

// processAll reads, cleans and indexes files in batches. Reading the next
// batch (parsing HTML is the dearest step) overlaps indexing this one.
func (u *updater) processAll(tasks []task) error {
	if len(tasks) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(u.ctx)
	defer cancel()
	batches := make(chan []*readResult, 1)
	go func() {
		defer close(batches)
		for len(tasks) > 0 && ctx.Err() == nil {
			n := min(u.ix.batchFiles, len(tasks))
			batch := u.read(ctx, tasks[:n])
			select {
			case batches <- batch:
			case <-ctx.Done():
				return
			}
			tasks = tasks[n:]
		}
	}()
	for batch := range batches {
		if err := u.process(batch); err != nil {
			cancel()
			for range batches { // let the reader finish
			}
			return err
		}
	}
	return u.ctx.Err()
}

// Large pages and feeds (which may hold pages) are extracted at most
// maxHeavyReads at a time, whatever the cores: each holds its HTML tree
// several times over while it is read, up to hundreds of MB within
// corpus.MaxHTMLElements.
const (
	maxHeavyReads = 2
	heavyReadSize = 256 << 10
)

// heavyRead reports whether reading f may take a large page's memory.
func heavyRead(f corpus.File) bool {
	if f.Size < heavyReadSize {
		return false
	}
	switch strings.ToLower(path.Ext(f.Path)) {
	case ".html", ".htm", ".jsonl":
		return true
	}
	return false
}

// read reads a batch of files on all cores, large pages a few at a time.
func (u *updater) read(ctx context.Context, tasks []task) []*readResult {
	results := make([]*readResult, len(tasks))
	heavy := make(chan struct{}, maxHeavyReads)
	parallel(len(tasks), func(i int) {
		if heavyRead(tasks[i].file) {
			heavy <- struct{}{}
			defer func() { <-heavy }()
		}
		res := &readResult{task: tasks[i]}
		res.docs, res.skips, res.err = corpus.ReadFile(ctx, u.fsys, res.file.Path)
		if res.err == nil {
			res.hash = fileHash(res.docs)
		} else if vanished(u.fsys, res.file.Path, res.err) {
			res.vanished = true
		}
		results[i] = res
	})
	return results
}

// process cleans and indexes one batch of files that has been read.
func (u *updater) process(results []*readResult) error {
	if err := u.ctx.Err(); err != nil {
		return err
	}
	work := make([]*readResult, 0, len(results))
	for _, res := range results {
		if res.kind != taskReclean {
			// a file re-cleaned for its outlet's boilerplate was read,
			// and its notes said, earlier in this update or from its record
			u.skipped(res.skips)
		}
		switch {
		case res.err != nil:
			if !res.vanished {
				u.sum.Skipped = append(u.sum.Skipped, skipOf(res.file.Path, res.err))
			}
			if res.old != nil || res.kind == taskRedo {
				if res.old != nil {
					u.sum.Removed++
				}
				res.gone = true
				work = append(work, res)
			}
		case res.kind == taskChanged && res.hash == res.old.Hash:
			res.unchanged = true
			u.sum.Unchanged++
			work = append(work, res)
		default:
			switch {
			case res.kind == taskReclean:
			case res.old == nil:
				u.sum.Added++
			default:
				u.sum.Changed++
			}
			work = append(work, res)
		}
	}
	if err := u.commit(work); err != nil {
		return err
	}
	for _, res := range results {
		u.progress(res.file.Path)
	}
	return nil
}

func (u *updater) progress(path string) {
	u.done++
	if u.opts.Progress != nil {
		u.opts.Progress(Progress{Done: u.done, Total: u.total, Path: path})
	}
}

// fileHash identifies a file's content: the documents' source hashes.
func fileHash(docs []*corpus.Document) string {
	if len(docs) == 1 {
		return docs[0].Hash
	}
	h := sha256.New()
	for _, d := range docs {
		h.Write([]byte(d.Hash))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// parallel runs f(0..n-1) on all cores.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// commit writes one batch: the boilerplate model is updated with the
// batch's line keys, the documents cleaned, the store written, then bleve.
func (u *updater) commit(work []*readResult) error {
	if len(work) == 0 {
		return nil
	}
	gen := u.gen + 1
	var deletes []string
	var docs []*document.Document
	unchanged := map[string]bool{} // passages bleve already holds as they are
	var forget []string

	// Passages a crashed batch may have left behind are found by path.
	for _, res := range work {
		if res.kind == taskRedo {
			ids, err := u.ix.passagesOfPath(u.ctx, res.file.Path)
			if err != nil {
				return err
			}
			deletes = append(deletes, ids...)
		}
	}

	now := time.Now().UTC()
	err := u.ix.db.Update(func(tx *bolt.Tx) error {
		flips, err := u.count(tx, work)
		if err != nil {
			return err
		}
		// Clean after every key of the batch is counted, on all cores.
		parallel(len(work), func(i int) {
			res := work[i]
			if res.gone || res.unchanged || res.docs == nil {
				return // nothing to clean (tests hand in clean articles)
			}
			res.articles = make([]*corpus.Article, len(res.docs))
			for j, d := range res.docs {
				res.articles[j] = corpus.Clean(d, u.model)
			}
		})
		arts, keys := tx.Bucket(bucketArticles), tx.Bucket(bucketKeys)
		for _, res := range work {
			path := res.file.Path
			if res.unchanged {
				r := *res.old
				r.Size, r.ModTime = res.file.Size, res.file.ModTime.UnixNano()
				// the same articles, but what was left out may differ: a
				// JSON lines file's hash covers only the lines it read
				r.Notes = res.skips
				if err := putRecord(tx, path, &r); err != nil {
					return err
				}
				u.recs[path] = &r
				continue
			}
			// Passages the old version had, as bleve holds them; those the
			// new version has unchanged are neither deleted nor written.
			var kept map[string]string
			var before map[string]seenAs // the old version's articles, by id
			if prev := u.recs[path]; prev != nil {
				if res.kind != taskRedo && (prev.Gen <= u.durable || prev.Gen <= u.flushed) {
					kept = map[string]string{}
				}
				for _, ref := range prev.Articles {
					old, err := loadArticle(tx, ref.ID)
					if err != nil {
						return err
					}
					if old != nil {
						if !ref.FirstSeen.IsZero() {
							if before == nil {
								before = map[string]seenAs{}
							}
							before[ref.ID] = seenAs{key: ref.Key, title: old.Title, text: old.Text, at: ref.FirstSeen}
						}
						for _, p := range passageRefs(old) {
							id := p.docID()
							deletes = append(deletes, id)
							if kept != nil {
								kept[id] = passageFields(old, p)
							}
						}
					}
					if err := arts.Delete([]byte(ref.ID)); err != nil {
						return err
					}
					forget = append(forget, ref.ID)
				}
			}
			if res.gone {
				if err := keys.Delete([]byte(path)); err != nil {
					return err
				}
				r := &fileRecord{Removed: true, Gen: gen}
				if err := putRecord(tx, path, r); err != nil {
					return err
				}
				u.recs[path] = r
				continue
			}
			r := &fileRecord{Size: res.file.Size, ModTime: res.file.ModTime.UnixNano(), Hash: res.hash, Gen: gen, Notes: res.skips}
			// every key of the new version first: an old article whose key
			// is still here moved within the file, and was not edited
			artKeys := make([]string, len(res.articles))
			inFile := make(map[string]bool, len(res.articles))
			for j, a := range res.articles {
				var doc *corpus.Document
				if j < len(res.docs) {
					doc = res.docs[j]
				}
				artKeys[j] = articleKey(doc, a)
				inFile[artKeys[j]] = true
			}
			for j, a := range res.articles {
				data, err := encodeArticle(a)
				if err != nil {
					return err
				}
				if err := arts.Put([]byte(a.ID), data); err != nil {
					return err
				}
				forget = append(forget, a.ID)
				u.cleaned++
				refs := passageRefs(a)
				pdocs := passageDocs(a, refs, u.ix.an)
				for i, p := range refs {
					if f, ok := kept[pdocs[i].ID()]; ok && f == passageFields(a, p) {
						unchanged[pdocs[i].ID()] = true
						continue
					}
					docs = append(docs, pdocs[i])
				}
				ref := summarise(a, len(pdocs))
				ref.Key = artKeys[j]
				at := u.arrived(res.file, now)
				// only an article not known by its key may be an old one
				// edited (and the look by title is over the whole file)
				if _, known := u.seen[ref.Key]; !known {
					if b, ok := editedFrom(before, a, inFile); ok {
						at = b.at
					}
				}
				ref.FirstSeen = u.firstSeen(ref.Key, at)
				r.Articles = append(r.Articles, ref)
			}
			if err := putRecord(tx, path, r); err != nil {
				return err
			}
			u.recs[path] = r
		}
		rc := tx.Bucket(bucketReclean)
		for outlet, ks := range flips {
			for k := range ks {
				if err := rc.Put(recleanKey(outlet, k), genBytes(gen)); err != nil {
					return err
				}
			}
		}
		return tx.Bucket(bucketMeta).Put(metaGen, genBytes(gen))
	})
	if err != nil {
		return fmt.Errorf("write article store: %w", err)
	}
	u.gen = gen
	u.ix.cache.forget(forget...)
	u.ix.shortIDs.forget()

	b := u.ix.bleve.NewBatch()
	for _, id := range deletes {
		if !unchanged[id] {
			b.Delete(id)
		}
	}
	for _, d := range docs {
		if err := b.IndexAdvanced(d); err != nil {
			return fmt.Errorf("index %s: %w", d.ID(), err)
		}
	}
	if u.writer == nil {
		u.writer = newBatchWriter(u.ix, u.durable)
	}
	if err := u.writer.send(b, gen); err != nil {
		return err
	}
	u.batches++
	u.written += len(docs)
	return nil
}

// count moves the batch's line keys into the boilerplate model and the
// store (old keys out, new keys in) and returns the keys whose status
// flipped, by outlet. Unchanged content keeps its keys.
func (u *updater) count(tx *bolt.Tx, work []*readResult) (map[string]map[uint64]bool, error) {
	flips := map[string]map[uint64]bool{}
	note := func(outlet string, keys []uint64) {
		for _, k := range keys {
			if flips[outlet] == nil {
				flips[outlet] = map[uint64]bool{}
			}
			flips[outlet][k] = true
		}
	}
	keys := tx.Bucket(bucketKeys)
	for _, res := range work {
		if res.unchanged {
			continue
		}
		path := []byte(res.file.Path)
		if res.kind == taskReclean && res.old != nil && res.hash == res.old.Hash {
			continue
		}
		if data := keys.Get(path); data != nil {
			old, err := decodeFileKeys(data)
			if err != nil {
				return nil, fmt.Errorf("line keys of %q: %w", path, err)
			}
			for _, d := range old {
				note(d.Outlet, u.model.Remove(d.Outlet, d.Keys))
			}
		}
		if res.gone {
			continue
		}
		dk := make([]documentKeys, len(res.docs))
		for i, d := range res.docs {
			dk[i] = documentKeys{Outlet: d.Outlet, Keys: d.LineKeys()}
			note(d.Outlet, u.model.Add(d.Outlet, dk[i].Keys))
		}
		if err := keys.Put(path, encodeFileKeys(dk)); err != nil {
			return nil, err
		}
	}
	return flips, nil
}

func summarise(a *corpus.Article, passages int) articleRef {
	ref := articleRef{ID: a.ID, Outlet: a.Outlet, Published: a.Published, Passages: passages, Quotes: len(a.Quotes)}
	for _, q := range a.Quotes {
		if q.Speaker != "" {
			if ref.Speakers == nil {
				ref.Speakers = map[string]int{}
			}
			ref.Speakers[q.Speaker]++
		}
	}
	return ref
}

// passagesOfPath lists every passage bleve holds for a source file, found
// by the prefix of their ids ("path\x1f…", or "path#line\x1f…" for JSON
// lines), so no field is spent on it.
func (ix *Index) passagesOfPath(ctx context.Context, path string) ([]string, error) {
	var ids []string
	for _, prefix := range []string{path + idSep, path + "#"} {
		q := bleve.NewPrefixQuery(prefix)
		q.SetField("_id")
		for from := 0; ; from += 1000 {
			req := bleve.NewSearchRequestOptions(q, 1000, from, false)
			res, err := ix.bleve.SearchInContext(ctx, req)
			if err != nil {
				return nil, fmt.Errorf("find passages of %q: %w", path, err)
			}
			for _, h := range res.Hits {
				if ref, err := parseDocID(h.ID); err == nil && articleOfPath(ref.ArticleID, path) {
					ids = append(ids, h.ID)
				}
			}
			if len(res.Hits) < 1000 {
				break
			}
		}
	}
	return ids, nil
}

// articleOfPath reports whether an article id belongs to the file at path.
func articleOfPath(id, path string) bool {
	if id == path {
		return true
	}
	rest, ok := strings.CutPrefix(id, path+"#")
	if !ok || rest == "" {
		return false
	}
	for _, r := range rest {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// reclean re-cleans articles whose outlet's boilerplate changed after they
// were cleaned: a line became (or stopped being) boilerplate.
func (u *updater) reclean() error {
	flipped := map[string]map[uint64]uint64{} // outlet -> key -> generation of the flip
	err := u.ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketReclean).ForEach(func(k, v []byte) error {
			if len(k) < 9 {
				return nil
			}
			outlet := string(k[:len(k)-9])
			if flipped[outlet] == nil {
				flipped[outlet] = map[uint64]uint64{}
			}
			flipped[outlet][genFrom(k[len(k)-8:])] = genFrom(v)
			return nil
		})
	})
	if err != nil || len(flipped) == 0 {
		return err
	}
	var tasks []task
	err = u.ix.db.View(func(tx *bolt.Tx) error {
		keys := tx.Bucket(bucketKeys)
		for path, r := range u.recs {
			if r.Removed {
				continue
			}
			data := keys.Get([]byte(path))
			if data == nil {
				continue
			}
			docs, err := decodeFileKeys(data)
			if err != nil {
				return fmt.Errorf("line keys of %q: %w", path, err)
			}
			if needsReclean(docs, flipped, r.Gen) {
				tasks = append(tasks, task{file: corpus.File{Path: path, Size: r.Size, ModTime: time.Unix(0, r.ModTime)}, kind: taskReclean, old: r})
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(tasks, func(i, j int) bool { return tasks[i].file.Path < tasks[j].file.Path })
	u.total += len(tasks)
	if len(tasks) > 0 {
		// re-cleaned articles keep their time; with nothing else to do
		// (an update finishing what an interrupted one left) the table
		// is not built yet
		u.seenTable()
	}
	// These files were written a moment ago, maybe in a batch still in
	// flight; batches of the same file must reach bleve in order.
	if err := u.flush(); err != nil {
		return err
	}
	if err := u.processAll(tasks); err != nil {
		return err
	}
	return u.ix.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketReclean); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketReclean)
		return err
	})
}

func needsReclean(docs []documentKeys, flipped map[string]map[uint64]uint64, cleanedAt uint64) bool {
	for _, d := range docs {
		ks := flipped[d.Outlet]
		if ks == nil {
			continue
		}
		for _, k := range d.Keys {
			if g, ok := ks[k]; ok && g > cleanedAt {
				return true
			}
		}
	}
	return false
}

// finish saves the model and the statistics and forgets tombstones that
// bleve has made durable.
func (u *updater) finish() error {
	if err := u.flush(); err != nil {
		return err
	}
	// Every batch of this Update is written, and every one a crash left
	// to redo has been redone: bleve now holds every generation.
	if u.gen > u.durable {
		if err := u.ix.bleve.SetInternal([]byte(genKey), genBytes(u.gen)); err != nil {
			return fmt.Errorf("write passages: record generation: %w", err)
		}
	}
	model, err := u.model.MarshalBinary()
	if err != nil {
		return fmt.Errorf("save boilerplate model: %w", err)
	}
	st := computeStats(u.recs)
	stats, err := jsonMarshal(st)
	if err != nil {
		return err
	}
	err = u.ix.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(metaModel, model); err != nil {
			return err
		}
		if err := meta.Put(metaStats, stats); err != nil {
			return err
		}
		for path, r := range u.recs {
			if r.Removed && r.Gen <= u.durable {
				if err := tx.Bucket(bucketFiles).Delete([]byte(path)); err != nil {
					return err
				}
				delete(u.recs, path)
			}
		}
		if err := meta.Delete(metaRebuild); err != nil {
			return err
		}
		return meta.Delete(metaDirty)
	})
	if err != nil {
		return fmt.Errorf("save index state: %w", err)
	}
	u.ix.setStats(st)
	if u.batches >= 4 && 4*u.written >= st.Passages {
		// A large build leaves many small segments; one segment answers
		// about twice as fast. A failure here costs speed, not data.
		u.ix.forceMerge(u.ctx)
	}
	u.sum.Articles, u.sum.Passages, u.sum.Quotes, u.sum.Outlets = st.Articles, st.Passages, st.Quotes, knownOutlets(st.Outlets)
	u.sum.ArticlesIndexed, u.sum.PassagesIndexed = u.cleaned, u.written
	return nil
}

// flush waits until every batch handed to bleve is written.
func (u *updater) flush() error {
	if u.writer == nil {
		return nil
	}
	err := u.writer.close()
	u.writer = nil
	if err == nil {
		u.flushed = u.gen
	}
	return err
}

// forceMerge merges the index's segments into one.
func (ix *Index) forceMerge(ctx context.Context) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		_ = s.ForceMerge(ctx, nil)
	}
}
