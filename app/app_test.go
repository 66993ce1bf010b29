package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/rulesmod"
	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/views"
	"github.com/slopgui/slopgui/views/discussion"
)

// mustNewApp returns an App whose reloads come from the source tree root
// ("" disables reloading).
func mustNewApp(tb testing.TB, root string) *app.App {
	tb.Helper()
	a, err := app.New(app.Config{SourceRoot: root, WorkDir: tb.TempDir(), BuildTimeout: 20 * time.Minute})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { a.Close() })
	return a
}

// The whole window, chrome and every view, renders without a window.
func TestFrameRendersHeadless(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	a := mustNewApp(t, "")
	if err := hc.Frames(3, a.Frame); err != nil {
		t.Fatal(err)
	}
	if hc.DrawnVertices() == 0 {
		t.Fatal("nothing drawn")
	}
	if st := a.Reloader().Status(); st.IsError || st.Generation != 0 {
		t.Fatalf("fresh app: generation %d, error %q", st.Generation, st.Error)
	}
}

// Every field of state.UI is a registered state key: a field missing from
// the inventory would be lost by a failed reload's rollback.
func TestStateKeysCoverUI(t *testing.T) {
	keys := map[string]bool{}
	for _, k := range app.StateKeys {
		keys[k] = true
	}
	ui := reflect.TypeFor[state.UI]()
	for i := range ui.NumField() {
		if f := ui.Field(i); !keys[f.Name] {
			t.Errorf("state.UI.%s is not in app.StateKeys", f.Name)
		}
	}
	if err := hot.CheckStateKeys(&app.App{}, app.StateKeys); err != nil {
		t.Fatal(err)
	}
}

// With no source tree, a trigger reports how to get one, and nothing
// else changes.
func TestReloadWithoutSourceTreeExplains(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	a := mustNewApp(t, "")
	a.ReloadAll()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := a.Reloader().Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if err := hc.Frames(2, a.Frame); err != nil {
		t.Fatal(err)
	}
	st := a.Reloader().Status()
	if !st.IsError || st.Reason != hot.ReasonSources || !strings.Contains(st.Error, "-src") {
		t.Fatalf("status = %+v", st)
	}
	if st.Generation != 0 {
		t.Fatalf("generation = %d, want 0", st.Generation)
	}
}

// fakeBuild stands in for go build: the "plugin" is a set of functions.
type fakeBuild struct{ targets map[string]any }

func (fakeBuild) Build(context.Context, hot.BuildRequest) (string, error) { return "fake.so", nil }

func (f fakeBuild) Load(string) (map[string]hot.Symbols, error) {
	return map[string]hot.Symbols{"views": {APIVersion: contract.APIVersion, Targets: f.targets}, rulesmod.Name: rulesmod.Static()}, nil
}

// targetsWith returns the real views' targets with DiscussionHub replaced.
func targetsWith(hub contract.View) map[string]any {
	t := map[string]any{}
	for k, v := range views.Targets {
		t[k] = v
	}
	t["DiscussionHub"] = hub
	return t
}

func mustNewFakeApp(tb testing.TB, fb fakeBuild) *app.App {
	tb.Helper()
	a, err := app.New(app.Config{SourceRoot: tb.TempDir(), WorkDir: tb.TempDir(), Builder: fb, Loader: fb})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { a.Close() })
	return a
}

func reloadAndDraw(tb testing.TB, a *app.App, hc *headless.Context) {
	tb.Helper()
	a.ReloadAll()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := a.Reloader().Wait(ctx); err != nil {
		tb.Fatal(err)
	}
	if err := hc.Frames(2, a.Frame); err != nil {
		tb.Fatal(err)
	}
}

// New code that panics in its first frame is rolled back: the previous
// generation runs again and the state it scribbled on is restored.
func TestFirstFramePanicRollsBack(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	a := mustNewFakeApp(t, fakeBuild{targetsWith(func(f *contract.Frame) {
		f.UI.ComposerText = "written by broken code"
		f.UI.Discussions = nil
		panic("boom in first frame")
	})})
	if err := hc.Frames(2, a.Frame); err != nil {
		t.Fatal(err)
	}
	a.ComposerText = "typed by the user"
	before := a.UI
	reloadAndDraw(t, a, hc)

	st := a.Reloader().Status()
	if st.Generation != 0 || st.Reason != hot.ReasonFirstFramePanic || !strings.Contains(st.Error, "boom in first frame") {
		t.Fatalf("status = gen %d, reason %q, error %q", st.Generation, st.Reason, st.Error)
	}
	if !reflect.DeepEqual(a.UI, before) {
		t.Fatalf("state not restored:\n got %+v\nwant %+v", a.UI, before)
	}
}

