package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/corpus"
	"github.com/coveragebot/coveragebot/search"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

var testNow = time.Date(2031, 3, 10, 12, 0, 0, 0, time.UTC)

func newTestBot(t testing.TB, cov Coverage, opts ...func(*Config)) *Bot {
	t.Helper()
	cfg := Config{
		Coverage: cov,
		Settings: &memSettings{},
		Cooldown: -1,
		Now:      func() time.Time { return testNow },
	}
	for _, o := range opts {
		o(&cfg)
	}
	return New(cfg)
}

func command(name string, opts ...string) Interaction {
	in := Interaction{ID: "1001", Kind: KindCommand, Command: name, Options: map[string]string{},
		UserID: "42", InGuild: true, GuildID: "7", ChannelID: "8", Permissions: 0}
	for i := 0; i+1 < len(opts); i += 2 {
		in.Options[opts[i]] = opts[i+1]
	}
	return in
}

// press returns the interaction of user pressing the button with customID
// on the message reply.
func press(user, customID string, on Reply) Interaction {
	return Interaction{ID: "1002", Kind: KindComponent, CustomID: customID, UserID: user,
		InGuild: true, GuildID: "7", ChannelID: "8", Message: &Message{ID: "55", Embeds: on.Embeds}}
}

// goldenJSON compares the Discord payload of reply with testdata/name.golden.
func goldenJSON(t *testing.T, name string, kind Kind, reply Reply) {
	t.Helper()
	got, err := json.MarshalIndent(wireResponseFrom(kind, reply), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("reply differs from %s (rerun with -update if intended):\n%s", path, got)
	}
}

func TestCommandsGolden(t *testing.T) {
	ctx := context.Background()
	b := newTestBot(t, &fakeCoverage{})
	manage := command("settings", "channel", "99")
	manage.Subcommand = "qa-channel"
	manage.Permissions = PermissionManageServer
	dm := command("settings")
	dm.Subcommand, dm.InGuild, dm.GuildID = "qa-channel", false, ""
	tests := []struct {
		name string
		in   Interaction
	}{
		{"ask", command("ask", "question", "What did the mayor say about the bridge?")},
		{"ask_outlet", command("ask", "question", "bridge", "outlet", "Valley Post")},
		{"ask_nothing", command("ask", "question", "Who won the football?")},
		{"ask_nothing_filtered", command("ask", "question", "bridge", "speaker", "Nobody")},
		{"ask_too_long", command("ask", "question", strings.Repeat("why ", 60))},
		{"ask_empty", command("ask", "question", " \u200b ")},
		{"quotes", command("quotes", "speaker", "Ana Ruiz")},
		{"quotes_none", command("quotes", "speaker", "Ana Ruiz", "about", "football")},
		{"sources", command("sources")},
		{"article", command("article", "id", "harbor-times/bridge.txt")},
		{"article_missing", command("article", "id", "nope.txt")},
		{"help", command("help")},
		{"settings_refused", func() Interaction {
			in := command("settings", "channel", "99")
			in.Subcommand = "qa-channel"
			return in
		}()},
		{"settings_dm", dm},
		{"settings_set", manage},
		{"unknown", command("frobnicate")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.Handle(ctx, tt.in)
			checkReply(t, r)
			goldenJSON(t, tt.name, tt.in.Kind, r)
		})
	}
}

func TestAskAnswer(t *testing.T) {
	b := newTestBot(t, &fakeCoverage{})
	r := b.Handle(context.Background(), command("ask", "question", "What did the mayor say about the bridge?"))
	if r.Ephemeral {
		t.Fatal("an answer must be public")
	}
	e := r.Embeds[0]
	v := e.Fields[0].Value
	for _, want := range []string{
		"“The bridge will reopen before the spring floods, and not a day later.”",
		"[Harbor Times](https://harbortimes.example/bridge), 4 Mar 2031",
		"[Valley Post](https://valleypost.example/news/1), 5 Mar 2031 · *article truncated by paywall*",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("first answer lacks %q:\n%s", want, v)
		}
	}
	if !strings.Contains(e.Fields[0].Name, "Ana Ruiz") {
		t.Errorf("speaker missing from %q", e.Fields[0].Name)
	}
	if e.Footer != "Searched 3 articles from 2 outlets" {
		t.Errorf("footer = %q", e.Footer)
	}
	if len(r.Components) == 0 || !strings.HasPrefix(r.Components[0][0].CustomID, "art:") {
		t.Errorf("no Show article button: %+v", r.Components)
	}
}

