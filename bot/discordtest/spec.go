package discordtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// specRelPath is where Discord's OpenAPI spec lives, relative to the module root.
const specRelPath = "../shared/discord-api/openapi.json"

// specServer is the spec's server URL; paths are validated below it.
const specServer = "https://discord.com/api/v10"

// ErrSpecNotFound means Discord's OpenAPI spec could not be located.
var ErrSpecNotFound = errors.New("discordtest: Discord OpenAPI spec not found: expected " + specRelPath + " beside the module root")

type spec struct {
	router   routers.Router
	compiler *jsonschema.Compiler
	path     string
	err      error

	mu      sync.Mutex
	schemas map[string]*jsonschema.Schema // by JSON pointer of a request body schema
}

var (
	specOnce   sync.Once
	loadedSpec *spec
)

// loadSpec loads the spec once per test binary.
func loadSpec() *spec {
	specOnce.Do(func() {
		loadedSpec = &spec{schemas: map[string]*jsonschema.Schema{}}
		loadedSpec.err = loadedSpec.load()
	})
	return loadedSpec
}

func (sp *spec) load() error {
	path, err := findSpec()
	if err != nil {
		return err
	}
	sp.path = path
	doc, err := openapi3.NewLoader().LoadFromFile(path)
	if err != nil {
		return fmt.Errorf("discordtest: load %s: %w", path, err)
	}
	doc.Servers = openapi3.Servers{{URL: specServer}}
	if sp.router, err = gorillamux.NewRouter(doc); err != nil {
		return fmt.Errorf("discordtest: route %s: %w", path, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("discordtest: %w", err)
	}
	defer f.Close()
	raw, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return fmt.Errorf("discordtest: read %s: %w", path, err)
	}
	sp.compiler = jsonschema.NewCompiler()
	sp.compiler.DefaultDraft(jsonschema.Draft2020)
	if err := sp.compiler.AddResource(specURL, raw); err != nil {
		return fmt.Errorf("discordtest: %s as JSON Schema: %w", path, err)
	}
	return nil
}

// specURL names the spec document for the JSON Schema compiler.
const specURL = "https://discord.test/openapi.json"

// bodySchema compiles, once, the JSON request body schema of an operation.
func (sp *spec) bodySchema(pathTemplate, method string) (*jsonschema.Schema, error) {
	ptr := "#/paths/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(pathTemplate) +
		"/" + strings.ToLower(method) + "/requestBody/content/application~1json/schema"
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if sch, ok := sp.schemas[ptr]; ok {
		return sch, nil
	}
	sch, err := sp.compiler.Compile(specURL + ptr)
	if err != nil {
		return nil, fmt.Errorf("openapi: compile body schema of %s %s: %w", method, pathTemplate, err)
	}
	sp.schemas[ptr] = sch
	return sch, nil
}

// findSpec walks up from the working directory to the module root (the
// directory holding go.mod) and looks beside it.
func findSpec() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("discordtest: find spec: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			path := filepath.Join(dir, filepath.FromSlash(specRelPath))
			if _, err := os.Stat(path); err != nil {
				return "", fmt.Errorf("%w (looked for %s)", ErrSpecNotFound, path)
			}
			return path, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("%w (no go.mod above the working directory)", ErrSpecNotFound)
		}
		dir = parent
	}
}

// RequireSpec makes sure Discord's OpenAPI spec is available: when it is
// missing or unreadable the test fails if CI=true and is skipped otherwise.
func RequireSpec(tb testing.TB) {
	tb.Helper()
	sp := loadSpec()
	if sp.err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%v", sp.err)
	}
	tb.Skipf("%v (set CI=true to make this a failure)", sp.err)
}

