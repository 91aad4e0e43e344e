package corpus

func findQuotes(a *Article) []Quote { return nil }
