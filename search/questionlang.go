package search

import "strings"

// Questions in another language. A member following a German story asks
// "Was sagte Brice Robin?" or "Wann wurde die zweite Blackbox gefunden?".
// Read as English, its question words ("was", "wann") and its verb of
// saying ("sagte") are content words no answer holds, so a question
// naming the story's central person found nothing; or, worse, "Qu'a dit
// Carsten Spohr ?" was answered with someone else's quotes that hold
// "dit". A question whose function words are another language's is read
// in the shape of its English twin: its question words become theirs in
// English ("wann" is "when"), its verbs of saying "said", and its other
// little words are dropped, so the rules for English questions (answer
// types, quotes by a named speaker) apply. Its content words stay as
// typed and match articles in that language.

// foreignQuestionWords are the question words of the languages the
// coverage is read in, as the English word that asks the same. A count
// ("wie viele", "combien") is "much" and sets the question counting.
var foreignQuestionWords = map[string]map[string]string{
	"de": {"was": "what", "wer": "who", "wen": "who", "wem": "who", "wessen": "whose", "wann": "when",
		"wo": "where", "woher": "where", "wohin": "where", "warum": "why", "weshalb": "why", "wieso": "why",
		"weswegen": "why", "wie": "how", "viele": "many", "viel": "much", "wieviel": "much", "wieviele": "much",
		"welche": "which", "welcher": "which", "welches": "which", "welchen": "which", "welchem": "which"},
	"fr": {"que": "what", "qu": "what", "quoi": "what", "qui": "who", "quand": "when", "où": "where",
		"pourquoi": "why", "comment": "how", "combien": "much", "quel": "which", "quelle": "which",
		"quels": "which", "quelles": "which", "lequel": "which", "laquelle": "which"},
	"es": {"qué": "what", "que": "what", "quién": "who", "quiénes": "who", "cuándo": "when", "dónde": "where",
		"adónde": "where", "cómo": "how", "cuánto": "much", "cuántos": "much", "cuánta": "much",
		"cuántas": "much", "cuál": "which", "cuáles": "which"},
	"it": {"che": "what", "cosa": "what", "chi": "who", "quando": "when", "dove": "where", "perché": "why",
		"come": "how", "quanto": "much", "quanti": "much", "quanta": "much", "quante": "much",
		"quale": "which", "quali": "which"},
	"pt": {"que": "what", "quê": "what", "quem": "who", "quando": "when", "onde": "where", "porque": "why",
		"porquê": "why", "como": "how", "quanto": "much", "quantos": "much", "quanta": "much",
		"quantas": "much", "qual": "which", "quais": "which"},
	"nl": {"wat": "what", "wie": "who", "wanneer": "when", "waar": "where", "waarom": "why", "hoe": "how",
		"hoeveel": "much", "welke": "which", "welk": "which"},
}

// foreignSayWords are the verbs of saying those languages ask for
// someone's words with.
var foreignSayWords = map[string]map[string]bool{
	"de": setOf("sagte", "sagt", "sagten", "gesagt", "sagen", "erklärte", "erklärt", "meinte", "äußerte", "sprach"),
	"fr": setOf("dit", "dire", "déclaré", "déclare", "affirmé", "répondu", "réagi", "dites"),
	"es": setOf("dijo", "dice", "dicho", "dijeron", "declaró", "afirmó", "respondió", "decir"),
	"it": setOf("detto", "disse", "dice", "dichiarato", "dire", "risposto"),
	"pt": setOf("disse", "diz", "dito", "declarou", "afirmou", "dizer", "respondeu"),
	"nl": setOf("zei", "zegt", "gezegd", "verklaarde", "zeiden"),
}

// foreignAuxiliaries are forms of "be", "have" and "become" the stop
// lists leave out: "Wann wurde die Blackbox gefunden?" asks nothing of
// "wurde".
var foreignAuxiliaries = map[string]map[string]bool{
	"de": setOf("wurde", "wurden", "worden", "ist", "sind", "war", "waren", "hat", "haben", "hatte", "hatten", "wird", "werden"),
	"fr": setOf("a", "ont", "été", "est", "sont", "était", "étaient", "avait", "avaient", "sera", "t"),
	"es": setOf("fue", "fueron", "ha", "han", "es", "son", "era", "eran", "había", "habían", "sido", "está", "están"),
	"it": setOf("è", "ha", "hanno", "stato", "stata", "stati", "sono", "era", "erano", "aveva", "sarà"),
	"pt": setOf("foi", "foram", "é", "são", "tem", "têm", "era", "eram", "tinha", "sido", "está", "estão"),
	"nl": setOf("werd", "werden", "is", "zijn", "was", "waren", "heeft", "hebben", "had", "hadden", "wordt"),
}

