package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// dateline is the label a story's first paragraph may open with: where it
// was filed, and sometimes who filed it ("PARIS —", "JINDO, South Korea —",
// "SEOUL, South Korea (AP) —", "Newscast Media PARIS—").
type dateline struct {
	end    int    // offset in the paragraph where the story's words start
	place  string // "PARIS", "JINDO, South Korea"
	outlet string // the words before the place: "Newscast Media"; often ""
}

// maxDatelineBytes bounds a dateline: a place, a region, a date and an
// agency.
const maxDatelineBytes = 80

// parseDateline reads the dateline p opens with. ok is false when p opens
// with none: a dateline is a run of capitalised words holding one place in
// capitals (three letters or more), then only a region, a date or an
// agency in brackets, ended by a dash.
func parseDateline(p string) (d dateline, ok bool) {
	head, end := datelineHead(p)
	if end < 0 {
		return dateline{}, false
	}
	words := strings.Fields(head)
	place := -1
	for i, w := range words {
		if w := strings.Trim(w, ","); utf8.RuneCountInString(w) >= 3 && isAllCaps(w) && !strings.ContainsAny(w, "()") {
			place = i
			break
		}
	}
	if place < 0 {
		return dateline{}, false
	}
	// Before the place: the outlet's name, capitalised words only.
	for _, w := range words[:place] {
		if !unicode.IsUpper(firstRune(w)) || strings.ContainsAny(w, ",.:;") {
			return dateline{}, false
		}
	}
	// After it: a region, a date, an agency.
	last := place
	for i := place + 1; i < len(words); i++ {
		w := words[i]
		switch r := firstRune(strings.TrimLeft(w, "(")); {
		case strings.HasPrefix(w, "("), unicode.IsDigit(r), inSet(dateWords, strings.Trim(w, ",.")):
		case unicode.IsUpper(r) && !strings.HasSuffix(strings.TrimRight(w, ","), "."):
			if !strings.ContainsAny(w, "()") && (i == last+1 || strings.HasSuffix(words[i-1], ",")) {
				last = i
			}
		default:
			return dateline{}, false
		}
	}
	d.end = end
	d.place = strings.TrimRight(strings.Join(words[place:last+1], " "), ",")
	d.outlet = strings.Join(words[:place], " ")
	return d, true
}

// datelineHead returns the words before the dash that ends a dateline at
// the start of p, and where the story starts after it; end is -1 when no
// dash comes early enough.
func datelineHead(p string) (head string, end int) {
	limit := min(len(p), maxDatelineBytes)
	for i := 0; i < limit; {
		r, n := utf8.DecodeRuneInString(p[i:])
		dash := 0
		switch {
		case r == '—' || r == '–':
			dash = n
		case r == '-' && i+1 < len(p) && p[i+1] == '-':
			dash = 2
		case r == '-' && i > 0 && p[i-1] == ' ' && i+1 < len(p) && p[i+1] == ' ':
			dash = 1
		case r == '.' || r == '!' || r == '?' || r == '"' || r == '“':
			if r != '.' || i+1 < len(p) && p[i+1] == ' ' {
				return "", -1 // a sentence ends or a quote opens first
			}
		}
		if dash > 0 {
			if i == 0 {
				return "", -1
			}
			return strings.TrimSpace(p[:i]), skipSpace(p, i+dash)
		}
		i += n
	}
	return "", -1
}

// storyStart returns where the words of the paragraph Text[from:to] start
// after any dateline: its place and outlet are no one's words and name no
// speaker.
func storyStart(text string, from, to int) int {
	if d, ok := parseDateline(text[from:min(to, from+maxDatelineBytes+8)]); ok {
		return from + d.end
	}
	return from
}

// Dateline returns the place the article says it was filed from ("PARIS",
// "JINDO, South Korea"), "" when its first paragraph opens with no
// dateline.
func (a *Article) Dateline() string { return a.firstDateline().place }

// firstDateline is the dateline the first paragraph other than a heading
// opens with; empty when it opens with none.
func (a *Article) firstDateline() dateline {
	for _, p := range a.Paragraphs {
		if p.Heading {
			continue
		}
		d, _ := parseDateline(a.Text[p.Start:p.End])
		return d
	}
	return dateline{}
}
