// Package persist saves and loads slopgui's files: the project (a TOML
// file the user names) and the user's preferences (config.toml in the XDG
// config directory, beside ImGui's imgui.ini).
//
// Every write is atomic: the data goes to a temporary file in the same
// directory, is synced, and is renamed over the target, so a crash leaves
// either the old file or the new one, never half of each. A file that
// could not be read is never written: callers only get an *Original (what
// WriteProject needs to write a file back faithfully) from a good read.
package persist

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"syscall"
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
	// ApproveAgentReloads: reloads and rollbacks asked over the control
	// socket wait for the user's approval.
	ApproveAgentReloads bool
	// ReloadErrorDetails: a failed reload shows its full message, not
	// only the one-line summary.
	ReloadErrorDetails bool `toml:",omitempty"`
	// Prices are the user's model prices, US dollars per million tokens,
	// over DefaultPrices: [Prices."gpt-4o"] In = 2.5, Out = 10. Load
	// refuses an entry without both, with a negative or infinite price or
	// with a key of its own (a misspelt In or Out).
	Prices map[string]state.Price `toml:",omitempty"`
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
	// Files older than the limits get the defaults, shown in AI Settings.
	if ui.AI.CommsLimit <= 0 {
		ui.AI.CommsLimit = state.DefaultCommsLimit
	}
	if ui.AI.CommandTimeout <= 0 {
		ui.AI.CommandTimeout = state.DefaultCommandTimeout
	}
	if len(ui.Discussions) == 0 {
		ui.Discussions = []state.Discussion{{Name: "main"}}
	}
}

// ConfigOf extracts the user's preferences from ui.
func ConfigOf(ui *state.UI, projectPath string) Config {
	return Config{LastProject: projectPath, Theme: ui.Theme, ShowWindows: ui.ShowWindows, DiscussionSplit: ui.DiscussionSplit,
		ApproveAgentReloads: ui.ApproveAgentReloads, ReloadErrorDetails: ui.ReloadErrorDetails, Prices: ui.Prices}
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
	if c.ApproveAgentReloads {
		ui.ApproveAgentReloads = true
	}
	if c.ReloadErrorDetails {
		ui.ReloadErrorDetails = true
	}
	if len(c.Prices) > 0 {
		ui.Prices = maps.Clone(c.Prices)
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

// NotFileError is a path that exists but is not a regular file (a
// directory, a device, a socket…): slopgui neither reads nor writes it.
type NotFileError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotFileError) Error() string {
	what := "not a regular file (" + e.Mode.Type().String() + ")"
	if e.Mode.IsDir() {
		what = "a directory, not a file"
	}
	return fmt.Sprintf("%s is %s", e.Path, what)
}

// CheckTarget refuses, up front, a path that cannot be written as a file:
// one that exists and is not a regular file (after symlinks). A missing
// path is fine; its directory is created when it is written.
func CheckTarget(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("checking %s: %w", path, err)
	case !fi.Mode().IsRegular():
		return &NotFileError{Path: path, Mode: fi.Mode()}
	}
	return nil
}

// readRegular reads the regular file at path.
func readRegular(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, &NotFileError{Path: path, Mode: fi.Mode()}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return b, nil
}

// Load decodes the TOML file at path into v. A missing file is an error
// that wraps fs.ErrNotExist; a file that does not parse is a *CorruptError;
// a path that is not a regular file is a *NotFileError. A *Config is
// checked too: a price table entry it refuses (Config.Prices) makes the
// file a *CorruptError naming the entry.
func Load(path string, v any) error {
	b, err := readRegular(path)
	if err != nil {
		return err
	}
	md, err := toml.Decode(string(b), v)
	if err != nil {
		return &CorruptError{Path: path, Err: err}
	}
	if c, ok := v.(*Config); ok {
		if err := checkPrices(c.Prices, md); err != nil {
			return &CorruptError{Path: path, Err: err}
		}
	}
	return nil
}

