package corpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCleanMarked runs the cleaner on made-up scrapes whose every line is
// marked keep (+), heading (#) or drop (-); see testdata/clean/README.md.
func TestCleanMarked(t *testing.T) {
	files, err := filepath.Glob("testdata/clean/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test articles in testdata/clean: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			d, want := mustMarkedDocument(t, file)
			a := Clean(d, nil)
			if err := checkArticle(a); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range a.Paragraphs {
				mark := "+"
				if p.Heading {
					mark = "#"
				}
				got = append(got, fmt.Sprintf("%s %d", mark, p.Line))
			}
			if strings.Join(got, ", ") != strings.Join(want, ", ") {
				t.Errorf("kept %v\nwant %v\n%s", got, want, a.Text)
			}
			wantTrunc := ""
			switch {
			case strings.HasSuffix(file, ".paywall.txt"):
				wantTrunc = TruncatedByPaywall
			case strings.HasSuffix(file, ".cutoff.txt"):
				wantTrunc = TruncatedByCutOff
			}
			if a.TruncatedBy != wantTrunc || a.Truncated != (wantTrunc != "") {
				t.Errorf("truncated %v by %q, want %q", a.Truncated, a.TruncatedBy, wantTrunc)
			}
		})
	}
}

// mustMarkedDocument reads a marked test article into a document and the
// "+ N"/"# N" list of lines the cleaner must keep.
func mustMarkedDocument(tb testing.TB, file string) (*Document, []string) {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	d := &Document{ID: file, Path: file}
	var want []string
	for i, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if len(l) < 1 {
			tb.Fatalf("%s:%d: line without a marker", file, i+1)
		}
		mark, text := l[:1], strings.TrimPrefix(l[1:], " ")
		switch mark {
		case "+", "#":
			want = append(want, fmt.Sprintf("%s %d", mark, i+1))
		case "-", "!":
		default:
			tb.Fatalf("%s:%d: unknown marker %q", file, i+1, mark)
		}
		if strings.TrimSpace(text) != "" {
			d.Lines = append(d.Lines, Line{Text: text, Number: i + 1})
		}
	}
	return d, want
}

func TestLineFamily(t *testing.T) {
	tests := []struct {
		line string
		want family
	}{
		{"{{ad_slot_3}}", famTemplate},
		{"You have read {{count}} of {{limit}} stories", famTemplate},
		{"Subscribe now for unlimited access.", famPaywall},
		{"Already a subscriber? Log in", famPaywall},
		{"Subscribe", famPaywall},
		{"₹1,499", famPrice},
		{"$4.99/month", famPrice},
		{"6 Months", famPrice},
		{"Rs 299 per month", famPrice},
		{"Also Read: Markets rally as rates fall", famWidget},
		{"READ MORE", famWidget},
		{"Advertisement", famWidget},
		{"Skip to main content", famMenu},
		{"World | Business | Tech | Science", famMenu},
		{"Image: Getty Images", famCaption},
		{"The minister arrives in Paris. (Photo: AFP)", famCaption},
		{"By Maria Lopez and Ken Ito", famByline},
		{"Reporting by Tom Wells; Editing by Alex Hart", famByline},
		{"Updated: Jan 22, 2014, 10:30 IST", famDateline},
		{"22 January 2014", famDateline},
		{"LONDON, Jan 22 —", famDateline},
		{"Tags: Syria, Russia, Iran", famTags},
		{"#Syria #Geneva2", famTags},
		{"Share on Facebook", famSocial},
		{"© 2024 The Daily Thing", famSocial},
		{"—", famStray},
		{")", famStray},
		{"Insights on markets, finance and politics delivered to your inbox", famPromo},
		// Story lines that merely share a word with the junk families.
		{"By the time the talks began, both sides had hardened their positions.", famNone},
		{"Home Secretary Theresa May said the plan would be published in March.", famNone},
		{"Millions of people subscribe to the idea that the economy is rigged, the survey found.", famNone},
		{"Kerry said on Twitter that the talks had been constructive.", famNone},
		{"The company raised its price to $5 a month last year.", famNone},
		{"Protesters held a sign in Arabic outside the embassy.", famNone},
		{"Related talks will begin in Vienna next week, officials said.", famNone},
		{"Divisions over Iran", famNone},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if got := lineFamily(tt.line, countWords(tt.line)); got != tt.want {
				t.Errorf("lineFamily(%q) = %d, want %d", tt.line, got, tt.want)
			}
		})
	}
}

