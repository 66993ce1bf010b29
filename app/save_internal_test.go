package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/persist"
)

// Issue 17 item 5: Save (Ctrl+S) returns at once and writes off the
// render thread, the status line saying "saving…" until it is done: here
// the disk is held (the writer's lock), and Save still returns.
func TestSaveIsOffTheRenderThread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.toml")
	a, err := New(Config{ConfigDir: t.TempDir(), ProjectPath: path, WorkDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.Project.Name = "saved"
	a.files.writing.Lock() // a slow disk: no write can finish
	returned := make(chan error, 1)
	go func() { returned <- a.SaveProject() }()
	select {
	case err := <-returned:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		a.files.writing.Unlock()
		t.Fatal("Save waited for the disk")
	}
	if line := a.statusLine(a.hot.Status()); !strings.Contains(line, "saving…") {
		t.Errorf("status line while saving: %q", line)
	}
	a.files.writing.Unlock()
	a.files.pending.Wait()
	if p, err := persist.LoadProject(path); err != nil || p.Project.Name != "saved" {
		t.Fatalf("after the save: %+v, %v", p.Project, err)
	}
	if line := a.statusLine(a.hot.Status()); strings.Contains(line, "saving…") || !strings.Contains(line, "saved ") {
		t.Errorf("status line after saving: %q", line)
	}
}
