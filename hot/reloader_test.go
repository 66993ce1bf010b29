package hot_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/hot"
)

func moduleNames(mods []hot.Module) []string {
	var names []string
	for _, m := range mods {
		names = append(names, m.Name)
	}
	return names
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestNewErrors(t *testing.T) {
	st := newAppState()
	tests := []struct {
		name string
		cfg  hot.Config
		want string
	}{
		{"state not a pointer", hot.Config{Root: t.TempDir(), State: st, Builder: &fakeBuilder{}, Loader: &fakeLoader{}},
			"state holder must be a non-nil pointer to a struct"},
		{"nil state", hot.Config{Root: t.TempDir(), Builder: &fakeBuilder{}, Loader: &fakeLoader{}},
			"state holder must be a non-nil pointer to a struct"},
		{"default builder needs go.mod", hot.Config{Root: t.TempDir(), State: &st, Loader: &fakeLoader{}}, "go.mod"},
		{"default loader needs go.mod", hot.Config{Root: t.TempDir(), State: &st, Builder: &fakeBuilder{}}, "go.mod"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := hot.New(tc.cfg)
			if err == nil {
				r.Close()
				t.Fatal("New succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestNewDefaultWorkDir(t *testing.T) {
	st := newAppState()
	r, err := hot.New(hot.Config{Root: t.TempDir(), State: &st, Builder: &fakeBuilder{}, Loader: &fakeLoader{}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	dir := r.WorkDir()
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("WorkDir %q: %v", dir, err)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("WorkDir %q still there after Close (stat: %v)", dir, err)
	}
}

func TestReloaderRegister(t *testing.T) {
	e := mustNewUnstarted(t)
	bad := viewsModule()
	bad.StateKeys = []string{"Count", "Missing"}
	err := e.r.Register(bad)
	if err == nil || !strings.Contains(err.Error(), `hot module "views"`) || !strings.Contains(err.Error(), `"Missing"`) {
		t.Errorf("Register with a bad state key: error %v", err)
	}
	mustRegister(t, e.r, viewsModule())
	dup := panelModule()
	dup.SourceDirs = []string{"views/widgets"}
	if err := e.r.Register(dup); err == nil || !strings.Contains(err.Error(), "already belongs") {
		t.Errorf("Register with a taken source dir: error %v", err)
	}
	if got := moduleNames(e.r.Modules()); !reflect.DeepEqual(got, []string{"views"}) {
		t.Errorf("Modules = %v, want [views]", got)
	}
}

func TestSetStaticInstallsGenerationZero(t *testing.T) {
	e := mustNew(t)
	g := e.r.Current()
	if g == nil || g.N != 0 || g.Build != 0 {
		t.Fatalf("Current = %+v, want generation 0", g)
	}
	for _, tc := range []struct {
		module, name string
		want         int
	}{{"views", "Draw", 100}, {"views", "Menu", 101}, {"panel", "Panel", 102}} {
		if got := call(t, g, tc.module, tc.name); got != tc.want {
			t.Errorf("%s.%s wrote %d, want %d", tc.module, tc.name, got, tc.want)
		}
	}
	st := e.r.Status()
	if st.IsError || st.Error != "" || st.Reason != hot.ReasonNone || st.Generation != 0 || st.Busy || st.Phase != hot.PhaseIdle {
		t.Errorf("Status after SetStatic = %+v", st)
	}
}

func TestSetStaticMissingTarget(t *testing.T) {
	e := mustNewUnstarted(t)
	mustRegister(t, e.r, viewsModule(), panelModule())
	syms := staticSymbols()
	delete(syms["views"].Targets, "Menu")
	if err := e.r.SetStatic(syms); err != nil {
		t.Fatalf("SetStatic: %v", err)
	}
	st := e.r.Status()
	if !st.IsError || st.Reason != hot.ReasonMissingTarget || st.Generation != 0 {
		t.Errorf("Status = IsError %v, Reason %q, Generation %d; want true, %q, 0", st.IsError, st.Reason, st.Generation, hot.ReasonMissingTarget)
	}
	if !strings.Contains(st.Error, "views.Menu") {
		t.Errorf("Error %q does not name views.Menu", st.Error)
	}
	g := e.r.Current()
	if _, err := hot.TargetFunc[func(*int)](g, "views", "Menu"); err == nil || !strings.Contains(err.Error(), "views.Menu") {
		t.Errorf("TargetFunc(views.Menu) error = %v, want one naming views.Menu", err)
	}
	if got := call(t, g, "views", "Draw"); got != 100 {
		t.Errorf("views.Draw wrote %d, want 100", got)
	}

	// A reload providing the target clears the problem.
	mustReload(t, e.r)
	st = e.r.Status()
	if st.IsError || st.Reason != hot.ReasonNone || st.Generation != 1 {
		t.Errorf("after a good reload: IsError %v, Reason %q, Generation %d", st.IsError, st.Reason, st.Generation)
	}
	if got := call(t, e.r.Current(), "views", "Menu"); got != 1001 {
		t.Errorf("views.Menu wrote %d, want 1001", got)
	}
}

func TestSetStaticErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(map[string]hot.Symbols)
		want []string
	}{
		{"module missing", func(s map[string]hot.Symbols) { delete(s, "panel") }, []string{"static code", `module "panel"`}},
		{"api version", func(s map[string]hot.Symbols) { s["views"] = hot.Symbols{APIVersion: 9, Targets: s["views"].Targets} },
			[]string{"API 9", "API 1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := mustNewUnstarted(t)
			mustRegister(t, e.r, viewsModule(), panelModule())
			syms := staticSymbols()
			tc.edit(syms)
			err := e.r.SetStatic(syms)
			if err == nil {
				t.Fatal("SetStatic succeeded, want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if g := e.r.Current(); g != nil {
				t.Errorf("Current = %+v after a failed SetStatic, want nil", g)
			}
		})
	}
}

func TestGenerationTarget(t *testing.T) {
	var nilGen *hot.Generation
	if _, err := nilGen.Target("views", "Draw"); err == nil || !strings.Contains(err.Error(), "no code loaded") {
		t.Errorf("nil generation: error %v", err)
	}
	e := mustNew(t)
	g := e.r.Current()
	tests := []struct {
		name, module, target string
		want                 string
	}{
		{"unknown module", "nope", "Draw", `module "nope" is not loaded`},
		{"unknown target", "views", "Nope", "target views.Nope is not in generation 0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := g.Target(tc.module, tc.target); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Target(%s, %s) error = %v, want %q", tc.module, tc.target, err, tc.want)
			}
		})
	}
	if _, err := hot.TargetFunc[func(int)](g, "views", "Draw"); err == nil || !strings.Contains(err.Error(), "is a func(*int), not a func(int)") {
		t.Errorf("TargetFunc with the wrong type: error %v", err)
	}
}

func TestReloadSuccess(t *testing.T) {
	e := mustNew(t)
	gen0 := e.r.Current()
	mustReload(t, e.r)

	g := e.r.Current()
	if g.N != 1 || g.Build <= 0 {
		t.Errorf("generation N=%d Build=%d, want 1 and a build number", g.N, g.Build)
	}
	for _, tc := range []struct {
		module, name string
		want         int
	}{{"views", "Draw", 1000}, {"views", "Menu", 1001}, {"panel", "Panel", 1002}} {
		if got := call(t, g, tc.module, tc.name); got != tc.want {
			t.Errorf("%s.%s wrote %d, want %d", tc.module, tc.name, got, tc.want)
		}
	}
	if got := call(t, gen0, "views", "Draw"); got != 100 {
		t.Errorf("generation 0 changed: Draw wrote %d, want 100", got)
	}
	st := e.r.Status()
	if st.IsError || st.Generation != 1 || st.Phase != hot.PhaseIdle || st.Busy {
		t.Errorf("Status = %+v", st)
	}
	s := st.Stats
	if s.Reloads != 1 || s.Successes != 1 || s.Failures != 0 || s.Coalesced != 0 {
		t.Errorf("Stats = %+v", s)
	}
	if s.LastBuild <= 0 || s.LastLoad <= 0 || s.LastSwap <= 0 {
		t.Errorf("Stats durations not measured: %+v", s)
	}
	if len(st.History) != 1 {
		t.Fatalf("History has %d records, want 1", len(st.History))
	}
	rec := st.History[0]
	if !rec.OK || rec.Generation != 1 || rec.Reason != hot.ReasonNone || rec.Error != "" || rec.When.IsZero() {
		t.Errorf("Record = %+v", rec)
	}
	if rec.Build <= 0 || rec.Load <= 0 || rec.Swap <= 0 {
		t.Errorf("Record durations not measured: %+v", rec)
	}
	if got, want := sorted(rec.Modules), []string{"panel", "views"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Record.Modules = %v, want %v", rec.Modules, want)
	}
	// Status hands out a copy of the history.
	st.History[0].Generation = 99
	if e.r.Status().History[0].Generation != 1 {
		t.Error("editing Status().History changed the reloader's history")
	}
}

func TestReloadOneModule(t *testing.T) {
	e := mustNew(t)
	if err := e.r.Reload("nope"); err == nil || !strings.Contains(err.Error(), `no module "nope"`) {
		t.Errorf(`Reload("nope") error = %v`, err)
	}
	if n := e.b.calls.Load(); n != 0 {
		t.Fatalf("Reload of an unknown module started %d builds", n)
	}
	if err := e.r.Reload("panel"); err != nil {
		t.Fatalf(`Reload("panel"): %v`, err)
	}
	mustWait(t, e.r)
	e.r.BeginFrame()
	e.r.EndFrame(nil)

	reqs := e.b.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d builds, want 1", len(reqs))
	}
	req := reqs[0]
	if got := moduleNames(req.Modules); !reflect.DeepEqual(got, []string{"panel"}) {
		t.Errorf("BuildRequest.Modules = %v, want [panel]", got)
	}
	if got := moduleNames(req.All); !reflect.DeepEqual(got, []string{"views", "panel"}) {
		t.Errorf("BuildRequest.All = %v, want [views panel]", got)
	}
	if req.ID <= 0 || req.Root != e.root || !strings.HasPrefix(req.WorkDir, e.r.WorkDir()+string(filepath.Separator)) {
		t.Errorf("BuildRequest = ID %d, Root %q, WorkDir %q", req.ID, req.Root, req.WorkDir)
	}
	g := e.r.Current()
	if g.N != 1 {
		t.Errorf("generation %d, want 1", g.N)
	}
	if got := call(t, g, "panel", "Panel"); got != 1002 {
		t.Errorf("panel.Panel wrote %d, want 1002 (reloaded)", got)
	}
	if got := call(t, g, "views", "Draw"); got != 100 {
		t.Errorf("views.Draw wrote %d, want 100 (not reloaded)", got)
	}
	if h := e.r.Status().History; len(h) != 1 || !reflect.DeepEqual(h[0].Modules, []string{"panel"}) {
		t.Errorf("History = %+v, want one record for [panel]", h)
	}
}

func TestReloadPhases(t *testing.T) {
	e := mustNew(t)
	e.b.entered = make(chan hot.BuildRequest, 1)
	e.b.release = make(chan struct{})
	e.l.entered = make(chan string, 1)
	e.l.release = make(chan struct{})
	// Drain a notification SetStatic may have left.
	select {
	case <-e.notify:
	default:
	}

	e.r.ReloadAll()
	mustRecv(t, e.notify, "a notification of the trigger")
	mustRecv(t, e.b.entered, "the build")
	st := e.r.Status()
	if !st.Busy || st.Phase != hot.PhaseBuilding || st.Since.IsZero() {
		t.Errorf("while building: Busy %v, Phase %q, Since %v", st.Busy, st.Phase, st.Since)
	}
	close(e.b.release)
	path := mustRecv(t, e.l.entered, "the load")
	if st := e.r.Status(); !st.Busy || st.Phase != hot.PhaseLoading {
		t.Errorf("while loading: Busy %v, Phase %q", st.Busy, st.Phase)
	}
	if want := filepath.Join(e.b.requests()[0].WorkDir, "plugin.so"); path != want {
		t.Errorf("loader got %q, want the builder's %q", path, want)
	}
	close(e.l.release)
	mustWait(t, e.r)
	if st := e.r.Status(); st.Busy || st.Phase != hot.PhaseReady || st.Generation != 0 {
		t.Errorf("after Wait: Busy %v, Phase %q, Generation %d; want false, %q, 0", st.Busy, st.Phase, st.Generation, hot.PhaseReady)
	}
	e.r.BeginFrame()
	if st := e.r.Status(); st.Phase != hot.PhaseIdle || st.Generation != 1 {
		t.Errorf("after BeginFrame: Phase %q, Generation %d; want %q, 1", st.Phase, st.Generation, hot.PhaseIdle)
	}
	e.r.EndFrame(nil)
}

// Triggers that arrive while a build of the same sources runs fold into
// it: one build, one load, one result.
func TestReloadCoalescesTriggers(t *testing.T) {
	e := mustNew(t)
	e.b.entered = make(chan hot.BuildRequest, 4)
	e.b.release = make(chan struct{})

	e.r.ReloadAll()
	first := mustRecv(t, e.b.entered, "the first build")
	for range 100 {
		e.r.ReloadAll()
	}
	if st := e.r.Status(); st.Stats.Coalesced != 100 || !st.Busy {
		t.Errorf("while the first build runs: Coalesced %d, Busy %v; want 100, true", st.Stats.Coalesced, st.Busy)
	}
	close(e.b.release)
	mustWait(t, e.r)
	e.r.BeginFrame()
	e.r.EndFrame(nil)

	if n := e.b.calls.Load(); n != 1 {
		t.Errorf("%d builds, want 1: the triggers asked for the sources being built", n)
	}
	if n := e.l.calls.Load(); n != 1 {
		t.Errorf("%d loads, want 1", n)
	}
	if got, want := sorted(moduleNames(first.Modules)), []string{"panel", "views"}; !reflect.DeepEqual(got, want) {
		t.Errorf("build's modules = %v, want %v", got, want)
	}
	st := e.r.Status()
	if st.Stats.Coalesced != 100 || st.Stats.Reloads != 1 || st.Stats.Successes != 1 || len(st.History) != 1 {
		t.Errorf("Stats = %+v, %d history records; want Coalesced 100, Reloads 1, Successes 1, 1 record", st.Stats, len(st.History))
	}
	if g := e.r.Current(); g.N != 1 || g.Build != first.ID || st.Generation != 1 {
		t.Errorf("generation N=%d Build=%d (status %d); want 1, %d", g.N, g.Build, st.Generation, first.ID)
	}

	// Once everything finished, a trigger starts a new build.
	mustReload(t, e.r)
	if n := e.b.calls.Load(); n != 2 {
		t.Errorf("%d builds after another trigger, want 2", n)
	}
	second := mustRecv(t, e.b.entered, "the second build")
	if second.ID <= first.ID || first.WorkDir == second.WorkDir {
		t.Errorf("build IDs %d, %d and work dirs %q, %q; want increasing IDs and distinct dirs", first.ID, second.ID, first.WorkDir, second.WorkDir)
	}
	st = e.r.Status()
	if st.Generation != 2 || st.Stats.Reloads != 2 || len(st.History) != 2 {
		t.Errorf("after the second build: Generation %d, Stats %+v, %d records", st.Generation, st.Stats, len(st.History))
	}
	if got := call(t, e.r.Current(), "views", "Draw"); got != 2000 {
		t.Errorf("views.Draw wrote %d, want 2000", got)
	}
}

// A build whose sources change while it runs, or while its plugin loads,
// is never swapped in: the newer sources are built, and those swap.
func TestStaleBuildIsNeverSwapped(t *testing.T) {
	tests := []struct {
		name     string
		during   string // "build" or "load": when the file is saved again
		wantLoad int32  // loads in all
	}{
		{"saved during the build", "build", 1},
		{"saved during the load", "load", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := mustNew(t)
			writeFile(t, e.root, "views/v.go", "package views // 1\n")
			e.b.entered = make(chan hot.BuildRequest, 4)
			if tc.during == "build" {
				e.b.release = make(chan struct{})
			} else {
				e.l.entered = make(chan string, 4)
				e.l.release = make(chan struct{})
			}
			e.r.ReloadAll()
			first := mustRecv(t, e.b.entered, "the first build")
			if tc.during == "load" {
				mustRecv(t, e.l.entered, "the first load")
			}
			writeFile(t, e.root, "views/v.go", "package views // 2\n")
			e.r.ReloadAll() // pressed again after saving
			if tc.during == "build" {
				close(e.b.release)
			} else {
				close(e.l.release)
			}
			mustWait(t, e.r)
			e.r.BeginFrame()
			e.r.EndFrame(nil)

			second := mustRecv(t, e.b.entered, "the build of the newer sources")
			if n := e.b.calls.Load(); n != 2 {
				t.Errorf("%d builds, want 2", n)
			}
			if n := e.l.calls.Load(); n != tc.wantLoad {
				t.Errorf("%d loads, want %d", n, tc.wantLoad)
			}
			if g := e.r.Current(); g.N != 1 || g.Build != second.ID || g.Build == first.ID {
				t.Errorf("generation %d from build %d; want generation 1 from build %d (not the stale %d)", g.N, g.Build, second.ID, first.ID)
			}
		})
	}
}

