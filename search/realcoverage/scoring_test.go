package realcoverage

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestHolds(t *testing.T) {
	for _, c := range []struct {
		text   string
		expect []string
		want   bool
	}{
		{"The ferry carried 476 people.", []string{"476"}, true},
		{"It said “we can’t move”", []string{`"we can't move"`}, true},
		{"a  cease\u2013fire", []string{"cease-fire"}, true},
		{"The ferry sank.", []string{"capsized"}, false},
		{"anything", nil, false},
	} {
		if got := holds(c.text, c.expect); got != c.want {
			t.Errorf("holds(%q, %q) = %v, want %v", c.text, c.expect, got, c.want)
		}
	}
}

func TestHalfOfIsFixed(t *testing.T) {
	// The split must never move: these are the halves it gave when the set
	// was first split.
	n := map[Half]int{}
	for i := 0; i < 400; i++ {
		n[HalfOf("q"+string(rune('a'+i%26))+string(rune('a'+i/26)))]++
	}
	if n[Tuning] < 160 || n[Check] < 160 {
		t.Fatalf("split is lopsided: %v", n)
	}
	// The split was fixed when the set was made: these ids fell so then.
	for id, want := range map[string]Half{
		"sewol-01": Tuning, "sewol-02": Check, "germanwings-10": Tuning, "evergiven-13": Tuning,
	} {
		if got := HalfOf(id); got != want {
			t.Errorf("HalfOf(%q) = %s, want %s: the split moved", id, got, want)
		}
	}
}

func TestSharedWordsDecidesParaphrase(t *testing.T) {
	an := englishAnalyzer()
	for _, c := range []struct {
		q, a string
		want int
	}{
		{"How many people have died?", "The war has killed 130,000 people.", 1},
		// Porter stems leave irregular forms apart: "sink" and "sank" are two
		// words here, so the set errs towards calling questions paraphrased.
		{"When did the ferry sink?", "The ferry Sewol sank on Wednesday.", 1},
		{"When did the ferry capsize near Jindo?", "The ferry capsized off Jindo.", 3},
		{"What is the death toll?", "Officials said 156 bodies had been recovered.", 0},
	} {
		if got := sharedWords(an, c.q, c.a); got != c.want {
			t.Errorf("sharedWords(%q, %q) = %d, want %d", c.q, c.a, got, c.want)
		}
	}
}

func TestSameSpeaker(t *testing.T) {
	for _, c := range []struct {
		got, want string
		same      bool
	}{
		{"Park Geun-hye", "President Park Geun-hye", true},
		{"Kerry", "John Kerry", true},
		{"John Kerry", "J. Kerry", true},
		{"Lee Joon-seok", "Lee Gyeong-og", false},
		{"Lee Joon-seok", "captain Lee Joon-seok", true},
		{"Paris Archbishop Michel Aupetit", "Michel Aupetit", true},
		{"Sarah Smith", "John Smith", false},
		{"", "John Smith", false},
	} {
		if got := sameSpeaker(c.got, c.want); got != c.same {
			t.Errorf("sameSpeaker(%q, %q) = %v, want %v", c.got, c.want, got, c.same)
		}
	}
}

func TestBCubed(t *testing.T) {
	gold := Clustering{"a": "1", "b": "1", "c": "2", "d": "2"}
	all := func(string) bool { return true }
	if p, r, f := BCubed(gold, gold, all); p != 1 || r != 1 || f != 1 {
		t.Errorf("perfect clustering: %v %v %v", p, r, f)
	}
	one := Clustering{"a": "x", "b": "x", "c": "x", "d": "x"}
	if p, r, _ := BCubed(one, gold, all); p != 0.5 || r != 1 {
		t.Errorf("one cluster: P %v R %v, want 0.5 1", p, r)
	}
	singles := Clustering{"a": "1", "b": "2", "c": "3", "d": "4"}
	if p, r, _ := BCubed(singles, gold, all); p != 1 || r != 0.5 {
		t.Errorf("singletons: P %v R %v, want 1 0.5", p, r)
	}
}

