package search

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestQuestionType(t *testing.T) {
	for _, tt := range []struct {
		question string
		want     answerType
	}{
		{"when did the ferry sink", dateAnswer},
		{"What day was the captain arrested?", dateAnswer},
		{"where exactly did it go down?", placeAnswer},
		{"which hospital were they taken to", placeAnswer},
		{"how many people died", numberAnswer},
		{"how much money did egypt ask for", numberAnswer},
		{"how long was the canal blocked", durationAnswer},
		{"how far is the diversion", numberAnswer},
		{"why did it run aground", reasonAnswer},
		{"who was the captain", personAnswer},
		{"who said the ship was stuck", anyAnswer}, // a say-question: a quote, not a name
		{"did anybody die", anyAnswer},
		{"so when did they find them", dateAnswer},
		{"which countries sent divers", placeAnswer},
		{"which company owned the ferry", personAnswer}, // a name
		{"which hospital were they taken to", placeAnswer},
		{"which did they choose", anyAnswer},
		{"what time of day did it run aground", dateAnswer},
		// a time phrase before the question word
		{"in the first days of the search why couldnt the divers get to them", reasonAnswer},
		{"the next year why did the appeal court change it to murder", reasonAnswer},
		{"a few days after the crash where did the prosecutors search", placeAnswer},
		{"in 2020 why did macron drop the modern spire", reasonAnswer},
		// a question word inside the time phrase is the phrase's
		{"on the day when the ship sank what did the captain do", anyAnswer},
		{"in the cave where the boys were trapped how much oxygen was left", numberAnswer},
	} {
		words := strings.Fields(strings.ToLower(strings.Trim(tt.question, "?")))
		if got := questionType(words); got != tt.want {
			t.Errorf("questionType(%q) = %d, want %d", tt.question, got, tt.want)
		}
	}
}

func TestWebAddressesAreNotWhatAPassageSays(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool // a date, once its links are blanked
	}{
		{"You can find the current article at its original source at https://www.example.com/world/live/2018/jul/04/cave-rescue", false},
		{"Read more at www.example.com/2018/07/04/rescue", false},
		{"Read more at WWW.EXAMPLE.COM/2018/07/04/rescue", false},
		{"More at HTTPS://EXAMPLE.COM/2018/07/04/rescue", false},
		{"Read more at www.example.com/2018/07/04/rescue on Monday.", true}, // the sentence's own day
		{"They were found on 4 July, awww.", true},
	} {
		if got := holdsAnswerType(dateAnswer, withoutWebAddresses(tt.text), "what day did they find them"); got != tt.want {
			t.Errorf("a date in %q (links blanked: %q): %v, want %v", tt.text, withoutWebAddresses(tt.text), got, tt.want)
		}
	}
}