func TestReloadAfterClose(t *testing.T) {
	e := mustNew(t)
	e.b.entered = make(chan hot.BuildRequest, 1)
	e.b.release = make(chan struct{}) // never released: only Close ends the build
	e.b.ctxErr = make(chan error, 1)
	if err := os.MkdirAll(filepath.Join(e.r.WorkDir(), "b1"), 0o755); err != nil {
		t.Fatal(err)
	}

	e.r.ReloadAll()
	mustRecv(t, e.b.entered, "the build")
	if err := e.r.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := mustRecv(t, e.b.ctxErr, "the build's context to end"); !errors.Is(err, context.Canceled) {
		t.Errorf("build context ended with %v, want context.Canceled", err)
	}
	if _, err := os.Stat(e.r.WorkDir()); !os.IsNotExist(err) {
		t.Errorf("WorkDir still there after Close (stat: %v)", err)
	}
	e.r.ReloadAll()
	if err := e.r.Reload("views"); err != nil {
		t.Errorf("Reload after Close: %v", err)
	}
	if n := e.b.calls.Load(); n != 1 {
		t.Errorf("%d builds, want 1: triggers after Close must not build", n)
	}
	if st := e.r.Status(); st.Busy {
		t.Errorf("Busy after Close")
	}
}

type failCase struct {
	name  string
	opts  []envOption
	build func(ctx context.Context, req hot.BuildRequest) (string, error)
	load  func(path string) (map[string]hot.Symbols, error)

	reason   hot.Reason
	want     []string // substrings of Status().Error
	advances bool     // the generation is swapped in despite the problem
	broken   string   // a views target that must report an error naming it
}

