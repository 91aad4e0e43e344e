package search

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Answer typing. "When" wants a date or a day, "where" a place, "how
// many" a figure, "how long" a duration, "why" a reason, "who" a person:
// a passage that holds what the question asks for, near its words, is a
// better answer than one that only shares them. Months and years in the
// question ("in May 2013", "in 2017") restrict the answer in time: a
// passage from an article of that time, or that names it, comes first.

// answerType is what a question asks for.
type answerType int

const (
	anyAnswer answerType = iota
	dateAnswer
	placeAnswer
	numberAnswer
	durationAnswer
	reasonAnswer
	personAnswer
)

// questionType reads what a question asks for from its first words
// (lower case).
func questionType(lower []string) answerType {
	lower = lower[leadIn(lower):]
	for i, w := range lower {
		next := ""
		if i+1 < len(lower) {
			next = lower[i+1]
		}
		switch w {
		case "when":
			return dateAnswer
		case "where":
			return placeAnswer
		case "why":
			return reasonAnswer
		case "who", "whom":
			if !sayWords[next] {
				return personAnswer
			}
			return anyAnswer
		case "how":
			switch next {
			case "many", "much":
				return numberAnswer
			case "long":
				return durationAnswer
			}
			if measureWords[next] {
				return numberAnswer
			}
		case "what", "which":
			switch {
			case dateNouns[next]:
				return dateAnswer
			case placeNouns[next]:
				return placeAnswer
			case next == "reason", next == "cause", next == "caused":
				return reasonAnswer
			case w == "which" && next != "" && !questionWords[next] && !sayWords[next]:
				// "which company", "which architect": a name
				return personAnswer
			}
		}
		if i >= 2 { // the question word leads, or follows "so" or "and"
			break
		}
	}
	return anyAnswer
}

// leadStarts open a time phrase a member may put before the question
// word: "in the first days of the search why couldnt the divers get to
// them", "a few days after the crash what did the prosecutors say", "the
// next year why did the appeal court change it to murder".
var leadStarts = setOf("in", "on", "at", "after", "before", "during", "within", "since", "by", "once",
	"a", "an", "the", "that", "this", "few", "two", "three", "several", "months", "weeks", "days", "years")

// maxLeadIn is the longest time phrase before a question word.
const maxLeadIn = 8

// leadIn is where the question word stands when a time phrase opens the
// question (see leadStarts); 0 otherwise.
func leadIn(lower []string) int {
	if len(lower) == 0 || !leadStarts[lower[0]] && !isNumber(lower[0]) {
		return 0
	}
	for i := 1; i+1 < len(lower) && i <= maxLeadIn; i++ {
		// a question word opens the question when a verb or "many",
		// "much" follows it; in "on the day when the ship sank what did
		// the captain do" the first "when" belongs to the time phrase
		if next := lower[i+1]; askingWords[lower[i]] && (leadFollowers[next] || measureWords[next]) {
			return i
		}
	}
	return 0
}

// leadFollowers follow a question word that opens a question.
var leadFollowers = setOf("did", "does", "do", "was", "were", "is", "are", "has", "have", "had", "will", "would",
	"can", "could", "should", "many", "much", "exactly", "else",
	"didnt", "doesnt", "dont", "wasnt", "werent", "isnt", "arent", "couldnt", "wouldnt", "shouldnt", "cant", "wont",
	"hasnt", "havent", "hadnt", "didn't", "couldn't", "wasn't", "weren't", "isn't", "don't", "doesn't")

// dateNouns and placeNouns after "what" or "which" name the answer's
// type; measuredNouns after "how much" name what the figure measures.
var (
	dateNouns     = setOf("day", "days", "date", "dates", "time", "year", "month", "week")
	placeNouns    = setOf("country", "countries", "city", "cities", "town", "towns", "place", "places", "port", "island", "region", "village", "hospital")
	measuredNouns = setOf("money", "cash")
	// genericPlaces name no kind of place an answer would repeat: asked
	// "which hospital", an answer says "Chiang Rai hospital"; asked
	// "which countries", it says "the US, China and Australia".
	genericPlaces = setOf("country", "countries", "place", "places")
)

