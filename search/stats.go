package search

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// loadStats reads the statistics kept by the last Update.
func (ix *Index) loadStats(tx *bolt.Tx) error {
	var st indexStats
	if data := tx.Bucket(bucketMeta).Get(metaStats); data != nil {
		if err := json.Unmarshal(data, &st); err != nil {
			return fmt.Errorf("read index statistics: %w", err)
		}
	}
	ix.setStats(st)
	return nil
}

func (ix *Index) setStats(st indexStats) {
	book := newSpeakerBook(st.Speakers)
	ix.mu.Lock()
	ix.stats, ix.speakers = st, book
	ix.mu.Unlock()
}

// computeStats sums the file records.
func computeStats(recs map[string]*fileRecord) indexStats {
	var st indexStats
	outlets := map[string]*OutletStats{}
	speakers := map[string]int{}
	for _, r := range recs {
		if r.Removed {
			continue
		}
		for _, a := range r.Articles {
			st.Articles++
			st.Passages += a.Passages
			st.Quotes += a.Quotes
			o := outlets[a.Outlet]
			if o == nil {
				o = &OutletStats{Outlet: a.Outlet}
				outlets[a.Outlet] = o
			}
			o.Articles++
			if !a.Published.IsZero() {
				if o.First.IsZero() || a.Published.Before(o.First) {
					o.First = a.Published
				}
				if a.Published.After(o.Last) {
					o.Last = a.Published
				}
			}
			for name, n := range a.Speakers {
				speakers[name] += n
			}
		}
	}
	for _, o := range outlets {
		st.Outlets = append(st.Outlets, *o)
	}
	sort.Slice(st.Outlets, func(i, j int) bool {
		if st.Outlets[i].Articles != st.Outlets[j].Articles {
			return st.Outlets[i].Articles > st.Outlets[j].Articles
		}
		return st.Outlets[i].Outlet < st.Outlets[j].Outlet
	})
	for name, n := range speakers {
		st.Speakers = append(st.Speakers, speakerCount{Name: name, Quotes: n})
	}
	sort.Slice(st.Speakers, func(i, j int) bool {
		if st.Speakers[i].Quotes != st.Speakers[j].Quotes {
			return st.Speakers[i].Quotes > st.Speakers[j].Quotes
		}
		return st.Speakers[i].Name < st.Speakers[j].Name
	})
	return st
}

// speakerBook finds known speakers named in a question, by full name or
// by surname ("Lavrov" -> "Sergei Lavrov" and "Lavrov").
type speakerBook struct {
	bySurname map[string][]string // lower-cased last word -> canonical names
	// folded are the speakers' names folded (foldedName), in the order of
	// the statistics' list, and fullerNames counts the folded names of
	// two words or more by their last word: Speakers, which autocomplete
	// calls at every keystroke, folds nothing but the prefix typed.
	folded      []string
	fullerNames map[string]int
}

func newSpeakerBook(speakers []speakerCount) speakerBook {
	b := speakerBook{bySurname: map[string][]string{}, folded: make([]string, len(speakers)), fullerNames: map[string]int{}}
	seen := map[string]bool{}
	for i, s := range speakers {
		b.folded[i] = foldedName(s.Name)
		if f := strings.Fields(b.folded[i]); len(f) > 1 {
			if full := strings.Join(f, " "); !seen[full] {
				seen[full] = true
				b.fullerNames[f[len(f)-1]]++
			}
		}
	}
	for _, s := range speakers {
		words := strings.Fields(strings.ToLower(s.Name))
		if len(words) == 0 {
			continue
		}
		last := strings.Trim(words[len(words)-1], ".,'’")
		b.bySurname[last] = append(b.bySurname[last], s.Name)
	}
	return b
}

// fuller is the one fuller name the coverage gives a speaker named by a
// surname alone ("Lavrov" -> "Sergei Lavrov"), or name itself when there
// is none or more than one ("Smith" with a John and a Sarah Smith).
func (b speakerBook) fuller(name string) string {
	if strings.Contains(strings.TrimSpace(name), " ") {
		return name
	}
	full := ""
	for _, n := range b.lookup(strings.Trim(name, ".,'’")) {
		if !strings.Contains(n, " ") {
			continue
		}
		if full != "" && !strings.EqualFold(full, n) {
			return name
		}
		full = n
	}
	if full == "" {
		return name
	}
	return full
}

// lookup returns the known speakers whose surname is word.
func (b speakerBook) lookup(word string) []string {
	return b.bySurname[strings.ToLower(word)]
}

// specificName picks, among names for the same person, the most specific:
// "John Kerry" over "Kerry" and "Mr Kerry", when they agree on the surname.
// Names that disagree leave the first one standing.
func specificName(names []string) string {
	best := ""
	for _, n := range names {
		if n == "" {
			continue
		}
		if best == "" {
			best = n
			continue
		}
		if surname(n) != surname(best) {
			continue
		}
		if nameWeight(n) > nameWeight(best) {
			best = n
		}
	}
	return best
}

func surname(name string) string {
	f := strings.Fields(strings.ToLower(name))
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[len(f)-1], ".,")
}

// nameWeight prefers more words, not counting titles like "Mr".
func nameWeight(name string) int {
	w := 0
	for _, f := range strings.Fields(name) {
		switch strings.ToLower(strings.TrimSuffix(f, ".")) {
		case "mr", "mrs", "ms", "dr", "sir", "miss", "prof":
			continue
		}
		w += 10 + len(f)
	}
	return w
}
