package app_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/app"
)

// Issue 17 item 5: Open, New and Save As run in the background. While an
// Open runs, the status line and ProjectInfo say so; what the user typed
// meanwhile is in the old project's file when the switch happens; a
// second Open replaces the first; a failed one reopens the dialog with
// the reason and changes nothing.
func TestOpenInBackground(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.toml")
	a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: first})
	sample := copySample(t, dir)
	other := filepath.Join(dir, "other.toml")
	if err := os.WriteFile(other, mustRead(t, sample), 0o644); err != nil {
		t.Fatal(err)
	}

	a.Project.Name = "typed before"
	if err := a.OpenProject(other); err != nil {
		t.Fatal(err)
	}
	// The read's result waits in the mailbox until a frame drains it:
	// these edits are made while the open is under way.
	if got := a.ProjectInfo().Opening; got != "other.toml" {
		t.Fatalf("ProjectInfo.Opening = %q", got)
	}
	if line := app.StatusLineForTest(a); !strings.Contains(line, "opening other.toml…") {
		t.Fatalf("status line %q", line)
	}
	if err := a.OpenProject(sample); err != nil { // replaces the first
		t.Fatal(err)
	}
	a.Project.Name = "typed during the open"
	app.SettleForTest(a)
	if a.Project.Name != "Sample Project" || a.ProjectInfo().Path != sample || a.ProjectInfo().Opening != "" {
		t.Fatalf("after the open: %q in %s (opening %q)", a.Project.Name, a.ProjectInfo().Path, a.ProjectInfo().Opening)
	}
	if p := loadProject(t, first); p.Project.Name != "typed during the open" {
		t.Fatalf("the old project's file holds %q: the edit typed during the open was lost", p.Project.Name)
	}
	if b := mustRead(t, other); string(b) != string(mustRead(t, sample)) {
		t.Fatal("the replaced open wrote its file")
	}

	a.Project.Name = "sample edited"
	a.Dialogs.Open = false
	if err := a.OpenProject(filepath.Join(dir, "missing.toml")); err != nil {
		t.Fatal(err)
	}
	app.SettleForTest(a)
	if !a.Dialogs.Open || !strings.Contains(a.Forms.DialogError, "no file there") {
		t.Fatalf("a failed open: dialog open %v, error %q", a.Dialogs.Open, a.Forms.DialogError)
	}
	if a.Project.Name != "sample edited" || a.ProjectInfo().Path != sample {
		t.Fatalf("a failed open changed the project: %q in %s", a.Project.Name, a.ProjectInfo().Path)
	}
}

// A Save As that fails when writing (not up front) is said in its dialog,
// keeps the project's path, and loses nothing; one that works switches
// the path and closes the dialog. Open waits for a Save As under way.
func TestSaveAsInBackground(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.toml")
	a := mustOpen(t, app.Config{ConfigDir: t.TempDir(), ProjectPath: path})
	a.Project.Name = "mine"
	a.Dialogs.SaveAs = true
	bad := "/proc/slopgui-save-as.toml" // passes the check up front; no file can be created there, even by root
	if err := a.SaveProjectAs(bad); err != nil {
		t.Fatalf("refused up front: %v", err)
	}
	if got := a.ProjectInfo().SavingAs; got != bad {
		t.Fatalf("SavingAs = %q", got)
	}
	if err := a.OpenProject(path); err == nil || !strings.Contains(err.Error(), "being saved") {
		t.Fatalf("Open during a Save As: %v", err)
	}
	if err := a.SaveProject(); err == nil || !strings.Contains(err.Error(), "being saved") {
		t.Fatalf("Ctrl+S during a Save As: %v", err)
	}
	app.SettleForTest(a)
	if !a.Dialogs.SaveAs || a.Forms.DialogError == "" || a.ProjectInfo().Path != path || a.Project.Name != "mine" {
		t.Fatalf("failed Save As: dialog %v %q, path %s, name %q", a.Dialogs.SaveAs, a.Forms.DialogError, a.ProjectInfo().Path, a.Project.Name)
	}
	good := filepath.Join(dir, "copy.toml")
	if err := a.SaveProjectAs(good); err != nil {
		t.Fatal(err)
	}
	app.SettleForTest(a)
	if a.Dialogs.SaveAs || a.Forms.DialogError != "" || a.ProjectInfo().Path != good {
		t.Fatalf("Save As: dialog %v %q, path %s", a.Dialogs.SaveAs, a.Forms.DialogError, a.ProjectInfo().Path)
	}
	if p := loadProject(t, good); p.Project.Name != "mine" {
		t.Fatalf("wrote %q", p.Project.Name)
	}
}
