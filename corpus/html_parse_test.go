package corpus

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestParseHTMLEncodings checks both ways into the parser: valid UTF-8
// skips the character-set detector but is normalised the same way (NFC,
// soft hyphens out); anything else is still detected and decoded.
func TestParseHTMLEncodings(t *testing.T) {
	tests := []struct {
		name string
		page string
		want string
	}{
		{"utf-8", "<p>Caf\u00e9 in Z\u00fcrich</p>", "Caf\u00e9 in Z\u00fcrich"},
		{"utf-8 decomposed to NFC", "<p>Cafe\u0301</p>", "Caf\u00e9"},
		{"soft hyphen removed", "<p>cease\u00adfire</p>", "ceasefire"},
		{"windows-1252", "<html><body><p>The caf\xe9 owner said the na\xefve plan \x93failed\x94 in the long paragraph of text here.</p></body></html>", "caf\u00e9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parseHTML([]byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			var walk func(n *html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.TextNode {
					b.WriteString(n.Data)
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
			if !strings.Contains(b.String(), tt.want) {
				t.Errorf("text %q, want it to hold %q", b.String(), tt.want)
			}
		})
	}
}
