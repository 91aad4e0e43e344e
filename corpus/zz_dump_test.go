package corpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestZZDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	ds, skips, err := ReadFile(context.Background(), os.DirFS(filepath.Dir(p)), filepath.Base(p))
	fmt.Println(skips, err)
	for _, d := range ds {
		a := Clean(d, nil)
		fmt.Printf("== %s outlet=%q (%s) url=%s pub=%v title=%q trunc=%v %s\n", a.ID, a.Outlet, a.OutletFrom, a.URL, a.Published, a.Title, a.Truncated, a.TruncatedBy)
		for _, p := range a.Paragraphs {
			fmt.Printf("  [%d h=%v] %s\n", p.Line, p.Heading, a.Text[p.Start:p.End])
		}
		for _, s := range a.Sentences {
			fmt.Printf("    S%d: %s\n", s.Paragraph, a.Text[s.Start:s.End])
		}
		for _, q := range a.Quotes {
			fmt.Printf("    Q p%d %q by %q (%s) partial=%v\n", q.Paragraph, a.Text[q.Start:q.End], q.Speaker, q.Attribution, q.Partial)
		}
	}
}
