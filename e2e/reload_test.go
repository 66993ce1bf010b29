package e2e_test

import (
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Layout of the window at its default size (views and toolbar positions
// are fixed on first use).
var (
	window        = image.Rect(0, 0, 1280, 800)
	composerPoint = image.Pt(300, 620) // inside the composer text box
)

// A user types, edits a view, reloads with Ctrl+Alt+R and with the button,
// breaks a view and fixes it: the running window shows each step.
func TestReloadEndToEnd(t *testing.T) {
	s := startSession(t)
	if r, _ := s.Status(); r.Hotkey != "global" {
		t.Errorf("global hotkey: %q, want it registered", r.Hotkey)
	}

	// Type into the composer.
	const typed = "hello from the e2e test"
	s.click(composerPoint.X, composerPoint.Y)
	s.xdotool("type", "--delay", "30", typed)
	s.waitScreen("typed", 30*time.Second, typed)

	// Edit a label, reload with Ctrl+Alt+R.
	s.edit("views/discussion.go", `g.Label("Composer")`, `g.Label("Composer EDITED ONCE")`)
	s.xdotool("key", "ctrl+alt+r")
	r := s.waitReload(1)
	if r.Generation != 1 || r.IsError {
		t.Fatalf("after Ctrl+Alt+R: generation %d, error %q", r.Generation, r.Error)
	}
	s.waitScreen("reloaded-by-key", 30*time.Second, "Composer EDITED ONCE", typed, "Generation 1")

	// A second edit, reloaded with the toolbar button.
	s.edit("views/discussion.go", `"Composer EDITED ONCE"`, `"Composer EDITED TWICE"`)
	s.clickText("Hot")
	r = s.waitReload(2)
	if r.Generation != 2 || r.IsError {
		t.Fatalf("after the Hot Reload button: generation %d, error %q", r.Generation, r.Error)
	}
	clean, _ := s.waitScreen("reloaded-by-button", 30*time.Second, "Composer EDITED TWICE", typed)
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
	tinted, _ := s.waitScreen("tinted", 30*time.Second, "Composer EDITED TWICE", "views/zz_broken.go:3", "syntax error")
	if f := redFraction(tinted, window); f < 0.9 {
		t.Fatalf("failed reload: only %.0f%% of the window is red-tinted", f*100)
	}

	// Fix it: the tint goes.
	if err := os.Remove(broken); err != nil {
		t.Fatal(err)
	}
	s.xdotool("key", "ctrl+alt+r")
	r = s.waitReload(4)
	if r.IsError || r.Generation != 3 {
		t.Fatalf("fixed reload: generation %d, error %q", r.Generation, r.Error)
	}
	fixed, _ := s.waitScreen("fixed", 30*time.Second, typed, "Generation 3")
	if f := redFraction(fixed, window); f > 0.05 {
		t.Fatalf("tint still there after the fix: %.0f%% red pixels", f*100)
	}
}

// Generation 0 is linked in: slopgui starts and works with no Go
// toolchain, and a reload then says what is missing instead of failing
// obscurely.
func TestStartsWithoutGoToolchain(t *testing.T) {
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
