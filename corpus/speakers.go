package corpus

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of the article text.
type token struct {
	text       string
	start, end int // byte offsets in the text tokenised
	word       bool
}

// tokenize splits s into words (letters, digits, inner apostrophes,
// hyphens and periods, so "al-Assad", "Kerry's" and "U.S" stay whole) and
// single punctuation marks; base is added to every offset.
func tokenize(s string, base int) []token {
	out := make([]token, 0, len(s)/4+1) // about a token per four bytes of English
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += n2
					continue
				}
				if r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' {
					r3, _ := utf8.DecodeRuneInString(s[min(j+n2, len(s)):])
					if j+n2 < len(s) && (unicode.IsLetter(r3) || unicode.IsDigit(r3)) {
						j += n2
						continue
					}
				}
				break
			}
			out = append(out, token{text: s[i:j], start: base + i, end: base + j, word: true})
			i = j
		default:
			out = append(out, token{text: s[i : i+n], start: base + i, end: base + i + n})
			i += n
		}
	}
	return out
}

// person is a name found in the text: the words of the name itself
// (titles and roles stripped) and what its honorific says of gender.
type person struct {
	words  []string
	gender byte // 'm', 'f' or 0 when unknown
	pos    int  // offset of the name in the article text
	// roles are the role words the text gives the person ("Foreign
	// Minister Sergei Lavrov", "Cho Man-yong, a coast guard spokesman"),
	// as roleKey gives them.
	roles []string
	org   bool // an organisation, never "he" or "she"
}

// addRoles adds the words of a description of p ("Foreign Minister", "a
// coast guard spokesman", "lead prosecutor") as roles, and the gender it
// gives when p's title gave none.
func (p *person) addRoles(desc []token) {
	for _, t := range desc {
		if t.word && !isAllCaps(t.text) && (isRoleNoun(t.text) || unicode.IsLower(firstRune(t.text))) &&
			!inSet(determiners, t.text) && !inSet(npStops, t.text) {
			p.roles = append(p.roles, roleKey(t.text))
		}
	}
	if p.gender == 0 {
		p.gender = nounGender(desc)
	}
}

// hasRoles reports whether p was introduced with every role in title. A
// leader is whoever leads: a president, a prime minister, a chancellor.
func (p person) hasRoles(title []string) bool {
	for _, r := range title {
		if !slices.Contains(p.roles, r) && !(r == "leader" && slices.ContainsFunc(p.roles, isLeader)) {
			return false
		}
	}
	return len(title) > 0
}

func isLeader(role string) bool { return inSet(leaderRoles, role) }

var leaderRoles = setOf(`president prime premier chancellor king queen emir sultan pope chief head
governor mayor président présidente presidente presidenta präsident präsidentin bundespräsident
bundespräsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin`)

func (p person) surname() string {
	if len(p.words) == 0 {
		return ""
	}
	return surnameKey(p.words[len(p.words)-1])
}

func surnameKey(w string) string {
	w = strings.ToLower(w)
	for _, p := range []string{"al-", "el-", "al ", "bin "} {
		w = strings.TrimPrefix(w, p)
	}
	return w
}

var honorifics = map[string]byte{
	"mr": 'm', "mrs": 'f', "ms": 'f', "miss": 'f', "dr": 0, "prof": 0, "sir": 'm', "dame": 'f',
	"lord": 'm', "lady": 'f', "king": 'm', "queen": 'f', "prince": 'm', "princess": 'f',
	"sheikh": 'm', "father": 'm', "sister": 'f', "rev": 0, "mme": 'f', "mlle": 'f',
	// French "M. Robin", German "Frau Merkel", Spanish "Sra. Díaz".
	"m": 'm', "herr": 'm', "frau": 'f', "sr": 'm', "sra": 'f', "mgr": 'm',
	// "the Hon Ann Clerk": a courtesy title, no given name.
	"hon": 0,
}

