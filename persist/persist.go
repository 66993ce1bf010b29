// Package persist saves and loads slopgui's files: the project (a TOML
// file the user names) and the user's preferences (config.toml in the XDG
// config directory, beside ImGui's imgui.ini).
//
// Every write is atomic: the data goes to a temporary file in the same
// directory, is synced, and is renamed over the target, so a crash leaves
// either the old file or the new one, never half of each. A file that
// cannot be parsed is never overwritten: MoveAside renames it first.
package persist

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/slopgui/slopgui/state"
)

// FormatVersion is written into every project file.
const FormatVersion = 1

// Project is what a project file holds.
type Project struct {
	Format           int
	Project          state.Project
	AI               state.AISettings
	Discussions      []state.Discussion
	ActiveDiscussion int
	Tracks           []state.Track
	ActiveTrack      int32
	StepMode         bool
	Comms            []state.CommsEntry
	ToolLog          []state.ToolCall
}

// Config is the user's preferences, kept across projects.
type Config struct {
	LastProject     string
	Theme           string
	ShowWindows     map[string]bool
	DiscussionSplit float32
}

// ProjectOf extracts the saved part of ui.
func ProjectOf(ui *state.UI) Project {
	return Project{
		Format: FormatVersion, Project: ui.Project, AI: ui.AI,
		Discussions: ui.Discussions, ActiveDiscussion: ui.ActiveDiscussion,
		Tracks: ui.Tracks, ActiveTrack: ui.ActiveTrack, StepMode: ui.StepMode,
		Comms: ui.Comms, ToolLog: ui.ToolLog,
	}
}

// Apply writes p into ui.
func (p Project) Apply(ui *state.UI) {
	ui.Project, ui.AI = p.Project, p.AI
	ui.Discussions, ui.ActiveDiscussion = p.Discussions, p.ActiveDiscussion
	ui.Tracks, ui.ActiveTrack, ui.StepMode = p.Tracks, p.ActiveTrack, p.StepMode
	ui.Comms, ui.ToolLog = p.Comms, p.ToolLog
	if len(ui.Discussions) == 0 {
		ui.Discussions = []state.Discussion{{Name: "main"}}
	}
}

// ConfigOf extracts the user's preferences from ui.
func ConfigOf(ui *state.UI, projectPath string) Config {
	return Config{LastProject: projectPath, Theme: ui.Theme, ShowWindows: ui.ShowWindows, DiscussionSplit: ui.DiscussionSplit}
}

// Apply writes c into ui, keeping ui's values where c has none.
func (c Config) Apply(ui *state.UI) {
	if c.Theme != "" {
		ui.Theme = c.Theme
	}
	for w, show := range c.ShowWindows {
		if ui.ShowWindows == nil {
			ui.ShowWindows = map[string]bool{}
		}
		ui.ShowWindows[w] = show
	}
	if c.DiscussionSplit > 0 {
		ui.DiscussionSplit = c.DiscussionSplit
	}
}

// CorruptError is a file that exists but cannot be read as what it should be.
type CorruptError struct {
	Path string
	Err  error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%s is not a valid slopgui file: %v", e.Path, e.Err)
}
func (e *CorruptError) Unwrap() error { return e.Err }

// Load decodes the TOML file at path into v. A missing file is an error
// that wraps fs.ErrNotExist; a file that does not parse is a *CorruptError.
func Load(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	if _, err := toml.Decode(string(b), v); err != nil {
		return &CorruptError{Path: path, Err: err}
	}
	return nil
}

// LoadProject reads a project file.
func LoadProject(path string) (Project, error) {
	var p Project
	if err := Load(path, &p); err != nil {
		return Project{}, err
	}
	if p.Format > FormatVersion {
		return Project{}, &CorruptError{Path: path, Err: fmt.Errorf("written by a newer slopgui (format %d, this one reads %d)", p.Format, FormatVersion)}
	}
	return p, nil
}

// Save encodes v as TOML and writes it to path atomically, creating the
// directory if needed.
func Save(path string, v any) error {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("encoding %s: %w", path, err)
	}
	return WriteAtomic(path, buf.Bytes())
}

// WriteAtomic writes data to path through a synced temporary file and a
// rename, then syncs the directory.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("saving %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("saving %s: %w", path, err)
	}
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// MoveAside renames a bad file out of the way, to path.corrupt-TIME (with
// a counter if that exists too), and returns the new name. It never
// overwrites anything.
func MoveAside(path string, now time.Time) (string, error) {
	base := path + ".corrupt-" + now.Format("20060102-150405")
	dst := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(dst); errors.Is(err, os.ErrNotExist) {
			break
		}
		dst = fmt.Sprintf("%s-%d", base, i)
	}
	// A hard link cannot replace an existing file, unlike rename.
	if err := os.Link(path, dst); err != nil {
		return "", fmt.Errorf("moving %s aside: %w", path, err)
	}
	if err := os.Remove(path); err != nil {
		return "", fmt.Errorf("moving %s aside: %w", path, err)
	}
	return dst, nil
}

// Dir is slopgui's directory in the user's config dir ($XDG_CONFIG_HOME,
// else ~/.config).
func Dir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the config directory: %w", err)
	}
	return filepath.Join(d, "slopgui"), nil
}

// Paths are slopgui's files in its config directory.
type Paths struct {
	Dir, Config, ImGuiIni, DefaultProject string
}

// PathsIn returns the paths under dir.
func PathsIn(dir string) Paths {
	return Paths{
		Dir:            dir,
		Config:         filepath.Join(dir, "config.toml"),
		ImGuiIni:       filepath.Join(dir, "imgui.ini"),
		DefaultProject: filepath.Join(dir, "projects", "default.toml"),
	}
}
