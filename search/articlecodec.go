package search

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/coveragebot/coveragebot/corpus"
)

// The article store keeps articles in a small binary form: answering a
// question decodes a few dozen, and gob's per-value type descriptions made
// that the dearest step. articleCodecFields in the tests fails when
// corpus.Article gains a field this codec does not carry.

// Version 2 keeps the outlet's date whole (see appendTime).
const articleCodecVersion = 2

func encodeArticle(a *corpus.Article) ([]byte, error) {
	b := make([]byte, 0, len(a.Text)+256+16*(len(a.Paragraphs)+len(a.Sentences))+32*len(a.Quotes))
	b = append(b, articleCodecVersion)
	for _, s := range []string{a.ID, a.Path, a.Outlet, string(a.OutletFrom), a.URL, a.Title, a.Language, a.Text, a.TruncatedBy, a.Hash} {
		b = appendString(b, s)
	}
	b = appendTime(b, a.Published)
	b = appendBool(b, a.Truncated)
	b = binary.AppendUvarint(b, uint64(len(a.Paragraphs)))
	for _, p := range a.Paragraphs {
		b = appendInts(b, p.Start, p.End, p.Line)
		b = appendBool(b, p.Heading)
	}
	b = binary.AppendUvarint(b, uint64(len(a.Sentences)))
	for _, s := range a.Sentences {
		b = appendInts(b, s.Start, s.End, s.Paragraph)
	}
	b = binary.AppendUvarint(b, uint64(len(a.Quotes)))
	for _, q := range a.Quotes {
		b = appendInts(b, q.Start, q.End, q.Paragraph, q.Sentence)
		b = appendString(b, q.Speaker)
		b = appendString(b, q.Attribution)
		b = appendBool(b, q.Partial)
	}
	return b, nil
}

var errCorruptArticle = errors.New("corrupt stored article")

func decodeArticle(data []byte) (*corpus.Article, error) {
	d := decoder{buf: data}
	if v := d.byte(); v != articleCodecVersion {
		return nil, fmt.Errorf("decode stored article: version %d; delete the index folder to rebuild it", v)
	}
	a := &corpus.Article{}
	for _, s := range []*string{&a.ID, &a.Path, &a.Outlet, nil, &a.URL, &a.Title, &a.Language, &a.Text, &a.TruncatedBy, &a.Hash} {
		v := d.string()
		if s == nil {
			a.OutletFrom = corpus.OutletSource(v)
		} else {
			*s = v
		}
	}
	a.Published = d.time()
	a.Truncated = d.bool()
	a.Paragraphs = make([]corpus.Paragraph, d.count())
	for i := range a.Paragraphs {
		p := &a.Paragraphs[i]
		p.Start, p.End, p.Line = d.int(), d.int(), d.int()
		p.Heading = d.bool()
	}
	a.Sentences = make([]corpus.Sentence, d.count())
	for i := range a.Sentences {
		s := &a.Sentences[i]
		s.Start, s.End, s.Paragraph = d.int(), d.int(), d.int()
	}
	a.Quotes = make([]corpus.Quote, d.count())
	for i := range a.Quotes {
		q := &a.Quotes[i]
		q.Start, q.End, q.Paragraph, q.Sentence = d.int(), d.int(), d.int(), d.int()
		q.Speaker, q.Attribution = d.string(), d.string()
		q.Partial = d.bool()
	}
	if d.err != nil || len(d.buf) != 0 {
		return nil, fmt.Errorf("decode stored article: %w", errCorruptArticle)
	}
	return a, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func appendInts(b []byte, vs ...int) []byte {
	for _, v := range vs {
		b = binary.AppendVarint(b, int64(v))
	}
	return b
}

// decoder reads what encodeArticle wrote; the first error sticks.
type decoder struct {
	buf []byte
	err error
}

func (d *decoder) fail() { d.err, d.buf = errCorruptArticle, nil }

func (d *decoder) byte() byte {
	if len(d.buf) == 0 {
		d.fail()
		return 0
	}
	v := d.buf[0]
	d.buf = d.buf[1:]
	return v
}

func (d *decoder) bool() bool { return d.byte() == 1 }

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.buf)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) int() int { return int(d.varint()) }

// count reads a slice length, bounded by what is left to read.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.buf)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.buf)) {
		d.fail()
		return ""
	}
	s := string(d.buf[:n])
	d.buf = d.buf[n:]
	return s
}