// roleWords precede a name without being part of it: "US Secretary of
// State John Kerry", "Russian Foreign Minister Sergei Lavrov", and a job
// written as a title, "Headteacher Bob Grant" (jobTitles).
var roleWords = setOf(jobTitles + ` president minister secretary state foreign prime deputy vice chief spokesman
spokeswoman spokesperson ambassador envoy general gen senator sen governor gov mayor chancellor
pope judge justice director chairman chairwoman chair commissioner leader head officer
commander colonel col captain capt lieutenant lt sergeant sgt admiral adm professor doctor
representative rep congressman congresswoman councillor councilman councilwoman superintendent
inspector detective constable sheriff premier executive founder coach manager editor
correspondent analyst economist aide adviser advisor official interior defence defense finance
affairs home trade health attorney station assistant acting former ayatollah emir sultan
president-elect ceo cfo cto mp mep general-secretary secretary-general undersecretary
under-secretary spokesmen officials minister-president crown
präsident präsidentin bundespräsident bundespräsidentin ministerpräsident ministerpräsidentin
kanzler kanzlerin bundeskanzler bundeskanzlerin minister ministerin innenminister
innenministerin außenminister außenministerin bürgermeister bürgermeisterin sprecher sprecherin
staatsanwalt staatsanwältin oberstaatsanwalt leiter leiterin chef chefin bischof erzbischof
präses pfarrer pfarrerin direktor direktorin vorsitzender vorsitzende rechtsanwalt rechtsanwältin
anwalt anwältin korrespondent korrespondentin ingenieur ingenieurin experte expertin
botschafter botschafterin kapitän kapitänin kommissar kommissarin ermittler ermittlerin
burgemeester woordvoerder woordvoerster voorzitter directeur
archbishop bishop cardinal pastor rector reverend`)

// nameParticles are lower-case words inside names.
var nameParticles = setOf(`al bin ibn de del della van von der den da di du la le dos das`)

// isNameWord reports whether a word can be part of a name phrase: a
// capitalised word that is not a sentence-opening stop word, or
// "al-Assad"-style particles.
func isNameWord(w string) bool {
	r := firstRune(w)
	if unicode.IsUpper(r) {
		return !isStopWord(w) && !inSet(accordingWords, w) && !inSet(foreignOpeners, w) || len(w) <= 2 && isAllCaps(w)
	}
	if i := strings.IndexByte(w, '-'); i > 0 && i+1 < len(w) {
		if _, ok := nameParticles[w[:i]]; ok {
			return unicode.IsUpper(firstRune(w[i+1:]))
		}
	}
	return false
}

func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

func isHonorific(w string) bool {
	_, ok := honorificGender(w)
	return ok && unicode.IsUpper(firstRune(w))
}

// Honorific reports whether w, in any case and without a full stop, is a
// title written before a name ("Mr", "frau", "Sra"): no part of the name,
// for whoever looks a speaker up.
func Honorific(w string) bool {
	_, ok := honorificGender(w)
	return ok
}

