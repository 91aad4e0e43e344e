package corpus

import (
	"strings"
	"unicode"
)

// class is a line's verdict in the jusText-style pass.
type class uint8

const (
	classBad   class = iota // junk by pattern or by repetition
	classShort              // too short to judge alone: a heading, a label, a plan name
	classNear               // prose-ish but not clearly a story sentence
	classGood               // a story sentence
)

// lineInfo is what the cleaner knows about one body line.
type lineInfo struct {
	text      string
	st        wordStats
	fam       family
	class     class
	sentence  bool // ends like a sentence
	quoteVerb bool // holds a quotation and a reporting verb: always content
	repeated  bool // the outlet carries it in other articles too
	widget    bool // a headline listed under a widget label
	keep      bool
	heading   bool
}

// Thresholds of the jusText-style pass, tuned on news paragraphs: a story
// sentence has a few words, ends with punctuation and, in English, a fair
// share of stop words; menus, plan names and promo lines have none.
const (
	goodMinWords    = 7
	goodMinStops    = 0.15
	nearMinWords    = 8
	nearMinStops    = 0.25
	cutOffMinStops  = 0.30
	cutOffMinWords  = 4
	headingMaxWords = 12
)

// classify judges every line of a document: (1) junk patterns, (2) lines
// the outlet repeats across articles, (3) a jusText-style pass on length,
// stop words and punctuation, then a neighbour pass that settles the lines
// too short to judge alone, and finally the story's extent: what comes
// before its first sentence or after its last is page furniture.
func classify(lines []Line, outlet string, bp *Boilerplate, language string) (infos []lineInfo, cutOff bool) {
	english := language == "" || strings.HasPrefix(strings.ToLower(language), "en")
	infos = make([]lineInfo, len(lines))
	for i, l := range lines {
		t := strings.TrimSpace(l.Text)
		in := &infos[i]
		in.text = t
		in.st = countWords(t)
		in.fam = lineFamily(t, in.st)
		in.sentence = endsSentence(t)
		in.quoteVerb = hasQuoteWithVerb(t)
		in.repeated = bp.Repeated(outlet, lineKey(t))
		in.heading = l.Heading
		prose := in.sentence && in.st.words >= goodMinWords && (!english || in.st.stopDensity() >= goodMinStops)
		switch {
		case in.quoteVerb:
			in.class = classGood
		case in.fam != famNone:
			in.class = classBad
		case in.repeated && !prose:
			in.class = classBad
		case prose:
			in.class = classGood
		case in.sentence && in.st.words > 0,
			in.st.words >= nearMinWords && (!english || in.st.stopDensity() >= nearMinStops):
			in.class = classNear
		default:
			in.class = classShort
		}
	}
	markLists(infos)
	markBoilerplateBlocks(infos)
	// The headlines of an inline widget ("Also Read" then linked titles)
	// belong to the widget, up to the next story sentence.
	for i := 1; i < len(infos); i++ {
		if infos[i].class != classGood && (infos[i-1].fam == famWidget || infos[i-1].widget) {
			infos[i].class, infos[i].widget = classBad, true
		}
	}

	first, last := storyExtent(infos)
	rescuedCutOff := false
	// An untagged page is judged again as another language (below) before
	// its run-on lines are read: a story in French outweighs an English
	// caption.
	if first < 0 && !(english && language == "") {
		var rescued bool
		if rescued, rescuedCutOff = rescueRunOnLines(infos, english); rescued {
			first, last = storyExtent(infos)
		}
	}
	if first < 0 {
		if english && language == "" {
			// No English story sentence at all: perhaps the article is in
			// another language and says so nowhere. Judge it again without
			// English stop words rather than drop every line.
			return classify(lines, outlet, bp, "und")
		}
		return infos, false
	}
	// Short sentences right before the first or after the last story
	// sentence are the story's too ("He declined to comment.").
	for first > 0 && infos[first-1].class == classNear && infos[first-1].sentence {
		first--
	}
	for last+1 < len(infos) && infos[last+1].class == classNear && infos[last+1].sentence {
		last++
	}
	for i := first; i <= last; i++ {
		in := &infos[i]
		switch in.class {
		case classGood:
			in.keep = true
		case classNear:
			in.keep = neighbourIsText(infos, i-1) || neighbourIsText(infos, i+1)
		case classShort:
			if (in.heading || headingLike(in)) && neighbourIsText(infos, i-1) && neighbourIsText(infos, i+1) {
				in.keep, in.heading = true, true
			}
		}
		if in.keep && in.class != classShort {
			in.heading = false
		}
	}
	// A scrape that stops mid-sentence: one more prose line without final
	// punctuation, followed by nothing or by junk.
	if n := last + 1; n < len(infos) {
		in := &infos[n]
		if in.class == classNear && !in.sentence && in.fam == famNone && in.st.words >= nearMinWords &&
			(!english || in.st.stopDensity() >= cutOffMinStops) &&
			(n+1 == len(infos) || infos[n+1].class <= classShort) {
			in.keep = true
			cutOff = true
		}
		// A shorter fragment may end the file: "The minister said he would".
		if !cutOff && n == len(infos)-1 && in.fam == famNone && !in.sentence && in.st.words >= cutOffMinWords &&
			in.st.stopDensity() >= cutOffMinStops && unicode.IsLetter(lastRune(in.text)) {
			in.keep = true
			cutOff = true
		}
	}
	return infos, cutOff || rescuedCutOff
}

