package corpus

import (
	"slices"
	"strings"
	"testing"
)

// lastSpeaker is the speaker of the last quote of the article the
// paragraphs make.
func lastSpeaker(t *testing.T, paragraphs []string) string {
	t.Helper()
	return lastSpeakerIn(t, "", paragraphs)
}

// lastSpeakerIn is lastSpeaker for an article in language lang.
func lastSpeakerIn(t *testing.T, lang string, paragraphs []string) string {
	t.Helper()
	a := articleOf(paragraphs...)
	if lang != "" {
		a.Language = lang
		a.analyse()
	}
	if err := checkArticle(a); err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) == 0 {
		t.Fatal("no quote")
	}
	return a.Quotes[len(a.Quotes)-1].Speaker
}

// TestSpeakersVerbForms checks reporting verbs in the tenses and word
// orders news writes besides the plain past: a present, an adverb or a
// day between the verb and its subject, a subject after "por su parte".
func TestSpeakersVerbForms(t *testing.T) {
	tests := []struct {
		name       string
		paragraphs []string
		speaker    string // of the last quote
	}{
		{"French, an adverb between auxiliary and participle, a day before the subject", []string{
			`« Rien ne permet de dire qu'il s'agit d'un attentat », a cependant insisté mercredi le procureur Brice Robin.`}, "Brice Robin"},
		{"French, a participle whose present was known", []string{
			`« Si certaines défaillances ont été mises en évidence, les causes restent inconnues », a détaillé le procureur Rémy Heitz.`}, "Rémy Heitz"},
		{"German, a present whose past was known", []string{
			`Lufthansa bietet 25 000 Euro – ein „völlig unangemessenes Angebot“ schreibt Rechtsanwalt Elmar Giemulla in einem Schreiben.`}, "Elmar Giemulla"},
		{"German, so and a description before the name", []string{
			`„Es ist etwas zerstört worden“, sagte Bundespräsident Joachim Gauck.`,
			`„Dass wir alle hier sind“, so der Kölner Erzbischof Rainer Maria Woelki, „das soll Ihnen Trost sein.“`}, "Rainer Maria Woelki"},
		{"French, selon and a description before the name", []string{
			`« Plusieurs hypothèses ont retenu l'attention des enquêteurs », selon le procureur Rémy Heitz.`}, "Rémy Heitz"},
		{"German, a capitalised noun in quotes said by someone is speech", []string{
			`Alle möglichen Ursachen seien bisher aber nur "Hypothesen", betonte Staatsanwalt Rémy Heitz.`}, "Rémy Heitz"},
		{"German, a capitalised noun after a preposition opens no one's clause", []string{
			`Der französische Staatsminister Alain Vidalies sagte laut Simultanübersetzung während der Übertragung: “Im Namen des Präsidenten bringe ich mein Mitgefühl zum Ausdruck.”`}, "Alain Vidalies"},
		{"Spanish, an object pronoun between subject and verb", []string{
			`El presidente de Francia, Emmanuel Macron, prometió reconstruir la catedral.`,
			`El presidente le pidió a los franceses “que se unan” para recaudar fondos.`}, "Emmanuel Macron"},
		{"French, an object pronoun before the auxiliary", []string{
			`Le procureur Brice Robin a parlé jeudi.`,
			`Robin lui a dit : « Il n'y a aucune indication d'un acte terroriste. »`}, "Brice Robin"},
		{"a verb of wishing quotes the wisher's words", []string{
			`Thai Prime Minister Prayut Chan-o-cha wished the group a “safe and speedy recovery” and thanked the rescuers.`}, "Prayut Chan-o-cha"},
		{"Italian, a verb of praising quotes the praiser's words", []string{
			`Il presidente Emmanuel Macron ha elogiato i pompieri, "veri eroi".`}, "Emmanuel Macron"},
		{"Spanish, the subject after por su parte", []string{
			`“Intentamos cavar”, dijo por su parte Ekkapol Chantawong, el entrenador.`}, "Ekkapol Chantawong"},
		{"French, a role of an institution before the name is the name's own", []string{
			`De retour d'un voyage en France, le chef de la junte Prayut Chan-O-Cha a appelé à la «mobilisation de tous».`}, "Prayut Chan-O-Cha"},
		{"French, a role, its complement, then the name, no comma", []string{
			`« Rien ne permet de dire qu'il s'agit d'un attentat », a cependant insisté mercredi le procureur de la République de Marseille Brice Robin au cours d'une conférence de presse.`}, "Brice Robin"},
		{"French, a role of a city, then the name", []string{
			`« Si certaines défaillances ont été mises en évidence, les causes restent inconnues », a détaillé le procureur de Paris Rémy Heitz.`}, "Rémy Heitz"},
		{"French, a role of a city, then the name, before the verb", []string{
			`Le procureur de Paris Rémy Heitz a déclaré : « Plusieurs hypothèses ont retenu l'attention des enquêteurs. »`}, "Rémy Heitz"},
		{"Dutch, a place after 'van de' before the name", []string{
			`"Alles stond razendsnel in brand. Er zal weinig van overblijven," aldus woordvoerder van de Notre-Dame André Filot.`}, "André Filot"},
		{"a title with a complement, then a name, is that name, not the title's earlier holder", []string{
			`"We are shocked," said the captain Alan Brown, "it is a dark day."`,
			`"We will not stop," said the captain of the port Tom Hughes, "until everything is clear."`}, "Tom Hughes"},
		{"Spanish, the same", []string{
			`«Estamos conmocionados», dijo el capitán Alan Brown, «es un día oscuro».`,
			`«No vamos a parar», dijo el capitán del puerto Tom Hughes, «hasta que se aclare todo».`}, "Tom Hughes"},
		{"German, a compound job before the name", []string{
			`„Wir sind erschüttert“, sagte Hafenmeister Alan Brown.`}, "Alan Brown"},
		{"German, a job before the name", []string{
			`„Niemand darf die Brücke betreten“, sagte Ingenieur Tomas Weber.`}, "Tomas Weber"},
		{"German, a union official before the name", []string{
			`„Das ist eine Schande“, sagte Gewerkschafterin Jane Carter.`}, "Jane Carter"},
		{"French, an adverb opening the sentence is nobody", []string{
			`Le procureur Rémy Heitz a ouvert une enquête.`,
			`Depuis, les enquêteurs de la brigade criminelle ont mené "une centaine d'auditions de témoins", notamment des ouvriers.`}, ""},
		{"Dutch, particles of a surname after a first name", []string{
			`"We gaan door," zei burgemeester Pieter van der Berg.`}, "Pieter van der Berg"},
		{"a relation's complement keeps its name someone else's", []string{
			`Mayor Ann Cole spoke.`, `"We are devastated," the widow of Captain Tom Dunn said.`}, ""},
		{"a place of two words is never read into the name", []string{
			`« Nous nous battons contre le temps », a assuré le gouverneur de Chiang Rai Narongsak Osottanakorn.`}, ""},
		{"a relation before the name names someone else", []string{
			`Mayor Ann Cole spoke.`, `Back from Leeds, the mother of flood victim Tom Dunn said it was "a disgrace".`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lastSpeaker(t, tt.paragraphs); got != tt.speaker {
				t.Errorf("speaker %q, want %q", got, tt.speaker)
			}
		})
	}
}

