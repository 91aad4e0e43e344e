package corpus

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// How a quote's speaker was found, for Quote.Attribution.
const (
	AttributedExplicit = "explicit"
	AttributedPronoun  = "pronoun"
	AttributedCarried  = "carried"
)

// quoteSpan is a pair of quote marks in one paragraph.
type quoteSpan struct {
	open, start, end, close int // open mark, quoted words [start, end), after the close mark
	para                    int
	unclosed                bool // runs to the paragraph's end (a quote continued in the next)
}

// quoteSpans pairs the double quote marks of the paragraph Text[from:to].
// Curly marks say which way they face; a straight mark is judged by what
// is around it, so mixed pairs (“…") pair up too. A stray mark is ignored.
func quoteSpans(text string, from, to, para int) []quoteSpan {
	var spans []quoteSpan
	open := -1
	for i := from; i < to; {
		r, n := utf8.DecodeRuneInString(text[i:to])
		if !isDoubleQuote(r) {
			i += n
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(text[from:i])
		after, _ := utf8.DecodeRuneInString(text[i+n : to])
		if i == from {
			before = ' '
		}
		if i+n == to {
			after = ' '
		}
		canOpen := (unicode.IsSpace(before) || isOpenContext(before)) && !unicode.IsSpace(after)
		canClose := !unicode.IsSpace(before) && !isOpenContext(before) && (unicode.IsSpace(after) || unicode.IsPunct(after) || after == ' ')
		switch r {
		case '“', '„', '«', '‟':
			canOpen, canClose = true, false
		case '”', '»':
			canOpen, canClose = false, true
		}
		switch {
		case open >= 0 && canClose:
			spans = appendSpan(spans, text, open, i, i+n, para, false)
			open = -1
		case canOpen:
			open = i
		}
		i += n
	}
	if open >= 0 && strings.TrimSpace(text[from:open]) == "" {
		spans = appendSpan(spans, text, open, to, to, para, true)
	}
	return spans
}

func isOpenContext(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', ':', '‘', '\'':
		return true
	}
	return false
}

func appendSpan(spans []quoteSpan, text string, open, closeMark, after, para int, unclosed bool) []quoteSpan {
	_, n := utf8.DecodeRuneInString(text[open:])
	start, end := open+n, closeMark
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) && r != ',' && r != ';' && r != ':' {
			break
		}
		end -= n
	}
	if !hasLetterOrDigit(text[start:end]) {
		return spans
	}
	return append(spans, quoteSpan{open: open, start: start, end: end, close: after, para: para, unclosed: unclosed})
}

// attribution is what the words around a quote say about its speaker.
type attribution struct {
	who     person
	named   bool
	pronoun byte // 'm' for he, 'f' for she, when the speaker is a pronoun
	pos     int  // where the speaker is named (or the pronoun stands)
}

func (a attribution) found() bool { return a.named || a.pronoun != 0 }

