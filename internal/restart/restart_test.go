package restart

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/handover"
	"github.com/slopgui/slopgui/internal/hostbuild"
	"github.com/slopgui/slopgui/internal/testutil"
)

// Restart's logic is UI-free: the standard library and these packages,
// never app, gui, views, giu or cimgui-go.
func TestImports(t *testing.T) {
	testutil.OnlyImports(t, ".", "restart",
		"github.com/slopgui/slopgui/hot",
		"github.com/slopgui/slopgui/internal/handover",
		"github.com/slopgui/slopgui/internal/hostbuild",
		"github.com/slopgui/slopgui/persist")
}

var t0 = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "handover.json")
	if err := handover.WriteFile(good, &handover.Handover{Written: t0, Kind: handover.KindRestart, Reason: "stable code changed"}); err != nil {
		t.Fatal(err)
	}
	corrupt := filepath.Join(dir, "corrupt.json")
	if err := os.WriteFile(corrupt, []byte(`{"written": `), 0o600); err != nil {
		t.Fatal(err)
	}
	crash := filepath.Join(dir, "crash.json")
	if err := handover.WriteCrash(crash, &handover.Crash{What: "SIGSEGV in views/discussion"}); err != nil {
		t.Fatal(err)
	}
	badCrash := filepath.Join(dir, "badcrash.json")
	if err := os.WriteFile(badCrash, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, handover, crash string
		wantHandover          bool
		wantCrash             string // in Crash.What; "" for no crash
		wantProblem           string // in Problem; "" for none
	}{
		{"nothing given", "", "", false, "", ""},
		{"a handover", good, "", true, "", ""},
		{"a crash and its snapshot", good, crash, true, "SIGSEGV in views/discussion", ""},
		{"an unreadable crash report", "", badCrash, false, "its crash report is unreadable", ""},
		{"a missing handover", filepath.Join(dir, "gone.json"), "", false, "", "is missing"},
		{"a corrupt handover", corrupt, "", false, "", "Nothing was deleted: it was moved to " + corrupt + ".corrupt-20261207-120000"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := Read(c.handover, c.crash, t0)
			if (s.Handover != nil) != c.wantHandover {
				t.Errorf("handover read: %v, want %v", s.Handover != nil, c.wantHandover)
			}
			switch {
			case c.wantCrash == "" && s.Crash != nil:
				t.Errorf("a crash read: %+v", s.Crash)
			case c.wantCrash != "" && (s.Crash == nil || !strings.Contains(s.Crash.What, c.wantCrash)):
				t.Errorf("crash %+v, want one saying %q", s.Crash, c.wantCrash)
			}
			if !strings.Contains(s.Problem, c.wantProblem) || (c.wantProblem == "") != (s.Problem == "") {
				t.Errorf("problem %q, want one saying %q", s.Problem, c.wantProblem)
			}
		})
	}
	// The corrupt handover was moved aside, not deleted.
	if b, err := os.ReadFile(corrupt + ".corrupt-20261207-120000"); err != nil || string(b) != `{"written": ` {
		t.Errorf("the corrupt handover moved aside: %q, %v", b, err)
	}
}

