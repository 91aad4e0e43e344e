package search

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/coveragebot/coveragebot/corpus"
)

const (
	defaultLimit = 5
	maxLimit     = 50
	// queryTimeout bounds one question when the caller's context allows more.
	queryTimeout = 5 * time.Second
)

// candidate is a passage hit, checked verbatim, with what ranking and
// grouping need.
type candidate struct {
	ref      passageRef
	article  *corpus.Article
	text     string
	said     string // text with its web addresses blanked: what it says (see withoutWebAddresses)
	start    int
	end      int
	quote    bool
	partial  bool
	speaker  string
	terms    []string // every analysed term, to match the question
	words    []string // the terms with hyphenated words only joined, to group
	norm     string
	shingles map[string]bool
	score    float64
}

// Answer answers a question from the index. Answers is empty when nothing
// in the coverage answers it: a passage must hold most of the question's
// content words (all of them when there are one or two), not just one.
func (ix *Index) Answer(ctx context.Context, q Question) (Answers, error) {
	start := time.Now()
	text, err := normaliseQuestion(q.Text)
	if err != nil {
		return Answers{}, err
	}
	out := Answers{Question: text, Searched: ix.Coverage()}
	speakerTerms, err := ix.speakerTerms(q.Speaker)
	if err != nil {
		return Answers{}, err
	}
	if halves := splitCompound(text); halves != nil && speakerTerms == nil {
		// two questions in one ("where was it going and where did it
		// leave from"): each half answered on its own (see compound.go)
		first, second := ix.parse(halves[0]), ix.parse(halves[1])
		second = withContext(second, first)
		if len(first.groups) == 0 && len(second.groups) == 0 {
			out.NoTopic = true
		}
		var lists [2][]Answer
		for i, h := range []question{first, second} {
			if len(h.groups) == 0 {
				continue
			}
			if lists[i], err = ix.answerParsed(ctx, h, q, nil); err != nil {
				return Answers{}, err
			}
		}
		out.Answers = interleave(lists[0], lists[1], limitOf(q.Limit))
		out.Took = time.Since(start)
		return out, nil
	}
	pq := ix.parse(text)
	if len(pq.groups) == 0 {
		if len(speakerTerms) > 0 {
			return ix.quotes(ctx, start, text, speakerTerms, pq, q.Outlet, limitOf(q.Limit))
		}
		out.NoTopic = true
		out.Took = time.Since(start)
		return out, nil
	}
	if out.Answers, err = ix.answerParsed(ctx, pq, q, speakerTerms); err != nil {
		return Answers{}, err
	}
	out.Took = time.Since(start)
	return out, nil
}

// answerParsed answers a parsed question with content words.
func (ix *Index) answerParsed(ctx context.Context, pq question, q Question, speakerTerms []string) ([]Answer, error) {
	counts := &termCounter{ix: ix, ctx: ctx}
	defer counts.close()
	ix.weigh(counts, &pq)
	cands, err := ix.contentCandidates(ctx, counts, &pq, q.Outlet, speakerTerms, candidatesFor(limitOf(q.Limit)))
	if err != nil {
		return nil, err
	}
	cands = ix.keepSpeaker(cands, speakerTerms)
	return ix.rank(pq, cands, limitOf(q.Limit), speakerTerms != nil), nil
}

// Quotes returns what speaker is quoted as saying, optionally about a topic,
// grouped across outlets: the most widely reported first, then the latest.
func (ix *Index) Quotes(ctx context.Context, speaker, about string, limit int) (Answers, error) {
	start := time.Now()
	terms, err := ix.speakerTerms(speaker)
	if err != nil {
		return Answers{}, err
	}
	if len(terms) == 0 {
		return Answers{}, errors.New("search: quotes: no speaker given: name who you want quotes from")
	}
	var pq question
	text := cleanQuestionText(speaker)
	if strings.TrimSpace(about) != "" {
		a, err := normaliseQuestion(about)
		if err != nil {
			return Answers{}, err
		}
		pq = ix.parse(a)
		text += " about " + a
	}
	return ix.quotes(ctx, start, text, terms, pq, "", limitOf(limit))
}

