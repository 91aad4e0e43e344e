package translate

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// dictFile reads stretches of a dictd data file: plain, or dictzip (gzip
// with a table of independently compressed chunks in its header, so a
// stretch is read without inflating the file from its start).
type dictFile struct {
	f *os.File
	// dictzip only
	chunkLen int
	offsets  []int64 // where each chunk's compressed data starts, plus the end

	// The chunks inflated last: a headword's entries lie side by side,
	// and German's "box" has fifteen in one chunk, each of which would
	// inflate it again (17 ms a word, against 1 ms with the cache).
	mu     sync.Mutex
	chunks map[int][]byte
	order  []int // oldest first
}

// maxCachedChunks bounds the inflated chunks kept per file (about 58 KB
// each in Debian's dictionaries).
const maxCachedChunks = 32

// openDictFile opens path, reading its dictzip header when it has one.
func openDictFile(path string) (*dictFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	d := &dictFile{f: f}
	head := make([]byte, 10)
	if _, err := io.ReadFull(f, head); err != nil || head[0] != 0x1f || head[1] != 0x8b {
		return d, nil // plain text
	}
	if err := d.readDictzipHeader(head); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

var errNotDictzip = errors.New("gzip without dictzip's chunk table: recompress it with dictzip, or gunzip it")

// readDictzipHeader reads the gzip header after its first 10 bytes: the
// extra field's "RA" subfield (version, chunk length, chunk count, each
// chunk's compressed size), then the optional name, comment and CRC.
func (d *dictFile) readDictzipHeader(head []byte) error {
	const (
		fhcrc    = 1 << 1
		fextra   = 1 << 2
		fname    = 1 << 3
		fcomment = 1 << 4
	)
	flags := head[3]
	if flags&fextra == 0 {
		return errNotDictzip
	}
	r := io.NewSectionReader(d.f, 10, 1<<40)
	var xlen uint16
	if err := binary.Read(r, binary.LittleEndian, &xlen); err != nil {
		return err
	}
	extra := make([]byte, xlen)
	if _, err := io.ReadFull(r, extra); err != nil {
		return err
	}
	pos := int64(12 + int(xlen))
	for len(extra) >= 4 {
		id, n := string(extra[:2]), int(binary.LittleEndian.Uint16(extra[2:4]))
		if 4+n > len(extra) {
			return errNotDictzip
		}
		body := extra[4 : 4+n]
		extra = extra[4+n:]
		if id != "RA" || len(body) < 6 {
			continue
		}
		d.chunkLen = int(binary.LittleEndian.Uint16(body[2:4]))
		count := int(binary.LittleEndian.Uint16(body[4:6]))
		if d.chunkLen == 0 || len(body) < 6+2*count {
			return errNotDictzip
		}
		d.offsets = make([]int64, count+1)
		for i := 0; i < count; i++ {
			d.offsets[i+1] = d.offsets[i] + int64(binary.LittleEndian.Uint16(body[6+2*i:]))
		}
	}
	if d.offsets == nil {
		return errNotDictzip
	}
	for _, flag := range []byte{fname, fcomment} {
		if flags&flag == 0 {
			continue
		}
		for b := []byte{1}; b[0] != 0; pos++ { // a zero-terminated string
			if _, err := d.f.ReadAt(b, pos); err != nil {
				return err
			}
		}
	}
	if flags&fhcrc != 0 {
		pos += 2
	}
	for i := range d.offsets {
		d.offsets[i] += pos
	}
	return nil
}

// read returns the length bytes of the uncompressed text from offset.
func (d *dictFile) read(offset, length int64) ([]byte, error) {
	if length <= 0 || length > 1<<20 {
		return nil, fmt.Errorf("entry of %d bytes", length)
	}
	if d.offsets == nil {
		buf := make([]byte, length)
		if _, err := d.f.ReadAt(buf, offset); err != nil {
			return nil, err
		}
		return buf, nil
	}
	var out bytes.Buffer
	first := int(offset / int64(d.chunkLen))
	last := int((offset + length - 1) / int64(d.chunkLen))
	if last >= len(d.offsets)-1 {
		return nil, fmt.Errorf("entry past the end of the dictionary")
	}
	for c := first; c <= last; c++ {
		text, err := d.chunk(c)
		if err != nil {
			return nil, err
		}
		out.Write(text)
	}
	start := offset - int64(first)*int64(d.chunkLen)
	b := out.Bytes()
	if start+length > int64(len(b)) {
		return nil, fmt.Errorf("entry past the end of its chunks")
	}
	return b[start : start+length], nil
}

// chunk is the inflated text of chunk c.
func (d *dictFile) chunk(c int) ([]byte, error) {
	d.mu.Lock()
	text, ok := d.chunks[c]
	d.mu.Unlock()
	if ok {
		return text, nil
	}
	comp := make([]byte, d.offsets[c+1]-d.offsets[c])
	if _, err := d.f.ReadAt(comp, d.offsets[c]); err != nil {
		return nil, err
	}
	// Each chunk ends in a flush, not a final block: the reader runs out
	// of input right after the chunk's text.
	text, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(comp)), int64(d.chunkLen)))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.chunks == nil {
		d.chunks = map[int][]byte{}
	}
	if _, ok := d.chunks[c]; !ok {
		if len(d.order) >= maxCachedChunks {
			delete(d.chunks, d.order[0])
			d.order = d.order[1:]
		}
		d.chunks[c] = text
		d.order = append(d.order, c)
	}
	return text, nil
}

func (d *dictFile) Close() error { return d.f.Close() }
