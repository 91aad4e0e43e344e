package corpus

// The words attribution is read by, beyond the reporting verbs (words.go)
// and the titles before a name (speakers.go): English first, then the
// other languages news is read in. A language of its own would take its
// lists from here.

// determiners open a description of a speaker.
var determiners = setOf(`a an the one two three some several many another his her their its our
this that these those le la les un une el los las una il lo gli uno o os um uma der die das ein
eine den dem des einen einem einer het een`)

// npStops end (or, first, rule out) a speaker's noun phrase.
var npStops = setOf(`for of at in on to from with by about after before during as that which who
while when than it this`)

// institutions speak through statements, never as "he" or "she".
var institutions = setOf(`ministry government police agency department office council committee
house kremlin report statement military army navy guard authorities company firm court
commission board union embassy administration regime opposition coalition party group
team service services crew`)

// pluralRoles are roles in the plural: a group, never one speaker.
var pluralRoles = setOf(`officials spokesmen`)

// maleNouns and femaleNouns give the gender of a description: "a male
// survivor", "the spokeswoman".
var maleNouns = setOf(`spokesman chairman businessman congressman councilman fisherman policeman
man boy father husband son brother grandfather uncle king prince male gentleman`)

var femaleNouns = setOf(`spokeswoman chairwoman businesswoman congresswoman councilwoman
policewoman woman girl mother wife daughter sister grandmother aunt queen princess female lady`)

// foreignStops are prepositions and conjunctions of the other languages
// news is read in, which end a description.
var foreignStops = setOf(`de du des del della delle dei di da do dos das von vom zur zum van het
dello degli dal dalla dai nel nello negli sul sulla al alla ai agli
und et y e ou o oder ma mais pero sino aber en dans sur pour por para per avec con mit qui que che`)

// foreignRoles are roles other languages put before a name.
var foreignRoles = setOf(`presidente président présidente ministre ministro ministra portavoz
porte-parole portavoce procureur fiscal procuratore procurador gouverneur gobernador governatore
governador maire alcalde alcaldesa sindaco prefeito prefeita jefe chef capo capitaine capitán
capitano comandante commandant directeur director direttore diretor premier primer fondateur
fundador fondatore arzobispo archevêque arcivescovo arcebispo alcalde-mayor woordvoerder
adjoint adjointe vice-prefeito secrétaire segretario secretario`)

// accordingWords say "according to" in the other languages news is read
// in.
var accordingWords = setOf(`secondo según selon segundo laut volgens d'après d’après`)

// droppedSubjectWords may follow a verb whose subject is dropped: the
// prepositions that open "in a press conference", "during a visit", "por
// su parte" (for his part).
var droppedSubjectWords = setOf(`en à au aux lors durante tras ante in nel nella nei durante na no
nos nas após ao em bei im während nach sur su auf op por`)

// mediaNames are where people post, named after a preposition before the
// speaker (`ha escrito en Twitter Pedro Sánchez`): never part of a name.
var mediaNames = setOf(`twitter facebook instagram youtube tiktok linkedin telegram weibo`)

// occupations describe people quoted in local news, lower case before
// their name: "said farmer Owen Pike".
var occupations = setOf(`farmer resident residents shopkeeper owner landlord tenant teacher
headteacher nurse doctor driver pilot worker student pupil pensioner volunteer witness neighbour
neighbor engineer builder fisherman firefighter paramedic officer councillor campaigner activist
organiser organizer coordinator lawyer barrister solicitor researcher scientist historian
expert member parent mother father grandmother grandfather survivor victim rescuer
businessman businesswoman trader retailer publican chef baker butcher vicar priest rabbi imam
prosecutor investigator`)

// jobTitles are the English job nouns written as a title before a name,
// capitalised as "Mayor" is ("said Headteacher Bob Grant", "Engineer
// Declan Moore said"), beyond the ranks and offices roleWords lists: no
// part of the name, and what "the headteacher" later refers to. Jobs that
// are also common surnames or first names (Baker, Butcher, Farmer,
// Driver, Priest, Mason, Porter, Dean, Major) are left out, so that "said
// Tom Baker" keeps its surname.
const jobTitles = `headteacher headmaster headmistress principal teacher tutor lecturer
provost registrar nurse midwife matron surgeon physician consultant pharmacist
dentist veterinarian psychologist psychiatrist paramedic firefighter engineer architect
surveyor planner lawyer solicitor barrister prosecutor coroner magistrate investigator
researcher scientist historian curator librarian archivist warden ranger trooper patrolman
corporal brigadier marshal chaplain vicar rabbi imam councilor alderman alderwoman
trustee treasurer clerk auditor accountant coordinator organiser organizer campaigner
activist pilot skipper`