func (ix *Index) quotes(ctx context.Context, start time.Time, text string, speakerTerms []string, pq question, outlet string, limit int) (Answers, error) {
	out := Answers{Question: text, Searched: ix.Coverage()}
	pq.wantsQuote = true
	var (
		cands []*candidate
		err   error
	)
	if len(pq.groups) > 0 {
		counts := &termCounter{ix: ix, ctx: ctx}
		defer counts.close()
		ix.weigh(counts, &pq)
		cands, err = ix.contentCandidates(ctx, counts, &pq, outlet, speakerTerms, candidatesFor(limit))
	} else {
		var must []query.Query
		for _, t := range surnameTerms(speakerTerms) {
			must = append(must, termQuery(fieldSpeaker, t, 1))
		}
		if outlet != "" {
			must = append(must, termQuery(fieldOutlet, strings.ToLower(outlet), 1))
		}
		cands, _, err = ix.candidates(ctx, bleve.NewConjunctionQuery(must...), 500)
	}
	if err != nil {
		return Answers{}, err
	}
	cands = ix.keepSpeaker(cands, speakerTerms)
	quotes := cands[:0]
	for _, c := range cands {
		if c.quote {
			quotes = append(quotes, c)
		}
	}
	if len(pq.groups) > 0 {
		out.Answers = ix.rank(pq, quotes, limit, true)
	} else {
		sortCandidates(quotes)
		all := ix.fullerSpeakers(groupCandidates(quotes))
		sort.SliceStable(all, func(i, j int) bool {
			if len(all[i].Reports) != len(all[j].Reports) {
				return len(all[i].Reports) > len(all[j].Reports)
			}
			return latest(all[i]).After(latest(all[j]))
		})
		out.Answers = all[:min(limit, len(all))]
	}
	out.Took = time.Since(start)
	return out, nil
}

// candidatesFor is how many hits to check for limit answers: enough for
// several outlets' copies of each answer and for some to fail the checks.
func candidatesFor(limit int) int { return 6*limit + 20 }

func latest(a Answer) time.Time {
	var t time.Time
	for _, r := range a.Reports {
		if r.Published.After(t) {
			t = r.Published
		}
	}
	return t
}

func limitOf(n int) int {
	switch {
	case n <= 0:
		return defaultLimit
	case n > maxLimit:
		return maxLimit
	}
	return n
}

// speakerTerms analyses a speaker filter; nil when there is none.
func (ix *Index) speakerTerms(speaker string) ([]string, error) {
	speaker = cleanQuestionText(speaker)
	if speaker == "" {
		return nil, nil
	}
	if len([]rune(speaker)) > 200 {
		return nil, fmt.Errorf("%w: speaker name over 200 characters", ErrQuestionTooLong)
	}
	var terms, titles []string
	for _, t := range ix.an.name.Analyze([]byte(speaker)) {
		if corpus.Honorific(string(t.Term)) {
			// "Mr Lavrov" is Lavrov, whom an article may call Sergei
			// Lavrov: the title is no part of the name
			titles = append(titles, string(t.Term))
			continue
		}
		terms = append(terms, string(t.Term))
	}
	if len(terms) == 0 {
		return titles, nil // a title alone is all there is to look for
	}
	return terms, nil
}

// candidates runs q and turns hits into verbatim-checked candidates; hits
// is how many hits bleve returned, before the checks.
func (ix *Index) candidates(ctx context.Context, q query.Query, size int) ([]*candidate, int, error) {
	res, err := ix.search(ctx, q, size)
	if err != nil {
		return nil, 0, err
	}
	cands, err := ix.candidatesOf(res)
	return cands, len(res.Hits), err
}

// search runs q for its size best hits.
func (ix *Index) search(ctx context.Context, q query.Query, size int) (*bleve.SearchResult, error) {
	ctx, cancel := context.WithTimeout(ctx, queryTimeout)
	defer cancel()
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("search: question took too long: %w", ctxErr)
		}
		return nil, fmt.Errorf("search: %w", err)
	}
	return res, nil
}

// candidatesOf turns hits into verbatim-checked candidates: their
// articles loaded, their words analysed.
func (ix *Index) candidatesOf(res *bleve.SearchResult) ([]*candidate, error) {
	cands := make([]*candidate, 0, len(res.Hits))
	for _, h := range res.Hits {
		ref, err := parseDocID(h.ID)
		if err != nil {
			continue
		}
		a, err := ix.article(ref.ArticleID)
		if err != nil {
			return nil, err
		}
		if a != nil {
			ref, _ = ref.locate(a)
		}
		text, start, end, err := verbatim(a, ref)
		if err != nil {
			ix.verbatimFailures.Add(1)
			continue
		}
		c := &candidate{ref: ref, article: a, text: text, start: start, end: end, score: h.Score}
		if ref.Kind == kindQuote {
			qt := a.Quotes[ref.N]
			c.quote, c.partial, c.speaker = true, qt.Partial, qt.Speaker
		}
		ix.analyseCandidate(c)
		cands = append(cands, c)
	}
	return cands, nil
}