// TestSpeakersSentenceForms checks attributions that stand apart from
// the quote in its sentence: after more of the reporter's words, or
// after a long description.
func TestSpeakersSentenceForms(t *testing.T) {
	tests := []struct {
		name       string
		paragraphs []string
		speaker    string // of the last quote
	}{
		{"an attribution closing the sentence after more words", []string{
			`Lead prosecutor Brice Robin spoke on Thursday.`,
			`Lubitz appeared to "show a desire to destroy" the plane, Robin told reporters.`}, "Brice Robin"},
		{"French, an inverted attribution closing the sentence", []string{
			`Ces révélations ont "choqué" les familles de victimes, arrivées jeudi matin à Marseille, a souligné le procureur Brice Robin.`}, "Brice Robin"},
		{"a quote ending its sentence has no closing attribution", []string{
			`Officials found no sign of "a terrorist background." Later, Robin told reporters he would not guess.`}, ""},
		{"Spanish, an attribution closing the sentence after the reporter's clause", []string{
			`"Ayudaremos", dijo Pornchai Khamluan.`,
			`"Intentamos cavar, pensando que no podíamos esperar", pero no sirvió de nada, dijo por su parte Ekkapol Chantawong.`}, "Ekkapol Chantawong"},
		{"a reporting verb before the comma is a clause of its own", []string{
			`The crew was "exhausted" when the captain spoke, the coast guard said, Lee told reporters.`}, ""},
		{"a verb a dozen words and a comma before the quote", []string{
			`Prime Minister Chung Hong-won said that he wanted to resign earlier, but had given the situation "first priority".`}, "Chung Hong-won"},
		{"a second fragment far from the verb both hang on", []string{
			`Lead prosecutor Brice Robin said the passengers died "instantly" and were not aware until the "very last moment" of the disaster.`}, "Brice Robin"},
		{"a second fragment after a participle", []string{
			`Prime Minister Chung Hong-won said he had given the rescue "first priority," adding that he did not want to be "any burden to the administration".`}, "Chung Hong-won"},
		{"a second fragment after a clause with a subject of its own", []string{
			`Kerry called the plan "unworkable" while he and Lavrov remained "far apart" on Syria.`}, ""},
		{"a possessive ending the subject before its verb is the name's own", []string{
			`Moody's said port congestion and further delays were "inevitable".`}, "Moody's"},
		{"a colon after a sentence a full name opens", []string{
			`Bundespräsident Joachim Gauck fand tröstende Worte: “Trauer und Schmerz brauchen ihre Zeit.”`}, "Joachim Gauck"},
		{"a colon after a sentence a possessive opens", []string{
			`Zijn ouders schreven hem een brief: ‘Mama en papa bidden voor jou.’`}, ""},
		{"a colon after a sentence an auxiliary opens", []string{
			`Il presidente Emmanuel Macron è arrivato a notte fonda.`,
			`Ha fatto poi una promessa: "La ricostruiremo, tutti insieme".`}, ""},
		{"French, a relative clause without a comma", []string{
			`Le procureur Brice Robin a parlé jeudi.`,
			`La mort des passagers "a été instantanée", a dit M. Robin qui a précisé "réfléchir à une requalification".`}, "Brice Robin"},
		{"French, a role with a long complement, then the name", []string{
			`« Il n'avait plus assez d'oxygène », a annoncé le vice-gouverneur de la province de Chiang Rai, Passakorn Boonyaluck.`}, "Passakorn Boonyaluck"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lastSpeaker(t, tt.paragraphs); got != tt.speaker {
				t.Errorf("speaker %q, want %q", got, tt.speaker)
			}
		})
	}
}

