package e2e_test

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/persist"
)

// copyProject copies testdata/sample.toml to a temporary project file.
func copyProject(t *testing.T) string {
	t.Helper()
	proj := filepath.Join(t.TempDir(), "sample.toml")
	b, err := os.ReadFile("testdata/sample.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(proj, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return proj
}

// Issue 12 case 3: SIGTERM, SIGINT and SIGHUP save the project, edits of
// the last second included (autosave waits a second), and exit 0.
func TestSignalsSaveAndExit0(t *testing.T) {
	t.Parallel()
	proj := copyProject(t)
	s := startSessionArgs(t, nil, []string{"-project", proj})
	for i, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		if i > 0 {
			s.launch("-project", proj)
		}
		word := "sig" + strings.ToLower(strings.TrimPrefix(sig.String(), "SIG"))[:3]
		word = strings.ReplaceAll(word, " ", "")
		at := s.findText("alpha", 30*time.Second)
		s.click(at.X, at.Y)
		s.xdotool("key", "End")
		s.xdotool("type", "--delay", "20", " "+word)
		s.waitScreen("typed-"+word, 30*time.Second, word)
		// At once: well inside autosave's quiet second.
		if err := s.cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		if code := s.waitExit(30 * time.Second); code != 0 {
			t.Fatalf("%v: exit code %d, want 0", sig, code)
		}
		p, err := persist.LoadProject(proj)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Discussions[0].Entries[1].Text; !strings.HasSuffix(got, " "+word) {
			t.Fatalf("%v: the saved entry is %q, want it to end with %q", sig, got, word)
		}
	}
}

// The new DiscussionHub draws a window with a button whose click handler
// hides every window, writes into the composer, then panics.
const e2eClickPanicSrc = `package views

import (
	g "github.com/slopgui/slopgui/gui"

	"github.com/slopgui/slopgui/contract"
)

func init() {
	hub := Targets["DiscussionHub"]
	Targets["DiscussionHub"] = func(f *contract.Frame) {
		hub(f)
		g.Window("zz trap").Pos(900, 700).Size(300, 70).Layout(
			g.Button("Explode").OnClick(func() {
				for w := range f.UI.ShowWindows {
					f.UI.ShowWindows[w] = false
				}
				f.UI.ComposerText = "HALF APPLIED"
				panic("zz fault: panic in a click handler")
			}),
		)
	}
}
`

// Issue 12 case 6: a view changes state in a click handler and panics.
// The state is as it was at the start of that frame (every window still
// shown, the composer untouched, nothing of it in config.toml), no Dear
// ImGui error popup covers the screen, and the status line shows the
// view's fault until the next good reload.
func TestClickPanicLeavesStateAsItWas(t *testing.T) {
	t.Parallel()
	s := startSession(t)
	fault := filepath.Join(s.root, "views", "zz_fault.go")
	if err := os.WriteFile(fault, []byte(e2eClickPanicSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	s.xdotool("key", "ctrl+alt+r")
	if r := waitReloadAlive(t, s, 1); r.IsError || r.Generation != 1 {
		t.Fatalf("reload: generation %d, error %q", r.Generation, r.Error)
	}
	s.waitScreen("trap-loaded", 30*time.Second, "Explode", "Operations", "MMA Dashboard", "Discussion Hub")
	s.clickText("Explode")
	r := s.waitStatus("the view fault", time.Minute, func(r app.StatusReport) bool { return r.ViewFault != "" })
	if !strings.Contains(r.ViewFault, "DiscussionHub") || r.IsError {
		t.Fatalf("status: view fault %q, IsError %v", r.ViewFault, r.IsError)
	}
	s.xdotool("mousemove", "640", "790") // away from every window: no hover
	_, text := s.waitScreenText("after-click-panic", 30*time.Second, "VIEW FAILED", "panicked",
		"Discussion Hub", "Operations", "MMA Dashboard", "Project Settings")
	for _, bad := range []string{"HALF APPLIED", "Programmer error", "conflicting", "last reload OK"} {
		if strings.Contains(text, bad) {
			t.Fatalf("%q on screen after the panic:\n%s", bad, text)
		}
	}
	// Autosave had its chance: nothing half-applied reached config.toml.
	cfgPath := filepath.Join(s.config, "slopgui", "config.toml")
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		var cfg persist.Config
		err := persist.Load(cfgPath, &cfg)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
		for w, shown := range cfg.ShowWindows {
			if !shown {
				t.Fatalf("config.toml stores %s as hidden", w)
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	// The next good reload clears the fault from the status line.
	if err := os.Remove(fault); err != nil {
		t.Fatal(err)
	}
	s.xdotool("key", "ctrl+alt+r")
	if r := waitReloadAlive(t, s, 2); r.IsError || r.Generation != 2 || r.ViewFault != "" {
		t.Fatalf("after the fix: generation %d, error %q, view fault %q", r.Generation, r.Error, r.ViewFault)
	}
	_, text = s.waitScreenText("fixed", 30*time.Second, "last reload OK")
	if strings.Contains(text, "VIEW FAILED") {
		t.Fatalf("the fault is still shown after a good reload:\n%s", text)
	}
}

// Issue 12 case 8: text pasted with tabs keeps its tabs, in the entry and
// in the saved file.
func TestPastedTabsAreKept(t *testing.T) {
	t.Parallel()
	proj := copyProject(t)
	s := startSessionArgs(t, nil, []string{"-project", proj})
	const pasted = "col1\tcol2\tcol3"
	clip := exec.Command("xclip", "-selection", "clipboard", "-quiet")
	clip.Env = append(os.Environ(), "DISPLAY="+s.display)
	clip.Stdin = strings.NewReader(pasted)
	if err := clip.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { clip.Process.Kill(); clip.Wait() })
	testutil.Eventually(t, 30*time.Second, "xclip holds the clipboard", func() bool {
		out := exec.Command("xclip", "-selection", "clipboard", "-o")
		out.Env = clip.Env
		b, err := out.Output()
		return err == nil && string(b) == pasted
	})
	at := s.findText("alpha", 30*time.Second)
	s.click(at.X, at.Y)
	s.xdotool("key", "End")
	// Ctrl held around the V, each its own event, as a person types it.
	s.xdotool("keydown", "ctrl")
	s.xdotool("key", "v")
	s.xdotool("keyup", "ctrl")
	s.waitScreen("pasted", 30*time.Second, "col2")
	s.xdotool("key", "ctrl+s")
	testutil.Eventually(t, 30*time.Second, "the pasted text saved with its tabs", func() bool {
		p, err := persist.LoadProject(proj)
		return err == nil && strings.HasSuffix(p.Discussions[0].Entries[1].Text, pasted)
	})
}

// A signal saves what lives only in the session too: text half typed in
// the composer is there again at the next start of the project.
func TestSignalKeepsTheComposer(t *testing.T) {
	t.Parallel()
	proj := copyProject(t)
	s := startSessionArgs(t, nil, []string{"-project", proj})
	const typed = "composer kept over sigterm"
	s.click(composerPoint.X, composerPoint.Y)
	s.xdotool("type", "--delay", "20", typed)
	s.click(neutralPoint.X, neutralPoint.Y)
	s.waitScreen("typed", 30*time.Second, typed)
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := s.waitExit(30 * time.Second); code != 0 {
		t.Fatalf("exit code %d, want 0", code)
	}
	s.launch("-project", proj)
	s.waitScreen("composer-restored", 30*time.Second, typed)
}
