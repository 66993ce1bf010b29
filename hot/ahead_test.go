package hot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/hot"
)

// withAhead sets how the watcher builds and loads ahead.
func withAhead(settle, loadAfter time.Duration, maxLoads int) envOption {
	return func(c *hot.Config, _ *env) {
		c.SettleDelay, c.LoadAheadAfter, c.MaxAheadLoads = settle, loadAfter, maxLoads
		c.Now = time.Now // quiet periods are real time
	}
}

// mustWatch starts the watcher.
func mustWatch(tb testing.TB, e *env) {
	tb.Helper()
	if err := e.r.Watch(); err != nil {
		tb.Fatalf("Watch: %v", err)
	}
}

// A burst of saves is one ahead build; it swaps nothing by itself; the
// trigger then swaps it without building again.
func TestAheadBuildOnePerBurst(t *testing.T) {
	e := mustNew(t, withAhead(300*time.Millisecond, -1, 0))
	mustWatch(t, e)
	for i := range 10 {
		writeFile(t, e.root, "views/v.go", "package views // "+string(rune('a'+i))+"\n")
	}
	eventually(t, "the ahead build to be ready", func() bool { return e.r.Status().Ahead.Ready })
	mustWait(t, e.r)
	if n := e.b.calls.Load(); n != 1 {
		t.Errorf("%d builds for one burst of saves, want 1", n)
	}
	st := e.r.Status()
	if st.Generation != 0 || st.Busy || st.Stats.AheadBuilds != 1 || st.Ahead.Loaded {
		t.Errorf("after the ahead build: Generation %d, Busy %v, AheadBuilds %d, Loaded %v; want 0, false, 1, false (loading ahead is off)",
			st.Generation, st.Busy, st.Stats.AheadBuilds, st.Ahead.Loaded)
	}
	mustReload(t, e.r)
	if n := e.b.calls.Load(); n != 1 {
		t.Errorf("%d builds after the trigger, want 1: the ready build is swapped", n)
	}
	if st := e.r.Status(); st.Generation != 1 || st.IsError || !st.History[0].Ahead {
		t.Errorf("after the trigger: Generation %d, IsError %v, Ahead %v; want 1, false, true", st.Generation, st.IsError, st.History[0].Ahead)
	}
}

// A trigger during an ahead build waits for it instead of starting
// another.
func TestTriggerDuringAheadBuildWaitsForIt(t *testing.T) {
	e := mustNew(t, withAhead(20*time.Millisecond, -1, 0))
	e.b.entered = make(chan hot.BuildRequest, 4)
	e.b.release = make(chan struct{})
	mustWatch(t, e)
	writeFile(t, e.root, "views/v.go", "package views\n")
	req := mustRecv(t, e.b.entered, "the ahead build")
	if st := e.r.Status(); st.Busy || !st.Ahead.Building {
		t.Errorf("during the ahead build: Busy %v, Ahead.Building %v; want false, true", st.Busy, st.Ahead.Building)
	}
	e.r.ReloadAll()
	if st := e.r.Status(); !st.Busy || st.Stats.Coalesced != 1 {
		t.Errorf("trigger during the ahead build: Busy %v, Coalesced %d; want true, 1", st.Busy, st.Stats.Coalesced)
	}
	close(e.b.release)
	mustWait(t, e.r)
	e.r.BeginFrame()
	e.r.EndFrame(nil)
	if n := e.b.calls.Load(); n != 1 {
		t.Errorf("%d builds, want 1", n)
	}
	if g := e.r.Current(); g.N != 1 || g.Build != req.ID {
		t.Errorf("generation %d from build %d, want 1 from %d", g.N, g.Build, req.ID)
	}
}

// Saving again while an ahead build runs cancels it: it could never be
// swapped in. The newer sources are built.
func TestAheadBuildOfOlderSourcesIsCancelled(t *testing.T) {
	e := mustNew(t, withAhead(20*time.Millisecond, -1, 0))
	e.b.entered = make(chan hot.BuildRequest, 4)
	e.b.ctxErr = make(chan error, 4)
	block := make(chan struct{})
	e.b.release = block
	mustWatch(t, e)
	writeFile(t, e.root, "views/v.go", "package views // 1\n")
	mustRecv(t, e.b.entered, "the first ahead build")
	writeFile(t, e.root, "views/v.go", "package views // 2\n")
	if err := mustRecv(t, e.b.ctxErr, "the first build to be cancelled"); err == nil {
		t.Fatal("the first build's context ended without an error")
	}
	second := mustRecv(t, e.b.entered, "the build of the newer sources")
	close(block)
	eventually(t, "the newer build to be ready", func() bool { return e.r.Status().Ahead.Ready })
	mustReload(t, e.r)
	if g := e.r.Current(); g.N != 1 || g.Build != second.ID {
		t.Errorf("generation %d from build %d, want 1 from %d", g.N, g.Build, second.ID)
	}
}

