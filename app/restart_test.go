package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/handover"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/state"
)

// newRestartedApp starts an App from a handover (and crash report) the
// way Main does after a hot restart or a crash.
func newRestartedApp(t *testing.T, h *handover.Handover, crash *handover.Crash) (*app.App, app.StatusReport) {
	t.Helper()
	return newRestartedAppIn(t, t.TempDir(), h, crash)
}

// newRestartedAppIn is newRestartedApp with the restart directory given
// (it may hold a generations marker).
func newRestartedAppIn(t *testing.T, dir string, h *handover.Handover, crash *handover.Crash) (*app.App, app.StatusReport) {
	t.Helper()
	rc := app.RestartConfig{Dir: dir, Binary: "/bin/this-slopgui"}
	if h != nil {
		rc.Handover = filepath.Join(dir, "handover.json")
		if err := handover.WriteFile(rc.Handover, h); err != nil {
			t.Fatal(err)
		}
	}
	if crash != nil {
		rc.Crash = filepath.Join(dir, "crash.json")
		if err := handover.WriteCrash(rc.Crash, crash); err != nil {
			t.Fatal(err)
		}
	}
	status := filepath.Join(dir, "status.json")
	a, err := app.New(app.Config{WorkDir: t.TempDir(), Restart: rc, StatusFile: status})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	hc := headless.New(t, 1280, 800)
	if err := hc.Frames(2, a.Frame); err != nil {
		t.Fatal(err)
	}
	app.SyncStatus(a)
	var r app.StatusReport
	b, err := os.ReadFile(status)
	if err != nil || json.Unmarshal(b, &r) != nil {
		t.Fatalf("status file: %v %s", err, b)
	}
	return a, r
}

