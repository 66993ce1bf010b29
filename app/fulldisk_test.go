package app_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/testutil"
)

// smallDisk mounts a tmpfs of size bytes for the test (root only) and
// returns its path.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("a full disk is tested on a small tmpfs, which only root can mount: run the app tests as root to cover it")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0755", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fill writes to a file in dir until the disk is full and returns it.
func fill(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return path
		}
	}
}

// Issue 20 item 9: autosave on a full disk. The user is told (the status
// line names the file, the reason and what to do), the file on disk is
// as it was, the edit stays in memory, and once space is freed the next
// autosave writes it, with no action from the user.
func TestAutosaveOnAFullDisk(t *testing.T) {
	disk := smallDisk(t, "256k")
	path := copySample(t, disk)
	before := statFile(t, path)
	clk := newClock()
	hc := headless.New(t, 1280, 800)
	a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: path, Now: clk.Now})
	frames(t, hc, a, clk, 3, 10*time.Millisecond)
	filler := fill(t, disk)

	a.Project.Name = "edited on a full disk"
	deadline := time.Now().Add(20 * time.Second)
	for a.ProjectInfo().SaveError == "" {
		if time.Now().After(deadline) {
			t.Fatalf("no save error within 20 s on a full disk: %+v", a.ProjectInfo())
		}
		frames(t, hc, a, clk, 1, 300*time.Millisecond)
		time.Sleep(10 * time.Millisecond) // the write runs on its own goroutine
	}
	info := a.ProjectInfo()
	for _, want := range []string{path, "no space left on device", "free some space"} {
		if !strings.Contains(info.SaveError, want) {
			t.Errorf("the save error %q does not say %q", info.SaveError, want)
		}
	}
	if line := app.StatusLineForTest(a); !strings.Contains(line, "SAVE FAILED") || !strings.Contains(line, path) {
		t.Errorf("the status line does not tell: %q", line)
	}
	if !info.Dirty || a.Project.Name != "edited on a full disk" {
		t.Fatalf("the edit is not kept as unsaved: dirty %v, name %q", info.Dirty, a.Project.Name)
	}
	if !statFile(t, path).same(before) {
		t.Fatal("the project file on the full disk was changed")
	}
	if ents := mustReadDir(t, disk); len(ents) != 2 {
		t.Fatalf("temporary files left on the disk: %v", ents)
	}

	// The user frees space; the next autosave writes the edit.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(20 * time.Second)
	for loadProject(t, path).Project.Name != "edited on a full disk" {
		if time.Now().After(deadline) {
			t.Fatalf("not saved within 20 s of freeing space: %+v", a.ProjectInfo())
		}
		frames(t, hc, a, clk, 1, 300*time.Millisecond)
		time.Sleep(10 * time.Millisecond)
	}
	testutil.Eventually(t, 20*time.Second, "the save error clears after a good save", func() bool {
		frames(t, hc, a, clk, 1, 300*time.Millisecond)
		i := a.ProjectInfo()
		return i.SaveError == "" && !i.Dirty
	})
}