func TestAskNothingFoundIsEphemeral(t *testing.T) {
	b := newTestBot(t, &fakeCoverage{})
	r := b.Handle(context.Background(), command("ask", "question", "Who won the football?"))
	if !r.Ephemeral || !strings.HasPrefix(r.Content, "Nothing in the coverage answers that.") {
		t.Errorf("got %+v", r)
	}
}

func TestErrorsAreFriendlyAndLoggedOnce(t *testing.T) {
	var logs bytes.Buffer
	secret := errors.New("open /srv/index/store/root.bolt: permission denied")
	cov := &fakeCoverage{answer: func(context.Context, search.Question) (search.Answers, error) {
		return search.Answers{}, fmt.Errorf("search: %w", secret)
	}}
	b := newTestBot(t, cov, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	r := b.Handle(context.Background(), command("ask", "question", "bridge?"))
	if !r.Ephemeral || r.Content != somethingWentWrong {
		t.Errorf("reply = %+v", r)
	}
	if strings.Contains(r.Content, "/srv") {
		t.Error("raw error leaked to the user")
	}
	if n := strings.Count(logs.String(), "interaction failed"); n != 1 || !strings.Contains(logs.String(), "interaction=1001") {
		t.Errorf("want one log line with the interaction id, got:\n%s", logs.String())
	}
}

func TestKnownErrors(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{context.DeadlineExceeded, "took too long"},
		{fmt.Errorf("x: %w", search.ErrNotFound), "couldn't find"},
		{&UserError{Msg: "Say it plainly."}, "Say it plainly."},
	}
	for _, tt := range tests {
		cov := &fakeCoverage{answer: func(context.Context, search.Question) (search.Answers, error) { return search.Answers{}, tt.err }}
		r := newTestBot(t, cov).Handle(context.Background(), command("ask", "question", "bridge"))
		if !r.Ephemeral || !strings.Contains(r.Content, tt.want) {
			t.Errorf("%v: got %q, want it to contain %q", tt.err, r.Content, tt.want)
		}
	}
}

func TestPermissions(t *testing.T) {
	b := newTestBot(t, &fakeCoverage{})
	tests := []struct {
		name  string
		perms int64
		guild bool
		ok    bool
	}{
		// Server admins may have changed the command's default permissions
		// so that anyone sees it: the member's own permissions decide.
		{"no permissions", 0, true, false},
		{"send messages only", 1 << 11, true, false},
		{"manage server", PermissionManageServer, true, true},
		{"administrator", PermissionAdministrator, true, true},
		{"manage server in a DM", PermissionManageServer, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := command("settings", "channel", "99")
			in.Subcommand = "qa-channel"
			in.Permissions = tt.perms
			in.InGuild = tt.guild
			r := b.Handle(context.Background(), in)
			got := strings.HasPrefix(r.Content, "Done")
			if got != tt.ok {
				t.Errorf("allowed = %v, want %v (%q)", got, tt.ok, r.Content)
			}
			if !r.Ephemeral {
				t.Error("settings replies must be ephemeral")
			}
		})
	}
	ch, err := b.settings.QAChannel(context.Background(), "7")
	if err != nil || ch != "99" {
		t.Errorf("qa-channel = %q, %v; want 99", ch, err)
	}
}

