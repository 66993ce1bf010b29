package e2e_test

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/testutil"
)

// Faults are injected as a new file in the copy's views/ (an init that
// rewraps views.Targets), never by editing the views themselves.
const (
	e2eSyntaxErrorSrc = "package views\n\nfunc zzFaultSyntax() {\n\tvar x = )\n}\n"

	// The new MMADashboard scribbles on the composer, then panics: in the
	// first frame drawn with the new code.
	e2eFirstFramePanicSrc = `package views

import "github.com/slopgui/slopgui/contract"

func init() {
	Targets["MMADashboard"] = func(f *contract.Frame) {
		f.UI.ComposerText = "SCRIBBLED BY BROKEN CODE"
		panic("zz fault: first frame panic")
	}
}
`

	// The new DiscussionHub panics (inside a window it began) once the
	// composer holds "boom"; the new MMADashboard also draws a marker
	// window, so the screen shows which generation draws it.
	e2eLaterPanicSrc = `package views

import (
	"strings"

	g "github.com/slopgui/slopgui/gui"

	"github.com/slopgui/slopgui/contract"
)

func init() {
	hub := Targets["DiscussionHub"]
	Targets["DiscussionHub"] = func(f *contract.Frame) {
		if strings.Contains(f.UI.ComposerText, "boom") {
			g.Window("zz half drawn").Layout(g.Custom(func() { panic("zz fault: later frame panic") }))
		}
		hub(f)
	}
	mma := Targets["MMADashboard"]
	Targets["MMADashboard"] = func(f *contract.Frame) {
		mma(f)
		g.Window("zz marker").Pos(880, 730).Size(380, 50).Layout(g.Label("NEWEST CODE DRAWS THIS"))
	}
}
`
)

// idlePoint is an empty spot of the Discussion Hub: clicking it ends
// text editing, so no text cursor hides a letter from OCR.
var idlePoint = image.Pt(300, 380)

// waitReloadAlive is s.waitReload, failing at once if slopgui dies (its
// log is printed when the test fails).
func waitReloadAlive(t testing.TB, s *session, n int) app.StatusReport {
	t.Helper()
	testutil.Eventually(t, 15*time.Minute, fmt.Sprintf("reload %d", n), func() bool {
		// The supervisor would restart a crashed app: a crash shows in
		// the restarted app's status.
		if !processAlive(s.cmd.Process.Pid) {
			t.Fatalf("slopgui died while reload %d ran", n)
		}
		r, ok := s.Status()
		if ok && r.Crashes > 0 {
			t.Fatalf("slopgui crashed while reload %d ran:\n%s", n, r.NoticeText)
		}
		return ok && r.Reloads >= n && !r.Busy
	})
	return s.waitReload(n)
}