// analyseCandidate sets c's analysed terms and what grouping compares: its
// words, their normal form and word 3-grams. A hyphenated word counts once, joined
// ("cease-fire" is "ceasefire", as another outlet prints it), not also as
// its parts.
//
// A web address is not what the passage says: its words ("…/world/live/
// 2018/jul/04/…") match no question ("found alive" is not in "live").
func (ix *Index) analyseCandidate(c *candidate) {
	var segs []int
	c.said = withoutWebAddresses(c.text)
	for i, stretch := range splitElisions(c.said) {
		var kept []*analysis.Token
		for _, t := range ix.an.text.Analyze([]byte(stretch)) {
			c.terms = append(c.terms, string(t.Term))
			// The joined word follows its parts and spans them all.
			for len(kept) > 0 {
				last := kept[len(kept)-1]
				if last.Start < t.Start || last.End > t.End || last.End-last.Start == t.End-t.Start {
					break
				}
				kept = kept[:len(kept)-1]
			}
			kept = append(kept, t)
		}
		for _, t := range kept {
			c.words = append(c.words, string(t.Term))
			segs = append(segs, i)
		}
	}
	c.norm = strings.Join(c.words, " ")
	c.shingles = shingles(c.words, segs)
}

// rank keeps candidates that answer the question, scores them for what it
// asks (quotes for "say", figures for "how many", dates for "when" …),
// and groups them.
func (ix *Index) rank(pq question, cands []*candidate, limit int, speakerFiltered bool) []Answer {
	kept := cands[:0]
	askedOrdinals := ordinalsIn(withoutIdioms(pq.text))
	leads := articleLeads{}
	for _, c := range cands {
		if c.partial && !speakerFiltered {
			// A fragment quoted inside the reporter's sentence ("restored
			// as true as possible to its 'complete, coherent and last known
			// state'") is neither the sentence nor a whole quotation: shown
			// alone it loses who said it and of what. Its sentence, a
			// passage of its own, answers instead. (Listing one speaker's
			// quotes, the fragment is theirs and stays, below whole ones.)
			continue
		}
		own, named := ix.groupScores(pq, c)
		// "What did Kerry say about X?" is not answered by what someone
		// else said about X: the passage must name Kerry or be his quote.
		// A sentence that only names him, and is not mostly a quote, must
		// be about X as fully as if the question named nobody: "John Kerry
		// met Lavrov in Paris" is not what he said about the weather there.
		if pq.wantsQuote && !named {
			continue
		}
		if pq.wantsQuote && !c.quote && !mostlyQuote(c) && !corpus.ReportsSpeech(c.text) {
			// "what did Musk say about the submarine" is not answered by
			// a sentence that says what he built: only by his words, or
			// by a sentence that reports them
			continue
		}
		if pq.wantsQuote && len(pq.speakers) > 0 && !c.quote && !mostlyQuote(c) {
			if found, topics := topicMatches(pq, c); found < required(topics) {
				continue
			}
		}
		// what the passage says, without the dates and names of its links
		said := c.said
		typed := holdsAnswerType(pq.answer, said, pq.text)
		if typed && pq.money {
			// "how much did they pledge" is answered by a sum, not by
			// any figure ("two families", "the 850-year-old cathedral")
			typed = moneyRE.MatchString(said)
		}
		if pq.answer == personAnswer && asksWhoHoldsRole(pq.text) && !(typed && ix.namesBeside(pq, said)) {
			// "who was the captain" is answered by a sentence that names
			// someone as the captain, not by one that names someone else
			continue
		}
		need := coverageNeeded(pq.answer, typed)
		cov, matched := ix.coverage(pq, c, own, need, leads)
		if matched < mustMatch(pq.core()) || cov < need {
			continue
		}
		if pq.wantsQuote {
			if qc := ix.reportedQuote(pq, c); qc != nil {
				c = qc
			}
		}
		s := c.score * cov * cov
		if len(pq.phrases) > 0 {
			s *= 1 + 0.5*float64(phrasesIn(pq.phrases, c.terms))/float64(len(pq.phrases))
		}
		if pq.wantsQuote {
			if c.quote {
				s *= 1.5
				if c.speaker != "" && (speakerFiltered || namesSpeaker(pq.speakers, c.speaker)) {
					s *= 1.5
				}
			}
		}
		s *= typeWeight(pq.answer, typed)
		if otherOrdinal(askedOrdinals, said) {
			s *= otherOrdinalWeight
		}
		if pq.answer == dateAnswer && typed && vagueDate(said, pq.text) {
			s *= vagueDateWeight
		}
		if pq.counted >= 0 && countsGroup(c.terms, pq.groups[pq.counted]) {
			s *= countedWeight
		}
		if pq.answer == personAnswer && typed && ix.namesBeside(pq, said) {
			s *= namedBesideWeight
		}
		if pq.when.matches(c.article.Published, said) {
			s *= 1.4
		}
		if c.partial {
			s *= 0.9
		}
		if inOtherLanguage(c) {
			// Members read an answer in their own language first; one in
			// another language leads when it answers clearly better.
			s *= otherLanguageWeight
		}
		c.score = s
		kept = append(kept, c)
	}
	sortCandidates(kept)
	answers := ix.fullerSpeakers(groupCandidates(kept))
	sort.SliceStable(answers, func(i, j int) bool { return answers[i].Score > answers[j].Score })
	return answers[:min(limit, len(answers))]
}

