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
// A Romance form made for a word that is not a verb seldom matches
// anything; German verb forms are made only for words its dictionary
// marks as verbs (class).
func inflect(lang, w string, class wordClass) []string {
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
		// German's dictionary marks its words: a verb's forms made for a
		// noun would be real words of other meanings (Hafen: haft,
		// Abkommen: kommt)
		switch {
		case class == verbClass:
			out = append(out, germanVerbForms(w)...)
		case !strings.HasSuffix(w, "en"):
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
// before its ge- (angeboten, eingesetzt). Longer prefixes first: "zurück"
// before "zu".
var germanSeparable = []string{"zurück", "heraus", "auf", "aus", "ein", "mit", "vor", "fest", "an", "ab", "zu"}

// germanVerbForms are the regular forms of the German verb w (suchen):
// the third person present (sucht; öffnet, bietet where the stem needs an
// e), the weak simple past (suchte) and participle (gesucht), for verbs
// in -ern and -eln too (fordert, verhandelt). A verb that may have a
// separable prefix also gets the forms without it, for a main clause
// ("bietet … an"); one that only looks so (antworten: "twortet") gets
// forms that match nothing. A strong verb's past (bot, geboten) is
// irregular and not made.
func germanVerbForms(w string) []string {
	var stem string
	switch {
	case strings.HasSuffix(w, "ern") || strings.HasSuffix(w, "eln"):
		stem = w[:len(w)-1] // fordern -> forder
	case strings.HasSuffix(w, "en") && len(w) > 4:
		stem = w[:len(w)-2]
	default:
		return nil
	}
	forms := func(prefix, stem string) []string {
		e := ""
		if needsLinkingE(stem) {
			e = "e"
		}
		return []string{stem + e + "t", stem + e + "te", stem + e + "ten", prefix + "ge" + stem + e + "t"}
	}
	out := forms("", stem)
	for _, p := range germanSeparable {
		if rest, ok := strings.CutPrefix(stem, p); ok && len([]rune(rest)) >= 3 {
			out = append(out, forms(p, rest)...)
			break
		}
	}
	return out
}

// needsLinkingE reports whether a German verb stem takes an e before its
// t: after d or t (bietet), and after m or n that follow another consonant
// (öffnet, atmet; but lernt, filmt).
func needsLinkingE(stem string) bool {
	r := []rune(stem)
	if len(r) < 2 {
		return false
	}
	last, before := r[len(r)-1], r[len(r)-2]
	switch last {
	case 'd', 't':
		return true
	case 'm', 'n':
		return !strings.ContainsRune("aeiouäöüylrhmn", before)
	}
	return false
}
