package corpus

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkArticle verifies the invariants every cleaned article keeps:
// offsets in range and on rune boundaries, paragraphs joined by blank
// lines, sentences and quotes inside their paragraphs.
func checkArticle(a *Article) error {
	if !utf8.ValidString(a.Text) {
		return fmt.Errorf("text is not valid UTF-8")
	}
	var parts []string
	for i, p := range a.Paragraphs {
		if err := checkRange(a.Text, p.Start, p.End); err != nil {
			return fmt.Errorf("paragraph %d: %w", i, err)
		}
		parts = append(parts, a.Text[p.Start:p.End])
	}
	if got := strings.Join(parts, "\n\n"); got != a.Text {
		return fmt.Errorf("paragraphs joined do not give the text")
	}
	for i, s := range a.Sentences {
		if err := checkRange(a.Text, s.Start, s.End); err != nil {
			return fmt.Errorf("sentence %d: %w", i, err)
		}
		if s.Paragraph < 0 || s.Paragraph >= len(a.Paragraphs) {
			return fmt.Errorf("sentence %d: paragraph %d out of range", i, s.Paragraph)
		}
		p := a.Paragraphs[s.Paragraph]
		if s.Start < p.Start || s.End > p.End {
			return fmt.Errorf("sentence %d [%d,%d) outside its paragraph [%d,%d)", i, s.Start, s.End, p.Start, p.End)
		}
	}
	for _, q := range a.Quotes {
		if err := checkQuote(a, q); err != nil {
			return err
		}
	}
	return nil
}

func checkQuote(a *Article, q Quote) error {
	if err := checkRange(a.Text, q.Start, q.End); err != nil {
		return fmt.Errorf("quote: %w", err)
	}
	if q.Start == q.End {
		return fmt.Errorf("empty quote at %d", q.Start)
	}
	if q.Paragraph < 0 || q.Paragraph >= len(a.Paragraphs) {
		return fmt.Errorf("quote %q: paragraph %d out of range", a.Text[q.Start:q.End], q.Paragraph)
	}
	p := a.Paragraphs[q.Paragraph]
	if q.Start < p.Start || q.End > p.End {
		return fmt.Errorf("quote %q outside its paragraph", a.Text[q.Start:q.End])
	}
	if q.Sentence < 0 || q.Sentence >= len(a.Sentences) {
		return fmt.Errorf("quote %q: sentence %d out of range", a.Text[q.Start:q.End], q.Sentence)
	}
	if (q.Speaker == "") != (q.Attribution == "") {
		return fmt.Errorf("quote %q: speaker %q with attribution %q", a.Text[q.Start:q.End], q.Speaker, q.Attribution)
	}
	// The words sit between quote marks, double or ‘curly single’ (or run
	// to the paragraph's end).
	before, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(a.Text[p.Start:q.Start], unicode.IsSpace))
	if !isDoubleQuote(before) && before != '‘' {
		return fmt.Errorf("quote %q is not preceded by a quote mark", a.Text[q.Start:q.End])
	}
	return nil
}

func checkRange(text string, start, end int) error {
	if start < 0 || end > len(text) || start > end {
		return fmt.Errorf("range [%d,%d) outside text of %d bytes", start, end, len(text))
	}
	if start < len(text) && !utf8.RuneStart(text[start]) || end < len(text) && !utf8.RuneStart(text[end]) {
		return fmt.Errorf("range [%d,%d) splits a character", start, end)
	}
	return nil
}