// typeNouns marks the words of lower that only name the answer's type:
// "what time of day did it run aground", "which countries sent divers",
// "how much money did Egypt ask for". The answer says "on Tuesday
// morning", "the US, China and Australia", "$916m": such a word is the
// question's shape, not its topic, and must not count against a passage
// for lacking it.
func typeNouns(lower []string, mark map[int]bool) {
	for i := 0; i+1 < len(lower); i++ {
		// "which country's divers" asks which country as "which country" does
		w, next := lower[i], strings.TrimSuffix(strings.TrimSuffix(lower[i+1], "'s"), "’s")
		switch {
		case (w == "what" || w == "which") && (dateNouns[next] || genericPlaces[next]):
			mark[i+1] = true
			if dateNouns[next] && i+3 < len(lower) && lower[i+2] == "of" && dateNouns[lower[i+3]] {
				mark[i+3] = true // "what time of day"
			}
		case w == "much" && i > 0 && lower[i-1] == "how" && measuredNouns[next]:
			mark[i+1] = true
		}
	}
}

var (
	months = `jan(?:uary|vier|uar|eiro|uari)?|feb(?:ruary|braio|ruari)?|f[ée]vrier|febrero|fevereiro|m[aä]r(?:ch|s|z|zo|ço)?|maart|apr(?:il|ile)?|avril|abril|may|mai|mayo|maggio|maio|mei|june?|juin|juni|junio|giugno|junho|july?|juillet|juli|julio|luglio|julho|aug(?:ust|ustus)?|ao[uû]t|agosto|sept?(?:ember)?|septembre|septiembre|settembre|setembro|oct(?:ober)?|octobre|oktober|octubre|ottobre|outubro|nov(?:ember)?|novembre|noviembre|novembro|dec(?:ember)?|d[ée]cembre|dezember|diciembre|dicembre|dezembro`
	// the weekdays of the seven languages, with the part of the day German
	// and Dutch write into them (Dienstagvormittag, maandagavond)
	weekdays = `(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|` +
		`segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)` +
		`(?:morgen|vormittag|mittag|nachmittag|abend|nacht|ochtend|middag|avond)?`

	placeKinds = `coast|island|isla|île|insel|port|harbou?r|canal|cave|grotte|höhle|cueva|grotta|mountains?|province|provincia|region|région|village|city|town|sea|river|strait|gulf|bay|district|county|airport|aéroport|hospital|hôpital|cathedral|` +
		// where someone lives, works or is held: "Lubitz's Düsseldorf apartment"
		`apartment|flat|house|home|building|street|road|avenue|square|hotel|church|school|station|prison|court|camp|base|` +
		// and where things lie: "the Great Bitter Lake", "the Myanmar border"
		`lake|forest|valley|borders?|beach|bridge|park|lagoon|channel|waterway`

	// clockTimes ("6:50", "18h50", "8 am"), numericDates ("15/04/2019")
	// and dayWords ("yesterday", "hier", "gestern") are dates to the day
	// or finer, in both dateRE and dayRE.
	clockTimes   = `\b\d{1,2}(?::|h|\.)\d\d\b|\b\d{1,2} ?(?:am|pm)\b`
	numericDates = `\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b`
	dayWords     = `yesterday|today|tonight|overnight|tomorrow|o'clock|a\.m\.|p\.m\.|hier|aujourd'hui|gestern|heute|ayer|anoche|hoy|ieri|oggi|stanotte|stamattina|ontem|hoje|gisteren|vandaag|vannacht|vanavond|vanochtend|vanmorgen`

	dateRE = regexp.MustCompile(`(?i)\b(?:` + months + `|` + weekdays + `)\b|` + clockTimes + `|\b(?:19|20)\d\d\b|` + numericDates + `|\b(?:` + dayWords + `|(?:last|next) (?:week|month|year|night)|this (?:morning|week|month|year))\b`)

	// dayRE is a date to the day or finer: a weekday, a day of a month, a
	// time of day, "yesterday". A bare year or month ("built in 2018", "in
	// March") is a date too, but seldom what "when did it happen" asks.
	dayRE = regexp.MustCompile(`(?i)\b(?:` + weekdays + `)\b|\b(?:` + months + `)\.? \d{1,2}\b|\b\d{1,2}(?:er|st|nd|rd|th|\.)?(?: de)? (?:` + months + `)\b|` + clockTimes + `|` + numericDates + `|\b(?:` + dayWords + `|last night|this (?:morning|afternoon|evening))\b`)

	// placePrepositions and placeArticles come before a place's name in
	// placeRE ("near Jindo", "dans les Alpes"); mayNamePlace reads the
	// same words.
	placePrepositions = []string{"in", "at", "near", "off", "outside", "from", "into", "to", "on", "inside", "en", "à", "au", "dans", "près",
		"im", "bei", "nahe", "nel", "nella", "vicino", "cerca", "perto", "no", "na", "em"}
	placeArticles = []string{"the", "la", "le", "les", "der", "den", "el", "il", "o", "a"}

	// placeRE finds a place: a capitalised name after a preposition of
	// place ("near Jindo", "dans les Alpes"), or a kind of place with its
	// name ("port of Mokpo", "Chiang Rai province", "Byeongpung Island").
	// A kind of place alone ("the region", "a cave") names none.
	placeRE = regexp.MustCompile(`\b(?:` + strings.Join(placePrepositions, "|") + `)\s+(?:(?:` + strings.Join(placeArticles, "|") + `)\s+)?(\p{Lu}\p{Ll}+)(\s+(?i:` + placeKinds + `)\b)?|` +
		`(?i:` + placeKinds + `)\s+(?:of|de|di|do|da|von)\s+(?:the\s+|la\s+|le\s+)?(\p{Lu}\p{Ll}+)|` +
		`(\p{Lu}\p{Ll}+)\s+((?i:` + placeKinds + `))\b`)

	durationRE = regexp.MustCompile(`(?i)\b(?:\d+(?:[.,]\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|few|dozens of|hundreds of)[\s-]+(?:full\s+)?(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|heures?|jours?|semaines?|mois|ans|années?|stunden?|tagen?|tage|wochen?|monaten?|jahren?|jahre|horas?|días|semanas?|meses|años|ore|giorni|settimane|mesi|anni|dias|anos)\b`)

	reasonRE = regexp.MustCompile(`(?i)\b(?:because|due to|owing to|as a result|result of|caused by|cause[sd]?|blamed|blame|reason|led to|after|since|so that|in order to|following|amid|parce que|à cause|en raison|wegen|weil|da |debido|porque|perché|a causa|por causa)\b`)

	personRE = regexp.MustCompile(`\p{Lu}\p{Ll}+(?:[\s-]+\p{Lu}[\p{Ll}-]+)+`)
)

