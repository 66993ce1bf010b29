package projectio_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/projectio"
	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

// world is the app's side for a Switcher: a project the user edits (doc),
// the file it is saved to (disk), and a render thread that runs what the
// goroutines post (mail). Reads and saves can be held at a gate.
type world struct {
	t    *testing.T
	mail chan func()

	doc, saved string // the current project, and what was last written of it
	saving     bool
	saveErr    error
	saveGate   chan struct{} // nil: saves do not wait
	readGates  map[string]chan struct{}
	mu         sync.Mutex
	disk       string   // the old project's file
	saves      int      // saves started
	applied    []string // names of the projects applied, in order
	failed     []string // errors of the switches that failed
	sw         *projectio.Switcher
}

func newWorld(t *testing.T) *world {
	w := &world{t: t, mail: make(chan func(), 64), doc: "old", saved: "old", disk: "old", readGates: map[string]chan struct{}{}}
	w.sw = projectio.New(projectio.Hooks{
		Post: func(f func()) { w.mail <- f },
		Read: func(path string) (persist.Project, *persist.Original, error) {
			w.mu.Lock()
			gate := w.readGates[path]
			w.mu.Unlock()
			if gate != nil {
				<-gate
			}
			return persist.ReadProject(path)
		},
		Unsaved: func() bool { return w.saving || w.doc != w.saved },
		Save: func(done func(error)) {
			snap, err, gate := w.doc, w.saveErr, w.saveGate
			w.saving, w.saves = true, w.saves+1
			go func() {
				if gate != nil {
					<-gate
				}
				w.mail <- func() {
					w.saving = false
					if err == nil {
						w.saved, w.disk = snap, snap
					}
				}
				done(err)
			}()
		},
		Apply: func(l projectio.Loaded) {
			name := l.Project.Project.Name
			if l.Path == "" {
				name = "new"
			}
			w.applied = append(w.applied, name)
			w.doc, w.saved = name, name
		},
		Fail: func(_ projectio.Target, err error) { w.failed = append(w.failed, err.Error()) },
	})
	return w
}

// settle runs the render thread until no switch is under way.
func (w *world) settle() {
	w.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		if _, ok := w.sw.Pending(); !ok && !w.saving {
			return
		}
		select {
		case f := <-w.mail:
			f()
		case <-deadline:
			w.t.Fatal("the switch did not end")
		}
	}
}

// until runs the render thread until cond holds.
func (w *world) until(what string, cond func() bool) {
	w.t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond() {
		select {
		case f := <-w.mail:
			f()
		case <-deadline:
			w.t.Fatal("waiting for " + what)
		}
	}
}

// project writes a project file named name in dir.
func project(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name+".toml")
	ui := state.Fresh(name)
	if err := persist.WriteProject(path, persist.ProjectOf(&ui), nil); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSwitch(t *testing.T) {
	dir := t.TempDir()
	good := project(t, dir, "good")
	corrupt := filepath.Join(dir, "corrupt.toml")
	if err := os.WriteFile(corrupt, []byte("nope = = ="), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		edit    bool  // the user typed before the open
		saveErr error // the current project cannot be saved
		applied string
		failed  string
		disk    string
	}{
		{name: "ok", path: good, applied: "good", disk: "old"},
		{name: "ok, saving edits first", path: good, edit: true, applied: "good", disk: "edited"},
		{name: "new", path: "", edit: true, applied: "new", disk: "edited"},
		{name: "missing file", path: filepath.Join(dir, "missing.toml"), edit: true, failed: "there is no file there", disk: "edited"},
		{name: "corrupt file", path: corrupt, failed: "left untouched", disk: "old"},
		{name: "save fails", path: good, edit: true, saveErr: errors.New("disk full"), failed: "disk full", disk: "old"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			w.saveErr = tc.saveErr
			if tc.edit {
				w.doc = "edited"
			}
			w.sw.Begin(projectio.Target{Path: tc.path})
			if tgt, ok := w.sw.Pending(); !ok || tgt.Path != tc.path {
				t.Fatalf("pending = %v, %v", tgt, ok)
			}
			w.settle()
			if got := strings.Join(w.applied, ","); got != tc.applied {
				t.Errorf("applied %q, want %q", got, tc.applied)
			}
			if tc.failed == "" && len(w.failed) != 0 || tc.failed != "" && (len(w.failed) != 1 || !strings.Contains(w.failed[0], tc.failed)) {
				t.Errorf("failed %q, want %q", w.failed, tc.failed)
			}
			if w.disk != tc.disk {
				t.Errorf("the old project's file holds %q, want %q", w.disk, tc.disk)
			}
			if tc.failed != "" && w.doc != map[bool]string{true: "edited", false: "old"}[tc.edit] {
				t.Errorf("a failed switch changed the project to %q", w.doc)
			}
		})
	}
	if b, _ := os.ReadFile(corrupt); string(b) != "nope = = =" {
		t.Errorf("the corrupt file was changed: %q", b)
	}
}

