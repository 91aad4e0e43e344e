package search

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestParseQuestionShape(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	analysed := func(word string) string {
		toks := ix.an.text.Analyze([]byte(word))
		if len(toks) != 1 {
			t.Fatalf("%q analyses to %d terms", word, len(toks))
		}
		return string(toks[0].Term)
	}
	tests := []struct {
		question    string
		wantsNumber bool
		wantsQuote  bool
		words       []string            // the content words kept, in order
		alsoMatches map[string][]string // content word -> other words it matches
	}{
		{"How many homes were destroyed?", true, false, []string{"homes", "destroyed"}, nil},
		// "long" and "far" are the question's shape: answers say "six weeks".
		{"How long is the diversion?", true, false, []string{"diversion"}, nil},
		{"How far did the water rise?", true, false, []string{"water", "rise"}, map[string][]string{"rise": {"rose", "risen"}}},
		{"Is the long-term plan ready?", false, false, []string{"long-term", "plan", "ready"}, nil},
		{"What did Lavrov say about Iran?", false, true, []string{"Lavrov", "Iran"}, nil},
		// Outlets report in another tense than questions ask in.
		{"Where did Kerry and Lavrov meet?", false, false, []string{"Kerry", "Lavrov", "meet"}, map[string][]string{"meet": {"met"}}},
		{"How much rain fell?", true, false, []string{"rain", "fell"}, map[string][]string{"fell": {"fall", "fallen"}}},
		// A phrasal verb is one content word: "down" alone says nothing,
		// and "took part" is what an article calls participating.
		{"What did Chung say when he stepped down?", false, true, []string{"Chung", "stepped down"}, map[string][]string{"stepped down": {"resigned", "step"}}},
		{"How many divers took part?", true, false, []string{"divers", "took part"}, map[string][]string{"took part": {"part"}}},
		{"How did they get them out?", false, false, []string{"get out"}, nil},
		// Words naming the answer's type are its shape: the answer says
		// "on Tuesday morning" or "the US and China".
		{"What time of day did it catch fire?", false, false, []string{"catch fire"}, map[string][]string{"catch fire": {"fire", "ignite"}}},
		{"Which countries sent divers?", false, false, []string{"sent", "divers"}, nil},
		{"How much money did Egypt ask for?", true, false, []string{"Egypt", "ask for"}, nil},
		// answers say "Chiang Rai hospital"; "to" is where they were taken,
		// not the particle of "take to" (to start liking)
		{"Which hospital were they taken to?", false, false, []string{"hospital", "taken"}, map[string][]string{"taken": {"take", "took"}}},
		{"Did the roof cave in?", false, false, []string{"roof", "cave in"}, nil},
		// asking anything but a place, a last preposition is a phrasal verb's
		{"What are investigators looking into?", false, false, []string{"investigators", "looking into"}, nil},
		{"What did the ship run into?", false, false, []string{"ship", "run into"}, nil},
		// The stemmer makes "died" "di" but leaves "die": the question's
		// base form finds the reported past.
		{"Did anybody die?", false, false, []string{"die"}, map[string][]string{"die": {"died", "dies"}}},
		// Casual idioms name nothing.
		{"Did the rescue help at all?", false, false, []string{"rescue", "help"}, nil},
		{"Why was the cave flooded in the first place?", false, false, []string{"cave", "flooded"}, nil},
		// Contractions typed without the apostrophe, or with a short "did".
		{"why couldnt the captain open the door", false, false, []string{"captain", "open", "door"}, nil},
		{"Where'd the spire land?", false, false, []string{"spire", "land"}, nil},
		// "which country's divers" asks which country.
		{"Which country's divers found them?", false, false, []string{"divers", "found"}, nil},
		// "find", "tell", "show", "give" ask for something when they lead,
		// and are the question's verb after a subject.
		{"When did they find the black box?", false, false, []string{"find", "black", "box"}, nil},
		{"Find everything on the fire", false, false, []string{"fire"}, nil},
		{"please give me the latest on the fire", false, false, []string{"fire"}, nil},
		// "after" a verb starts a time: "go after" is not chase here.
		{"Where did it go after Egypt let it go?", false, false, []string{"go", "Egypt"}, nil},
		// A related verb's irregular past: the articles say "began".
		{"When did the fire start?", false, false, []string{"fire", "start"}, map[string][]string{"start": {"begin", "began"}}},
		// A related word's irregular plural: the articles say "children".
		{"Were the kids rescued?", false, false, []string{"kids", "rescued"}, map[string][]string{"kids": {"child", "children"}}},
		// Chat fillers and asks, and set phrases' little words.
		{"what countries were the victims from? list pls", false, false, []string{"victims"}, nil},
		{"how big is the ship anyway, like how long is it", true, false, []string{"ship"}, nil},
		{"how many teachers died along with the students", true, false, []string{"teachers", "died", "students"}, nil},
		{"list the officials who resigned", false, false, []string{"officials", "resigned"}, nil},
		{"can someone list everyone who helped", false, false, []string{"helped"}, nil},
		{"why did the ship list", false, false, []string{"ship", "list"}, nil}, // the ship's list
		{"can someone give me a quick list of what all went wrong that day", false, false, []string{"went wrong", "day"}, nil},
		{"where did they take them the second they got out of the cave", false, false, []string{"take", "got out", "cave"}, nil},
		{"when did they find the second black box", false, false, []string{"find", "second", "black", "box"}, nil}, // no idiom
		{"how many people were working on the rescue altogether", true, false, []string{"people", "working on", "rescue"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			q := ix.parse(tt.question)
			if q.wantsNumber != tt.wantsNumber || q.wantsQuote != tt.wantsQuote {
				t.Errorf("wantsNumber %v, wantsQuote %v; want %v, %v", q.wantsNumber, q.wantsQuote, tt.wantsNumber, tt.wantsQuote)
			}
			var words []string
			for _, g := range q.groups {
				words = append(words, g.word)
			}
			if !slices.Equal(words, tt.words) {
				t.Errorf("content words %q, want %q", words, tt.words)
			}
			for word, others := range tt.alsoMatches {
				i := slices.Index(words, word)
				if i < 0 {
					continue
				}
				for _, o := range others {
					g := q.groups[i]
					related := slices.ContainsFunc(g.related, func(r relatedTerm) bool { return r.term == analysed(o) })
					if !slices.Contains(g.terms, analysed(o)) && !related {
						t.Errorf("%q matches %q, not %q", word, q.groups[i].terms, o)
					}
				}
			}
		})
	}
}

