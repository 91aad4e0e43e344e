package bot

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzFit builds replies of every shape from arbitrary text (cut at
// arbitrary bytes, so often invalid UTF-8) and checks what Fit makes of
// them: every limit of Discord respected, every string valid UTF-8, text
// that already fitted left alone, cut text marked with an ellipsis, and
// fitting twice the same as once. Every reply the bot sends goes through
// Fit, so this is the formatter's last line of defence.
func FuzzFit(f *testing.F) {
	f.Add("The bridge will reopen before the spring floods.", 1, 3, 2, 0, 7)
	f.Add(strings.Repeat("👩‍👩‍👧 word ", 800), 12, 30, 7, 30, 1)
	f.Add("\xff\xfe\x00 @everyone <@&1> javascript:alert(1)", 3, 0, 1, 26, 13)
	f.Add(strings.Repeat("é", 5000), 10, 25, 5, 25, 2)
	f.Add("", 0, 0, 0, 0, 0)
	for i, line := range seedArticleLines(f, 5) {
		f.Add(line, i%11, i%27, i%6, i%3, i%17+1)
	}
	f.Fuzz(func(t *testing.T, text string, embeds, fields, buttons, choices, step int) {
		in := buildReply(text, clamp(embeds, 0, 11), clamp(fields, 0, 27), clamp(buttons, 0, 7), clamp(choices, 0, 27), clamp(step, 1, 64))
		out := Fit(in)
		checkFitted(t, out)
		checkReply(t, out)
		if again := Fit(out); !reflect.DeepEqual(again, out) {
			t.Errorf("Fit is not idempotent:\nonce:  %+v\ntwice: %+v", out, again)
		}
		// Counted as Discord will see it: a run of invalid bytes becomes
		// one replacement character, not one per byte.
		switch n := utf8.RuneCountInString(strings.ToValidUTF8(in.Content, "\uFFFD")); {
		case utf8.ValidString(in.Content) && n <= MaxContent && out.Content != in.Content:
			t.Errorf("content that fitted was changed: %q -> %q", in.Content, out.Content)
		case n > MaxContent && !strings.HasSuffix(out.Content, ellipsis):
			t.Errorf("content cut from %d characters without an ellipsis", n)
		}
	})
}

func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }

