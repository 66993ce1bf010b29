package e2e_test

import (
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
)

// Layout of the window at its default size (views and toolbar positions
// are fixed on first use).
var (
	window        = image.Rect(0, 0, 1280, 800)
	composerPoint = image.Pt(300, 720) // inside the composer text box (its lower part: the rows above it grow with the budget bar, send status and notes)
	neutralPoint  = image.Pt(300, 380) // empty history area: clicking ends text editing
)

// A user types, edits a view, reloads with Ctrl+Alt+R and with the button,
// breaks a view and fixes it: the running window shows each step.
func TestReloadEndToEnd(t *testing.T) {
	t.Parallel()
	s := startSession(t)
	if r, _ := s.Status(); r.Hotkey != "global" {
		t.Errorf("global hotkey: %q, want it registered", r.Hotkey)
	}

	// Type into the composer.
	const typed = "hello from the e2e test"
	s.click(composerPoint.X, composerPoint.Y)
	s.xdotool("type", "--delay", "30", typed)
	s.click(neutralPoint.X, neutralPoint.Y) // no text cursor in the shots
	s.waitScreen("typed", 30*time.Second, typed)

	// Edit a label, reload with Ctrl+Alt+R.
	s.edit("views/discussion/discussion.go", `g.Label("Composer")`, `g.Label("Composer EDITED ONCE")`)
	s.xdotool("key", "ctrl+alt+r")
	r := s.waitReload(1)
	if r.Generation != 1 || r.IsError {
		t.Fatalf("after Ctrl+Alt+R: generation %d, error %q", r.Generation, r.Error)
	}
	s.waitScreen("reloaded-by-key", 30*time.Second, "Composer EDITED ONCE", typed, "Generation 1")

	// A second edit, reloaded with the toolbar button.
	s.edit("views/discussion/discussion.go", `"Composer EDITED ONCE"`, `"Composer EDITED TWICE"`)
	s.clickText("Hot")
	r = s.waitReload(2)
	if r.Generation != 2 || r.IsError {
		t.Fatalf("after the Hot Reload button: generation %d, error %q", r.Generation, r.Error)
	}
	clean := s.waitScreen("reloaded-by-button", 30*time.Second, "Composer EDITED TWICE", typed)
	if f := redFraction(clean, window); f > 0.05 {
		t.Fatalf("a good generation is tinted: %.0f%% red pixels", f*100)
	}

	// A syntax error: old views stay, red tint, the compiler's message.
	broken := filepath.Join(s.root, "views", "zz_broken.go")
	if err := os.WriteFile(broken, []byte("package views\n\nfunc broken( {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.xdotool("key", "ctrl+alt+r")
	r = s.waitReload(3)
	if !r.IsError || r.Generation != 2 || !strings.Contains(r.Error, "views/zz_broken.go:3") {
		t.Fatalf("broken reload: generation %d, error %q", r.Generation, r.Error)
	}
	tinted := s.waitScreen("tinted", 30*time.Second, "Composer EDITED TWICE", "views/zz_broken.go:3", "syntax error")
	if f := redFraction(tinted, window); f < 0.9 {
		t.Fatalf("failed reload: only %.0f%% of the window is red-tinted", f*100)
	}
	// Issue 20 item 7: the error is one line at the bottom; the views
	// running the last good code stay in sight under the tint (Provider
	// and Model are in AI Settings, in the lower third the old panel hid).
	s.waitScreen("views-under-error", 30*time.Second, "Operations", "Provider", "Model", "Reload FAILED")

	// Fix it: the tint goes.
	if err := os.Remove(broken); err != nil {
		t.Fatal(err)
	}
	s.xdotool("key", "ctrl+alt+r")
	r = s.waitReload(4)
	if r.IsError || r.Generation != 3 {
		t.Fatalf("fixed reload: generation %d, error %q", r.Generation, r.Error)
	}
	fixed := s.waitScreen("fixed", 30*time.Second, typed, "Generation 3")
	if f := redFraction(fixed, window); f > 0.05 {
		t.Fatalf("tint still there after the fix: %.0f%% red pixels", f*100)
	}
}

// Generation 0 is linked in: slopgui starts and works with no Go
// toolchain, and a reload then says what is missing instead of failing
// obscurely.
func TestStartsWithoutGoToolchain(t *testing.T) {
	t.Parallel()
	const path = "/usr/bin:/bin"
	if p, err := exec.LookPath("go"); err == nil && strings.HasPrefix(p, "/usr/bin/") {
		t.Skip("go is installed in /usr/bin; cannot hide it from PATH")
	}
	s := startSession(t, "PATH="+path)
	s.xdotool("key", "ctrl+alt+r")
	r := s.waitReload(1)
	if !r.IsError || r.Reason != "toolchain" || !strings.Contains(r.Error, "not found") || r.Generation != 0 {
		t.Fatalf("reload without Go: generation %d, reason %q, error %q", r.Generation, r.Reason, r.Error)
	}
	s.waitScreen("no-toolchain", 30*time.Second, "no Go toolchain", "Discussion Hub")
}

// While a slow build runs, the window keeps working and says a reload is
// under way: the user can keep typing and see it.
func TestUIStaysLiveDuringBuild(t *testing.T) {
	t.Parallel()
	goPath, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	// A toolchain whose builds wait until the test lets them go: slow, not
	// broken, and no race with how long the screen checks take.
	dir := t.TempDir()
	slow, release := filepath.Join(dir, "slowgo"), filepath.Join(dir, "release")
	script := "#!/bin/sh\nif [ \"$1\" = build ]; then while [ ! -e " + release + " ]; do sleep 0.2; done; fi\nexec " + goPath + " \"$@\"\n"
	if err := os.WriteFile(slow, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	// The go command builds (-plugin-builder go), so the wrapper holds it.
	s := startSessionArgs(t, []string{"SLOPGUI_GO=" + slow}, []string{"-plugin-builder", "go"})
	s.xdotool("key", "ctrl+alt+r")
	s.waitStatus("the build to start", 30*time.Second, func(r app.StatusReport) bool { return r.Busy })
	s.waitScreen("building", 2*time.Minute, "Reloading")

	const typed = "typing while it builds"
	s.click(composerPoint.X, composerPoint.Y)
	s.xdotool("type", "--delay", "30", typed)
	s.click(neutralPoint.X, neutralPoint.Y)
	s.waitScreen("typed-during-build", 2*time.Minute, typed, "Reloading")
	if r, _ := s.Status(); !r.Busy || r.Reloads != 0 {
		t.Fatalf("the build is not under way: %+v", r)
	}
	if err := os.WriteFile(release, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := s.waitReload(1); r.IsError || r.Generation != 1 {
		t.Fatalf("slow reload: generation %d, error %q", r.Generation, r.Error)
	}
	s.waitScreen("built", 30*time.Second, typed, "Generation 1")
}

// Saving a view builds it ahead: the status line says so, and the key then
// only swaps. A broken save only informs (no tint) until the key. Saving
// and pressing at once builds once.
func TestAheadBuildEndToEnd(t *testing.T) {
	t.Parallel()
	s := startSession(t)
	const file = "views/discussion/discussion.go"

	// Save, wait until the status line says the views are ready, press.
	// Nobody waits for that build: the window, left alone, keeps to its
	// idle rate meanwhile and leaves the processors to the build.
	prev, _ := s.Status()
	ready := func(r app.StatusReport) bool {
		return r.AheadBuilds > prev.AheadBuilds && r.AheadReady && r.AheadLoaded
	}
	frames, took := s.framesWhile(func() { s.edit(file, `g.Label("Composer")`, `g.Label("Composer AHEAD")`) },
		func(r app.StatusReport) bool { return r.AheadBuilding }, ready)
	r := s.waitStatus("the saved views built and loaded ahead", 5*time.Minute, ready)
	atIdleRate(t, "a save built ahead", frames, took)
	if r.Generation != 0 || r.Reloads != 0 {
		t.Fatalf("a save swapped code in without a trigger: generation %d, %d reloads", r.Generation, r.Reloads)
	}
	s.waitScreen("ready", 30*time.Second, "views ready", "Generation 0")
	s.xdotool("key", "ctrl+alt+r")
	r = s.waitReload(1)
	if r.Generation != 1 || r.IsError || !r.LastAhead || r.AheadBuilds != prev.AheadBuilds+1 {
		t.Fatalf("after the key: generation %d, error %q, built ahead %v, %d ahead builds", r.Generation, r.Error, r.LastAhead, r.AheadBuilds)
	}
	s.waitScreen("swapped", 30*time.Second, "Composer AHEAD", "Generation 1")

	// A broken save: the status line names the error; no tint until the key.
	broken := filepath.Join(s.root, "views", "zz_broken.go")
	if err := os.WriteFile(broken, []byte("package views\n\nfunc broken( {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = s.waitStatus("the ahead build's error", 5*time.Minute, func(r app.StatusReport) bool { return r.AheadError != "" })
	if r.IsError || !strings.Contains(r.AheadError, "views/zz_broken.go:3") {
		t.Fatalf("broken save: error state %v, ahead error %q", r.IsError, r.AheadError)
	}
	informed := s.waitScreen("ahead-error", 30*time.Second, "build error", "zz_broken.go:3", "Composer AHEAD")
	if f := redFraction(informed, window); f > 0.05 {
		t.Fatalf("a failed build of a save tinted the window (%.0f%% red) before any trigger", f*100)
	}
	s.xdotool("key", "ctrl+alt+r")
	r = s.waitReload(2)
	if !r.IsError || r.Generation != 1 {
		t.Fatalf("key on the broken save: generation %d, error state %v", r.Generation, r.IsError)
	}
	tinted := s.waitScreen("tinted", 30*time.Second, "syntax error")
	if f := redFraction(tinted, window); f < 0.9 {
		t.Fatalf("after the key the window is only %.0f%% red-tinted", f*100)
	}

	// Fix and edit, and press at once: one build, the new label, no tint.
	// The key builds at once when it comes within the save's 100 ms
	// debounce; on a loaded machine xdotool can take longer than that to
	// press it, and the key then takes the ahead build under way. Either
	// way nothing builds the reloaded sources again once the save settles.
	before, _ := s.Status()
	if err := os.Remove(broken); err != nil {
		t.Fatal(err)
	}
	s.edit(file, `g.Label("Composer AHEAD")`, `g.Label("Composer AT ONCE")`)
	s.xdotool("key", "ctrl+alt+r")
	r = s.waitReload(3)
	if r.IsError || r.Generation != 2 {
		t.Fatalf("save and press at once: generation %d, error %q, built ahead %v", r.Generation, r.Error, r.LastAhead)
	}
	atKey := r.AheadBuilds
	r = s.waitStatus("the save to settle", time.Minute, func(r app.StatusReport) bool { return r.Saves > before.Saves })
	if r.AheadBuilds != atKey {
		t.Errorf("the settled save built the reloaded sources again: %d ahead builds, want %d (the key's reload built ahead: %v)",
			r.AheadBuilds, atKey, r.LastAhead)
	}
	fixed := s.waitScreen("at-once", 30*time.Second, "Composer AT ONCE", "Generation 2")
	if f := redFraction(fixed, window); f > 0.05 {
		t.Fatalf("tint still there after the fix: %.0f%% red pixels", f*100)
	}
}

// With -auto-reload a save alone swaps the new code in, through the same
// build ahead: no key press.
func TestAutoReloadSwapsOnSave(t *testing.T) {
	t.Parallel()
	s := startSessionArgs(t, nil, []string{"-auto-reload"})
	s.edit("views/discussion/discussion.go", `g.Label("Composer")`, `g.Label("Composer AUTO")`)
	r := s.waitReload(1)
	if r.Generation != 1 || r.IsError {
		t.Fatalf("after a save with -auto-reload: generation %d, error %q", r.Generation, r.Error)
	}
	s.waitScreen("auto", 30*time.Second, "Composer AUTO", "Generation 1")
}
