package realcoverage

import (
	"math"
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

// Clustering maps each article id to the id of its cluster.
type Clustering map[string]string

// FromStories is the clustering the digest's story grouping makes.
func FromStories(stories []search.Story) Clustering {
	c := Clustering{}
	for i, s := range stories {
		for _, a := range s.Articles {
			c[a.ID] = strconv.Itoa(i)
		}
	}
	return c
}

// BCubed scores got against the gold events over the articles keep
// selects: for each article, the precision and recall of its cluster
// against its event, averaged.
func BCubed(got, gold Clustering, keep func(id string) bool) (p, r, f1 float64) {
	var ids []string
	for id := range gold {
		if keep(id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return 0, 0, 0
	}
	for _, id := range ids {
		var same, inCluster, inEvent float64
		for _, o := range ids {
			sc := got[o] != "" && got[o] == got[id]
			se := gold[o] == gold[id]
			if o == id {
				sc = true
			}
			if sc {
				inCluster++
			}
			if se {
				inEvent++
			}
			if sc && se {
				same++
			}
		}
		p += same / inCluster
		r += same / inEvent
	}
	p /= float64(len(ids))
	r /= float64(len(ids))
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// TFIDF is the plain baseline for story grouping: each article a vector
// of tf-idf weights over its analysed words, cosine similarity, single
// link above a threshold.
type TFIDF struct {
	ids  []string
	vecs []map[string]float64
}

// NewTFIDF builds the article vectors.
func NewTFIDF(articles []*corpus.Article) *TFIDF {
	an := englishAnalyzer()
	t := &TFIDF{}
	df := map[string]float64{}
	for _, a := range articles {
		tf := termFreq(an, a.Text)
		for w := range tf {
			df[w]++
		}
		t.ids = append(t.ids, a.ID)
		t.vecs = append(t.vecs, tf)
	}
	n := float64(len(articles))
	for _, v := range t.vecs {
		var norm float64
		for w, f := range v {
			v[w] = (1 + math.Log(f)) * math.Log(1+n/df[w])
			norm += v[w] * v[w]
		}
		norm = math.Sqrt(norm)
		for w := range v {
			v[w] /= norm
		}
	}
	return t
}

func termFreq(an analysis.Analyzer, text string) map[string]float64 {
	tf := map[string]float64{}
	for _, tok := range an.Analyze([]byte(text)) {
		tf[string(tok.Term)]++
	}
	return tf
}

// Cluster links every pair above threshold (single link).
func (t *TFIDF) Cluster(threshold float64) Clustering {
	parent := make([]int, len(t.ids))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range t.vecs {
		for j := i + 1; j < len(t.vecs); j++ {
			if cosine(t.vecs[i], t.vecs[j]) >= threshold {
				parent[find(i)] = find(j)
			}
		}
	}
	c := Clustering{}
	for i, id := range t.ids {
		c[id] = strconv.Itoa(find(i))
	}
	return c
}

func cosine(a, b map[string]float64) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	var s float64
	for w, x := range a {
		s += x * b[w]
	}
	return s
}

// TuneThreshold is the baseline threshold with the best B-cubed F1 on
// the articles keep selects, trying 0.05 to 0.95.
func (t *TFIDF) TuneThreshold(gold Clustering, keep func(id string) bool) float64 {
	best, bestF := 0.5, -1.0
	var ths []float64
	for th := 0.05; th < 0.96; th += 0.025 {
		ths = append(ths, th)
	}
	sort.Float64s(ths)
	for _, th := range ths {
		if _, _, f := BCubed(t.Cluster(th), gold, keep); f > bestF {
			best, bestF = th, f
		}
	}
	return best
}
