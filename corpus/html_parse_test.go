package corpus

import (
	"strings"
	"testing"
)

// TestParseHTMLEncodings checks both ways into the extractor: valid UTF-8
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
		{"windows-1252", "<p>The caf\xe9 owner said the na\xefve plan \x93failed\x94.</p>", "The caf\u00e9 owner said the na\u00efve plan \u201cfailed\u201d."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head><title>T</title></head><body><article>" +
				strings.Repeat("<p>Filler sentence number one of the story goes on for a while.</p>", 3) +
				tt.page + "</article></body></html>"
			h, err := extractHTML([]byte(page))
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, l := range h.lines {
				b.WriteString(l.Text + "\n")
			}
			if !strings.Contains(b.String(), tt.want) {
				t.Errorf("text %q, want it to hold %q", b.String(), tt.want)
			}
		})
	}
}