// holdsAnswerType reports whether text holds what t asks for, other than
// what the question itself says: asked "where in the canal did it get
// stuck?", a sentence is not a place answer for naming the canal, nor a
// "when" answer for repeating the question's "in July".
//
// A web address in text is read as what it says: callers blank it first
// (withoutWebAddresses).
func holdsAnswerType(t answerType, text, question string) bool {
	q := strings.ToLower(question)
	fresh := func(re *regexp.Regexp) bool {
		for _, found := range re.FindAllString(text, -1) {
			if !strings.Contains(q, strings.ToLower(strings.TrimSpace(found))) {
				return true
			}
		}
		return false
	}
	switch t {
	case dateAnswer:
		return answerDate(dateRE, text, q)
	case placeAnswer:
		if !mayNamePlace(text) {
			return false
		}
		for _, m := range placeRE.FindAllStringSubmatch(text, -1) {
			name := m[1] + m[3] + m[4]
			// "on Wednesday", "in April" are times, not places
			if name == "" || dateRE.MatchString(name) || strings.Contains(q, strings.ToLower(name)) {
				continue
			}
			// "stuck in the Suez Canal", asked "where in the canal": the
			// name is the question's own place, not where in it (only a
			// kind of place after the name counts: "in Sovebir on
			// Monday", asked "where will the talks on … start", names a
			// place)
			if next := strings.ToLower(strings.TrimSpace(m[2] + m[5])); next != "" && containsWord(q, next) {
				continue
			}
			return true
		}
		return false
	case numberAnswer:
		return hasFigure(text)
	case durationAnswer:
		return fresh(durationRE)
	case reasonAnswer:
		return reasonRE.MatchString(text)
	case personAnswer:
		// a name after the sentence's first word: a capitalised first word
		// is only the start of the sentence
		if sp := strings.IndexByte(text, ' '); sp > 0 {
			for _, m := range personRE.FindAllString(text[sp:], -1) {
				if !strings.Contains(q, strings.ToLower(m)) {
					return true
				}
			}
		}
	}
	return false
}