func buildFails(err error) func(context.Context, hot.BuildRequest) (string, error) {
	return func(context.Context, hot.BuildRequest) (string, error) { return "", err }
}

func loadReturns(edit func(map[string]hot.Symbols)) func(string) (map[string]hot.Symbols, error) {
	return func(string) (map[string]hot.Symbols, error) {
		s := genSymbols(1)
		edit(s)
		return s, nil
	}
}

func setAPI(module string, v int) func(map[string]hot.Symbols) {
	return func(s map[string]hot.Symbols) { s[module] = hot.Symbols{APIVersion: v, Targets: s[module].Targets} }
}

func TestReloadFailures(t *testing.T) {
	tests := []failCase{
		{
			name:   "build error",
			build:  buildFails(&hot.BuildError{Output: "views/x.go:3:1: syntax error", Err: errors.New("exit status 1")}),
			reason: hot.ReasonBuild,
			want:   []string{"views/x.go:3:1", "syntax error", "the new code does not compile"},
		},
		{
			name:   "build error without output",
			build:  buildFails(errors.New("fork/exec: no such file")),
			reason: hot.ReasonBuild,
			want:   []string{"fork/exec: no such file"},
		},
		{
			name:   "builder reports a timeout",
			build:  buildFails(&hot.Error{Reason: hot.ReasonTimeout, What: "build cancelled: took too long", Hint: "try again"}),
			reason: hot.ReasonTimeout,
			want:   []string{"build cancelled: took too long", "try again"},
		},
		{
			name: "build runs past BuildTimeout",
			opts: []envOption{withBuildTimeout(20 * time.Millisecond)},
			build: func(ctx context.Context, _ hot.BuildRequest) (string, error) {
				<-ctx.Done()
				return "", &hot.BuildError{Output: "compiling views", Err: context.Cause(ctx)}
			},
			reason: hot.ReasonTimeout,
			want:   []string{"the build ran longer than 20ms", "compiling views"},
		},
		{
			name:   "load error",
			load:   func(string) (map[string]hot.Symbols, error) { return nil, errors.New("plugin.Open: not an ELF file") },
			reason: hot.ReasonLoad,
			want:   []string{"loading the new code failed", "not an ELF file"},
		},
		{
			name: "load reports an init panic",
			load: func(string) (map[string]hot.Symbols, error) {
				return nil, &hot.Error{Reason: hot.ReasonInitPanic, What: "a package init in the new code panicked: oops"}
			},
			reason: hot.ReasonInitPanic,
			want:   []string{"panicked: oops"},
		},
		{
			name:   "module missing from the plugin",
			load:   loadReturns(func(s map[string]hot.Symbols) { delete(s, "panel") }),
			reason: hot.ReasonLoad,
			want:   []string{`does not contain module "panel"`},
		},
		{
			name:   "api version newer than the host",
			load:   loadReturns(setAPI("views", 2)),
			reason: hot.ReasonAPIVersion,
			want:   []string{`module "views" is written for API 2`, "speaks API 1"},
		},
		{
			name:   "api version older than the host",
			load:   loadReturns(setAPI("panel", 0)),
			reason: hot.ReasonAPIVersion,
			want:   []string{`module "panel" is written for API 0`, "speaks API 1", "the code is older than the host"},
		},
		{
			name:     "missing target",
			load:     loadReturns(func(s map[string]hot.Symbols) { delete(s["views"].Targets, "Menu") }),
			reason:   hot.ReasonMissingTarget,
			want:     []string{"views.Menu", "missing"},
			advances: true,
			broken:   "Menu",
		},
		{
			name:     "nil target",
			load:     loadReturns(func(s map[string]hot.Symbols) { s["views"].Targets["Menu"] = nil }),
			reason:   hot.ReasonMissingTarget,
			want:     []string{"views.Menu"},
			advances: true,
			broken:   "Menu",
		},
		{
			name:     "wrong signature",
			load:     loadReturns(func(s map[string]hot.Symbols) { s["views"].Targets["Menu"] = func(int) {} }),
			reason:   hot.ReasonSignature,
			want:     []string{"views.Menu", "want func(*int)", "found func(int)"},
			advances: true,
			broken:   "Menu",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := mustNew(t, tc.opts...)
			gen0 := e.r.Current()
			e.b.setResult(tc.build)
			e.l.setLoad(tc.load)
			mustReload(t, e.r)

			st := e.r.Status()
			if !st.IsError || st.Reason != tc.reason {
				t.Errorf("IsError %v, Reason %q; want true, %q", st.IsError, st.Reason, tc.reason)
			}
			for _, w := range tc.want {
				if !strings.Contains(st.Error, w) {
					t.Errorf("Error %q does not contain %q", st.Error, w)
				}
			}
			if st.Stats.Failures != 1 || st.Stats.Successes != 0 || st.Stats.Reloads != 1 {
				t.Errorf("Stats = %+v, want 1 reload, 1 failure", st.Stats)
			}
			if len(st.History) != 1 || st.History[0].OK || st.History[0].Reason != tc.reason || st.History[0].Error != st.Error {
				t.Errorf("History = %+v", st.History)
			}

			g := e.r.Current()
			if tc.advances {
				if g.N != 1 || st.Generation != 1 || st.History[0].Generation != 1 {
					t.Errorf("generation %d (status %d), want 1", g.N, st.Generation)
				}
				if _, err := hot.TargetFunc[func(*int)](g, "views", tc.broken); err == nil || !strings.Contains(err.Error(), "views."+tc.broken) {
					t.Errorf("TargetFunc(views.%s) error = %v, want one naming it", tc.broken, err)
				}
				if got := call(t, g, "views", "Draw"); got != 1000 {
					t.Errorf("views.Draw wrote %d, want the new code's 1000", got)
				}
				if got := call(t, g, "panel", "Panel"); got != 1002 {
					t.Errorf("panel.Panel wrote %d, want the new code's 1002", got)
				}
			} else {
				if g != gen0 || st.Generation != 0 || st.History[0].Generation != 0 {
					t.Errorf("generation %d (status %d), want generation 0 unchanged", g.N, st.Generation)
				}
				for _, tg := range []struct {
					module, name string
					want         int
				}{{"views", "Draw", 100}, {"views", "Menu", 101}, {"panel", "Panel", 102}} {
					if got := call(t, g, tg.module, tg.name); got != tg.want {
						t.Errorf("%s.%s wrote %d, want the old code's %d", tg.module, tg.name, got, tg.want)
					}
				}
			}

			// The next good reload clears the error and adds a generation.
			e.b.setResult(nil)
			e.l.setLoad(func(string) (map[string]hot.Symbols, error) { return genSymbols(7), nil })
			mustReload(t, e.r)
			st2 := e.r.Status()
			if st2.IsError || st2.Error != "" || st2.Reason != hot.ReasonNone {
				t.Errorf("after a good reload: IsError %v, Reason %q, Error %q", st2.IsError, st2.Reason, st2.Error)
			}
			if st2.Generation != st.Generation+1 || st2.Stats.Successes != 1 || st2.Stats.Failures != 1 {
				t.Errorf("after a good reload: Generation %d (was %d), Stats %+v", st2.Generation, st.Generation, st2.Stats)
			}
			g = e.r.Current()
			if got := call(t, g, "views", "Menu"); got != 7001 {
				t.Errorf("views.Menu wrote %d, want 7001", got)
			}
			if len(g.Problems) != 0 {
				t.Errorf("Problems = %v after a good reload", g.Problems)
			}
		})
	}
}