// A panic in a later frame stays inside its view: the frame completes,
// ImGui's stacks stay balanced, the view falls back to the last generation
// whose code works and shows the error; the other views keep the new code.
func TestLaterPanicFallsBack(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	var calls []string
	targets := targetsWith(func(f *contract.Frame) {
		calls = append(calls, "new hub")
		if f.UI.ComposerText == "boom" {
			g.Window("half drawn").Layout(g.Custom(func() { panic("boom in a later frame") }))
		}
		discussion.DiscussionHub(f)
	})
	targets["MMADashboard"] = func(f *contract.Frame) { calls = append(calls, "new mma") }
	a := mustNewFakeApp(t, fakeBuild{targets})
	reloadAndDraw(t, a, hc)
	if st := a.Reloader().Status(); st.Generation != 1 || st.IsError {
		t.Fatalf("good reload: %+v", st)
	}
	a.ComposerText = "boom"
	calls = nil
	for range 5 {
		if err := hc.Frame(a.Frame); err != nil {
			t.Fatalf("a view's panic escaped the frame: %v", err)
		}
	}
	// The new hub ran once (and panicked); afterwards generation 0's hub
	// draws it, while the new MMA dashboard keeps running every frame.
	hub, mma := 0, 0
	for _, c := range calls {
		switch c {
		case "new hub":
			hub++
		case "new mma":
			mma++
		}
	}
	if hub != 1 || mma != 5 {
		t.Fatalf("new hub ran %d times (want 1), new MMA %d times (want 5)", hub, mma)
	}
	st := a.Reloader().Status()
	if st.Generation != 1 || st.Stats.ViewPanics != 1 || st.IsError {
		t.Fatalf("status = gen %d, view panics %d, IsError %v", st.Generation, st.Stats.ViewPanics, st.IsError)
	}
	if hc.DrawnVertices() == 0 {
		t.Fatal("nothing drawn")
	}
}

// Issue 12 case 6: a view that changes state and then panics in a later
// frame (as inside a click handler) leaves the state exactly as it was at
// the start of that frame; nothing half-applied is autosaved (the hidden
// windows never reach config.toml); the status shows the view fault until
// the next good reload.
func TestLaterPanicRestoresFrameStart(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	clk := newClock()
	targets := targetsWith(func(f *contract.Frame) {
		if f.UI.ComposerText == "boom" {
			for w := range f.UI.ShowWindows {
				f.UI.ShowWindows[w] = false // windows vanish…
			}
			f.UI.Theme = "NERV"
			f.UI.Discussions[0].Entries[0].Text = "half applied"
			f.UI.Discussions = append(f.UI.Discussions, state.Discussion{Name: "half"})
			panic("boom after changing state") // …and the change is half done
		}
		discussion.DiscussionHub(f)
	})
	cfgDir := t.TempDir()
	status := filepath.Join(t.TempDir(), "status.json")
	fb := fakeBuild{targets}
	a, err := app.New(app.Config{SourceRoot: t.TempDir(), WorkDir: t.TempDir(), Builder: fb, Loader: fb,
		ConfigDir: cfgDir, ProjectPath: filepath.Join(t.TempDir(), "p.toml"), Now: clk.Now, StatusFile: status})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	reloadAndDraw(t, a, hc)
	if st := a.Reloader().Status(); st.Generation != 1 || st.IsError {
		t.Fatalf("good reload: %+v", st)
	}
	a.ComposerText = "boom"
	want := a.UI.Clone()
	if err := hc.Frame(a.Frame); err != nil {
		t.Fatalf("a view's panic escaped the frame: %v", err)
	}
	if !reflect.DeepEqual(a.UI, want) {
		t.Fatalf("state after the panic differs from the frame's start:\n got %+v\nwant %+v", a.UI, want)
	}
	frames(t, hc, a, clk, 15, 200*time.Millisecond) // autosave runs
	if err := app.SaveForTest(a); err != nil {
		t.Fatal(err)
	}
	var cfg persist.Config
	cfg.ShowWindows = want.ShowWindows // nothing written is nothing half-applied
	if err := persist.Load(filepath.Join(cfgDir, "config.toml"), &cfg); err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	for w, shown := range want.ShowWindows {
		if cfg.ShowWindows[w] != shown {
			t.Errorf("config.toml stores %s shown=%v, want %v", w, cfg.ShowWindows[w], shown)
		}
	}
	if cfg.Theme == "NERV" {
		t.Error("the half-applied theme was saved")
	}
	app.SyncStatus(a)
	r := readStatus(t, status)
	if !strings.Contains(r.ViewFault, "DiscussionHub") {
		t.Fatalf("status file: view fault %q", r.ViewFault)
	}
	if line := app.StatusLineForTest(a); !strings.Contains(line, "VIEW FAILED") || strings.Contains(line, "last reload OK") {
		t.Fatalf("status line %q", line)
	}
	// The next good reload clears it.
	fb.targets["DiscussionHub"] = discussion.DiscussionHub
	reloadAndDraw(t, a, hc)
	if line := app.StatusLineForTest(a); strings.Contains(line, "VIEW FAILED") || !strings.Contains(line, "last reload OK") {
		t.Fatalf("after a good reload: status line %q", line)
	}
}

func readStatus(tb testing.TB, path string) app.StatusReport {
	tb.Helper()
	var r app.StatusReport
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		tb.Fatal(err)
	}
	return r
}
