package hot_test

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/slopgui/slopgui/hot"
)

func TestWatch(t *testing.T) {
	tests := []struct {
		name string
		auto bool
	}{
		{"auto reload on", true},
		{"auto reload off", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := mustNew(t)
			if e.r.AutoReload() {
				t.Fatal("auto reload is on by default")
			}
			e.r.SetAutoReload(tc.auto)
			if e.r.AutoReload() != tc.auto {
				t.Fatalf("AutoReload = %v after SetAutoReload(%v)", e.r.AutoReload(), tc.auto)
			}
			if err := e.r.Watch(); err != nil {
				t.Fatalf("Watch: %v", err)
			}
			if e.r.Status().SourcesChanged {
				t.Fatal("SourcesChanged before any change")
			}
			// A non-Go file is no source change.
			writeFile(t, e.root, "views/notes.txt", "x")
			// Rename a finished file into place: exactly one event for a .go name.
			writeFile(t, e.root, "views/widgets/w.tmp", "package widgets\n")
			if err := os.Rename(filepath.Join(e.root, "views/widgets/w.tmp"), filepath.Join(e.root, "views/widgets/w.go")); err != nil {
				t.Fatal(err)
			}

			if tc.auto {
				// The settled sources are built ahead, then reloaded: frames
				// run, as the app's do, until the reload swaps in (waiting for
				// the build alone raced the watcher's trigger after it).
				eventually(t, "the automatic reload swapped in", func() bool {
					e.r.BeginFrame()
					e.r.EndFrame(nil)
					st := e.r.Status()
					return st.Generation != 0 || st.IsError
				})
				if st := e.r.Status(); st.Generation != 1 || st.IsError {
					t.Errorf("after the automatic reload: Generation %d, IsError %v (%s)", st.Generation, st.IsError, st.Error)
				}
				return
			}
			// Auto reload off: the saved sources are built ahead, and
			// nothing is swapped until the user triggers.
			eventually(t, "the ahead build", func() bool { return e.r.Status().Ahead.Ready })
			if st := e.r.Status(); st.SourcesChanged || st.Generation != 0 || e.b.calls.Load() != 1 {
				t.Errorf("after the ahead build: SourcesChanged %v, Generation %d, %d builds; want false, 0, 1",
					st.SourcesChanged, st.Generation, e.b.calls.Load())
			}
			mustReload(t, e.r)
			if st := e.r.Status(); st.SourcesChanged || st.Generation != 1 || e.b.calls.Load() != 1 {
				t.Errorf("after a manual reload: SourcesChanged %v, Generation %d, %d builds; want false, 1, 1",
					st.SourcesChanged, st.Generation, e.b.calls.Load())
			}
		})
	}
}

func TestWatchMissingDir(t *testing.T) {
	e := mustNewUnstarted(t)
	m := panelModule()
	m.SourceDirs = []string{"gone"}
	mustRegister(t, e.r, m)
	if err := e.r.Watch(); err == nil {
		t.Error("Watch succeeded on a missing source directory")
	}
}

// With StableSaved, the watcher also reports writes to the stable
// packages (not to hot ones, nor non-Go files); with AutoTrigger, settled
// hot saves call it instead of reloading; BuildGate is entered around
// every build.
func TestWatchStableAndHooks(t *testing.T) {
	var stable, auto, gated atomic.Int32
	var root string
	e := mustNew(t, func(c *hot.Config, _ *env) {
		root = c.Root
		writeFile(t, root, "state/s.go", "package state\n")
		c.StableSaved = func() { stable.Add(1) }
		c.AutoTrigger = func() { auto.Add(1) }
		c.BuildGate = func(context.Context) (func(), error) { gated.Add(1); return func() {}, nil }
	})
	e.r.SetAutoReload(true)
	if err := e.r.Watch(); err != nil {
		t.Fatalf("Watch: %v", err)
	}
	writeFile(t, root, "state/notes.txt", "x")
	writeFile(t, root, "views/widgets/w.go", "package widgets\n")
	eventually(t, "the auto trigger", func() bool { return auto.Load() >= 1 })
	if n := stable.Load(); n != 0 {
		t.Fatalf("StableSaved called %d times for hot and non-Go files", n)
	}
	// Each renamed into place: one event for the watched name.
	for i, f := range []string{"go.mod", "state/s.go"} {
		writeFile(t, root, f+".tmp", "package state\n\nvar X int\n")
		if err := os.Rename(filepath.Join(root, f+".tmp"), filepath.Join(root, f)); err != nil {
			t.Fatal(err)
		}
		eventually(t, "StableSaved for "+f, func() bool { return stable.Load() == int32(i+1) })
	}
	if st := e.r.Status(); st.Stats.Reloads != 0 {
		t.Fatalf("AutoTrigger set, yet the watcher reloaded %d times itself", st.Stats.Reloads)
	}
	writeFile(t, root, "views/widgets/w.go", "package widgets\n\nvar Y int\n")
	mustReload(t, e.r)
	if g, b := gated.Load(), e.b.calls.Load(); b < 1 || g != b {
		t.Fatalf("%d builds, gate entered %d times", b, g)
	}
}