// A failed ahead build only informs: no error state (no tint) until the
// user triggers; then the same failure is reported without building again.
func TestFailedAheadBuildInformsOnly(t *testing.T) {
	e := mustNew(t, withAhead(20*time.Millisecond, 10*time.Millisecond, 0))
	e.b.setResult(buildFails(&hot.BuildError{Output: "views/v.go:3:1: syntax error", Err: context.Canceled}))
	mustWatch(t, e)
	writeFile(t, e.root, "views/v.go", "package views\n\nfunc (\n")
	eventually(t, "the ahead build's error", func() bool { return e.r.Status().Ahead.Error != "" })
	st := e.r.Status()
	if st.IsError || st.Error != "" || st.Ahead.Reason != hot.ReasonBuild || !contains(st.Ahead.Error, "views/v.go:3:1") {
		t.Errorf("after a failed ahead build: IsError %v (%q), Ahead %+v; want no error state and the compiler's message in Ahead", st.IsError, st.Error, st.Ahead)
	}
	if n := e.l.calls.Load(); n != 0 {
		t.Errorf("%d loads of a failed build", n)
	}
	mustReload(t, e.r)
	st = e.r.Status()
	if !st.IsError || st.Reason != hot.ReasonBuild || !contains(st.Error, "views/v.go:3:1") || st.Generation != 0 {
		t.Errorf("after the trigger: IsError %v, Reason %q, Error %q, Generation %d", st.IsError, st.Reason, st.Error, st.Generation)
	}
	if n := e.b.calls.Load(); n != 1 {
		t.Errorf("%d builds, want 1: the failed build of these sources is reported as it is", n)
	}

	// Fixed and saved: the next ahead build succeeds and the trigger swaps.
	e.b.setResult(nil)
	writeFile(t, e.root, "views/v.go", "package views\n")
	eventually(t, "the fixed build to be loaded ahead", func() bool { return e.r.Status().Ahead.Loaded })
	mustReload(t, e.r)
	if st := e.r.Status(); st.IsError || st.Generation != 1 {
		t.Errorf("after the fix: IsError %v (%q), Generation %d", st.IsError, st.Error, st.Generation)
	}
}

// Once the sources are quiet, the ready build is loaded ahead; the trigger
// then neither builds nor loads. Loads ahead that are never swapped in are
// bounded by MaxAheadLoads.
func TestLoadAheadAndItsBound(t *testing.T) {
	e := mustNew(t, withAhead(20*time.Millisecond, 30*time.Millisecond, 1))
	mustWatch(t, e)
	writeFile(t, e.root, "views/v.go", "package views // 1\n")
	eventually(t, "the build to be loaded ahead", func() bool { return e.r.Status().Ahead.Loaded })
	if n := e.l.calls.Load(); n != 1 {
		t.Fatalf("%d loads, want 1", n)
	}

	// Saved again before any trigger: the loaded plugin is wasted; the
	// bound (1) keeps the newer build from being loaded ahead too.
	writeFile(t, e.root, "views/v.go", "package views // 2\n")
	eventually(t, "the newer build to be ready", func() bool {
		st := e.r.Status()
		return st.Ahead.Ready && st.Stats.AheadBuilds == 2
	})
	mustWait(t, e.r)
	st := e.r.Status()
	if st.Ahead.Loaded || st.Stats.WastedLoads != 1 || st.Stats.AheadLoads != 1 || e.l.calls.Load() != 1 {
		t.Errorf("past the bound: Loaded %v, WastedLoads %d, AheadLoads %d, loads %d; want false, 1, 1, 1",
			st.Ahead.Loaded, st.Stats.WastedLoads, st.Stats.AheadLoads, e.l.calls.Load())
	}
	mustReload(t, e.r) // the trigger loads it
	if n, b := e.l.calls.Load(), e.b.calls.Load(); n != 2 || b != 2 {
		t.Errorf("%d loads, %d builds after the trigger; want 2, 2", n, b)
	}
	if st := e.r.Status(); st.Generation != 1 || st.IsError {
		t.Errorf("Generation %d, IsError %v", st.Generation, st.IsError)
	}

	// After a swap the bound starts over: the next save is loaded ahead,
	// and the trigger only swaps.
	writeFile(t, e.root, "views/v.go", "package views // 3\n")
	eventually(t, "the third build to be loaded ahead", func() bool { return e.r.Status().Ahead.Loaded })
	mustReload(t, e.r)
	if n, b := e.l.calls.Load(), e.b.calls.Load(); n != 3 || b != 3 {
		t.Errorf("%d loads, %d builds; want 3, 3", n, b)
	}
	if st := e.r.Status(); st.Generation != 2 || !st.History[1].Ahead || st.History[1].Load <= 0 {
		t.Errorf("Generation %d, last record %+v; want 2, built and loaded ahead", st.Generation, st.History[1])
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// Pressing the key right after saving builds at once, and the save,
// once settled, does not build the same sources a second time.
func TestSaveAndPressAtOnceBuildsOnce(t *testing.T) {
	e := mustNew(t, withAhead(50*time.Millisecond, 10*time.Millisecond, 0))
	mustWatch(t, e)
	writeFile(t, e.root, "views/v.go", "package views // new\n")
	e.r.ReloadAll()
	mustWait(t, e.r)
	e.r.BeginFrame()
	e.r.EndFrame(nil)
	eventually(t, "the save to settle", func() bool { return e.r.Status().Stats.Saves >= 1 })
	mustWait(t, e.r)
	st := e.r.Status()
	if n := e.b.calls.Load(); n != 1 || st.Stats.AheadBuilds != 0 {
		t.Errorf("%d builds (%d ahead), want 1 (0): the settled save asked for the sources just built", n, st.Stats.AheadBuilds)
	}
	if st.Generation != 1 || st.History[0].Ahead {
		t.Errorf("Generation %d, Ahead %v; want 1, false", st.Generation, st.History[0].Ahead)
	}
}
