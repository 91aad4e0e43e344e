package search

// A "what did X say" question is best answered with X's words and X's
// name. Often the sentence that reports a quote matches the question
// better than the quote alone: `"The money is not a luxury," Mrs Calloway
// said.` holds "Calloway" and "money", while the quote passage holds only
// "money" (the name is in its speaker field, a title such as "the mayor"
// nowhere). Shown as the outlet's own words, that answer would lose who
// spoke; so the sentence gives way to the quote it reports.

// reportedQuote returns, for a sentence candidate matching a question that
// asks for someone's words, a candidate for the whole quote the sentence
// reports: a quote with a speaker (the one the question names, if it names
// one) that starts or ends in the sentence, makes up at least half of it
// and itself holds some of the question's content. nil when there is none; the sentence then answers as it is.
func (ix *Index) reportedQuote(pq question, c *candidate) *candidate {
	if c.quote || c.ref.Kind != kindSentence {
		return nil
	}
	a := c.article
	for n, q := range a.Quotes {
		if q.Partial || q.Speaker == "" || q.End <= c.start || q.Start >= c.end {
			continue
		}
		// Asked what Kerry said, `"…," Lavrov told Kerry.` stays a sentence.
		if len(pq.speakers) > 0 && !namesSpeaker(pq.speakers, q.Speaker) {
			continue
		}
		if 2*(min(q.End, c.end)-max(q.Start, c.start)) < c.end-c.start {
			continue
		}
		if checkSpan(a.Text, q.Start, q.End) != nil {
			continue
		}
		text := a.Text[q.Start:q.End]
		qc := &candidate{
			ref:     passageRef{ArticleID: a.ID, Kind: kindQuote, N: n, Print: fingerprint(text)},
			article: a, text: text, start: q.Start, end: q.End,
			quote: true, speaker: q.Speaker, score: c.score,
		}
		ix.analyseCandidate(qc)
		if !ix.aboutTopicBesidesTitle(pq, qc) {
			continue
		}
		return qc
	}
	return nil
}

// mostlyQuote reports whether the sentence c is mostly a whole quote:
// at least half of it, however the article attributes it.
func mostlyQuote(c *candidate) bool {
	for _, q := range c.article.Quotes {
		if q.Partial || q.End <= c.start || q.Start >= c.end {
			continue
		}
		if 2*(min(q.End, c.end)-max(q.Start, c.start)) >= c.end-c.start {
			return true
		}
	}
	return false
}

// aboutTopicBesidesTitle reports whether the quote qc's own words hold
// one of the question's topics, when it has any: its content words other
// than speakers' names and than the words the quote's speaker is titled
// by in the article. In "what did the mayor say", "mayor" names who spoke
// ("Mayor Ruth Calloway said: '…'"), not what about, so her quote answers
// it whatever its words; "what did the mayor say about the flood" still
// needs the flood in it.
func (ix *Index) aboutTopicBesidesTitle(pq question, qc *candidate) bool {
	found, topics := topicMatchesBesides(pq, qc, func(g termGroup) bool { return ix.titleOf(qc, g) })
	return found > 0 || topics == 0
}

// topicMatches counts the question's content groups other than speakers'
// names (topics) and how many of them c's own words hold (found).
func topicMatches(pq question, c *candidate) (found, topics int) {
	return topicMatchesBesides(pq, c, nil)
}

// topicMatchesBesides is topicMatches leaving out, when c's words lack
// them, the groups besides reports (nil: none).
func topicMatchesBesides(pq question, c *candidate, besides func(termGroup) bool) (found, topics int) {
	have := make(map[string]bool, len(c.terms))
	for _, t := range c.terms {
		have[t] = true
	}
	for _, g := range pq.groups {
		if len(g.name) > 0 {
			continue
		}
		in := groupIn(g, have)
		if g.optional && !in || !in && besides != nil && besides(g) {
			continue
		}
		topics++
		if in {
			found++
		}
	}
	return found, topics
}
