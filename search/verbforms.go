package search

import (
	"slices"
	"strings"
)

// The Porter stemmer knows regular endings only: "rises" and "rising" find
// "rise", but "met" never finds "meet", nor "fell" "fallen". A question asks
// in one tense ("Where did they meet?") and outlets report in another ("met
// in Paris"), so a question word that is a form of a common irregular verb
// also matches the verb's other forms. Only questions are expanded; the
// index keeps the words as printed.

// irregularVerbs lists base form, past and past participle of irregular
// verbs that news reports use. Words with another common sense ("left",
// "found", "saw", "lay") are left out, as they would match the wrong thing,
// and so are verbs a question drops anyway ("did", "said", "told").
var irregularVerbs = [][]string{
	{"arise", "arose", "arisen"}, {"begin", "began", "begun"}, {"break", "broke", "broken"},
	{"bring", "brought"}, {"build", "built"}, {"buy", "bought"}, {"catch", "caught"},
	{"choose", "chose", "chosen"}, {"come", "came"},
	{"drink", "drank", "drunk"}, {"drive", "drove", "driven"}, {"eat", "ate", "eaten"},
	{"fall", "fell", "fallen"}, {"feel", "felt"}, {"fight", "fought"}, {"flee", "fled"},
	{"fly", "flew", "flown"}, {"forbid", "forbade", "forbidden"}, {"forget", "forgot", "forgotten"},
	{"freeze", "froze", "frozen"}, {"give", "gave", "given"}, {"go", "went", "gone"},
	{"grow", "grew", "grown"}, {"hold", "held"}, {"keep", "kept"}, {"know", "knew", "known"},
	{"lead", "led"}, {"lose", "lost"}, {"meet", "met"}, {"pay", "paid"},
	{"ride", "rode", "ridden"}, {"rise", "rose", "risen"}, {"run", "ran"},
	{"seek", "sought"}, {"sell", "sold"}, {"send", "sent"}, {"shake", "shook", "shaken"},
	{"shoot", "shot"}, {"sink", "sank", "sunk"}, {"spend", "spent"}, {"steal", "stole", "stolen"}, {"strike", "struck"},
	{"swim", "swam", "swum"}, {"take", "took", "taken"}, {"teach", "taught"},
	{"tear", "tore", "torn"}, {"throw", "threw", "thrown"},
	{"understand", "understood"}, {"wake", "woke", "woken"}, {"wear", "wore", "worn"},
	{"win", "won"}, {"write", "wrote", "written"},
}

// irregularNouns lists the singular and plural of nouns news reports use
// whose plural the Porter stemmer does not bring back to the singular:
// asked about the kids, WordNet relates "child", and the articles say
// "children".
var irregularNouns = [][]string{
	{"child", "children"}, {"person", "people"}, {"man", "men"}, {"woman", "women"},
	{"life", "lives"}, {"wife", "wives"}, {"foot", "feet"}, {"tooth", "teeth"},
	{"knife", "knives"}, {"thief", "thieves"}, {"crisis", "crises"}, {"analysis", "analyses"},
	{"mouse", "mice"}, {"goose", "geese"}, {"wolf", "wolves"}, {"half", "halves"},
	{"fireman", "firemen"}, {"policeman", "policemen"}, {"spokesman", "spokesmen"},
	{"spokeswoman", "spokeswomen"}, {"crewman", "crewmen"}, {"fisherman", "fishermen"},
}

// verbForms maps each form of an irregular verb to all its forms, and
// nounForms each form of an irregular noun. A question's own nouns are
// not widened to their other number: "people" is not "person", and both
// are in so many passages that every search would walk them.
var verbForms, nounForms = formsOf(irregularVerbs), formsOf(irregularNouns)

func formsOf(lists [][]string) map[string][]string {
	m := map[string][]string{}
	for _, forms := range lists {
		for _, f := range forms {
			m[f] = forms
		}
	}
	return m
}

// withVerbForms adds to terms, the analysed terms of the question word
// word (lower case), those of the word's other forms when it is a form of
// an irregular verb.
func (ix *Index) withVerbForms(word string, terms []string) []string {
	forms, ok := verbForms[word]
	if !ok {
		forms = regularForms(word)
	}
	if len(forms) == 0 {
		return terms
	}
	out := slices.Clone(terms)
	for _, f := range forms {
		for _, t := range ix.an.text.Analyze([]byte(f)) {
			if term := string(t.Term); !slices.Contains(out, term) {
				out = append(out, term)
			}
		}
	}
	return out
}

// regularForms are the regular inflections of a base form ending in "ie"
// or "ye": the Porter stemmer leaves "die" as it is but makes "died" and
// "dies" "di", so "did anybody die" would never meet "no one died". Other
// endings stem alike across their forms and need nothing.
func regularForms(word string) []string {
	for _, end := range []string{"ie", "ye"} {
		if stem, ok := strings.CutSuffix(word, end); ok && len(stem) >= 1 && len(word) <= 4 {
			return []string{word, word + "d", word + "s", stem + "ying"}
		}
	}
	return nil
}