// TestSpeakersMentioned checks whom an unattributed quote or a pronoun
// is taken to mean: someone named after the verb of a sentence, and the
// speaker a run of quote paragraphs keeps.
func TestSpeakersMentioned(t *testing.T) {
	tests := []struct {
		name       string
		paragraphs []string
		speaker    string // of the last quote
	}{
		{"a speaker named after the verb is mentioned", []string{
			`Andreas Lubitz, the co-pilot, was 28.`,
			`The co-pilot was alone at the controls, said French prosecutor Brice Robin.`,
			`"He refused to open the door."`}, "Brice Robin"},
		{"a run of quote paragraphs keeps its speaker", []string{
			`One of the boys, Adun Samon, described the moment they were found.`,
			`"We were sitting around in the evening," he said.`,
			`"I started to listen and it became reality."`,
			`"I asked Mig to go down, because Mig was holding the torch."`,
			`"Someone was raising their head above the water."`}, "Adun Samon"},
		{"French, who goes on is the paragraph's last speaker", []string{
			`"C'est un miracle", a décrit Adul Sam-On, 14 ans, l'enfant qui avait répondu aux plongeurs. "Mon cerveau ne fonctionnait pas très bien" après tant de jours sans nourriture, a-t-il ajouté.`}, "Adul Sam-On"},
		{"he is whom a sentence spoke of with an auxiliary", []string{
			`Saman Kunan was working in the cave as a volunteer.`,
			`"It is very dark down there," he said.`}, "Saman Kunan"},
		{"a quote left unattributed is not that of someone only spoken of", []string{
			`Saman Kunan was working in the cave as a volunteer.`,
			`"He always took part in the unit's activities."`}, ""},
		{"a run of quote paragraphs stops at an unnamed speaker", []string{
			`One of the boys, Adun Samon, described the moment they were found.`,
			`"We were sitting around in the evening," he said.`,
			`"It was dark," a rescuer said.`,
			`"Someone was raising their head above the water."`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lastSpeaker(t, tt.paragraphs); got != tt.speaker {
				t.Errorf("speaker %q, want %q", got, tt.speaker)
			}
		})
	}
}