// LoadProject reads a project file.
func LoadProject(path string) (Project, error) {
	p, _, err := ReadProject(path)
	return p, err
}

// Original is what slopgui keeps from a project file it read, to write it
// back without losing what it does not understand: keys it does not know
// (written back in place) and, for a file with comments (which the TOML
// writer cannot keep), the original text, copied to a .bak before the
// first save.
type Original struct {
	// Unknown holds the keys slopgui does not know, at their place in the
	// file's tree of tables (lists of tables by position).
	Unknown map[string]any
	// Comments reports whether the file had comments.
	Comments bool
	// Backup is where the original was copied before the first save; ""
	// until then.
	Backup string

	data  []byte
	stamp stamp // the file as last read or written, to see changes by others
}

// ReadProject reads a project file and what a faithful rewrite of it
// needs. Errors: wrapping fs.ErrNotExist for a missing file, *NotFileError,
// *CorruptError (does not parse, or written by a newer slopgui), or a
// wrapped read error (e.g. permission denied).
func ReadProject(path string) (Project, *Original, error) {
	b, err := readRegular(path)
	if err != nil {
		return Project{}, nil, err
	}
	// A setting the file leaves out (a hand-written file without [AI])
	// takes the default, in memory only: opening writes nothing.
	p := Project{AI: state.DefaultAI()}
	md, err := toml.Decode(string(b), &p)
	if err != nil {
		return Project{}, nil, &CorruptError{Path: path, Err: err}
	}
	if p.Format > FormatVersion {
		return Project{}, nil, &CorruptError{Path: path, Err: fmt.Errorf("written by a newer slopgui (format %d, this one reads %d)", p.Format, FormatVersion)}
	}
	orig := &Original{Comments: HasComments(string(b)), data: b, stamp: stampOf(path, b)}
	if len(md.Undecoded()) > 0 { // only then is the file read a second time, as a tree
		var raw map[string]any
		if _, err := toml.Decode(string(b), &raw); err != nil {
			return Project{}, nil, &CorruptError{Path: path, Err: err}
		}
		orig.Unknown = unknownKeys(raw, reflect.TypeOf(p))
	}
	return p, orig, nil
}

// WriteProject writes p to path atomically; a new file is private
// (0600: it holds what the user typed). With orig (what ReadProject
// kept of the file p came from) it writes back the keys slopgui does not
// know and, if the original had comments, first copies it to a free
// PATH.bak name (once); it refuses (*ChangedError) to replace a file that
// changed on disk since orig last read or wrote it (until Overwrite). The file keeps its mode and, where the process
// may, its owner.
func WriteProject(path string, p Project, orig *Original) error {
	if orig.Changed(path) {
		return &ChangedError{Path: path}
	}
	if orig != nil && orig.Comments && orig.Backup == "" {
		bak, err := backup(path, orig.data)
		if err != nil {
			return err
		}
		orig.Backup = bak
	}
	if orig == nil || len(orig.Unknown) == 0 {
		return streamProject(path, p, orig)
	}
	data, err := withUnknown(p, orig.Unknown)
	if err != nil {
		return fmt.Errorf("encoding %s: %w", path, err)
	}
	if err := WriteFileAtomic(path, data, 0o600); err != nil { // 0600: it holds what the user typed
		return err
	}
	orig.stamp = stampOf(path, data)
	return nil
}

// withUnknown encodes p with the keys slopgui does not know put back.
func withUnknown(p Project, unknown map[string]any) ([]byte, error) {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(p); err != nil {
		return nil, err
	}
	var known map[string]any
	if _, err := toml.Decode(buf.String(), &known); err != nil {
		return nil, err
	}
	mergeUnknown(known, unknown)
	var all bytes.Buffer
	if err := toml.NewEncoder(&all).Encode(known); err != nil {
		return nil, err
	}
	return all.Bytes(), nil
}

