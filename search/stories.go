package search

import (
	"context"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/corpus"
)

// Thresholds of story grouping. A shared quote is the strongest sign of one
// event: two outlets rarely print the same words of the same person about
// different things. Without one, articles must share enough distinctive
// vocabulary (names, places, key terms, weighted by rarity in the batch) and
// be dated close together.
const (
	storyQuoteMinWords    = 5    // shorter quotes ("horrific") prove nothing
	storyQuoteContainment = 0.7  // share of a quote's 3-grams found in the other article
	storyTopicSimilarity  = 0.25 // cosine of idf-weighted key terms and names; tuned on the real-coverage tuning half
	storyMaxDateGap       = 4 * 24 * time.Hour
	// storyOtherLanguageSimilarity is the cosine of names and figures two
	// articles in different languages need (see namesSimilarity); tuned
	// on the real-coverage tuning half. (A lower threshold for articles
	// published within a day of each other gained 0.03 of F1 there but
	// merged a third of the synthetic benchmark's stories: left out.)
	storyOtherLanguageSimilarity = 0.45
	storyQuoteMaxDateGap         = 30 * 24 * time.Hour
	storyCentralityPeers         = 50
)

// storyDoc is what story grouping knows about one article.
type storyDoc struct {
	a         *corpus.Article
	textGrams map[uint64]struct{}
	quotes    []storyQuote
	terms     map[string]float64 // term frequency, later idf-weighted
	norm      float64
	namesNorm float64  // the norm of the names and figures among terms alone
	names     []string // the names and figures printed in several languages
	sentences []storySentence
}

type storyQuote struct {
	q     corpus.Quote
	words []string
	grams map[uint64]struct{}
}

type storySentence struct {
	s     corpus.Sentence
	grams map[uint64]struct{}
	words int
}

func newStoryDoc(a *corpus.Article) *storyDoc {
	d := &storyDoc{a: a, textGrams: make(map[uint64]struct{}), terms: make(map[string]float64)}
	for _, p := range a.Paragraphs {
		if p.Start < 0 || p.End > len(a.Text) || p.Start > p.End {
			continue
		}
		words := storyWords(a.Text[p.Start:p.End])
		for g := range storyGrams(words) {
			d.textGrams[g] = struct{}{}
		}
	}
	if len(a.Paragraphs) == 0 {
		d.textGrams = storyGrams(storyWords(a.Text))
	}
	for _, q := range a.Quotes {
		if q.Start < 0 || q.End > len(a.Text) || q.Start >= q.End {
			continue
		}
		words := storyWords(a.Text[q.Start:q.End])
		d.quotes = append(d.quotes, storyQuote{q: q, words: words, grams: storyGrams(words)})
	}
	for _, s := range a.Sentences {
		if s.Start < 0 || s.End > len(a.Text) || s.Start >= s.End {
			continue
		}
		words := storyWords(a.Text[s.Start:s.End])
		d.sentences = append(d.sentences, storySentence{s: s, grams: storyGrams(words), words: len(words)})
	}
	for _, w := range storyWords(a.Title + "\n" + a.Text) {
		if t := storyTerm(w); t != "" {
			d.terms[t]++
		}
	}
	for t, n := range storyEntities(a.Title + "\n" + a.Text) {
		d.terms[t] += n
	}
	return d
}

// sharesQuote reports whether a quote of d (long enough to mean something)
// is printed in other as well.
func (d *storyDoc) sharesQuote(other *storyDoc) bool {
	for _, q := range d.quotes {
		if len(q.words) < storyQuoteMinWords {
			continue
		}
		if storyContainment(q.grams, other.textGrams) >= storyQuoteContainment {
			return true
		}
	}
	return false
}

func (d *storyDoc) similarity(other *storyDoc) float64 {
	if storyOtherLanguages(d.a, other.a) {
		return d.namesSimilarity(other)
	}
	if d.norm == 0 || other.norm == 0 {
		return 0
	}
	small, large := d.terms, other.terms
	if len(small) > len(large) {
		small, large = large, small
	}
	dot := 0.0
	for t, w := range small {
		dot += w * large[t]
	}
	return dot / (d.norm * other.norm)
}

