// Package translate gives an English word's translations into the other
// languages of a story's coverage, for questions asked in English about
// articles in French, German, Spanish, Italian, Portuguese or Dutch ("the
// second black box" of an article that says "la segunda caja negra").
//
// It reads the FreeDict English-to-X dictionaries Debian packages
// (dict-freedict-eng-fra, -deu, -spa, -ita, -por, -nld) where they lie, in
// dictd's format, at run time: they are GPL-licensed, so nothing derived
// from them is built into the binary, and without them the bot answers
// from articles in the question's language only.
//
// Dictionaries give base forms (caja, negro, hallar); articles inflect
// them (negra, hallado). Each translation therefore comes with the few
// regular forms its language makes of it most often in news: gender and
// number of nouns and adjectives; a verb's past participle, third person
// present and (Spanish, Portuguese, German) simple past. German's
// dictionary marks nouns and verbs, and only its verbs get verb forms.
//
// translate imports only the standard library.
package translate