// sortCandidates orders candidates best first; ties go by article and
// passage so answers never depend on how bleve merged its segments.
func sortCandidates(cs []*candidate) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		switch {
		case a.score != b.score:
			return a.score > b.score
		case a.ref.ArticleID != b.ref.ArticleID:
			return a.ref.ArticleID < b.ref.ArticleID
		case a.ref.Kind != b.ref.Kind:
			return a.ref.Kind < b.ref.Kind
		}
		return a.ref.N < b.ref.N
	})
}

// phrasesIn counts the phrases whose terms follow one another in terms.
func phrasesIn(phrases [][]string, terms []string) int {
	n := 0
	for _, p := range phrases {
		for i := 0; i+len(p) <= len(terms); i++ {
			if slices.Equal(terms[i:i+len(p)], p) {
				n++
				break
			}
		}
	}
	return n
}

func groupIn(g termGroup, have map[string]bool) bool {
	for _, t := range g.terms {
		if have[t] {
			return true
		}
	}
	if len(g.parts) == 0 {
		return false
	}
	for _, p := range g.parts {
		if !have[p] {
			return false
		}
	}
	return true
}

func namesSpeaker(named []string, speaker string) bool {
	for _, n := range named {
		if n == speaker || surname(n) == surname(speaker) {
			return true
		}
	}
	return false
}

// hasFigure reports whether text holds a number, in digits or words.
func hasFigure(text string) bool {
	if strings.IndexFunc(text, unicode.IsDigit) >= 0 {
		return true
	}
	return writtenFigureRE.MatchString(text)
}

// writtenFigureRE finds figures written out, in the languages coverage
// comes in: "hundreds", "mil millones", "dix milliards", "zwei Millionen",
// and ratios ("double the amount allowed", "twice as many").
var writtenFigureRE = regexp.MustCompile(`(?i)hundred|thousand|million|billion|dozen|\bdouble\b|\btwice\b|\btriple\b|\bthree times\b|\bhalf\b|\bthird\b|\bquarter\b|` +
	`\bmil\b|mill[oó]n|millones|milh[aã]o|milh[oõ]es|\bmille\b|milliard|miliard|\bcent\b|\bcentaine|centenas?\b|centenares|\bcentinaia|` +
	`\bhundert|\btausend|\bduizend|miljoen|miljard|\bdouzaine|\bdozzin|\bdocena|\bdezena|\bdutzend|` +
	`\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|vingt|trente|quarante|cinquante|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|veinte|treinta|` +
	`due|tre|quattro|sei|sette|otto|nove|dieci|dodici|venti|trenta|duas|três|quatro|sete|oito|dez|doze|vinte|trinta|` +
	`zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|zwanzig|dreißig|twee|drie|vijf|zes|zeven|negen|tien|twaalf|twintig)\b`)