// namesSimilarity is the cosine of the names and figures alone: all that
// articles in two languages can share ("Lee Joon-seok", "Mokpo", "476"),
// their other words being each their language's.
func (d *storyDoc) namesSimilarity(other *storyDoc) float64 {
	if d.namesNorm == 0 || other.namesNorm == 0 {
		return 0
	}
	dot := 0.0
	for t, w := range d.terms {
		if storyNameTerm(t) {
			dot += w * other.terms[t] // a name both print is in several languages
		}
	}
	return dot / (d.namesNorm * other.namesNorm)
}

// storyNameTerm reports whether t is a name or a figure (see
// storyEntities), not a word.
func storyNameTerm(t string) bool {
	return strings.HasPrefix(t, "@") || strings.HasPrefix(t, "#")
}

// storyOtherLanguages reports whether a and b are known to be written in
// different languages.
func storyOtherLanguages(a, b *corpus.Article) bool {
	la, lb := articleLanguage(a), articleLanguage(b)
	return la != "" && lb != "" && la != lb
}

// storyDateGap returns how far apart two articles were published, and
// false when either date is unknown.
func storyDateGap(a, b *corpus.Article) (time.Duration, bool) {
	if a.Published.IsZero() || b.Published.IsZero() {
		return 0, false
	}
	gap := a.Published.Sub(b.Published)
	if gap < 0 {
		gap = -gap
	}
	if gap < 0 {
		// Sub saturates at the least Duration for dates about 292 years
		// apart, and negating that overflows back to it: as far apart as
		// can be said, not close
		gap = math.MaxInt64
	}
	return gap, true
}

// weightTerms turns term frequencies into idf-weighted, log-scaled weights
// over the batch, so names and terms particular to a story count and words
// every article uses do not.
func weightTerms(docs []*storyDoc) {
	df := make(map[string]int)
	// The languages each name is printed in: a capitalised word only one
	// language has (German capitalises every noun) links no article to
	// another language's, and would only dilute namesSimilarity.
	langs := make(map[string]string) // name -> its one language, or "*" for several
	for _, d := range docs {
		l := articleLanguage(d.a)
		for t := range d.terms {
			df[t]++
			if storyNameTerm(t) {
				switch seen, ok := langs[t]; {
				case !ok:
					langs[t] = l
				case seen != l:
					langs[t] = "*"
				}
			}
		}
	}
	// Smoothed idf: with a handful of articles a term shared by all still
	// says something, but much less than one shared by two.
	n := float64(len(docs))
	for _, d := range docs {
		sum := 0.0
		for t, tf := range d.terms {
			w := (1 + math.Log(tf)) * math.Log(1+n/float64(df[t]))
			d.terms[t] = w
			sum += w * w
			if storyNameTerm(t) && langs[t] == "*" {
				d.namesNorm += w * w
				d.names = append(d.names, t)
			}
		}
		d.norm = math.Sqrt(sum)
		d.namesNorm = math.Sqrt(d.namesNorm)
	}
}

// Stories groups articles into stories about the same event, largest first.
// It is pure: the same articles always give the same stories. It stops
// with ctx's error when ctx is done; grouping thousands of articles can
// take many seconds.
func Stories(ctx context.Context, articles []*corpus.Article) ([]Story, error) {
	docs := make([]*storyDoc, 0, len(articles))
	for _, a := range articles {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if a != nil {
			docs = append(docs, newStoryDoc(a))
		}
	}
	// A stable order makes the grouping independent of the caller's order.
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].a.ID < docs[j].a.ID })
	weightTerms(docs)

	group := storyGroups(ctx, docs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	groups := make(map[int][]*storyDoc)
	var roots []int
	for i, d := range docs {
		r := group[i]
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], d)
	}
	stories := make([]Story, 0, len(roots))
	for _, r := range roots {
		stories = append(stories, buildStory(ctx, groups[r]))
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(stories, func(i, j int) bool {
		a, b := stories[i], stories[j]
		if len(a.Outlets) != len(b.Outlets) {
			return len(a.Outlets) > len(b.Outlets)
		}
		if len(a.Articles) != len(b.Articles) {
			return len(a.Articles) > len(b.Articles)
		}
		return storyLatest(a).After(storyLatest(b))
	})
	return stories, nil
}

