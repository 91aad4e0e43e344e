package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// family is the kind of scraped junk a line belongs to, by pattern alone.
type family uint8

const (
	famNone     family = iota
	famStray           // no letters or digits: ")", "—", "***"
	famTemplate        // an unrendered template: {{free_limit}}
	famPaywall         // a subscription or log-in prompt
	famPromo           // marketing for the outlet's own products
	famPrice           // a price or plan length: ₹900, 3 Months, $4.99/month
	famWidget          // an inline widget label: Also Read, Read More, Related
	famMenu            // navigation: Skip to content, Home | World | Sport
	famCaption         // a photo caption or credit: Image: Reuters/…
	famByline          // By Jane Doe, Chief Reporter
	famDateline        // a date or time on its own, or "PARIS, 9 Feb —"
	famTags            // Tags: Syria, Russia
	famSocial          // share prompts, newsletters, copyright lines
)

// lineFamily classifies a trimmed line by the patterns of scraped junk.
// The patterns are kept to forms a story sentence does not take: short
// prompts, labels and lists; long prose is left to the later passes.
func lineFamily(t string, st wordStats) family {
	if !hasLetterOrDigit(t) {
		return famStray
	}
	l := strings.ToLower(t)
	n := st.words
	sentence := endsSentence(t)
	if strings.Contains(l, "{{") || strings.Contains(l, "{%") || strings.Contains(l, "}}") {
		return famTemplate
	}
	if n <= 16 && (containsAny(l, paywallPhrases) || !sentence && containsAny(l, paywallWords)) {
		return famPaywall
	}
	if isPriceLine(l) {
		return famPrice
	}
	if n <= 12 && hasLabelPrefix(l, widgetLabels) {
		return famWidget
	}
	if n <= 8 && hasLabelPrefix(l, menuLabels) {
		return famMenu
	}
	if isSeparatedList(t) {
		return famMenu
	}
	if n <= 40 && mayBeCaption(l) && containsAny(l, captionMarks) {
		return famCaption
	}
	if n <= 12 && isByline(t, l) {
		return famByline
	}
	if n <= 12 && isDateline(t, l) {
		return famDateline
	}
	if n <= 40 && hasLabelPrefix(l, tagLabels) {
		return famTags
	}
	if n <= 12 && strings.HasPrefix(l, "#") && strings.Count(l, "#") >= 2 {
		return famTags
	}
	if n <= 20 && (containsAny(l, socialPhrases) || !sentence && containsAny(l, socialWords)) {
		return famSocial
	}
	if !sentence && n <= 16 && containsAny(l, promoWords) {
		return famPromo
	}
	return famNone
}

var paywallPhrases = []string{
	"subscribe now", "subscribe to read", "subscribe to continue", "subscribe for",
	"subscribe today", "already subscribed", "already a subscriber", "already a member",
	"reached your limit", "free articles", "free article", "article limit", "unlimited access",
	"to continue reading", "continue reading", "log in to", "login to", "sign in to", "sign up to read",
	"register to read", "create a free account", "renews automatically", "cancel anytime",
	"subscription plans", "subscribers only", "for subscribers", "paywall",
	"become a member", "start your free trial", "subscribe →", "subscribe »",
	"already have an account",
}

// paywallWords are prompts only when the line is not a sentence.
var paywallWords = []string{"subscribe", "log in", "login", "sign in", "register", "paywall", "free trial"}

var promoWords = []string{
	"subscription", "subscriber", "premium", "newsletter", "epaper", "e-paper", "ad-free",
	"advertisement", "in your inbox", "to your inbox", "devices", "download",
	"handpicked", "archives", "podcast", "listen live",
}

var widgetLabels = []string{
	"also read", "read more", "read also", "see also", "related", "more on this", "more from",
	"recommended", "trending", "most read", "most popular", "top stories", "latest news",
	"editor's pick", "editors' pick", "watch", "listen", "advertisement", "sponsored",
	"story continues", "article continues", "continue reading", "don't miss", "must read",
	"you may also like", "you might also like", "suggested", "read next", "up next", "more stories",
}

var menuLabels = []string{
	"skip to", "jump to", "menu", "search", "home", "sections", "navigation", "main menu",
	"open menu", "close menu", "toggle", "back to top", "sign in", "log in", "log out",
}

var tagLabels = []string{"tags", "topics", "filed under", "categories", "category", "keywords", "more about", "related topics"}

var captionMarks = []string{
	"image:", "photo:", "picture:", "photograph:", "credit:", "photo credit", "image credit",
	"(photo", "(image", "(picture", "(file photo", "file photo", "reuters/", "/reuters",
	"afp/", "/afp", "ap photo", "getty images", "/getty", "representational image",
	"image source", "photo source", "pic:", "(pic", "image caption", "media caption",
	"video caption", "caption:", "picture source",
}

var socialPhrases = []string{
	"sign up for our", "sign up to our", "subscribe to our", "all rights reserved", "©",
	"we use cookies", "cookie policy", "privacy policy", "download our app", "got a story",
	"follow us on", "share this article", "share this story", "click here to",
	// a page built by JavaScript, scraped without it, says only this
	"enable javascript", "javascript is disabled", "javascript is required", "javascript must be enabled",
	"browser does not support javascript", "turn on javascript",
}

// socialWords are share and follow prompts only when the line is not a sentence.
var socialWords = []string{
	"share this", "share on", "share via", "follow us", "like us on", "click here", "tap here",
	"newsletter", "copyright", "terms of use", "terms and conditions", "download the app",
	"get the app", "email the newsroom", "contact us", "whatsapp", "telegram", "on twitter",
	"on facebook", "on instagram",
}