func TestWelcome(t *testing.T) {
	restarted := &handover.Handover{Written: t0, PID: 41, Kind: handover.KindRestart, Reason: "stable code changed (app)"}
	snapshot := &handover.Handover{Written: t0, PID: 41, Kind: handover.KindSnapshot}
	for _, c := range []struct {
		name   string
		start  Start
		lines  []string
		title  string // "" for no notice
		says   []string
		reason string
		crash  bool
		count  bool // Restart
	}{
		{"a plain start", Start{}, nil, "", nil, "", false, false},
		{"a restart with nothing to say", Start{Handover: restarted}, nil, "", nil, "stable code changed (app)", false, true},
		{"a restart with something to say", Start{Handover: restarted}, []string{"Some state could not be restored: x"},
			"slopgui restarted", []string{"Why: stable code changed (app)", "Some state could not be restored: x"}, "stable code changed (app)", false, true},
		{"a crash with its snapshot", Start{Handover: snapshot, Crash: &handover.Crash{What: "SIGSEGV", Recent: 2, Detail: "goroutine 1"}}, []string{"Running generation 3."},
			"slopgui crashed and was restarted", []string{"What happened: SIGSEGV", "2 crashes within the last minute.", "restored from a snapshot taken at 12:00:00.0 (pid 41)", "Running generation 3."},
			"crash: SIGSEGV", true, false},
		{"a crash with an unreadable snapshot", Start{Crash: &handover.Crash{What: "exit 2"}, Problem: "could not be read: x"}, nil,
			"slopgui crashed and was restarted", []string{"could not be read: x"}, "crash: exit 2", true, false},
		{"a crash without a snapshot", Start{Crash: &handover.Crash{What: "exit 2"}}, nil,
			"slopgui crashed and was restarted", []string{"No snapshot was taken before the crash"}, "crash: exit 2", true, false},
		{"an unusable handover", Start{Problem: "could not be read: x"}, nil, "slopgui restarted without its state", []string{"could not be read: x"}, "", false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := c.start.Welcome(c.lines)
			if w.Reason != c.reason || w.Crash != c.crash || w.Restart != c.count {
				t.Errorf("reason %q, crash %v, restart %v; want %q, %v, %v", w.Reason, w.Crash, w.Restart, c.reason, c.crash, c.count)
			}
			if c.title == "" {
				if w.Notice != nil {
					t.Errorf("a notice: %+v", w.Notice)
				}
				return
			}
			if w.Notice == nil || w.Notice.Title != c.title {
				t.Fatalf("notice %+v, want the title %q", w.Notice, c.title)
			}
			text := strings.Join(w.Notice.Lines, "\n")
			for _, s := range c.says {
				if !strings.Contains(text, s) {
					t.Errorf("the notice does not say %q:\n%s", s, text)
				}
			}
			if c.crash && w.Notice.Detail != c.start.Crash.Detail {
				t.Errorf("detail %q, want the crash's", w.Notice.Detail)
			}
		})
	}
}

// loader loads the plugins it has, by path.
type loader map[string]map[string]hot.Symbols

func (l loader) Load(path string) (map[string]hot.Symbols, error) {
	if s, ok := l[path]; ok {
		return s, nil
	}
	return nil, errors.New("plugin.Open: not found")
}

func TestPick(t *testing.T) {
	const bin = "/bin/slopgui"
	syms := map[string]hot.Symbols{"views": {}}
	load := loader{"/keep/b7.so": syms, "/keep/b5.so": syms}
	linked := handover.Generation{N: 2}
	g5 := handover.Generation{N: 3, Build: 5, Plugin: "/keep/b5.so", Binary: bin}
	g7 := handover.Generation{N: 4, Build: 7, Plugin: "/keep/b7.so", Binary: bin}
	g9 := handover.Generation{N: 5, Build: 9, Plugin: "/keep/b9.so", Binary: bin} // not kept
	other := handover.Generation{N: 4, Build: 7, Plugin: "/keep/b7.so", Binary: "/bin/older-slopgui"}
	for _, c := range []struct {
		name   string
		gens   []handover.Generation
		crash  *handover.Crash
		want   Chain
		loaded bool
		says   string
	}{
		{"no generations", nil, nil, Chain{}, false, ""},
		{"a restart runs the running one", []handover.Generation{linked, g5, g7}, nil, Chain{Base: 4, Gen0: g7, Before: []handover.Generation{linked, g5}}, true, "Running generation 4 (its plugin was kept)."},
		{"linked-in views running", []handover.Generation{linked}, nil, Chain{Base: 2, Gen0: linked, Before: []handover.Generation{}}, false, "Running generation 2."},
		{"a crash rolls back one", []handover.Generation{linked, g5, g7}, &handover.Crash{}, Chain{Base: 3, Gen0: g5, Before: []handover.Generation{linked}}, true,
			"Generation 4 was running when it crashed: rolled back to generation 3, the last one before it (its plugin was kept)."},
		{"a crash with nothing before", []handover.Generation{g7}, &handover.Crash{}, Chain{}, false, "Generation 4 was running; started with the views built into slopgui (generation 0)."},
		{"safe mode", []handover.Generation{linked, g5, g7}, &handover.Crash{SafeMode: true, Recent: 3}, Chain{}, false, "Too many crashes in a row (3 within a minute)"},
		{"another binary's plugin", []handover.Generation{linked, other}, nil, Chain{}, false, "its plugin was built for another slopgui binary"},
		{"a plugin that does not load", []handover.Generation{linked, g9}, nil, Chain{}, false, "failed: loading its plugin: plugin.Open: not found."},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, s, said := Pick(&handover.Handover{Generations: c.gens}, c.crash, bin, load)
			if got.Base != c.want.Base || got.Gen0 != c.want.Gen0 || len(got.Before) != len(c.want.Before) {
				t.Errorf("chain %+v, want %+v", got, c.want)
			}
			for i := range min(len(got.Before), len(c.want.Before)) {
				if got.Before[i] != c.want.Before[i] {
					t.Errorf("before[%d] = %+v, want %+v", i, got.Before[i], c.want.Before[i])
				}
			}
			if (s != nil) != c.loaded {
				t.Errorf("symbols loaded: %v, want %v", s != nil, c.loaded)
			}
			if !strings.Contains(said, c.says) || (c.says == "") != (said == "") {
				t.Errorf("said %q, want %q", said, c.says)
			}
		})
	}
}