// TestSpeakersMentionedInFrench checks that French "a", an article in
// English, opens the verb of the name before it in French.
func TestSpeakersMentionedInFrench(t *testing.T) {
	got := lastSpeakerIn(t, "fr", []string{
		`Mardi, Bernard Arnault a donc signé une convention de mécénat.`,
		`« Nous finançons une partie de la reconstruction », a-t-il alors déclaré.`})
	if got != "Bernard Arnault" {
		t.Errorf("speaker %q, want %q", got, "Bernard Arnault")
	}
}

// TestMisspeltSurname: an outlet's typo in a bare surname ("dijo Macro")
// is the one person the article names in full whose surname it misses by
// a letter; never a short surname, nor one several full names are near.
func TestMisspeltSurname(t *testing.T) {
	n := names{full: map[string][]string{
		"macron":  {"Emmanuel Macron"},
		"hansen":  {"Ida Hansen"},
		"hanson":  {"Tom Hanson"},
		"parr":    {"Jo Parr"},
		"osborne": {"George Osborne"},
		"jensen":  {"Erik Jensen"},
		"jonson":  {"Ann Jonson", "Bo Jonson"},
	}}
	for _, tt := range []struct{ surname, want string }{
		{"macro", "Emmanuel Macron"},   // a letter left out
		{"macrom", "Emmanuel Macron"},  // a letter changed
		{"macroon", "Emmanuel Macron"}, // a letter added
		{"osbourne", "George Osborne"}, // a letter added inside
		{"hansan", ""},                 // near both Hansen and Hanson
		{"park", ""},                   // too short to tell from Parr
		{"bacron", ""},                 // another first letter
		{"macr", ""},                   // two letters short
		{"jonsen", ""},                 // near Jensen and the two Jonsons
	} {
		if got := n.misspelt(tt.surname); got != tt.want {
			t.Errorf("misspelt(%q) = %q, want %q", tt.surname, got, tt.want)
		}
	}
}

// TestMisspeltSurnameInArticle: the quote is Emmanuel Macron's, as the
// article means, not a person called Macro.
func TestMisspeltSurnameInArticle(t *testing.T) {
	got := lastSpeakerIn(t, "es", []string{
		"Emmanuel Macron ha prometido que Francia reconstruirá la catedral.",
		`"Reconstruiremos Notre Dame de una manera aún más hermosa", dijo Macro.`,
	})
	if got != "Emmanuel Macron" {
		t.Errorf("speaker %q, want Emmanuel Macron", got)
	}
}

// TestSpeakersJobTitles: a job written as a title before a name is no part
// of the name, as "Mayor" is not, for every job of the class; a job that
// is also a surname or a first name stays in the name.
func TestSpeakersJobTitles(t *testing.T) {
	for _, job := range strings.Fields(jobTitles) {
		title := strings.ToUpper(job[:1]) + job[1:]
		for _, p := range []string{
			`"We will rebuild the school before winter," said ` + title + ` Bob Grant on Thursday.`,
			title + ` Bob Grant said: "We will rebuild the school before winter."`,
		} {
			if got := lastSpeaker(t, []string{p}); got != "Bob Grant" {
				t.Errorf("%s: speaker %q, want Bob Grant", p, got)
			}
		}
		// Many jobs are surnames too (Nurse, Clerk, Warden, Skipper,
		// Provost, Marshal, Pilot, Ranger, Teacher, Curator): as the last
		// word of a name a job is the surname, in either word order.
		name := "Paul " + title
		for _, p := range []string{
			`"The river is rising," said ` + name + `.`,
			`"The river is rising," ` + name + ` said.`,
			name + ` said: "The river is rising."`,
			`"The river is rising," said Teacher ` + name + `.`,
		} {
			if got := lastSpeaker(t, []string{p}); got != name {
				t.Errorf("%s: speaker %q, want %s", p, got, name)
			}
		}
	}
	tests := []struct {
		name       string
		paragraphs []string
		speaker    string // of the last quote
	}{
		{"a job title before the verb", []string{
			`Engineer Declan Moore said: "We will monitor the traffic closely."`}, "Declan Moore"},
		{"two words of title", []string{
			`"We will rebuild the school before winter," said Deputy Head Teacher Bob Grant.`}, "Bob Grant"},
		{"the job later names the titled person", []string{
			`"We will rebuild the school before winter," said Headteacher Bob Grant.`,
			`"It will take months," the headteacher said.`}, "Bob Grant"},
		{"a surname that is a job", []string{`"The river is rising," said Tom Baker.`}, "Tom Baker"},
		{"another", []string{`"The river is rising," said Frances Farmer.`}, "Frances Farmer"},
		{"a first name that is a job", []string{`"The river is rising," said Dean Smith.`}, "Dean Smith"},
		{"a job surname after an honorific", []string{
			`"The river is rising," said Paul Clerk.`,
			`"We need sandbags," Mr Clerk said.`}, "Paul Clerk"},
		{"a job surname alone, later", []string{
			`"The river is rising," said Jane Nurse.`,
			`"We need sandbags," Nurse added.`}, "Jane Nurse"},
		{"a hyphenated surname ending in a job", []string{
			`"The river is rising," said Jane Smith-Warden.`}, "Jane Smith-Warden"},
		{"a job surname before of", []string{
			`"The river is rising," said Station Commander Paul Marshal of Harrow Valley Fire.`}, "Paul Marshal"},
		{"a job title and a job surname", []string{
			`"The river is rising," said Nurse Paul Pilot.`}, "Paul Pilot"},
		{"an office ending a title still no name", []string{
			`"The river is rising," said Vice President Paul Grant.`}, "Paul Grant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lastSpeaker(t, tt.paragraphs); got != tt.speaker {
				t.Errorf("speaker %q, want %q", got, tt.speaker)
			}
		})
	}
}