func stateOf(t *testing.T, ui state.UI) map[string]json.RawMessage {
	t.Helper()
	snap, err := hot.CaptureState(&app.App{UI: ui}, app.StateKeys)
	if err != nil {
		t.Fatal(err)
	}
	vals := map[string]any{}
	for k, v := range snap {
		vals[k] = v
	}
	m, err := handover.EncodeState(vals)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Every state key comes back, session-only ones included, with the reload
// history; generations continue from the carried number.
func TestRestoreFromHandover(t *testing.T) {
	ui := state.Sample(time.Now())
	ui.ComposerText = "half typed, never saved"
	ui.Forms.NewFilePattern = "src/**/*.go"
	ui.Dialogs.About = true
	ui.ShowWindows[state.WindowAI] = false
	ui.Theme = "NERV"
	h := &handover.Handover{Kind: handover.KindRestart, Reason: "stable code changed (theme)", State: stateOf(t, ui),
		Triggered:   time.Now().Add(-3 * time.Second),
		History:     []handover.Record{{Generation: 1, OK: true}, {Generation: 2, OK: true}},
		Stats:       handover.Stats{Reloads: 2, Successes: 2},
		Generations: []handover.Generation{{N: 0}, {N: 2}}}
	a, r := newRestartedApp(t, h, nil)
	if a.ComposerText != ui.ComposerText || a.Forms != ui.Forms || a.Dialogs != ui.Dialogs ||
		a.ShowWindows[state.WindowAI] || a.Theme != "NERV" || len(a.Discussions) != len(ui.Discussions) {
		t.Fatalf("state not restored: %+v", a.UI)
	}
	if r.Generation != 2 || r.Reloads != 2 || r.Restarts != 1 || r.Restarted != h.Reason || r.RestartMs < 3000 {
		t.Fatalf("status after restart: %+v", r)
	}
}

// After a crash the generation that was running is dropped: with no plugin
// left for this binary, the linked-in views run and the message says so;
// in safe mode too, and the crash is shown.
func TestCrashRollsBack(t *testing.T) {
	ui := state.Sample(time.Now())
	ui.ComposerText = "typed before the crash"
	for _, tc := range []struct {
		name    string
		gens    []handover.Generation
		crash   handover.Crash
		wantGen int
		want    string
	}{
		{"back to the linked-in views", []handover.Generation{{N: 0}, {N: 1, Build: 1, Plugin: "/x/b1.so", Binary: "/bin/this-slopgui"}},
			handover.Crash{What: "panic: boom", Detail: "views/zz.go:12", Recent: 1}, 0, "rolled back to generation 0"},
		{"a plugin of another binary is not loaded", []handover.Generation{{N: 0}, {N: 1, Build: 1, Plugin: "/x/b1.so", Binary: "/bin/other"}, {N: 2, Build: 2}},
			handover.Crash{What: "exit status 3", Recent: 1}, 0, "another slopgui binary"},
		{"safe mode", []handover.Generation{{N: 3}},
			handover.Crash{What: "killed by signal 9", Recent: 3, SafeMode: true}, 0, "Too many crashes"},
		// A swap written as a marker only (the state was in the snapshot
		// already): the chain is the marker's, and generation 2 is blamed.
		{"a swap the snapshot has not seen", nil,
			handover.Crash{What: "panic: boom", Recent: 1}, 0, "Generation 2 was running when it crashed: rolled back to generation 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			written := time.Now().Add(-time.Minute)
			h := &handover.Handover{Kind: handover.KindSnapshot, Written: written, State: stateOf(t, ui), Generations: tc.gens}
			dir := t.TempDir()
			if tc.gens == nil {
				h.Generations = []handover.Generation{{N: 0}, {N: 1, Build: 1, Plugin: "/x/b1.so", Binary: "/bin/this-slopgui"}}
				m := handover.Marker{Written: written.Add(time.Second), Generations: append(h.Generations, handover.Generation{N: 2, Build: 2})}
				if err := handover.WriteMarker(filepath.Join(dir, handover.MarkerFile), m); err != nil {
					t.Fatal(err)
				}
			}
			a, r := newRestartedAppIn(t, dir, h, &tc.crash)
			if a.ComposerText != ui.ComposerText {
				t.Errorf("composer: %q", a.ComposerText)
			}
			if r.Generation != tc.wantGen || r.Crashes != 1 || r.Notice != "slopgui crashed and was restarted" ||
				!strings.Contains(r.NoticeText, tc.crash.What) || !strings.Contains(r.NoticeText, tc.want) {
				t.Fatalf("generation %d, crashes %d, notice %q:\n%s", r.Generation, r.Crashes, r.Notice, r.NoticeText)
			}
		})
	}
}

// A corrupt handover is reported, moved aside (not deleted), and the app
// starts from its project as if there were none.
func TestCorruptHandoverMovedAside(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "handover.json")
	os.WriteFile(bad, []byte(`{"version":1,"state":{`), 0o600)
	status := filepath.Join(dir, "status.json")
	a, err := app.New(app.Config{WorkDir: t.TempDir(), StatusFile: status,
		Restart: app.RestartConfig{Dir: dir, Handover: bad}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := headless.New(t, 1280, 800).Frames(1, a.Frame); err != nil {
		t.Fatal(err)
	}
	app.SyncStatus(a)
	b, _ := os.ReadFile(status)
	if !strings.Contains(string(b), "could not be read") {
		t.Fatalf("not reported: %s", b)
	}
	if m, _ := filepath.Glob(bad + ".corrupt-*"); len(m) != 1 {
		t.Fatalf("not moved aside: %v", m)
	}
}

// A supervised app's crash snapshot is written again only when something
// in it changed: a large project's snapshot took over a second of
// encoding every 3 s while the app sat idle.
func TestSnapshotRewrittenOnlyOnChange(t *testing.T) {
	for _, tc := range []struct {
		name    string
		change  bool
		wantNew bool // the last snapshot is the later one
	}{{"unchanged", false, false}, {"typed", true, true}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			t0 := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
			clock := &clock{now: t0}
			a, err := app.New(app.Config{WorkDir: t.TempDir(), Now: clock.Now,
				Restart: app.RestartConfig{Dir: dir, Supervised: true, Binary: "/bin/this-slopgui"}})
			if err != nil {
				t.Fatal(err)
			}
			hc := headless.New(t, 1280, 800)
			if err := hc.Frames(1, a.Frame); err != nil { // the first frame's snapshot
				t.Fatal(err)
			}
			// Written before the next is made, or the next replaces it in the
			// writer's slot.
			for end := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
				if _, err := os.Stat(filepath.Join(dir, "snapshot.json")); err == nil {
					break
				} else if time.Now().After(end) {
					t.Fatalf("the first frame's snapshot was not written in 10 s: %v", err)
				}
			}
			for range 3 { // each past the interval of snapshots when nothing happens
				clock.Add(5 * time.Second)
				if tc.change {
					a.ComposerText += "x"
				}
				if err := hc.Frames(1, a.Frame); err != nil {
					t.Fatal(err)
				}
			}
			a.Close() // the snapshots handed over are written
			h, err := handover.ReadFile(filepath.Join(dir, "snapshot.json"))
			if err != nil {
				t.Fatal(err)
			}
			var ui state.UI
			if _, err := handover.DecodeState(&ui, h.State); err != nil {
				t.Fatal(err)
			}
			if got := !h.Written.Equal(t0); got != tc.wantNew || (tc.change && ui.ComposerText != "xxx") {
				t.Errorf("snapshot written at %v with composer %q; want the later one: %v", h.Written, ui.ComposerText, tc.wantNew)
			}
		})
	}
}