func TestParseDateline(t *testing.T) {
	tests := []struct {
		para, place, outlet, story string // story "" when there is no dateline
	}{
		{`PARIS — "We talked about a ceasefire," Kerry said.`, "PARIS", "", `"We talked`},
		{`Newscast Media PARIS— US Secretary of State John Kerry met Lavrov.`, "PARIS", "Newscast Media", "US Secretary"},
		{`JINDO, South Korea — Divers found the first bodies.`, "JINDO, South Korea", "", "Divers"},
		{`SEOUL, South Korea (AP) — A ferry carrying 462 people sank.`, "SEOUL, South Korea", "", "A ferry"},
		{`LONDON, Jan 22 (Reuters) - Britain said on Monday it would act.`, "LONDON", "", "Britain"},
		{`GENEVA -- The talks opened on Wednesday.`, "GENEVA", "", "The talks"},
		{`UN envoy Lakhdar Brahimi — who met both sides — said little.`, "", "", ""},
		{`"We will win" — Kerry said so twice.`, "", "", ""},
		{`The talks — which began in May — ended.`, "", "", ""},
		{`U.S. officials — who spoke anonymously — said little.`, "", "", ""},
		{`NATO allies — all of them — agreed.`, "", "", ""},
		{`Kerry and Lavrov met in Paris.`, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.para, func(t *testing.T) {
			d, ok := parseDateline(tt.para)
			if ok != (tt.story != "") {
				t.Fatalf("parseDateline ok = %v (%+v), want %v", ok, d, tt.story != "")
			}
			if !ok {
				return
			}
			if d.place != tt.place || d.outlet != tt.outlet || !strings.HasPrefix(tt.para[d.end:], tt.story) {
				t.Errorf("place %q outlet %q story %q, want %q, %q, %q…", d.place, d.outlet, tt.para[d.end:], tt.place, tt.outlet, tt.story)
			}
		})
	}
}

// TestCleanEvidence checks what datelines, bylines and headlines tell the
// cleaner: the outlet a dateline names, a person in a headline who is not
// an outlet, a quote after a dateline that is a whole quote of its own,
// and a writer who is never a speaker.
func TestCleanEvidence(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		outlet   string
		from     OutletSource
		speakers []string // of the quotes, in order
		partial  []bool
	}{
		{"a person in a repeated headline is not the outlet",
			"Syria ceasefire called for by Secretary John Kerry in Paris talks\n" +
				"Syria ceasefire called for by Secretary John Kerry in Paris talks\n" +
				"Share this article\n" +
				"US Secretary of State Kerry and Russian Foreign Minister Sergei Lavrov have called for a ceasefire in Syria ahead of peace talks.\n" +
				"Mr Kerry said the two had talked about the possibility of a local ceasefire beginning with Aleppo, the largest city.\n" +
				"Diplomats said the talks would open in Montreux on January 22 if all goes to plan.\n" +
				"Syria ceasefire called for by Secretary John Kerry in Paris talks - Newscast Media\n" +
				"Newscast Media Home\n",
			"Newscast Media", OutletFromSignature, nil, nil},
		{"the outlet before a dateline",
			"Newscast Media PARIS— US Secretary of State John Kerry and Russian Foreign Minister Sergei Lavrov have called for a ceasefire in Syria.\n" +
				"\"We talked about a ceasefire,\" Kerry said.\n",
			"Newscast Media", OutletFromDateline, []string{"John Kerry"}, []bool{false}},
		{"a quote after a dateline is whole",
			"PARIS — \"We talked about a ceasefire,\" Kerry said. The talks would open in Montreux on January 22 if all goes to plan.\n",
			"unknown", OutletUnknown, []string{"Kerry"}, []bool{false}},
		{"a name after a dateline opens the story",
			"WASHINGTON — Mr Kerry arrived late for the talks with the Russian delegation on Monday evening.\n" +
				"\"We agree on more than we disagree,\" he said.\n",
			"unknown", OutletUnknown, []string{"Kerry"}, []bool{false}},
		{"a writer is never a speaker",
			"By Jane Doe\n" +
				"Jane Doe said the bridge had been unsafe for years, according to council records she obtained.\n" +
				"\"It will fall one day,\" she said.\n",
			"unknown", OutletUnknown, []string{""}, []bool{false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"a.txt": {Data: []byte(tt.text)}}
			ds, _, err := ReadFile(context.Background(), fsys, "a.txt")
			if err != nil || len(ds) != 1 {
				t.Fatalf("ReadFile = %d docs, %v", len(ds), err)
			}
			a := Clean(ds[0], nil)
			if err := checkArticle(a); err != nil {
				t.Fatal(err)
			}
			if a.Outlet != tt.outlet || a.OutletFrom != tt.from {
				t.Errorf("outlet %q (%s), want %q (%s)", a.Outlet, a.OutletFrom, tt.outlet, tt.from)
			}
			var speakers []string
			var partial []bool
			for _, q := range a.Quotes {
				speakers = append(speakers, q.Speaker)
				partial = append(partial, q.Partial)
			}
			if !slices.Equal(speakers, tt.speakers) || !slices.Equal(partial, tt.partial) {
				t.Errorf("speakers %q partial %v, want %q %v", speakers, partial, tt.speakers, tt.partial)
			}
		})
	}
}

