package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
)

// runVersion prints the module version and the commit the binary was
// built from, as the Go toolchain recorded them.
func runVersion(_ context.Context, e env, args []string) error {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		_, err := fmt.Fprintln(e.stdout, "Usage: coveragebot version\n\nPrints the version, the commit it was built from and the Go it was built with.")
		return err
	}
	if len(args) > 0 {
		return fmt.Errorf("version takes no arguments (got %q)", strings.Join(args, " "))
	}
	_, err := fmt.Fprintln(e.stdout, versionLine(debug.ReadBuildInfo()))
	return err
}

// versionLine is "coveragebot VERSION, commit C (modified), built with GO".
func versionLine(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return "coveragebot (version unknown: built without module information)"
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var commit, modified, at string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = " (modified)"
			}
		case "vcs.time":
			at = s.Value
		}
	}
	line := "coveragebot " + version
	if commit != "" {
		line += ", commit " + commit[:min(len(commit), 12)] + modified
		if at != "" {
			line += " of " + at
		}
	} else {
		line += ", commit unknown (not built from a git checkout)"
	}
	return line + ", " + info.GoVersion
}

// suggestCommand returns the command name closest to typed (at most two
// edits away, or the one command it starts), "" when none is close enough
// to be what was meant.
func suggestCommand(typed string) string {
	typed = strings.ToLower(typed)
	var starts []string
	for name := range subcommands {
		if len(typed) >= 3 && strings.HasPrefix(name, typed) {
			starts = append(starts, name)
		}
	}
	if len(starts) == 1 {
		return starts[0]
	}
	best, bestDist := "", 3
	for name := range subcommands {
		if d := editDistance(typed, name); d < bestDist || (d == bestDist && name < best) {
			best, bestDist = name, d
		}
	}
	if bestDist > 2 {
		return ""
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and
// swaps of neighbours that turn a into b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