// answerDate reports whether text holds a date re finds that could
// answer a "when" question q (lower case): not one q itself names, nor
// one that labels another event (see dateLabel).
func answerDate(re *regexp.Regexp, text, q string) bool {
	for _, m := range re.FindAllStringIndex(text, -1) {
		found := strings.ToLower(strings.TrimSpace(text[m[0]:m[1]]))
		if !strings.Contains(q, found) && !dateLabel(text, m[0], m[1], q) {
			return true
		}
	}
	return false
}

// dateLabel reports whether the date text[start:end] names another
// event as a label, between "the" and a noun: "the April 16 ferry
// disaster", "the 15 April fire", "the 2014 sinking". Such a date says
// when that event was, not when what the sentence reports happened. It
// is no label when the noun is what the question q (lower case) asks
// about ("when did notre dame catch fire": "the April 15 fire"), when it
// is a part of the day ("on the April 16 morning"), or when the sentence
// counts from it ("the day after the April 16 sinking").
func dateLabel(text string, start, end int, q string) bool {
	before := strings.Fields(text[:start])
	// a day number before the month: "the 15 April fire"
	if n := len(before); n > 0 && isDayNumber(before[n-1]) {
		before = before[:n-1]
	}
	n := len(before)
	if n == 0 || !strings.EqualFold(strings.TrimLeft(before[n-1], "(\"“‘'"), "the") {
		return false
	}
	if n >= 2 && strings.EqualFold(before[n-2], "on") {
		return false // "on the April 16 morning"
	}
	if n >= 3 && timeLinks[strings.ToLower(before[n-2])] && timeUnits[strings.ToLower(before[n-3])] {
		return false // "the day after the April 16 sinking"
	}
	after := strings.Fields(text[end:])
	// a day number or a year after the month: "the April 16 ferry disaster"
	if len(after) > 0 && (isDayNumber(strings.TrimRight(after[0], ",")) || isYear(strings.TrimRight(after[0], ","))) {
		after = after[1:]
	}
	if len(after) == 0 {
		return false
	}
	noun := strings.ToLower(strings.TrimRight(after[0], ".,;:!?\"”’)"))
	if r, _ := utf8.DecodeRuneInString(noun); !unicode.IsLower(r) || partsOfDay[noun] {
		return false
	}
	return !sharesStem(noun, q)
}

// sharesStem reports whether a word of q begins with the first four
// letters of word, or word with q's word's: "fire" and "fire", "sinking"
// and "sink".
func sharesStem(word, q string) bool {
	if len(word) < 4 {
		return false
	}
	for _, w := range strings.Fields(q) {
		w = strings.Trim(w, ".,;:!?")
		if len(w) >= 4 && (strings.HasPrefix(word, w[:4]) && strings.HasPrefix(w, word[:4])) {
			return true
		}
	}
	return false
}