// TestCleanGuessedHeadline: a scrape without a title takes the line it
// opens with as its headline only when that line is about the story:
// page furniture that reads like a headline names nothing the story
// tells.
func TestCleanGuessedHeadline(t *testing.T) {
	story := "Rescuers brought four boys out of the flooded cave in northern Thailand on Monday, and the rescue operation is over for the day.\n" +
		"The boys and their coach had been trapped for more than two weeks after heavy rains flooded the cave network.\n"
	tests := []struct {
		name, first, want string
	}{
		{"a headline sharing the story's words (in another form)", "4 more Thai soccer players rescued from cave", "4 more Thai soccer players rescued from cave"},
		{"a radio player", "Play Live Radio", ""},
		{"a skip link", "Zum Inhalt springen", ""},
		{"a byline and time stamp", "By AFP     58 mins ago in World", ""},
		{"a section title", "What We Already Know So Far", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"a.txt": {Data: []byte(tt.first + "\n" + story)}}
			ds, _, err := ReadFile(context.Background(), fsys, "a.txt")
			if err != nil || len(ds) != 1 {
				t.Fatalf("ReadFile = %d docs, %v", len(ds), err)
			}
			if a := Clean(ds[0], nil); a.Title != tt.want {
				t.Errorf("title %q, want %q", a.Title, tt.want)
			}
		})
	}
}

// TestCleanJavaScriptShell: a page built by JavaScript, scraped without
// it, holds only its notice; that is no article text (a feed then writes
// its own text instead).
func TestCleanJavaScriptShell(t *testing.T) {
	for _, page := range []string{
		`<html><head><title>Loading...</title></head><body><div id="root"></div><noscript>Please enable JavaScript to read this article.</noscript></body></html>`,
		`<html><body><p>JavaScript is disabled in your browser. Turn on JavaScript to continue.</p></body></html>`,
	} {
		ds, _, err := ReadFile(context.Background(), fstest.MapFS{"a.html": {Data: []byte(page)}}, "a.html")
		if err != nil {
			continue // refused as no article: as good
		}
		if a := Clean(ds[0], nil); a.Text != "" {
			t.Errorf("%s\ncleaned to %q, want no text", page, a.Text)
		}
	}
}

// TestOutletFromURL: the outlet a url names is its host without "www."
// and the like, the root's dot of a name written in full included.
func TestOutletFromURL(t *testing.T) {
	for _, tt := range []struct{ url, want string }{
		{"https://www.bbc.co.uk/news/1", "bbc.co.uk"},
		{"https://wz.de./panorama/fähre", "wz.de"},
		{"https://m.example.org/a", "example.org"},
		{"https://localhost/a", ""},
		{"not a url", ""},
	} {
		if got := outletFromURL(tt.url); got != tt.want {
			t.Errorf("outletFromURL(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

// TestTruncationNote: each reason an article is cut short reads as its
// own note; a text cut at the size limit is not passed off as a paywall
// or a scrape cut off mid-story.
func TestTruncationNote(t *testing.T) {
	for _, tt := range []struct{ by, want string }{
		{TruncatedByPaywall, "article truncated by paywall"},
		{TruncatedByFeed, "page unreadable, feed's text only"},
		{TruncatedByTooLong, "article cut at the 1 MB limit on one article's text"},
		{TruncatedByCutOff, "article cut off before the story ends"},
	} {
		if got := TruncationNote(tt.by); got != tt.want {
			t.Errorf("TruncationNote(%q) = %q, want %q", tt.by, got, tt.want)
		}
	}
}