// jobQualifiers stand before a job in its title, ranking or placing it
// ("Senior Lecturer", "County Coroner", "Staff Nurse", "Head Teacher"),
// beyond the ranks of roleWords (deputy, vice, chief, assistant, acting):
// no given name, so the job after them is no surname (jobAsName).
var jobQualifiers = setOf(`senior junior lead principal head chief deputy assistant associate
acting interim vice former retired staff county district regional city borough parish town
village national area divisional clinical medical specialist charge ward student trainee
graduate honorary emeritus visiting locum duty registered qualified university school college
hospital trust academy`)

// orgWords name an organisation when capitalised in a name: "the Gulf
// Agency Company", "La Autoridad del Canal de Suez", "das Auswärtige Amt".
var orgWords = setOf(`agency company authority ministry department office council commission
committee corporation group association institute organisation organization service court union
board bureau foundation federation
agence autorité ministère société compagnie conseil institut fondation préfecture parquet
agencia autoridad ministerio compañía consejo comisión instituto fundación fiscalía
agenzia autorità ministero società compagnia consiglio commissione istituto fondazione procura
agência autoridade ministério companhia conselho comissão fundação
behörde ministerium gesellschaft agentur staatsanwaltschaft amt
autoriteit ministerie maatschappij`)

// relativeWords open a relative clause whose subject is the name before
// it: "Tom Dunn, who said", "Woo Hyung-ho, que ha asegurado".
var relativeWords = setOf(`who que qui che die der`)

// bareRelatives open a relative clause without a comma before them (in
// German one always stands there, and "die" and "der" are articles too).
var bareRelatives = setOf(`who qui che que`)

// definiteArticles open a definite description, which names someone the
// article introduced with its role ("the minister", "le ministre", "de
// coach"). Portuguese "a" is left out: in English it is indefinite.
var definiteArticles = setOf(`the le la el il lo o der die das de het`)

// thinkingVerbs give a person's own view or naming of something, so the
// quoted words in their clause may be theirs: `Kerry said Lavrov believed
// the plan was "unworkable"`.
var thinkingVerbs = setOf(`believed believes thought thinks felt feels feared fears hoped hopes
wanted wants knew knows considered considers deemed branded dubbed termed labelled labeled
viewed regarded saw sees found finds judged
croyait pensait jugeait trouvait considérait voulait espérait craignait
creía pensaba consideraba quería esperaba temía
credeva pensava riteneva voleva sperava temeva
acreditava pensava considerava queria esperava temia
glaubte dachte fand hielt wollte hoffte fürchtete
geloofde dacht vond wilde hoopte vreesde`)

// journalists are roles a medium's name stands before: "AFP reporter".
var journalists = setOf(`reporter journalist anchor presenter host photographer journaliste
periodista giornalista jornalista reporterin journalistin`)

// dayWords are the days and their neighbours as Romance languages and
// Dutch write them, in lower case, between a reporting verb and its
// subject: `a déclaré mardi le ministre`, `dijo ayer el portavoz`.
var dayWords = setOf(`lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui
lunes martes miércoles jueves viernes sábado domingo ayer hoy
lunedì martedì mercoledì giovedì venerdì sabato domenica ieri oggi
segunda terça quarta quinta sexta sábado domingo ontem hoje
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag gisteren vandaag`)

// thisWords say "this" before a day: "ce vendredi", "este martes".
var thisWords = setOf(`ce cet este esta questo questa nesta neste deze`)

// objectClitics are the object pronouns Romance languages put before the
// verb: "le pidió", "lui a dit", "gli ha detto", "lhe disse".
var objectClitics = setOf(`le les lo la lui leur nous vous se me te nos os gli ci vi ne lhe lhes`)
