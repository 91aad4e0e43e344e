package bot

import (
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Discord's message limits, in characters (Unicode code points). Every
// reply passes through Fit before a transport sends it, so this is the one
// place they are enforced.
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthor           = 256
	MaxEmbedTotal       = 6000 // all text in all of a message's embeds
	MaxRows             = 5
	MaxButtonsPerRow    = 5
	MaxButtonLabel      = 80
	MaxCustomID         = 100
	MaxURL              = 2048
	MaxChoices          = 25
	MaxChoiceName       = 100
	MaxChoiceValue      = 100
)

// ellipsis marks text that was cut.
const ellipsis = "…"

// Fit returns r cut to Discord's limits: every string within its limit,
// cut on a word boundary with an ellipsis and never inside a character;
// invalid UTF-8 replaced; embeds, fields, buttons and choices beyond their
// counts dropped; all embed text within the 6,000 total.
func Fit(r Reply) Reply {
	r.Content = Truncate(r.Content, MaxContent)

	if len(r.Embeds) > MaxEmbeds {
		r.Embeds = r.Embeds[:MaxEmbeds]
	}
	embeds := make([]Embed, len(r.Embeds))
	for i, e := range r.Embeds {
		embeds[i] = fitEmbed(e)
	}
	r.Embeds = fitEmbedTotal(embeds)

	r.Components = fitRows(r.Components)

	if len(r.Choices) > 0 {
		choices := make([]Choice, 0, min(len(r.Choices), MaxChoices))
		for _, c := range r.Choices {
			if len(choices) == MaxChoices {
				break
			}
			c.Value = strings.ToValidUTF8(c.Value, "")
			if c.Value == "" || utf8.RuneCountInString(c.Value) > MaxChoiceValue {
				continue // a value cannot be cut without changing what it selects
			}
			c.Name = Truncate(c.Name, MaxChoiceName)
			if c.Name == "" {
				c.Name = Truncate(c.Value, MaxChoiceName)
			}
			choices = append(choices, c)
		}
		r.Choices = choices
	}
	return r
}

func fitEmbed(e Embed) Embed {
	e.Title = Truncate(e.Title, MaxEmbedTitle)
	e.Author = Truncate(e.Author, MaxAuthor)
	e.Description = Truncate(e.Description, MaxEmbedDescription)
	e.Footer = Truncate(e.Footer, MaxFooter)
	e.URL = safeURL(e.URL)
	// Discord refuses a whole message over one bad timestamp or colour.
	if !validTimestamp(e.Timestamp) {
		e.Timestamp = ""
	}
	if e.Color < 0 || e.Color > 0xFFFFFF {
		e.Color = 0
	}
	if len(e.Fields) > MaxEmbedFields {
		e.Fields = e.Fields[:MaxEmbedFields]
	}
	fields := make([]Field, len(e.Fields))
	for i, f := range e.Fields {
		f.Name = Truncate(f.Name, MaxFieldName)
		f.Value = Truncate(f.Value, MaxFieldValue)
		// Discord rejects empty field names and values.
		if strings.TrimSpace(f.Name) == "" {
			f.Name = "\u200b"
		}
		if strings.TrimSpace(f.Value) == "" {
			f.Value = "\u200b"
		}
		fields[i] = f
	}
	e.Fields = fields
	return e
}

// EmbedText counts the characters of e that count towards the 6,000 total.
func EmbedText(e Embed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description) +
		utf8.RuneCountInString(e.Footer) + utf8.RuneCountInString(e.Author)
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	return n
}

// fitEmbedTotal keeps the embeds within MaxEmbedTotal, dropping the last
// fields first (the least relevant answers come last), then cutting the
// last description, then dropping trailing embeds.
func fitEmbedTotal(embeds []Embed) []Embed {
	total := 0
	for _, e := range embeds {
		total += EmbedText(e)
	}
	for total > MaxEmbedTotal && len(embeds) > 0 {
		last := &embeds[len(embeds)-1]
		switch {
		case len(last.Fields) > 0:
			f := last.Fields[len(last.Fields)-1]
			last.Fields = last.Fields[:len(last.Fields)-1]
			total -= utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		case utf8.RuneCountInString(last.Description) > 0:
			excess := total - MaxEmbedTotal
			n := utf8.RuneCountInString(last.Description)
			keep := max(n-excess, 0)
			cut := ""
			if keep > 0 {
				cut = Truncate(last.Description, keep)
			}
			total -= n - utf8.RuneCountInString(cut)
			last.Description = cut
		case len(embeds) > 1:
			total -= EmbedText(*last)
			embeds = embeds[:len(embeds)-1]
		default:
			// One embed with no fields or description: only title, author
			// and footer remain, each within its own limit; cut the footer.
			excess := total - MaxEmbedTotal
			n := utf8.RuneCountInString(last.Footer)
			cut := Truncate(last.Footer, max(n-excess, 0))
			total -= n - utf8.RuneCountInString(cut)
			last.Footer = cut
			if total > MaxEmbedTotal {
				last.Author = ""
				total = EmbedText(*last)
			}
		}
	}
	return embeds
}

