package corpus

import (
	"net/url"
	"sort"
	"strings"
	"unicode"
)

// setOutlet names the document's outlet from the first source that has
// one: the metadata's own name, the url's host, a signature in the page's
// boilerplate; "unknown" otherwise.
func setOutlet(d *Document, source string) {
	switch {
	case strings.TrimSpace(source) != "":
		d.Outlet, d.OutletFrom = strings.TrimSpace(source), OutletFromMetadata
	case outletFromURL(d.URL) != "":
		d.Outlet, d.OutletFrom = outletFromURL(d.URL), OutletFromURL
	default:
		infos, _ := classify(d.Lines, "", nil, d.Language)
		if s := signature(infos); s != "" {
			d.Outlet, d.OutletFrom = s, OutletFromSignature
		} else {
			d.Outlet, d.OutletFrom = string(OutletUnknown), OutletUnknown
		}
	}
}

// outletFromURL returns the url's host without "www." and similar
// prefixes, e.g. "bbc.co.uk"; "" when the url has no host. Hosts are kept
// as they are rather than guessed into names: the host is what a reader
// can check.
func outletFromURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	// "wz.de." is wz.de written in full (the root's dot)
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	for _, p := range []string{"www.", "www2.", "m.", "mobile.", "amp."} {
		host = strings.TrimPrefix(host, p)
	}
	if !strings.Contains(host, ".") || strings.Trim(host, ".") != host {
		return ""
	}
	return host
}

// signature finds the outlet's name in the lines the cleaner drops: a
// paywall or promo block names its own outlet again and again ("Business
// Standard Epaper", "Access Business Standard across devices"). The
// signature is the longest capitalised phrase of two or more words that
// appears on at least two dropped junk lines and nowhere in the story.
func signature(infos []lineInfo) string {
	var story strings.Builder
	var junk []string
	for _, in := range infos {
		switch {
		case in.keep:
			story.WriteString(in.text)
			story.WriteByte('\n')
		case in.fam == famCaption, in.fam == famByline, in.fam == famDateline, in.fam == famTags, in.quoteVerb:
			// Names of photographers, writers and places are not outlets.
		case in.fam != famNone || in.class <= classShort || in.class == classNear:
			junk = append(junk, in.text)
		}
	}
	lines := make(map[string]int) // phrase -> junk lines holding it
	for _, l := range junk {
		seen := make(map[string]bool)
		for _, run := range capitalisedRuns(l) {
			for i := 0; i < len(run); i++ {
				for j := i + 2; j <= len(run) && j-i <= 5; j++ {
					p := strings.Join(run[i:j], " ")
					if !seen[p] {
						seen[p] = true
						lines[p]++
					}
				}
			}
		}
	}
	text := story.String()
	people := surnames(text)
	var best []string
	for p, n := range lines {
		if n >= 2 && !strings.Contains(text, p) && !namesPerson(p, people) {
			best = append(best, p)
		}
	}
	if len(best) == 0 {
		return ""
	}
	sort.Slice(best, func(i, j int) bool {
		a, b := best[i], best[j]
		if lines[a] != lines[b] {
			return lines[a] > lines[b]
		}
		if wa, wb := strings.Count(a, " "), strings.Count(b, " "); wa != wb {
			return wa > wb
		}
		return a < b
	})
	return best[0]
}

// capitalisedRuns returns the runs of consecutive capitalised words in a
// line ("Access Business Standard across devices" gives [Access Business
// Standard]). A lone leading article does not start a run.
func capitalisedRuns(l string) [][]string {
	var runs [][]string
	var cur []string
	end := func() {
		if len(cur) >= 2 {
			runs = append(runs, cur)
		}
		cur = nil
	}
	for _, w := range strings.Fields(l) {
		trimmed := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&' })
		r := firstRune(trimmed)
		if trimmed == "" || !unicode.IsUpper(r) || (len(cur) == 0 && isStopWord(trimmed)) {
			end()
			continue
		}
		cur = append(cur, trimmed)
		if trimmed != w && strings.ContainsAny(w[len(w)-1:], ",.;:!?)—–") {
			end()
		}
	}
	end()
	return runs
}

// surnames returns the surnames of the people text names with a title
// or an honorific ("Mr Kerry", "US Secretary of State John Kerry").
func surnames(text string) map[string]bool {
	out := make(map[string]bool)
	toks := tokenize(text, 0)
	for i := 0; i < len(toks); {
		if !toks[i].word || !isNameWord(toks[i].text) && !isRole(toks[i].text) {
			i++
			continue
		}
		phrase, next := namePhraseForward(toks, i)
		i = max(next, i+1)
		if p, ok := personFrom(phrase); ok && (p.gender != 0 || len(p.roles) > 0) {
			out[p.surname()] = true
		}
	}
	return out
}

// namesPerson reports whether a capitalised phrase names a person rather
// than an outlet: a headline's "Secretary John Kerry", "President Obama",
// or any phrase holding the surname of someone the story names.
func namesPerson(phrase string, people map[string]bool) bool {
	for _, w := range strings.Fields(phrase) {
		if people[surnameKey(w)] || isHonorific(w) || inSet(personTitles, w) {
			return true
		}
	}
	return false
}

// personTitles stand before a person's name, never in an outlet's.
var personTitles = setOf(`secretary president minister senator governor mayor chancellor premier
ambassador spokesman spokeswoman spokesperson`)
