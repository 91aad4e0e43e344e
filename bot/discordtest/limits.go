package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Discord's limits that its OpenAPI spec does not express (or states
// differently: the spec allows 4,000 characters of content, Discord 2,000).
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooterText       = 2048
	MaxAuthorName       = 256
	MaxEmbedTotal       = 6000
	MaxCommandOptions   = 25
	MaxChoices          = 25
	MaxActionRows       = 5
	MaxRowComponents    = 5
	MaxButtonLabel      = 80
	MaxCustomID         = 100
)

// PolicyError is a rule of this project rather than of Discord (e.g.
// allowed_mentions on every message): recorded as a violation, but the fake
// still serves the request as Discord would.
type PolicyError struct{ Err error }

func (e PolicyError) Error() string { return e.Err.Error() }
func (e PolicyError) Unwrap() error { return e.Err }

func policy(format string, args ...any) error {
	return PolicyError{Err: fmt.Errorf(format, args...)}
}

// enforced keeps the errors Discord itself would answer with 400.
func enforced(errs []error) []error {
	var out []error
	for _, err := range errs {
		var p PolicyError
		if !errors.As(err, &p) {
			out = append(out, err)
		}
	}
	return out
}

// ValidateRequest checks one request the way the fake checks what it
// receives: against Discord's OpenAPI spec, then against the limits the
// spec cannot express (see ValidateLimits). path may be a full URL
// ("https://discord.com/api/v10/channels/1/messages"), a path with the API
// prefix, or one below it ("/channels/1/messages"). When the spec cannot be
// found the result includes ErrSpecNotFound; call RequireSpec first in a test.
func ValidateRequest(method, path string, body []byte) []error {
	rel, err := apiRelative(path)
	if err != nil {
		return []error{err}
	}
	errs := specErrors(method, rel, body)
	return append(errs, ValidateLimits(method, rel, body)...)
}

// ValidateLimits checks only what the spec cannot: message content ≤ 2,000
// characters, embed limits including the 6,000-character total, component
// limits, text that is valid UTF-8 and was not cut mid-character,
// allowed_mentions on every payload with content or embeds (and no
// "everyone", "roles" or "users" in its parse list), and command
// registration rules (name pattern and lowercase, description 1–100,
// required options first, ≤ 25 options and choices). It needs no spec.
func ValidateLimits(method, path string, body []byte) []error {
	rel, err := apiRelative(path)
	if err != nil {
		return []error{err}
	}
	p, _, _ := strings.Cut(rel, "?")
	rt, _ := matchRoute(method, p)
	if rt == nil || len(body) == 0 {
		return nil
	}
	return limitErrors(rt.name, body)
}

// apiRelative turns any accepted form of path into the part below /api/vN.
func apiRelative(path string) (string, error) {
	if strings.Contains(path, "://") {
		u, err := url.Parse(path)
		if err != nil {
			return "", fmt.Errorf("discordtest: bad URL %q: %w", path, err)
		}
		path = u.EscapedPath()
		if u.RawQuery != "" {
			path += "?" + u.RawQuery
		}
	}
	if _, rest, ok := splitAPIVersion(path); ok {
		return rest, nil
	}
	if strings.HasPrefix(path, "/api/") {
		return "", fmt.Errorf("discordtest: %q: only API versions 9 and 10 exist", path)
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return path, nil
}

// validate runs every check on a recorded request.
func (s *Server) validate(rec *Request) []error {
	var errs []error
	if s.cfg.specValidation {
		p := rec.Path
		if rec.Query != "" {
			p += "?" + rec.Query
		}
		errs = specErrors(rec.Method, p, rec.Body)
	}
	if len(rec.Body) > 0 {
		errs = append(errs, limitErrors(rec.Route, rec.Body)...)
	}
	return errs
}

func limitErrors(routeName string, body []byte) []error {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return []error{fmt.Errorf("body is not JSON: %v", err)}
	}
	var errs []error
	if !utf8.Valid(body) {
		errs = append(errs, errors.New("body is not valid UTF-8"))
	}
	errs = append(errs, textErrors("", v)...)
	obj, _ := v.(map[string]any)
	switch routeName {
	case RouteInteractionCallback:
		errs = append(errs, callbackErrors(obj)...)
	case RouteOriginalEdit, RouteFollowupEdit, RouteChannelMessageEdit, RouteFollowup, RouteChannelMessageCreate:
		errs = append(errs, messageErrors("", obj)...)
	case RouteThreadCreate:
		if msg, ok := obj["message"].(map[string]any); ok {
			errs = append(errs, messageErrors("message.", msg)...)
		}
		if name, _ := obj["name"].(string); utf8.RuneCountInString(name) > 100 {
			errs = append(errs, fmt.Errorf("name: %d characters, Discord allows 100 for a thread", utf8.RuneCountInString(name)))
		}
	case RouteGlobalCommandsPut, RouteGuildCommandsPut:
		list, _ := v.([]any)
		errs = append(errs, commandListErrors(list)...)
	}
	return errs
}

