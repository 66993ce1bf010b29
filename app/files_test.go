package app_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/views/discussion"
)

// frames draws n frames, advancing clk by step before each.
func frames(tb testing.TB, hc *headless.Context, a *app.App, clk *clock, n int, step time.Duration) {
	tb.Helper()
	for range n {
		clk.Add(step)
		if err := hc.Frame(a.Frame); err != nil {
			tb.Fatal(err)
		}
	}
}

// fileState is what must not change about a file nobody asked to write.
type fileState struct {
	data  []byte
	mode  os.FileMode
	ino   uint64
	mtime time.Time
}

func statFile(tb testing.TB, path string) fileState {
	tb.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return fileState{b, fi.Mode(), fi.Sys().(*syscall.Stat_t).Ino, fi.ModTime()}
}

func (s fileState) same(o fileState) bool {
	return bytes.Equal(s.data, o.data) && s.mode == o.mode && s.ino == o.ino && s.mtime.Equal(o.mtime)
}

// Issue 12 case 1: a project file slopgui cannot read (another user's,
// mode 600) is never written, moved or replaced, by autosave or Save. The
// app opens an untitled project and says where the file is and why.
func TestUnreadableProjectIsNeverWritten(t *testing.T) {
	if os.Getenv(testutil.AsOtherUserEnv) != "" {
		path, cfgDir := os.Getenv("SLOPGUI_TEST_PROJECT"), os.Getenv("SLOPGUI_TEST_CONFIG")
		hc := headless.New(t, 1280, 800)
		clk := newClock()
		a := mustOpen(t, app.Config{ConfigDir: cfgDir, ProjectPath: path, Now: clk.Now})
		info := a.ProjectInfo()
		if !strings.Contains(info.Problem, path) || !strings.Contains(info.Problem, "permission denied") ||
			!strings.Contains(info.Problem, "untitled") {
			t.Fatalf("the problem does not say where and why: %q", info.Problem)
		}
		if info.Path == path {
			t.Fatal("the unreadable file is still the project's file")
		}
		a.Project.Name = "work done meanwhile"
		frames(t, hc, a, clk, 20, 200*time.Millisecond) // autosave has run
		if err := app.SaveForTest(a); err != nil {
			t.Fatal(err)
		}
		if p := loadProject(t, a.ProjectInfo().Path); p.Project.Name != "work done meanwhile" {
			t.Fatalf("the untitled project holds %+v", p.Project)
		}
		if a.ProjectInfo().Path == path {
			t.Fatal("the project switched to the unreadable file")
		}
		return
	}
	dir := testutil.SharedDir(t) // anyone may create and rename files here
	path := filepath.Join(dir, "theirs.toml")
	b, _ := os.ReadFile("testdata/sample.toml")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	before := statFile(t, path)
	cfgDir := filepath.Join(dir, "config")
	testutil.RunAsOtherUser(t, dir, "TestUnreadableProjectIsNeverWritten",
		"SLOPGUI_TEST_PROJECT="+path, "SLOPGUI_TEST_CONFIG="+cfgDir)
	if after := statFile(t, path); !after.same(before) {
		t.Fatal("the unreadable project file was replaced or changed")
	}
	if fi, _ := os.Stat(path); fi.Sys().(*syscall.Stat_t).Uid != 0 {
		t.Fatal("the file changed owner")
	}
}

// Issue 12 case 2: opening a project writes nothing (not the project, not
// the config). The first write after an edit keeps the mode, the keys
// slopgui does not know, and, as the file has comments, says so once
// before and keeps a .bak of the original.
func TestOpeningWritesNothing(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	clk := newClock()
	dir, cfgDir := t.TempDir(), t.TempDir()
	path := filepath.Join(dir, "commented.toml")
	b, _ := os.ReadFile("testdata/commented.toml")
	os.WriteFile(path, b, 0o644)
	os.Chmod(path, 0o644)
	before := statFile(t, path)
	a := mustOpen(t, app.Config{ConfigDir: cfgDir, ProjectPath: path, Now: clk.Now})
	frames(t, hc, a, clk, 30, 200*time.Millisecond) // 6 s: autosave had every chance
	a.Close()
	if after := statFile(t, path); !after.same(before) {
		t.Fatalf("opening rewrote the project (mode %v -> %v)", before.mode, after.mode)
	}
	if ents, _ := os.ReadDir(cfgDir); len(ents) != 0 {
		t.Fatalf("opening wrote into the config dir: %v", ents)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("opening wrote beside the project: %v", ents)
	}
	notes := a.Notices()
	if len(notes) != 1 || !strings.Contains(notes[0], "comments") || !strings.Contains(notes[0], ".bak") {
		t.Fatalf("notices before the first save: %q", notes)
	}

	a.Discussions[0].Entries[0].Text = "edited"
	frames(t, hc, a, clk, 10, 200*time.Millisecond)
	testutil.Eventually(t, 10*time.Second, "autosave wrote the edit", func() bool {
		p, err := app.ReadProjectForTest(path)
		return err == nil && p.Discussions[0].Entries[0].Text == "edited"
	})
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Fatalf("mode after the first save: %v", fi.Mode().Perm())
	}
	var raw map[string]any
	if _, err := toml.DecodeFile(path, &raw); err != nil {
		t.Fatal(err)
	}
	if raw["Owner"] != "team-a" || raw["Project"].(map[string]any)["Reviewer"] != "ann" {
		t.Fatalf("unknown keys lost: %v", raw)
	}
	if bak, _ := os.ReadFile(path + ".bak"); !bytes.Equal(bak, b) {
		t.Fatal("no .bak of the original")
	}
	if len(a.Notices()) != 1 {
		t.Fatalf("the comments were announced again: %q", a.Notices())
	}
}

