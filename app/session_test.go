package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/persist"
)

// A session written on a signal exit comes back, once, for the same
// project; another project's start leaves it alone; an unreadable one is
// reported and kept.
func TestSessionRoundTrip(t *testing.T) {
	dir := t.TempDir()
	newApp := func(project string) *App {
		return &App{files: &files{paths: persist.PathsIn(dir), path: project}}
	}
	a := newApp("/p/one.toml")
	a.ComposerRole, a.ComposerText = 1, "half typed\twith a tab"
	a.Forms.NewFilePattern = "src/**/*.go"
	a.Dialogs.About = true
	if err := a.saveSession(); err != nil {
		t.Fatal(err)
	}

	other := newApp("/p/two.toml")
	if err := other.restoreSession(); err != nil || other.ComposerText != "" {
		t.Fatalf("another project: err %v, composer %q; want nothing restored", err, other.ComposerText)
	}
	if _, err := os.Stat(a.sessionPath()); err != nil {
		t.Fatalf("another project's start removed the session: %v", err)
	}

	b := newApp("/p/one.toml")
	if err := b.restoreSession(); err != nil {
		t.Fatal(err)
	}
	if b.ComposerRole != 1 || b.ComposerText != a.ComposerText || b.Forms != a.Forms || b.Dialogs != a.Dialogs {
		t.Fatalf("restored %d %q %+v %+v, want %d %q %+v %+v", b.ComposerRole, b.ComposerText, b.Forms, b.Dialogs,
			a.ComposerRole, a.ComposerText, a.Forms, a.Dialogs)
	}
	if _, err := os.Stat(a.sessionPath()); !os.IsNotExist(err) {
		t.Fatalf("the session was not consumed: %v", err)
	}
	c := newApp("/p/one.toml")
	if err := c.restoreSession(); err != nil || c.ComposerText != "" {
		t.Fatalf("second start: err %v, composer %q; want nothing (restored once)", err, c.ComposerText)
	}

	if err := os.WriteFile(a.sessionPath(), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	d := newApp("/p/one.toml")
	if err := d.restoreSession(); err == nil || !strings.Contains(err.Error(), "left as it is") {
		t.Fatalf("corrupt session: %v, want an error saying it was kept", err)
	}
	if _, err := os.Stat(a.sessionPath()); err != nil {
		t.Fatalf("a corrupt session was removed: %v", err)
	}
}

// Issue 20 item 5: session.json holds the composer and half-typed forms:
// it and the config directory it creates are private (0600, 0700).
func TestSessionIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "slopgui")
	a := &App{files: &files{paths: persist.PathsIn(dir), path: "/p/one.toml"}}
	a.ComposerText = "a secret half typed"
	if err := a.saveSession(); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{a.sessionPath(): 0o600, dir: 0o700} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: %v (%v), want mode %v", p, fi.Mode().Perm(), err, want)
		}
	}
}
