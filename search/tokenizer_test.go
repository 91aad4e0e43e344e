package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

func describeTokens(ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%q/%d/%d-%d/p%d ", t.Term, t.Type, t.Start, t.End, t.Position)
	}
	return b.String()
}

// TestWordSplitterMatchesBleve holds the ASCII fast path to bleve's
// Unicode tokenizer on the cases where word boundaries are subtle.
func TestWordSplitterMatchesBleve(t *testing.T) {
	bleveTok := bleveunicode.NewUnicodeTokenizer()
	for _, s := range []string{
		"", " ", "a", "The ceasefire held; 1,000 people (3.14%) said: \"no\".",
		"A1 1A a1b 1a1 3.14 1,000 1,000.5 e.g. can't don't a'b 'a' a_b _a a__b 1_2 a:b 1:2",
		"a.b. a..b 1.a a.1 x'1 1'2 1'a U.S.A. a-b #a a;b 1;2 a\"b 12ab34 ab_12 __ _ 1__a",
		"_1 1_ _1_ 1_a a_1 1.2.3 1..2 1,2,3 a.b.c a:b:c a::b 1:a a's 1's 9_a_9 1_2.3 1.2_3",
		"a\r\nb\tc\x00d\x7fe", "end.", "end'", "9,", ",9", "x:", ":x", "al-Assad's cease-fire",
		"Geneva II: Russia's Lavrov said Iran \"should be invited\" -- on Jan. 22, 2014.",
	} {
		if got, want := describeTokens(newWordSplitter().Tokenize([]byte(s))), describeTokens(bleveTok.Tokenize([]byte(s))); got != want {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	}
	// Every short string over the characters the rules tell apart.
	const alphabet = "aZ09.,;:'_ -\"\n"
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, 1+r.IntN(10))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if got, want := describeTokens(newWordSplitter().Tokenize(b)), describeTokens(bleveTok.Tokenize(b)); got != want {
			t.Fatalf("%q:\n got %s\nwant %s", b, got, want)
		}
	}
}

func FuzzWordSplitter(f *testing.F) {
	for _, s := range []string{"a1 3.14 can't 1,000 a_b", "U.S.A. a:b 1'2", "x'1 1.a __"} {
		f.Add(s)
	}
	bleveTok := bleveunicode.NewUnicodeTokenizer()
	f.Fuzz(func(t *testing.T, s string) {
		// Folded to ASCII, or the fast path would seldom run.
		in := []byte(s)
		for i := range in {
			in[i] &= 0x7f
		}
		if got, want := describeTokens(newWordSplitter().Tokenize(in)), describeTokens(bleveTok.Tokenize(in)); got != want {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}