// textErrors finds strings that carry U+FFFD, the mark of text that was not
// valid UTF-8 or was cut inside a character before encoding.
func textErrors(at string, v any) []error {
	switch x := v.(type) {
	case string:
		if strings.ContainsRune(x, utf8.RuneError) {
			return []error{policy("%s: text contains U+FFFD (invalid UTF-8 or cut mid-character)", orRoot(at))}
		}
	case map[string]any:
		var errs []error
		for k, e := range x {
			errs = append(errs, textErrors(at+"."+k, e)...)
		}
		return errs
	case []any:
		var errs []error
		for i, e := range x {
			errs = append(errs, textErrors(fmt.Sprintf("%s[%d]", at, i), e)...)
		}
		return errs
	}
	return nil
}

func orRoot(at string) string {
	if at == "" {
		return "body"
	}
	return strings.TrimPrefix(at, ".")
}

func callbackErrors(obj map[string]any) []error {
	typ, _ := obj["type"].(float64)
	data, _ := obj["data"].(map[string]any)
	switch int(typ) {
	case 4, 7:
		if data == nil {
			if int(typ) == 4 {
				return []error{errors.New("data: a type 4 callback needs a message")}
			}
			return nil
		}
		return messageErrors("data.", data)
	case 8:
		choices, _ := data["choices"].([]any)
		return choiceErrors("data.choices", choices)
	case 9:
		var errs []error
		if t, _ := data["title"].(string); utf8.RuneCountInString(t) < 1 || utf8.RuneCountInString(t) > 45 {
			errs = append(errs, fmt.Errorf("data.title: a modal title has 1–45 characters, got %d", utf8.RuneCountInString(t)))
		}
		rows, _ := data["components"].([]any)
		if len(rows) < 1 || len(rows) > MaxActionRows {
			errs = append(errs, fmt.Errorf("data.components: a modal has 1–5 components, got %d", len(rows)))
		}
		return errs
	}
	return nil
}

// messageErrors checks the fields of a message create or edit.
func messageErrors(at string, m map[string]any) []error {
	if m == nil {
		return nil
	}
	var errs []error
	content, hasContent := m["content"].(string)
	if n := utf8.RuneCountInString(content); n > MaxContent {
		errs = append(errs, fmt.Errorf("%scontent: %d characters, Discord allows %d", at, n, MaxContent))
	}
	embeds, hasEmbeds := m["embeds"].([]any)
	errs = append(errs, embedErrors(at, embeds)...)
	rows, _ := m["components"].([]any)
	errs = append(errs, componentErrors(at, rows)...)
	if (hasContent && content != "") || (hasEmbeds && len(embeds) > 0) {
		errs = append(errs, allowedMentionsErrors(at, m)...)
	}
	return errs
}

func allowedMentionsErrors(at string, m map[string]any) []error {
	am, ok := m["allowed_mentions"].(map[string]any)
	if !ok {
		return []error{policy("%sallowed_mentions: missing; quoted text could ping @everyone, roles or users", at)}
	}
	parse, _ := am["parse"].([]any)
	var errs []error
	for _, p := range parse {
		errs = append(errs, policy("%sallowed_mentions.parse: %q lets quoted text ping; list ids in users/roles instead", at, p))
	}
	return errs
}

func embedErrors(at string, embeds []any) []error {
	var errs []error
	if len(embeds) > MaxEmbeds {
		errs = append(errs, fmt.Errorf("%sembeds: %d embeds, Discord allows %d", at, len(embeds), MaxEmbeds))
	}
	total := 0
	check := func(where, s string, limit int) {
		n := utf8.RuneCountInString(s)
		total += n
		if n > limit {
			errs = append(errs, fmt.Errorf("%s%s: %d characters, Discord allows %d", at, where, n, limit))
		}
	}
	for i, e := range embeds {
		em, _ := e.(map[string]any)
		pre := fmt.Sprintf("embeds[%d].", i)
		title, _ := em["title"].(string)
		check(pre+"title", title, MaxEmbedTitle)
		errs = append(errs, urlErrors(at+pre+"url", em["url"])...)
		desc, _ := em["description"].(string)
		check(pre+"description", desc, MaxEmbedDescription)
		if footer, ok := em["footer"].(map[string]any); ok {
			text, _ := footer["text"].(string)
			check(pre+"footer.text", text, MaxFooterText)
		}
		if author, ok := em["author"].(map[string]any); ok {
			name, _ := author["name"].(string)
			check(pre+"author.name", name, MaxAuthorName)
			errs = append(errs, urlErrors(at+pre+"author.url", author["url"])...)
		}
		fields, _ := em["fields"].([]any)
		if len(fields) > MaxEmbedFields {
			errs = append(errs, fmt.Errorf("%s%sfields: %d fields, Discord allows %d", at, pre, len(fields), MaxEmbedFields))
		}
		for j, f := range fields {
			fm, _ := f.(map[string]any)
			name, _ := fm["name"].(string)
			value, _ := fm["value"].(string)
			fpre := fmt.Sprintf("%sfields[%d].", pre, j)
			if strings.TrimSpace(name) == "" || strings.TrimSpace(value) == "" {
				errs = append(errs, fmt.Errorf("%s%s: a field needs a non-blank name and value", at, strings.TrimSuffix(fpre, ".")))
			}
			check(fpre+"name", name, MaxFieldName)
			check(fpre+"value", value, MaxFieldValue)
		}
	}
	if total > MaxEmbedTotal {
		errs = append(errs, fmt.Errorf("%sembeds: %d characters in all, Discord allows %d per message", at, total, MaxEmbedTotal))
	}
	return errs
}