// streamProject is WriteProject of a project with no unknown keys to
// keep: encoded straight into the temporary file, never held whole in
// memory. A large project's save allocated twice its size in buffers
// besides the encoder's own garbage, and the render thread paid for it in
// garbage-collection assists.
func streamProject(path string, p Project, orig *Original) error {
	sum := sha256.New()
	var file *fileWriter
	var encErr error
	err := WriteFileAtomicFrom(path, 0o600, func(w io.Writer) error { // 0600: it holds what the user typed
		file = &fileWriter{w: w}
		bw := bufio.NewWriterSize(io.MultiWriter(file, sum), 256<<10)
		if err := toml.NewEncoder(bw).Encode(p); err != nil {
			if file.err != nil {
				return file.err // the disk's error (a full disk), said as a save's
			}
			encErr = err
			return err
		}
		return bw.Flush()
	})
	if encErr != nil {
		return fmt.Errorf("encoding %s: %w", path, encErr)
	} else if err != nil {
		return err
	}
	if orig != nil {
		orig.stamp = stampOfSum(path, file.n, [sha256.Size]byte(sum.Sum(nil)))
	}
	return nil
}

// fileWriter counts the bytes written through it and keeps the first
// error.
type fileWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (f *fileWriter) Write(b []byte) (int, error) {
	n, err := f.w.Write(b)
	f.n += int64(n)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

// backup writes data to the first free name of PATH.bak, PATH.bak.2, …
// (never replacing a file), with the mode of the file at path.
func backup(path string, data []byte) (string, error) {
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	for i := 1; ; i++ {
		name := path + ".bak"
		if i > 1 {
			name = fmt.Sprintf("%s.bak.%d", path, i)
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("keeping a copy of %s before saving over its comments: %w", path, err)
		}
		_, werr := f.Write(data)
		serr := f.Sync()
		if err := errors.Join(werr, serr, f.Close()); err != nil {
			os.Remove(name)
			return "", fmt.Errorf("keeping a copy of %s before saving over its comments: %w", path, err)
		}
		return name, nil
	}
}

// Save encodes v as TOML and writes it to path atomically, creating the
// directory if needed. A new file is private (0600).
func Save(path string, v any) error {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("encoding %s: %w", path, err)
	}
	return WriteFileAtomic(path, buf.Bytes(), 0o600)
}

// WriteFileAtomic writes data to path through a synced temporary file of
// a unique name in the same directory and a rename, then syncs the
// directory: a crash or a power cut leaves either the old file or the new
// one, never half of each, and two writers never share a temporary file.
// The directory is created if needed, private (0700) for a private perm
// (0600), else with search permission where perm reads. A path that exists and is not a
// regular file is refused (*NotFileError); a symlink is followed, so the
// file it points to is replaced, not the link. A file that exists keeps
// its permission bits and, where the process may set it, its owner; a new
// one gets perm. Errors name the path.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) error {
	return WriteFileAtomicFrom(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFileAtomicFrom is WriteFileAtomic with the content written by
// write, into the temporary file.
func WriteFileAtomicFrom(path string, perm fs.FileMode, write func(io.Writer) error) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	mode := perm.Perm()
	uid, gid := -1, -1
	fi, err := os.Stat(path)
	switch {
	case err == nil && !fi.Mode().IsRegular():
		return &NotFileError{Path: path, Mode: fi.Mode()}
	case err == nil:
		mode = fi.Mode().Perm()
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && (int(st.Uid) != os.Geteuid() || int(st.Gid) != os.Getegid()) {
			uid, gid = int(st.Uid), int(st.Gid)
		}
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, perm.Perm()|(perm.Perm()&0o444)>>2); err != nil {
		return fmt.Errorf("saving %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("saving %s: %w", path, explainFull(err))
	}
	werr := write(tmp)
	merr := tmp.Chmod(mode)
	if uid >= 0 {
		_ = tmp.Chown(uid, gid) // where the process may (root, or a group it is in)
	}
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, merr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving %s: %w", path, explainFull(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving %s: %w", path, err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("saving %s: syncing its directory: %w", path, err)
	}
	serr = d.Sync()
	if err := errors.Join(serr, d.Close()); err != nil {
		return fmt.Errorf("saving %s: syncing its directory: %w", path, err)
	}
	return nil
}