func TestPaging(t *testing.T) {
	// 12 answers: three pages of five.
	many := func(_ context.Context, q search.Question) (search.Answers, error) {
		var out search.Answers
		for i := range 12 {
			out.Answers = append(out.Answers, search.Answer{Quote: true, Text: fmt.Sprintf("Quote number %d about %s.", i+1, q.Text), Speaker: "Ana Ruiz",
				Reports: []search.Report{{Outlet: "Harbor Times", ArticleID: fmt.Sprintf("a%d", i)}}})
		}
		out.Searched = search.Coverage{Articles: 12, Outlets: 1}
		return out, nil
	}
	now := testNow
	b := newTestBot(t, &fakeCoverage{answer: many}, func(c *Config) { c.Now = func() time.Time { return now } })
	ctx := context.Background()
	first := b.Handle(ctx, command("ask", "question", "the bridge", "outlet", "Harbor Times"))
	row := first.Components[len(first.Components)-1]
	prev, next := row[0], row[1]
	if !prev.Disabled || next.Disabled {
		t.Fatalf("first page buttons: %+v", row)
	}
	if got := first.Embeds[0].Footer; got != "Searched 12 articles from 1 outlet · Page 1 of 3" {
		t.Errorf("footer = %q", got)
	}

	second := b.Handle(ctx, press("42", next.CustomID, first))
	if !second.Update || second.Ephemeral {
		t.Fatalf("page turn should update the message: %+v", second)
	}
	if !strings.Contains(second.Embeds[0].Fields[0].Value, "Quote number 6 about the bridge.") {
		t.Errorf("second page starts with %q", second.Embeds[0].Fields[0].Value)
	}
	if !strings.Contains(second.Embeds[0].Footer, "Page 2 of 3") {
		t.Errorf("footer = %q", second.Embeds[0].Footer)
	}

	other := b.Handle(ctx, press("43", next.CustomID, first))
	if !other.Ephemeral || !strings.Contains(other.Content, "Only the person who asked") {
		t.Errorf("someone else paged: %+v", other)
	}

	tampered := first
	tampered.Embeds = append([]Embed(nil), first.Embeds...)
	tampered.Embeds[0].Title = "something else"
	if r := b.Handle(ctx, press("42", next.CustomID, tampered)); !r.Ephemeral {
		t.Errorf("a button whose query changed still paged: %+v", r)
	}

	now = testNow.Add(DefaultPageTTL + time.Second)
	expired := b.Handle(ctx, press("42", next.CustomID, first))
	if !expired.Ephemeral || !strings.Contains(expired.Content, "expired") {
		t.Errorf("expired buttons still page: %+v", expired)
	}
}

func TestShowArticleAndPages(t *testing.T) {
	long := sampleArticle
	long.Paragraphs = nil
	var paras []string
	for i := range 30 {
		paras = append(paras, fmt.Sprintf("Paragraph %d. %s", i+1, strings.Repeat("Words of the story go on. ", 12)))
	}
	long.Text = strings.Join(paras, "\n\n")
	long.Truncated, long.TruncatedBy = true, corpus.TruncatedByPaywall
	cov := &fakeCoverage{article: func(_ context.Context, id string) (*corpus.Article, error) {
		if id != long.ID {
			return nil, search.ErrNotFound
		}
		return &long, nil
	}}
	b := newTestBot(t, cov)
	ctx := context.Background()
	answer := b.Handle(ctx, command("ask", "question", "bridge"))
	show := answer.Components[0][0]
	r := b.Handle(ctx, press("77", show.CustomID, answer))
	if !r.Ephemeral || len(r.Embeds) != 1 || r.Embeds[0].Title != "Bridge to reopen" {
		t.Fatalf("show article: %+v", r)
	}
	if !strings.HasPrefix(r.Embeds[0].Description, "Paragraph 1.") || !strings.Contains(r.Embeds[0].Footer, "Page 1 of") {
		t.Errorf("first page: %q / %q", r.Embeds[0].Description[:40], r.Embeds[0].Footer)
	}
	// The presser pages through their own copy.
	next := r.Components[0][1]
	p2 := b.Handle(ctx, press("77", next.CustomID, r))
	if p2.Ephemeral && p2.Content != "" {
		t.Fatalf("page 2: %q", p2.Content)
	}
	if !strings.Contains(p2.Embeds[0].Footer, "Page 2 of") || strings.Contains(p2.Embeds[0].Description, "Paragraph 1.") {
		t.Errorf("page 2 footer %q", p2.Embeds[0].Footer)
	}
	pages := articlePages(&long)
	last := b.Handle(ctx, press("77", pageRef{Kind: pageArticle, Page: len(pages) - 1, Asker: "77", Expires: testNow.Add(time.Minute), Hash: queryHash(pageArticle, []string{long.ID})}.customID(len(pages)-1), r))
	if !strings.Contains(last.Embeds[0].Description, "article truncated by paywall") {
		t.Errorf("last page lacks the paywall note: %q", last.Embeds[0].Description)
	}
	// Every paragraph appears on some page, whole.
	all := strings.Join(pages, "\n\n")
	for _, p := range paras {
		if !strings.Contains(all, strings.TrimSpace(p)) {
			t.Fatalf("paragraph lost across pages: %q", p[:30])
		}
	}
}