// Edits typed while the file is read, and while the save before the
// switch runs, are all in the old project's file when the switch happens.
func TestEditsDuringOpenAreSaved(t *testing.T) {
	good := project(t, t.TempDir(), "good")
	w := newWorld(t)
	readGate, saveGate := make(chan struct{}), make(chan struct{})
	w.readGates[good] = readGate
	w.saveGate = saveGate
	w.doc = "typed before"
	w.sw.Begin(projectio.Target{Path: good})
	if w.saves != 1 {
		t.Fatalf("the save did not start with the open: %d saves", w.saves)
	}
	w.doc = "typed during the read"
	close(saveGate) // the first save (of "typed before") ends, the read is still held
	w.until("the first save", func() bool { return !w.saving })
	if len(w.applied) != 0 {
		t.Fatal("switched before the file was read")
	}
	w.saveGate = make(chan struct{})
	close(readGate)
	w.until("the second save", func() bool { return w.saves == 2 })
	w.doc = "typed during the second save"
	close(w.saveGate)
	w.settle()
	if w.saves != 3 {
		t.Errorf("%d saves, want 3 (the last for the edit typed during the second)", w.saves)
	}
	if w.disk != "typed during the second save" {
		t.Errorf("the old project's file holds %q: an edit was lost", w.disk)
	}
	if strings.Join(w.applied, ",") != "good" || w.doc != "good" {
		t.Errorf("applied %q, doc %q", w.applied, w.doc)
	}
}

// A second Open while one runs replaces it: the first file's read is
// dropped when it arrives, and only the second project is applied.
func TestSecondOpenReplacesTheFirst(t *testing.T) {
	dir := t.TempDir()
	first, second := project(t, dir, "first"), project(t, dir, "second")
	w := newWorld(t)
	gate := make(chan struct{})
	w.readGates[first] = gate
	w.sw.Begin(projectio.Target{Path: first})
	if old, ok := w.sw.Begin(projectio.Target{Path: second}); !ok || old.Path != first {
		t.Fatalf("replaced %v, %v", old, ok)
	}
	w.settle()
	close(gate)
	// The first read's result arrives after the switch: it must be ignored.
	w.until("the first read's result", func() bool {
		select {
		case f := <-w.mail:
			f()
			return true
		case <-time.After(5 * time.Second):
			t.Fatal("the first read never reported")
			return false
		}
	})
	if strings.Join(w.applied, ",") != "second" || len(w.failed) != 0 {
		t.Fatalf("applied %q, failed %q", w.applied, w.failed)
	}
	if tgt, ok := w.sw.Pending(); ok {
		t.Fatalf("still pending: %v", tgt)
	}
}

// A quit cancels a switch: nothing is applied when its read arrives.
func TestCancel(t *testing.T) {
	good := project(t, t.TempDir(), "good")
	w := newWorld(t)
	gate := make(chan struct{})
	w.readGates[good] = gate
	w.sw.Begin(projectio.Target{Path: good})
	w.sw.Cancel()
	close(gate)
	f := <-w.mail
	f()
	if len(w.applied) != 0 || len(w.failed) != 0 {
		t.Fatalf("applied %q, failed %q after Cancel", w.applied, w.failed)
	}
	var nilSw *projectio.Switcher
	nilSw.Cancel()
	if _, ok := nilSw.Pending(); ok {
		t.Fatal("a nil Switcher has a switch")
	}
}

func TestPaths(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub.toml"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in, want, err string
		saveAs        bool
	}{
		{in: " ", err: "type the path"},
		{in: filepath.Join(dir, "a.toml"), want: filepath.Join(dir, "a.toml")},
		{in: " ", err: "type a path", saveAs: true},
		{in: filepath.Join(dir, "b"), want: filepath.Join(dir, "b.toml"), saveAs: true},
		{in: filepath.Join(dir, "sub.toml"), err: "is a directory", saveAs: true},
	}
	for _, tc := range tests {
		f := projectio.OpenPath
		if tc.saveAs {
			f = projectio.SaveAsPath
		}
		got, err := f(tc.in)
		if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) || tc.err == "" && (err != nil || got != tc.want) {
			t.Errorf("%q (save as %v) = %q, %v; want %q, %q", tc.in, tc.saveAs, got, err, tc.want, tc.err)
		}
	}
	orig := &persist.Original{Unknown: map[string]any{"x": 1}}
	if c := projectio.Carried(orig); len(c.Unknown) != 1 {
		t.Errorf("the unknown keys did not travel: %+v", c)
	}
	if c := projectio.Carried(nil); c == nil {
		t.Error("Carried(nil) = nil")
	}
}