// findQuotes extracts the article's direct quotes and their speakers.
func findQuotes(a *Article) []Quote {
	var spans []quoteSpan
	for pi, p := range a.Paragraphs {
		if p.Heading {
			continue
		}
		spans = append(spans, quoteSpans(a.Text, p.Start, p.End, pi)...)
	}
	if len(spans) == 0 {
		return nil
	}
	toks := tokenize(a.Text, 0)
	known := collectNames(toks)
	quotes := make([]Quote, len(spans))
	attrs := make([]attribution, len(spans))
	for i, s := range spans {
		q := &quotes[i]
		q.Start, q.End, q.Paragraph = s.start, s.end, s.para
		q.Sentence = sentenceAt(a.Sentences, s.start)
		sent := a.Sentences[q.Sentence]
		prefixFrom := sent.Start
		if i > 0 && spans[i-1].para == s.para && spans[i-1].close > prefixFrom {
			prefixFrom = spans[i-1].close
		}
		prefix := a.Text[prefixFrom:min(s.open, max(prefixFrom, s.open))]
		suffixTo := a.Paragraphs[s.para].End
		if closeSent := sentenceAt(a.Sentences, max(s.close-1, 0)); closeSent >= 0 && a.Sentences[closeSent].End < suffixTo && a.Sentences[closeSent].End > s.close {
			suffixTo = a.Sentences[closeSent].End
		}
		if i+1 < len(spans) && spans[i+1].para == s.para && spans[i+1].open < suffixTo {
			suffixTo = spans[i+1].open
		}
		suffix := a.Text[s.close:max(s.close, suffixTo)]

		attrs[i] = attributeAfter(tokensIn(toks, s.close, s.close+len(suffix)))
		if !attrs[i].found() {
			attrs[i] = attributeBefore(tokensIn(toks, prefixFrom, prefixFrom+len(prefix)))
		}
		continued := prefixFrom > sent.Start // the sentence began with an earlier quote
		q.Partial = isPartial(a.Text[s.start:s.end], prefix, tokensIn(toks, prefixFrom, prefixFrom+len(prefix)), continued)
	}

	mentions := collectMentions(a, toks, attrs, spans)
	for i := range quotes {
		q, at, s := &quotes[i], attrs[i], spans[i]
		switch {
		case at.named:
			q.Speaker, q.Attribution = known.canonical(at.who), AttributedExplicit
		case at.pronoun != 0:
			if p, ok := recentMention(mentions, min(at.pos, s.open), s.para, at.pronoun); ok {
				q.Speaker, q.Attribution = known.canonical(p), AttributedPronoun
			}
		case !q.Partial && i > 0 && spans[i-1].para == s.para && quotes[i-1].Speaker != "":
			// "…," he said. "…": the second half of the same statement.
			q.Speaker, q.Attribution = quotes[i-1].Speaker, AttributedCarried
		case !q.Partial && quoteParagraph(a, s):
			if p, ok := recentMention(mentions, s.open, s.para, 0); ok {
				q.Speaker, q.Attribution = known.canonical(p), AttributedCarried
			}
		}
	}
	return quotes
}

// sentenceAt returns the index of the sentence holding offset, or the
// nearest one before it.
func sentenceAt(sents []Sentence, offset int) int {
	i := sort.Search(len(sents), func(i int) bool { return sents[i].End > offset })
	if i == len(sents) {
		i = len(sents) - 1
	}
	if i > 0 && sents[i].Start > offset {
		i--
	}
	return i
}

// quoteParagraph reports whether the quote opens its paragraph: a
// paragraph that is all quotation, whose speaker the previous ones named.
func quoteParagraph(a *Article, s quoteSpan) bool {
	return strings.TrimSpace(a.Text[a.Paragraphs[s.para].Start:s.open]) == ""
}

// isPartial reports whether a quote is a fragment inside the reporter's
// own sentence rather than a whole statement.
// continued says an earlier quote opened the sentence, as in `"The money
// would help," she said, "but what we need is the bridge."`.
func isPartial(quoted, prefix string, toks []token, continued bool) bool {
	p := strings.TrimSpace(prefix)
	if unicode.IsLower(firstRune(quoted)) && !(continued && strings.HasSuffix(p, ",")) {
		return true
	}
	if p == "" {
		return false
	}
	if last := lastRune(p); last == ':' || last == ',' {
		return false // Kerry said: "…"
	}
	// Kerry said "…", Kerry told reporters "…", Kerry said that "…".
	for k := len(toks) - 1; k >= 0 && k >= len(toks)-3; k-- {
		if toks[k].word && isVerb(toks[k].text) {
			return false
		}
	}
	return true
}

// isVerb reports whether w is a reporting verb as printed mid-sentence:
// lower case, so "the United States" does not "state".
func isVerb(w string) bool {
	if !unicode.IsLower(firstRune(w)) {
		return false
	}
	_, ok := reportingVerbs[w]
	return ok
}

// auxiliaries and adverbs that may stand between a speaker and the verb:
// "Fabius today said", "Kerry has said", "Lavrov also told".
var betweenWords = setOf(`has had have was is would will also later earlier then again today
yesterday previously separately reportedly once further however repeatedly`)

