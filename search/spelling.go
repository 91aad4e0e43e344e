package search

import "strings"

// americanSpelling folds a lower-case British spelling to the American one,
// by general suffix rules (-our, -ise/-isation, -yse, -ogue, -tre/-bre,
// doubled -ll- before a suffix) and a short list of words the rules cannot
// know. Both indexing and questions go through it, so a wrong fold of a rare
// word only merges it with a non-word; the exception lists keep real words
// apart.
func americanSpelling(w string) string {
	if len(w) < 4 {
		return w
	}
	if a, ok := spellingWords[w]; ok {
		return a
	}
	for _, rule := range prefixRules[w[0]] {
		if strings.HasPrefix(w, rule.british) {
			return rule.american + w[len(rule.british):]
		}
	}
	// Each rule runs only when its letters are there: most words pass
	// through with a few substring checks.
	if strings.Contains(w, "our") {
		if a, ok := foldOur(w); ok {
			return a
		}
	}
	if strings.Contains(w, "is") {
		if a, ok := foldIse(w); ok {
			return a
		}
	}
	if strings.Contains(w, "ys") {
		if strings.HasSuffix(w, "ysing") && len(w) > 7 {
			return w[:len(w)-5] + "yzing"
		}
		if a, ok := foldSuffix(w, "yse", "yze", 2, nil); ok {
			return a
		}
	}
	if strings.Contains(w, "ogue") {
		if a, ok := foldSuffix(w, "ogue", "og", 3, ogueKeep); ok {
			return a
		}
	}
	if strings.Contains(w, "re") {
		if a, ok := foldTre(w); ok {
			return a
		}
	}
	if strings.Contains(w, "ll") {
		if a, ok := foldDoubleL(w); ok {
			return a
		}
	}
	return w
}

// inflections are the endings a folded stem may carry.
var inflections = []string{
	"", "s", "d", "ed", "ing", "ings", "er", "ers", "ful", "fully", "ite", "ites",
	"able", "ably", "less", "ist", "ists", "ism", "hood", "hoods", "ship", "ation", "ations",
}

// splitInflection finds core in w followed by one of the inflections and
// returns the stem before core and the ending after it.
func splitInflection(w, core string) (stem, ending string, ok bool) {
	for _, inf := range inflections {
		if strings.HasSuffix(w, core+inf) {
			return w[:len(w)-len(core)-len(inf)], inf, true
		}
	}
	return "", "", false
}

// foldOur: colour -> color, honoured -> honored, favourite -> favorite.
func foldOur(w string) (string, bool) {
	stem, ending, ok := splitInflection(w, "our")
	if !ok || len(stem) < 3 || ourKeep[stem] {
		return "", false
	}
	return stem + "or" + ending, true
}

// ourKeep are stems where "our" is not the British -our (detour, contour).
var ourKeep = map[string]bool{
	"det": true, "cont": true, "dev": true, "vel": true, "param": true,
	"troubad": true, "glam": false, "lab": false, "sc": true, "fl": true,
	"yo": true, "calamo": true, "lam": true,
}

// foldIse: organise -> organize, localised -> localized, organisation ->
// organization; advise, surprise, exercise and friends keep their -ise.
func foldIse(w string) (string, bool) {
	for _, pair := range [][2]string{{"isation", "ization"}, {"isations", "izations"}} {
		if strings.HasSuffix(w, pair[0]) {
			stem := w[:len(w)-len(pair[0])]
			if len(stem) >= 3 {
				return stem + pair[1], true
			}
		}
	}
	var stem, ending string
	switch {
	case strings.HasSuffix(w, "ising"):
		stem, ending = w[:len(w)-5], "izing"
	case strings.HasSuffix(w, "ised"):
		stem, ending = w[:len(w)-4], "ized"
	case strings.HasSuffix(w, "ises"):
		stem, ending = w[:len(w)-4], "izes"
	case strings.HasSuffix(w, "isers"):
		stem, ending = w[:len(w)-5], "izers"
	case strings.HasSuffix(w, "iser"):
		stem, ending = w[:len(w)-4], "izer"
	case strings.HasSuffix(w, "ise"):
		stem, ending = w[:len(w)-3], "ize"
	default:
		return "", false
	}
	if len(stem) < 3 || keepIse(stem) {
		return "", false
	}
	return stem + ending, true
}

// keepIse reports whether stem+"ise" is a word spelt -ise in American
// English too.
func keepIse(stem string) bool {
	last := stem[len(stem)-1]
	switch last {
	case 'v', 'w', 'u', 'o', 'a': // advise, wise, bruise, noise, raise
		return true
	case 'r': // surprise, enterprise, sunrise; but authorise, categorise
		return !strings.HasSuffix(stem, "or")
	}
	for _, k := range iseKeep {
		if strings.HasSuffix(stem, k) {
			return true
		}
	}
	return false
}

