package search

import (
	"cmp"
	"slices"
	"strings"
)

// SortReports returns an answer's reports in the one order every view
// shows them (Discord, the command line, JSON, the digest): newest first,
// undated last, then by outlet and article so the same index always lists
// them alike. reports is not changed.
func SortReports(reports []Report) []Report {
	sorted := slices.Clone(reports)
	slices.SortStableFunc(sorted, func(a, b Report) int {
		switch {
		case a.Published.IsZero() != b.Published.IsZero():
			if a.Published.IsZero() {
				return 1
			}
			return -1
		case !a.Published.Equal(b.Published):
			return b.Published.Compare(a.Published)
		}
		return cmp.Or(strings.Compare(a.Outlet, b.Outlet), strings.Compare(a.Article, b.Article), strings.Compare(a.ArticleID, b.ArticleID))
	})
	return sorted
}
