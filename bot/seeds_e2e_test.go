package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coveragebot/coveragebot/bot/discordtest"
	"github.com/coveragebot/coveragebot/search"
)

// seedsDir is ../shared/seeds beside the repository.
var seedsDir = filepath.Join("..", "..", "shared", "seeds")

// seedIndex indexes the real seed articles into a temporary index. Without
// them the test fails on CI and is skipped elsewhere.
func seedIndex(t *testing.T) *search.Index {
	t.Helper()
	if _, err := os.Stat(seedsDir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed articles missing at %s (CI=true): %v", seedsDir, err)
		}
		t.Skipf("seed articles not found at %s", seedsDir)
	}
	ctx := context.Background()
	ix, err := search.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Update(ctx, os.DirFS(seedsDir), search.Options{}); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestGatewayOnSeedArticles runs the real gateway transport over the real
// index of the seed articles against the fake Discord.
func TestGatewayOnSeedArticles(t *testing.T) {
	ix := seedIndex(t)
	const question = "What did Kerry say about a localised ceasefire?"
	direct, err := ix.Answer(context.Background(), search.Question{Text: question, Limit: 1})
	if err != nil || len(direct.Answers) == 0 {
		t.Fatalf("the index does not answer %q: %v", question, err)
	}
	top := direct.Answers[0]
	outlets := map[string]bool{}
	for _, r := range top.Reports {
		outlets[r.Outlet] = true
	}
	if len(outlets) < 2 || !strings.Contains(top.Speaker, "Kerry") {
		t.Fatalf("top answer should be Kerry's quote reported by both January outlets: %+v", top)
	}

	srv := newFakeDiscord(t)
	b := New(Config{Coverage: ix, Settings: &memSettings{}, Cooldown: -1})
	startGateway(t, srv, b)
	ctx := waitCtx(t)

	ix1 := srv.NewCommand("ask", discordtest.StringOption("question", question))
	if err := srv.DispatchInteraction(ix1); err != nil {
		t.Fatal(err)
	}
	edit, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteOriginalEdit), discordtest.ForInteraction(ix1.ID, ix1.Token)))
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.RequestsMatching(discordtest.ForInteraction(ix1.ID, ix1.Token))
	if body(t, reqs[0])["type"] != float64(callbackDeferredMessage) {
		t.Errorf("first answer to /ask was not a deferral: %s", reqs[0])
	}
	got := string(edit.Body)
	for _, want := range []string{"ceasefire", "Kerry"} {
		if !strings.Contains(got, want) {
			t.Errorf("answer lacks %q: %s", want, got)
		}
	}
	for o := range outlets {
		if !strings.Contains(got, escapeInline(outletName(o))) {
			t.Errorf("answer lacks outlet %q: %s", o, got)
		}
	}

	msg, err := srv.DispatchMessage(srv.MentionBot(question))
	if err != nil {
		t.Fatal(err)
	}
	reply, err := srv.WaitFor(ctx, discordtest.OnRoute(discordtest.RouteChannelMessageCreate))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(reply.Body), msg.ID) || !strings.Contains(string(reply.Body), "ceasefire") {
		t.Errorf("mention reply: %s", reply.Body)
	}

	none := srv.NewCommand("ask", discordtest.StringOption("question", "Who won the 1998 World Cup final?"))
	if err := srv.DispatchInteraction(none); err != nil {
		t.Fatal(err)
	}
	fu, err := srv.WaitFor(ctx, discordtest.All(discordtest.OnRoute(discordtest.RouteFollowup), discordtest.ForInteraction(none.ID, none.Token)))
	if err != nil {
		t.Fatal(err)
	}
	if m := body(t, fu); m["flags"] != float64(messageFlagEphemeral) || !strings.Contains(m["content"].(string), "Nothing in the coverage answers that.") {
		t.Errorf("nothing-found follow-up: %s", fu.Body)
	}
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}

// TestSeedDigestPostedToFakeDiscord posts the digest of the real seed
// articles through the scheduler to the fake Discord (issue 4's acceptance):
// the two January 2014 articles are one story with both outlets, Kerry's
// shared quote appears once with both, the differing death tolls are shown
// with their outlets, the May 2013 article is a story of its own; and the
// post is within every Discord limit and the spec.
func TestSeedDigestPostedToFakeDiscord(t *testing.T) {
	ix := seedIndex(t)
	srv := discordtest.New(t)
	store := mustOpenStore(t, filepath.Join(t.TempDir(), StoreFile))
	// The articles were first seen just now; the subscription is older.
	created := time.Now().Add(-2 * time.Hour).Truncate(time.Hour)
	clock := &fakeClock{now: created}
	ch := srv.ChannelID()
	sub := Subscription{GuildID: srv.GuildID(), ChannelID: ch, Hour: created.Add(time.Hour).Hour(), Timezone: "UTC", NoNews: NoNewsNote, Created: created}
	if err := store.Subscribe(context.Background(), sub); err != nil {
		t.Fatal(err)
	}
	clock.Set(time.Now())
	sched := NewScheduler(SchedulerConfig{Store: store, Source: ix, Sender: SessionSender{Session: srv.Session(srv.Token())}, Clock: clock})
	sched.RunDue(context.Background())

	msgs := srv.ChannelMessages(ch)
	if len(msgs) != 1 || len(msgs[0].Embeds) != 2 {
		t.Fatalf("posted %d messages (%+v), want one with two story embeds", len(msgs), msgs)
	}
	if !strings.Contains(msgs[0].Content, "2 stories, 3 articles from 1 outlet") {
		t.Errorf("header = %q", msgs[0].Content)
	}
	jan, may := msgs[0].Embeds[0].Description, msgs[0].Embeds[1].Description
	for _, want := range []string{
		"**1 outlet:** Business Standard (and 1 article from an unknown outlet)",
		"encourage a ceasefire",
		"— **John Kerry**\n> reported by Business Standard, Unknown outlet (001\\_b1bbbe59a208db66.txt)",
		"⚠️ **Outlets disagree: people killed**",
		"• **130,000 people** — Business Standard: “",
		"• **more than 100,000 people** — Unknown outlet: “",
	} {
		if !strings.Contains(jan, want) {
			t.Errorf("January story lacks %q:\n%s", want, jan)
		}
	}
	if n := strings.Count(jan, "encourage a ceasefire"); n != 1 {
		t.Errorf("Kerry's quote shown %d times, want once:\n%s", n, jan)
	}
	if !strings.Contains(msgs[0].Embeds[1].Title, "94,000") || !strings.Contains(may, "**1 outlet:** Business Standard") || strings.Contains(may, "Kerry") {
		t.Errorf("May 2013 story: %q\n%s", msgs[0].Embeds[1].Title, may)
	}
	checkAllMessages(t, srv)
	srv.AssertClean(t)
}