func TestHoldsAnswerType(t *testing.T) {
	for _, tt := range []struct {
		t        answerType
		text     string
		question string
		want     bool
	}{
		{dateAnswer, "The ferry sank on Wednesday off Jindo.", "when did it sink", true},
		// a ratio written out is a figure: "how much cargo was it carrying"
		{numberAnswer, "It was carrying double the amount of cargo allowed.", "how much cargo was it carrying", true},
		{numberAnswer, "It carried twice as much cargo as it should have.", "how much cargo was it carrying", true},
		{numberAnswer, "It was carrying cargo badly secured.", "how much cargo was it carrying", false},
		{dateAnswer, "Le ferry a coulé mercredi.", "when did it sink", true},
		{dateAnswer, "The ferry sank off Jindo.", "when did it sink", false},
		{dateAnswer, "The fire began at about 6:50 local time.", "what time did the fire start", true},
		{dateAnswer, "Le feu a pris vers 18h50.", "what time did the fire start", true},
		{dateAnswer, "It was stuck at 8 am.", "what time did it get stuck", true},
		{dateAnswer, "It cost 6.5 billion.", "when was it", false},
		// every language's days and months, with the part of the day
		{dateAnswer, "Os corpos foram encontrados na segunda-feira.", "when were they found", true},
		{dateAnswer, "De jongens werden maandagavond gevonden.", "when were they found", true},
		{dateAnswer, "Sie wurden am Dienstagvormittag befreit.", "when were they freed", true},
		{dateAnswer, "De laatste jongens kwamen vandaag naar buiten.", "when did they come out", true},
		{dateAnswer, "Het schip liep op 23 maart vast.", "when did it get stuck", true},
		{dateAnswer, "It left Egypt in July.", "where did it go after it left in July", false}, // the question's own month
		// a date that labels another event says nothing of when this one was
		{dateAnswer, "The prime minister resigned over the government's response to the April 16 ferry disaster.", "when did the prime minister quit", false},
		{dateAnswer, "Schools were shut after lead was found following the 15 April fire.", "when were the schools shut", false},
		{dateAnswer, "Families of the 2014 sinking marched in Seoul.", "when did the families march", false},
		{dateAnswer, "The prime minister resigned on Sunday over the April 16 ferry disaster.", "when did the prime minister quit", true},
		{dateAnswer, "The ferry sank on the 16th of April.", "when did it sink", true},
		{dateAnswer, "The ferry sank on April 16, 2014, off Jindo.", "when did it sink", true},
		// ... but a label of the very event asked about answers it
		{dateAnswer, "Though the main structure was spared in the April 15 fire, the spire fell.", "when did notre dame catch fire", true},
		{dateAnswer, "The April 16 sinking killed 304 people.", "when did the ferry sink", true},
		{dateAnswer, "Divers returned the day after the April 16 sinking.", "when did the divers return", true},
		{dateAnswer, "It listed on the April 16 morning.", "when did it list", true},
		{dateAnswer, "He resigned over “the April 16 ferry disaster”.", "when did the prime minister quit", false},
		{placeAnswer, "The wreck was taken to the port of Mokpo.", "where did they take the wreck", true},
		// where someone lives or things lie are places too
		{placeAnswer, "Police searched Lubitz's Düsseldorf apartment on Thursday.", "where did the police search", true},
		{placeAnswer, "The cave lies near the Myanmar border.", "where is the cave", true},
		{placeAnswer, "The ship was freed on Monday.", "where was it freed", false}, // a day, not a place
		{placeAnswer, "It is stuck in the Suez Canal.", "where in the suez canal is it stuck", false},
		{placeAnswer, "The ship has been stuck in the Suez Canal since Tuesday.", "where exactly in the canal did it get stuck", false}, // the question's canal
		{placeAnswer, "The Suez Canal stepped up efforts on Friday to free a stuck vessel.", "where exactly in the canal did it get stuck", false},
		{placeAnswer, "It ran aground near the Suez port.", "where exactly in the canal did it get stuck", true},
		{placeAnswer, "Heavy rains have hit the region, flooding the cave.", "where is this cave", false}, // a kind of place names none
		{placeAnswer, "They entered the cave complex in Chiang Rai province.", "where is this cave", true},
		{placeAnswer, "It sank near Byeongpung Island.", "where did it sink", true},
		{placeAnswer, "It was towed to the port of Mokpo.", "where was it towed", true},
		{placeAnswer, "Talks on the investigation will start in Sovebir on Monday.", "where will the talks on the investigation start", true}, // "on" is no kind of place
		{numberAnswer, "The fire killed 150 people.", "how many died", true},
		{numberAnswer, "Hundreds were missing.", "how many were missing", true},
		{numberAnswer, "The ferry sank.", "how many died", false},
		{numberAnswer, "Egipto pide una multa de mil millones de dólares.", "how much money did egypt ask for", true},
		{numberAnswer, "Les pertes ont atteint dix milliards de dollars.", "how much was lost", true},
		{durationAnswer, "The canal was blocked for six days.", "how long was it blocked", true},
		{durationAnswer, "It was blocked on March 23.", "how long was it blocked", false},
		{reasonAnswer, "It ran aground because of high winds.", "why did it run aground", true},
		{personAnswer, "The captain, Lee Joon-seok, was arrested.", "who was the captain", true},
		{personAnswer, "The captain was arrested.", "who was the captain", false},
		{personAnswer, "Lee Joon-seok was arrested.", "who was lee joon-seok", false}, // only the question's own name
	} {
		if got := holdsAnswerType(tt.t, tt.text, tt.question); got != tt.want {
			t.Errorf("holdsAnswerType(%d, %q, %q) = %v, want %v", tt.t, tt.text, tt.question, got, tt.want)
		}
	}
}

func TestTimeQualifier(t *testing.T) {
	may14 := time.Date(2013, 5, 14, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		question  string
		published time.Time
		text      string
		want      bool
	}{
		{"what did they say in May 2013", may14, "", true},
		{"what did they say in May 2013", time.Date(2014, 1, 13, 0, 0, 0, 0, time.UTC), "", false},
		{"what did they say in May", time.Time{}, "Talks were held in May.", true},
		{"what did they say in 2017", time.Date(2017, 3, 23, 0, 0, 0, 0, time.UTC), "", true},
		{"may the talks go ahead", may14, "", false}, // "may" the verb names no time
		{"what happened after the arrest", may14, "", false},
	} {
		tq := parseTimeQualifier(splitWords(tt.question))
		if got := tq.matches(tt.published, tt.text); got != tt.want {
			t.Errorf("%q matches (%v, %q) = %v, want %v", tt.question, tt.published.Format(time.DateOnly), tt.text, got, tt.want)
		}
	}
}

