package corpus

import "testing"

func TestQuoteMarksToPrint(t *testing.T) {
	tests := []struct {
		name, text, open, close string
	}{
		{"no inner marks", "We will rebuild the cathedral.", "“", "”"},
		{"German, interrupted", "Es ist etwas zerstört worden“, sagte Bundespräsident Joachim Gauck, „das in dieser Welt nicht mehr geheilt werden kann.", "„", "“"},
		{"straight, interrupted", `We are rebuilders, there's a great deal to be rebuilt," Macron said. "We will make the cathedral more beautiful.`, `"`, `"`},
		{"English curly, interrupted", "It is a tragedy,” she said. “We will rebuild.", "“", "”"},
		{"British single, interrupted, an apostrophe inside", "It’s a tragedy,’ she said. ‘We will rebuild.", "‘", "’"},
		{"French, interrupted", " Nous nous battons, » a dit le préfet. « Le feu est maîtrisé.", "«", "»"},
		{"a nested quote keeps the default", "Man hört jemanden flüstern: 'horrible, horrible'", "“", "”"},
		{"Dutch, interrupted", "Dit is verschrikkelijk”, zei Jan de Vries. „We gaan alles onderzoeken.", "„", "”"},
		{"German, a quote nested at the end", "Das ist“, sagte Anna Weber, „ein Skandal, den wir ‚Schlamperei‘ nennen.", "„", "“"},
		{"straight, a quote nested at the end", `Viele Menschen weinen", berichtete sie. "Die Leute flüstern: 'horrible, horrible'`, `"`, `"`},
		{"a title inside keeps the default", `He told "CBS This Morning" the relics were safe.`, "“", "”"},
		{"a plural possessive is no mark", "The divers’ work is done,” he said. “We go home.", "“", "”"},
		{"a plural possessive, straight", `The boys' parents waited," he said. "We go home.`, `"`, `"`},
		{"an elided year is no mark", `It was done," he said. "We will stay till '22`, `"`, `"`},
		{"marks of two families", `The co-pilot is alone,' said Robin. "While he is alone he manipulated the buttons.`, "“", "”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if o, c := QuoteMarks(tt.text); o != tt.open || c != tt.close {
				t.Errorf("QuoteMarks(%q) = %s %s, want %s %s", tt.text, o, c, tt.open, tt.close)
			}
		})
	}
}
