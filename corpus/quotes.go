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
		prefix := a.Text[prefixFrom:max(prefixFrom, s.open)]
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
		case !q.Partial && (quoteParagraph(a, s) || wholeSentence(a, s, q.Sentence)):
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

// wholeSentence reports whether the quote is a sentence of its own, marks
// and final punctuation aside: `Mr Kerry was blunt. "It will not work."`.
func wholeSentence(a *Article, s quoteSpan, sentence int) bool {
	sent := a.Sentences[sentence]
	if strings.TrimSpace(a.Text[sent.Start:s.open]) != "" {
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
