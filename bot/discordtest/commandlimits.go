package discordtest

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// commandName is Discord's pattern for command and option names.
var commandName = regexp.MustCompile(`^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

func commandListErrors(cmds []any) []error {
	var errs []error
	seen := map[string]bool{}
	for i, c := range cmds {
		cm, _ := c.(map[string]any)
		at := fmt.Sprintf("[%d]", i)
		typ := 1.0
		if t, ok := cm["type"].(float64); ok {
			typ = t
		}
		name, _ := cm["name"].(string)
		key := fmt.Sprint(typ, "/", name)
		if seen[key] {
			errs = append(errs, fmt.Errorf("%s.name: command %q registered twice", at, name))
		}
		seen[key] = true
		if typ != 1 { // user and message commands: free-form names, no description
			continue
		}
		errs = append(errs, nameErrors(at+".name", name)...)
		desc, _ := cm["description"].(string)
		errs = append(errs, descriptionErrors(at+".description", desc)...)
		opts, _ := cm["options"].([]any)
		errs = append(errs, optionErrors(at+".options", opts)...)
	}
	return errs
}

func nameErrors(at, name string) []error {
	var errs []error
	if !commandName.MatchString(name) {
		errs = append(errs, fmt.Errorf("%s: %q must be 1–32 letters, digits, '-' or '_'", at, name))
	}
	if strings.ToLower(name) != name {
		errs = append(errs, fmt.Errorf("%s: %q must be lowercase", at, name))
	}
	return errs
}

func descriptionErrors(at, desc string) []error {
	if n := utf8.RuneCountInString(desc); n < 1 || n > 100 {
		return []error{fmt.Errorf("%s: %d characters, Discord wants 1–100", at, n)}
	}
	return nil
}

func optionErrors(at string, opts []any) []error {
	var errs []error
	if len(opts) > MaxCommandOptions {
		errs = append(errs, fmt.Errorf("%s: %d options, Discord allows %d", at, len(opts), MaxCommandOptions))
	}
	seenOptional, hasSub, hasValue := false, false, false
	names := map[string]bool{}
	for i, o := range opts {
		om, _ := o.(map[string]any)
		oat := fmt.Sprintf("%s[%d]", at, i)
		name, _ := om["name"].(string)
		errs = append(errs, nameErrors(oat+".name", name)...)
		if names[name] {
			errs = append(errs, fmt.Errorf("%s.name: %q used twice", oat, name))
		}
		names[name] = true
		desc, _ := om["description"].(string)
		errs = append(errs, descriptionErrors(oat+".description", desc)...)
		typ, _ := om["type"].(float64)
		if typ == 1 || typ == 2 {
			hasSub = true
			sub, _ := om["options"].([]any)
			errs = append(errs, optionErrors(oat+".options", sub)...)
			continue
		}
		hasValue = true
		required, _ := om["required"].(bool)
		if required && seenOptional {
			errs = append(errs, fmt.Errorf("%s: required option %q after an optional one", oat, name))
		}
		if !required {
			seenOptional = true
		}
		choices, _ := om["choices"].([]any)
		errs = append(errs, choiceErrors(oat+".choices", choices)...)
		if auto, _ := om["autocomplete"].(bool); auto && len(choices) > 0 {
			errs = append(errs, fmt.Errorf("%s: autocomplete and choices cannot both be set", oat))
		}
	}
	if hasSub && hasValue {
		errs = append(errs, fmt.Errorf("%s: subcommands cannot sit beside ordinary options", at))
	}
	return errs
}

func choiceErrors(at string, choices []any) []error {
	var errs []error
	if len(choices) > MaxChoices {
		errs = append(errs, fmt.Errorf("%s: %d choices, Discord allows %d", at, len(choices), MaxChoices))
	}
	for i, c := range choices {
		cm, _ := c.(map[string]any)
		name, _ := cm["name"].(string)
		if n := utf8.RuneCountInString(name); n < 1 || n > 100 {
			errs = append(errs, fmt.Errorf("%s[%d].name: %d characters, Discord wants 1–100", at, i, n))
		}
		if v, isString := cm["value"].(string); isString && utf8.RuneCountInString(v) > 100 {
			errs = append(errs, fmt.Errorf("%s[%d].value: %d characters, Discord allows 100", at, i, utf8.RuneCountInString(v)))
		}
	}
	return errs
}