// The chain a handover carries: the generations before this process's,
// then its own (numbered on from Base, each kept plugin named by build),
// the last Keep.
func TestGenerations(t *testing.T) {
	const bin, keep = "/bin/slopgui", "/keep"
	linked := handover.Generation{N: 2}
	g5 := handover.Generation{N: 3, Build: 5, Plugin: "/keep/b5.so", Binary: bin}
	c := Chain{Base: 3, Gen0: g5, Before: []handover.Generation{linked}}
	gen0 := &hot.Generation{N: 0}
	gen1 := &hot.Generation{N: 1, Build: 8, Prev: gen0}
	gen2 := &hot.Generation{N: 2, Build: 9, Prev: gen1}
	gen3 := &hot.Generation{N: 3, Build: 11, Prev: gen2}
	for _, tc := range []struct {
		name string
		cur  *hot.Generation
		want []handover.Generation
	}{
		{"none running", nil, []handover.Generation{linked}},
		{"generation 0", gen0, []handover.Generation{linked, g5}},
		{"two reloads", gen2, []handover.Generation{linked, g5, {N: 4, Build: 8, Plugin: "/keep/b8.so", Binary: bin}, {N: 5, Build: 9, Plugin: "/keep/b9.so", Binary: bin}}},
		{"the last four", gen3, []handover.Generation{g5, {N: 4, Build: 8, Plugin: "/keep/b8.so", Binary: bin}, {N: 5, Build: 9, Plugin: "/keep/b9.so", Binary: bin}, {N: 6, Build: 11, Plugin: "/keep/b11.so", Binary: bin}}},
	} {
		got := c.Generations(tc.cur, keep, bin)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: [%d] = %+v, want %+v", tc.name, i, got[i], tc.want[i])
			}
		}
	}
}

// PruneKept deletes what no generation needs, up to the running build.
func TestPruneKept(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b3.so", "b5.so", "b7.so", "b9.so", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	PruneKept(dir, []handover.Generation{{N: 1}, {N: 2, Build: 5, Plugin: KeptPlugin(dir, 5)}}, 7)
	var left []string
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		left = append(left, e.Name())
	}
	if got, want := strings.Join(left, " "), "b5.so b9.so notes.txt"; got != want {
		t.Errorf("left %q, want %q (b3 and b7 unneeded; b9 newer than the running build)", got, want)
	}
}

// KeepingLoader keeps a copy that outlives the build directory's file.
func TestKeepingLoader(t *testing.T) {
	build, keep := t.TempDir(), t.TempDir()
	so := filepath.Join(build, "b4.so")
	if err := os.WriteFile(so, []byte("plugin bytes"), 0o600); err != nil {
		t.Fatal(err)
	}
	syms := map[string]hot.Symbols{"views": {}}
	got, err := KeepingLoader{Dir: keep, Inner: loader{so: syms}}.Load(so)
	if err != nil || got == nil {
		t.Fatalf("Load: %v, %v", got, err)
	}
	if err := os.Remove(so); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(KeptPlugin(keep, 4)); err != nil || string(b) != "plugin bytes" {
		t.Errorf("kept: %q, %v", b, err)
	}
	if err := copyFile(filepath.Join(build, "gone.so"), filepath.Join(keep, "x")); err == nil {
		t.Error("copying a missing file: no error")
	}
}