// groupCandidates merges candidates (best first) into answers: a passage
// overlapping one already taken from the same article is the same answer;
// one from another article joins an answer when it is the same words. An
// article saved twice (the same URL) answers in its latest copy's words.
func groupCandidates(cands []*candidate) []Answer {
	cands = latestCopyCandidates(cands)
	type group struct {
		members []*candidate
	}
	var groups []*group
	for _, c := range cands {
		var home *group
		absorbed := false
	search:
		for _, g := range groups {
			for _, m := range g.members {
				if m.article.ID == c.article.ID {
					// the same passage, or the article printing the same
					// words twice: one answer already shows them
					if c.start < m.end && m.start < c.end || sameAnswer(m, c) {
						absorbed = true
						break search
					}
					continue
				}
				if home == nil && sameAnswer(m, c) {
					home = g
				}
			}
		}
		if absorbed {
			continue
		}
		if home != nil {
			dup := false
			for _, m := range home.members {
				switch {
				case m.article.ID == c.article.ID || m.article.Hash != "" && m.article.Hash == c.article.Hash:
					dup = true // a file copied byte for byte is one report, not two
				case sameURL(m.article, c.article):
					dup = true // one article saved twice, both its latest copy
				}
			}
			if !dup {
				home.members = append(home.members, c)
			}
			continue
		}
		groups = append(groups, &group{members: []*candidate{c}})
	}
	answers := make([]Answer, 0, len(groups))
	for _, g := range groups {
		if a, ok := buildAnswer(g.members); ok {
			answers = append(answers, a)
		}
	}
	return answers
}

// latestCopyCandidates drops the candidates of an article's older copies
// when a later one (the same URL, published later) is among them too:
// what the outlet prints now is the answer, not what it printed before.
// cands keep their order.
func latestCopyCandidates(cands []*candidate) []*candidate {
	latest := map[string]*corpus.Article{}
	for _, c := range cands {
		u := strings.TrimSpace(c.article.URL)
		if l, ok := latest[u]; u != "" && (!ok || newerCopy(c.article, l)) {
			latest[u] = c.article
		}
	}
	if len(latest) == 0 {
		return cands
	}
	out := make([]*candidate, 0, len(cands))
	for _, c := range cands {
		if l, ok := latest[strings.TrimSpace(c.article.URL)]; !ok || !newerCopy(l, c.article) {
			out = append(out, c)
		}
	}
	return out
}

// buildAnswer turns a group into an Answer, checking every report verbatim
// one last time; a report that fails is dropped.
func buildAnswer(members []*candidate) (Answer, bool) {
	var names, quoting []string
	var reports []Report
	var rep *candidate
	for _, m := range members {
		a := m.article
		r := Report{
			Outlet: a.Outlet, URL: a.URL, Published: a.Published, ArticleID: a.ID,
			Article: a.Path, Title: a.Title, Truncated: a.Truncated, TruncatedBy: a.TruncatedBy,
			Text: m.text, Start: m.start, End: m.end,
		}
		if checkReport(a, r) != nil {
			continue
		}
		reports = append(reports, r)
		if rep == nil {
			rep = m
		}
		if m.quote && m.speaker != "" {
			names = append(names, m.speaker)
		}
		if !m.quote {
			quoting = append(quoting, quotedSpeakers(m)...)
		}
	}
	if len(reports) == 0 {
		return Answer{}, false
	}
	// The best report leads; the others follow in order of publication.
	rest := reports[1:]
	sort.SliceStable(rest, func(i, j int) bool {
		a, b := rest[i], rest[j]
		switch {
		case !a.Published.Equal(b.Published):
			return a.Published.Before(b.Published)
		case a.Outlet != b.Outlet:
			return a.Outlet < b.Outlet
		}
		return a.ArticleID < b.ArticleID
	})
	outlets := map[string]bool{}
	for _, r := range reports {
		outlets[strings.ToLower(r.Outlet)] = true
	}
	ans := Answer{
		Quote:   rep.quote,
		Text:    reports[0].Text,
		Speaker: specificName(names),
		Reports: reports,
		Score:   rep.score * (1 + 0.05*float64(len(outlets)-1)),
	}
	if !rep.quote {
		// The outlet's sentence has no speaker; it may quote someone's
		// words ('… "are prepared to entertain such an exchange", he
		// said.'), and says whose when they are one person's.
		ans.Speaker = ""
		if oneSpeaker(quoting) {
			ans.Quoting = specificName(quoting)
		}
	}
	return ans, true
}

// quotedSpeakers are the speakers of the attributed quotes, whole or in
// part, that sentence c holds.
func quotedSpeakers(c *candidate) []string {
	var out []string
	for _, q := range c.article.Quotes {
		if q.Speaker != "" && q.Start >= c.start && q.End <= c.end {
			out = append(out, q.Speaker)
		}
	}
	return out
}

// oneSpeaker reports whether names, at least one, are all one person's
// (the same surname, with or without its accents).
func oneSpeaker(names []string) bool {
	for _, n := range names {
		if foldedName(surname(n)) != foldedName(surname(names[0])) {
			return false
		}
	}
	return len(names) > 0
}