// A syntax error, a panic in a later frame inside one view and a panic in
// the new code's first frame, in the real window: each is shown, none
// hurts, and the next good reload clears it.
func TestFaultsInTheWindow(t *testing.T) {
	t.Parallel()
	s := startSession(t)
	const typed = "typed before the faults"
	s.click(composerPoint.X, composerPoint.Y)
	s.xdotool("type", "--delay", "30", typed)
	s.click(idlePoint.X, idlePoint.Y) // no text cursor in the shots
	s.waitScreen("faults-typed", 30*time.Second, typed)

	fault := filepath.Join(s.root, "views", "zz_fault.go")
	write := func(src string) {
		t.Helper()
		if err := os.WriteFile(fault, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	remove := func() {
		t.Helper()
		if err := os.Remove(fault); err != nil {
			t.Fatal(err)
		}
	}
	reloads := 0
	reload := func() app.StatusReport {
		t.Helper()
		reloads++
		s.xdotool("key", "ctrl+alt+r")
		return waitReloadAlive(t, s, reloads)
	}
	good := func(step string, gen int) {
		t.Helper()
		r := reload()
		if r.IsError || r.Generation != gen {
			t.Fatalf("%s: generation %d (want %d), reason %q, error %q", step, r.Generation, gen, r.Reason, r.Error)
		}
	}

	// Row 1: a syntax error. Red tint over the window, the compiler's
	// message; the typed text survives and the fix clears the tint.
	write(e2eSyntaxErrorSrc)
	r := reload()
	if !r.IsError || r.Reason != "build" || r.Generation != 0 ||
		!strings.Contains(r.Error, "views/zz_fault.go:4:") || !strings.Contains(r.Error, "syntax error") {
		t.Fatalf("syntax error: generation %d, reason %q, error %q", r.Generation, r.Reason, r.Error)
	}
	img := s.waitScreen("fault-syntax", 30*time.Second, "syntax error", "zz_fault.go")
	if f := redFraction(img, window); f <= 0.9 {
		t.Fatalf("syntax error: only %.0f%% of the window is red-tinted", f*100)
	}
	remove()
	good("fixed syntax error", 1)
	img = s.waitScreen("fault-syntax-fixed", 30*time.Second, typed, "Generation 1")
	if f := redFraction(img, window); f > 0.05 {
		t.Fatalf("tint still there after the fix: %.0f%% red pixels", f*100)
	}

	// Row 9: a view panics in a later frame, when the user types "boom".
	// Only that view fails: its panel says so, the others keep drawing
	// with the new code, nothing is reported as a failed reload.
	write(e2eLaterPanicSrc)
	good("the generation that panics later", 2)
	s.waitScreen("fault-later-loaded", 30*time.Second, "NEWEST CODE DRAWS THIS", typed)
	s.click(composerPoint.X, composerPoint.Y)
	s.xdotool("key", "End")
	s.xdotool("type", "--delay", "30", " boom")
	// (No click elsewhere: it would raise the Discussion Hub over the
	// panel that reports the panic.)
	s.waitScreen("fault-later-panic", 30*time.Second, "panicked", "MMA Dashboard", "Project Settings", "NEWEST CODE DRAWS THIS")
	r, _ = s.Status()
	if r.IsError || r.Generation != 2 || r.Reloads != reloads {
		t.Fatalf("a later panic in one view: generation %d (want 2), IsError %v, %d reloads (want %d), error %q",
			r.Generation, r.IsError, r.Reloads, reloads, r.Error)
	}
	remove()
	good("after the later panic", 3)
	s.click(idlePoint.X, idlePoint.Y)
	_, text := s.waitScreenText("fault-later-fixed", 30*time.Second, typed+" boom", "Generation 3")
	if strings.Contains(text, "panicked") || strings.Contains(text, "NEWEST CODE") {
		t.Fatalf("after the fix the failure panel or the removed code is still on screen:\n%s", text)
	}

	// Row 8: the new code panics in its first frame, after scribbling on
	// the composer: rolled back, generation unchanged, text restored.
	write(e2eFirstFramePanicSrc)
	r = reload()
	if !r.IsError || r.Reason != "first-frame-panic" || r.Generation != 3 ||
		!strings.Contains(r.Error, "zz fault: first frame panic") {
		t.Fatalf("first-frame panic: generation %d, reason %q, error %q", r.Generation, r.Reason, r.Error)
	}
	img, text = s.waitScreenText("fault-first-frame", 30*time.Second, "first frame", "rolled back", "Generation 3")
	if f := redFraction(img, window); f <= 0.9 {
		t.Fatalf("first-frame panic: only %.0f%% of the window is red-tinted", f*100)
	}
	if strings.Contains(text, "SCRIBBLED") {
		t.Fatalf("the broken code's scribble is on screen:\n%s", text)
	}
	remove()
	good("after the first-frame panic", 4)
	_, text = s.waitScreenText("fault-first-frame-fixed", 30*time.Second, typed+" boom", "Generation 4")
	if strings.Contains(text, "SCRIBBLED") {
		t.Fatalf("the broken code's scribble survived the rollback:\n%s", text)
	}
}