func fitRows(rows []Row) []Row {
	var out []Row
	seen := make(map[string]bool) // Discord refuses a message with a custom id twice
	for _, row := range rows {
		if len(out) == MaxRows {
			break
		}
		var kept Row
		for _, b := range row {
			if len(kept) == MaxButtonsPerRow {
				break
			}
			b.Label = Truncate(b.Label, MaxButtonLabel)
			if b.Style == ButtonLink {
				if b.URL = safeURL(b.URL); b.URL == "" {
					continue
				}
				b.CustomID = ""
			} else {
				b.URL = ""
				if b.CustomID == "" || len(b.CustomID) > MaxCustomID || !utf8.ValidString(b.CustomID) || seen[b.CustomID] {
					continue // an id cannot be cut without breaking the button
				}
				seen[b.CustomID] = true
			}
			if b.Label == "" {
				b.Label = "…"
			}
			kept = append(kept, b)
		}
		if len(kept) > 0 {
			out = append(out, kept)
		}
	}
	return out
}

// validTimestamp reports whether t is empty or an RFC 3339 time with a
// four-digit year, the only timestamps Discord accepts in an embed.
func validTimestamp(t string) bool {
	if t == "" {
		return true
	}
	parsed, err := time.Parse(time.RFC3339, t)
	return err == nil && parsed.Year() >= 1 && parsed.Year() <= 9999
}

// validURL reports whether u is a url Discord takes as it stands in an
// embed, a link button or a markdown link (see safeURL).
func validURL(u string) bool { return u != "" && safeURL(u) == u }

// safeURL returns u as Discord takes it, or "" when Discord would refuse
// it ("Not a well formed URL", which fails the whole message): an absolute
// http or https url that parses strictly, with no spaces, control or
// format characters anywhere, no user name or password, a port in range
// and a host that is an IP address or a DNS name of letters, digits and
// hyphens (an internationalised name is turned into its xn-- form; an
// underscore is refused). Characters a url cannot hold in its path, query
// or fragment are percent-encoded.
func safeURL(raw string) string {
	if raw == "" || len(raw) > MaxURL || !utf8.ValidString(raw) {
		return ""
	}
	for _, r := range raw {
		if r <= ' ' || r == 0x7f || unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ""
		}
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Opaque != "" || u.User != nil {
		return ""
	}
	host, ok := discordHost(u.Hostname())
	if !ok {
		return ""
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return ""
		}
		host = net.JoinHostPort(host, p)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if strings.HasSuffix(u.Host, ":") {
		return "" // an empty port
	}
	rest := u.EscapedPath()
	if u.ForceQuery || u.RawQuery != "" {
		rest += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		rest += "#" + u.EscapedFragment()
	}
	out := u.Scheme + "://" + host + encodeURLRest(rest)
	if len(out) > MaxURL {
		return ""
	}
	return out
}

// discordHost returns host in the ASCII form Discord takes, reporting
// whether it is one: an IP address, or a DNS name with a dot whose labels
// are letters, digits and hyphens.
func discordHost(host string) (string, bool) {
	if host == "" {
		return "", false
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.String(), true
	}
	// A host's escapes are already decoded here, and "%80" is a byte that
	// is no character: idna would turn it into U+FFFD's xn-- form, which
	// idna itself refuses on the next reading.
	if !utf8.ValidString(host) {
		return "", false
	}
	ascii, err := idna.Lookup.ToASCII(host)
	if err != nil || len(ascii) > 253 || !strings.Contains(ascii, ".") {
		return "", false
	}
	// The xn-- form must read back as itself: what is sent is checked by
	// Discord as it stands, and safeURL of its own output is that output.
	if again, err := idna.Lookup.ToASCII(ascii); err != nil || again != ascii {
		return "", false
	}
	labels := strings.Split(ascii, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return "", false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return "", false
			}
		}
	}
	if tld := labels[len(labels)-1]; strings.Trim(tld, "0123456789") == "" {
		return "", false // all digits: a malformed IP address
	}
	return ascii, true
}

// encodeURLRest percent-encodes what RFC 3986 does not allow in a url's
// path, query and fragment, and a "%" that starts no escape.
func encodeURLRest(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~:/?#@!$&'()*+,;=", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// Truncate returns s with at most max characters. Cut text ends with "…" on
// a word boundary when one is near, and is never cut inside a character.
// Invalid UTF-8 is replaced first.
func Truncate(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if max <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return ellipsis
	}
	// Byte offset of the end of the first max-1 runes.
	end, n := 0, 0
	for i := range s {
		if n == max-1 {
			end = i
			break
		}
		n++
	}
	cut := s[:end]
	next, _ := utf8.DecodeRuneInString(s[end:])
	// Prefer the last space in the final fifth of the text kept, so a word
	// is not cut in half; otherwise cut at the character boundary.
	if unicode.IsSpace(next) {
		// The cut already falls between words.
	} else if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > 0 && utf8.RuneCountInString(cut[:i]) >= (max-1)*4/5 {
		cut = cut[:i]
	}
	cut = strings.TrimRightFunc(cut, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' || r == '-' || r == '\u200d'
	})
	return cut + ellipsis
}