// explainFull adds what to do to an error of a full disk or quota: the
// file on disk is untouched (the write went to a temporary file).
func explainFull(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return fmt.Errorf("%w (the disk is full: the file there is as it was; free some space on that disk and the save is tried again)", err)
	}
	return err
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

// Clone returns a deep copy of p that shares no mutable memory with it
// (strings aside, which Go never mutates).
func (p Project) Clone() Project {
	c := p
	c.Project = state.CloneProject(p.Project, state.Project{})
	c.Discussions = state.CloneDiscussions(p.Discussions)
	c.Tracks = state.CloneTracks(p.Tracks)
	c.Comms = slices.Clone(p.Comms)
	c.ToolLog = slices.Clone(p.ToolLog)
	return c
}

// Equal reports whether p and q hold the same project. Copies made by
// Clone share their strings, so comparing them is cheap even for a large
// project.
func (p Project) Equal(q Project) bool {
	return p.Format == q.Format && p.AI == q.AI && p.ActiveDiscussion == q.ActiveDiscussion &&
		p.ActiveTrack == q.ActiveTrack && p.StepMode == q.StepMode &&
		state.ProjectEqual(p.Project, q.Project) &&
		state.DiscussionsSameContent(p.Discussions, q.Discussions) && // the Read / Edit toggle is not saved
		state.TracksEqual(p.Tracks, q.Tracks) &&
		slices.Equal(p.Comms, q.Comms) && slices.Equal(p.ToolLog, q.ToolLog)
}

// Clone returns a deep copy of c.
func (c Config) Clone() Config {
	c.ShowWindows = maps.Clone(c.ShowWindows)
	c.Prices = maps.Clone(c.Prices)
	return c
}

// Equal reports whether c and d are the same preferences.
func (c Config) Equal(d Config) bool {
	return c.LastProject == d.LastProject && c.Theme == d.Theme && c.ApproveAgentReloads == d.ApproveAgentReloads && c.ReloadErrorDetails == d.ReloadErrorDetails &&
		c.DiscussionSplit == d.DiscussionSplit && maps.Equal(c.ShowWindows, d.ShowWindows) && maps.Equal(c.Prices, d.Prices)
}

// SameSaved reports whether a and b would be saved the same: the same
// project file and the same preferences. What is not saved (half-typed
// forms, open dialogs, the composer) is not compared. It allocates
// nothing, and where a and b share their strings (one is a copy of the
// other, state.UI.CopyTo) it compares pointers, not text, so the host can
// ask it every frame.
func SameSaved(a, b *state.UI) bool {
	return ProjectOf(a).Equal(ProjectOf(b)) && ConfigOf(a, "").Equal(ConfigOf(b, ""))
}

// SameUnsaved reports whether a and b hold the same state that is not
// saved (half-typed forms, open dialogs, the composer, the answer under
// way, the entries' Read / Edit toggles): with SameSaved, it compares all
// of state.UI.
func SameUnsaved(a, b *state.UI) bool {
	return a.ComposerRole == b.ComposerRole && a.ComposerText == b.ComposerText &&
		a.Forms == b.Forms && a.Dialogs == b.Dialogs && a.Chat.Equal(b.Chat) &&
		// the Read / Edit toggles, where the content is the same (else
		// SameSaved tells)
		(state.DiscussionsEqual(a.Discussions, b.Discussions) || !state.DiscussionsSameContent(a.Discussions, b.Discussions))
}

// MoveAside renames a bad file out of the way, to path.corrupt-TIME (with
// a counter if that exists too), and returns the new name. It never
// overwrites anything. It is for slopgui's own files (a handover it wrote):
// a file of the user's that could not be read is left where it is.
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