// Issue 12 case 5a: Save As to a writable path succeeds even though the
// config dir cannot be written: the window switches to the new path, no
// error; the preferences get one warning of their own.
func TestSaveAsWithReadOnlyConfig(t *testing.T) {
	if os.Getenv(testutil.AsOtherUserEnv) != "" {
		dir := os.Getenv("SLOPGUI_TEST_DIR")
		hc := headless.New(t, 1280, 800)
		clk := newClock()
		a := mustOpen(t, app.Config{ConfigDir: filepath.Join(dir, "config"), ProjectPath: filepath.Join(dir, "mine", "p.toml"), Now: clk.Now})
		a.Project.Name = "saved elsewhere"
		a.Theme = "NERV" // a preference to save too: config.toml is written with the project
		as := filepath.Join(dir, "mine", "copy.toml")
		if err := app.SaveAsForTest(a, as); err != nil {
			t.Fatalf("Save As failed: %v", err)
		}
		info := a.ProjectInfo()
		if info.Path != as || info.SaveError != "" {
			t.Fatalf("after Save As: path %s, save error %q", info.Path, info.SaveError)
		}
		if p := loadProject(t, as); p.Project.Name != "saved elsewhere" {
			t.Fatalf("wrote %+v", p.Project)
		}
		frames(t, hc, a, clk, 3, 200*time.Millisecond)
		notes := a.Notices()
		if len(notes) != 1 || !strings.Contains(notes[0], "preferences") || !strings.Contains(notes[0], "config.toml") {
			t.Fatalf("notices: %q", notes)
		}
		a.DiscussionSplit = 123 // another failing config write: no second warning
		frames(t, hc, a, clk, 15, 200*time.Millisecond)
		if len(a.Notices()) != 1 {
			t.Fatalf("warned again: %q", a.Notices())
		}
		return
	}
	dir := testutil.SharedDir(t)
	os.Mkdir(filepath.Join(dir, "config"), 0o755) // root's: nobody cannot write it
	os.Mkdir(filepath.Join(dir, "mine"), 0o777)
	os.Chmod(filepath.Join(dir, "mine"), 0o777)
	testutil.RunAsOtherUser(t, dir, "TestSaveAsWithReadOnlyConfig", "SLOPGUI_TEST_DIR="+dir)
}

// Issue 12 case 5b: a project path that is a directory is refused up
// front, with that reason: by Save As, by Open, and at start.
func TestProjectPathIsADirectory(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "proj.toml")
	os.Mkdir(sub, 0o755)
	a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: sub})
	if p := a.ProjectInfo(); !strings.Contains(p.Problem, "is a directory") || p.Path == sub {
		t.Fatalf("at start: path %s, problem %q", p.Path, p.Problem)
	}
	old := a.ProjectInfo().Path
	if err := a.SaveProjectAs(sub); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("Save As a directory: %v", err)
	}
	if a.ProjectInfo().Path != old {
		t.Fatal("a refused Save As switched the path")
	}
	if msg := app.OpenForTest(a, sub); !strings.Contains(msg, "is a directory") {
		t.Fatalf("Open a directory: %q", msg)
	}
	if ents, _ := os.ReadDir(sub); len(ents) != 0 {
		t.Fatalf("written into the directory: %v", ents)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("written beside it: %v", ents)
	}
}

