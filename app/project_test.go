package app_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

// clock is a settable clock for autosave timing.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func newClock() *clock { return &clock{now: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)} }

// copySample copies testdata/sample.toml into dir and returns its path.
func copySample(tb testing.TB, dir string) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/sample.toml")
	if err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(dir, "sample.toml")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func mustOpen(tb testing.TB, cfg app.Config) *app.App {
	tb.Helper()
	if cfg.WorkDir == "" {
		cfg.WorkDir = tb.TempDir()
	}
	a, err := app.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := a.Close(); err != nil {
			tb.Errorf("closing the app: %v", err)
		}
	})
	return a
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func mustWrite(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

func mustReadDir(tb testing.TB, dir string) []os.DirEntry {
	tb.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return ents
}

func loadProject(tb testing.TB, path string) persist.Project {
	tb.Helper()
	p, err := persist.LoadProject(path)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// Edits are saved, and a new App (a restart) finds them, the theme and the
// window choices included, in the last project it had open.
func TestProjectSurvivesRestart(t *testing.T) {
	cfgDir := t.TempDir()
	path := copySample(t, t.TempDir())
	a := mustOpen(t, app.Config{ConfigDir: cfgDir, ProjectPath: path})
	if a.Project.Name != "Sample Project" || a.Discussions[0].Entries[1].Text != "alpha entry" {
		t.Fatalf("sample not loaded: %+v", a.Project)
	}
	a.Discussions[0].Entries[1].Text = "alpha entry edited"
	a.Theme = "NERV"
	a.ShowWindows[state.WindowAI] = false
	a.Tracks[0].Tickets[1].Retry()
	if err := app.SaveForTest(a); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	b := mustOpen(t, app.Config{ConfigDir: cfgDir}) // no path: reopen the last one
	if got := b.Discussions[0].Entries[1].Text; got != "alpha entry edited" {
		t.Fatalf("entry after restart: %q", got)
	}
	if b.Theme != "NERV" || b.ShowWindows[state.WindowAI] || b.Tracks[0].Tickets[1].Status != state.StatusTodo {
		t.Fatalf("after restart: theme %q, AI shown %v, S2 %q", b.Theme, b.ShowWindows[state.WindowAI], b.Tracks[0].Tickets[1].Status)
	}
}

// Autosave writes once edits have been quiet for a second, not before,
// and off the render thread.
func TestAutosaveIsDebounced(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	clk := newClock()
	path := copySample(t, t.TempDir())
	a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: path, Now: clk.Now})
	before := mustRead(t, path)

	a.Project.Name = "Renamed"
	frame := func() {
		if err := hc.Frame(a.Frame); err != nil {
			t.Fatal(err)
		}
	}
	frame()
	clk.Add(500 * time.Millisecond)
	frame()
	if now := mustRead(t, path); !bytes.Equal(now, before) {
		t.Fatal("saved before the edits settled")
	}
	clk.Add(1100 * time.Millisecond)
	frame()
	testutil.Eventually(t, 10*time.Second, "autosave wrote the new name", func() bool {
		p, err := persist.LoadProject(path)
		return err == nil && p.Project.Name == "Renamed"
	})
}

// A corrupt project file: the app still starts, says what happened,
// leaves the file exactly where and as it is, and opens an untitled
// project whose saves go elsewhere.
func TestCorruptProjectIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "broken.toml")
	bad := []byte("Format = 1\n[Project\nName = \"half")
	mustWrite(t, path, bad)

	cfgDir := t.TempDir()
	a := mustOpen(t, app.Config{ConfigDir: cfgDir, ProjectPath: path})
	info := appProjectInfo(t, a)
	if !strings.Contains(info, path) || !strings.Contains(info, "left exactly as it is") || !strings.Contains(info, "untitled") {
		t.Fatalf("problem = %q", info)
	}
	if a.Project.Name != "untitled" || len(a.Discussions) != 1 {
		t.Fatalf("new project: %+v", a.Project)
	}
	a.Project.Name = "rescued work"
	if err := app.SaveForTest(a); err != nil {
		t.Fatal(err)
	}
	if got := a.ProjectInfo().Path; got == path || !strings.HasPrefix(got, cfgDir) {
		t.Fatalf("the untitled project is saved to %s", got)
	}
	if b := mustRead(t, path); !bytes.Equal(b, bad) {
		t.Fatal("the corrupt file was changed")
	}
	if ents := mustReadDir(t, dir); len(ents) != 1 {
		t.Fatalf("files beside the corrupt one: %v", ents)
	}
	a.DismissProblem()
	if appProjectInfo(t, a) != "" {
		t.Fatal("problem not dismissed")
	}
}

