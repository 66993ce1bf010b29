// Package projectio switches projects (Open, New) without pausing the
// window: the new project file is read and decoded on a goroutine of its
// own, the current project is saved by the app's background writer, and
// the switch itself happens in one step on the render thread, between
// frames, once both are done. Results come back as functions to run on
// the render thread (the app's one mailbox, Hooks.Post). It holds no UI
// state and draws nothing; app/project.go adapts it.
//
// Edits made while a switch runs are never lost. The switch happens only
// at a moment when the current project has nothing unsaved: when the read
// is done, the Switcher asks the app (Hooks.Unsaved) and, if anything
// changed since the last write that worked (edits typed during the read
// or the previous save, a write still under way, a write that failed),
// it saves again (Hooks.Save) and asks again when that save is done. So
// the old project's file holds everything typed up to the switch. A save
// that fails refuses the switch (Hooks.Fail): the current project stays
// open with its edits, as before the Open.
//
// A second Open (or New) while one runs replaces it: the first one's read
// is dropped when it arrives, the saves carry on for the new target.
package projectio

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/slopgui/slopgui/persist"
)

// Target is what a switch goes to: the project file at Path, or a new,
// empty project when Path is "".
type Target struct{ Path string }

// Name is how the user sees the target: the file's name, or "a new project".
func (t Target) Name() string {
	if t.Path == "" {
		return "a new project"
	}
	return filepath.Base(t.Path)
}

// Loaded is a target ready to apply: for an Open, the project read and
// decoded from its file.
type Loaded struct {
	Target
	Project persist.Project
	Orig    *persist.Original
}

// Hooks are the app's side of a Switcher. All but Read run on the render
// thread.
type Hooks struct {
	// Post runs f on the render thread between frames (the app's mailbox).
	Post func(f func())
	// Read reads and decodes a project file, off the render thread; nil
	// means persist.ReadProject.
	Read func(path string) (persist.Project, *persist.Original, error)
	// Unsaved reports whether the current project (and config) has
	// anything not yet written successfully, a write under way included.
	Unsaved func() bool
	// Save starts writing the current state off the render thread and
	// calls done, on any goroutine, with the project write's error.
	Save func(done func(error))
	// Apply makes l the open project.
	Apply func(l Loaded)
	// Fail says why the switch to t did not happen; nothing changed.
	Fail func(t Target, err error)
}

// Switcher runs at most one project switch at a time. Its methods are
// called on the render thread.
type Switcher struct {
	h      Hooks
	seq    int
	cur    *job // the switch under way; nil when none
	saving bool // a save asked by a switch is under way
}

// job is one switch.
type job struct {
	seq    int
	t      Target
	loaded *Loaded // nil while its file is being read
}

// New returns a Switcher working through h.
func New(h Hooks) *Switcher {
	if h.Read == nil {
		h.Read = persist.ReadProject
	}
	return &Switcher{h: h}
}

// Begin starts switching to t. A switch already under way is replaced
// (its target is returned, with true). The current project's save starts
// at once, beside the read.
func (s *Switcher) Begin(t Target) (replaced Target, ok bool) {
	if s.cur != nil {
		replaced, ok = s.cur.t, true
	}
	s.seq++
	j := &job{seq: s.seq, t: t}
	s.cur = j
	if t.Path == "" {
		j.loaded = &Loaded{Target: t}
	} else {
		go func() {
			p, orig, err := s.h.Read(t.Path)
			s.h.Post(func() { s.read(j.seq, p, orig, err) })
		}()
	}
	s.advance()
	return replaced, ok
}

// Pending returns the target of the switch under way (none on a nil
// Switcher).
func (s *Switcher) Pending() (Target, bool) {
	if s == nil || s.cur == nil {
		return Target{}, false
	}
	return s.cur.t, true
}

// Cancel drops the switch under way (a quit): nothing is applied or
// reported for it. Saves already started finish as ordinary saves. A nil
// Switcher has nothing to cancel.
func (s *Switcher) Cancel() {
	if s != nil {
		s.cur = nil
	}
}

// read takes a finished read of switch seq.
func (s *Switcher) read(seq int, p persist.Project, orig *persist.Original, err error) {
	j := s.cur
	if j == nil || j.seq != seq {
		return // replaced or cancelled
	}
	if err != nil {
		s.cur = nil
		s.h.Fail(j.t, ReadError(j.t.Path, err))
		return
	}
	j.loaded = &Loaded{Target: j.t, Project: p, Orig: orig}
	s.advance()
}

// saved takes a finished save.
func (s *Switcher) saved(err error) {
	s.saving = false
	j := s.cur
	if j == nil {
		return
	}
	if err != nil {
		s.cur = nil
		s.h.Fail(j.t, &RefusedError{Err: err})
		return
	}
	s.advance()
}

// advance saves what is unsaved, or applies the loaded target once
// nothing is.
func (s *Switcher) advance() {
	j := s.cur
	if j == nil || s.saving {
		return
	}
	if s.h.Unsaved() {
		s.saving = true
		s.h.Save(func(err error) { s.h.Post(func() { s.saved(err) }) })
		return
	}
	if j.loaded != nil {
		s.cur = nil
		s.h.Apply(*j.loaded)
	}
}

// RefusedError is a switch refused because the current project could not
// be saved.
type RefusedError struct{ Err error }

func (e *RefusedError) Error() string { return persist.SwitchRefused(e.Err) }
func (e *RefusedError) Unwrap() error { return e.Err }

// ReadError is what the user is told when the project file at path could
// not be opened: it names the file and says that nothing changed.
func ReadError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot open %s: there is no file there", path)
	}
	return fmt.Errorf("%w (the file was left untouched; the current project stays open)", err)
}

// OpenPath is the absolute path of the project file the user typed to
// open, or why it cannot be.
func OpenPath(path string) (string, error) {
	if strings.TrimSpace(path) == "" {
		return "", errors.New("type the path of a project file")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("opening %s: %w", path, err)
	}
	return abs, nil
}

// SaveAsPath is the absolute path the user typed to save the project to
// (".toml" added when it has no extension), or why it cannot be written:
// a path that is not a regular file is refused up front.
func SaveAsPath(path string) (string, error) {
	if strings.TrimSpace(path) == "" {
		return "", errors.New("type a path to save to")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("saving to %s: %w", path, err)
	}
	if filepath.Ext(abs) == "" {
		abs += ".toml"
	}
	return abs, persist.CheckTarget(abs)
}

// Carried is what of orig travels with the project to a new file (Save
// As): its unknown keys; the comments stay in the old file (and its .bak).
func Carried(orig *persist.Original) *persist.Original {
	c := &persist.Original{}
	if orig != nil && len(orig.Unknown) > 0 {
		c.Unknown = orig.Unknown
	}
	return c
}

// Message is err's text for a dialog: "" for nil.
func Message(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
