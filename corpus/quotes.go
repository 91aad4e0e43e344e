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
	spans := markSpans(text, from, to, para, false)
	if len(spans) == 0 && strings.ContainsRune(text[from:to], '‘') && !strings.ContainsFunc(text[from:to], isDoubleQuote) {
		// British style: ‘…’ quotes, in a paragraph with no double marks.
		spans = markSpans(text, from, to, para, true)
	}
	return spans
}

// markSpans pairs the paragraph's double quote marks, or with single its
// curly single marks ‘…’ (a straight ' is an apostrophe too often to say).
func markSpans(text string, from, to, para int, single bool) []quoteSpan {
	var spans []quoteSpan
	open := -1
	nested := false // a single mark opened inside the open quote
	for i := from; i < to; {
		r, n := utf8.DecodeRuneInString(text[i:to])
		if !single && open >= 0 && isSingleMark(r) {
			// `"The co-pilot is alone in the cockpit,' said prosecutor
			// Brice Robin. "While he is alone …"`: a single mark after a
			// comma, before the attribution, closes a quote opened with a
			// double one (a typing slip) unless it closes a quote nested
			// in it (`"He said 'stop,' and left," she said`). Missed, the
			// attribution is read as quoted words and the quote after it
			// goes to whoever was named before.
			before, _ := utf8.DecodeLastRuneInString(text[from:i])
			after, _ := utf8.DecodeRuneInString(text[i+n : to])
			switch {
			case (unicode.IsSpace(before) || isOpenContext(before) || isDoubleQuote(before) || before == '«') && unicode.IsLetter(after):
				// `"'Stop,' he said to me, and I stopped," Ann Cole
				// recalled`: a quote nested at the start opens too
				nested = true
			case before == ',' || before == '!' || before == '?':
				if nested {
					nested = false
				} else if slipCloses(text[i+n : to]) {
					spans = appendSpan(spans, text, open, i, i+n, para, false)
					open = -1
				}
			}
			i += n
			continue
		}
		if single && r != '‘' && r != '’' || !single && !isDoubleQuote(r) {
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
		canOpen := (unicode.IsSpace(before) || isOpenContext(before)) && !unicode.IsSpace(after) ||
			// `selon lui."La tour …`: a straight mark with no space after
			// a sentence's end, before a capital, opens the next one.
			!single && r == '"' && open < 0 && isTerminal(before) && unicode.IsUpper(after)
		// A nested quote may end just before: `flüstern: 'horrible'", so Bach`.
		nestedEnd := before == '\'' || before == '’'
		canClose := !unicode.IsSpace(before) && (!isOpenContext(before) || nestedEnd) && (unicode.IsSpace(after) || unicode.IsPunct(after) || after == ' ')
		switch r {
		case '‘':
			canClose = false
		case '’':
			// Between letters it is an apostrophe: "don’t".
			canOpen, canClose = false, !unicode.IsLetter(before) || !unicode.IsLetter(after)
			canClose = canClose && !unicode.IsSpace(before) && (unicode.IsSpace(after) || unicode.IsPunct(after))
		case '“':
			// German quotes open low and close high: „Nie sind wir …“.
			canOpen, canClose = true, open >= 0 && strings.HasPrefix(text[open:], "„")
		case '„', '«', '‟':
			canOpen, canClose = true, false
		case '”', '»':
			canOpen, canClose = false, true
		}
		switch {
		case open >= 0 && canClose:
			spans = appendSpan(spans, text, open, i, i+n, para, false)
			open = -1
		case canOpen:
			open, nested = i, false
		}
		i += n
	}
	// A quote left open runs on into the next paragraph, when it opens
	// its paragraph or follows its attribution: `Castaner said on
	// Twitter: "Horrendous images …`.
	if open >= 0 && (strings.TrimSpace(text[from:open]) == "" || strings.HasSuffix(strings.TrimSpace(text[from:open]), ":")) {
		spans = appendSpan(spans, text, open, to, to, para, true)
	}
	return spans
}

// slipCloses reports whether rest, what follows a single mark after a
// comma inside a double-quoted quote, is an attribution: a space, then a
// reporting verb ("said", "says", "told" …) or a pronoun and one.
func slipCloses(rest string) bool {
	if !strings.HasPrefix(rest, " ") {
		return false
	}
	words := strings.Fields(rest)
	if len(words) == 0 {
		return false
	}
	first := strings.Trim(words[0], ".,;:")
	if inSet(reportingVerbs, first) {
		return true
	}
	return inSet(subjectPronouns, first) && len(words) > 1 && inSet(reportingVerbs, strings.Trim(words[1], ".,;:"))
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

// findQuotes extracts the article's direct quotes and their speakers from
// its quote spans. A quotation its attribution interrupts (`"…," she
// said. "…"`) is one quote.
func findQuotes(a *Article, spans []quoteSpan) []Quote {
	if len(spans) == 0 {
		return nil
	}
	r := &quoteReading{a: a, toks: tokenize(a.Text, 0), spans: spans}
	phrases := namePhrases(r.toks)
	r.phrases = phrases
	r.readAttributions()
	quotes := r.statements()
	titled := collectTitled(a, r.toks, phrases, r.attrs)
	r.resolveTitles(titled)
	r.giveSpeakers(quotes, collectNames(phrases), collectMentions(a, r.toks, r.attrs, spans, titled))
	r.carryBack(quotes)
	return quotes
}

// quoteReading is what findQuotes learns of an article's quote spans, one
// entry per span, and of the quotes they make.
type quoteReading struct {
	a       *Article
	toks    []token
	spans   []quoteSpan
	phrases []namedPhrase // the text's name phrases that name a person

	attrs     []attribution // what attributes each span; titles resolved by resolveTitles
	follows   []attribution // the attribution after each span alone
	partial   []bool
	byTitle   []bool // attrs[i] is the person a title names
	noSpeaker []bool // attrs[i] is a title naming no one the article introduced
	// described[i] is that title's head when it describes rather than
	// ranks ("the expert", "the architect"): it may mean the one person
	// its paragraph has named.
	described []string

	first, last []int // the first and last span of each quote
}

// readAttributions reads each span's attribution: after it, else before
// it in its sentence (since the last quote, then in the whole sentence),
// else inside its marks, else closing its sentence; and whether it is
// partial.
func (r *quoteReading) readAttributions() {
	a, toks, spans := r.a, r.toks, r.spans
	r.attrs = make([]attribution, len(spans))
	r.follows = make([]attribution, len(spans))
	r.partial = make([]bool, len(spans))
	for i, s := range spans {
		sent := a.Sentences[sentenceAt(a.Sentences, s.start)]
		prefixFrom := sentenceStory(a, sent)
		if i > 0 && spans[i-1].para == s.para && spans[i-1].close > prefixFrom {
			prefixFrom = spans[i-1].close
		}
		prefix := a.Text[prefixFrom:max(prefixFrom, s.open)]
		suffixTo := a.Paragraphs[s.para].End
		if closeSent := sentenceAt(a.Sentences, max(s.close-1, 0)); closeSent >= 0 && a.Sentences[closeSent].End < suffixTo && a.Sentences[closeSent].End > s.close {
			suffixTo = a.Sentences[closeSent].End
		}
		if i+1 < len(spans) && spans[i+1].para == s.para && spans[i+1].open < suffixTo {
			suffixTo = spans[i+1].open
		}
		r.follows[i] = attributeAfter(tokensIn(toks, s.close, max(s.close, suffixTo)))
		r.attrs[i] = r.follows[i]
		if !r.attrs[i].found() {
			r.attrs[i] = attributeBefore(tokensIn(toks, prefixFrom, prefixFrom+len(prefix)))
		}
		if !r.attrs[i].found() {
			r.attrs[i] = r.attributeSentenceBefore(i, sentenceStory(a, sent))
		}
		if !r.attrs[i].found() {
			r.attrs[i] = attributeInside(tokensIn(toks, s.start, s.end))
		}
		if !r.attrs[i].found() && !isTerminal(lastRune(a.Text[s.start:s.end])) {
			r.attrs[i] = attributeTrailing(tokensIn(toks, s.close, max(s.close, suffixTo)))
		}
		if !r.attrs[i].found() {
			r.attrs[i] = colonSubject(tokensIn(toks, prefixFrom, prefixFrom+len(strings.TrimRightFunc(prefix, unicode.IsSpace))))
		}
		continued := prefixFrom > sentenceStory(a, sent) // the sentence began with an earlier quote
		r.partial[i] = isPartial(a.Text[s.start:s.end], prefix, tokensIn(toks, prefixFrom, prefixFrom+len(prefix)), continued)
	}
}

// statements makes the quotes: runs of spans joined across the
// attribution that interrupts them.
func (r *quoteReading) statements() []Quote {
	var quotes []Quote
	for i := 0; i < len(r.spans); i++ {
		j := i
		for j+1 < len(r.spans) && interrupts(r.toks, r.spans, r.follows, j) {
			j++
		}
		s := r.spans[i]
		quotes = append(quotes, Quote{
			Start: s.start, End: r.spans[j].end, Paragraph: s.para,
			Sentence: sentenceAt(r.a.Sentences, s.start), Partial: r.partial[i],
		})
		r.first = append(r.first, i)
		r.last = append(r.last, j)
		i = j
	}
	return quotes
}

// resolveTitles turns "the minister said" into the person introduced
// with that title, among titled.
func (r *quoteReading) resolveTitles(titled []mention) {
	r.byTitle = make([]bool, len(r.attrs))
	r.noSpeaker = make([]bool, len(r.attrs))
	r.described = make([]string, len(r.attrs))
	for i, at := range r.attrs {
		if at.title == nil {
			continue
		}
		if named, ok := nameAfterTitle(r.toks, at.pos); ok {
			// `said the captain of the port Tom Hughes`: the title has a
			// complement the reading did not take, then the name. It is
			// Tom Hughes, never the captain the article named before.
			r.attrs[i] = named
			continue
		}
		if p, ok := titledBefore(titled, at.title, at.gender, at.pos); ok {
			p.pos = at.pos
			r.attrs[i] = attribution{who: p, named: true, pos: at.pos}
			r.byTitle[i] = true
		} else {
			// Someone introduced in words this reading does not tie to
			// the title: no speaker, and no new person either.
			if head := at.title[len(at.title)-1]; len(at.title) == 1 && !inSet(roleWords, head) && !inSet(foreignRoles, head) {
				r.described[i] = head
			}
			r.attrs[i] = attribution{pos: at.pos}
			r.noSpeaker[i] = true
		}
	}
}

// nameAfterTitle reads a full name (two name words or more) that follows
// the title standing at byte pos, within its clause: past the title's
// words in lower case and its complement ("of the port", "del puerto"),
// before any comma or end of sentence.
func nameAfterTitle(toks []token, pos int) (attribution, bool) {
	j := sort.Search(len(toks), func(k int) bool { return toks[k].start >= pos })
	for end := min(len(toks), j+maxTitleWords); j < end && toks[j].word; j++ {
		if !isNameWord(toks[j].text) {
			continue
		}
		if j > 0 && (inSet(complementWords, toks[j-1].text) || inSet(determiners, toks[j-1].text)) {
			// "the governor of Chiang Rai Narongsak Osottanakorn": a
			// place may open the capitalised words; the other rules read
			// those, or give no one
			return attribution{}, false
		}
		phrase, _ := namePhraseForward(toks, j)
		if at := named(phrase); at.named && len(at.who.words) >= 2 && !at.who.org {
			return at, true
		}
		return attribution{}, false
	}
	return attribution{}, false
}

// maxTitleWords bounds a title with its complement before a name: "the
// deputy captain of the port of".
const maxTitleWords = 10

// giveSpeakers names each quote's speaker from its attribution, the
// people mentioned before it and the names the article knows.
func (r *quoteReading) giveSpeakers(quotes []Quote, known names, mentions []mention) {
	a, toks, spans := r.a, r.toks, r.spans
	for k := range quotes {
		q, i := &quotes[k], r.first[k]
		at, s := r.attrs[i], spans[i]
		switch {
		case isTitle(a.Text[q.Start:q.End]) && !r.follows[i].named && r.follows[i].pronoun == 0:
			// `as he spoke to "CBS This Morning"`, `the so-called "Geneva
			// 2" talks`: a name in quotes is nobody's words. (Unless
			// someone is said to have said it: `nur "Hypothesen", betonte
			// Staatsanwalt Rémy Heitz`, German capitalising its nouns.)
			// It is a piece of the reporter's sentence, wherever it stands
			// in it (`schrieb „The Korea Herald“.` ends one): shown alone
			// as a quote, a newspaper's name passes for someone's words.
			q.Partial = true
		case at.named && r.byTitle[i]:
			q.Speaker, q.Attribution = known.canonical(at.who), AttributedPronoun
		case at.named:
			q.Speaker, q.Attribution = known.canonical(at.who), AttributedExplicit
		case at.pronoun != 0 && k > 0 && quotes[k-1].Speaker != "" && quotes[k-1].Paragraph == q.Paragraph &&
			goesOn(tokensIn(toks, at.pos, at.pos+maxGoOnBytes)):
			// `"…", a décrit Adul Sam-On, l'enfant qui … "…", a-t-il
			// ajouté`: who goes on is the paragraph's last speaker, whoever
			// else was spoken of between.
			q.Speaker, q.Attribution = quotes[k-1].Speaker, AttributedCarried
		case at.pronoun != 0:
			g := at.pronoun
			if g == anyGender {
				g = 0
			}
			if p, ok := recentMention(mentions, min(at.pos, s.open), s.para, g); ok {
				q.Speaker, q.Attribution = known.canonical(p), AttributedPronoun
				mentions = mentionedAgain(mentions, p, min(at.pos, s.open), s.para)
			}
		case r.described[i] != "":
			// `Richard Marlet … told Euronews that … "…," the expert
			// said`: the one person the paragraph named.
			if p, ok := soleMention(mentions, s.open, s.para); ok && r.onlyNamed(p, known, a.Paragraphs[s.para].Start, s.open) {
				q.Speaker, q.Attribution = known.canonical(p), AttributedPronoun
			}
		case at.unnamed || r.noSpeaker[i]:
			// "a spokesman said", "officials said": someone the article
			// does not name, not whoever it named last.
		case !q.Partial && i > 0 && spans[i-1].para == s.para && k > 0 && quotes[k-1].Speaker != "" &&
			!otherSubject(toks, spans[i-1].close, s.open, quotes[k-1].Speaker):
			// "…," he said, adding: "…": the same speaker goes on.
			q.Speaker, q.Attribution = quotes[k-1].Speaker, AttributedCarried
		case !q.Partial && (quoteParagraph(a, s) || wholeSentence(a, s, q.Sentence)) && !verbAfter(a, toks, spans[r.last[k]]):
			if p, ok := recentMention(mentions, s.open, s.para, 0); ok {
				q.Speaker, q.Attribution = known.canonical(p), AttributedCarried
				mentions = mentionedAgain(mentions, p, s.open, s.para)
			}
		case q.Partial && k > 0 && quotes[k-1].Speaker != "" && quotes[k-1].Sentence == q.Sentence &&
			fragmentGoesOn(toks, spans[r.last[k-1]].close, s.open) && !verbAfter(a, toks, spans[r.last[k]]):
			// `Macron called it a "terrible tragedy" and a "wound for
			// the nation"`: a second fragment of the same sentence.
			q.Speaker, q.Attribution = quotes[k-1].Speaker, AttributedCarried
		}
	}
}

// onlyNamed reports whether p is the only person the text [from, to)
// names: `Marlet told Euronews that Cole had seen …` names two. A single
// word is a person when the article gives someone that surname in full
// or a title ("Euronews" is not).
func (r *quoteReading) onlyNamed(p person, known names, from, to int) bool {
	for _, np := range r.phrases {
		if at := r.toks[np.start].start; at < from || at >= to || !hasCapitalisedName(np.who) {
			continue
		}
		if len(np.who.words) < 2 && np.who.gender == 0 && len(np.who.roles) == 0 && len(known.full[np.who.surname()]) == 0 {
			continue
		}
		if np.who.surname() != p.surname() {
			return false
		}
	}
	return true
}

// fragmentGoesOn reports whether the words [from, to) between two
// quoted fragments of one sentence go on with the first one's speaker: a
// few words ("and a", "pour l'Égypte"), no one named, no verb and no
// clause of its own ("but the opposition was" may be anyone's).
func fragmentGoesOn(toks []token, from, to int) bool {
	gap := tokensIn(toks, from, to)
	words := 0
	for _, t := range gap {
		if !t.word {
			if t.text != "," && !isDoubleQuote(firstRune(t.text)) && t.text != "«" && t.text != "»" {
				return false
			}
			continue
		}
		words++
		if isVerb(t.text) || isNameWord(t.text) || inSet(clauseWords, t.text) && !strings.EqualFold(t.text, "and") ||
			inSet(conjunctions, t.text) && !inSet(andWords, t.text) {
			return false
		}
	}
	return words > 0 && words <= 3
}

// andWords say "and" in the languages news is read in.
var andWords = setOf(`and et y e und en`)

// isTitle reports whether quoted words are a name or a title rather than
// speech: a few words, each capitalised or a number ("CBS This Morning",
// "Geneva 2", "The Korea Herald").
func isTitle(quoted string) bool {
	words := strings.Fields(quoted)
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	for _, w := range words {
		r := firstRune(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return len(words) > 1 || !strings.ContainsAny(quoted, ".!?")
}

// carryBack gives a quote left open at its paragraph's end the speaker of
// the next paragraph's opening quote, which goes on with it and whose
// attribution is the whole quotation's: `"The first part …` / `"… ends
// here," Dunn said.`
func (r *quoteReading) carryBack(quotes []Quote) {
	for k := len(quotes) - 2; k >= 0; k-- {
		q, next := &quotes[k], quotes[k+1]
		if !r.spans[r.last[k]].unclosed || next.Paragraph != q.Paragraph+1 || !quoteParagraph(r.a, r.spans[r.first[k+1]]) ||
			q.Speaker != "" && q.Attribution != AttributedCarried {
			continue
		}
		switch {
		case next.Speaker != "":
			q.Speaker, q.Attribution = next.Speaker, AttributedCarried
		case r.attrs[r.first[k+1]].unnamed || r.noSpeaker[r.first[k+1]]:
			q.Speaker, q.Attribution = "", ""
		}
	}
}

// attributeInside reads an attribution set inside the quote marks
// between commas, as French sets it: `« Nous nous battons contre le
// temps, a assuré le gouverneur Narongsak Osottanakorn. Le tunnel … »`,
// `“Le 15 avril, a-t-il raconté, on regardait …”`. toks are the quoted
// words; the attribution follows a comma with its verb, auxiliary or
// clitic pronoun first.
func attributeInside(toks []token) attribution {
	for k := 1; k+1 < len(toks); k++ {
		if toks[k].text != "," || !toks[k+1].word {
			continue
		}
		w := toks[k+1].text
		verb := isVerb(w) || isAuxAt(toks, k+1) && k+2 < len(toks) && isVerb(toks[k+2].text) ||
			cliticPronoun(w) != 0 && (isVerb(cliticVerb(w)) || verbFollows(toks, k+2))
		if !verb || !unicode.IsLower(firstRune(w)) {
			continue
		}
		end := k + 2
		for end < len(toks) && toks[end].text != "." && toks[end].text != "," && toks[end].text != ";" {
			end++
		}
		if at := attributeAfter(toks[k:end]); at.named || at.pronoun != 0 && at.pronoun != anyGender {
			return at
		}
	}
	return attribution{}
}

// interrupts reports whether spans[i] and spans[i+1] are one quotation
// that an attribution interrupts: `"We will not reopen," she said. "Not
// this year."` or `"The money would help," she said, "but …"`. Between
// them stands only the attribution that follows spans[i] (a few words,
// ending the sentence at most once, at its end), and spans[i+1] is not
// given a speaker of its own that may be someone else.
func interrupts(toks []token, spans []quoteSpan, follows []attribution, i int) bool {
	s, next := spans[i], spans[i+1]
	if s.para != next.para || s.unclosed || !follows[i].found() {
		return false
	}
	gap := tokensIn(toks, s.close, next.open)
	words, verbs := 0, 0
	for k, t := range gap {
		if t.word {
			words++
			// `"…," Cole said, and Dunn replied: "…"`: a second clause,
			// perhaps a second speaker.
			if verbs > 0 && inSet(clauseWords, t.text) {
				return false
			}
			if isVerb(t.text) || inSet(reportingParticiples, t.text) {
				verbs++
			}
			continue
		}
		if k < len(gap)-1 && (isTerminal(firstRune(t.text)) || isDoubleQuote(firstRune(t.text))) {
			return false
		}
	}
	// The attribution ends before the next part opens: `she said, "…"`,
	// not `she said, adding that prices would "…"`.
	if len(gap) == 0 || gap[len(gap)-1].word || words > maxInterruptionWords || verbs > 1 {
		return false
	}
	if f := follows[i+1]; f.found() && !sameSpeaker(follows[i], f) &&
		!(f.pronoun != 0 && goesOn(tokensIn(toks, next.close, next.close+32))) {
		return false
	}
	return true
}

// goesOn reports whether the attribution toks opens with says the speaker
// went on: `"…," he added`. A pronoun that replies or answers may be
// someone else.
func goesOn(toks []token) bool {
	for k := 0; k < len(toks) && k < 4; k++ {
		if toks[k].word && inSet(goOnVerbs, toks[k].text) {
			return true
		}
	}
	return false
}

var goOnVerbs = setOf(`added adds continued continues ajouté ajoute poursuivi poursuit añadió añade
agregó agrega aggiunto aggiunge ergänzte ergänzt acrescentou acrescenta`)

// maxGoOnBytes bounds the text after a pronoun read for a verb of going
// on: "a-t-il encore ajouté".
const maxGoOnBytes = 48

// maxInterruptionWords bounds the attribution between two parts of one
// quotation: "she said", "Mr Kerry, the US secretary of state, told
// reporters in Paris".
const maxInterruptionWords = 14

// reportingParticiples introduce a further statement after an
// attribution: `Dunn said, adding: "…"`.
var reportingParticiples = setOf(`adding saying noting insisting explaining warning arguing stressing
telling asking
ajoutant expliquant estimant jugeant soulignant affirmant précisant assurant
añadiendo explicando asegurando señalando afirmando agregando
aggiungendo spiegando sottolineando affermando
acrescentando dizendo afirmando`)

// clauseWords open a clause of its own after an attribution.
var clauseWords = setOf(`and but while whereas as before after when because although though who
which where whom whose then`)

// sameSpeaker reports whether two attributions plainly name the same
// speaker: the same pronoun, or names with the same surname.
func sameSpeaker(a, b attribution) bool {
	switch {
	case a.pronoun != 0 || b.pronoun != 0:
		return a.pronoun == b.pronoun
	case a.named && b.named:
		return a.who.surname() == b.who.surname()
	}
	return false
}

// otherSubject reports whether the text [from, to) between two quotes has
// a reporting verb whose subject is named and is not speaker: `"…,"
// Gauck said. Kraft said the families should know: "…"`.
func otherSubject(toks []token, from, to int, speaker string) bool {
	gap := tokensIn(toks, from, to)
	for v, t := range gap {
		if t.word && isVerb(t.text) && v > 0 {
			if at := subjectOf(gap, v); at.named && !fits(at.who.words, strings.Fields(speaker)) {
				return true
			}
		}
	}
	return false
}

// verbAfter reports whether a reporting verb follows the quote s in the
// rest of its sentence: an attribution this reading could not parse
// (`"…", pero no sirvió de nada, dijo por su parte Ekkapol Chantawong`),
// which may name anyone, so the quote is not carried from the last
// speaker.
func verbAfter(a *Article, toks []token, s quoteSpan) bool {
	end := a.Sentences[sentenceAt(a.Sentences, max(s.close-1, 0))].End
	for _, t := range tokensIn(toks, s.close, max(s.close, end)) {
		if t.word && isVerb(t.text) {
			return true
		}
	}
	return false
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
	p := a.Paragraphs[s.para]
	return strings.TrimSpace(a.Text[storyStart(a.Text, p.Start, p.End):s.open]) == ""
}

// sentenceStory returns where the sentence's own words start: after the
// dateline when it opens its paragraph with one ("PARIS — …").
func sentenceStory(a *Article, s Sentence) int {
	if p := a.Paragraphs[s.Paragraph]; s.Start == p.Start {
		return min(storyStart(a.Text, p.Start, p.End), s.End)
	}
	return s.Start
}

// wholeSentence reports whether the quote is a sentence of its own, marks
// and final punctuation aside: `Mr Kerry was blunt. "It will not work."`.
func wholeSentence(a *Article, s quoteSpan, sentence int) bool {
	sent := a.Sentences[sentence]
	if strings.TrimSpace(a.Text[sentenceStory(a, sent):s.open]) != "" {
		return false
	}
	end := sentenceAt(a.Sentences, max(s.close-1, 0))
	rest := a.Text[s.close:max(s.close, a.Sentences[end].End)]
	return !hasLetterOrDigit(rest)
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