// A corrupt config resets preferences, is left as it is, and is not
// written even when preferences change.
func TestCorruptConfigIsLeftAlone(t *testing.T) {
	cfgDir := t.TempDir()
	cfg := filepath.Join(cfgDir, "config.toml")
	mustWrite(t, cfg, []byte("Theme = = NERV"))
	a := mustOpen(t, app.Config{ConfigDir: cfgDir})
	if !strings.Contains(appProjectInfo(t, a), "config.toml") {
		t.Fatalf("problem = %q", appProjectInfo(t, a))
	}
	if a.Theme != "Default" || a.Project.Name != "slopgui" {
		t.Fatalf("theme %q, project %q", a.Theme, a.Project.Name)
	}
	a.Theme = "NERV"
	if err := app.SaveForTest(a); err != nil {
		t.Fatal(err)
	}
	if b := mustRead(t, cfg); string(b) != "Theme = = NERV" {
		t.Fatalf("the corrupt config was written: %q", b)
	}
}

// Opening a missing or corrupt file fails with a message and changes
// nothing; opening a good one switches projects, saving the old one.
func TestOpenProject(t *testing.T) {
	dir := t.TempDir()
	a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: filepath.Join(dir, "first.toml")})
	a.Project.Name = "first edited"
	corrupt := filepath.Join(dir, "corrupt.toml")
	mustWrite(t, corrupt, []byte("nope = = ="))
	tests := []struct {
		path, want string
	}{
		{filepath.Join(dir, "missing.toml"), "cannot open"},
		{corrupt, "left untouched"},
		{"  ", "type the path"},
	}
	for _, tc := range tests {
		msg := app.OpenForTest(a, tc.path)
		if !strings.Contains(msg, tc.want) {
			t.Errorf("OpenProject(%q): %q, want %q", tc.path, msg, tc.want)
		}
		if a.Project.Name != "first edited" {
			t.Fatalf("a failed open changed the project to %q", a.Project.Name)
		}
	}
	if b := mustRead(t, corrupt); string(b) != "nope = = =" {
		t.Fatal("opening a corrupt file changed it")
	}
	sample := copySample(t, dir)
	if msg := app.OpenForTest(a, sample); msg != "" {
		t.Fatal(msg)
	}
	if a.Project.Name != "Sample Project" {
		t.Fatalf("opened %q", a.Project.Name)
	}
	if p := loadProject(t, filepath.Join(dir, "first.toml")); p.Project.Name != "first edited" {
		t.Fatalf("the previous project was not saved: %q", p.Project.Name)
	}
	recent := a.RecentProjects()
	if len(recent) == 0 || recent[0] != sample {
		t.Fatalf("recent = %q", recent)
	}
}

func TestSaveAsAndNew(t *testing.T) {
	dir := t.TempDir()
	a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: copySample(t, dir)})
	as := filepath.Join(dir, "copy")
	if err := app.SaveAsForTest(a, as); err != nil {
		t.Fatal(err)
	}
	if p := loadProject(t, as+".toml"); p.Project.Name != "Sample Project" {
		t.Fatalf("save as wrote %+v", p.Project)
	}
	a.NewProject()
	app.SettleForTest(a)
	if info := a.ProjectInfo(); info.SaveError != "" || len(a.Notices()) != 0 {
		t.Fatalf("New: save error %q, notices %q", info.SaveError, a.Notices())
	}
	if a.Project.Name != "untitled" || len(a.Discussions) != 1 || len(a.Discussions[0].Entries) != 0 {
		t.Fatalf("new project: %+v %+v", a.Project, a.Discussions)
	}
	if _, err := os.Stat(filepath.Join(dir, "untitled.toml")); err != nil {
		t.Fatal("new project not written beside the old one")
	}
}

// appProjectInfo returns the problem message views would show.
func appProjectInfo(tb testing.TB, a *app.App) string {
	tb.Helper()
	return a.ProjectInfo().Problem
}
