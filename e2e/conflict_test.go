package e2e_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/persist"
)

// Issue 20 item 9, case 1: the project file edited from outside while
// slopgui runs is not overwritten by the next autosave: the status line
// and a host dialog say so; Keep mine (overwrite) then writes the app's
// version.
func TestExternalEditIsNotOverwritten(t *testing.T) {
	t.Parallel()
	proj := copyProject(t)
	s := startSessionArgs(t, nil, []string{"-project", proj})
	theirs := []byte("Format = 1\n[Project]\n  Name = \"theirs\"\n  Root = \".\"\n")
	if err := os.WriteFile(proj, theirs, 0o644); err != nil {
		t.Fatal(err)
	}
	s.clickText("Step") // an edit that is saved: MMA's step mode, one click
	s.waitScreen("conflict", time.Minute, "changed on disk", "Reload from disk", "Keep mine")
	if b, _ := os.ReadFile(proj); string(b) != string(theirs) {
		t.Fatalf("the file edited from outside was overwritten:\n%s", b)
	}
	s.clickText("Keep")
	testutil.Eventually(t, 30*time.Second, "Keep mine wrote the app's version", func() bool {
		p, err := persist.LoadProject(proj)
		return err == nil && p.StepMode && p.Project.Name == "Sample Project"
	})
}

// Issue 20 item 9, case 2: a second slopgui on a project the first has
// open warns (a notice and the status line name the first's process).
func TestSecondInstanceWarns(t *testing.T) {
	t.Parallel()
	proj := copyProject(t)
	s := startSessionArgs(t, nil, []string{"-project", proj})
	first := s.appPID()
	st2 := filepath.Join(t.TempDir(), "status2.json")
	second := exec.Command(s.bin, "-status-file", st2, "-project", proj)
	second.Dir = s.root
	second.Env = append(os.Environ(), s.env...)
	second.Stdout, second.Stderr = s.log, s.log
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { second.Process.Kill(); second.Wait() })
	s.waitScreen("second-warns", time.Minute, "another slopgui", "also open", strconv.Itoa(first))
}
