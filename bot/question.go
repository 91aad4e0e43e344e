package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQuestion is the longest question the bot accepts, in characters. The
// /ask option is registered with it as max_length; mentions are checked.
const MaxQuestion = 200

// cleanText makes user input plain text: invalid UTF-8, control characters
// and zero-width characters become spaces, runs of space collapse.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, " ")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			return ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// cleanQuestion cleans a question and checks its length.
func cleanQuestion(s string) (string, error) {
	q := cleanText(s)
	if q == "" {
		return "", userErrorf("Ask me a question about the coverage, e.g. “What did Kerry say about Syria?”")
	}
	if utf8.RuneCountInString(q) > MaxQuestion {
		return "", userErrorf("Questions can be up to %d characters — please shorten yours.", MaxQuestion)
	}
	return q, nil
}
