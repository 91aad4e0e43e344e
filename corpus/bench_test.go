package corpus

import (
	"context"
	"os"
	"strings"
	"testing"
)

// BenchmarkClean cleans the three real articles (reading excluded), with
// a boilerplate model built from them, as an index does.
func BenchmarkClean(b *testing.B) {
	fsys := os.DirFS(mustSeeds(b))
	bp := NewBoilerplate()
	var docs []*Document
	var size int64
	for _, name := range seedNames {
		ds, _, err := ReadFile(context.Background(), fsys, name)
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range ds {
			bp.Add(d.Outlet, d.LineKeys())
			for _, l := range d.Lines {
				size += int64(len(l.Text)) + 1
			}
		}
		docs = append(docs, ds...)
	}
	b.SetBytes(size / int64(len(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Clean(docs[i%len(docs)], bp)
	}
}

// BenchmarkReadClean reads and cleans the real articles from disk.
func BenchmarkReadClean(b *testing.B) {
	fsys := os.DirFS(mustSeeds(b))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		name := seedNames[i%len(seedNames)]
		ds, _, err := ReadFile(context.Background(), fsys, name)
		if err != nil {
			b.Fatal(err)
		}
		Clean(ds[0], nil)
	}
}

// BenchmarkReadHTML extracts a made-up article page with trafilatura.
func BenchmarkReadHTML(b *testing.B) {
	fsys := os.DirFS("testdata/golden")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, _, err := ReadFile(context.Background(), fsys, "page.html"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStripEmphasis strips a 1 MB Markdown line of marks that open
// and never close ("_a _a _a …"): each must find it has no partner
// without scanning the rest of the line again.
func BenchmarkStripEmphasis(b *testing.B) {
	line := strings.Repeat("_a ", 1<<20/3)
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		stripEmphasis(line)
	}
}

// BenchmarkMarkdownLinks reads a 1 MB Markdown line of link openings that
// never close ("[[[…", "[a](…").
func BenchmarkMarkdownLinks(b *testing.B) {
	for _, open := range []string{"[", "[a]("} {
		line := strings.Repeat(open, 1<<20/len(open))
		b.Run(open, func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				markdownInline(line)
			}
		})
	}
}
