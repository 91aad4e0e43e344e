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
// and the past participle of a verb (hallar -> hallado, arrêter ->
// arrêté), which reports of what happened are full of.
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
			add(b, "ado", "ada", "ados", "adas")
		} else if b, ok := cut("er"); ok {
			add(b, "ido", "ida")
		} else if b, ok := cut("ir"); ok {
			add(b, "ido", "ida")
		} else if b, ok := cut("o"); ok {
			add(b, "a", "os", "as")
		} else if b, ok := cut("a"); ok {
			add(b, "o", "as")
		}
	case "it":
		if b, ok := cut("are"); ok {
			add(b, "ato", "ata", "ati")
		} else if b, ok := cut("ere"); ok {
			add(b, "uto", "uta")
		} else if b, ok := cut("ire"); ok {
			add(b, "ito", "ita")
		} else if b, ok := cut("o"); ok {
			add(b, "a", "i", "e")
		} else if b, ok := cut("a"); ok {
			add(b, "e", "o")
		} else if b, ok := cut("e"); ok {
			add(b, "i")
		}
	case "fr":
		if b, ok := cut("er"); ok {
			add(b, "é", "ée", "és")
		} else if b, ok := cut("ir"); ok {
			add(b, "i", "ie") // finir -> fini; an adjective too (noir -> noire)
			add(w, "e")
		} else if !strings.HasSuffix(w, "e") {
			add(w, "e")
		}
	case "de":
		if !strings.HasSuffix(w, "en") {
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