// The history and counters continue across processes, both ways.
func TestEarlier(t *testing.T) {
	h := &handover.Handover{Stats: handover.Stats{Reloads: 3, Successes: 2, Failures: 1, Coalesced: 1, ViewPanics: 1, Restarts: 1, Crashes: 2},
		History: []handover.Record{{When: t0, Generation: 2, OK: true, BuildMs: 700, LoadMs: 20, SwapUs: 90}}}
	e := EarlierFrom(h)
	st := e.Status(hot.Status{Generation: 1, Stats: hot.Stats{Reloads: 1, Successes: 1, Coalesced: 2, ViewPanics: 1},
		History: []hot.Record{{When: t0.Add(time.Minute), Generation: 1, OK: true, Reason: hot.ReasonBuild, Build: 650 * time.Millisecond}}}, 2)
	if st.Generation != 3 || st.Stats.Reloads != 4 || st.Stats.Successes != 3 || st.Stats.Failures != 1 || st.Stats.Coalesced != 3 || st.Stats.ViewPanics != 2 {
		t.Errorf("status: generation %d, stats %+v", st.Generation, st.Stats)
	}
	if len(st.History) != 2 || st.History[0].Build != 700*time.Millisecond || st.History[1].Generation != 3 {
		t.Errorf("history %+v", st.History)
	}
	stats, hist := e.Carry(st)
	if want := (handover.Stats{Reloads: 4, Successes: 3, Failures: 1, Coalesced: 3, ViewPanics: 2, Restarts: 1, Crashes: 2}); stats != want {
		t.Errorf("carried stats %+v, want %+v", stats, want)
	}
	if len(hist) != 2 || hist[0] != h.History[0] || hist[1].Generation != 3 || hist[1].BuildMs != 650 || hist[1].Reason != string(hot.ReasonBuild) {
		t.Errorf("carried history %+v", hist)
	}
	// The history keeps the last MaxHistory.
	long := hot.Status{}
	for i := range MaxHistory + 5 {
		long.History = append(long.History, hot.Record{Generation: i})
	}
	if got := e.Status(long, 2).History; len(got) != MaxHistory || got[MaxHistory-1].Generation != MaxHistory+4+2 {
		t.Errorf("a long history: %d records, last generation %d", len(got), got[len(got)-1].Generation)
	}
}

func TestLine(t *testing.T) {
	for _, c := range []struct {
		name                     string
		hs                       hostbuild.Status
		buildErr, capWhy, reason string
		frames                   int
		want                     string
	}{
		{"nothing", hostbuild.Status{}, "", "", "", 0, ""},
		{"building ahead", hostbuild.Status{Building: true}, "", "", "", 0, "  |  building slopgui…"},
		{"a key waits: the reload line says it", hostbuild.Status{Building: true, Waiting: true}, "", "", "", 0, ""},
		{"ready", hostbuild.Status{Ready: true}, "", "", "", 0, "  |  slopgui ready — Ctrl+Alt+R restarts, keeping your state"},
		{"an ahead build failed", hostbuild.Status{Err: "app/x.go:12:3: undefined: y\nmore"}, "", "", "", 0, "  |  build error: app/x.go:12:3: undefined: y"},
		{"a key's build failed: the reload line says it", hostbuild.Status{Err: "app/x.go:12:3: undefined: y"}, "restart needed", "", "", 0, ""},
		{"the memory cap", hostbuild.Status{}, "", "memory: 1100 MB", "", 0, "  |  RESTART when idle: memory: 1100 MB"},
		{"just restarted", hostbuild.Status{}, "", "", "stable code changed (app)", 10, "  |  restarted: stable code changed (app)"},
		{"restarted long ago", hostbuild.Status{}, "", "", "stable code changed (app)", 600, ""},
	} {
		if got := Line(c.hs, c.buildErr, c.capWhy, c.reason, c.frames); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