// isDayNumber reports whether s is a day of a month: "16", "16th".
func isDayNumber(s string) bool {
	s = strings.TrimRight(s, "stndrh")
	n, err := strconv.Atoi(s)
	return err == nil && n >= 1 && n <= 31
}

// webAddressRE is a web address written out in a text.
var webAddressRE = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+`)

// withoutWebAddresses is text with its web addresses blanked: the date,
// figures and names in a link ("…/world/live/2018/jul/04/thailand-cave-…")
// are not what the sentence says, and scraped pages end in "read the
// original at <link>".
func withoutWebAddresses(text string) string {
	if !containsFold(text, "http") && !containsFold(text, "www.") {
		return text
	}
	return webAddressRE.ReplaceAllString(text, " ")
}

// containsFold reports whether text holds the lower-case ASCII word w in
// any case, without lower-casing text (a passage is checked per question).
func containsFold(text, w string) bool {
	for i := 0; i+len(w) <= len(text); i++ {
		if strings.EqualFold(text[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// vagueDate reports whether the only date text holds, other than the
// question's own, is a year, a month or a week: asked when something
// happened, a passage that names the day ranks above one that names only
// the year.
func vagueDate(text, question string) bool {
	return !answerDate(dayRE, text, strings.ToLower(question))
}

// vagueDateWeight is what a passage holding only a vague date keeps of
// the date type's weight.
const vagueDateWeight = 0.75

// typeWeight is what holding, or lacking, the wanted answer type does to
// a passage's score. A figure, a date, a duration or a place is seldom in
// an answer by chance, and a passage without one seldom answers; reasons
// and names are looser signs.
func typeWeight(t answerType, holds bool) float64 {
	switch t {
	case anyAnswer:
		return 1
	case reasonAnswer, personAnswer:
		if holds {
			return 1.3
		}
		return 0.85
	}
	if holds {
		return 1.6
	}
	return 0.6
}

// timeQualifier is a month or year the question names, to prefer
// answers from then.
type timeQualifier struct {
	month time.Month // 0 when none
	year  int        // 0 when none
	words []string   // how the text may name it, lower case
}

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// parseTimeQualifier finds "in May", "in May 2013", "in 2017", "of 2014"
// among the question's words. "May" only counts after "in"/"of"/"since"/
// "by"/"until" or before a year: otherwise it is the verb.
func parseTimeQualifier(words []word) timeQualifier {
	var tq timeQualifier
	for i, w := range words {
		lw := strings.ToLower(w.text)
		prev := ""
		if i > 0 {
			prev = strings.ToLower(words[i-1].text)
		}
		next := ""
		if i+1 < len(words) {
			next = words[i+1].text
		}
		if m, ok := monthNames[lw]; ok && isCapitalised(w.text) || ok && (prev == "in" || prev == "of" || prev == "since" || prev == "by" || prev == "until" || isYear(next)) {
			if lw == "may" && !(prev == "in" || prev == "of" || prev == "since" || prev == "by" || prev == "until" || isYear(next)) {
				continue
			}
			tq.month = m
			tq.words = append(tq.words, strings.ToLower(time.Month(m).String()))
		}
		if isYear(w.text) {
			tq.year = atoiYear(w.text)
			tq.words = append(tq.words, w.text)
		}
	}
	return tq
}

func isYear(s string) bool {
	return len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) && strings.Trim(s, "0123456789") == ""
}

func atoiYear(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// matches reports whether an article published at t, or a passage whose
// text is text, is from the time the question names.
func (tq timeQualifier) matches(published time.Time, text string) bool {
	if tq.month == 0 && tq.year == 0 {
		return false
	}
	if !published.IsZero() && (tq.month == 0 || published.Month() == tq.month) && (tq.year == 0 || published.Year() == tq.year) {
		return true
	}
	low := strings.ToLower(text)
	for _, w := range tq.words {
		if !strings.Contains(low, w) {
			return false
		}
	}
	return len(tq.words) > 0
}

// A figure counting what the question counts ("90 divers" for "how many
// divers took part in getting them out") answers it more surely than any
// other figure near the question's words.
const countedWeight = 1.5

// countsGroup reports whether terms (a passage's, analysed) hold a figure
// followed, within three terms, by one of g's: "90 divers", "more than 400
// firefighters", "12 Thai boys".
func countsGroup(terms []string, g termGroup) bool {
	for i, t := range terms {
		if !isFigureTerm(t) {
			continue
		}
		for _, next := range terms[i+1 : min(len(terms), i+4)] {
			if slices.Contains(g.terms, next) {
				return true
			}
		}
	}
	return false
}

// numberWords are figures written out, as the analyser leaves them.
var numberWords = setOf("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelv", "twelve", "twenti", "thirti", "forti", "fifti", "sixti", "seventi", "eighti", "nineti",
	"dozen", "hundr", "hundred", "thousand", "million", "billion")

func isFigureTerm(t string) bool {
	return t != "" && t[0] >= '0' && t[0] <= '9' || numberWords[t]
}

// A name set beside a word of the question answers "who was the captain"
// or "which architect designed it" more surely than a name elsewhere in
// the sentence: "captain Lee Joon-seok", "the captain, Lee Joon-seok,",
// "French architect Eugène Viollet-le-Duc".
const namedBesideWeight = 1.5

// appositionRE is a name at the start of what follows a word: after a
// comma, "the" or nothing.
var appositionRE = regexp.MustCompile(`^(?:,\s*)?(?:the\s+)?(\p{Lu}\p{Ll}+(?:[\s-]+\p{Lu}[\p{Ll}-]+)+)`)

// nameBeforeRE is a name set before a description: "Lee Joon-seok, the
// ship's captain", "Lee Joon-seok, 69, the captain".
var nameBeforeRE = regexp.MustCompile(`(\p{Lu}\p{Ll}+(?:[\s-]+\p{Lu}[\p{Ll}-]+)+),\s+(?:\d+,\s+)?(?:the|a|an|its|their|his|her)\s+(?:[\p{L}-]+(?:'s|’s)?\s+){0,2}$`)

// namesBeside reports whether text holds a name, other than the
// question's, right after one of the question's content words (own
// words, not related ones).
func (ix *Index) namesBeside(pq question, text string) bool {
	want := map[string]bool{}
	for _, g := range pq.groups {
		if len(g.name) == 0 {
			for _, t := range g.terms {
				want[t] = true
			}
		}
	}
	if len(want) == 0 {
		return false
	}
	q := strings.ToLower(pq.text)
	for _, tok := range ix.an.text.Analyze([]byte(text)) {
		if !want[string(tok.Term)] || tok.End > len(text) {
			continue
		}
		after := text[tok.End:min(len(text), tok.End+80)]
		after = strings.TrimLeft(after, " ")
		if m := appositionRE.FindStringSubmatch(after); m != nil && !strings.Contains(q, strings.ToLower(m[1])) {
			return true
		}
		// "Lee Joon-seok, the ship's captain": the name before the word
		before := text[max(0, tok.Start-80):tok.Start]
		if m := nameBeforeRE.FindStringSubmatch(before); m != nil && !strings.Contains(q, strings.ToLower(m[1])) {
			return true
		}
	}
	return false
}

// containsWord reports whether lower-case text holds word as a whole word.
func containsWord(text, word string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if w == word {
			return true
		}
	}
	return false
}

// roleQuestionRE asks who holds a role: "who was the captain", "who is
// the air traffic controller". Its answer is a name; a sentence without
// one says only that the role exists ("the captain pounded on the door").
// ("Who was Lubitz" asks for a description, and any sentence may hold it.)
var roleQuestionRE = regexp.MustCompile(`(?i)^\s*(?:so\s+|and\s+)?who(?:'s|’s|\s+is|\s+was|\s+were|\s+are)\s+(?:the|a|an|that|this)\s`)

func asksWhoHoldsRole(question string) bool { return roleQuestionRE.MatchString(question) }
