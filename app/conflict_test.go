package app_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/hostdialog"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/persist"
)

const conflictDialog = "slopgui-conflict"

// theirs is the project another program wrote while the app ran.
const theirs = "Format = 1\n[Project]\n  Name = \"theirs\"\n  Root = \".\"\n"

// Issue 20 item 9: the project file edited from outside while the app
// runs is never silently overwritten: autosave and Save stop, the status
// line says why, and a host dialog asks: Reload from disk (after a
// confirmation), Keep mine (overwrite) or Save mine as….
func TestProjectChangedOnDisk(t *testing.T) {
	setup := func(t *testing.T) (*app.App, func(int), func(int), string) {
		hc := headless.New(t, 1280, 800)
		clk := newClock()
		path := copySample(t, t.TempDir())
		a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: path, Now: clk.Now})
		frames(t, hc, a, clk, 2, 200*time.Millisecond)
		a.Project.Name = "mine"
		mustWrite(t, path, []byte(theirs))
		later := time.Now().Add(2 * time.Second) // as a later write would
		os.Chtimes(path, later, later)
		draw := func(n int) { frames(t, hc, a, clk, n, 300*time.Millisecond) }
		testutil.Eventually(t, 10*time.Second, "autosave saw the change", func() bool {
			draw(1)
			return strings.Contains(a.ProjectInfo().SaveError, "changed on disk")
		})
		draw(10) // 3 s: autosave had every chance to try again
		if b := mustRead(t, path); string(b) != theirs {
			t.Fatalf("the file changed on disk was overwritten:\n%s", b)
		}
		if line := app.StatusLineForTest(a); !strings.Contains(line, "changed on disk") {
			t.Fatalf("status line: %q", line)
		}
		if err := app.SaveForTest(a); err == nil || !strings.Contains(err.Error(), "changed on disk") {
			t.Fatalf("Save: %v, want refused", err)
		}
		if b := mustRead(t, path); string(b) != theirs {
			t.Fatal("Save overwrote the file changed on disk")
		}
		// press clicks a choice in the dialog, which must be showing.
		press := func(choice int) {
			t.Helper()
			hostdialog.Press(conflictDialog, choice, "")
			draw(1)
			if hostdialog.Pressed(conflictDialog) {
				t.Fatal("the changed-on-disk dialog is not showing")
			}
		}
		return a, press, draw, path
	}
	t.Run("keep mine", func(t *testing.T) {
		a, press, _, path := setup(t)
		press(1)
		testutil.Eventually(t, 10*time.Second, "mine written", func() bool {
			p, err := persist.LoadProject(path)
			return err == nil && p.Project.Name == "mine"
		})
		testutil.Eventually(t, 10*time.Second, "the conflict cleared", func() bool {
			return a.ProjectInfo().SaveError == ""
		})
	})
	t.Run("reload asks first", func(t *testing.T) {
		a, press, draw, path := setup(t)
		press(0) // Reload from disk…
		press(1) // …Back
		if a.Project.Name != "mine" {
			t.Fatalf("Back reloaded: %q", a.Project.Name)
		}
		press(0)
		press(0) // Reload, losing my changes: read off the render thread
		testutil.Eventually(t, 10*time.Second, "the file on disk adopted", func() bool {
			draw(1)
			return a.Project.Name == "theirs"
		})
		if a.ProjectInfo().SaveError != "" {
			t.Fatalf("after reload: %q, save error %q", a.Project.Name, a.ProjectInfo().SaveError)
		}
		if b := mustRead(t, path); string(b) != theirs {
			t.Fatal("reloading wrote the file")
		}
	})
	t.Run("save mine as", func(t *testing.T) {
		a, _, draw, path := setup(t)
		as := filepath.Join(t.TempDir(), "mine.toml")
		hostdialog.Press(conflictDialog, 2, as)
		testutil.Eventually(t, 10*time.Second, "saved as", func() bool {
			draw(1)
			p, err := persist.LoadProject(as)
			return err == nil && p.Project.Name == "mine" && a.ProjectInfo().SavingAs == "" // switched the frame after the write
		})
		if a.ProjectInfo().Path != as || a.ProjectInfo().SaveError != "" {
			t.Fatalf("after Save As: %+v", a.ProjectInfo())
		}
		if b := mustRead(t, path); string(b) != theirs {
			t.Fatal("Save As overwrote the file changed on disk")
		}
	})
}

// Issue 20 item 9: a second slopgui on a project another one has open is
// warned (a notice and the status line name the process); a lock left
// by a process that is gone is taken over without a word.
func TestProjectOpenTwice(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	path := copySample(t, t.TempDir())
	abs, _ := filepath.Abs(path)
	other := exec.Command("sleep", "60")
	if err := other.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Process.Kill(); other.Wait() })
	holdAs := func(pid int) {
		l, _, err := persist.LockProject(persist.LockDir(), abs)
		if err != nil || l == nil {
			t.Fatal(err)
		}
		ents, _ := os.ReadDir(persist.LockDir())
		mustWrite(t, filepath.Join(persist.LockDir(), ents[0].Name()), []byte(strconv.Itoa(pid)+"\n"+abs+"\n"))
	}
	holdAs(other.Process.Pid)
	a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: path})
	pid := strconv.Itoa(other.Process.Pid)
	if n := a.Notices(); len(n) != 1 || !strings.Contains(n[0], "another slopgui") || !strings.Contains(n[0], pid) {
		t.Fatalf("notices: %q", n)
	}
	if line := app.StatusLineForTest(a); !strings.Contains(line, "also open in slopgui process "+pid) {
		t.Fatalf("status line: %q", line)
	}
	a.Close()

	other.Process.Kill()
	other.Wait()
	b := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: path})
	if n := b.Notices(); len(n) != 0 {
		t.Fatalf("a stale lock warned: %q", n)
	}
	if line := app.StatusLineForTest(b); strings.Contains(line, "also open") {
		t.Fatalf("status line: %q", line)
	}
}
