package search

import (
	"context"
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
