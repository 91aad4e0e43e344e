package search

import (
	"encoding/binary"
	"fmt"
	"github.com/coveragebot/coveragebot/corpus"
	"slices"
	"time"
)

// File records are kept in a small binary form too: every Update loads
// all of them, and decoding 100k JSON records was a fifth of the CPU of
// an update of 1% of the files. recordCodecFields in the tests fails when
// fileRecord or articleRef gains a field this codec does not carry.

// Version 2 added the file's notes after its articles; version 3 keeps
// dates whole (see appendTime) and each article's key after its id. An
// index of an older schema is wiped before its records are read
// (coverage-11), so only the current version is decoded.
const recordCodecVersion = 3

func encodeRecord(r *fileRecord) []byte {
	b := make([]byte, 0, 64+96*len(r.Articles))
	b = append(b, recordCodecVersion)
	b = binary.AppendVarint(b, r.Size)
	b = binary.AppendVarint(b, r.ModTime)
	b = appendString(b, r.Hash)
	b = binary.AppendUvarint(b, r.Gen)
	b = appendBool(b, r.Removed)
	b = binary.AppendUvarint(b, uint64(len(r.Articles)))
	for _, a := range r.Articles {
		b = appendString(b, a.ID)
		b = appendString(b, a.Key)
		b = appendString(b, a.Outlet)
		b = appendTime(b, a.Published)
		b = appendTime(b, a.FirstSeen)
		b = appendInts(b, a.Passages, a.Quotes)
		names := make([]string, 0, len(a.Speakers))
		for name := range a.Speakers {
			names = append(names, name)
		}
		slices.Sort(names)
		b = binary.AppendUvarint(b, uint64(len(names)))
		for _, name := range names {
			b = appendString(b, name)
			b = appendInts(b, a.Speakers[name])
		}
	}
	b = binary.AppendUvarint(b, uint64(len(r.Notes)))
	for _, n := range r.Notes {
		b = appendString(b, n.Path)
		b = appendString(b, n.Reason)
		b = appendBool(b, n.Kept)
	}
	return b
}

func decodeRecord(data []byte) (*fileRecord, error) {
	d := decoder{buf: data}
	v := d.byte()
	if v != recordCodecVersion {
		return nil, fmt.Errorf("version %d; delete the index folder to rebuild it", v)
	}
	r := &fileRecord{Size: d.varint(), ModTime: d.varint(), Hash: d.string(), Gen: d.uvarint(), Removed: d.bool()}
	if n := d.count(); n > 0 {
		r.Articles = make([]articleRef, n)
	}
	for i := range r.Articles {
		a := &r.Articles[i]
		a.ID, a.Key, a.Outlet = d.string(), d.string(), d.string()
		a.Published, a.FirstSeen = d.time(), d.time()
		a.Passages, a.Quotes = d.int(), d.int()
		if n := d.count(); n > 0 {
			a.Speakers = make(map[string]int, n)
			for range n {
				name := d.string()
				a.Speakers[name] = d.int()
			}
		}
	}
	if n := d.count(); n > 0 {
		r.Notes = make([]corpus.Skip, n)
	}
	for i := range r.Notes {
		r.Notes[i] = corpus.Skip{Path: d.string(), Reason: d.string(), Kept: d.bool()}
	}
	if d.err != nil || len(d.buf) != 0 {
		return nil, fmt.Errorf("corrupt record; delete the index folder to rebuild it")
	}
	return r, nil
}

// appendTime writes t whole: whether it is set, then its unix seconds,
// nanoseconds and UTC offset. Unix nanoseconds alone, as before, overflow
// outside 1678–2262, lose the offset the outlet printed (its "5 March,
// 23:30 -05:00" became 6 March) and cannot tell 1970-01-01 from no date.
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return appendBool(b, false)
	}
	b = appendBool(b, true)
	_, offset := t.Zone()
	b = binary.AppendVarint(b, t.Unix())
	b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
	return binary.AppendVarint(b, int64(offset))
}

// maxZoneOffset bounds a stored UTC offset; real ones are within ±14 hours.
const maxZoneOffset = 24 * 60 * 60

func (d *decoder) time() time.Time {
	if !d.bool() {
		return time.Time{}
	}
	secs, nanos, offset := d.varint(), d.uvarint(), d.varint()
	if nanos >= uint64(time.Second) || offset <= -maxZoneOffset || offset >= maxZoneOffset {
		d.fail()
		return time.Time{}
	}
	t := time.Unix(secs, int64(nanos))
	if offset == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", int(offset)))
}