func containsAny(l string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// hasLabelPrefix reports whether l starts with a label as a whole word,
// followed by nothing, punctuation or a separator.
func hasLabelPrefix(l string, labels []string) bool {
	for _, p := range labels {
		if !strings.HasPrefix(l, p) {
			continue
		}
		rest := l[len(p):]
		if rest == "" {
			return true
		}
		r := firstRune(rest)
		if r == ':' || r == '|' || r == '-' || r == '–' || r == '—' || r == '»' || r == '›' || r == '>' {
			return true
		}
		// "Read More" labels are often followed by the linked headline;
		// a label is a label when what follows is not a sentence.
		if r == ' ' && p != "home" && p != "search" && p != "watch" && p != "listen" && !endsSentence(rest) {
			return len(strings.Fields(rest)) <= 10
		}
	}
	return false
}

var currencyMarks = "₹$€£¥₽₩"

var priceWords = setOf(`rs rs. inr usd eur gbp us$ a an per only just month months year years week weeks
day days mo yr annually monthly yearly quarterly / off free then billed plus + vat tax incl. gst`)

// mayBeCaption is a cheap filter before the caption marks are searched.
func mayBeCaption(l string) bool {
	return strings.ContainsAny(l, ":/(") || strings.Contains(l, "getty") || strings.Contains(l, "photo") ||
		strings.Contains(l, "image") || strings.Contains(l, "caption")
}

// isPriceLine reports whether l is only prices and plan lengths.
func isPriceLine(l string) bool {
	if len(l) > 60 || strings.Count(l, " ") > 6 || !strings.ContainsAny(l, "0123456789") {
		return false
	}
	hasNumber := false
	fields := strings.FieldsFunc(l, func(r rune) bool { return unicode.IsSpace(r) || r == '/' || r == '*' })
	if len(fields) == 0 || len(fields) > 6 {
		return false
	}
	for _, f := range fields {
		f = strings.Trim(f, ",;:()")
		f = strings.TrimLeft(f, currencyMarks)
		f = strings.TrimRight(f, "%")
		if f == "" {
			continue
		}
		if isNumber(f) {
			hasNumber = true
			continue
		}
		if _, ok := priceWords[f]; !ok {
			return false
		}
	}
	return hasNumber
}

func isNumber(f string) bool {
	digits := 0
	for _, r := range f {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ',' || r == '.' || r == '-' || r == '–':
		default:
			return false
		}
	}
	return digits > 0
}

// isSeparatedList reports whether t is a list of short items joined by
// separators, as menus and breadcrumbs are: "News | Sport | What's On".
func isSeparatedList(t string) bool {
	seps := 0
	for _, r := range t {
		switch r {
		case '|', '•', '·', '»', '›', '/':
			seps++
		}
	}
	if seps < 2 || endsSentence(t) {
		return false
	}
	items := strings.FieldsFunc(t, func(r rune) bool {
		return r == '|' || r == '•' || r == '·' || r == '»' || r == '›' || r == '/'
	})
	for _, it := range items {
		if len(strings.Fields(it)) > 4 {
			return false
		}
	}
	return true
}

// isByline reports whether t credits a writer: "By Jane Doe", "Reporting by
// …", "(With inputs from agencies)".
func isByline(t, l string) bool {
	for _, p := range []string{"written by ", "reported by ", "reporting by ", "edited by ", "editing by ",
		"posted by ", "compiled by ", "additional reporting by ", "(with inputs from", "with inputs from ",
		"(reporting by", "story by ", "words by ", "text by "} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	if !strings.HasPrefix(l, "by ") || endsSentence(t) {
		return false
	}
	// Every word of the name part is capitalised (or a joiner).
	name, _, _ := strings.Cut(t[3:], ",")
	name, _, _ = strings.Cut(name, "|")
	for _, w := range strings.Fields(name) {
		switch strings.ToLower(w) {
		case "and", "&", "de", "van", "von", "der", "al", "bin", "la", "le", "da", "di", "du":
			continue
		}
		if r := firstRune(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isDateline reports whether t is a date or time on its own ("Updated: Jan
// 22, 2014, 10:30 IST", "22 January 2014") or a dateline label on its own
// ("PARIS, 9 February —").
func isDateline(t, l string) bool {
	if !endsSentence(t) {
		last := lastRune(strings.TrimSpace(t))
		if last == '—' || last == '–' || last == '-' {
			return true
		}
	}
	hasNumber := false
	for _, f := range strings.FieldsFunc(l, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '|' || r == '(' || r == ')'
	}) {
		f = strings.Trim(f, ".:;-–—")
		if f == "" {
			continue
		}
		if isNumber(f) || isClock(f) {
			hasNumber = true
			continue
		}
		if _, ok := dateWords[f]; !ok {
			return false
		}
	}
	return hasNumber
}

func isClock(f string) bool {
	h, m, ok := strings.Cut(f, ":")
	if !ok {
		return false
	}
	m = strings.TrimSuffix(strings.TrimSuffix(m, "am"), "pm")
	return isNumber(h) && isNumber(m)
}

var dateWords = setOf(`updated published posted last first on at modified date time am pm a.m p.m
ist gmt utc bst cet cest est edt pst pdt et pt aest jst hkt sgt ago hours hour minutes minute
mins secs today yesterday jan feb mar apr may jun jul aug sep sept oct nov dec january february
march april june july august september october november december monday tuesday wednesday
thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun st nd rd th of
updated: published:`)

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}
