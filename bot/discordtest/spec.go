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
)

// specRelPath is where Discord's OpenAPI spec lives, relative to the module root.
const specRelPath = "../shared/discord-api/openapi.json"

// specServer is the spec's server URL; paths are validated below it.
const specServer = "https://discord.com/api/v10"

// ErrSpecNotFound means Discord's OpenAPI spec could not be located.
var ErrSpecNotFound = errors.New("discordtest: Discord OpenAPI spec not found: expected " + specRelPath + " beside the module root")

type spec struct {
	router routers.Router
	path   string
	err    error
}

var (
	specOnce   sync.Once
	loadedSpec spec
)

// loadSpec loads the spec once per test binary.
func loadSpec() spec {
	specOnce.Do(func() {
		path, err := findSpec()
		if err != nil {
			loadedSpec.err = err
			return
		}
		loadedSpec.path = path
		doc, err := openapi3.NewLoader().LoadFromFile(path)
		if err != nil {
			loadedSpec.err = fmt.Errorf("discordtest: load %s: %w", path, err)
			return
		}
		doc.Servers = openapi3.Servers{{URL: specServer}}
		router, err := gorillamux.NewRouter(doc)
		if err != nil {
			loadedSpec.err = fmt.Errorf("discordtest: route %s: %w", path, err)
			return
		}
		loadedSpec.router = router
	})
	return loadedSpec
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
	req, err := http.NewRequest(method, specServer+path, bytes.NewReader(specQuirks(method, path, body)))
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
		},
	})
	if err == nil {
		return nil
	}
	var multi openapi3.MultiError
	if errors.As(err, &multi) {
		out := make([]error, 0, len(multi))
		for _, e := range multi {
			out = append(out, specError(e))
		}
		return out
	}
	return []error{specError(err)}
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