func TestLoadNamesTheBrokenLine(t *testing.T) {
	fsys := fstest.MapFS{
		"manifest/a.jsonl":  {Data: []byte(`{"file":"a/01.txt","story":"a","event":"a-1","url":"https://x.example/1"}` + "\n")},
		"questions/a.jsonl": {Data: []byte(`{"id":"a-1","question":"What?"}` + "\n" + `{"id":"a-2","question":` + "\n")},
	}
	_, err := Load(fsys)
	if err == nil || !contains(err.Error(), "questions/a.jsonl line 2") {
		t.Fatalf("Load: %v, want an error naming questions/a.jsonl line 2", err)
	}
	fsys["questions/a.jsonl"] = &fstest.MapFile{Data: []byte(`{"id":"a-1","question":"What?","files":["b/01.txt"]}` + "\n")}
	if _, err := Load(fsys); err == nil || !contains(err.Error(), "b/01.txt") {
		t.Fatalf("Load: %v, want an error naming the unknown file", err)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestLoadMergesTheAudit(t *testing.T) {
	manifest := `{"file":"a/01.txt","story":"a","event":"a-1","url":"https://x.example/1","language":"de"}` + "\n" +
		`{"file":"a/02.txt","story":"a","event":"a-1","url":"https://x.example/2","language":"EN-GB"}` + "\n" +
		`{"file":"a/03.txt","story":"a","event":"a-1","url":"https://x.example/3","language":"fr"}` + "\n"
	questions := `{"id":"a-1","question":"When?","expect":["am Dienstag"],"files":["a/01.txt"],"non_english_only":true}` + "\n" +
		`{"id":"a-2","question":"Who?","expect":[]}` + "\n"
	for _, tt := range []struct {
		name, audit    string
		wantErr        string
		expect, files  []string
		nonEnglishOnly bool
	}{
		{name: "an English article's phrase",
			audit:  `{"id":"a-1","add":[{"phrase":"on Tuesday","file":"a/02.txt"}]}`,
			expect: []string{"am Dienstag", "on Tuesday"}, files: []string{"a/01.txt", "a/02.txt"}},
		{name: "another language's phrase",
			audit:  `{"id":"a-1","add":[{"phrase":"mardi","file":"a/03.txt"}]}`,
			expect: []string{"am Dienstag", "mardi"}, files: []string{"a/01.txt", "a/03.txt"}, nonEnglishOnly: true},
		{name: "two lines for one question, a phrase the key holds, a file listed twice",
			audit: `{"id":"a-1","add":[{"phrase":"AM DIENSTAG","file":"a/01.txt"},{"phrase":"mardi","file":"a/03.txt"}]}` + "\n" +
				`{"id":"a-1","add":[{"phrase":"ce mardi","file":"a/03.txt"}]}`,
			expect: []string{"am Dienstag", "mardi", "ce mardi"}, files: []string{"a/01.txt", "a/03.txt"}, nonEnglishOnly: true},
		{name: "unknown question", audit: `{"id":"a-9","add":[{"phrase":"x","file":"a/02.txt"}]}`, wantErr: "expect-audit/a.jsonl line 1: question \"a-9\""},
		{name: "unanswerable question", audit: `{"id":"a-2","add":[{"phrase":"x","file":"a/02.txt"}]}`, wantErr: "marked unanswerable"},
		{name: "unknown file", audit: `{"id":"a-1","add":[{"phrase":"x","file":"b/01.txt"}]}`, wantErr: "b/01.txt"},
		{name: "empty phrase", audit: `{"id":"a-1","add":[{"phrase":" ","file":"a/02.txt"}]}`, wantErr: "empty phrase"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load(fstest.MapFS{
				"manifest/a.jsonl":     {Data: []byte(manifest)},
				"questions/a.jsonl":    {Data: []byte(questions)},
				"expect-audit/a.jsonl": {Data: []byte(tt.audit + "\n")},
			})
			if tt.wantErr != "" {
				if err == nil || !contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load: %v, want an error saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			q := s.Questions[0]
			if !slices.Equal(q.Expect, tt.expect) || !slices.Equal(q.Files, tt.files) || q.NonEnglishOnly != tt.nonEnglishOnly {
				t.Errorf("audited question: expect %q, files %q, non-English only %v; want %q, %q, %v", q.Expect, q.Files, q.NonEnglishOnly, tt.expect, tt.files, tt.nonEnglishOnly)
			}
			first := s.FirstKeys().Questions[0]
			if !slices.Equal(first.Expect, []string{"am Dienstag"}) || !slices.Equal(first.Files, []string{"a/01.txt"}) || !first.NonEnglishOnly {
				t.Errorf("first key = %+v, want the question as written", first)
			}
			if got := s.Questions[0].Expect; !slices.Equal(got, tt.expect) {
				t.Errorf("FirstKeys changed the audited set: %v", got)
			}
		})
	}
}

func TestCheckAuditsWantsThePhraseInItsArticle(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "01.txt"), []byte("Die Maschine stürzte am Dienstag\u00a0ab."), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		phrase, file, wantErr string
	}{
		{"am dienstag ab", "a/01.txt", ""}, // case and white space folded
		{"am Mittwoch", "a/01.txt", "does not hold"},
		{"am Dienstag", "a/02.txt", "02.txt"},
	} {
		s := &Set{Audits: []KeyAudit{{ID: "a-1", Add: []KeyAdded{{Phrase: tt.phrase, File: tt.file}}, source: "expect-audit/a.jsonl line 1"}}}
		err := s.CheckAudits(dir)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !contains(err.Error(), tt.wantErr)) {
			t.Errorf("CheckAudits(%q in %s) = %v, want an error saying %q (none when empty)", tt.phrase, tt.file, err, tt.wantErr)
		}
	}
}

