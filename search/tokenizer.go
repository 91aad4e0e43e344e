package search

import (
	"github.com/blevesearch/bleve/v2/analysis"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// wordSplitter splits text into words as bleve's Unicode tokenizer does
// (the word boundaries of Unicode Annex #29), with a fast path for text
// that is all ASCII, which nearly all English news copy is. The Annex's
// general segmenter was a third of the analysis time of a build; for
// ASCII its rules come down to a few character classes, and
// TestWordSplitterMatchesBleve and FuzzWordSplitter hold the two to the
// same tokens.
type wordSplitter struct{ general analysis.Tokenizer }

func newWordSplitter() wordSplitter {
	return wordSplitter{general: bleveunicode.NewUnicodeTokenizer()}
}

func (w wordSplitter) Tokenize(input []byte) analysis.TokenStream {
	for _, c := range input {
		if c >= 0x80 {
			return w.general.Tokenize(input)
		}
	}
	return asciiWords(input)
}

// ASCII character classes of Annex #29's word break rules.
const (
	wbOther     = iota
	wbLetter    // ALetter
	wbDigit     // Numeric
	wbMidLetter // MidLetter: ':'
	wbMidNumLet // MidNumLet and Single_Quote: '.', '\''
	wbMidNum    // MidNum: ',', ';'
	wbExtendNum // ExtendNumLet: '_'
)

var wbClass = func() (t [128]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = wbLetter, wbLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = wbDigit
	}
	t[':'] = wbMidLetter
	t['.'], t['\''] = wbMidNumLet, wbMidNumLet
	t[','], t[';'] = wbMidNum, wbMidNum
	t['_'] = wbExtendNum
	return t
}()

// asciiWords tokenizes ASCII text: a word is letters, digits and '_'
// (rules WB5, WB8–WB10, WB13a/b), with ':' between letters, '.' or an
// apostrophe between letters or between digits, and ',' or ';' between digits inside
// it (WB6/7, WB11/12). A word with a digit and no letter is Numeric.
func asciiWords(input []byte) analysis.TokenStream {
	tokens := make([]analysis.Token, 0, len(input)/6+1)
	out := make(analysis.TokenStream, 0, cap(tokens))
	pos := 1
	for i := 0; i < len(input); {
		cl := wbClass[input[i]]
		if cl != wbLetter && cl != wbDigit && cl != wbExtendNum {
			i++
			continue
		}
		start := i
		letters, digits := cl == wbLetter, cl == wbDigit
		for i++; i < len(input); i++ {
			next := wbClass[input[i]]
			if next == wbLetter || next == wbDigit || next == wbExtendNum {
				letters = letters || next == wbLetter
				digits = digits || next == wbDigit
				cl = next
				continue
			}
			if i+1 >= len(input) {
				break
			}
			after := wbClass[input[i+1]]
			joins := false
			switch next {
			case wbMidLetter:
				joins = cl == wbLetter && after == wbLetter
			case wbMidNumLet:
				joins = cl == wbLetter && after == wbLetter || cl == wbDigit && after == wbDigit
			case wbMidNum:
				joins = cl == wbDigit && after == wbDigit
			}
			if !joins {
				break
			}
			i++ // past the middle character, to the one after it
			cl = after
			letters = letters || after == wbLetter
			digits = digits || after == wbDigit
		}
		typ := analysis.AlphaNumeric
		if digits && !letters {
			typ = analysis.Numeric
		}
		tokens = append(tokens, analysis.Token{Term: input[start:i], Start: start, End: i, Position: pos, Type: typ})
		pos++
	}
	for i := range tokens {
		out = append(out, &tokens[i])
	}
	return out
}