func TestFirstFramePanicRollsBack(t *testing.T) {
	e := mustNew(t)
	gen0 := e.r.Current()
	e.r.ReloadAll()
	mustWait(t, e.r)
	e.r.BeginFrame()
	if g := e.r.Current(); g.N != 1 || call(t, g, "views", "Draw") != 1000 {
		t.Fatalf("BeginFrame did not swap generation 1 in: %+v", g)
	}
	// The new code writes the state during its first frame, then panics.
	e.st.Count = 99
	e.st.Items[0] = "mutated"
	e.st.Items = append(e.st.Items, "added")
	e.st.Tree["x"][0] = -1
	e.st.Tree["new"] = []int{5}
	e.st.Other = []string{"not a state key"}
	if !e.r.OnProbation() {
		t.Fatal("a freshly swapped generation is not on probation")
	}
	if !e.r.EndFrame([]error{errBoom}) {
		t.Error("EndFrame did not report the rollback")
	}

	if g := e.r.Current(); g != gen0 {
		t.Errorf("Current = generation %d, want generation 0 back", g.N)
	}
	if got := call(t, e.r.Current(), "views", "Draw"); got != 100 {
		t.Errorf("views.Draw wrote %d, want the old code's 100", got)
	}
	want := newAppState()
	want.Other = []string{"not a state key"}
	if !reflect.DeepEqual(*e.st, want) {
		t.Errorf("state after rollback\n got %#v\nwant %#v", *e.st, want)
	}
	st := e.r.Status()
	if !st.IsError || st.Reason != hot.ReasonFirstFramePanic || st.Generation != 0 {
		t.Errorf("IsError %v, Reason %q, Generation %d; want true, %q, 0", st.IsError, st.Reason, st.Generation, hot.ReasonFirstFramePanic)
	}
	for _, w := range []string{"boom", "rolled back to generation 0"} {
		if !strings.Contains(st.Error, w) {
			t.Errorf("Error %q does not contain %q", st.Error, w)
		}
	}
	if st.Stats.Failures != 1 || len(st.History) != 1 || st.History[0].Generation != 0 || st.History[0].Reason != hot.ReasonFirstFramePanic {
		t.Errorf("Stats %+v, History %+v", st.Stats, st.History)
	}

	// The next reload is generation 1 again and confirms.
	mustReload(t, e.r)
	st = e.r.Status()
	if st.IsError || st.Generation != 1 || e.r.Current().N != 1 {
		t.Fatalf("after a good reload: IsError %v, Generation %d", st.IsError, st.Generation)
	}

	// A panic in a later frame is no rollback.
	g1 := e.r.Current()
	e.r.BeginFrame()
	e.st.Count = 55
	if e.r.EndFrame([]error{errors.New("view exploded")}) {
		t.Error("a later panic was reported as a rollback")
	}
	st = e.r.Status()
	if st.IsError || st.Stats.ViewPanics != 1 {
		t.Errorf("later panic: IsError %v, ViewPanics %d; want false (the host shows it in the view), 1", st.IsError, st.Stats.ViewPanics)
	}
	if e.r.Current() != g1 || st.Generation != 1 {
		t.Errorf("later panic changed the generation to %d", st.Generation)
	}
	if e.st.Count != 55 {
		t.Errorf("later panic restored the state: Count = %d, want 55", e.st.Count)
	}
}

