package corpus

import (
	"slices"
	"strings"
	"testing"
)

// articleOf builds an article from paragraphs, as Clean would.
func articleOf(paragraphs ...string) *Article {
	a := &Article{Text: strings.Join(paragraphs, "\n\n")}
	at := 0
	for _, p := range paragraphs {
		a.Paragraphs = append(a.Paragraphs, Paragraph{Start: at, End: at + len(p)})
		at += len(p) + 2
	}
	a.analyse()
	return a
}

func TestQuotes(t *testing.T) {
	type want struct {
		quote, speaker, attribution string
		partial                     bool
	}
	tests := []struct {
		name       string
		paragraphs []string
		want       []want
	}{
		{"quote then X said", []string{`"We will win," Ann Cole said.`},
			[]want{{"We will win", "Ann Cole", AttributedExplicit, false}}},
		{"quote then said X with role", []string{`"We will win," said Foreign Minister Ann Cole.`},
			[]want{{"We will win", "Ann Cole", AttributedExplicit, false}}},
		{"X said colon", []string{`Ann Cole said: "We will win."`},
			[]want{{"We will win.", "Ann Cole", AttributedExplicit, false}}},
		{"X told reporters", []string{`Ann Cole told reporters "we will win" on Monday.`},
			[]want{{"we will win", "Ann Cole", AttributedExplicit, true}}},
		{"said, a description, the name", []string{`"We cannot keep a boat running," said council leader Maria Lind.`},
			[]want{{"We cannot keep a boat running", "Maria Lind", AttributedExplicit, false}}},
		{"said, an occupation, the name", []string{`"It is the worst year I can remember," said local farmer Owen Pike.`},
			[]want{{"It is the worst year I can remember", "Owen Pike", AttributedExplicit, false}}},
		{"said, the report: no speaker", []string{`"Nothing is decided," said the report on Monday.`},
			[]want{{"Nothing is decided", "", "", false}}},
		{"according to", []string{`"Nothing is decided," according to Ann Cole.`},
			[]want{{"Nothing is decided", "Ann Cole", AttributedExplicit, false}}},
		{"appositive after", []string{`"We will win," Cole, the party's leader, said.`},
			[]want{{"We will win", "Cole", AttributedExplicit, false}}},
		{"mixed marks", []string{`“We will win," she said.`, `Ann Cole spoke first.`},
			[]want{{"We will win", "", "", false}}},
		{"partial inside sentence", []string{`Ann Cole said the plan was "dead in the water" and left.`},
			[]want{{"dead in the water", "Ann Cole", AttributedExplicit, true}}},
		{"scare quote, no speaker", []string{`The so-called "Geneva 2" talks begin on Monday.`},
			[]want{{"Geneva 2", "", "", true}}},
		{"a single mark typed for the closing double one, before the attribution", []string{
			`Robin said Lubitz said nothing during the descent.`,
			`"The co-pilot is the only one in the cockpit,' said French prosecutor Brice Robin. "While he is alone he manipulated the buttons."`},
			[]want{{"The co-pilot is the only one in the cockpit,' said French prosecutor Brice Robin. \"While he is alone he manipulated the buttons.", "Brice Robin", AttributedExplicit, false}}},
		{"a quote nested in a quote closes with its single mark", []string{`"He said 'stop,' and left the room," Ann Cole said.`},
			[]want{{"He said 'stop,' and left the room", "Ann Cole", AttributedExplicit, false}}},
		{"a quote nested at the start of a quote", []string{`"'Stop,' he said to me, and I stopped," Ann Cole recalled.`},
			[]want{{"'Stop,' he said to me, and I stopped", "Ann Cole", AttributedExplicit, false}}},
		{"a quote nested at the start, curly", []string{`“‘Stop,’ he said to me, and I stopped,” Ann Cole recalled.`},
			[]want{{"‘Stop,’ he said to me, and I stopped", "Ann Cole", AttributedExplicit, false}}},
		{"a newspaper's name ending the sentence is a piece of it", []string{`Der Tod von sechs Menschen wurde bestätigt, schrieb „The Korea Herald“.`},
			[]want{{"The Korea Herald", "", "", true}}},
		{"pronoun within two paragraphs", []string{
			`Mayor Ann Cole arrived late.`,
			`The hall was full.`,
			`"We will rebuild," she said.`},
			[]want{{"We will rebuild", "Ann Cole", AttributedPronoun, false}}},
		{"pronoun three paragraphs back", []string{
			`Mrs Ann Cole arrived late.`, `The hall was full.`, `Rain fell all day.`,
			`"We will rebuild," she said.`},
			[]want{{"We will rebuild", "Ann Cole", AttributedPronoun, false}}},
		{"unattributed quote paragraph three paragraphs back", []string{
			`"The bridge is safe," Ann Cole said.`, `The hall was full.`, `Rain fell all day.`,
			`"We checked it twice."`},
			[]want{{"The bridge is safe", "Ann Cole", AttributedExplicit, false}, {"We checked it twice.", "", "", false}}},
		{"pronoun too far back", []string{
			`Mrs Ann Cole arrived late.`, `The hall was full.`, `Rain fell all day.`, `Roads were shut.`,
			`"We will rebuild," she said.`},
			[]want{{"We will rebuild", "", "", false}}},
		{"pronoun skips a man for she", []string{
			`Mrs Cole met Mr Dunn on Monday.`,
			`Mr Dunn said the talks went well.`,
			`"It was useful," she said.`},
			[]want{{"It was useful", "Cole", AttributedPronoun, false}}},
		{"unattributed quote paragraph carried", []string{
			`"The bridge is safe," Ann Cole said.`,
			`"We checked it twice."`},
			[]want{{"The bridge is safe", "Ann Cole", AttributedExplicit, false}, {"We checked it twice.", "Ann Cole", AttributedCarried, false}}},
		{"second segment of one statement", []string{`"The bridge is safe," Mr Dunn said. "We checked it twice."`},
			[]want{{`The bridge is safe," Mr Dunn said. "We checked it twice.`, "Dunn", AttributedExplicit, false}}},
		{"second statement after the reporter's words", []string{`"The bridge is safe," Mr Dunn said, adding: "We checked it twice."`},
			[]want{{"The bridge is safe", "Dunn", AttributedExplicit, false}, {"We checked it twice.", "Dunn", AttributedExplicit, false}}},
		{"pronoun after an age and a clause", []string{
			`Ann Cole, 71, who has lived on the street for forty years, said she had never seen anything like it.`,
			`"We lost everything," she said.`},
			[]want{{"We lost everything", "Ann Cole", AttributedPronoun, false}}},
		{"full name before 'of' an organisation", []string{
			`Station Commander Tom Dunn of Harrow Valley Fire and Rescue said three people were rescued.`,
			`"The water came up fast," Dunn told reporters.`},
			[]want{{"The water came up fast", "Tom Dunn", AttributedExplicit, false}}},
		{"canonical full name", []string{
			`Mayor Ann Cole opened the meeting.`,
			`"We will rebuild," Ms Cole said.`},
			[]want{{"We will rebuild", "Ann Cole", AttributedExplicit, false}}},
		{"two people, one surname: no expansion", []string{
			`Ann Cole and her brother Tom Cole spoke.`,
			`"We will rebuild," Ms Cole said.`},
			[]want{{"We will rebuild", "Cole", AttributedExplicit, false}}},
		{"joint speakers: none", []string{`"We agree," Cole and Dunn said.`},
			[]want{{"We agree", "", "", false}}},
		{"common noun speaker: none", []string{`"We agree," officials said.`},
			[]want{{"We agree", "", "", false}}},
		{"group pronoun: none", []string{`Ann Cole met the unions.`, `"We agree," they said.`},
			[]want{{"We agree", "", "", false}}},
		{"initials kept", []string{`"We agree," George W. Bush said.`},
			[]want{{"We agree", "George W. Bush", AttributedExplicit, false}}},
		{"role before the name between commas", []string{`The council's highways chief, Councillor Ann Cole, said it was "a mess".`},
			[]want{{"a mess", "Ann Cole", AttributedExplicit, true}}},
		{"X told the BBC colon", []string{`Ann Cole told the BBC: "We agree."`},
			[]want{{"We agree.", "Ann Cole", AttributedExplicit, false}}},
		{"whole-sentence quote after a named subject", []string{`Mr Dunn was blunt. "It will not work."`},
			[]want{{"It will not work.", "Dunn", AttributedCarried, false}}},
		{"whole-sentence quote, nobody named", []string{`The mood was grim. "It will not work."`},
			[]want{{"It will not work.", "", "", false}}},
		{"another person's clause before a partial quote", []string{`Mr Kerry said Lavrov had described the plan as "unworkable".`},
			[]want{{"unworkable", "", "", true}}},
		{"quote continued to next paragraph", []string{`"The first part goes on`, `"and ends here," Dunn said.`},
			[]want{{"The first part goes on", "Dunn", AttributedCarried, false}, {"and ends here", "Dunn", AttributedExplicit, true}}},
		{"quote over three paragraphs", []string{`"The first part goes on`, `"and on`, `"and ends here," Mayor Ann Cole said.`},
			[]want{{"The first part goes on", "Ann Cole", AttributedCarried, false}, {"and on", "Ann Cole", AttributedCarried, true}, {"and ends here", "Ann Cole", AttributedExplicit, true}}},
		{"quote over two paragraphs, an unnamed speaker", []string{`Mayor Ann Cole spoke.`, `"The first part goes on`, `"and ends here," a resident said.`},
			[]want{{"The first part goes on", "", "", false}, {"and ends here", "", "", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := articleOf(tt.paragraphs...)
			if err := checkArticle(a); err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, q := range a.Quotes {
				got = append(got, want{a.QuoteText(q), q.Speaker, q.Attribution, q.Partial})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("quotes %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("quote %d: %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestQuoteUnits checks that a quotation is one quote, and lies in one
// sentence, however many sentences it runs over and wherever its
// attribution interrupts it; and that two statements are not joined.
func TestQuoteUnits(t *testing.T) {
	type want struct{ quote, speaker string }
	tests := []struct {
		name       string
		paragraphs []string
		want       []want
		sentences  []string // of the last paragraph, when checked
	}{
		{"full stop inside a partial quote",
			[]string{`US Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Paris.`,
				`Mr Kerry said that he and Mr Lavrov "talked today about the possibility of trying to encourage a ceasefire. Maybe a localized ceasefire, beginning with Aleppo," Syria's largest city.`},
			[]want{{"talked today about the possibility of trying to encourage a ceasefire. Maybe a localized ceasefire, beginning with Aleppo", "John Kerry"}},
			[]string{`Mr Kerry said that he and Mr Lavrov "talked today about the possibility of trying to encourage a ceasefire. Maybe a localized ceasefire, beginning with Aleppo," Syria's largest city.`}},
		{"full stops inside a whole quote",
			[]string{`"It is not a question of ideology. It is a question of practicality. Iran knows it," Kerry said. The talks ended.`},
			[]want{{"It is not a question of ideology. It is a question of practicality. Iran knows it", "Kerry"}},
			[]string{`"It is not a question of ideology. It is a question of practicality. Iran knows it," Kerry said.`, `The talks ended.`}},
		{"interrupted by she said, then a new sentence",
			[]string{`Mayor Ruth Calloway spoke on Tuesday.`, `"We will not reopen," she said. "Not this year."`},
			[]want{{`We will not reopen," she said. "Not this year.`, "Ruth Calloway"}},
			[]string{`"We will not reopen," she said.`, `"Not this year."`}},
		{"interrupted mid-sentence",
			[]string{`"We will not reopen," said Mayor Ruth Calloway, "not this year."`},
			[]want{{`We will not reopen," said Mayor Ruth Calloway, "not this year.`, "Ruth Calloway"}}, nil},
		{"interrupted twice", []string{`"We will not reopen," Ann Cole said. "Not this year," she added. "Perhaps in May."`},
			[]want{{`We will not reopen," Ann Cole said. "Not this year," she added. "Perhaps in May.`, "Ann Cole"}}, nil},
		{"curly marks, British comma",
			[]string{`“We will not reopen”, Ann Cole told reporters in Millbrook. “Not this year.”`},
			[]want{{`We will not reopen”, Ann Cole told reporters in Millbrook. “Not this year.`, "Ann Cole"}}, nil},
		{"two speakers are two quotes", []string{`"We will win," Ann Cole said. "You will not," Tom Dunn replied.`},
			[]want{{"We will win", "Ann Cole"}, {"You will not", "Tom Dunn"}}, nil},
		{"the reporter's words between are two quotes", []string{`"We will win," Ann Cole said. The hall was silent. "We must."`},
			[]want{{"We will win", "Ann Cole"}, {"We must.", "Ann Cole"}}, nil},
		{"a clause after the attribution is two quotes", []string{`"We will win," Ann Cole said, adding that prices would "have to rise".`},
			[]want{{"We will win", "Ann Cole"}, {"have to rise", "Ann Cole"}}, nil},
		{"a second speaker in the attribution is two quotes", []string{`"We will win," Ann Cole said, and Tom Dunn replied: "No."`},
			[]want{{"We will win", "Ann Cole"}, {"No.", "Tom Dunn"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := articleOf(tt.paragraphs...)
			if err := checkArticle(a); err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, q := range a.Quotes {
				got = append(got, want{a.QuoteText(q), q.Speaker})
				if s := a.Sentences[q.Sentence]; q.End > s.End && !strings.Contains(a.QuoteText(q), `"`) && !strings.ContainsAny(a.QuoteText(q), "“”") {
					t.Errorf("quote %q runs past its sentence %q", a.QuoteText(q), a.SentenceText(s))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("quotes\n %q\nwant\n %q", got, tt.want)
			}
			if tt.sentences == nil {
				return
			}
			last := len(a.Paragraphs) - 1
			var sents []string
			for _, s := range a.Sentences {
				if s.Paragraph == last {
					sents = append(sents, a.SentenceText(s))
				}
			}
			if !slices.Equal(sents, tt.sentences) {
				t.Errorf("sentences\n %q\nwant\n %q", sents, tt.sentences)
			}
		})
	}
}

// TestSpeakers checks who a quote is given to when the attribution is not
// a bare name: someone described but not named keeps the quote (no
// speaker, never the last person named); a title ("the minister") is the
// person introduced with it; a name after a description is the speaker.
func TestSpeakers(t *testing.T) {
	tests := []struct {
		name       string
		paragraphs []string
		speaker    string // of the last quote
	}{
		{"officials said", []string{`Mr Kerry met Mr Lavrov.`, `"We agree," officials said.`}, ""},
		{"a spokesman said", []string{`Mr Kerry met Mr Lavrov.`, `"We agree," a spokesman said.`}, ""},
		{"a described spokeswoman said", []string{`Mr Kerry met Mr Lavrov.`, `"We agree," a State Department spokeswoman said.`}, ""},
		{"the ministry said", []string{`Mr Kerry met Mr Lavrov.`, `"We agree," the ministry said in a statement.`}, ""},
		{"said a senior official", []string{`Mr Kerry met Mr Lavrov.`, `"We agree," said a senior official.`}, ""},
		{"a spokeswoman for a named man", []string{`"We agree," a spokeswoman for Kerry said.`}, ""},
		{"they said", []string{`Mr Kerry met Mr Lavrov.`, `"We agree," they said.`}, ""},
		{"an institution said", []string{`Mr Kerry met Mr Lavrov.`, `"We agree," the White House said.`}, ""},
		{"described officials told reporters", []string{`Mr Kerry met Mr Lavrov.`, `"We agree," Russian officials told reporters.`}, ""},
		{"a spokesman said colon", []string{`Mr Kerry met Mr Lavrov.`, `A spokesman said: "We agree."`}, ""},
		{"he after an unnamed survivor", []string{
			`Mr Kerry spoke.`,
			`"The crew kept telling us not to move," one male survivor told the YTN news channel.`,
			`"Then it suddenly shifted," he added.`}, ""},
		{"quote paragraph after an unnamed speaker", []string{
			`Mayor Ann Cole spoke first.`,
			`"We were not warned," a resident said.`,
			`"Nobody came."`}, ""},
		{"the mayor said", []string{`Mayor Ruth Calloway spoke on Tuesday.`, `"We will not reopen the bridge," the mayor said.`}, "Ruth Calloway"},
		{"the minister said", []string{`Foreign Minister Sergei Lavrov met John Kerry.`, `"We agree," the minister said.`}, "Sergei Lavrov"},
		{"the secretary of state, not the minister named nearer", []string{
			`US Secretary of State John Kerry arrived in Paris.`,
			`Foreign Minister Sergei Lavrov met him there.`,
			`"We agree," the secretary of state said.`}, "John Kerry"},
		{"the spokeswoman, introduced before her name", []string{
			`A spokeswoman for the council, Ann Cole, spoke to the press.`,
			`"We agree," the spokeswoman told reporters.`}, "Ann Cole"},
		{"the spokesman, introduced after his name", []string{
			`Cho Man-yong, a coast guard spokesman, said 16 divers had reached the ferry.`,
			`"The current is too strong," the spokesman said.`}, "Cho Man-yong"},
		{"the prosecutor, introduced before the name", []string{
			`Lead prosecutor Brice Robin spoke in Marseille.`,
			`"The copilot was alone," said the prosecutor.`}, "Brice Robin"},
		{"the leader is the president", []string{
			`French President Emmanuel Macron spoke on Tuesday.`,
			`"We will rebuild," the 41-year-old leader said.`}, "Emmanuel Macron"},
		{"a title nobody holds", []string{`Mr Kerry met Mr Lavrov.`, `"We agree," the deputy minister said.`}, ""},
		{"two ministers in one paragraph", []string{
			`Foreign Minister Sergei Lavrov met Foreign Minister Laurent Fabius.`,
			`"We agree," the minister said.`}, ""},
		{"a pronoun after a title resolves to its person", []string{
			`Foreign Minister Sergei Lavrov met John Kerry.`,
			`"We agree," the minister said.`,
			`"We will meet again," he added.`}, "Sergei Lavrov"},
		{"a pronoun skips a spokeswoman", []string{
			`Spokeswoman Ann Cole arrived.`,
			`Mr Tom Dunn said the bridge would stay shut.`,
			`"It is not safe," she said.`}, "Ann Cole"},
		{"said the description, the name", []string{`"We agree," said Kerry's spokeswoman, Jen Psaki.`}, "Jen Psaki"},
		{"the description, the name, told", []string{
			`"I'm afraid there's little chance," one senior rescue team official, Cho Yang-bok, told YTN television.`}, "Cho Yang-bok"},
		{"an adjective before the name", []string{`"I apologise," a sombre Chung said in a brief announcement.`}, "Chung"},
		{"the attribution names the speaker, not the listener", []string{`Mr Kerry met Mr Lavrov.`, `"We agree," Lavrov told Kerry.`}, "Lavrov"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := articleOf(tt.paragraphs...)
			if err := checkArticle(a); err != nil {
				t.Fatal(err)
			}
			if len(a.Quotes) == 0 {
				t.Fatal("no quote")
			}
			q := a.Quotes[len(a.Quotes)-1]
			if q.Speaker != tt.speaker {
				t.Errorf("%q: speaker %q (%s), want %q", a.QuoteText(q), q.Speaker, q.Attribution, tt.speaker)
			}
		})
	}
}

// TestCanonicalSpeakers checks that a speaker is given the fullest name
// the article prints for them, and only when no one else fits it.
func TestCanonicalSpeakers(t *testing.T) {
	tests := []struct {
		name       string
		paragraphs []string
		speaker    string
	}{
		{"surname to the full name", []string{`Secretary of State John Kerry arrived.`, `"We agree," Kerry said.`}, "John Kerry"},
		{"surname to the fullest of two forms", []string{
			`US Secretary of State John F. Kerry arrived.`, `John Kerry met Lavrov.`, `"We agree," Kerry said.`}, "John F. Kerry"},
		{"full name to the fullest form", []string{`John F. Kerry arrived.`, `"We agree," John Kerry said.`}, "John F. Kerry"},
		{"honorific and surname", []string{`Sergei Lavrov arrived.`, `"We agree," Mr Lavrov said.`}, "Sergei Lavrov"},
		{"two people, one surname", []string{`Ann Cole and her brother Tom Cole spoke.`, `"We agree," Cole said.`}, "Cole"},
		{"a full name that fits one of two", []string{`Ann Cole and her brother Tom Cole spoke.`, `"We agree," Tom Cole said.`}, "Tom Cole"},
		{"family name first, Korean", []string{`Prime Minister Chung Hong-won resigned on Sunday.`, `"I apologise," Chung said.`}, "Chung Hong-won"},
		{"family name first, two people", []string{`Lee Jun-seok and Lee Gyeong-og spoke.`, `"We are sorry," Lee said.`}, "Lee"},
		{"never given in full", []string{`"We agree," Kerry said.`}, "Kerry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := articleOf(tt.paragraphs...)
			if len(a.Quotes) != 1 {
				t.Fatalf("%d quotes, want 1", len(a.Quotes))
			}
			if got := a.Quotes[0].Speaker; got != tt.speaker {
				t.Errorf("speaker %q, want %q", got, tt.speaker)
			}
		})
	}
}

// TestSpeakersInOtherForms checks attribution forms found in real
// coverage: a name after a description, a person named in an appositive,
// and the attributions of French, Spanish, Italian, Portuguese and German
// reports.
func TestSpeakersInOtherForms(t *testing.T) {
	tests := []struct {
		name       string
		paragraphs []string
		speaker    string // of the last quote
	}{
		{"a place and a role before the name", []string{`"The intention was to destroy this plane," Marseille prosecutor Brice Robin said on Thursday.`}, "Brice Robin"},
		{"a possessive office before the name", []string{`Torn-up sick notes "support the assessment," Duesseldorf prosecutors' office spokesman Ralf Herrenbrueck said Friday.`}, "Ralf Herrenbrueck"},
		{"named after a description", []string{`"I'm healthy now," one boy named Pipat Photi told the camera.`}, "Pipat Photi"},
		{"an institution with a plural name", []string{`Mr Kerry spoke.`, `"We are not sure if this is a miracle," the SEALs wrote.`}, ""},
		{"a clause after the quote is not its attribution", []string{
			`Paris health official Arnaud Gauthier said the clean was "to reassure us that the risk is minimal", although Deputy Paris Mayor Emmanuel Gregoire insisted it was normal.`}, "Arnaud Gauthier"},
		{"an appositive opener", []string{
			`One of the boys, Adun Samon, described the moment they were found.`,
			`"I asked our team members to quiet down," he said.`}, "Adun Samon"},
		{"a description after an opening name", []string{
			`Michel Aupetit, the archbishop of Paris, has hailed the donors.`,
			`"These contributions are obviously important," he said in a statement.`}, "Michel Aupetit"},
		{"a nested appositive names the first", []string{
			`Amporn Sriwichai, an aunt of the rescued coach, Ekkapol Chantawong, said she was happy.`,
			`"If I see him, I just want to hug him," she said.`}, "Amporn Sriwichai"},
		{"French, verb then role then name", []string{`« Nous nous battons contre le temps », a assuré le gouverneur Narongsak Osottanakorn.`}, "Narongsak Osottanakorn"},
		{"French, clitic pronoun", []string{
			`Le procureur Brice Robin a déclaré que le copilote était seul.`,
			`"Nous n'entendons des cris qu'à la fin", a-t-il précisé.`}, "Brice Robin"},
		{"French, M. and the surname", []string{
			`Le procureur Brice Robin a parlé jeudi.`,
			`M. Robin a expliqué : « Il travaillait depuis quelques mois seulement. »`}, "Brice Robin"},
		{"Spanish, auxiliary then verb then name", []string{`"Pensé que los pasajeros serían arrastrados al mar", ha declarado Lee Joon-seok, de 69 años.`}, "Lee Joon-seok"},
		{"Italian, verb then a description then name", []string{`“Con Notre Dame brucia una parte di noi”, ha commentato il presidente francese Emmanuel Macron.`}, "Emmanuel Macron"},
		{"Portuguese, a description then the name between commas", []string{`"Mas nenhum foco de incêndio foi encontrado", disse o promotor de Paris, Remy Heitz.`}, "Remy Heitz"},
		{"German, verb then name", []string{`«Mir ist es unangenehm», sagte Ulrich Wessel, Leiter des Gymnasiums.`}, "Ulrich Wessel"},
		{"German, a party in brackets", []string{`Ministerpräsidentin Hannelore Kraft (SPD) sagte: "Unser Herz ist und bleibt bei ihnen".`}, "Hannelore Kraft"},
		{"another speaker between two quotes of one paragraph", []string{
			`"We will win," Mr Dunn said. Mayor Ann Cole said that in her view the many residents who had written to the council over the winter would decide: "We will see."`}, "Ann Cole"},
		{"Spanish, a dropped subject is the last person spoken of", []string{
			`El primer ministro Chung Hong-won dijo que asumía la responsabilidad.`,
			`«Quise haber dimitido antes», explicó en una rueda de prensa.`}, "Chung Hong-won"},
		{"Spanish, the subject after a prepositional phrase", []string{
			`El gobernador Narongsak Osottanakorn dijo que todos estaban bien.`,
			`“Es un milagro”, dijo en inglés Adul Sam-On, de 14 años.`}, "Adul Sam-On"},
		{"French, an elided article is no part of the name", []string{`« Le navire a été saisi », a déclaré L’amiral Ossama Rabie.`}, "Ossama Rabie"},
		{"a body named after a determiner is not a person", []string{
			`Mr Kerry met Mr Lavrov.`,
			`The Kremlin said the talks were "constructive" and would go on.`}, ""},
		{"German, a title then the name between commas", []string{
			`„Nie sind wir mehr Mensch“, sagte auch die Präses der Evangelischen Kirche von Westfalen, Annette Kurschus.`}, "Annette Kurschus"},
		{"French, an elided article before the title", []string{
			`« Ces contributions sont majeures », a déclaré l'archevêque de Paris, Michel Aupetit, comme le relaye Le Figaro.`}, "Michel Aupetit"},
		{"French, to whom, then who", []string{
			`« Ils sont tous en bonne condition », a déclaré aux journalistes le ministre de la Santé publique, Piyasakol Sakolsattayatorn.`}, "Piyasakol Sakolsattayatorn"},
		{"French, to whom, then someone unnamed", []string{
			`Le ministre Piyasakol Sakolsattayatorn a déclaré que tout allait bien.`,
			`« Ils sont tous en bonne condition », a déclaré aux journalistes un médecin de l'hôpital.`}, ""},
		{"adding that, after the attribution", []string{
			`"The tide did not help," Leth Agencies, the canal's service provider, tweeted early Sunday, adding that "dredgers will continue their work".`}, "Leth Agencies"},
		{"adding that, another person before", []string{
			`Mr Kerry met Mr Lavrov, adding that Lavrov had said the plan was "unworkable".`}, ""},
		{"French, the attribution inside the guillemets", []string{
			`« Nous nous battons contre le temps, a assuré le gouverneur Narongsak Osottanakorn. Le tunnel est rempli de boue. »`}, "Narongsak Osottanakorn"},
		{"French, a clitic pronoun inside the guillemets", []string{
			`Le procureur Brice Robin a déclaré que le copilote était seul.`,
			`« Pendant les vingt premières minutes, a-t-il précisé, on entend un échange courtois. »`}, "Brice Robin"},
		{"a comma inside a quote opens no attribution", []string{
			`Mr Kerry met Mr Lavrov.`,
			`"We talked, and then we agreed on a ceasefire," officials said.`}, ""},
		{"the name ends a longer subject", []string{
			`Mr Kerry met Mr Lavrov.`,
			`A spokesman for President Barack Obama said: "We welcome the talks."`}, ""},
		{"the name ends a longer subject, Spanish", []string{
			`Uno de los niños rescatados de la cueva en Tailandia dijo que fue un “milagro” haber sido encontrados.`}, ""},
		{"a church title", []string{`"It came spontaneously," Paris Archbishop Michel Aupetit said.`}, "Michel Aupetit"},
		{"a hyphenated German title", []string{`"Viele Menschen weinen", berichtete ZDF-Korrespondentin Daniela Bach aus Paris.`}, "Daniela Bach"},
		{"according to before a partial quote", []string{
			`According to Fabio Dattilo, the fire chief, the flames "spread from the top".`}, "Fabio Dattilo"},
		{"Italian, secondo before a partial quote", []string{
			`Secondo Fabio Dattilo, capo dei vigili del fuoco, le fiamme "si sono sviluppate dall'alto".`}, "Fabio Dattilo"},
		{"Italian, an appositive opener after an elided article", []string{
			`L'allenatore capo, Nopparat Kantawong, era certo che lo spirito di squadra li avrebbe aiutati.`,
			`"Si prenderanno cura gli uni degli altri", aveva detto, citato dai media thailandesi.`}, "Nopparat Kantawong"},
		{"German, a verb, a title and the name between commas", []string{
			`«Wir wissen, dass die Schülergruppe an Bord gegangen ist», bestätigte die Schulministerin des Bundeslandes Nordrhein-Westfalen, Sylvia Löhrmann, am Dienstag dem WDR.`}, "Sylvia Löhrmann"},
		{"a role in lower case after a name describes it", []string{
			`Farshid Moussavi, founder of Farshid Moussavi Architecture, said the rebuilding was an opportunity.`,
			`"It is an opportunity to expand that history," she said.`}, "Farshid Moussavi"},
		{"a name in quotes is nobody's words", []string{
			`Jean-Francois Martins recalled how the relics were saved as he spoke to "CBS This Morning" on Tuesday.`}, ""},
		{"an attribution not read is not the last speaker's", []string{
			`"Ayudaremos", dijo Pornchai Khamluan.`,
			`"Intentamos cavar, pensando que no podíamos esperar", pero no sirvió de nada, dijo por su parte el entrenador.`}, ""},
		{"French, a clitic pronoun, an adverb, then the verb", []string{
			`Bernard Arnault a annoncé le don mardi.`,
			`"Nous sommes là pour aider", a-t-il alors déclaré.`}, "Bernard Arnault"},
		{"French, a joke before a colon", []string{
			`Jean Dupont a plaisanté avant de signer les documents: "Désolé, j'ai oublié mon stylo".`}, "Jean Dupont"},
		{"described as", []string{
			`Mr Dunn toured the site.`,
			`He described the bridge as "a wreck that will take years to mend".`}, "Dunn"},
		{"German, a compound role before the name", []string{
			`"Auch Menschen können einander helfen", umschrieb Notfallseelsorgerin Jutta Unruh ihre Erfahrungen.`}, "Jutta Unruh"},
		{"German, a compound role after the verb", []string{
			`"Es ist etwas passiert", sagte Polizeisprecher Max Weber am Abend.`}, "Max Weber"},
		{"Portuguese, a place named in the phrase after the verb, then the speaker", []string{
			`“Estamos mobilizados no local”, escreveu em seu Twitter a prefeita de Lisboa, Maria Costa.`}, "Maria Costa"},
		{"Spanish, a place named in the phrase after the verb, then the speaker", []string{
			`“Estamos en el lugar”, dijo en Madrid el alcalde de la ciudad, Juan Pérez.`}, "Juan Pérez"},
		{"a place named after the verb, then nobody", []string{
			`Mayor Ann Cole spoke first.`,
			`“Estamos en el lugar”, dijo en Madrid un vecino.`}, ""},
		{"French, selon, a description, then the name between commas", []string{
			`Selon le premier adjoint au maire, Paul Martin, les tableaux résistent à l'eau, « mais pas longtemps ».`}, "Paul Martin"},
		{"according to a description, then the name between commas", []string{
			`According to the city's deputy mayor, Paul Martin, the paintings "can cope with water for a while".`}, "Paul Martin"},
		{"Spanish, an organisation with its acronym in brackets", []string{
			`La Autoridad del Puerto de Valencia (APV) dijo el martes que las negociaciones "pueden llevar algún tiempo".`}, "Autoridad del Puerto de Valencia"},
		{"French, an acronym described between commas, a ship named after it", []string{
			`ACME, une société de transport et de logistique, a décrit l'Ever Given comme ayant subi « une panne de courant ».`}, "ACME"},
		{"an organisation is not he", []string{
			`The Harbour Authority said the port was shut.`,
			`"We are working on it," he said.`}, ""},
		{"an acronym is not she", []string{
			`ACME said the port was shut.`,
			`"We are working on it," she said.`}, ""},
		{"Italian, a dropped subject, then a participle's phrase after a comma", []string{
			`Mario Rossi, governatore della provincia, ha riferito che il gruppo è stato ritrovato. "Li hanno trovati tutti", ha affermato, riferendosi ad una grande sala della grotta.`}, "Mario Rossi"},
		{"quoted as saying", []string{
			`Tom Dunn, a local farmer, was quoted by the BBC as saying: "We lost everything."`}, "Tom Dunn"},
		{"quoted as saying, a relative named in the description", []string{
			`Jeon Myung-sun, father of ferry victim Jeon Chan-ho was quoted by AP as saying: "He should have been punished."`}, "Jeon Myung-sun"},
		{"a name ending a longer description is not the speaker", []string{
			`Mr Kerry spoke.`,
			`The mother of flood victim Ann Cole said: "Nobody warned us."`}, ""},
		{"Spanish, a relative clause after the described speaker", []string{
			`"Las muestras coinciden", ha afirmado Woo Hyung-ho, jefe de la policía de Sucheon, que ha asegurado que "no sabemos todavía si se trata de un suicidio".`}, "Woo Hyung-ho"},
		{"a relative clause after the speaker", []string{
			`Police chief Tom Dunn, who said the bridge was "a wreck", left early.`}, "Tom Dunn"},
		{"Dutch, the coach, introduced with that title", []string{
			`Coach Ekaphol Chantawong bevestigde de geruchten.`,
			`“We probeerden een uitweg te graven”, vertelt de coach.`}, "Ekaphol Chantawong"},
		{"French, the minister, introduced with that title", []string{
			`Le ministre Jean Dupont a visité le site.`,
			`Des experts parlent d'une panne.`,
			`« Nous avons tout vérifié », a déclaré le ministre.`}, "Jean Dupont"},
		{"German, the title of no one introduced", []string{
			`Der Bischof Hans Müller sprach zuerst.`,
			`„Wir helfen“, sagte der Bürgermeister.`}, ""},
		{"two descriptions after the name", []string{
			`"They should rest," Somchai Boonmee, grandfather of Night, one of the rescued boys told the BBC. "It's like they were reborn."`}, "Somchai Boonmee"},
		{"two descriptions after the name, the second a clause", []string{
			`"They should rest," Somchai Boonmee, grandfather of Night, when the boys came home said. "It's like they were reborn."`}, ""},
		{"German, a long reported clause before a colon", []string{
			`Ministerpräsidentin Anna Schmidt (SPD) sagte, das Mitgefühl und der Halt könnten den Schmerz nicht nehmen, aber die Familien sollten wissen: "Wir sind bei ihnen".`}, "Anna Schmidt"},
		{"a long reported clause before a colon, another person in it", []string{
			`Mr Kerry met Mr Lavrov.`,
			`Ann Cole said that the plan drawn up by the council over the winter was sound and Tom Dunn would surely agree: "It will work."`}, ""},
		{"a long reported clause before a colon, a second speaker's clause", []string{
			`Ann Cole said that the plan drawn up by the council over the winter was sound, but Tom Dunn had told her: "It will fail."`}, "Tom Dunn"},
		{"French, the head of state is the president", []string{
			`La présidente sud-coréenne Kim Min-ji a annoncé lundi la dissolution du corps.`,
			`«J'ai décidé de dissoudre le corps», a déclaré la chef d'État.`}, "Kim Min-ji"},
		{"Italian, the head of state is the president", []string{
			`Il presidente Sergio Rossi ha parlato lunedì.`,
			`«Siamo vicini alle famiglie», ha detto il capo dello Stato.`}, "Sergio Rossi"},
		{"the head of state, no president introduced", []string{
			`Mr Kerry met Mr Lavrov.`,
			`"We agree," said the head of state.`}, ""},
		{"Italian, let it be known", []string{
			`Ma il segretario di Stato, Laurent Nuñez, ha fatto sapere che il problema ora “è strutturale”.`}, "Laurent Nuñez"},
		{"French, let it be known", []string{
			`Le ministre Jean Dupont a fait savoir que le navire était « hors de danger ».`}, "Jean Dupont"},
		{"Italian, wanting to know is not saying", []string{
			`Mr Kerry met Mr Lavrov.`,
			`Il segretario Laurent Nuñez vuole sapere se il problema “è strutturale”.`}, ""},
		{"German, an article after the name is no particle", []string{
			`„Wir bauen alles wieder auf“, sagte Müller der Deutschen Presse-Agentur.`}, "Müller"},
		{"von der in a name", []string{
			`"We will act," said Ursula von der Leyen.`}, "Ursula von der Leyen"},
		{"French, selon lui", []string{
			`Le maire Jean Dupont a déclaré que tout allait bien.`,
			`Le feu « a pris dans la charpente », selon lui.`}, "Jean Dupont"},
		{"Spanish, según ella, after the quote", []string{
			`La alcaldesa Ana Díaz dijo que todo iba bien.`,
			`"El fuego empezó en el tejado", según ella.`}, "Ana Díaz"},
		{"according to him, no man named", []string{
			`Mrs Ann Cole said all was well.`,
			`"The fire started in the roof," according to him.`}, ""},
		{"Dutch, volgens, a role, then the name", []string{
			`Volgens burgemeester Jan de Vries is de situatie "zeer ernstig".`}, "Jan de Vries"},
		{"Portuguese, de acordo com, a role, then the name", []string{
			`De acordo com o prefeito João Silva, a situação é "muito grave".`}, "João Silva"},
		{"French, d'après, a role, then the name", []string{
			`D'après le maire Jean Dupont, la situation est « très grave ».`}, "Jean Dupont"},
		{"German, nach Angaben von", []string{
			`Nach Angaben von Hans Müller ist die Lage „sehr ernst“.`}, "Hans Müller"},
		{"quoted as saying, after the quote", []string{
			`Mayor Tom Dunn visited.`,
			`"We will rebuild the bridge," Dunn was quoted as saying.`}, "Tom Dunn"},
		{"posted", []string{
			`"We will rebuild the bridge," Tom Dunn posted on Facebook.`}, "Tom Dunn"},
		{"Spanish, a medium after the verb is no part of the name", []string{
			`"Vamos a reconstruir todo", ha escrito en Twitter Pedro Sánchez.`}, "Pedro Sánchez"},
		{"French, on a medium, then the title and the name", []string{
			`"Nous allons tout reconstruire", a réagi sur Twitter le président Emmanuel Macron.`}, "Emmanuel Macron"},
		{"Portuguese, o then a role then the name", []string{
			`"Vamos reconstruir tudo", prometeu o presidente Jair Bolsonaro.`}, "Jair Bolsonaro"},
		{"promised, in four languages", []string{
			`„Wir bauen alles wieder auf“, versprach Bundeskanzlerin Angela Merkel.`}, "Angela Merkel"},
		{"a participle after a comma hangs on the verb before", []string{
			`President Emmanuel Macron vowed to rebuild the cathedral, saying: "We will rebuild it together."`}, "Emmanuel Macron"},
		{"called the fire", []string{
			`French President Emmanuel Macron called the fire a "terrible tragedy".`}, "Emmanuel Macron"},
		{"called, another person's clause before", []string{
			`Mr Kerry said Lavrov had called the plan "unworkable".`}, ""},
		{"the expert, the one person the paragraph named", []string{
			`Richard Marlet, former head of the scientific police, told Euronews that investigators will need time. "It might be the wires," the expert said.`}, "Richard Marlet"},
		{"the expert, two people in the paragraph", []string{
			`Richard Marlet told Euronews that Anne Cole had seen the wires. "It might be the wires," the expert said.`}, ""},
		{"the expert, named in an earlier paragraph only", []string{
			`Richard Marlet told Euronews that investigators will need time.`,
			`"It might be the wires," the expert said.`}, ""},
		{"the minister is not whoever the paragraph named", []string{
			`Mayor Anne Hidalgo said the city would help. "We will rebuild," the minister said.`}, ""},
		{"another person spoken of in the speaker's clause", []string{
			`Chief investigator Arnaud Desjardin said Lubitz had begun to show symptoms that "could be compatible with a psychotic episode".`}, "Arnaud Desjardin"},
		{"another person's belief before a partial quote", []string{
			`Mr Kerry said Lavrov believed the plan was "unworkable".`}, ""},
		{"a day between the subject and the verb", []string{
			`Emmanuel Macron on Monday night said: "We will rebuild."`}, "Emmanuel Macron"},
		{"naming a thing, French", []string{
			`Le président Emmanuel Macron a qualifié l'incendie de « terrible drame ».`}, "Emmanuel Macron"},
		{"naming a thing, German", []string{
			`Bundeskanzlerin Angela Merkel bezeichnete den Brand als „schreckliche Katastrophe“.`}, "Angela Merkel"},
		{"expressed", []string{
			`Emmanuel Macron expressed his "deep sadness" at the loss.`}, "Emmanuel Macron"},
		{"German, sie after a singular verb is she", []string{
			`Bürgermeisterin Anna Schmidt sagte, der Ort sei sicher.`,
			`„Wir bauen alles wieder auf“, sagte sie.`}, "Anna Schmidt"},
		{"German, sie after a plural verb is they", []string{
			`Bürgermeisterin Anna Schmidt sagte, der Ort sei sicher.`,
			`„Wir bauen alles wieder auf“, sagten sie.`}, ""},
		{"Dutch, ze after a singular verb is she", []string{
			`Burgemeester Anna de Vries zei dat de plek veilig was.`,
			`"We bouwen alles weer op", zei ze.`}, "Anna de Vries"},
		{"an acronym before a role is no speaker", []string{
			`"We are relieved," said AFP reporter Jean Dupont.`}, "Jean Dupont"},
		{"a place before a role after the verb", []string{
			`"We are relieved," said Paris prosecutor Remy Heitz.`}, "Remy Heitz"},
		{"French, a present-tense verb of feature writing", []string{
			`« On a tout vu brûler », glisse Jean Dupont.`}, "Jean Dupont"},
		{"Spanish, a present-tense verb of feature writing", []string{
			`"Lo vimos todo arder", relata Juan Pérez.`}, "Juan Pérez"},
		{"Portuguese, a present-tense verb of feature writing", []string{
			`"Vimos tudo arder", conta João Silva.`}, "João Silva"},
		{"French, a role before a preposition gives the name after it no role", []string{
			`Le capitaine du Sewol a été arrêté.`,
			`« Je suis désolé », a déclaré le capitaine.`}, ""},
		{"French, a title as the subject of a reporting verb, then il", []string{
			`Le capitaine Lee Joon-seok a été arrêté.`,
			`M. Kim Han-sik, le patron de la compagnie, s'est excusé.`,
			`Le capitaine a affirmé qu'il n'avait pas heurté un rocher. Entouré de caméras, il a présenté ses excuses. « Je suis vraiment désolé », a-t-il déclaré.`}, "Lee Joon-seok"},
		{"a title no one was introduced with, then he", []string{
			`Mr Kerry met the press.`,
			`The captain said the ship had not hit a rock. "I am deeply sorry," he said.`}, ""},
		{"a second fragment of the same sentence", []string{
			`French President Emmanuel Macron called the fire a "terrible tragedy" and a "wound for the nation".`}, "Emmanuel Macron"},
		{"a second fragment after another clause", []string{
			`French President Emmanuel Macron called the fire a "terrible tragedy" but the opposition was "furious".`}, ""},
		{"French, a participle far from the verb it hangs on", []string{
			`Oussama Rabie avait annoncé lors de la cérémonie la conclusion de l'accord, avec les drapeaux en arrière-plan, en direct à la télévision, jugeant que l'incident avait été un "test difficile" pour l'Égypte "sous les regards du monde entier".`}, "Oussama Rabie"},
		{"according to a description, no name", []string{
			`Mayor Ann Cole spoke first.`,
			`According to the city's deputy mayor, the paintings "can cope with water for a while".`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := articleOf(tt.paragraphs...)
			if err := checkArticle(a); err != nil {
				t.Fatal(err)
			}
			if len(a.Quotes) == 0 {
				t.Fatal("no quote")
			}
			q := a.Quotes[len(a.Quotes)-1]
			if q.Speaker != tt.speaker {
				t.Errorf("%q: speaker %q (%s), want %q", a.QuoteText(q), q.Speaker, q.Attribution, tt.speaker)
			}
		})
	}
}

// TestQuoteMarks checks quotation marks as other languages and styles set
// them: German „…“, and a quote left open after its attribution, running
// on into the next paragraph.
func TestQuoteMarks(t *testing.T) {
	type want struct{ quote, speaker string }
	tests := []struct {
		name       string
		paragraphs []string
		want       []want
	}{
		{"German marks", []string{`Annette Kurschus sagte: „Nie sind wir mehr Mensch als dann, wenn wir weinen.“`},
			[]want{{"Nie sind wir mehr Mensch als dann, wenn wir weinen.", "Annette Kurschus"}}},
		{"German marks around a name", []string{`Die Zeitung „The Korea Herald“ berichtete in der Nacht.`},
			[]want{{"The Korea Herald", ""}}},
		{"left open after a colon", []string{
			`Local MP Christophe Castaner said on Twitter: "Horrendous images. Nothing is left but debris and bodies.`,
			`The crash site is remote.`},
			[]want{{"Horrendous images. Nothing is left but debris and bodies.", "Christophe Castaner"}}},
		{"left open inside the reporter's sentence", []string{`The mayor called it "the darkest day of our city.`}, nil},
		{"British single marks", []string{`‘We won’t let his life be in vain. We will carry on,’ Rear Admiral Arpakorn Yookongkaew said.`},
			[]want{{"We won’t let his life be in vain. We will carry on", "Arpakorn Yookongkaew"}}},
		{"single marks beside double ones are apostrophes", []string{`The boys’ coach said "we are fine" and left.`},
			[]want{{"we are fine", ""}}},
		{"opened with no space after a sentence's end", []string{
			`Le procureur Brice Robin a déclaré jeudi que le copilote était seul. Le copilote a gardé le silence, selon lui."La tour de contrôle a même demandé à d'autres avions de contacter cet Airbus", a-t-il dit.`},
			[]want{{"La tour de contrôle a même demandé à d'autres avions de contacter cet Airbus", "Brice Robin"}}},
		{"a mark after a sentence's end inside an open quote opens nothing", []string{`He said "stop."Then he left.`}, nil},
		{"a nested quote ends the quote, German so", []string{`"Die Leute sind still. Man hört jemanden flüstern: 'horrible, horrible'", so Bach.`},
			[]want{{"Die Leute sind still. Man hört jemanden flüstern: 'horrible, horrible'", "Bach"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := articleOf(tt.paragraphs...)
			if err := checkArticle(a); err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, q := range a.Quotes {
				got = append(got, want{a.QuoteText(q), q.Speaker})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("quotes %q, want %q", got, tt.want)
			}
		})
	}
}