// Issue 12 case 4: File > Quit with a save that fails does not exit: a
// dialog offers Retry, Save As… and Quit without saving; the edit is kept.
func TestQuitWithFailedSave(t *testing.T) {
	setup := func(t *testing.T) (*headless.Context, *app.App, *clock, string) {
		hc := headless.New(t, 1280, 800)
		clk := newClock()
		dir := t.TempDir()
		projDir := filepath.Join(dir, "projects")
		path := filepath.Join(projDir, "p.toml")
		b, _ := os.ReadFile("testdata/sample.toml")
		os.Mkdir(projDir, 0o755)
		os.WriteFile(path, b, 0o644)
		a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: path, Now: clk.Now})
		a.Project.Name = "unsaved edit"
		// The folder is gone and a file took its name: every save fails
		// (even as root), as on a disk that broke.
		os.RemoveAll(projDir)
		os.WriteFile(projDir, []byte("not a folder"), 0o644)
		a.Quit()
		testutil.Eventually(t, 10*time.Second, "the quit's save failed", func() bool {
			frames(t, hc, a, clk, 1, 16*time.Millisecond)
			return a.QuitError() != nil
		})
		frames(t, hc, a, clk, 3, 16*time.Millisecond)
		if a.Closing() {
			t.Fatal("slopgui closes although the save failed")
		}
		if !strings.Contains(a.QuitError().Error(), "not a directory") {
			t.Fatalf("the dialog says %v", a.QuitError())
		}
		return hc, a, clk, projDir
	}
	t.Run("retry", func(t *testing.T) {
		hc, a, clk, projDir := setup(t)
		a.RetryQuit()
		testutil.Eventually(t, 10*time.Second, "the retry failed too", func() bool {
			frames(t, hc, a, clk, 1, 16*time.Millisecond)
			return a.QuitError() != nil
		})
		os.Remove(projDir) // the user fixes it
		os.Mkdir(projDir, 0o755)
		a.RetryQuit()
		testutil.Eventually(t, 10*time.Second, "closing after a good retry", func() bool {
			frames(t, hc, a, clk, 1, 16*time.Millisecond)
			return a.Closing()
		})
		if p := loadProject(t, filepath.Join(projDir, "p.toml")); p.Project.Name != "unsaved edit" {
			t.Fatalf("saved %+v", p.Project)
		}
	})
	t.Run("save as", func(t *testing.T) {
		hc, a, clk, _ := setup(t)
		as := filepath.Join(t.TempDir(), "elsewhere.toml")
		if err := a.QuitSaveAs(as); err != nil {
			t.Fatal(err)
		}
		testutil.Eventually(t, 10*time.Second, "closing after Save As", func() bool {
			frames(t, hc, a, clk, 1, 16*time.Millisecond)
			return a.Closing()
		})
		if p := loadProject(t, as); p.Project.Name != "unsaved edit" {
			t.Fatalf("saved %+v", p.Project)
		}
	})
	t.Run("quit without saving", func(t *testing.T) {
		hc, a, clk, _ := setup(t)
		a.QuitWithoutSaving()
		frames(t, hc, a, clk, 1, 16*time.Millisecond)
		if !a.Closing() {
			t.Fatal("not closing")
		}
		var stderr bytes.Buffer
		if code := a.ExitCode(&stderr); code != 0 {
			t.Fatalf("exit code %d: %s", code, stderr.String())
		}
	})
}

