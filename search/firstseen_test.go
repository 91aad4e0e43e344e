package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// digestPaths is the paths of the articles d holds, story by story.
func digestPaths(d Digest) []string {
	var got []string
	for _, s := range d.Stories {
		for _, a := range s.Articles {
			got = append(got, a.Path)
		}
	}
	return got
}

// TestRecleanedArticleKeepsFirstSeen: an article cleaned again because its
// outlet's boilerplate changed is the same article; an update that only
// deletes a file (and so re-cleans the outlet's others) announces nothing.
func TestRecleanedArticleKeepsFirstSeen(t *testing.T) {
	ctx := context.Background()
	// the line two articles of the outlet share is its boilerplate; once
	// one is deleted it is not, and the other is cleaned again
	fsys := fstest.MapFS{
		"a/1.txt": story("North Star", 1,
			"The council voted on Monday to close the river ferry for the winter months.",
			"Valley desk, daily."),
		"a/2.txt": story("North Star", 2,
			"Farmers in the valley say the drought has cut the wheat harvest by a third.",
			"Valley desk, daily."),
	}
	ix := mustOpen(t, t.TempDir())
	if _, err := ix.Update(ctx, fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond) // so a fresh first-seen time differs
	since := time.Now()
	delete(fsys, "a/2.txt")
	if _, err := ix.Update(ctx, fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	art, err := ix.Article(ctx, "a/1.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(art.Text, "Valley desk") {
		t.Fatalf("a/1.txt was not cleaned again: %q", art.Text)
	}
	d, err := ix.Digest(ctx, since, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got := digestPaths(d); len(got) != 0 {
		t.Errorf("digest since the deletion holds %v, want nothing new", got)
	}
}

// TestRebuildKeepsOldArticlesOld: an index built from empty has no
// first-seen times to go on, whatever became of the index before it: one
// of another version wiped, a damaged store of another version deleted
// at open, an index folder the user deleted (as an error message tells
// them to). The rebuild takes each article as first seen when its file
// arrived (its modification time, unless that is later than now), so the
// next digest holds only files that really are new, not the whole
// corpus; a rebuild interrupted and resumed by a later run does the same.
// The first update after the rebuild is complete takes new files as new,
// whatever their times.
func TestRebuildKeepsOldArticlesOld(t *testing.T) {
	lose := map[string]func(t *testing.T, dir string){
		"another version": func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, schemaFile), []byte("coverage-10\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		},
		"damaged store of another version": func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, schemaFile), []byte("coverage-10\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, stateFile), []byte("not a store"), 0o644); err != nil {
				t.Fatal(err)
			}
		},
		"index folder deleted": func(t *testing.T, dir string) {
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
		},
	}
	for _, how := range []string{"another version", "damaged store of another version", "index folder deleted"} {
		for _, interrupted := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/interrupted=%v", how, interrupted), func(t *testing.T) {
				testRebuildKeepsOldArticlesOld(t, lose[how], interrupted)
			})
		}
	}
}

func testRebuildKeepsOldArticlesOld(t *testing.T, lose func(t *testing.T, dir string), interrupted bool) {
	ctx := context.Background()
	root, dir := t.TempDir(), t.TempDir()
	old := time.Now().Add(-72 * time.Hour)
	write := func(name string, mf *fstest.MapFile, mtime time.Time) {
		t.Helper()
		path := filepath.Join(root, name)
		if err := os.WriteFile(path, mf.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	write("1.txt", story("North Star", 1, "The council voted on Monday to close the river ferry for the winter months."), old)
	write("2.txt", story("South Wind", 2, "Farmers in the valley say the drought has cut the wheat harvest by a third."), old)
	write("3.txt", story("East Post", 3, "The harbour wall at Kinsale will be rebuilt before the storms of next winter."), old)
	ix := mustOpen(t, dir)
	if _, err := ix.Update(ctx, os.DirFS(root), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	lose(t, dir)

	since := time.Now()
	write("4.txt", story("West Gate", 4, "A new library opened in Millbrook on Saturday with ten thousand books."), time.Now())
	ix = mustOpen(t, dir)
	if interrupted {
		ix.batchFiles = 1
		cctx, cancel := context.WithCancel(ctx)
		stop := func(p Progress) {
			if p.Done == 1 {
				cancel()
			}
		}
		if _, err := ix.Update(cctx, os.DirFS(root), Options{Progress: stop}); !errors.Is(err, context.Canceled) {
			t.Fatalf("interrupted rebuild = %v, want it cancelled", err)
		}
		cancel()
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		ix = mustOpen(t, dir)
	}
	if _, err := ix.Update(ctx, os.DirFS(root), Options{}); err != nil {
		t.Fatal(err)
	}
	d, err := ix.Digest(ctx, since, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got := digestPaths(d); !reflect.DeepEqual(got, []string{"4.txt"}) {
		t.Errorf("digest since the index was lost holds %v, want only the file written since, 4.txt", got)
	}

	// rebuilt: a file copied in with its old time is new
	since = time.Now()
	write("5.txt", story("North Star", 5, "Bus fares in the county will fall by a fifth from the first of March."), old)
	if _, err := ix.Update(ctx, os.DirFS(root), Options{}); err != nil {
		t.Fatal(err)
	}
	if d, err = ix.Digest(ctx, since, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := digestPaths(d); !reflect.DeepEqual(got, []string{"5.txt"}) {
		t.Errorf("digest after the rebuild holds %v, want the file added since, 5.txt", got)
	}
}
