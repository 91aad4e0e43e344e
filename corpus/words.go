package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isClosing reports whether r closes a quotation or bracket after a
// sentence's final punctuation.
func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»', '›', '*', '_':
		return true
	}
	return false
}

func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '।', '؟':
		return true
	}
	return false
}

// endsSentence reports whether s ends like a sentence: final punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		if isClosing(r) {
			s = s[:len(s)-n]
			continue
		}
		return isTerminal(r)
	}
	return false
}

// wordStats counts a line's words and how many of them are English stop
// words, the two numbers jusText judges prose by.
type wordStats struct {
	words, stops, capitalised, digits int
	letters                           int
}

func countWords(s string) wordStats {
	var st wordStats
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		start = -1
		st.words++
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			st.capitalised++
		case unicode.IsDigit(r):
			st.digits++
		}
		if len(w) <= 10 && isStopWord(w) {
			st.stops++
		}
	}
	for i, r := range s {
		if r >= 0x2E80 && isIdeograph(r) {
			// Chinese and Japanese put no spaces between words: count each
			// character as one, which is about right for judging length.
			flush(i)
			st.words++
			st.letters++
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && (r == '\'' || r == '’' || r == '-')) {
			if unicode.IsLetter(r) {
				st.letters++
			}
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return st
}

func isIdeograph(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func (st wordStats) stopDensity() float64 {
	if st.words == 0 {
		return 0
	}
	return float64(st.stops) / float64(st.words)
}

// isStopWord reports whether w (any case) is an English stop word.
func isStopWord(w string) bool { return inSet(stopWords, w) }

// inSet reports whether w, lower-cased, is in set, without allocating:
// the cleaner asks this of every word of every line.
func inSet(set map[string]struct{}, w string) bool {
	var buf [24]byte
	if len(w) > len(buf) {
		_, ok := set[strings.ToLower(w)]
		return ok
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			_, ok := set[strings.ToLower(w)]
			return ok
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	_, ok := set[string(buf[:len(w)])]
	return ok
}

var stopWords = setOf(`a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during
each few for from further had has have having he her here hers herself him himself his how i
if in into is it its itself just me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours yourself
yourselves said says would could may might must shall upon since though although however
whether yet ever even still also already across among within without us it's he's she's
that's there's i'm we're they're don't didn't doesn't isn't wasn't won't can't`)

// foreignOpeners are other languages' adverbs and prepositions that open
// a sentence, capitalised there, and are never anyone's name: "Depuis,
// les enquêteurs ont mené « une centaine d'auditions »" was said by
// "Depuis".
var foreignOpeners = setOf(`depuis après pendant avant dans pour mais puis ensuite ainsi cependant
toutefois desde durante después antes además seit während vorher danach außerdem jedoch dopo
inoltre tuttavia però após depois além contudo sinds tijdens daarna echter bovendien`)

// reportingVerbs are the verbs that attribute speech.
var reportingVerbs = setOf(`said says say saying told tells tell added adds asked asks stated
states declared declares insisted insists explained explains noted notes warned warns argued
argues claimed claims wrote writes replied replies responded responds continued continues
recalled recalls acknowledged acknowledges admitted admits announced announces stressed
stresses urged urges suggested suggests commented comments observed observes remarked
remarks conceded concedes contended contends maintained maintains predicted predicts
cautioned cautions complained complains tweeted tweets
emphasised emphasized emphasises emphasizes confirmed confirms
insisted vowed vows pledged pledges promised promises quipped joked shouted cried
whispered recounted recounts described describes posted called expressed
déclaré dit affirmé expliqué indiqué précisé ajouté assuré souligné estimé annoncé confié
raconté martelé insisté poursuivi réagi écrit tweeté confirmé averti prévenu reconnu témoigné
commenté rappelé déploré regretté répondu décrit plaisanté promis lancé qualifié exprimé évoqué qualifie évoque déclare
assure note observe résume lâche souffle détaille glisse reconnaît admet s'exclame s'indigne affirme explique indique précise ajoute
souligne estime confie raconte insiste poursuit témoigne commente rappelle déplore regrette
dijo afirmó declaró explicó aseguró señaló indicó añadió agregó manifestó comentó advirtió
subrayó destacó apuntó relató contó escribió confirmó reconoció respondió insistió sostuvo
dicho declarado afirmado explicado asegurado señalado indicado añadido agregado manifestado
comentado advertido subrayado destacado apuntado relatado contado escrito confirmado reconocido
respondido sostenido afirma declara explica asegura señala añade agrega bromeó describió prometió calificó relata cuenta recuerda sostiene
admite reconoce lamenta expresó reiteró recordó precisó detalló
disse afirmou declarou explicou garantiu acrescentou escreveu contou comentou destacou
ressaltou informou relatou confirmou reconheceu respondeu dito diz brincou descreveu prometeu classificou qualificou conta lembra relata lembrou reiterou anunciou
detto dichiarato affermato spiegato commentato aggiunto sottolineato scritto assicurato
raccontato precisato annunciato confermato ribadito spiega aggiunge afferma sottolinea
scherzato descritto promesso definito osserva ricorda ammette sostiene riferito riferisce ricordato osservato evidenziato dice dichiara racconta
sagte sagten erklärte bestätigte betonte schrieb berichtete meinte ergänzte warnte sagt erklärt betont
scherzte beschrieb umschrieb versprach twitterte bezeichnete meint ergänzt
schildert erzählte erzählt berichtet
zei zegt verklaarde vertelde vertelt schreef aldus benadrukte grapte beschreef beloofde noemde benadrukt declarat spus
` + otherTenses)

// otherTenses completes reportingVerbs with the tense news writes the
// other way (a feature's present for a report's past, a participle for a
// present: "confirme-t-il", "a détaillé", "schreibt", "ha scritto"), with
// verbs of pleading and assuring that report speech as "said" does, and
// with verbs of praising, thanking and wishing, whose quoted words are
// the speaker's ("ha elogiato i pompieri, 'veri eroi'", "wished the group
// a 'safe and speedy recovery'"; their presents are nouns too: "thanks").
const otherTenses = `assured assures implored implores pleaded pleads reiterated reiterates
wished thanked praised hailed congratulated salué félicité remercié elogió agradeció felicitó
elogiato ringraziato lobte würdigte dankte elogiou agradeceu bedankte prees
annonce martèle réagit tweete confirme avertit prévient répond lance détaillé observé noté
glissé pointé appelé
bestätigt schreibt warnt beschreibt verspricht bezeichnet schilderte unterstrich unterstreicht
mahnte mahnt versicherte versichert bekräftigte bekräftigt forderte fordert
indica manifiesta comenta advierte subraya destaca apunta escribe confirma responde insiste
pidió pide recalcó recalca enfatizó enfatiza argumentó argumenta
scrive assicura precisa annuncia conferma ribadisce
garante acrescenta escreve ressalta reconhece lamentou sublinhou sublinha frisou frisa
verklaart schrijft belooft noemt beschrijft`

func setOf(words string) map[string]struct{} {
	m := make(map[string]struct{})
	for _, w := range strings.Fields(words) {
		m[w] = struct{}{}
	}
	return m
}

// hasLetterOrDigit reports whether s holds any letter or digit.
func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// firstRune returns the first rune of s, or 0.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

// ReportsSpeech reports whether text holds a verb that attributes speech
// ("said", "a déclaré", "sagte", "aldus") or says "according to" in a
// language news is read in: whether a sentence reports what someone said.
func ReportsSpeech(text string) bool {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	for _, w := range words {
		if inSet(reportingVerbs, w) || inSet(accordingWords, w) {
			return true
		}
	}
	return strings.Contains(strings.ToLower(text), "according to")
}
