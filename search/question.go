package search

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"
)

// A question is text, never query syntax: it is split into words here and
// every query is built from analysed terms with term and phrase queries, so
// "+", "-", "*", "?", "/regex/", "field:value" and the like are just
// punctuation.

// question is a parsed question.
type question struct {
	text        string      // cleaned question, as echoed back
	groups      []termGroup // content terms; enough of them must match
	phrases     [][]string  // adjacent content terms, for proximity boosts
	speakers    []string    // known speakers the question names
	quoted      []string    // words the question puts in quotation marks
	wantsQuote  bool        // "what did X say …"
	wantsNumber bool        // "how many …"
	money       bool        // "how much money …", "how much did they pay": a sum
	answer      answerType  // what the question asks for
	when        timeQualifier
	counted     int // the group "how many" counts ("how many divers"); -1 for none
}

// termGroup is one content word of the question. It matches a passage when
// any of terms is in it, or all of parts (a hyphenated word's pieces), or,
// for a speaker's name, when the quote is attributed to that speaker.
type termGroup struct {
	word    string
	terms   []string
	parts   []string
	name    []string      // name-analysed tokens for the speaker field
	related []relatedTerm // words the lexicon relates to word, weighted below it
	idf     float64       // how telling the word is in this index; set by weigh
	bridge  bool          // a common word, not a name or a figure: worth relating
	// light: a phrasal verb of a verb that carries little ("get out",
	// "get to"): it tells less of the question than its idf says
	light bool
	// optional: a word that only places the question in time ("that
	// night", "a year later"; see timePhraseWords): a passage holding it
	// gains, one without it loses nothing
	optional bool
}

// core is how many of q's groups a passage is measured against: all but
// the optional ones.
func (q question) core() int {
	n := 0
	for _, g := range q.groups {
		if !g.optional {
			n++
		}
	}
	return n
}

// required is how many of n content groups a passage must match: all of
// one or two, then all but a third. One shared word is not an answer.
func required(n int) int { return n - n/3 }

