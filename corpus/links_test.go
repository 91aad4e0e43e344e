package corpus

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestScanRefusesLinksOutsideCorpus: a link leading out of the corpus
// folder (relative, absolute, or through a linked folder) is never listed
// for reading and is named in the skipped list; links inside it still work.
func TestScanRefusesLinksOutsideCorpus(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "repo")
	dir := filepath.Join(base, "corpus")
	for _, d := range []string{outside, dir, filepath.Join(dir, "sub")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	story := []byte("Officials in Ashby said on Monday that the bridge would reopen in May after repairs.\n")
	for _, p := range []string{filepath.Join(outside, "README.md"), filepath.Join(dir, "real.md"), filepath.Join(dir, "sub", "deep.md")} {
		if err := os.WriteFile(p, story, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"notes.md":     "../repo/README.md",                 // relative, out
		"abs.md":       filepath.Join(outside, "README.md"), // absolute
		"repo":         "../repo",                           // a folder out
		"via.md":       "repo/README.md",                    // through it
		"sub/up.md":    "../../repo/README.md",              // out from a sub-folder
		"inside.md":    "real.md",                           // fine
		"sub/back.md":  "../real.md",                        // fine
		"sub/chain.md": "../inside.md",                      // fine, two hops
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, tt := range []struct {
		name string
		fsys fs.FS
	}{
		{"os.DirFS", os.DirFS(dir)},
		{"os.Root", root.FS()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files, skips, err := Scan(context.Background(), tt.fsys)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range files {
				got = append(got, f.Path)
			}
			if want := []string{"inside.md", "real.md", "sub/back.md", "sub/chain.md", "sub/deep.md"}; !slices.Equal(got, want) {
				t.Errorf("Scan = %v, want %v", got, want)
			}
			refused := map[string]bool{}
			for _, s := range skips {
				if !strings.Contains(s.Reason, "outside the corpus folder") {
					t.Errorf("skip %s: reason %q does not say why", s.Path, s.Reason)
				}
				refused[s.Path] = true
			}
			for _, want := range []string{"notes.md", "abs.md", "via.md", "sub/up.md"} {
				if !refused[want] {
					t.Errorf("%s is not named as refused: %v", want, skips)
				}
			}
			for _, f := range files {
				if _, _, err := ReadFile(context.Background(), tt.fsys, f.Path); err != nil {
					t.Errorf("ReadFile(%s): %v", f.Path, err)
				}
			}
		})
	}
}

// TestScanNamesLinkLoopsAndFolders: links that lead round to each other
// are named as a loop, not as leaving the corpus; a link to a folder
// inside the corpus is passed over (the folder is read where it lies),
// never listed as a file of another type.
func TestScanNamesLinkLoopsAndFolders(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "real", "a.md"), []byte("The bridge reopened on Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"loopA.txt": "loopB.txt", "loopB.txt": "loopA.txt", "alias": "real"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	files, other, skips, err := ScanAll(context.Background(), root.FS())
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Path != "real/a.md" || len(other) != 0 {
		t.Errorf("files %v, other %v: want real/a.md alone", files, other)
	}
	if len(skips) != 2 {
		t.Fatalf("skips %v, want the two loop links", skips)
	}
	for _, s := range skips {
		if !strings.Contains(s.Reason, "a loop") {
			t.Errorf("skip %s: %q, want it to say the links make a loop", s.Path, s.Reason)
		}
	}
}