// TestSayQuestionsAnswerWithTheQuote checks that a "what did X say"
// question whose best match is the sentence reporting a quote is answered
// with the quote and its speaker, and that the sentence stays when the
// quote is not what it is about, is a small part of it, or has no speaker;
// and that what one person said never answers what another said.
func TestSayQuestionsAnswerWithTheQuote(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix,
		handArticle(t, "a.txt", "Harbour Gazette", []string{
			`"The money is not a luxury, it is what stands between this town and isolation," Mayor Ana Ruiz said.`,
			`Mayor Ana Ruiz, who opened the new stadium last spring, said: "We need more buses on the coast road."`,
			`The mayor said the harbour dues were "a fair price for a safe berth" and would stay.`,
			`"Nobody told us the ferry timetable would change," a passenger said at the quay.`,
			`"The stadium will pay for itself within ten years," Tom Berg said.`,
			`Tom Berg toured the harbour in Westport on Monday.`,
		},
			handQuote{"The money is not a luxury, it is what stands between this town and isolation", "Ana Ruiz"},
			handQuote{"We need more buses on the coast road.", "Ana Ruiz"},
			handQuote{"a fair price for a safe berth", "Ana Ruiz"},
			handQuote{"Nobody told us the ferry timetable would change", ""},
			handQuote{"The stadium will pay for itself within ten years", "Tom Berg"},
		))
	tests := []struct {
		question  string
		wantQuote bool
		want      string
	}{
		{"What did the mayor say about the money?", true, "The money is not a luxury"},
		{"What did the mayor say about the stadium?", false, "who opened the new stadium"},
		{"What did the mayor say about the harbour dues?", false, "The mayor said the harbour dues"},
		{"What did the passenger say about the ferry timetable?", false, "a passenger said"},
		{"What did Berg say about the stadium?", true, "The stadium will pay for itself"},
		// Only Ruiz spoke of money: what she said is not what Berg said.
		{"What did Berg say about the town's money?", false, ""},
		// A sentence that only names Berg does not say what he said.
		{"What did Berg say about the weather in Westport?", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			got := mustAnswer(t, ix, tt.question)
			if tt.want == "" {
				if len(got.Answers) > 0 {
					t.Errorf("got %q, want no answers", texts(got))
				}
				return
			}
			if len(got.Answers) == 0 {
				t.Fatal("no answers")
			}
			top := got.Answers[0]
			if top.Quote != tt.wantQuote || !strings.Contains(top.Text, tt.want) {
				t.Errorf("top answer %q (quote %v), want %q (quote %v)", top.Text, top.Quote, tt.want, tt.wantQuote)
			}
			if tt.wantQuote && top.Speaker == "" {
				t.Errorf("quote %q has no speaker", top.Text)
			}
		})
	}
}

// TestTitleOf: a quote's speaker is "the mayor" or "the Rijnberg boss"
// when the article introduces them with those words, before the name or
// in the description that follows it.
func TestTitleOf(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	a := handArticle(t, "a.txt", "Harbour Gazette", []string{
		"Mayor Ana Ruiz opened the quay.",
		"Peter Vos, chief executive of the towing firm Rijnberg, spoke at the quay.",
		`"The salvage went well," he said.`,
	})
	for _, tt := range []struct {
		speaker, word string
		want          bool
	}{
		{"Ana Ruiz", "mayor", true},
		{"Peter Vos", "rijnberg", true},
		{"Peter Vos", "executive", true},
		{"Peter Vos", "quay", false}, // after the description's closing comma
		{"Ana Ruiz", "rijnberg", false},
	} {
		c := &candidate{article: a, quote: true, speaker: tt.speaker}
		g := ix.parse(tt.word).groups[0]
		if got := ix.titleOf(c, g); got != tt.want {
			t.Errorf("titleOf(%s, %q) = %v, want %v", tt.speaker, tt.word, got, tt.want)
		}
	}
}