// cleanQuestionText removes control and zero-width characters and
// collapses white space.
func cleanQuestionText(s string) string {
	// One form of each accented letter, as pages are read: "Marti\u0301nez"
	// typed with a combining accent is the Martínez the coverage names.
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	csi := 0 // inside a terminal escape sequence ESC [ params final: bytes left to skip
	for i, r := range s {
		switch {
		case csi == 2: // the '['
			csi = 1
			continue
		case csi == 1: // parameters, up to the final byte
			if r >= 0x40 && r <= 0x7e {
				csi = 0
			}
			continue
		case r == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// pasted terminal colours ("\x1b[31m") are not words
			csi = 2
			continue
		}
		switch {
		case r == utf8.RuneError, isInvisible(r):
			continue
		case unicode.IsSpace(r), unicode.IsControl(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// normaliseQuestion cleans a question and checks its length.
func normaliseQuestion(raw string) (string, error) {
	if len(raw) > 64*MaxQuestionLength { // don't even clean megabytes
		return "", fmt.Errorf("%w (%d bytes; at most %d characters): ask a shorter question", ErrQuestionTooLong, len(raw), MaxQuestionLength)
	}
	text := cleanQuestionText(raw)
	if n := utf8.RuneCountInString(text); n > MaxQuestionLength {
		return "", fmt.Errorf("%w (%d characters; at most %d): ask a shorter question", ErrQuestionTooLong, n, MaxQuestionLength)
	}
	if strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return "", ErrEmptyQuestion
	}
	return text, nil
}

// questionWords carry the shape of a question, not its topic.
var questionWords = setOf(
	"what", "who", "whom", "whose", "where", "when", "why", "how", "which",
	"do", "does", "did", "done", "doing", "is", "are", "was", "were", "be", "been", "being",
	"will", "would", "can", "could", "should", "shall", "may", "might", "must",
	"has", "have", "had", "having", "there", "their", "they", "them", "it", "its",
	"a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about",
	"regarding", "concerning", "over", "into", "and", "or", "but", "not", "no", "any",
	"me", "us", "we", "you", "i", "he", "she", "his", "her", "please", "tell", "show", "give",
	"find", "know", "known", "many", "much", "number", "anything", "something", "everything",
	"happen", "happened", "happening", "going", "news", "story", "latest", "report",
	"reported", "reports", "according", "mention", "mentioned", "exactly", "actually",
	"this", "that", "these", "those", "so", "if", "than", "then", "also", "just", "still",
	"think", "thinks", "thought", "get", "got", "make", "made", "let",
	// How members talk: indefinite pronouns, hedges and intensifiers carry
	// no topic ("did anybody die", "what actually happened", "where
	// exactly did it go down", "how did they finally get out").
	"anybody", "anyone", "somebody", "someone", "everybody", "everyone", "nobody", "people's",
	"actually", "really", "exactly", "finally", "even", "ever", "all", "very", "too", "quite",
	"basically", "apparently", "supposedly", "ok", "okay", "guys", "anyway", "yet", "again",
	"stuff", "thing", "things", "kind", "sort", "lot", "lots", "way", "whole",
	// Chat fillers and asks ("like how long is it", "list pls", "can
	// someone list everyone who helped") and the little words of set
	// phrases ("along with", "apart from", "instead of", "supposed to",
	// "able to", "whether"): the topic is elsewhere.
	"like", "pls", "plz", "please", "tbh", "btw", "lol", "idk", "anyways", "kinda", "sorta",
	"along", "apart", "instead", "whether", "supposed", "able", "bit", "altogether", "quick",
	// Particles and quantifiers of casual phrasing ("open back up", "for
	// other ships"): the answer says "resumed", not "back".
	"back", "up", "out", "off", "down", "other", "others", "some", "more", "most", "such", "own", "same",
	"ones",
	// Contractions typed without their apostrophe ("why couldnt the
	// captain get back in"): the analyser keeps them as words no article
	// prints. ("whats", "whos" … are their question word: typedShort.)
	"dont", "didnt", "doesnt", "isnt", "wasnt", "werent", "arent", "couldnt", "wouldnt", "shouldnt",
	"hasnt", "havent", "hadnt", "wont", "cant", "aint", "im", "ive", "youre", "theyre", "theyve", "thats",
)

// sayOccasion marks the words of the clause after "say when" (or "say
// after", "say to them when"): "what did the pinaults say when they
// pledged their money" asks for their words, which seldom repeat the
// occasion; a passage that names it gains, one that does not loses
// nothing (see timePhraseWords).
//
// Only a question asking for the words does so ("what did …", "how did
// … put it"): "did macron say when notre dame would reopen" asks about the
// reopening, and "what did police say about when the ship sank" about the
// sinking.
func sayOccasion(lower []string, optional map[int]bool) {
	if len(lower) == 0 {
		return
	}
	if first := lower[leadIn(lower)]; first != "what" && first != "how" {
		return
	}
	for i := 1; i < len(lower); i++ {
		if !occasionOpeners[lower[i]] || topicLinks[lower[i-1]] ||
			!(sayWords[lower[i-1]] || i >= 2 && sayWords[lower[i-2]] || i >= 3 && sayWords[lower[i-3]]) {
			continue
		}
		for k := i; k < len(lower); k++ {
			optional[k] = true
		}
		return
	}
}

// occasionOpeners start a clause that says when something was said.
var occasionOpeners = setOf("when", "after", "before", "once", "while", "as")

// topicLinks before such a clause make it what was said: "say about when
// the ship sank".
var topicLinks = setOf("about", "of", "on", "whether", "regarding")

// asksMoney reports whether a question asks for a sum of money: "how
// much money", "how much cash", or "how much" and a verb of paying ("how
// much did they pledge", "how much was the ship worth").
func asksMoney(lower []string) bool {
	for i := 0; i+2 < len(lower); i++ {
		if lower[i] != "how" || lower[i+1] != "much" {
			continue
		}
		if measuredNouns[lower[i+2]] {
			return true
		}
		for _, w := range lower[i+2:] {
			if moneyVerbs[w] {
				return true
			}
		}
	}
	return false
}

// moneyVerbs say a sum changes hands or is asked for.
var moneyVerbs = setOf("pay", "paid", "pays", "paying", "pledge", "pledged", "donate", "donated", "give", "gave", "offer", "offered",
	"cost", "costs", "ask", "asked", "demand", "demanded", "raise", "raised", "spend", "spent", "lose", "lost", "owe", "owed",
	"worth", "charge", "charged", "fine", "fined", "claim", "claimed", "compensation", "get", "got", "receive", "received")

// listRequest reports whether lower[i] is "list" asking for a list
// ("list the officials who resigned", "can someone list everyone who
// helped", "what countries were they from? list pls"), not the ship's
// list ("why did the ship list").
func listRequest(lower []string, i int) bool {
	if lower[i] != "list" {
		return false
	}
	if i == 0 {
		return true
	}
	if askLeaders[lower[i-1]] || listLeaders[lower[i-1]] {
		return true
	}
	if i+1 < len(lower) {
		switch lower[i+1] {
		case "pls", "please", "plz", "all", "every", "everyone", "everything", "them", "the", "some", "any", "me", "us", "of":
			return true
		}
	}
	return false
}

// listLeaders before "list" ask for one too: "can u just list them",
// "give me a quick list of".
var listLeaders = setOf("can", "could", "just", "quick", "short", "full", "complete", "brief", "little")

// requestVerbs ask for something when they lead ("find me the quotes",
// "tell me what happened", "show everything on the fire"); after a
// subject they are what the question is about ("when did they find the
// second black box", "what did they give the families").
var requestVerbs = setOf("find", "tell", "show", "give")

// contentVerb reports whether lower[i], a question word, is a request
// verb used as the question's own verb: not first, nor after "please" or
// "you".
func contentVerb(lower []string, i int) bool {
	if !requestVerbs[lower[i]] || i == 0 {
		return false
	}
	return !askLeaders[lower[i-1]] // "can someone tell me", "could u give us"
}

// askLeaders before a request verb make it a request ("please tell",
// "can someone list", "could u give us").
var askLeaders = setOf("please", "you", "u", "pls", "plz", "and", "or", "someone", "somebody", "anyone", "anybody")

// shortQuestionWord is a question word without a contracted verb
// ("where'd", "who's", "what’s", typed or not with its apostrophe:
// "whos", "whered"): the question word, so that "who's to blame" asks
// for a person as "who is to blame" does.
func shortQuestionWord(w string) string {
	for _, end := range []string{"'d", "’d", "'s", "’s"} {
		if base, ok := strings.CutSuffix(w, end); ok && askingWords[base] {
			return base
		}
	}
	if base, ok := typedShort[w]; ok {
		return base
	}
	return w
}

// askingWords open a question.
var askingWords = setOf("what", "who", "where", "when", "why", "how", "which")

// typedShort are question words with a verb contracted and the
// apostrophe left out.
var typedShort = map[string]string{
	"whats": "what", "whos": "who", "wheres": "where", "whens": "when", "whys": "why", "hows": "how",
	"whatd": "what", "whod": "who", "whered": "where", "whend": "when", "whyd": "why", "howd": "how",
}

// casualIdioms are phrases of casual asking that name nothing: "why did
// they go into the cave in the first place", "did it help at all". Their
// words ("first", "place") would count against every answer.
var casualIdioms = regexp.MustCompile(`(?i)\b(?:in the first place|at all|by the way|or not|for real)\b`)

// asSoonAs is "the second they got out", "the minute it hit": "as soon
// as", not an ordinal or a unit of time. Only the idiom's words are
// blanked; the pronoun after them stays ("the second black box" is no
// idiom).
var asSoonAs = regexp.MustCompile(`(?i)\bthe (?:second|minute|moment) (?:that )?(?:they|it|he|she|we|you|i)\b`)

// withoutIdioms is text with its casual idioms blanked out.
func withoutIdioms(text string) string {
	blank := func(m string) string { return strings.Repeat(" ", len(m)) }
	text = casualIdioms.ReplaceAllStringFunc(text, blank)
	return asSoonAs.ReplaceAllStringFunc(text, func(m string) string {
		i := strings.LastIndexByte(m, ' ')
		return blank(m[:i]) + m[i:]
	})
}

// measureWords after "how" ask for a figure ("how long", "how far"): the
// answer says "six weeks" or "11 miles", seldom "long" or "far".
var measureWords = setOf(
	"long", "far", "old", "big", "large", "high", "deep", "tall", "wide", "heavy",
)

// sayWords ask for someone's words: prefer quotes.
var sayWords = setOf(
	"say", "says", "said", "saying", "tell", "tells", "told", "telling", "quote", "quoted",
	"quotes", "comment", "comments", "commented", "remark", "remarks", "remarked", "speak",
	"spoke", "spoken", "claim", "claims", "claimed", "statement", "statements", "react",
	"reacted", "reaction", "respond", "responded", "response", "word", "words", "think",
	"thinks", "thought", "announce", "announced", "warn", "warned", "insist", "insisted",
)

// sayOnly are say-words that carry no topic of their own.
var sayOnly = setOf(
	"say", "says", "said", "saying", "tell", "tells", "told", "telling", "quote", "quoted",
	"quotes", "comment", "comments", "commented", "remark", "remarks", "remarked", "speak",
	"spoke", "spoken", "statement", "statements", "word", "words", "think", "thinks", "thought",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// word is a word of the question with what came before it.
type word struct {
	text     string
	adjacent bool // only spaces between it and the previous word
}

// splitWords splits text into words: letters, digits, and apostrophes,
// hyphens or commas inside them ("al-Assad", "Russia's", "160,000").
func splitWords(text string) []word {
	var words []word
	rs := []rune(text)
	adjacent := false
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			if rs[i] != ' ' {
				adjacent = false
			}
			i++
			continue
		}
		j := i
		for j < len(rs) && (isWordRune(rs[j]) || isJoiner(rs[j]) && j+1 < len(rs) && isWordRune(rs[j+1]) && j > i) {
			j++
		}
		words = append(words, word{text: string(rs[i:j]), adjacent: adjacent && len(words) > 0})
		adjacent = true
		i = j
	}
	return words
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '‑', ',', '.':
		return true
	}
	return false
}

// parse turns question text into content terms and intents.
func (ix *Index) parse(text string) question {
	q := question{text: text, counted: -1}
	words := splitWords(withoutIdioms(text))
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = shortQuestionWord(strings.ToLower(w.text))
	}
	if lang := questionLanguage(lower); lang != "" {
		// "Was sagte Brice Robin?" is asked as "what said Brice Robin"
		// (see questionlang.go)
		var counts bool
		if lower, counts = inEnglishShape(lang, lower); counts {
			q.wantsNumber = true
		}
	}
	measure := map[int]bool{} // "long" in "how long": the question's shape, not its topic
	for i, w := range lower {
		if sayWords[w] {
			q.wantsQuote = true
		}
		next := ""
		if i+1 < len(lower) {
			next = lower[i+1]
		}
		if (w == "how" && (next == "many" || next == "much")) || (w == "number" && next == "of") ||
			w == "percent" || w == "percentage" || w == "toll" || w == "figure" || w == "figures" {
			q.wantsNumber = true
		}
		if w == "how" && measureWords[next] {
			q.wantsNumber = true
			measure[i+1] = true
		}
	}
	typeNouns(lower, measure)
	q.money = asksMoney(lower)
	timeWords := timePhraseWords(lower)
	sayOccasion(lower, timeWords)
	q.answer = questionType(lower)
	if q.answer == anyAnswer && q.wantsNumber {
		q.answer = numberAnswer
	}
	q.when = parseTimeQualifier(words)
	for _, span := range quotedSpans(text) {
		if len(ix.an.text.Analyze([]byte(span))) >= 2 {
			q.quoted = append(q.quoted, span)
		}
	}
	ix.mu.RLock()
	book := ix.speakers
	ix.mu.RUnlock()

	// In a question typed all in lower case, a known surname still names
	// its speaker; otherwise only a capitalised word does ("Young" the
	// minister, not "young" people).
	allLower := strings.ToLower(text) == text
	seen := map[string]bool{}
	var prevTerms []string // analysed terms of the previous kept word, for phrases
	lastWord := -1         // the word the last group came from
	taken := -1            // a word a phrasal verb before it has taken
	counting := false      // the next content word is what "how many" counts
	for i, w := range words {
		lw := lower[i]
		if i == taken {
			continue
		}
		if (lw == "many" || lw == "much") && i > 0 && lower[i-1] == "how" {
			counting = true
		}
		if g, next, ok := ix.phrasalVerb(words, lower, i, q.answer == placeAnswer); ok {
			if next >= 0 {
				taken = next
			}
			q.groups = append(q.groups, g)
			lastWord, prevTerms = i, nil
			continue
		}
		if lw == "the" || lw == "a" || lw == "an" {
			// an article between two words keeps them a phrase: "welcome
			// the union" is "welcome union" to the analyser, as in the text
			continue
		}
		if (questionWords[lw] && !contentVerb(lower, i)) || sayOnly[lw] || measure[i] || listRequest(lower, i) {
			prevTerms = nil
			continue
		}
		wt := w.text
		if i > 0 && isCapitalised(words[i-1].text) {
			if n := romanValue([]byte(wt)); n >= 2 {
				wt = fmt.Sprint(n)
			}
		}
		g := termGroup{word: w.text}
		g.terms, g.parts = classifyTokens(ix.an.text.Analyze([]byte(wt)))
		if len(g.parts) == 0 {
			g.terms = ix.withVerbForms(lw, g.terms)
		}
		names := book.lookup(bareName(lw))
		if family, ok := strings.CutSuffix(bareName(lw), "s"); ok && len(names) == 0 && len(family) > 2 &&
			i > 0 && lower[i-1] == "the" && (isCapitalised(w.text) || q.wantsQuote) {
			// "what did the pinaults say", "the Arnaults": a family by its
			// surname ("did the bells survive" names no Bell)
			if names = book.lookup(family); len(names) > 0 {
				wt = family
			}
		}
		if len(names) > 0 && (isCapitalised(w.text) || allLower) {
			q.speakers = append(q.speakers, names...)
			for _, t := range ix.an.name.Analyze([]byte(wt)) {
				g.name = append(g.name, string(t.Term))
			}
			// "Priya Nandakumar" is one person, named by her surname: her
			// quotes carry her name in the speaker field, not the text,
			// and a name must not count twice against the topic words.
			if n := len(q.groups); n > 0 && lastWord == i-1 && w.adjacent && len(q.groups[n-1].name) == 0 &&
				forenameOf(lower[i-1], names) {
				q.groups = q.groups[:n-1]
			}
		}
		if len(g.terms) == 0 && len(g.parts) == 0 && len(g.name) == 0 {
			prevTerms = nil
			continue // a stop word
		}
		g.bridge = len(g.name) == 0 && len(g.parts) == 0 && (allLower || !isCapitalised(w.text)) && !isNumber(lw)
		g.optional = timeWords[i] && len(g.name) == 0
		key := strings.Join(g.terms, "|") + "/" + strings.Join(g.parts, "|")
		if seen[key] {
			continue
		}
		seen[key] = true
		if counting && len(g.name) == 0 {
			q.counted, counting = len(q.groups), false
		}
		q.groups = append(q.groups, g)
		lastWord = i
		if w.adjacent && len(prevTerms) == 1 && len(g.terms) == 1 && len(g.parts) == 0 {
			q.phrases = append(q.phrases, []string{prevTerms[0], g.terms[0]})
		}
		prevTerms = g.terms
		if len(g.parts) > 0 {
			prevTerms = nil
		}
	}
	if q.core() == 0 {
		// "what happened that night" is about that night
		for i := range q.groups {
			q.groups[i].optional = false
		}
	}
	if len(q.groups) <= maxBridgedGroups {
		for i := range q.groups {
			if g := &q.groups[i]; g.bridge && g.related == nil {
				g.related = ix.related(strings.ToLower(g.word), g.terms)
			}
			if g := &q.groups[i]; g.bridge && !strings.Contains(g.word, " ") {
				g.related = withTranslations(g.related, ix.translated(strings.ToLower(g.word), g.terms))
			}
		}
	}
	return q
}

