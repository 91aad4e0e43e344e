package main

import (
	"context"
	"errors"
)

// TODO(skeleton): replaced by the owner of this subcommand.
func runIndex(ctx context.Context, e env, args []string) error {
	return errors.New("not built yet")
}
