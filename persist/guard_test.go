package persist_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

// A project file without an [AI] table reads as the app's defaults.
func TestMissingAISettingsAreDefaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hand.toml")
	if err := os.WriteFile(path, []byte("# by hand\nFormat = 1\n[Project]\nName = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := persist.LoadProject(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.AI != state.DefaultAI() {
		t.Fatalf("AI = %+v, want the defaults %+v", p.AI, state.DefaultAI())
	}
}

// Issue 20 item 9: a project file changed on disk since slopgui read or
// wrote it is not overwritten (ChangedError) until the user says so;
// slopgui's own writes and a rewrite of the same bytes are no change.
func TestWriteRefusesAFileChangedOnDisk(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(path string) error
		want   bool // the write is refused
	}{
		{"unchanged", func(string) error { return nil }, false},
		{"same bytes rewritten", func(p string) error {
			b, _ := os.ReadFile(p)
			return os.WriteFile(p, b, 0o644)
		}, false},
		{"edited", func(p string) error {
			return os.WriteFile(p, []byte("Format = 1\n[Project]\nName = \"theirs\"\n"), 0o644)
		}, true},
		{"same size, new content", func(p string) error {
			b, _ := os.ReadFile(p)
			b[len(b)-3] ^= 1
			return os.WriteFile(p, b, 0o644)
		}, true},
		{"removed", func(p string) error { return os.Remove(p) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "p.toml")
			if err := os.WriteFile(path, []byte("Format = 1\n[Project]\nName = \"first\"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			p, orig, err := persist.ReadProject(path)
			if err != nil {
				t.Fatal(err)
			}
			p.Project.Name = "mine"
			if err := persist.WriteProject(path, p, orig); err != nil { // our own write is no change
				t.Fatal(err)
			}
			// A later time, as another program's write would have.
			later := time.Now().Add(2 * time.Second)
			if err := tc.change(path); err != nil {
				t.Fatal(err)
			}
			os.Chtimes(path, later, later)
			before, _ := os.ReadFile(path)
			err = persist.WriteProject(path, p, orig)
			var ce *persist.ChangedError
			if got := errors.As(err, &ce); got != tc.want {
				t.Fatalf("write after %s: %v, want refused %v", tc.name, err, tc.want)
			}
			if !tc.want {
				return
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Fatal("the changed file was overwritten")
			}
			if !orig.Changed(path) {
				t.Fatal("Changed does not report the change")
			}
			orig.Overwrite()
			if err := persist.WriteProject(path, p, orig); err != nil {
				t.Fatalf("after Overwrite: %v", err)
			}
			if q, _ := persist.LoadProject(path); q.Project.Name != "mine" || orig.Changed(path) {
				t.Fatalf("after Overwrite the file holds %q", q.Project.Name)
			}
		})
	}
}

// Issue 20 item 9: a second slopgui on the same project is told which
// process holds it; a lock left by a process that is gone is taken over;
// this process's own lock is its own.
func TestLockProject(t *testing.T) {
	dir := t.TempDir()
	const path = "/home/u/p.toml"
	l, holder, err := persist.LockProject(dir, path)
	if err != nil || l == nil || holder != 0 {
		t.Fatalf("first lock: %v %d %v", l, holder, err)
	}
	if again, holder, err := persist.LockProject(dir, path); err != nil || again == nil || holder != 0 {
		t.Fatalf("this process again: %v %d %v, want its own lock", again, holder, err)
	}
	// Another live process holds it: a child that waits.
	l.Unlock()
	child := exec.Command("sleep", "30")
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { child.Process.Kill(); child.Wait() })
	ents, _ := os.ReadDir(dir)
	if len(ents) != 0 {
		t.Fatalf("Unlock left %v", ents)
	}
	writeLock := func(pid int) {
		l, _, err := persist.LockProject(dir, path)
		if err != nil {
			t.Fatal(err)
		}
		ents, _ := os.ReadDir(dir)
		if len(ents) != 1 {
			t.Fatalf("lock files: %v", ents)
		}
		if err := os.WriteFile(filepath.Join(dir, ents[0].Name()), []byte(strconv.Itoa(pid)+"\n"+path+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_ = l
	}
	writeLock(child.Process.Pid)
	if l, holder, err := persist.LockProject(dir, path); err != nil || l != nil || holder != child.Process.Pid {
		t.Fatalf("held by %d: got %v %d %v", child.Process.Pid, l, holder, err)
	}
	if l, _, err := persist.LockProject(dir, "/home/u/other.toml"); err != nil || l == nil {
		t.Fatalf("another project: %v %v", l, err)
	}
	child.Process.Kill()
	child.Wait()
	if l, holder, err := persist.LockProject(dir, path); err != nil || l == nil || holder != 0 {
		t.Fatalf("stale lock of a dead process: %v %d %v, want taken over", l, holder, err)
	}
}