func TestErrorText(t *testing.T) {
	inner := errors.New("exit status 2")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"what only", &hot.Error{What: "it failed"}, "it failed"},
		{"what and err", &hot.Error{What: "it failed", Err: inner}, "it failed: exit status 2"},
		{"detail replaces err", &hot.Error{What: "it failed", Detail: "  x.go:1: bad\n", Err: inner}, "it failed\nx.go:1: bad"},
		{"hint", &hot.Error{What: "it failed", Hint: "fix it"}, "it failed\n→ fix it"},
		{"build error with output", &hot.BuildError{Output: "\nviews/a.go:1:2: bad\n", Err: inner}, "go build failed:\nviews/a.go:1:2: bad"},
		{"build error without output", &hot.BuildError{Output: " \n", Err: inner}, "go build failed: exit status 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
	if !errors.Is(&hot.Error{Err: inner}, inner) || !errors.Is(&hot.BuildError{Err: inner}, inner) {
		t.Error("Unwrap does not reach the wrapped error")
	}
}

// TestExplainWordsErrors: the host's Explain sees every failure with its
// reason and facts before it is shown, and its words are what Status and
// the history carry, for build, load and verification failures alike.
func TestExplainWordsErrors(t *testing.T) {
	tests := []struct {
		name   string
		build  func(context.Context, hot.BuildRequest) (string, error)
		load   func(string) (map[string]hot.Symbols, error)
		reason hot.Reason
	}{
		{"build", buildFails(&hot.BuildError{Output: "views/x.go:3:1: syntax error", Err: errors.New("exit status 1")}), nil, hot.ReasonBuild},
		{"api version", nil, loadReturns(setAPI("views", 2)), hot.ReasonAPIVersion},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var seen []*hot.Error
			e := mustNew(t, func(c *hot.Config, _ *env) {
				c.Explain = func(err *hot.Error) {
					seen = append(seen, err)
					err.Hint = "host words for " + string(err.Reason)
				}
			})
			if tc.build != nil {
				e.b.setResult(tc.build)
			}
			if tc.load != nil {
				e.l.setLoad(tc.load)
			}
			mustReload(t, e.r)
			st := e.r.Status()
			if len(seen) == 0 || seen[0].Reason != tc.reason {
				t.Fatalf("Explain saw %v, want a %q error", seen, tc.reason)
			}
			want := "→ host words for " + string(tc.reason)
			if !strings.HasSuffix(st.Error, want) {
				t.Errorf("Status().Error = %q, want it to end with %q", st.Error, want)
			}
			if h := st.History[len(st.History)-1]; !strings.HasSuffix(h.Error, want) {
				t.Errorf("history error = %q, want it to end with %q", h.Error, want)
			}
			if strings.Contains(strings.ToLower(st.Error), "slopgui") {
				t.Errorf("hot's own words name the program: %q", st.Error)
			}
		})
	}
}

