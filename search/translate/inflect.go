package translate

import "strings"

// baseForms are the regular base forms of an English word, most likely
// first: "arrested" -> "arrest", "boxes" -> "box", "found" stays for the
// dictionary's own irregular entries.
func baseForms(word string) []string {
	var out []string
	for _, r := range [][2]string{
		{"ies", "y"}, {"es", ""}, {"s", ""}, {"ied", "y"}, {"ed", ""}, {"ed", "e"}, {"ing", ""}, {"ing", "e"},
	} {
		if b, ok := strings.CutSuffix(word, r[0]); ok && len(b) >= 3 {
			out = append(out, b+r[1])
		}
	}
	for _, suf := range []string{"ed", "ing"} { // stopped -> stop
		if b, ok := strings.CutSuffix(word, suf); ok && len(b) > 3 && b[len(b)-1] == b[len(b)-2] {
			out = append(out, b[:len(b)-1])
		}
	}
	return out
}

// inflect gives the forms of a dictionary word that news text uses most
// in its language, beyond what an English stemmer already folds (a final
// s): the other gender and number of a noun or adjective (negro -> negra),
// and the forms of a verb reports are written in: the past participle
// (hallar -> hallado, arrêter -> arrêté), the third person present of
// headlines and leads (Lufthansa bietet, Egipto exige, la police trouve)
// and the simple past of Spanish and Portuguese (encontró, encontrou).
// A form made for a word that is not a verb seldom matches anything.
func inflect(lang, w string) []string {
	var out []string
	add := func(stem string, endings ...string) {
		for _, e := range endings {
			out = append(out, stem+e)
		}
	}
	cut := func(suffix string) (string, bool) {
		b, ok := strings.CutSuffix(w, suffix)
		return b, ok && len(b) >= 2
	}
	switch lang {
	case "es", "pt":
		if b, ok := cut("ar"); ok {
			add(b, "ado", "ada", "ados", "adas", "a", "an", "am")
			if lang == "es" {
				add(b, "ó")
			} else {
				add(b, "ou")
			}
		} else if b, ok := cut("er"); ok {
			add(b, "ido", "ida", "e", "en", "em")
			if lang == "es" {
				add(b, "ió")
			} else {
				add(b, "eu")
			}
		} else if b, ok := cut("ir"); ok {
			add(b, "ido", "ida", "e", "en", "em")
			if lang == "es" {
				add(b, "ió")
			} else {
				add(b, "iu")
			}
		} else if b, ok := cut("o"); ok {
			add(b, "a", "os", "as")
		} else if b, ok := cut("a"); ok {
			add(b, "o", "as")
		}
	case "it":
		if b, ok := cut("are"); ok {
			add(b, "ato", "ata", "ati", "a", "ano")
		} else if b, ok := cut("ere"); ok {
			add(b, "uto", "uta", "e", "ono")
		} else if b, ok := cut("ire"); ok {
			add(b, "ito", "ita", "e", "isce", "ono")
		} else if b, ok := cut("o"); ok {
			add(b, "a", "i", "e")
		} else if b, ok := cut("a"); ok {
			add(b, "e", "o")
		} else if b, ok := cut("e"); ok {
			add(b, "i")
		}
	case "fr":
		if b, ok := cut("er"); ok {
			add(b, "é", "ée", "és", "e", "ent")
		} else if b, ok := cut("ir"); ok {
			add(b, "i", "ie", "it") // finir -> fini; an adjective too (noir -> noire)
			add(w, "e")
		} else if !strings.HasSuffix(w, "e") {
			add(w, "e")
		}
	case "de":
		if b, ok := cut("en"); ok {
			out = append(out, germanVerbForms(b)...)
		} else {
			add(w, "e", "en", "er", "es")
		}
	case "nl":
		if b, ok := cut("en"); ok {
			if strings.HasSuffix(b, "d") || strings.HasSuffix(b, "t") {
				add("ge"+b, "") // branden -> gebrand
			} else {
				add("ge"+b, "d", "t") // werken -> gewerkt
			}
		} else {
			add(w, "en", "e")
		}
	}
	return out
}

// germanSeparable are the separable prefixes of German verbs: in a main
// clause the prefix goes to the end ("Lufthansa bietet … an"), so the
// finite verb is the stem alone, while the participle keeps the prefix
// before its ge- (angeboten, eingesetzt).
var germanSeparable = []string{"zurück", "heraus", "auf", "aus", "ein", "mit", "vor", "fest", "an", "ab", "zu"}

// germanVerbForms are the regular forms of a German verb with stem b
// (suchen -> such): the third person present (sucht; bietet after t or
// d), the weak simple past (suchte) and participle (gesucht). A strong
// verb's past (bot, geboten) is irregular and not made.
func germanVerbForms(b string) []string {
	prefix := ""
	for _, p := range germanSeparable {
		if rest, ok := strings.CutPrefix(b, p); ok && len(rest) >= 3 {
			prefix, b = p, rest
			break
		}
	}
	e := ""
	if strings.HasSuffix(b, "t") || strings.HasSuffix(b, "d") {
		e = "e"
	}
	return []string{b + e + "t", b + e + "te", b + e + "ten", prefix + "ge" + b + e + "t"}
}