// attributeAfter reads the attribution that follows a quote: `, X said`,
// `, said X`, `, he said`, `, according to X`.
func attributeAfter(toks []token) attribution {
	i := 0
	for i < len(toks) && i < 3 && !toks[i].word {
		switch toks[i].text {
		case ",", "—", "–", "-":
			i++
			continue
		}
		return attribution{}
	}
	if i >= len(toks) {
		return attribution{}
	}
	t := toks[i]
	switch {
	case isVerb(t.text):
		// said X / said US Secretary of State John Kerry
		j := i + 1
		if j < len(toks) && strings.EqualFold(toks[j].text, "by") {
			return attribution{}
		}
		if j < len(toks) && isPronoun(toks[j].text) != 0 {
			return attribution{pronoun: isPronoun(toks[j].text), pos: toks[j].start}
		}
		phrase, _ := namePhraseForward(toks, j)
		return named(phrase)
	case strings.EqualFold(t.text, "according") && i+1 < len(toks) && strings.EqualFold(toks[i+1].text, "to"):
		phrase, _ := namePhraseForward(toks, i+2)
		return named(phrase)
	case isPronoun(t.text) != 0:
		if verbFollows(toks, i+1) {
			return attribution{pronoun: isPronoun(t.text), pos: t.start}
		}
		return attribution{}
	}
	phrase, j := namePhraseForward(toks, i)
	if len(phrase) == 0 || joint(toks, j) {
		return attribution{}
	}
	// An appositive: `"…," Kerry, the US secretary of state, said`.
	if j < len(toks) && toks[j].text == "," {
		k := j + 1
		for k < len(toks) && k < j+16 && toks[k].text != "," && toks[k].text != "." {
			k++
		}
		if k < len(toks) && toks[k].text == "," {
			j = k + 1
		}
	}
	if verbFollows(toks, j) {
		return named(phrase)
	}
	return attribution{}
}

// attributeBefore reads an attribution that precedes a quote in its
// sentence: `X said: "…"`, `X told reporters "…"`, and the subject of a
// reporting verb earlier in the sentence for a partial quote (`Mr Kerry
// said that he and Mr Lavrov "talked …"`).
func attributeBefore(toks []token) attribution {
	v := -1
	for k := len(toks) - 1; k >= 0 && k >= len(toks)-12; k-- {
		if toks[k].word && isVerb(toks[k].text) {
			v = k
			break
		}
	}
	if v <= 0 {
		return attribution{}
	}
	return subjectOf(toks, v)
}

// subjectOf reads the speaker standing before the reporting verb at v.
func subjectOf(toks []token, v int) attribution {
	k := v - 1
	for k >= 0 && toks[k].word && isBetween(toks[k].text) {
		k--
	}
	if k < 0 {
		return attribution{}
	}
	// An appositive: `Mr Lavrov, whose government backs Mr Assad, said`.
	if toks[k].text == "," {
		c := k - 1
		for c >= 0 && c > k-16 && toks[c].text != "," && toks[c].text != "." {
			c--
		}
		if c < 0 || toks[c].text != "," {
			return attribution{}
		}
		// `The council's highways chief, Councillor Ann Cole, said`: the
		// name is the part between the commas.
		if inner, end := namePhraseForward(toks, c+1); end == k && len(inner) > 0 {
			if at := named(inner); at.named {
				return at
			}
		}
		k = c - 1
		if k < 0 {
			return attribution{}
		}
	}
	if g := isPronoun(toks[k].text); g != 0 {
		return attribution{pronoun: g, pos: toks[k].start}
	}
	phrase, before := namePhraseBackward(toks, k)
	if len(phrase) == 0 || before >= 0 && (strings.EqualFold(toks[before].text, "and") || toks[before].text == "&") {
		return attribution{} // "Kerry and Lavrov said": no single speaker
	}
	return named(phrase)
}

func isBetween(w string) bool {
	_, ok := betweenWords[strings.ToLower(w)]
	return ok
}

// verbFollows reports whether a reporting verb follows at toks[j],
// allowing auxiliaries and adverbs in between.
func verbFollows(toks []token, j int) bool {
	for j < len(toks) && toks[j].word && isBetween(toks[j].text) {
		j++
	}
	return j < len(toks) && toks[j].word && isVerb(toks[j].text)
}

// joint reports whether the name phrase ending before j is one of several
// speakers ("Kerry and Lavrov said").
func joint(toks []token, j int) bool {
	return j < len(toks) && (strings.EqualFold(toks[j].text, "and") || toks[j].text == "&")
}