func componentErrors(at string, rows []any) []error {
	var errs []error
	if len(rows) > MaxActionRows {
		errs = append(errs, fmt.Errorf("%scomponents: %d action rows, Discord allows %d", at, len(rows), MaxActionRows))
	}
	ids := map[string]bool{}
	for i, r := range rows {
		row, _ := r.(map[string]any)
		if t, _ := row["type"].(float64); t != 1 {
			continue // components v2 layouts: left to the spec
		}
		children, _ := row["components"].([]any)
		pre := fmt.Sprintf("%scomponents[%d]", at, i)
		if len(children) > MaxRowComponents {
			errs = append(errs, fmt.Errorf("%s: %d components in a row, Discord allows %d", pre, len(children), MaxRowComponents))
		}
		for j, c := range children {
			cm, _ := c.(map[string]any)
			cpre := fmt.Sprintf("%s.components[%d]", pre, j)
			if label, _ := cm["label"].(string); utf8.RuneCountInString(label) > MaxButtonLabel {
				errs = append(errs, fmt.Errorf("%s.label: %d characters, Discord allows %d", cpre, utf8.RuneCountInString(label), MaxButtonLabel))
			}
			id, _ := cm["custom_id"].(string)
			style, _ := cm["style"].(float64)
			isLinkButton := cm["type"] == float64(2) && (style == 5 || style == 6)
			errs = append(errs, urlErrors(cpre+".url", cm["url"])...)
			if !isLinkButton && cm["type"] != nil {
				if id == "" {
					errs = append(errs, fmt.Errorf("%s.custom_id: required", cpre))
				}
				if utf8.RuneCountInString(id) > MaxCustomID {
					errs = append(errs, fmt.Errorf("%s.custom_id: %d characters, Discord allows %d", cpre, utf8.RuneCountInString(id), MaxCustomID))
				}
				if id != "" && ids[id] {
					errs = append(errs, fmt.Errorf("%s.custom_id: %q used twice in one message", cpre, id))
				}
				ids[id] = true
			}
			if opts, _ := cm["options"].([]any); len(opts) > MaxChoices {
				errs = append(errs, fmt.Errorf("%s.options: %d options, Discord allows %d", cpre, len(opts), MaxChoices))
			}
		}
	}
	return errs
}

// urlErrors checks a url field as Discord does: one that does not parse
// strictly as an http or https url with a DNS host name or IP address is
// refused with 400 "Not a well formed URL" (a space or a newline anywhere,
// an underscore in the host name, a host with no dot, an empty host, ...).
// The spec types these fields format: uri but does not assert formats.
func urlErrors(at string, v any) []error {
	s, ok := v.(string)
	if !ok || s == "" {
		return nil
	}
	if err := wellFormedURL(s); err != nil {
		return []error{fmt.Errorf("%s: Not a well formed URL (%v): %q", at, err, s)}
	}
	return nil
}

func wellFormedURL(s string) error {
	for _, r := range s {
		if r <= ' ' || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u00a0' || r == '\u2028' || r == '\u2029' {
			return fmt.Errorf("%U in the url", r)
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("scheme %q", u.Scheme)
	}
	host := u.Hostname()
	if host == "" {
		return errors.New("no host")
	}
	if net.ParseIP(host) != nil {
		return nil
	}
	if !strings.Contains(host, ".") {
		return fmt.Errorf("host %q has no dot", host)
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return fmt.Errorf("host %q has an empty or hyphen-edged label", host)
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return fmt.Errorf("%q in host %q", r, host)
			}
		}
	}
	return nil
}