// buildReply spreads text over every part of a reply: slices starting at
// varying byte offsets, repeated to sizes around each limit (none, half,
// at, one and a half times) and cut at a byte, so multi-byte characters
// get split. Sizes do not depend on the text's length, so a long input
// costs no more than a short one.
func buildReply(text string, embeds, fields, buttons, choices, step int) Reply {
	piece := func(i int) string {
		if text == "" {
			return ""
		}
		at := (i * step) % len(text)
		return text[at:] + text[:at]
	}
	grow := func(i, limit int) string {
		p := piece(i)
		n := limit*((i+step)%4)/2 + (i+step)%7
		if p == "" || n == 0 {
			return ""
		}
		return strings.Repeat(p+" ", n/(len(p)+1)+1)[:n]
	}
	r := Reply{Content: grow(0, MaxContent)}
	for i := range embeds {
		e := Embed{
			Title:       grow(i+1, MaxEmbedTitle),
			URL:         "https://news.example/" + grow(i+2, 40),
			Author:      grow(i+3, MaxAuthor),
			Description: grow(i+4, MaxEmbedDescription),
			Footer:      grow(i+5, MaxFooter),
			Color:       i * step * 99991,
			Timestamp:   grow(i+6, 25),
		}
		if i%2 == 0 {
			e.Timestamp = time.Date(2014, 1, 13+i, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
		}
		for j := range fields {
			e.Fields = append(e.Fields, Field{Name: grow(i+j, MaxFieldName), Value: grow(i+j+1, MaxFieldValue), Inline: j%2 == 0})
		}
		r.Embeds = append(r.Embeds, e)
	}
	for i := range buttons {
		row := Row{{Label: grow(i, MaxButtonLabel), CustomID: "page:" + grow(i, MaxCustomID), Style: ButtonSecondary}}
		row = append(row, Button{Label: grow(i+1, MaxButtonLabel), URL: "https://news.example/" + grow(i, 40), Style: ButtonLink})
		for range buttons {
			row = append(row, Button{Label: grow(i+2, MaxButtonLabel), CustomID: grow(i+3, MaxCustomID), Style: ButtonPrimary})
		}
		r.Components = append(r.Components, row)
	}
	for i := range choices {
		r.Choices = append(r.Choices, Choice{Name: grow(i, MaxChoiceName), Value: grow(i+1, MaxChoiceValue)})
	}
	return r
}

// checkFitted checks a fitted reply field by field, before any JSON
// encoding could paper over invalid UTF-8.
func checkFitted(t *testing.T, r Reply) {
	t.Helper()
	text := func(what, s string, limit int) {
		t.Helper()
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", what, s)
		}
		if n := utf8.RuneCountInString(s); n > limit {
			t.Errorf("%s has %d characters, limit %d", what, n, limit)
		}
	}
	text("content", r.Content, MaxContent)
	if len(r.Embeds) > MaxEmbeds {
		t.Errorf("%d embeds", len(r.Embeds))
	}
	total := 0
	for _, e := range r.Embeds {
		text("title", e.Title, MaxEmbedTitle)
		text("author", e.Author, MaxAuthor)
		text("description", e.Description, MaxEmbedDescription)
		text("footer", e.Footer, MaxFooter)
		if e.URL != "" && !validURL(e.URL) {
			t.Errorf("embed url %q", e.URL)
		}
		if e.Timestamp != "" {
			if _, err := time.Parse(time.RFC3339, e.Timestamp); err != nil {
				t.Errorf("embed timestamp %q is not RFC 3339: Discord refuses the message", e.Timestamp)
			}
		}
		if e.Color < 0 || e.Color > 0xFFFFFF {
			t.Errorf("embed color %d is not an RGB value", e.Color)
		}
		if len(e.Fields) > MaxEmbedFields {
			t.Errorf("%d fields", len(e.Fields))
		}
		for _, fl := range e.Fields {
			text("field name", fl.Name, MaxFieldName)
			text("field value", fl.Value, MaxFieldValue)
			if strings.TrimSpace(fl.Name) == "" || strings.TrimSpace(fl.Value) == "" {
				t.Errorf("empty field %+v", fl)
			}
		}
		total += EmbedText(e)
	}
	if total > MaxEmbedTotal {
		t.Errorf("embeds hold %d characters, limit %d", total, MaxEmbedTotal)
	}
	if len(r.Components) > MaxRows {
		t.Errorf("%d rows", len(r.Components))
	}
	for _, row := range r.Components {
		if len(row) == 0 || len(row) > MaxButtonsPerRow {
			t.Errorf("row of %d buttons", len(row))
		}
		for _, b := range row {
			text("button label", b.Label, MaxButtonLabel)
			if b.Label == "" {
				t.Error("button without a label")
			}
			if b.Style == ButtonLink {
				if !validURL(b.URL) || b.CustomID != "" {
					t.Errorf("link button %+v", b)
				}
			} else if b.CustomID == "" || len(b.CustomID) > MaxCustomID || !utf8.ValidString(b.CustomID) || b.URL != "" {
				t.Errorf("button %+v", b)
			}
		}
	}
	if len(r.Choices) > MaxChoices {
		t.Errorf("%d choices", len(r.Choices))
	}
	for _, c := range r.Choices {
		text("choice name", c.Name, MaxChoiceName)
		text("choice value", c.Value, MaxChoiceValue)
		if c.Name == "" || c.Value == "" {
			t.Errorf("empty choice %+v", c)
		}
	}
}
