package app_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/slopgui/slopgui/app"
	"github.com/slopgui/slopgui/internal/headless"
	"github.com/slopgui/slopgui/state"
)

// handWritten is a project a user wrote by hand: a comment, no [AI] table.
const handWritten = `# written by hand
Format = 1

[Project]
  Name = "by hand"
  Root = "."
`

// Issue 20 item 6: a hand-written project with no [AI] table is opened
// and left alone: no write (no .bak), however long the app runs without
// input, and AI Settings shows the app's defaults.
func TestOpeningWithoutAISettingsWritesNothing(t *testing.T) {
	hc := headless.New(t, 1280, 800)
	clk := newClock()
	dir := t.TempDir()
	path := filepath.Join(dir, "hand.toml")
	mustWrite(t, path, []byte(handWritten))
	before := statFile(t, path)
	a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: path, Now: clk.Now})
	frames(t, hc, a, clk, 30, 200*time.Millisecond) // 6 s: autosave had every chance
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if after := statFile(t, path); !after.same(before) {
		t.Fatalf("opening rewrote the project:\n%s", after.data)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("opening wrote beside the project: %v", ents)
	}
	if a.AI.MaxTokens != 4096 || a.AI.Provider != state.Providers[0] || a.AI.Temperature != 0.7 {
		t.Fatalf("AI settings in memory: %+v", a.AI)
	}
}

// Issue 20 item 5: the config directory, its projects directory and the
// files the app creates there (the project, config.toml) are private.
func TestCreatedFilesArePrivate(t *testing.T) {
	cfgDir := filepath.Join(t.TempDir(), "slopgui")
	a := mustOpen(t, app.Config{ConfigDir: cfgDir})
	a.Theme = "NERV"
	a.ComposerText = "typed"
	if err := app.SaveForTest(a); err != nil {
		t.Fatal(err)
	}
	proj := a.ProjectInfo().Path
	for p, want := range map[string]os.FileMode{cfgDir: 0o700, filepath.Dir(proj): 0o700,
		proj: 0o600, filepath.Join(cfgDir, "config.toml"): 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
	}
}