func TestMustMatch(t *testing.T) {
	for n, want := range map[int]int{1: 1, 2: 2, 3: 1, 5: 1} {
		if got := mustMatch(n); got != want {
			t.Errorf("mustMatch(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestCountsGroup(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	terms := func(s string) []string {
		var out []string
		for _, tok := range ix.an.text.Analyze([]byte(s)) {
			out = append(out, string(tok.Term))
		}
		return out
	}
	divers := ix.parse("how many divers took part").groups[0]
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"More than 90 divers were involved in the rescue operation.", true},
		{"Ninety divers, 40 Thai and 50 from overseas, took part.", true},
		{"Twelve British divers helped.", true},
		{"The divers worked for 90 hours.", false}, // the figure counts hours
		{"A lot of divers support those divers at the front.", false},
	} {
		if got := countsGroup(terms(tt.text), divers); got != tt.want {
			t.Errorf("countsGroup(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestVagueDate(t *testing.T) {
	for _, tt := range []struct {
		text, question string
		want           bool
	}{
		{"The Ever Given, built in 2018, ran aground.", "when did it run aground", true},
		{"It ran aground in March.", "when did it run aground", true},
		{"It ran aground on Tuesday morning.", "when did it run aground", false},
		{"It ran aground on March 23.", "when did it run aground", false},
		{"Le navire s'est échoué le 23 mars.", "when did it run aground", false},
		{"The fire began at 6:50 pm.", "when did the fire begin", false},
		{"The April 16 disaster led to his resignation.", "when did he resign after the april 16 sinking", true}, // the question's own day
	} {
		if got := vagueDate(tt.text, tt.question); got != tt.want {
			t.Errorf("vagueDate(%q, %q) = %v, want %v", tt.text, tt.question, got, tt.want)
		}
	}
}

func TestNamesBeside(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	for _, tt := range []struct {
		question, text string
		want           bool
	}{
		{"who was the captain", "An image said to show captain Lee Joon-seok being helped off the ferry.", true},
		{"who was the captain", "The ferry's captain, Lee Joon-seok, was arrested.", true},
		{"who was the captain", "Park Jae-eok said the captain may have been off the bridge.", false},
		{"which architect designed the spire", "The spire was designed by French architect Eugène Viollet-le-Duc.", true},
		{"who was lee joon-seok", "Captain Lee Joon-seok was arrested.", false}, // the question's own name
		// the name before its description
		{"who was the captain", "Lee Joon-seok, the ship's captain, was arrested.", true},
		{"who was the captain", "Lee Joon-seok, 69, the captain of the ferry, was arrested.", true},
		{"who was the captain", "Park Jae-eok, an official, said the captain left first.", false},
	} {
		if got := ix.namesBeside(ix.parse(tt.question), tt.text); got != tt.want {
			t.Errorf("namesBeside(%q, %q) = %v, want %v", tt.question, tt.text, got, tt.want)
		}
	}
}

func TestAsksWhoHoldsRole(t *testing.T) {
	for _, tt := range []struct {
		question string
		want     bool
	}{
		{"who was the captain", true},
		{"Who is the air traffic controller?", true},
		{"who's the new chief executive", true},
		{"who was lubitz", false},              // a description answers
		{"who's to blame for the fire", false}, // a reason or a party
		{"who said the ship was stuck", false},
	} {
		if got := asksWhoHoldsRole(tt.question); got != tt.want {
			t.Errorf("asksWhoHoldsRole(%q) = %v, want %v", tt.question, got, tt.want)
		}
	}
}

// Asked who holds a role, a sentence naming someone else beside the role
// word is no answer: the name must be the role holder's.
func TestWhoHoldsRoleNeedsTheHoldersName(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	mustIndexArticles(t, ix,
		handArticle(t, "wire/1.txt", "Wire", []string{
			"Park Jae-eok, an investigating official, said the captain may have left the bridge early.",
			"The captain, Lee Joon-seok, was arrested on Saturday.",
		}),
		handArticle(t, "post/2.txt", "Post", []string{
			"Prosecutor Park Jae-eok told reporters the captain had been questioned for hours.",
		}),
	)
	got := mustAnswer(t, ix, "who was the captain")
	if len(got.Answers) != 1 || !strings.Contains(got.Answers[0].Text, "Lee Joon-seok") {
		t.Fatalf("answers %v, want only the sentence naming the captain", got.Answers)
	}
}

// A question word with its verb contracted, with or without the
// apostrophe, asks what the word alone asks.
func TestContractedQuestionWords(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	for _, tt := range []struct {
		question string
		want     answerType
	}{
		{"who's to blame for the fire", personAnswer},
		{"whos to blame for the fire", personAnswer},
		{"where’d the spire land", placeAnswer},
		{"whens the memorial", dateAnswer},
	} {
		if got := ix.parse(tt.question).answer; got != tt.want {
			t.Errorf("parse(%q).answer = %d, want %d", tt.question, got, tt.want)
		}
	}
}

// TestWebAddressWordsMatchNothing: the words of a link are not the
// passage's: "alive" finds no "live" in ".../world/live/2018/...".
func TestWebAddressWordsMatchNothing(t *testing.T) {
	a := handArticle(t, "a.txt", "The Daily", []string{
		"You can find the current article at its original source at https://www.example.com/world/live/2018/jul/04/cave-rescue-boys-alive",
		"The weather over the hills was clear on Tuesday.",
	})
	ix := mustOpen(t, t.TempDir())
	ix.SetLexicon(nil)
	mustIndexArticles(t, ix, a)
	res, err := ix.Answer(context.Background(), Question{Text: "were the boys found alive in the cave"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Answers) > 0 {
		t.Errorf("answered %q from the words of a link", res.Answers[0].Text)
	}
}