// TestSayQuestionsNeedSpeech: asked what someone said, a sentence that
// only says what they did is no answer; one reporting their words is.
func TestSayQuestionsNeedSpeech(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix, handArticle(t, "a.txt", "Tech Daily", []string{
		"Elon Vance built a small submarine for the cave rescue.",
		"Rescue chief Ana Ruiz said the submarine was not practical for the cave.",
	}))
	got := mustAnswer(t, ix, "What did Ruiz say about the submarine?")
	if len(got.Answers) == 0 || !strings.Contains(got.Answers[0].Text, "not practical") {
		t.Errorf("answers %q, want the sentence reporting what Ruiz said", texts(got))
	}
	got = mustAnswer(t, ix, "What did Vance say about the submarine?")
	for _, a := range got.Answers {
		if strings.Contains(a.Text, "built") {
			t.Errorf("answered %q: the article says what Vance built, not what he said", a.Text)
		}
	}
}

// TestSayQuestionByTitleAnswersWithTheQuote: in "what did the mayor say",
// "mayor" names who spoke, not what about: the sentence "Mayor Ana Ruiz
// said: '…'" gives way to her quote, with her name, whatever its words.
func TestSayQuestionByTitleAnswersWithTheQuote(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix,
		handArticle(t, "a.txt", "Harbour Gazette", []string{
			`Mayor Ana Ruiz said: "We need more buses on the coast road."`,
			`The harbour reopened on Monday after the storm.`,
		}, handQuote{"We need more buses on the coast road.", "Ana Ruiz"}))
	got := mustAnswer(t, ix, "What did the mayor say?")
	if len(got.Answers) == 0 {
		t.Fatal("no answers")
	}
	if top := got.Answers[0]; !top.Quote || top.Speaker != "Ana Ruiz" || !strings.HasPrefix(top.Text, "We need more buses") {
		t.Errorf("top answer %+v, want Ana Ruiz's quote", top)
	}
}

// TestReportingSaysWhoItQuotes: the outlet's sentence that quotes one
// person's words in part is no quote of theirs, but says whose words it
// quotes; one that quotes two people says no one's.
func TestReportingSaysWhoItQuotes(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix,
		handArticle(t, "a.txt", "Harbour Gazette", []string{
			`The opposition is ready to list its prisoners and "is prepared to entertain such an exchange", Kerry said.`,
			`Lavrov called the ferry plan "premature" while Kerry called it "overdue".`,
		},
			handQuote{"is prepared to entertain such an exchange", "John Kerry"},
			handQuote{"premature", "Sergei Lavrov"},
			handQuote{"overdue", "John Kerry"}))
	for _, tt := range []struct{ question, text, quoting string }{
		{"Is the opposition ready to list its prisoners?", "The opposition is ready", "John Kerry"},
		{"How did they describe the ferry plan?", "Lavrov called the ferry plan", ""},
	} {
		got := mustAnswer(t, ix, tt.question)
		if len(got.Answers) == 0 || !strings.HasPrefix(got.Answers[0].Text, tt.text) {
			t.Fatalf("%q: answers %q", tt.question, texts(got))
		}
		if a := got.Answers[0]; a.Quote || a.Speaker != "" || a.Quoting != tt.quoting {
			t.Errorf("%q: quote %v, speaker %q, quoting %q; want the outlet's sentence quoting %q", tt.question, a.Quote, a.Speaker, a.Quoting, tt.quoting)
		}
	}
}

// TestQuotesBySpeakerAsTyped: a speaker typed with a title ("Mr Lavrov")
// or with a combining accent ("Marti\u0301nez") finds the quotes of the
// person the coverage names.
func TestQuotesBySpeakerAsTyped(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix,
		handArticle(t, "a.txt", "Harbour Gazette", []string{
			`"We are going to try to work on a ceasefire," Sergei Lavrov said.`,
			`"The ferry will run again in May," José Martínez said.`,
		},
			handQuote{"We are going to try to work on a ceasefire,", "Sergei Lavrov"},
			handQuote{"The ferry will run again in May,", "José Martínez"}))
	for _, tt := range []struct{ speaker, want string }{
		{"Mr Lavrov", "Sergei Lavrov"},
		{"Mr. Sergei Lavrov", "Sergei Lavrov"},
		{"Marti\u0301nez", "José Martínez"},
		{"Jose\u0301 Martinez", "José Martínez"},
	} {
		got, err := ix.Quotes(context.Background(), tt.speaker, "", 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Answers) != 1 || got.Answers[0].Speaker != tt.want {
			t.Errorf("Quotes(%q) = %q, want %s's quote", tt.speaker, texts(got), tt.want)
		}
	}
}
