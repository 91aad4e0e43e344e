package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/joho/godotenv"
)

// loadDotEnv reads the NAME=value lines of the file at path (".env") into
// the environment, leaving alone every variable already set: the real
// environment always wins. A missing file is normal. A file that cannot
// be read whole is an error, not a silent fallback to the defaults: with
// COVERAGE_CORPUS on a line after a bad one ignored, the bot would answer
// from the sample corpus as if that were the user's.
func loadDotEnv(path string) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("read %s: %w", path, err)
	case !st.Mode().IsRegular():
		// a FIFO would block the start for ever
		return fmt.Errorf("%s is not a regular file: make it a file of NAME=value lines, or remove it", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	// editors on Windows start a UTF-8 file with a byte order mark
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	vars, err := godotenv.UnmarshalBytes(data)
	if err != nil {
		return fmt.Errorf("read %s: %w: nothing in it was used; write each setting as NAME=value (a # starts a comment), or remove the file", path, err)
	}
	for name, value := range vars {
		if _, set := os.LookupEnv(name); !set {
			if err := os.Setenv(name, value); err != nil {
				return fmt.Errorf("%s: set %s: %w", path, name, err)
			}
		}
	}
	return nil
}