// The dirty flag: an edit to what is saved sets it (made between frames
// or by a view inside one), typing into a form does not, a save clears
// it, and frames without edits leave it alone. The status line's "unsaved
// changes" follows it.
func TestDirtyFlag(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	clk := newClock()
	targets := targetsWith(func(f *contract.Frame) {
		if f.UI.ComposerText == "add this" {
			f.UI.SubmitComposer(f.Now) // as the Send button does
		}
		if f.UI.ComposerText == "toggle read/edit" { // as an entry's Read / Edit button does
			f.UI.ComposerText = ""
			e := &f.UI.Discussions[0].Entries[0]
			e.Editing = !e.Editing
		}
		discussion.DiscussionHub(f)
	})
	fb := fakeBuild{targets}
	path := copySample(t, t.TempDir())
	a := mustOpen(t, app.Config{SourceRoot: t.TempDir(), Builder: fb, Loader: fb,
		ConfigDir: t.TempDir(), ProjectPath: path, Now: clk.Now})
	reloadAndDraw(t, a, hc)
	dirty := func(want bool, when string) {
		t.Helper()
		if got := a.ProjectInfo().Dirty; got != want {
			t.Fatalf("%s: dirty = %v, want %v", when, got, want)
		}
		if got := strings.Contains(app.StatusLineForTest(a), "unsaved changes"); got != want {
			t.Fatalf("%s: the status line %q (unsaved changes shown: %v, want %v)", when, app.StatusLineForTest(a), got, want)
		}
	}
	frames(t, hc, a, clk, 10, 200*time.Millisecond)
	dirty(false, "after opening and idle frames")

	a.Forms.NewFilePattern = "*.md"
	a.Dialogs.Open = true
	frames(t, hc, a, clk, 2, 16*time.Millisecond)
	dirty(false, "after typing into a form")
	a.Dialogs.Open = false

	a.Project.Name = "edited between frames"
	frames(t, hc, a, clk, 1, 16*time.Millisecond)
	dirty(true, "after an edit")
	if err := app.SaveForTest(a); err != nil {
		t.Fatal(err)
	}
	dirty(false, "after Save")
	if p := loadProject(t, path); p.Project.Name != "edited between frames" {
		t.Fatalf("saved %q", p.Project.Name)
	}
	frames(t, hc, a, clk, 10, 200*time.Millisecond)
	dirty(false, "after idle frames since the save")

	// The Read / Edit toggle is how an entry is shown: not saved, so no
	// change to autosave, and no undo step.
	saved := a.ProjectInfo().SavedAt
	before, _ := a.Tracker.Len()
	a.ComposerText = "toggle read/edit"
	frames(t, hc, a, clk, 2, 16*time.Millisecond)
	if !a.Discussions[0].Entries[0].Editing {
		t.Fatal("the view did not toggle Read / Edit")
	}
	dirty(false, "after a Read / Edit toggle")
	frames(t, hc, a, clk, 10, 200*time.Millisecond) // past autosave's wait
	if got := a.ProjectInfo().SavedAt; !got.Equal(saved) {
		t.Errorf("a Read / Edit toggle was saved at %v", got)
	}
	if after, _ := a.Tracker.Len(); after != before {
		t.Errorf("a Read / Edit toggle is an undo step: %d steps, %d before", after, before)
	}

	n := len(a.Discussions[0].Entries)
	a.ComposerText = "add this" // the view adds it in the next frame
	frames(t, hc, a, clk, 2, 16*time.Millisecond)
	if len(a.Discussions[0].Entries) != n+1 {
		t.Fatal("the view did not add the entry")
	}
	dirty(true, "after a view's edit")
	frames(t, hc, a, clk, 10, 200*time.Millisecond) // autosave, a second after
	testutil.Eventually(t, 10*time.Second, "autosave wrote the view's edit", func() bool {
		frames(t, hc, a, clk, 1, 16*time.Millisecond)
		p, err := app.ReadProjectForTest(path)
		return err == nil && len(p.Discussions[0].Entries) == n+1
	})
	dirty(false, "after autosave")
}

// New and Open never switch away from a project that cannot be saved:
// its edits would be lost. The user is told which file and why; once the
// problem is fixed, the switch saves the edits and happens.
func TestSwitchRefusedWhenSaveFails(t *testing.T) {
	dir := t.TempDir()
	projDir := filepath.Join(dir, "projects")
	if err := os.Mkdir(projDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := copySample(t, projDir)
	other := copySample(t, t.TempDir())
	a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: path})
	a.Project.Name = "unsaved edit"
	// The folder is gone and a file took its name: every save fails
	// (even as root), as on a disk that broke.
	if err := os.RemoveAll(projDir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(projDir, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	stays := func(what string) {
		t.Helper()
		if a.Project.Name != "unsaved edit" || a.ProjectInfo().Path != path {
			t.Fatalf("%s switched: project %q in %s", what, a.Project.Name, a.ProjectInfo().Path)
		}
		if !a.ProjectInfo().Dirty || a.ProjectInfo().SaveError == "" {
			t.Fatalf("%s: the edit is not shown as unsaved: %+v", what, a.ProjectInfo())
		}
	}

	msg := app.OpenForTest(a, other)
	if !strings.Contains(msg, path) || !strings.Contains(msg, "not a directory") || !strings.Contains(msg, "stays open") {
		t.Fatalf("Open with a project that cannot be saved: %q", msg)
	}
	stays("Open")

	a.NewProject()
	app.SettleForTest(a)
	stays("New")
	notes := a.Notices()
	if len(notes) != 1 || !strings.Contains(notes[0], "No new project") || !strings.Contains(notes[0], path) ||
		!strings.Contains(notes[0], "not a directory") {
		t.Fatalf("New did not say why: %q", notes)
	}

	if err := os.Remove(projDir); err != nil { // the user fixes it
		t.Fatal(err)
	}
	if err := os.Mkdir(projDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if msg := app.OpenForTest(a, other); msg != "" {
		t.Fatal(msg)
	}
	if a.Project.Name != "Sample Project" || a.ProjectInfo().Path != other {
		t.Fatalf("after the fix: project %q in %s", a.Project.Name, a.ProjectInfo().Path)
	}
	if p := loadProject(t, path); p.Project.Name != "unsaved edit" {
		t.Fatalf("the edit was not saved on the way: %q", p.Project.Name)
	}
}