func named(phrase []token) attribution {
	p, ok := personFrom(phrase)
	if !ok || !hasCapitalisedName(p) {
		return attribution{}
	}
	return attribution{who: p, named: true, pos: p.pos}
}

func hasCapitalisedName(p person) bool {
	for _, w := range p.words {
		if unicode.IsUpper(firstRune(w)) {
			return true
		}
	}
	return false
}

// isPronoun returns 'm' for he, 'f' for she, 0 otherwise. "They" is not
// resolved: a group is not a speaker.
func isPronoun(w string) byte {
	switch strings.ToLower(w) {
	case "he":
		return 'm'
	case "she":
		return 'f'
	}
	return 0
}

// mention is a named person the text presents as a speaker or subject,
// to which later pronouns and unattributed quotes can refer.
type mention struct {
	who  person
	para int
}

// collectMentions lists, in text order, the people a reader would take
// "he" or "she" to mean: named speakers of quotes, named subjects of
// reporting verbs, and sentences that open with a titled or already
// quoted name ("Mr Kerry expressed some scepticism …", "Mayor Ann Cole
// arrived late").
func collectMentions(a *Article, all []token, attrs []attribution, spans []quoteSpan) []mention {
	var ms []mention
	quoted := func(pos int) bool {
		i := sort.Search(len(spans), func(i int) bool { return spans[i].end > pos })
		return i < len(spans) && spans[i].start <= pos
	}
	speakers := make(map[string]bool)
	paraOf := func(pos int) int {
		return sort.Search(len(a.Paragraphs), func(i int) bool { return a.Paragraphs[i].End >= pos })
	}
	for _, at := range attrs {
		if at.named {
			ms = append(ms, mention{who: at.who, para: paraOf(at.pos)})
			speakers[at.who.surname()] = true
		}
	}
	var openers []mention
	for _, s := range a.Sentences {
		toks := tokensIn(all, s.Start, s.End)
		for v, t := range toks {
			if t.word && isVerb(t.text) && v > 0 {
				if at := subjectOf(toks, v); at.named && !quoted(at.pos) {
					ms = append(ms, mention{who: at.who, para: s.Paragraph})
					speakers[at.who.surname()] = true
				}
			}
		}
		if len(toks) > 0 && toks[0].word && !quoted(toks[0].start) {
			phrase, _ := namePhraseForward(toks, 0)
			if p, ok := personFrom(phrase); ok && (p.gender != 0 || titled(phrase)) {
				openers = append(openers, mention{who: p, para: s.Paragraph})
			} else if ok {
				openers = append(openers, mention{who: p, para: -1 - s.Paragraph}) // kept if quoted elsewhere
			}
		}
	}
	for _, o := range openers {
		if o.para < 0 {
			if !speakers[o.who.surname()] {
				continue
			}
			o.para = -1 - o.para
		}
		ms = append(ms, o)
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].who.pos < ms[j].who.pos })
	return ms
}

// titled reports whether a name phrase carries an honorific or a role,
// which makes it a person: "Mr Kerry", "Mayor Ann Cole".
func titled(phrase []token) bool {
	for _, t := range phrase {
		if isHonorific(t.text) || !isAllCaps(t.text) && inSet(roleWords, t.text) {
			return true
		}
	}
	return false
}

// recentMention returns the person last mentioned before pos within two
// paragraphs, skipping people whose title says the pronoun cannot be
// theirs.
func recentMention(ms []mention, pos, para int, gender byte) (person, bool) {
	for i := sort.Search(len(ms), func(i int) bool { return ms[i].who.pos >= pos }) - 1; i >= 0; i-- {
		m := ms[i]
		if m.para < para-2 {
			break
		}
		if gender != 0 && m.who.gender != 0 && m.who.gender != gender {
			continue
		}
		return m.who, true
	}
	return person{}, false
}

// tokensIn returns the tokens lying within [from, to) of the text toks
// was made from.
func tokensIn(toks []token, from, to int) []token {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].start >= from })
	j := i
	for j < len(toks) && toks[j].end <= to {
		j++
	}
	return toks[i:j:j]
}