func TestAutocomplete(t *testing.T) {
	b := newTestBot(t, &fakeCoverage{})
	ctx := context.Background()
	tests := []struct {
		in   Interaction
		want []string
	}{
		{func() Interaction {
			in := command("ask", "question", "x", "outlet", "val")
			in.Kind, in.Focused = KindAutocomplete, "outlet"
			return in
		}(), []string{"Valley Post"}},
		{func() Interaction {
			in := command("ask", "speaker", "ru")
			in.Kind, in.Focused = KindAutocomplete, "speaker"
			return in
		}(), []string{"Ana Ruiz"}},
		{func() Interaction {
			in := command("quotes", "speaker", "")
			in.Kind, in.Focused = KindAutocomplete, "speaker"
			return in
		}(), []string{"Ana Ruiz", "Tomas Berg"}},
		{func() Interaction {
			in := command("article", "id", "bridge")
			in.Kind, in.Focused = KindAutocomplete, "id"
			return in
		}(), []string{"harbor-times/bridge.txt", "valley-post/1.html"}},
	}
	for _, tt := range tests {
		r := b.Handle(ctx, tt.in)
		var got []string
		for _, c := range r.Choices {
			got = append(got, c.Value)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s/%s: got %q, want %q", tt.in.Command, tt.in.Focused, got, tt.want)
		}
	}
}

func TestCooldown(t *testing.T) {
	now := testNow
	b := newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Cooldown = 5 * time.Second; c.Now = func() time.Time { return now } })
	ctx := context.Background()
	if r := b.Handle(ctx, command("ask", "question", "bridge")); r.Ephemeral {
		t.Fatalf("first ask refused: %q", r.Content)
	}
	r := b.Handle(ctx, command("ask", "question", "bridge"))
	if !r.Ephemeral || !strings.Contains(r.Content, "wait 5 seconds") {
		t.Errorf("second ask: %+v", r)
	}
	if r := b.Handle(ctx, command("sources")); r.Ephemeral {
		t.Errorf("cheap commands have no cooldown: %q", r.Content)
	}
	now = now.Add(5 * time.Second)
	if r := b.Handle(ctx, command("ask", "question", "bridge")); r.Ephemeral {
		t.Errorf("ask after the cooldown refused: %q", r.Content)
	}
}

func TestExtraCommands(t *testing.T) {
	extra := Command{
		Name: "digest", Description: "Daily digest", Permissions: PermissionManageServer,
		Handle: func(context.Context, Interaction) (Reply, error) { return Reply{Content: "digest!"}, nil },
	}
	b := newTestBot(t, &fakeCoverage{}, func(c *Config) { c.Commands = []Command{extra} })
	in := command("digest")
	if r := b.Handle(context.Background(), in); !strings.Contains(r.Content, "Manage Server") {
		t.Errorf("permission not enforced on added command: %q", r.Content)
	}
	in.Permissions = PermissionManageServer
	if r := b.Handle(context.Background(), in); r.Content != "digest!" {
		t.Errorf("got %q", r.Content)
	}
	if h := b.Handle(context.Background(), command("help")); !strings.Contains(h.Embeds[0].Description, "/digest") {
		t.Error("/help does not list the added command")
	}
}