// TestSecondSet: the second questions load apart from the first, share
// their ids' namespace, and their key phrases must be in their articles.
func TestSecondSet(t *testing.T) {
	manifest := `{"file":"a/01.txt","story":"a","event":"a-1","url":"https://x.example/1"}` + "\n"
	fsys := fstest.MapFS{
		"manifest/a.jsonl":    {Data: []byte(manifest)},
		"questions/a.jsonl":   {Data: []byte(`{"id":"a-1","question":"When?"}` + "\n")},
		"questions-2/a.jsonl": {Data: []byte(`{"id":"a-b01","question":"Where?","expect":["in Jindo"],"files":["a/01.txt"]}` + "\n")},
	}
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Questions) != 1 || len(s.Later) != 1 || s.Later[0].Name != "questions-2" || len(s.Later[0].Questions) != 1 {
		t.Fatalf("first %+v, later %+v", s.Questions, s.Later)
	}
	second := s.WithQuestions(s.Later[0].Questions)
	if len(second.Questions) != 1 || second.Questions[0].ID != "a-b01" || len(second.Later) != 0 {
		t.Fatalf("second set %+v", second)
	}
	fsys["questions-2/a.jsonl"] = &fstest.MapFile{Data: []byte(`{"id":"a-1","question":"Where?"}` + "\n")}
	if _, err := Load(fsys); err == nil || !contains(err.Error(), "a-1 used twice") {
		t.Fatalf("Load: %v, want the id used twice named", err)
	}

	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "01.txt"), []byte("The ferry sank off Jindo."), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q       Question
		wantErr string
	}{
		{Question{ID: "a-b01", Expect: []string{"OFF JINDO"}, Files: []string{"a/01.txt"}}, ""},
		{Question{ID: "a-b02", Expect: []string{"near Mokpo"}, Files: []string{"a/01.txt"}}, "near Mokpo"},
		{Question{ID: "a-b03", Expect: []string{"off Jindo"}}, "no files"},
		{Question{ID: "a-b04"}, ""}, // unanswerable
	} {
		err := (&Set{Later: []LaterSet{{Name: "questions-2", Questions: []Question{tt.q}}}}).CheckKeys(dir)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !contains(err.Error(), tt.wantErr)) {
			t.Errorf("CheckKeys(%s) = %v, want an error saying %q (none when empty)", tt.q.ID, err, tt.wantErr)
		}
	}
}

// TestLaterSetAudit: the later sets' audit (expect-audit-2/) adds to their
// questions' keys, and FirstKeys gives them back as first matched.
func TestLaterSetAudit(t *testing.T) {
	manifest := `{"file":"a/01.txt","story":"a","event":"a-1","url":"https://x.example/1","language":"ko"}` + "\n" +
		`{"file":"a/02.txt","story":"a","event":"a-1","url":"https://x.example/2","language":"en"}` + "\n"
	s, err := Load(fstest.MapFS{
		"manifest/a.jsonl":       {Data: []byte(manifest)},
		"questions/a.jsonl":      {Data: []byte(`{"id":"a-1","question":"When?"}` + "\n")},
		"questions-2/a.jsonl":    {Data: []byte(`{"id":"a-b01","question":"Where?","expect":["진도"],"files":["a/01.txt"],"non_english_only":true}` + "\n")},
		"expect-audit-2/a.jsonl": {Data: []byte(`{"id":"a-b01","add":[{"phrase":"off Jindo","file":"a/02.txt"}]}` + "\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	q := s.Later[0].Questions[0]
	if !slices.Equal(q.Expect, []string{"진도", "off Jindo"}) || !slices.Equal(q.Files, []string{"a/01.txt", "a/02.txt"}) || q.NonEnglishOnly {
		t.Errorf("audited later question = %+v, want the audit's phrase and file added and an English answer known", q)
	}
	first := s.FirstKeys().Later[0].Questions[0]
	if !slices.Equal(first.Expect, []string{"진도"}) || !slices.Equal(first.Files, []string{"a/01.txt"}) || !first.NonEnglishOnly {
		t.Errorf("first key = %+v, want the question as written", first)
	}
	if got := s.Later[0].Questions[0].Expect; len(got) != 2 {
		t.Errorf("FirstKeys changed the audited set: %v", got)
	}
}
