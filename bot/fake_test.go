package bot

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

// fakeCoverage is a Coverage whose methods are function fields; nil fields
// answer with the sample story below.
type fakeCoverage struct {
	answer   func(ctx context.Context, q search.Question) (search.Answers, error)
	quotes   func(ctx context.Context, speaker, about string, limit int) (search.Answers, error)
	article  func(ctx context.Context, id string) (*corpus.Article, error)
	outlets  func(ctx context.Context) ([]search.OutletStats, error)
	speakers func(ctx context.Context, prefix string, limit int) ([]string, error)
}

func (f *fakeCoverage) Answer(ctx context.Context, q search.Question) (search.Answers, error) {
	if f.answer != nil {
		return f.answer(ctx, q)
	}
	return sampleAnswers(q), nil
}

func (f *fakeCoverage) Quotes(ctx context.Context, speaker, about string, limit int) (search.Answers, error) {
	if f.quotes != nil {
		return f.quotes(ctx, speaker, about, limit)
	}
	var out search.Answers
	for _, a := range sampleAnswers(search.Question{Text: about}).Answers {
		if strings.EqualFold(a.Speaker, speaker) && a.Quote {
			out.Answers = append(out.Answers, a)
		}
	}
	out.Searched = search.Coverage{Articles: 3, Outlets: 2}
	return out, nil
}

func (f *fakeCoverage) Article(ctx context.Context, id string) (*corpus.Article, error) {
	if f.article != nil {
		return f.article(ctx, id)
	}
	if id != sampleArticle.ID {
		return nil, search.ErrNotFound
	}
	a := sampleArticle
	return &a, nil
}

// ArticleByShortID knows the sample article's short id only.
func (f *fakeCoverage) ArticleByShortID(ctx context.Context, short string) (*corpus.Article, error) {
	if short != search.ShortArticleID(sampleArticle.ID) {
		return nil, search.ErrNotFound
	}
	return f.Article(ctx, sampleArticle.ID)
}

func (f *fakeCoverage) Outlets(ctx context.Context) ([]search.OutletStats, error) {
	if f.outlets != nil {
		return f.outlets(ctx)
	}
	return []search.OutletStats{
		{Outlet: "Valley Post", Articles: 1, First: day(2031, 3, 5), Last: day(2031, 3, 5)},
		{Outlet: "Harbor Times", Articles: 2, First: day(2031, 3, 4), Last: day(2031, 3, 6)},
	}, nil
}

func (f *fakeCoverage) Speakers(ctx context.Context, prefix string, limit int) ([]string, error) {
	if f.speakers != nil {
		return f.speakers(ctx, prefix, limit)
	}
	var out []string
	for _, s := range []string{"Ana Ruiz", "Tomas Berg"} {
		if strings.Contains(strings.ToLower(s), strings.ToLower(prefix)) {
			out = append(out, s)
		}
	}
	return out, nil
}

func (f *fakeCoverage) Coverage() search.Coverage { return search.Coverage{Articles: 3, Outlets: 2} }

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// sampleAnswers answers questions mentioning the bridge or the mayor; any
// other question finds nothing.
func sampleAnswers(q search.Question) search.Answers {
	text := strings.ToLower(q.Text)
	out := search.Answers{Question: q.Text, Searched: search.Coverage{Articles: 3, Outlets: 2}}
	if !strings.Contains(text, "bridge") && !strings.Contains(text, "ruiz") && q.Text != "" {
		return out
	}
	all := []search.Answer{
		{
			Quote: true, Text: "The bridge will reopen before the spring floods, and not a day later.", Speaker: "Ana Ruiz", Score: 3.2,
			Reports: []search.Report{
				{Outlet: "Harbor Times", URL: "https://harbortimes.example/bridge", Published: day(2031, 3, 4), ArticleID: "harbor-times/bridge.txt", Title: "Bridge to reopen"},
				{Outlet: "Valley Post", URL: "https://valleypost.example/news/1", Published: day(2031, 3, 5), ArticleID: "valley-post/1.html", Title: "Mayor promises bridge", Truncated: true, TruncatedBy: corpus.TruncatedByPaywall},
			},
		},
		{
			Quote: false, Text: "Engineers found 14 cracked girders during the inspection.", Score: 2.1,
			Reports: []search.Report{{Outlet: "Harbor Times", ArticleID: "harbor-times/bridge.txt", Title: "Bridge to reopen"}},
		},
		{
			Quote: true, Text: "We were told nothing about the cracks.", Speaker: "Tomas Berg", Score: 1.4,
			Reports: []search.Report{{Outlet: "Valley Post", URL: "https://valleypost.example/news/1", Published: day(2031, 3, 5), ArticleID: "valley-post/1.html", Title: "Mayor promises bridge", Truncated: true, TruncatedBy: corpus.TruncatedByPaywall}},
		},
	}
	for _, a := range all {
		if q.Speaker != "" && !strings.EqualFold(a.Speaker, q.Speaker) {
			continue
		}
		if q.Outlet != "" && !reportedBy(a, q.Outlet) {
			continue
		}
		out.Answers = append(out.Answers, a)
	}
	return out
}

func reportedBy(a search.Answer, outlet string) bool {
	for _, r := range a.Reports {
		if strings.EqualFold(r.Outlet, outlet) {
			return true
		}
	}
	return false
}

var sampleArticle = corpus.Article{
	ID: "harbor-times/bridge.txt", Path: "harbor-times/bridge.txt", Outlet: "Harbor Times",
	URL: "https://harbortimes.example/bridge", Published: day(2031, 3, 4), Title: "Bridge to reopen",
	Text: "The Old Mill bridge will reopen in April, the mayor said on Tuesday.\n\n" +
		"\"The bridge will reopen before the spring floods, and not a day later,\" Mayor Ana Ruiz told reporters.\n\n" +
		"Engineers found 14 cracked girders during the inspection.",
}

// memSettings keeps settings in memory.
type memSettings struct {
	mu sync.Mutex
	qa map[string]string
}

func (m *memSettings) QAChannel(_ context.Context, guildID string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.qa[guildID], nil
}

func (m *memSettings) SetQAChannel(_ context.Context, guildID, channelID string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.qa == nil {
		m.qa = map[string]string{}
	}
	if channelID == "" {
		delete(m.qa, guildID)
	} else {
		m.qa[guildID] = channelID
	}
	return nil
}

func (m *memSettings) AnyQAChannel(context.Context) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.qa) > 0, nil
}