// TestUserCausedErrorsHaveTheirOwnMessage: errors a user can cause (a
// question of punctuation only, a speaker filter over 200 characters) get
// a message saying what to do, never "Something went wrong", search's
// internal wording or an ERROR log line.
func TestUserCausedErrorsHaveTheirOwnMessage(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"speaker too long", fmt.Errorf("answer %q: %w: speaker name over 200 characters", "bridge", search.ErrQuestionTooLong), "too long"},
		{"question too long", fmt.Errorf("%w (700 characters; at most 500): ask a shorter question", search.ErrQuestionTooLong), "too long"},
		{"no words", fmt.Errorf("answer: %w", search.ErrEmptyQuestion), "no words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			cov := &fakeCoverage{answer: func(context.Context, search.Question) (search.Answers, error) { return search.Answers{}, tt.err }}
			b := newTestBot(t, cov, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
			r := b.Handle(context.Background(), command("ask", "question", "???", "speaker", strings.Repeat("Ana ", 60)))
			if !r.Ephemeral || !strings.Contains(r.Content, tt.want) || r.Content == somethingWentWrong || strings.Contains(r.Content, "search:") {
				t.Errorf("reply %q, want one containing %q", r.Content, tt.want)
			}
			if strings.Contains(logs.String(), "level=ERROR") {
				t.Errorf("a user's mistake is logged as an error:\n%s", logs.String())
			}
		})
	}
}

// TestPressesHaveACooldown: paging and "Show article" presses re-run work,
// so a user pressing again within a second is asked to wait; paging right
// after asking, and pressing again later, work.
func TestPressesHaveACooldown(t *testing.T) {
	many := func(_ context.Context, q search.Question) (search.Answers, error) {
		var out search.Answers
		for i := range 12 {
			out.Answers = append(out.Answers, search.Answer{Quote: true, Text: fmt.Sprintf("Quote number %d.", i+1), Speaker: "Ana Ruiz",
				Reports: []search.Report{{Outlet: "Harbor Times", ArticleID: sampleArticle.ID}}})
		}
		out.Searched = search.Coverage{Articles: 12, Outlets: 1}
		return out, nil
	}
	now := testNow
	b := newTestBot(t, &fakeCoverage{answer: many}, func(c *Config) {
		c.Cooldown = 3 * time.Second
		c.Now = func() time.Time { return now }
	})
	ctx := context.Background()
	first := b.Handle(ctx, command("ask", "question", "the bridge"))
	var next, show Button
	for _, row := range first.Components {
		for _, btn := range row {
			switch {
			case strings.HasPrefix(btn.Label, "Next"):
				next = btn
			case strings.HasPrefix(btn.CustomID, articlePrefix+":"):
				show = btn
			}
		}
	}
	if next.CustomID == "" || show.CustomID == "" {
		t.Fatalf("no Next or Show article button: %+v", first.Components)
	}
	quick := func(r Reply) bool { return r.Ephemeral && strings.Contains(r.Content, "pressing quickly") }
	steps := []struct {
		name    string
		after   time.Duration
		button  Button
		refused bool
	}{
		{"page right after asking", 0, next, false},
		{"page again at once", 0, next, true},
		{"show article at once", 100 * time.Millisecond, show, true},
		{"show article a second later", time.Second, show, false},
		{"page a second after that", time.Second, next, false},
	}
	for _, st := range steps {
		now = now.Add(st.after)
		r := b.Handle(ctx, press("42", st.button.CustomID, first))
		if quick(r) != st.refused {
			t.Errorf("%s: refused %v, want %v (%+v)", st.name, quick(r), st.refused, r.Content)
		}
	}
}

// TestSourcesDoesNotCountUnknownOutlet: articles that name no outlet are
// listed, but are not counted as one more outlet.
func TestSourcesDoesNotCountUnknownOutlet(t *testing.T) {
	cov := &fakeCoverage{outlets: func(context.Context) ([]search.OutletStats, error) {
		return []search.OutletStats{{Outlet: "Business Standard", Articles: 2}, {Outlet: "unknown", Articles: 1}}, nil
	}}
	r := newTestBot(t, cov).Handle(context.Background(), command("sources"))
	if got, want := r.Embeds[0].Footer, "3 articles from 1 outlet"; got != want {
		t.Errorf("footer %q, want %q", got, want)
	}
	if !strings.Contains(r.Embeds[0].Description, "Unknown outlet") {
		t.Errorf("the articles of no known outlet are not listed:\n%s", r.Embeds[0].Description)
	}
}