// foreignHappenWords ask what happened, as English's "happen" does: no
// topic of their own ("Was ist passiert?" names nothing to look for).
var foreignHappenWords = map[string]map[string]bool{
	"de": setOf("passiert", "geschehen", "geschah", "passierte", "los"),
	"fr": setOf("passé", "passe", "arrivé", "produit"),
	"es": setOf("pasó", "pasado", "ocurrió", "ocurrido", "sucedió", "sucedido"),
	"it": setOf("successo", "accaduto", "capitato"),
	"pt": setOf("aconteceu", "acontecido", "passou", "ocorreu"),
	"nl": setOf("gebeurd", "gebeurde", "gebeurt"),
}

// foreignLeads may come before a question word: "O que disse …?", "Und
// was sagte …?", "Et qu'a dit …?".
var foreignLeads = setOf("o", "und", "et", "y", "e", "en", "ma", "mais", "aber", "pero", "mas", "maar")

// whyPairs are the two-word "why"s: "por qué", "por que".
var whyPairs = map[string]map[string]bool{
	"es": setOf("qué", "que"),
	"pt": setOf("que", "quê"),
}

// questionLanguage returns the language (ISO 639-1) whose function words
// the question is written in, "" for English. It must open with one of
// that language's question words or verbs of saying, and hold more of its
// little words than of English's: "Where did they come from?" holds
// Italian's "come" but is English.
func questionLanguage(lower []string) string {
	if len(lower) == 0 {
		return ""
	}
	english := 0
	for _, w := range lower {
		if questionWords[w] || sayWords[w] {
			english++
		}
	}
	best, bestScore := "", english
	opening := 0
	if len(lower) > 1 && foreignLeads[lower[0]] {
		opening = 1
	}
	for lang, qw := range foreignQuestionWords {
		first := foreignParts(lower[opening])
		_, asks := qw[first[0]]
		if !asks && !foreignSayWords[lang][first[0]] && !(first[0] == "por" && len(lower) > opening+1 && whyPairs[lang][lower[opening+1]]) {
			continue
		}
		score := 0
		for _, w := range lower {
			if foreignFunctionWord(lang, w) {
				score++
			}
		}
		// ties go to the language that knows more of the words; the
		// order of the map must not decide
		if score > bestScore || score == bestScore && best != "" && lang < best {
			best, bestScore = lang, score
		}
	}
	return best
}

// foreignParts splits an elided word ("qu'a", "l'avion") at its
// apostrophe, and an inverted verb ("a-t-on") at its hyphens.
func foreignParts(w string) []string {
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '\'' || r == '’' || r == '-' })
	if len(parts) == 0 {
		return []string{w}
	}
	return parts
}

// foreignFunctionWord reports whether w (lower case) is a question word,
// a verb of saying or of happening or a stop word of lang; an elided word when all its
// parts are, or when it opens with a question word ("qu'a", "qu'est").
func foreignFunctionWord(lang, w string) bool {
	parts := foreignParts(w)
	if _, ok := foreignQuestionWords[lang][parts[0]]; ok {
		return true
	}
	for _, p := range parts {
		// one letter is an elision (l', d', qu') or French's "t" of
		// "a-t-on"
		if len([]rune(p)) > 1 && !foreignSayWords[lang][p] && !foreignHappenWords[lang][p] && !foreignAuxiliaries[lang][p] && !foreignStopWord(lang, p) {
			return false
		}
	}
	return true
}

// inEnglishShape rewrites a question's words (lower case) in lang into the
// function words an English question would use in their place: question
// words as theirs, verbs of saying as "said", other little words as
// "the", which parse passes over. Content words are left as they are.
// counts reports whether the question asks how many.
func inEnglishShape(lang string, lower []string) (shaped []string, counts bool) {
	shaped = make([]string, len(lower))
	for i, w := range lower {
		shaped[i] = w
		parts := foreignParts(w)
		switch {
		case i > 0 && lower[i-1] == "por" && whyPairs[lang][w]:
			shaped[i] = "why"
		case foreignSayWords[lang][w]:
			shaped[i] = "said"
		case foreignHappenWords[lang][w]:
			shaped[i] = "happened"
		case foreignFunctionWord(lang, w):
			shaped[i] = "the"
			if en, ok := foreignQuestionWords[lang][parts[0]]; ok {
				shaped[i] = en
				// "wie viele" asks how many; "viele" alone ("Was sagten
				// viele Angehörige?") asks nothing of a number
				bare := parts[0] == "viele" || parts[0] == "viel"
				counts = counts || (en == "much" || en == "many") && (!bare || i > 0 && lower[i-1] == "wie")
			}
		}
	}
	return shaped, counts
}