// honorificGender looks w up in honorifics, any case, without allocating:
// it is asked of every word of every name phrase.
func honorificGender(w string) (byte, bool) {
	var buf [8]byte // "princess"
	if len(w) > len(buf) {
		return 0, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return 0, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	g, ok := honorifics[string(buf[:len(w)])]
	return g, ok
}

// isRole reports whether w is a title, a role or an acronym such as "US".
func isRole(w string) bool {
	if isAllCaps(w) && !strings.Contains(w, "-") {
		return true
	}
	// "ZDF-Korrespondentin", "Vice-President"
	if i := strings.LastIndexByte(w, '-'); i > 0 && i+1 < len(w) && inSet(roleWords, w[i+1:]) {
		return true
	}
	return inSet(roleWords, w) || isCompoundRole(w)
}

// jobTitleWords are jobTitles as a set: roles only before a name (jobAsName).
var jobTitleWords = setOf(jobTitles)

// roleAt reports whether phrase[i] is a role in the name phrase: isRole,
// except a job title standing where a surname does (jobAsName).
func roleAt(phrase []token, i int) bool {
	return isRole(phrase[i].text) && !jobAsName(phrase, i)
}

// jobAsName reports whether phrase[i] is a capitalised job title
// (jobTitles, or one ending a hyphenated word) with no name word after it
// in the phrase, standing alone or after a given name or an honorific:
// then it is a name, as many jobs are common surnames ("Paul Nurse", "Ann
// Clerk", "Mr Warden", "Jane Smith-Teacher", and "Nurse added" once the
// article has named her). Only before a name is it a title: "Nurse Jane
// Doe". After a role or a word that qualifies a job ("County Coroner",
// "Senior Lecturer", "Head Teacher") it ends a title that names no one.
// The older ranks and offices of roleWords ("Vice President", "Mayor")
// keep their reading wherever they stand.
func jobAsName(phrase []token, i int) bool {
	w := phrase[i].text
	if !unicode.IsUpper(firstRune(w)) {
		return false // "the nurse": a description
	}
	if h := strings.LastIndexByte(w, '-'); h > 0 && h+1 < len(w) {
		if qualifiesJob(w[:h]) {
			return false // "Vice-Principal", "Head-Teacher"
		}
		w = w[h+1:]
	}
	if !inSet(jobTitleWords, w) {
		return false
	}
	if i+1 < len(phrase) && phrase[i+1].word && isNameWord(phrase[i+1].text) {
		return false // "Nurse Jane Doe"
	}
	return i == 0 || isHonorific(phrase[i-1].text) || !qualifiesJob(phrase[i-1].text)
}

// describedJob reports whether phrase, after the word before, describes
// someone by a job rather than naming them: an article or a possessive,
// then a job that jobAsName would read as a surname, alone or after one
// word placing it ("said the Harrow Coroner", "our Kent Lecturer"). A
// name takes no article, but an article may open a title before a full
// name: an honorific, or two words before the job, make the phrase a name
// ("the Rev Paul Nurse", "the Reverend Ann Clerk").
func describedJob(before string, phrase []token) bool {
	if !inSet(jobArticles, before) || len(phrase) == 0 || len(phrase) > 2 {
		return false
	}
	for _, t := range phrase {
		if isHonorific(t.text) {
			return false
		}
	}
	return jobAsName(phrase, len(phrase)-1)
}

// jobArticles open a description of a job, never a name.
var jobArticles = setOf(`the a an our their its his my your`)

// qualifiesJob reports whether w, before a job, is part of its title
// rather than a given name: a role or title ("Deputy", "Nurse", "US"), a
// word that ranks or places a job ("Senior", "County", "Head"), or an
// organisation's noun ("Council", "Hospital").
func qualifiesJob(w string) bool {
	return isRole(w) || inSet(jobQualifiers, w) || inSet(orgWords, w) || inSet(institutions, w)
}

// isCompoundRole reports whether w is a German or Dutch compound ending
// in a role, written as one capitalised word before a name:
// "Polizeisprecher", "Notfallseelsorgerin", "Oberstudiendirektor". A few
// letters must come before the role, so "Administer" is no minister.
func isCompoundRole(w string) bool {
	if !unicode.IsUpper(firstRune(w)) {
		return false
	}
	l := strings.ToLower(w)
	for _, suffix := range compoundRoles {
		if rest, ok := strings.CutSuffix(l, suffix); ok && utf8.RuneCountInString(rest) >= 3 {
			return true
		}
	}
	return false
}

// compoundRoles end the German and Dutch compounds isCompoundRole reads.
var compoundRoles = strings.Fields(`sprecher sprecherin minister ministerin direktor direktorin
präsident präsidentin leiter leiterin seelsorger seelsorgerin pfarrer pfarrerin anwalt anwältin
bürgermeister bürgermeisterin kommandant kommandantin korrespondent korrespondentin chef chefin
vorsitzender vorsitzende woordvoerder woordvoerster burgemeester meister meisterin ingenieur
ingenieurin schafter schafterin experte expertin kommissar kommissarin ermittler ermittlerin`)

// personFrom picks the person out of a name phrase: the words after the
// last role word or honorific, with any possessive dropped.
func personFrom(phrase []token) (person, bool) {
	for len(phrase) > 1 && inSet(mediaNames, phrase[0].text) {
		phrase = phrase[1:] // `ha escrito en Twitter Pedro Sánchez`
	}
	if named, ok := titledBeforeOf(phrase); ok {
		phrase = named
	}
	var p person
	start := 0
	for i, t := range phrase {
		if roleAt(phrase, i) || isHonorific(t.text) || strings.EqualFold(t.text, "of") || isElided(t.text) {
			start = i + 1
		}
	}
	if start > 0 {
		if g, ok := honorificGender(phrase[start-1].text); ok && isHonorific(phrase[start-1].text) {
			p.gender = g
		}
		p.addRoles(phrase[:start])
	}
	for _, t := range phrase[start:] {
		w := strings.TrimSuffix(strings.TrimSuffix(t.text, "'s"), "’s")
		if utf8.RuneCountInString(w) == 1 && unicode.IsUpper(firstRune(w)) {
			w += "." // an initial: "George W. Bush"
		}
		if _, ok := nameParticles[w]; ok && len(p.words) == 0 {
			continue
		}
		p.words = append(p.words, w)
	}
	if len(p.words) == 0 || len(p.words) > 4 {
		return person{}, false
	}
	p.pos = phrase[start].start
	return p, true
}

// titledBeforeOf returns the name between the last title and an "of" that
// follows a name: "Station Commander Tomasz Wilk of Harrow Valley Fire" is
// Tomasz Wilk, of an organisation. ok is false for any other phrase
// ("Secretary of State John Kerry", "Friends of Syria").
func titledBeforeOf(phrase []token) ([]token, bool) {
	title := -1
	for i, t := range phrase {
		switch {
		case strings.EqualFold(t.text, "of"):
			if title >= 0 && i > title+1 && !roleAt(phrase, i-1) && !isHonorific(phrase[i-1].text) {
				return phrase[:i], true
			}
		case roleAt(phrase, i) || isHonorific(t.text):
			title = i
		}
	}
	return nil, false
}

// namePhraseForward collects the name phrase starting at toks[i]: name
// words, roles, honorifics (with their periods), particles and "of"
// between capitalised words. It returns the phrase and the index after it.
func namePhraseForward(toks []token, i int) ([]token, int) {
	j := i
	var phrase []token
	for j < len(toks) {
		t := toks[j]
		switch {
		case t.word && (isNameWord(t.text) || isRole(t.text)):
			phrase = append(phrase, t)
		case t.word && len(phrase) > 0 && strings.EqualFold(t.text, "of") &&
			j+1 < len(toks) && toks[j+1].word && isNameWord(toks[j+1].text):
			phrase = append(phrase, t)
		case t.word && len(phrase) > 0 && particleAfter(phrase[len(phrase)-1].text, t.text) && !roleNoun(phrase[len(phrase)-1].text):
			// "de Vries", "von der Leyen": particles, then a name word.
			// (After a role in lower case they are its complement:
			// "woordvoerder van de Notre-Dame André Filot".)
			m := j + 1
			for m < len(toks) && m < j+3 && toks[m].word && particleAfter(toks[m-1].text, toks[m].text) {
				m++
			}
			if m == len(toks) || !toks[m].word || !isNameWord(toks[m].text) {
				return phrase, j
			}
			phrase = append(phrase, toks[j:m]...)
			j = m - 1
		case t.text == "." && len(phrase) > 0 && (isHonorific(phrase[len(phrase)-1].text) || utf8.RuneCountInString(phrase[len(phrase)-1].text) == 1):
			// "Mr. Kerry", "John F. Kerry"
		default:
			return phrase, j
		}
		j++
	}
	return phrase, j
}

// namePhraseBackward collects the name phrase ending at toks[i].
func namePhraseBackward(toks []token, i int) ([]token, int) {
	j := i
	for j >= 0 {
		t := toks[j]
		switch {
		case t.word && (isNameWord(t.text) || isRole(t.text)):
		case t.word && j < i && (strings.EqualFold(t.text, "of") || particleAfter(toks[max(j-1, 0)].text, t.text)) && j > 0 && toks[j-1].word && (isNameWord(toks[j-1].text) || isRole(toks[j-1].text)):
		case t.text == "." && j < i && j > 0 && toks[j-1].word && (isHonorific(toks[j-1].text) || utf8.RuneCountInString(toks[j-1].text) == 1):
		default:
			return wordsOnly(toks[j+1 : i+1]), j
		}
		j--
	}
	return wordsOnly(toks[:i+1]), -1
}

// particleAfter reports whether w, following prev, is a particle inside
// a name. "der" and "den" are only after "van" or "von" ("Ursula von der
// Leyen"); elsewhere they are German articles: `sagte Müller der
// Deutschen Presse-Agentur`.
func particleAfter(prev, w string) bool {
	if w == "der" || w == "den" {
		return prev == "van" || prev == "von"
	}
	return isParticle(w)
}

func isParticle(w string) bool {
	_, ok := nameParticles[w]
	return ok
}

func wordsOnly(toks []token) []token {
	out := make([]token, 0, len(toks))
	for _, t := range toks {
		if t.word {
			out = append(out, t)
		}
	}
	return out
}

// names canonicalises speakers within one article: "Mr Kerry", "Kerry"
// and "John Kerry" become "John F. Kerry" when the article names John F.
// Kerry, and stay "Kerry" when it never gives the full name. Two people
// sharing a surname ("Ann Cole" and "Tom Cole") leave a bare "Cole" be.
type names struct {
	full map[string][]string // surname key -> the full names printed with it, in text order
	// surnameFirst holds names written family name first with a
	// hyphenated given name, as Korean names are romanised ("Chung
	// Hong-won"), by their first word: "Chung" is Chung Hong-won.
	surnameFirst map[string]string // "" when two names share the key
}

// namedPhrase is a name phrase of the text, toks[start:next], and the
// person it names.
type namedPhrase struct {
	start, next int
	who         person
}

// namePhrases lists the name phrases of the text toks that name a person,
// in text order.
func namePhrases(toks []token) []namedPhrase {
	var out []namedPhrase
	for i := 0; i < len(toks); {
		if !toks[i].word || !isNameWord(toks[i].text) && !isRole(toks[i].text) {
			i++
			continue
		}
		phrase, next := namePhraseForward(toks, i)
		if next == i {
			i++
			continue
		}
		name, cut := withoutPlace(toks, i, phrase)
		if i > 0 && describedJob(toks[i-1].text, phrase) {
			i = next
			continue
		}
		if p, ok := personFrom(name); ok {
			out = append(out, namedPhrase{start: i + cut, next: next, who: p})
		}
		i = next
	}
	return out
}

// collectNames finds the full names (two to four name words after any
// titles and roles) among the article's name phrases.
func collectNames(phrases []namedPhrase) names {
	n := names{full: make(map[string][]string), surnameFirst: make(map[string]string)}
	for _, np := range phrases {
		p := np.who
		if len(p.words) < 2 {
			continue
		}
		full := strings.Join(p.words, " ")
		key := p.surname()
		if !slices.Contains(n.full[key], full) {
			n.full[key] = append(n.full[key], full)
		}
		if last := p.words[len(p.words)-1]; len(p.words) == 2 && strings.Contains(strings.Trim(last, "-"), "-") {
			first := surnameKey(p.words[0])
			if prev, seen := n.surnameFirst[first]; seen && prev != full {
				n.surnameFirst[first] = ""
			} else {
				n.surnameFirst[first] = full
			}
		}
	}
	return n
}

// canonical returns the name a speaker is known by in this article: the
// fullest form of the name the article prints, when every full name
// with that surname is one person.
func (n names) canonical(p person) string {
	name := strings.Join(p.words, " ")
	if p.org {
		return name
	}
	fulls := n.full[p.surname()]
	if len(fulls) == 0 && len(p.words) == 1 {
		if full := n.surnameFirst[surnameKey(p.words[0])]; full != "" {
			return full
		}
		if full := n.misspelt(p.surname()); full != "" {
			return full
		}
	}
	// The fullest name p's words fit, if the others all fit it too.
	best := ""
	for _, f := range fulls {
		if fits(p.words, strings.Fields(f)) && len(f) > len(best) {
			best = f
		}
	}
	if best == "" {
		return name
	}
	for _, f := range fulls {
		if fits(p.words, strings.Fields(f)) && !fits(strings.Fields(f), strings.Fields(best)) {
			return name // "Cole" may be Ann Cole or Tom Cole
		}
	}
	return best
}

// misspelt returns the one full name whose surname the bare surname w
// misses by a single letter left out, added or changed ("dijo Macro" in
// an article that names Emmanuel Macron), or "" when none or several do.
// Short surnames are left alone: "Park" and "Parr" may be two people.
func (n names) misspelt(w string) string {
	if utf8.RuneCountInString(w) < 5 {
		return ""
	}
	found := ""
	for key, fulls := range n.full {
		if utf8.RuneCountInString(key) < 5 || !oneEditApart(w, key) {
			continue
		}
		if len(fulls) != 1 || found != "" && found != fulls[0] {
			return "" // near several people: no telling which
		}
		found = fulls[0]
	}
	return found
}

// oneEditApart reports whether a and b differ by exactly one letter
// inserted, deleted or replaced, with the first letter the same.
func oneEditApart(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 || len(ra) == 0 || ra[0] != rb[0] {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if i == len(ra) {
		return len(rb) == len(ra)+1 // one letter added at the end
	}
	if len(ra) == len(rb) {
		return string(ra[i+1:]) == string(rb[i+1:]) // one replaced
	}
	return string(ra[i:]) == string(rb[i+1:]) // one added inside
}

// fits reports whether the name words short could be a shorter form of
// long: its words appear in long in order, the last one last, an initial
// standing for a word ("J. Kerry", "John Kerry" and "John F. Kerry").
func fits(short, long []string) bool {
	if len(short) == 0 || len(short) > len(long) || surnameKey(short[len(short)-1]) != surnameKey(long[len(long)-1]) {
		return false
	}
	j := 0
	for _, w := range short[:len(short)-1] {
		for j < len(long)-1 && !sameNameWord(w, long[j]) {
			j++
		}
		if j == len(long)-1 {
			return false
		}
		j++
	}
	return true
}

func sameNameWord(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	initial := func(w string) bool { return utf8.RuneCountInString(w) == 2 && strings.HasSuffix(w, ".") }
	return initial(a) && strings.HasPrefix(b, a[:len(a)-1]) || initial(b) && strings.HasPrefix(a, b[:len(b)-1])
}

// isElided reports whether w is a French article elided onto a noun,
// capitalised at a sentence's start: "L’amiral", "D’après".
func isElided(w string) bool {
	for _, p := range []string{"L’", "L'", "D’", "D'"} {
		if rest, ok := strings.CutPrefix(w, p); ok {
			return unicode.IsLower(firstRune(rest))
		}
	}
	return false
}
