package corpus

import (
	"encoding/binary"
	"errors"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// minRepeats is how many articles of one outlet must carry a line before
// it counts as that outlet's boilerplate.
const minRepeats = 2

// lineKey is the fingerprint of a line with case, numbers and punctuation
// folded away (every number becomes one 0), so "₹900" and "₹2,700", or a
// date that changes every day, land on the same key. 0 means the line has nothing to fingerprint.
func lineKey(s string) uint64 {
	const (
		offset64 = 14695981039346656037
		prime64  = 1099511628211
	)
	h := uint64(offset64)
	write := func(r rune) {
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		for _, c := range buf[:n] {
			h ^= uint64(c)
			h *= prime64
		}
	}
	space, any, number := false, false, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9' || r >= 0x80 && unicode.IsDigit(r):
			if number {
				continue // a whole number, separators and all, is one 0
			}
			r, number = '0', true
		case r >= 'a' && r <= 'z':
			number = false
		case r >= 'A' && r <= 'Z':
			r, number = r+'a'-'A', false
		case r >= 0x80 && unicode.IsLetter(r):
			r, number = unicode.ToLower(r), false
		case r == ' ' || r == '\t' || r >= 0x80 && unicode.IsSpace(r):
			space, number = any, false
			continue
		default:
			continue // punctuation and symbols are stripped
		}
		if space {
			write(' ')
			space = false
		}
		write(r)
		any = true
	}
	if !any {
		return 0
	}
	if h == 0 {
		h = 1
	}
	return h
}

// LineKeys returns the normalised fingerprints of the document's lines, as
// the Boilerplate model counts them: one per line, in order, 0 for a line
// with no letters or digits.
func (d *Document) LineKeys() []uint64 {
	keys := make([]uint64, len(d.Lines))
	for i, l := range d.Lines {
		keys[i] = lineKey(l.Text)
	}
	return keys
}

// Boilerplate learns which lines an outlet repeats across its articles.
// Its zero value is not usable; call NewBoilerplate. It is safe for
// concurrent use.
type Boilerplate struct {
	mu     sync.RWMutex
	counts map[string]map[uint64]uint32 // outlet -> line key -> articles carrying it
}

// NewBoilerplate returns an empty model.
func NewBoilerplate() *Boilerplate {
	return &Boilerplate{counts: make(map[string]map[uint64]uint32)}
}

// countsOutlet reports whether lines of outlet are counted. Articles of
// unknown outlet may come from anywhere, so what they share says nothing
// about any one outlet's page furniture.
func countsOutlet(outlet string) bool {
	return outlet != "" && !strings.EqualFold(outlet, string(OutletUnknown))
}

// Add counts one article's line keys for outlet and returns the keys whose
// boilerplate status changed, so articles already cleaned can be re-cleaned.
func (b *Boilerplate) Add(outlet string, keys []uint64) (flipped []uint64) {
	return b.update(outlet, keys, true)
}

// Remove uncounts one article's line keys; it returns keys whose status changed.
func (b *Boilerplate) Remove(outlet string, keys []uint64) (flipped []uint64) {
	return b.update(outlet, keys, false)
}

func (b *Boilerplate) update(outlet string, keys []uint64, add bool) []uint64 {
	if !countsOutlet(outlet) {
		return nil
	}
	var flipped []uint64
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.counts == nil {
		b.counts = make(map[string]map[uint64]uint32)
	}
	m := b.counts[outlet]
	if m == nil {
		if !add {
			return nil
		}
		m = make(map[uint64]uint32)
		b.counts[outlet] = m
	}
	seen := make(map[uint64]bool, len(keys))
	for _, k := range keys {
		if k == 0 || seen[k] {
			continue
		}
		seen[k] = true
		c := m[k]
		switch {
		case add:
			c++
			if c == minRepeats {
				flipped = append(flipped, k)
			}
			m[k] = c
		case c > 0:
			if c == minRepeats {
				flipped = append(flipped, k)
			}
			if c--; c == 0 {
				delete(m, k)
			} else {
				m[k] = c
			}
		}
	}
	if len(m) == 0 {
		delete(b.counts, outlet)
	}
	return flipped
}

// Repeated reports whether outlet carries the line with key in enough
// articles for it to be boilerplate.
func (b *Boilerplate) Repeated(outlet string, key uint64) bool {
	if b == nil || key == 0 || !countsOutlet(outlet) {
		return false
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.counts[outlet][key] >= minRepeats
}

const boilerplateVersion = 1

// MarshalBinary encodes the model so an index can keep it between runs.
// The encoding is deterministic: the same counts give the same bytes.
func (b *Boilerplate) MarshalBinary() ([]byte, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	outlets := make([]string, 0, len(b.counts))
	for o := range b.counts {
		outlets = append(outlets, o)
	}
	sort.Strings(outlets)
	out := []byte{boilerplateVersion}
	out = binary.AppendUvarint(out, uint64(len(outlets)))
	for _, o := range outlets {
		out = binary.AppendUvarint(out, uint64(len(o)))
		out = append(out, o...)
		m := b.counts[o]
		keys := make([]uint64, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		out = binary.AppendUvarint(out, uint64(len(keys)))
		for _, k := range keys {
			out = binary.LittleEndian.AppendUint64(out, k)
			out = binary.AppendUvarint(out, uint64(m[k]))
		}
	}
	return out, nil
}

var errBadBoilerplate = errors.New("corpus: boilerplate model is corrupt or from another version: rebuild the index")

// UnmarshalBinary decodes a model written by MarshalBinary, replacing the
// model's counts.
func (b *Boilerplate) UnmarshalBinary(data []byte) error {
	if len(data) == 0 || data[0] != boilerplateVersion {
		return errBadBoilerplate
	}
	r := data[1:]
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(r)
		if n <= 0 {
			return 0, false
		}
		r = r[n:]
		return v, true
	}
	nOutlets, ok := next()
	if !ok || nOutlets > uint64(len(r)) {
		return errBadBoilerplate
	}
	counts := make(map[string]map[uint64]uint32, nOutlets)
	for i := uint64(0); i < nOutlets; i++ {
		l, ok := next()
		if !ok || l > uint64(len(r)) {
			return errBadBoilerplate
		}
		outlet := string(r[:l])
		r = r[l:]
		nKeys, ok := next()
		if !ok || nKeys > uint64(len(r))/9 {
			return errBadBoilerplate
		}
		m := make(map[uint64]uint32, nKeys)
		for j := uint64(0); j < nKeys; j++ {
			if len(r) < 8 {
				return errBadBoilerplate
			}
			k := binary.LittleEndian.Uint64(r)
			r = r[8:]
			c, ok := next()
			if !ok || c == 0 || c > 1<<31 {
				return errBadBoilerplate
			}
			m[k] = uint32(c)
		}
		counts[outlet] = m
	}
	if len(r) != 0 {
		return errBadBoilerplate
	}
	b.mu.Lock()
	b.counts = counts
	b.mu.Unlock()
	return nil
}