// storyExtent is the first and the last story sentence's line; -1, -1
// when there is none.
func storyExtent(infos []lineInfo) (first, last int) {
	first, last = -1, -1
	for i, in := range infos {
		if in.class == classGood {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// markLists keeps the items of a list the story introduces ("The plan
// includes:" then short lines). On their own the items are too short to
// pass for prose; after a prose line ending in a colon they are the
// story's own, until the next sentence or anything that is junk.
func markLists(infos []lineInfo) {
	inList := false
	for i := range infos {
		in := &infos[i]
		switch {
		case in.class == classBad || in.class == classGood:
			inList = false
		case inList:
			in.class = classNear
		}
		if in.fam == famNone && strings.HasSuffix(in.text, ":") && in.st.words >= 3 && in.st.stops > 0 {
			if in.class == classShort {
				in.class = classNear
			}
			inList = true
		}
	}
}

// markBoilerplateBlocks settles the repeated lines that read like story
// sentences. In a run of repeated lines, those between the story and the
// first junk line continue the story (wire copy two articles share); those
// past junk belong to the block of page furniture ("Thank you for reading
// our journalism." after a subscription pitch).
func markBoilerplateBlocks(infos []lineInfo) {
	for i := 0; i < len(infos); {
		if !infos[i].repeated {
			i++
			continue
		}
		j := i
		firstBad, lastBad := -1, -1
		for ; j < len(infos) && infos[j].repeated; j++ {
			if infos[j].class == classBad {
				if firstBad < 0 {
					firstBad = j
				}
				lastBad = j
			}
		}
		if firstBad >= 0 {
			storyBefore := i > 0 && infos[i-1].class == classGood
			storyAfter := j < len(infos) && infos[j].class == classGood
			for k := i; k < j; k++ {
				keep := storyBefore && k < firstBad || storyAfter && k > lastBad
				if !keep && !infos[k].quoteVerb {
					infos[k].class = classBad
				}
			}
		}
		i = j
	}
}

func neighbourIsText(infos []lineInfo, i int) bool {
	return i >= 0 && i < len(infos) && (infos[i].class == classGood || infos[i].class == classNear)
}

// headingLike reports whether a line reads like a subheading: a few
// words, capitalised, no final punctuation.
func headingLike(in *lineInfo) bool {
	if in.sentence || in.st.words < 2 || in.st.words > headingMaxWords || in.fam != famNone {
		return false
	}
	r := firstRune(in.text)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	last := lastRune(in.text)
	return last != ':' && last != ',' && last != ';'
}

// hasQuoteWithVerb reports whether t holds a quotation (two or more double
// quote marks) and a reporting verb.
func hasQuoteWithVerb(t string) bool {
	marks := 0
	for _, r := range t {
		if isDoubleQuote(r) {
			marks++
		}
	}
	if marks < 2 {
		return false
	}
	start := -1
	for i, r := range t {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && inSet(reportingVerbs, t[start:i]) {
			return true
		}
		start = -1
	}
	return start >= 0 && inSet(reportingVerbs, t[start:]) || strings.Contains(strings.ToLower(t), "according to")
}

func isDoubleQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‟', '＂':
		return true
	}
	return false
}
