package search

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/coveragebot/coveragebot/corpus"
)

// errNotVerbatim marks a passage whose words are not the stored article's
// own at the recorded offsets. It should never happen; when it does (an
// article store and index out of step) the passage is dropped, never shown.
var errNotVerbatim = errors.New("search: passage is not verbatim")

// verbatim returns the passage's exact words in a, checking that the
// offsets are inside the text on character boundaries and that the words
// are the ones that were indexed (their fingerprint).
func verbatim(a *corpus.Article, ref passageRef) (text string, start, end int, err error) {
	if a == nil {
		return "", 0, 0, fmt.Errorf("%w: article %q is not in the store", errNotVerbatim, ref.ArticleID)
	}
	start, end, ok := ref.span(a)
	if !ok {
		return "", 0, 0, fmt.Errorf("%w: article %q has no passage %c%d with fingerprint %x", errNotVerbatim, a.ID, ref.Kind, ref.Occ, ref.Print)
	}
	if err := checkSpan(a.Text, start, end); err != nil {
		return "", 0, 0, fmt.Errorf("%w: article %q passage %c%d: %v", errNotVerbatim, a.ID, ref.Kind, ref.N, err)
	}
	text = a.Text[start:end]
	if fingerprint(text) != ref.Print {
		return "", 0, 0, fmt.Errorf("%w: article %q passage %c%d changed since it was indexed", errNotVerbatim, a.ID, ref.Kind, ref.N)
	}
	return text, start, end, nil
}

func checkSpan(text string, start, end int) error {
	switch {
	case start < 0 || end > len(text) || start >= end:
		return fmt.Errorf("offsets %d:%d outside the text (%d bytes)", start, end, len(text))
	case !utf8.RuneStart(text[start]) || end < len(text) && !utf8.RuneStart(text[end]):
		return fmt.Errorf("offsets %d:%d split a character", start, end)
	case !utf8.ValidString(text[start:end]):
		return fmt.Errorf("offsets %d:%d hold invalid UTF-8", start, end)
	}
	return nil
}

// checkReport is the last check before an answer leaves the package: the
// report's words are exactly its article's text at its offsets.
func checkReport(a *corpus.Article, r Report) error {
	if a == nil || a.ID != r.ArticleID {
		return fmt.Errorf("%w: report of %q has no article", errNotVerbatim, r.ArticleID)
	}
	if err := checkSpan(a.Text, r.Start, r.End); err != nil {
		return fmt.Errorf("%w: report of %q: %v", errNotVerbatim, r.ArticleID, err)
	}
	if a.Text[r.Start:r.End] != r.Text {
		return fmt.Errorf("%w: report of %q differs from its article", errNotVerbatim, r.ArticleID)
	}
	return nil
}