// specErrors validates a request against the spec. path is below the API
// version and may carry a query.
func specErrors(method, path string, body []byte) []error {
	sp := loadSpec()
	if sp.err != nil {
		return []error{sp.err}
	}
	req, err := http.NewRequest(method, specServer+path, bytes.NewReader(body))
	if err != nil {
		return []error{fmt.Errorf("openapi: build request: %w", err)}
	}
	if len(body) > 0 {
		req.Header.Set("Content-Type", "application/json")
	}
	route, params, err := sp.router.FindRoute(req)
	if err != nil {
		return []error{fmt.Errorf("openapi: %s %s is not in Discord's API: %v", method, path, err)}
	}
	err = openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: params,
		Route:      route,
		Options: &openapi3filter.Options{
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			MultiError:         true,
			// kin-openapi compiles a body schema on every call (tens of ms,
			// far more under -race); bodies are checked below with schemas
			// compiled once.
			ExcludeRequestBody: true,
		},
	})
	var out []error
	var multi openapi3.MultiError
	switch {
	case err == nil:
	case errors.As(err, &multi):
		for _, e := range multi {
			out = append(out, specError(e))
		}
	default:
		out = append(out, specError(err))
	}
	return append(out, sp.bodyErrors(route, method, specQuirks(method, path, body))...)
}

// bodyErrors validates a JSON body against the operation's schema.
func (sp *spec) bodyErrors(route *routers.Route, method string, body []byte) []error {
	rb := route.Operation.RequestBody
	if rb == nil || rb.Value == nil {
		if len(body) > 0 {
			return []error{fmt.Errorf("openapi: %s %s takes no body", method, route.Path)}
		}
		return nil
	}
	if len(body) == 0 {
		if rb.Value.Required {
			return []error{fmt.Errorf("openapi: %s %s needs a body", method, route.Path)}
		}
		return nil
	}
	if rb.Value.Content.Get("application/json") == nil {
		return nil // multipart-only operations: not sent as JSON
	}
	sch, err := sp.bodySchema(route.Path, method)
	if err != nil {
		return []error{err}
	}
	value, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return []error{fmt.Errorf("openapi: body is not JSON: %w", err)}
	}
	err = sch.Validate(value)
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		if err != nil {
			return []error{fmt.Errorf("openapi: %w", err)}
		}
		return nil
	}
	return describe(leaves(verr))
}

var english = message.NewPrinter(language.English)

// describe turns validation leaves into errors. A oneOf over callback or
// nullable types fails in every branch; the branches that failed only on
// the discriminating "type" or on "want null" say nothing useful, so they
// are dropped when a more specific cause remains.
func describe(ls []*jsonschema.ValidationError) []error {
	type item struct{ at, msg string }
	var all, specific []item
	seen := map[string]bool{}
	for _, l := range ls {
		it := item{at: "/" + strings.Join(l.InstanceLocation, "/"), msg: l.ErrorKind.LocalizedString(english)}
		if seen[it.at+it.msg] {
			continue
		}
		seen[it.at+it.msg] = true
		all = append(all, it)
		if it.at != "/type" && !strings.HasSuffix(it.msg, "want null") {
			specific = append(specific, it)
		}
	}
	if len(specific) > 0 {
		all = specific
	}
	out := make([]error, 0, len(all))
	for _, it := range all {
		out = append(out, fmt.Errorf("openapi: at %q: %s", it.at, it.msg))
	}
	return out
}

// leaves returns the innermost causes of a validation error, which name the
// offending field; oneOf/anyOf failures list each alternative's causes.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	if len(out) > 20 {
		out = out[:20]
	}
	return out
}

// specError shortens kin-openapi's messages, which append whole schemas.
func specError(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, "\nSchema:"); i >= 0 {
		msg = msg[:i]
	}
	if len(msg) > 600 {
		msg = msg[:600] + "…"
	}
	return fmt.Errorf("openapi: %s", strings.TrimSpace(msg))
}

// specQuirks rewrites what the spec types differently from Discord's
// documentation and behaviour: default_member_permissions is documented as
// a string ("a bit set"), and discordgo sends it as one, while the spec
// allows only an integer.
func specQuirks(method, path string, body []byte) []byte {
	p, _, _ := strings.Cut(path, "?")
	rt, _ := matchRoute(method, p)
	if rt == nil || (rt.name != RouteGlobalCommandsPut && rt.name != RouteGuildCommandsPut) {
		return body
	}
	var cmds []map[string]any
	if json.Unmarshal(body, &cmds) != nil {
		return body
	}
	changed := false
	for _, cmd := range cmds {
		if s, ok := cmd["default_member_permissions"].(string); ok {
			if n, err := strconv.ParseUint(s, 10, 64); err == nil {
				cmd["default_member_permissions"] = n
				changed = true
			}
		}
	}
	if !changed {
		return body
	}
	out, err := json.Marshal(cmds)
	if err != nil {
		return body
	}
	return out
}