func TestRollbackToLoadedGeneration(t *testing.T) {
	e := mustNew(t)
	mustReload(t, e.r)
	mustReload(t, e.r)
	if g := e.r.Current(); g.N != 2 {
		t.Fatalf("generation %d after two reloads, want 2", g.N)
	}
	var ns []int
	for _, g := range e.r.Generations() {
		ns = append(ns, g.N)
	}
	if !reflect.DeepEqual(ns, []int{0, 1, 2}) {
		t.Fatalf("Generations = %v, want [0 1 2]", ns)
	}
	if err := e.r.Rollback(7); err == nil || !strings.Contains(err.Error(), "generation 7 is not loaded") {
		t.Errorf("Rollback(7) = %v, want an error naming the generation", err)
	}
	if err := e.r.Rollback(2); err == nil || !strings.Contains(err.Error(), "already running") {
		t.Errorf("Rollback(2) = %v, want already running", err)
	}

	// Roll back to generation 1: the state is captured before the swap.
	if err := e.r.Rollback(1); err != nil {
		t.Fatal(err)
	}
	e.r.BeginFrame()
	if g := e.r.Current(); g.N != 1 || call(t, g, "views", "Draw") != 1000 {
		t.Fatalf("after Rollback(1): generation %d", g.N)
	}
	e.st.Count = 42
	if e.r.EndFrame([]error{errBoom}) != true {
		t.Fatal("a rollback whose first frame panics is not undone")
	}
	if g := e.r.Current(); g.N != 2 || e.st.Count != 7 {
		t.Fatalf("after a panicking rollback: generation %d, Count %d; want 2 and the captured 7", g.N, e.st.Count)
	}
	st := e.r.Status()
	if !st.IsError || st.Reason != hot.ReasonFirstFramePanic {
		t.Errorf("panicking rollback: IsError %v Reason %q", st.IsError, st.Reason)
	}

	// A rollback that draws confirms, and is recorded without a build.
	if err := e.r.Rollback(0); err != nil {
		t.Fatal(err)
	}
	e.r.BeginFrame()
	if e.r.EndFrame(nil) {
		t.Fatal("a good rollback was undone")
	}
	st = e.r.Status()
	if st.Generation != 0 || st.IsError || st.Stats.Rollbacks != 2 || st.Stats.Reloads != 2 {
		t.Fatalf("after Rollback(0): generation %d, error %q, stats %+v", st.Generation, st.Error, st.Stats)
	}
	last := st.History[len(st.History)-1]
	if !last.Rollback || !last.OK || last.Generation != 0 || last.Build != 0 {
		t.Errorf("rollback record = %+v", last)
	}

	// The next reload gets a new number; it does not reuse 1 or 2.
	mustReload(t, e.r)
	if g := e.r.Current(); g.N != 3 || g.Prev.N != 0 {
		t.Errorf("reload after rollback: generation %d (prev %d), want 3 replacing 0", g.N, g.Prev.N)
	}
}