// At a swap, a state already snapshotted is not written again on the
// render thread: only the chain of generations is (the marker). A state
// changed since is written whole at once, as a crash in the new code's
// first frame must find it.
func TestSwapWritesMarkerOrSnapshot(t *testing.T) {
	for _, tc := range []struct {
		name       string
		typed      bool
		wantMarker bool
	}{{"state already in a snapshot", false, true}, {"typed just before", true, false}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			clock := &clock{now: time.Now()}
			fb := fakeBuild{targetsWith(func(*contract.Frame) {})}
			a, err := app.New(app.Config{SourceRoot: t.TempDir(), WorkDir: t.TempDir(), Builder: fb, Loader: fb,
				Now:     clock.Now,
				Restart: app.RestartConfig{Dir: dir, Supervised: true, Binary: "/bin/this-slopgui"}})
			if err != nil {
				t.Fatal(err)
			}
			hc := headless.New(t, 1280, 800)
			if err := hc.Frames(2, a.Frame); err != nil {
				t.Fatal(err)
			}
			clock.Add(5 * time.Second) // a snapshot of the settled state, handed to the writer
			if err := hc.Frames(1, a.Frame); err != nil {
				t.Fatal(err)
			}
			if tc.typed {
				a.ComposerText = "typed just before the reload"
			}
			reloadAndDraw(t, a, hc)
			_, err = os.Stat(filepath.Join(dir, handover.MarkerFile))
			if gotMarker := err == nil; gotMarker != tc.wantMarker {
				t.Errorf("marker written: %v, want %v", gotMarker, tc.wantMarker)
			}
			if !tc.wantMarker { // the snapshot written at the swap holds the typing and the new generation
				h, err := handover.ReadFile(filepath.Join(dir, "snapshot.json"))
				if err != nil {
					t.Fatal(err)
				}
				var ui state.UI
				handover.DecodeState(&ui, h.State)
				if n := len(h.Generations); ui.ComposerText != a.ComposerText || n == 0 || h.Generations[n-1].N != 1 {
					t.Errorf("snapshot at the swap: composer %q, generations %+v", ui.ComposerText, h.Generations)
				}
			}
			a.Close()
			// Either way, the snapshot the writer leaves names generation 1.
			h, err := handover.ReadFile(filepath.Join(dir, "snapshot.json"))
			if err != nil {
				t.Fatal(err)
			}
			if n := len(h.Generations); n == 0 || h.Generations[n-1].N != 1 {
				t.Errorf("last snapshot's generations %+v, want generation 1 last", h.Generations)
			}
		})
	}
}