var iseKeep = []string{
	"prec", "conc", "exc", "inc", "circumc", "exerc", // -cise
	"prem", "prom", "dem", "surm", // -mise
	"expert", "advert", "treat", "mort", "chast", // -tise
	"franch", "merchand", "parad", "val", "desp", "repr",
}

// ogueKeep are -ogue words American English keeps.
var ogueKeep = map[string]bool{"r": true, "v": true, "br": true, "pir": true, "synag": true}

// foldSuffix replaces british with american at the end of w (with an
// inflection) when the stem is long enough and not listed in keep.
func foldSuffix(w, british, american string, minStem int, keep map[string]bool) (string, bool) {
	stem, ending, ok := splitInflection(w, british)
	if !ok || len(stem) < minStem || keep[stem] {
		return "", false
	}
	// -ogue + "d" is "dialogued"; the inflection list includes "d" for it.
	return stem + american + ending, true
}

// foldTre: centre -> center, theatre -> theater, fibre -> fiber.
func foldTre(w string) (string, bool) {
	for _, core := range []string{"tre", "bre"} {
		for _, inf := range []string{"", "s", "d"} {
			if !strings.HasSuffix(w, core+inf) {
				continue
			}
			stem := w[:len(w)-len(core)-len(inf)]
			if len(stem) < 2 || treKeep[stem+core] {
				return "", false
			}
			return stem + core[:1] + "e" + core[1:2] + map[string]string{"": "", "s": "s", "d": "ed"}[inf], true
		}
	}
	return "", false
}

var treKeep = map[string]bool{"macabre": true, "timbre": true, "outre": true, "spectre": false}

// foldDoubleL: travelled -> traveled, cancelling -> canceling, for the verbs
// American English does not double (not "controlled" or "filled").
func foldDoubleL(w string) (string, bool) {
	for _, inf := range []string{"led", "ling", "ler", "lers"} {
		if strings.HasSuffix(w, "l"+inf) {
			base := w[:len(w)-len(inf)]
			if singleL[base] {
				return base + inf[1:], true
			}
		}
	}
	return "", false
}

var singleL = map[string]bool{
	"travel": true, "cancel": true, "model": true, "label": true, "fuel": true,
	"counsel": true, "signal": true, "level": true, "total": true, "marvel": true,
	"channel": true, "tunnel": true, "quarrel": true, "rival": true, "dial": true,
	"equal": true, "jewel": true, "duel": true, "shovel": true, "pedal": true,
	"panel": true, "funnel": true, "grovel": true, "libel": true, "barrel": true,
	"refuel": true, "unravel": true, "bevel": true, "kennel": true, "yodel": true,
	"initial": true, "spiral": true, "vial": true, "enamel": true, "gravel": true,
}

type prefixRule struct{ british, american string }

// prefixRules fold British stems that start a word and keep their endings,
// by the word's first letter.
var prefixRules = byFirstByte([]prefixRule{
	{"manoeuvr", "maneuver"}, {"paediatr", "pediatr"}, {"encyclopaed", "encycloped"},
	{"haemorrh", "hemorrh"}, {"haemo", "hemo"}, {"anaem", "anem"}, {"anaesth", "anesth"},
	{"leukaem", "leukem"}, {"orthopaed", "orthoped"}, {"gynaec", "gynec"},
	{"oestr", "estr"}, {"foet", "fet"}, {"diarrhoe", "diarrhe"}, {"scepti", "skepti"},
	{"mould", "mold"}, {"smould", "smold"}, {"plough", "plow"}, {"draught", "draft"},
	{"programme", "program"}, {"judgement", "judgment"}, {"acknowledgement", "acknowledgment"},
	{"jewellery", "jewelry"}, {"aluminium", "aluminum"},
})

func byFirstByte(rules []prefixRule) map[byte][]prefixRule {
	m := map[byte][]prefixRule{}
	for _, r := range rules {
		m[r.british[0]] = append(m[r.british[0]], r)
	}
	return m
}

// spellingWords are whole words with no general rule behind them.
var spellingWords = map[string]string{
	"defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
	"licence": "license", "licences": "licenses", "pretence": "pretense",
	"ageing": "aging", "grey": "gray", "greys": "grays", "tyre": "tire", "tyres": "tires",
	"kerb": "curb", "kerbs": "curbs", "cheque": "check", "cheques": "checks",
	"enrol": "enroll", "enrols": "enrolls", "enrolment": "enrollment",
	"fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment",
	"instil": "instill", "skilful": "skillful", "wilful": "willful",
	"odour": "odor", "odours": "odors", "ardour": "ardor", "arbour": "arbor",
	"whilst": "while", "amongst": "among", "storey": "story", "storeys": "stories",
	"analogue": "analog", "catalogue": "catalog", "dialogue": "dialog",
	"pyjamas": "pajamas", "sulphur": "sulfur", "mum": "mom",
}
