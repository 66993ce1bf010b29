package rules_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/rules"
	"github.com/slopgui/slopgui/state"
)

var tree = []string{"go.mod", "app/app.go", "app/ai.go", "state/state.go"}

func TestParseTracks(t *testing.T) {
	for _, tc := range []struct {
		name, answer string
		want         []rules.ProposedTrack
		err          string
	}{
		{"plain JSON", `{"tracks":[{"title":"Loop","brief":"Move the loop.","files":["app/ai.go","./agent/agent.go"]}]}`,
			[]rules.ProposedTrack{{Title: "Loop", Brief: "Move the loop.", Files: []string{"app/ai.go", "agent/agent.go"}}}, ""},
		{"fenced with prose", "Here is the plan:\n```json\n{\"tracks\":[{\"title\":\" T \",\"brief\":\"b\",\"files\":[]}]}\n```\nDone.",
			[]rules.ProposedTrack{{Title: "T", Brief: "b"}}, ""},
		{"prose around an object", `Sure! {"tracks":[{"title":"T","brief":"b","files":["go.mod"]}]} Hope this helps.`,
			[]rules.ProposedTrack{{Title: "T", Brief: "b", Files: []string{"go.mod"}}}, ""},
		{"no JSON", "I cannot do that.", nil, "holds no JSON object"},
		{"broken JSON", `{"tracks":[{"title":"T",}]}`, nil, "does not parse"},
		{"misspelt key", `{"tracks":[{"title":"T","brief":"b","file":["x"]}]}`, nil, `unknown field "file"`},
		{"no tracks", `{"tracks":[]}`, nil, "no tracks"},
		{"untitled", `{"tracks":[{"title":"","brief":"b","files":[]}]}`, nil, "track 1 has no title"},
		{"duplicate titles", `{"tracks":[{"title":"A","brief":"b","files":[]},{"title":"A","brief":"c","files":[]}]}`, nil, `two tracks are called "A"`},
		{"no brief", `{"tracks":[{"title":"A","brief":" ","files":[]}]}`, nil, `track "A" has no brief`},
		{"absolute path", `{"tracks":[{"title":"A","brief":"b","files":["/etc/passwd"]}]}`, nil, "not a path inside the project"},
		{"climbs out", `{"tracks":[{"title":"A","brief":"b","files":["app/../../x"]}]}`, nil, "not a path inside the project"},
		{"unknown directory", `{"tracks":[{"title":"A","brief":"b","files":["nowhere/x.go"]}]}`, nil, "directory does not exist"},
		{"new file in a known directory", `{"tracks":[{"title":"A","brief":"b","files":["app/new.go"]}]}`,
			[]rules.ProposedTrack{{Title: "A", Brief: "b", Files: []string{"app/new.go"}}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rules.ParseTracks(tc.answer, append(tree, "agent/x.go"))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				if !strings.Contains(rules.Retry(err), err.Error()) {
					t.Fatalf("Retry does not carry the error")
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("= %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func TestParseTickets(t *testing.T) {
	for _, tc := range []struct {
		name, answer string
		deps         map[string][]string
		err          string
	}{
		{"in order", `{"tickets":[{"id":"T1","title":"a","description":"d","target_files":["app/ai.go"],"depends_on":[]},{"id":"T2","title":"b","description":"d","target_files":[],"depends_on":["T1"]}]}`,
			map[string][]string{"T1": nil, "T2": {"T1"}}, ""},
		{"depends on a later ticket", `{"tickets":[{"id":"T2","title":"b","description":"","target_files":[],"depends_on":["T1"," T1"]},{"id":"T1","title":"a","description":"","target_files":[],"depends_on":[]}]}`,
			map[string][]string{"T1": nil, "T2": {"T1"}}, ""},
		{"duplicate id", `{"tickets":[{"id":"T1","title":"a","description":"","target_files":[],"depends_on":[]},{"id":"T1","title":"b","description":"","target_files":[],"depends_on":[]}]}`, nil, "T1 already exists"},
		{"blank id", `{"tickets":[{"id":" ","title":"a","description":"","target_files":[],"depends_on":[]}]}`, nil, "needs an ID"},
		{"unknown dependency", `{"tickets":[{"id":"T1","title":"a","description":"","target_files":[],"depends_on":["T9"]}]}`, nil, "T9: no such ticket"},
		{"cycle", `{"tickets":[{"id":"A","title":"a","description":"","target_files":[],"depends_on":["B"]},{"id":"B","title":"b","description":"","target_files":[],"depends_on":["A"]}]}`, nil, "dependency cycle"},
		{"self", `{"tickets":[{"id":"A","title":"a","description":"","target_files":[],"depends_on":["A"]}]}`, nil, "dependency cycle A -> A"},
		{"untitled", `{"tickets":[{"id":"A","title":"","description":"","target_files":[],"depends_on":[]}]}`, nil, `ticket "A" has no title`},
		{"bad target", `{"tickets":[{"id":"A","title":"a","description":"","target_files":["../x"],"depends_on":[]}]}`, nil, "ticket A: file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rules.ParseTickets(tc.answer, tree)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			deps := map[string][]string{}
			for _, tk := range got {
				deps[tk.ID] = tk.DependsOn
			}
			if !reflect.DeepEqual(deps, tc.deps) {
				t.Fatalf("deps = %v, want %v", deps, tc.deps)
			}
		})
	}
}

func TestPrompts(t *testing.T) {
	sys, user := rules.Tier1(rules.PlanInput{Goal: "Add undo", Project: "slop", SystemPrompt: "Use Go.", Files: tree})
	for _, want := range []string{"tier-1", `"tracks"`, "Use Go."} {
		if !strings.Contains(sys, want) {
			t.Errorf("tier-1 system prompt lacks %q", want)
		}
	}
	for _, want := range []string{"Project: slop", "Add undo", "app/ai.go\n", "Files (4)"} {
		if !strings.Contains(user, want) {
			t.Errorf("tier-1 message lacks %q", want)
		}
	}
	_, user = rules.Tier2(rules.TicketsInput{
		Track:     rules.ProposedTrack{Title: "Undo", Brief: "Add it."},
		Files:     []rules.NamedText{{Path: "app/ai.go", Text: "package app\nfunc body() {}"}},
		Skeletons: []rules.NamedText{{Path: "state/state.go", Text: "package state\ntype UI struct"}},
	})
	for _, want := range []string{"Track: Undo", "--- app/ai.go (full text)\npackage app\nfunc body() {}", "--- state/state.go (skeleton"} {
		if !strings.Contains(user, want) {
			t.Errorf("tier-2 message lacks %q:\n%s", want, user)
		}
	}
	for _, s := range []map[string]any{rules.TracksSchema(), rules.TicketsSchema()} {
		if s["type"] != "object" || s["required"] == nil {
			t.Errorf("schema %v", s)
		}
	}
}

func track(spec string) *state.Track {
	// "A:done B:todo:A C:todo:A,B"
	var t state.Track
	for _, f := range strings.Fields(spec) {
		p := strings.Split(f, ":")
		tk := state.Ticket{ID: p[0], Status: state.TicketStatus(strings.ReplaceAll(p[1], "_", " "))}
		if len(p) > 2 {
			tk.DependsOn = strings.Split(p[2], ",")
		}
		t.Tickets = append(t.Tickets, tk)
	}
	return &t
}

func TestReadySpawnCascade(t *testing.T) {
	for _, tc := range []struct {
		spec, ready string
		blocked     string
		cascade     string
	}{
		{"A:todo B:todo:A C:todo", "A C", "A", "B"},
		{"A:done B:todo:A C:todo:A,B D:todo:C", "B", "B", "C D"},
		{"A:done B:done:A C:todo:A,B", "C", "C", ""},
		{"A:in_progress B:todo:A C:blocked", "", "A", "B"},
		{"A:todo B:done:A C:todo:B", "A C", "A", ""}, // a done ticket stands between: C waits only on B
	} {
		tr := track(tc.spec)
		if got := strings.Join(rules.Ready(tr), " "); got != tc.ready {
			t.Errorf("%s: ready %q, want %q", tc.spec, got, tc.ready)
		}
		if got := strings.Join(rules.Cascade(tr, tc.blocked), " "); got != tc.cascade {
			t.Errorf("%s: cascade of %s = %q, want %q", tc.spec, tc.blocked, got, tc.cascade)
		}
	}
	for _, tc := range []struct {
		ready          []string
		running, limit int
		want           int
	}{
		{[]string{"a", "b", "c"}, 0, 2, 2}, {[]string{"a", "b"}, 1, 2, 1}, {[]string{"a"}, 3, 2, 0}, {nil, 0, 2, 0},
	} {
		if got := rules.Spawn(tc.ready, tc.running, tc.limit); len(got) != tc.want {
			t.Errorf("Spawn(%v, %d, %d) = %v, want %d", tc.ready, tc.running, tc.limit, got, tc.want)
		}
	}
}

func TestAfterBlock(t *testing.T) {
	for _, tc := range []struct {
		a    rules.Attempt
		want rules.Action
	}{
		{rules.Attempt{Blocks: 1, Models: 3}, rules.Diagnose},
		{rules.Attempt{Blocks: 2, Models: 3}, rules.Escalate},
		{rules.Attempt{Blocks: 1, Escalations: 1, Models: 3}, rules.Diagnose},
		{rules.Attempt{Blocks: 2, Escalations: 1, Models: 3}, rules.Escalate},
		{rules.Attempt{Blocks: 2, Escalations: 2, Models: 3}, rules.GiveUp}, // at most 2 escalations
		{rules.Attempt{Blocks: 2, Escalations: 2, Models: 5}, rules.GiveUp},
		{rules.Attempt{Blocks: 2, Models: 1}, rules.GiveUp}, // no bigger model
		{rules.Attempt{Blocks: 2, Escalations: 1, Models: 2}, rules.GiveUp},
	} {
		if got := rules.AfterBlock(tc.a); got != tc.want {
			t.Errorf("AfterBlock(%+v) = %v, want %v", tc.a, got, tc.want)
		}
	}
}

// The rules are a hot module: no goroutines, no I/O. The imports say so.
func TestRulesArePure(t *testing.T) {
	for _, forbidden := range []string{"os", "net", "net/http", "os/exec", "sync", "time", "io"} {
		if imports(t, forbidden) {
			t.Errorf("rules imports %s", forbidden)
		}
	}
}

func TestStartable(t *testing.T) {
	tr := state.Track{Tickets: []state.Ticket{
		{ID: "A", Status: state.StatusTodo},
		{ID: "B", Status: state.StatusTodo, Interrupted: true},
		{ID: "C", Status: state.StatusTodo, DependsOn: []string{"A"}},
	}}
	if got := rules.Startable(&tr); !slices.Equal(got, []string{"A"}) {
		t.Errorf("Startable = %v, want [A]", got)
	}
}

func TestTier3Tier4(t *testing.T) {
	tk := state.Ticket{ID: "T1", Title: "Add X", Description: "add func X", Targets: []string{"a.go"}}
	sys, user := rules.Tier3(rules.WorkerInput{Brief: "brief", Ticket: tk,
		Files: []rules.NamedText{{Path: "a.go", Text: "package a"}}, Skeletons: []rules.NamedText{{Path: "b/b.go", Text: "package b"}}})
	for _, want := range []string{rules.DoneTool, rules.BlockedTool} {
		if !strings.Contains(sys, want) {
			t.Errorf("tier-3 system prompt lacks %q", want)
		}
	}
	for _, want := range []string{"T1: Add X", "add func X", "a.go (full text)\npackage a", "b/b.go (skeleton", "brief"} {
		if !strings.Contains(user, want) {
			t.Errorf("tier-3 context lacks %q:\n%s", want, user)
		}
	}
	_, user = rules.Tier4(rules.DiagnoseInput{Ticket: tk, Output: "FAIL x_test.go:3"})
	if !strings.Contains(user, "FAIL x_test.go:3") || !strings.Contains(user, "T1") {
		t.Errorf("tier-4 message lacks the output or ticket:\n%s", user)
	}
}

// Targets exports every rule of ruleapi.Rules with its type: what the
// host looks up in each reloaded generation.
func TestTargetsCoverEveryRule(t *testing.T) {
	r, missing := ruleapi.FromTargets(rules.Targets, ruleapi.Rules{})
	if len(missing) > 0 {
		t.Fatalf("rules.Targets lacks %v", missing)
	}
	if err := r.Complete(); err != nil {
		t.Fatal(err)
	}
	if rules.APIVersion != ruleapi.APIVersion {
		t.Errorf("rules.APIVersion = %d, ruleapi.APIVersion = %d", rules.APIVersion, ruleapi.APIVersion)
	}
	if sys, _ := r.Tier3(rules.WorkerInput{}); !strings.Contains(sys, "tier-3 worker") {
		t.Errorf("Tier3 target is not rules.Tier3: %q", sys)
	}
}

// The rules reload as a plugin: of this module they may import only
// stable packages of plain data (ruleapi, state), never the engine or the
// host, whose types a reloaded generation could not share.
func TestRulesImportOnlyStablePackages(t *testing.T) {
	testutil.OnlyImports(t, ".", "the rules", "github.com/slopgui/slopgui/ruleapi", "github.com/slopgui/slopgui/state")
}