// TestAnswerOutletsNewestFirst: an answer's outlets are listed newest
// first and undated last on Discord, whatever order search returns them
// in (the same order the command line, JSON and the digest use).
func TestAnswerOutletsNewestFirst(t *testing.T) {
	cov := &fakeCoverage{answer: func(context.Context, search.Question) (search.Answers, error) {
		return search.Answers{Answers: []search.Answer{{Quote: true, Text: "We will rebuild the barrier.", Speaker: "Ann Rowe",
			Reports: []search.Report{
				{Outlet: "Undated Echo", ArticleID: "u"},
				{Outlet: "Old Gazette", Published: day(2014, 1, 10), ArticleID: "o"},
				{Outlet: "New Post", Published: day(2014, 1, 13), ArticleID: "n"},
			}}}}, nil
	}}
	r := newTestBot(t, cov).Handle(context.Background(), command("ask", "question", "barrier"))
	v := r.Embeds[0].Fields[0].Value
	iNew, iOld, iUndated := strings.Index(v, "New Post"), strings.Index(v, "Old Gazette"), strings.Index(v, "Undated Echo")
	if iNew < 0 || iOld < 0 || iUndated < 0 || !(iNew < iOld && iOld < iUndated) {
		t.Errorf("outlets not newest first, undated last:\n%s", v)
	}
}

// TestAskNoTopic: a question of only question words gets told what to
// add, not that the coverage holds nothing.
func TestAskNoTopic(t *testing.T) {
	b := newTestBot(t, &fakeCoverage{answer: func(ctx context.Context, q search.Question) (search.Answers, error) {
		return search.Answers{Question: q.Text, NoTopic: true}, nil
	}})
	r := b.Handle(context.Background(), command("ask", "question", "what is it?"))
	if !r.Ephemeral || !strings.HasPrefix(r.Content, "That names nothing to look for") || !strings.Contains(r.Content, "Tip: name the person") {
		t.Errorf("got %+v", r)
	}
}

// TestTruncationNotesSayWhy: an article cut short says why, in /ask's
// outlet lines as on the command line, and never claims a paywall that
// was not there.
func TestTruncationNotesSayWhy(t *testing.T) {
	for _, tt := range []struct{ by, want string }{
		{corpus.TruncatedByPaywall, "article truncated by paywall"},
		{corpus.TruncatedByCutOff, "article cut off before the story ends"},
		{corpus.TruncatedByFeed, "page unreadable, feed's text only"},
	} {
		line := reportLine(search.Report{Outlet: "Valley Post", Truncated: true, TruncatedBy: tt.by}, false)
		if !strings.HasSuffix(line, "*"+tt.want+"*") {
			t.Errorf("truncated by %q: %q, want it to end with %q", tt.by, line, tt.want)
		}
		if tt.by != corpus.TruncatedByPaywall && strings.Contains(line, "paywall") {
			t.Errorf("truncated by %q: %q speaks of a paywall", tt.by, line)
		}
	}
}

// TestInterruptedQuoteKeepsItsMarks: a quotation its attribution
// interrupts is printed between the article's own marks, so the
// narrator's words stand outside the speaker's.
func TestInterruptedQuoteKeepsItsMarks(t *testing.T) {
	text := "Es ist etwas zerstört worden“, sagte Bundespräsident Joachim Gauck, „das in dieser Welt nicht mehr geheilt werden kann."
	got := answerValue(search.Answer{Quote: true, Text: text, Speaker: "Joachim Gauck", Reports: []search.Report{{Outlet: "Test Zeitung"}}})
	if !strings.HasPrefix(got, "„Es ist") || !strings.Contains(got, "geheilt werden kann.“\n") {
		t.Errorf("answer value:\n%s\nwant the quote between „ and “", got)
	}
	block := topQuoteBlock(search.Answer{Quote: true, Text: text, Speaker: "Joachim Gauck"})
	if !strings.HasPrefix(block, "> „Es ist") {
		t.Errorf("digest top quote %q, want it opened with „", block)
	}
}