func storyLatest(s Story) time.Time {
	var t time.Time
	for _, a := range s.Articles {
		if a.Published.After(t) {
			t = a.Published
		}
	}
	return t
}

// buildStory describes one story; when ctx is done it returns early with
// part of the story, which Stories then throws away.
func buildStory(ctx context.Context, docs []*storyDoc) Story {
	// Articles in the order readers want them: newest first, undated last.
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i].a, docs[j].a
		if a.Published.IsZero() != b.Published.IsZero() {
			return !a.Published.IsZero()
		}
		if !a.Published.Equal(b.Published) {
			return a.Published.After(b.Published)
		}
		return a.ID < b.ID
	})
	var s Story
	count := make(map[string]int)
	for _, d := range docs {
		a := d.a
		s.Articles = append(s.Articles, StoryArticle{
			ID: a.ID, Path: a.Path, Outlet: a.Outlet, URL: a.URL, Title: a.Title,
			Published: a.Published, Truncated: a.Truncated,
		})
		if count[a.Outlet] == 0 {
			s.Outlets = append(s.Outlets, a.Outlet)
		}
		count[a.Outlet]++
	}
	sort.SliceStable(s.Outlets, func(i, j int) bool { return count[s.Outlets[i]] > count[s.Outlets[j]] })
	s.Headline, s.HeadlineFrom = storyHeadline(docs)
	s.TopQuote = storyTopQuote(ctx, docs)
	if ctx.Err() != nil {
		return s
	}
	s.Disagreements = storyDisagreements(docs)
	s.Syndicated = storySyndication(ctx, docs)
	return s
}

// storyHeadline picks the title of the article most central to the story,
// else that article's lead sentence. Central means most similar to the
// other articles, so an off-angle piece does not name the story.
func storyHeadline(docs []*storyDoc) (headline, from string) {
	best, bestScore := -1, -1.0
	for i, d := range docs {
		score := 0.0
		for j, o := range docs {
			if j == storyCentralityPeers {
				break // enough to tell the centre of a very large story
			}
			if i != j {
				score += d.similarity(o)
			}
		}
		// A title beats a lead sentence, and a whole article beats one cut
		// short (a paywalled scrape may have lost its lead); among equals,
		// the more central.
		if strings.TrimSpace(d.a.Title) != "" {
			score += 2 * float64(len(docs))
		}
		if !d.a.Truncated {
			score += float64(len(docs))
		}
		// Sums of the same similarities in another order differ in the last
		// bits: a tie is a tie, and the first article (by date, then id) wins.
		if score > bestScore+1e-9 {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return "", ""
	}
	a := docs[best].a
	if t := strings.TrimSpace(a.Title); t != "" {
		return t, a.ID
	}
	if lead := storyLead(docs[best]); lead != "" {
		return shortHeadline(lead), a.ID
	}
	return "", ""
}

// storyHeadlineMax is the longest lead sentence used whole as a headline,
// in characters; a longer one is cut on a word boundary.
const storyHeadlineMax = 150

// shortHeadline is s, or its first words within storyHeadlineMax
// characters followed by "…": still the article's own words.
func shortHeadline(s string) string {
	if utf8.RuneCountInString(s) <= storyHeadlineMax {
		return s
	}
	cut, n := s, 0
	for i := range s {
		if n == storyHeadlineMax {
			cut = s[:i]
			break
		}
		n++
	}
	if sp := strings.LastIndexFunc(cut, unicode.IsSpace); sp > len(cut)/2 {
		cut = cut[:sp]
	}
	return strings.TrimRightFunc(cut, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '"' && r != '”' && r != '’'
	}) + "…"
}

// storyLead returns the first full sentence of an article that is not a
// heading, verbatim.
func storyLead(d *storyDoc) string {
	a := d.a
	for _, s := range a.Sentences {
		if s.Start < 0 || s.End > len(a.Text) || s.Start >= s.End {
			continue
		}
		if s.Paragraph >= 0 && s.Paragraph < len(a.Paragraphs) && a.Paragraphs[s.Paragraph].Heading {
			continue
		}
		text := strings.TrimSpace(a.Text[s.Start:s.End])
		if len(strings.Fields(text)) >= 6 {
			return text
		}
	}
	return ""
}