// TestSpeakersJobTitleNoName checks that a job ending a title is no
// surname: after a word that ranks or places the job, or after an
// article, the title describes someone unnamed. After a given name or an
// honorific the job is still the surname.
func TestSpeakersJobTitleNoName(t *testing.T) {
	tests := []struct {
		sentence string
		speaker  string
	}{
		{`"The river is rising," said the County Coroner.`, ""},
		{`"The river is rising," said a Senior Lecturer.`, ""},
		{`"The river is rising," Head Teacher said.`, ""},
		{`"The river is rising," said County Coroner.`, ""},
		{`"The river is rising," Acting Headteacher said.`, ""},
		{`"The river is rising," said Deputy Headteacher.`, ""},
		{`"The river is rising," said Staff Nurse.`, ""},
		{`"The river is rising," said Principal Lecturer.`, ""},
		{`"The river is rising," Lead Engineer said.`, ""},
		{`"The river is rising," said University Lecturer.`, ""},
		{`"The river is rising," said Cardiff University Lecturer.`, ""},
		{`"The river is rising," said the Vice-Principal.`, ""},
		{`"The river is rising," said the Harrow Coroner.`, ""},
		{`"The river is rising," said our Kent Coroner.`, ""},
		{`"The river is rising," said an Assistant Registrar.`, ""},
		{`"The river is rising," said the Rev Paul Nurse.`, "Paul Nurse"},
		{`"The river is rising," said the Reverend Ann Clerk.`, "Ann Clerk"},
		{`"The river is rising," said the Hon Ann Clerk.`, "Ann Clerk"},
		{`"The river is rising," said County Coroner Paul Grant.`, "Paul Grant"},
		{`"The river is rising," said the County Coroner, Paul Grant.`, "Paul Grant"},
		{`"The river is rising," said Senior Lecturer Ann Clerk.`, "Ann Clerk"},
		{`"The river is rising," said Ann Clerk.`, "Ann Clerk"},
		{`"The river is rising," Dr Nurse said.`, "Nurse"},
		{`"The river is rising," said Frau Teacher.`, "Teacher"},
	}
	for _, tt := range tests {
		if got := lastSpeaker(t, []string{tt.sentence}); got != tt.speaker {
			t.Errorf("%s: speaker %q, want %q", tt.sentence, got, tt.speaker)
		}
	}
}

// TestNamePhrasesJobWithArticle checks that a job after an article is no
// one the article names, so a later bare job word cannot be resolved to
// it as to a full name.
func TestNamePhrasesJobWithArticle(t *testing.T) {
	s := `Paul Grant wrote to the Harrow Coroner and to our Kent Lecturer.`
	var got []string
	for _, np := range namePhrases(tokenize(s, 0)) {
		got = append(got, strings.Join(np.who.words, " "))
	}
	if want := []string{"Paul Grant"}; !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
}