// maxBridgedGroups: a question with more content words than this is not
// a member's question in other words but a wall of them (a pasted
// paragraph, a hostile one); its own words are many enough, and relating
// each of them would multiply what every query walks.
const maxBridgedGroups = 12

// quotedSpans returns the stretches of text between double quotation
// marks: straight, curly or low-high.
func quotedSpans(text string) []string {
	var spans []string
	for {
		i := strings.IndexAny(text, "\"“„”")
		if i < 0 {
			return spans
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		rest := text[i+size:]
		j := strings.IndexAny(rest, "\"”“")
		if j < 0 {
			return spans
		}
		spans = append(spans, rest[:j])
		_, size = utf8.DecodeRuneInString(rest[j:])
		text = rest[j+size:]
	}
}

// forenameOf reports whether word (lower case) is a name, other than the
// surname, of one of names.
func forenameOf(word string, names []string) bool {
	for _, n := range names {
		f := strings.Fields(strings.ToLower(n))
		for _, part := range f[:max(len(f)-1, 0)] {
			if part == word {
				return true
			}
		}
	}
	return false
}

// classifyTokens sorts the tokens of one word: a hyphenated word gives its
// joined form (a term) and its pieces (parts, all needed); a plain word one
// term.
func classifyTokens(toks analysis.TokenStream) (terms, parts []string) {
	joined := -1
	for i, t := range toks {
		for j, o := range toks {
			if i != j && o.Start >= t.Start && o.End <= t.End && o.End-o.Start < t.End-t.Start {
				joined = i
			}
		}
	}
	for i, t := range toks {
		if i == joined {
			terms = append(terms, string(t.Term))
		} else {
			parts = append(parts, string(t.Term))
		}
	}
	if joined < 0 && len(parts) == 1 {
		terms, parts = parts, nil
	}
	return terms, parts
}

// bareName strips a possessive and stray quotes: "lavrov's" -> "lavrov".
func bareName(w string) string {
	w = strings.Trim(w, "'’")
	for _, suffix := range []string{"'s", "’s"} {
		w = strings.TrimSuffix(w, suffix)
	}
	return w
}

// isNumber reports whether w is written in digits.
func isNumber(w string) bool {
	return strings.IndexFunc(w, unicode.IsDigit) >= 0
}

func isCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func termQuery(field, term string, boost float64) *query.TermQuery {
	t := bleve.NewTermQuery(term)
	t.SetField(field)
	if boost != 1 {
		t.SetBoost(boost)
	}
	return t
}
