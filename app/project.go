package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/persist"
	"github.com/slopgui/slopgui/state"
)

// autosaveQuiet is how long the project must stay unchanged after an edit
// before it is written; autosaveCheck is how often the render thread looks.
const (
	autosaveQuiet = time.Second
	autosaveCheck = 200 * time.Millisecond
)

// files keeps the project file and the user's config in step with the UI
// state: it loads them at start and writes them, atomically and off the
// render thread, after changes settle (and at once on Save or Quit).
//
// The rules (issue 12): a file slopgui did not read successfully is never
// written, moved or replaced; opening a project writes nothing; the first
// write keeps the file's mode, owner and unknown keys, and keeps a .bak of
// a file with comments; a config.toml that cannot be written is a warning
// of its own, never a failed save of the project.
type files struct {
	paths persist.Paths
	path  string            // the project file autosave and Save write
	orig  *persist.Original // what was read from path; nil for a new file
	// fresh says the project file does not exist yet: it is written at
	// the next Save, quit or exit even without an edit, so the next start
	// reopens it (creating it overwrites nothing).
	fresh bool
	// cfgBlocked says why config.toml is not written this session (it
	// exists but could not be read); "" when it may be written.
	cfgBlocked string

	// Render thread only.
	seen, saved       persist.Project // last handed to a job, last handed to the writer
	seenCfg, savedCfg persist.Config
	// dirty is set when an edit changed what the files hold (noteEdits,
	// once a frame) and cleared when the state is handed to the writer.
	dirty     bool
	changedAt time.Time // when the last edit was noticed
	checkedAt time.Time
	problem   string   // a startup problem the user must answer (modal)
	notices   []string // things the user should know, shown until dismissed

	mu        sync.Mutex // guards what the writer reports, and last
	last      string     // LastProject: the last project file read or written
	savedAt   time.Time
	saveErr   error // the last project write's error
	cfgErr    error // the last config write's error
	cfgWarned bool  // the user was told config.toml cannot be written
	retry     bool  // a background write failed
	writing   sync.Mutex
	pending   sync.WaitGroup
}

// openFiles loads the config and the project for a new App. Nothing is
// written here. A project file that cannot be read is left exactly as it
// is: the app opens a new, untitled project instead and says why.
func (a *App) openFiles(dir, projectPath string) error {
	f := &files{paths: persist.PathsIn(dir)}
	a.files = f
	var problems []string
	var cfg persist.Config
	if err := persist.Load(f.paths.Config, &cfg); err != nil && !errors.Is(err, fs.ErrNotExist) {
		f.cfgBlocked = err.Error()
		problems = append(problems, fmt.Sprintf("Your preferences could not be read: %v\n"+
			"Defaults are used. The file was left exactly as it is and will not be written "+
			"this session; fix or remove it to keep preference changes.", err))
		cfg = persist.Config{}
	}
	if projectPath == "" {
		projectPath = cfg.LastProject
	}
	first := projectPath == ""
	if first {
		projectPath = f.paths.DefaultProject
	}
	abs, err := filepath.Abs(projectPath)
	if err != nil {
		return fmt.Errorf("project path: %w", err)
	}
	f.path, f.last = abs, abs
	p, orig, err := persist.ReadProject(abs)
	switch {
	case err == nil:
		p.Apply(&a.UI)
		if serr := a.restoreSession(); serr != nil {
			problems = append(problems, serr.Error())
		}
		f.orig = orig
		a.noteComments(abs, orig)
	case errors.Is(err, fs.ErrNotExist) && first:
		a.UI = state.Sample(a.now()) // a first start shows something
		f.fresh = true
	case errors.Is(err, fs.ErrNotExist):
		a.UI = state.Fresh(strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs)))
		f.fresh = true
	default:
		f.path = freeUntitled(filepath.Dir(f.paths.DefaultProject))
		a.UI = state.Fresh(strings.TrimSuffix(filepath.Base(f.path), ".toml"))
		problems = append(problems, unreadableMessage(err, f.path))
	}
	cfg.Apply(&a.UI)
	f.problem = strings.Join(problems, "\n\n")
	f.seen, f.seenCfg = a.snapshot()
	f.saved, f.savedCfg = f.seen.Clone(), f.seenCfg.Clone() // opening writes nothing
	return nil
}

// unreadableMessage tells the user that the project file at the error's
// path could not be read, that it is left alone, and where their work goes.
func unreadableMessage(err error, untitled string) string {
	return fmt.Sprintf("The project file could not be opened: %v\n"+
		"It was left exactly as it is and will not be written, moved or replaced. "+
		"A new, untitled project is open instead; it is saved to %s once you change something. "+
		"Fix the file, then open it with File > Open…", err, untitled)
}

// noteComments tells the user, once, that the project file has comments
// the writer cannot keep, and where the original will be kept.
func (a *App) noteComments(path string, orig *persist.Original) {
	if orig == nil || !orig.Comments {
		return
	}
	a.files.notices = append(a.files.notices, fmt.Sprintf("%s has comments. slopgui's saves cannot keep "+
		"comments (the keys it does not know are kept), so before the first save the original is copied "+
		"to %s.bak (or the next free .bak name).", path, path))
}

// freeUntitled returns a path for a new project in dir that names no file.
func freeUntitled(dir string) string {
	path := filepath.Join(dir, "untitled.toml")
	for i := 2; fileExists(path); i++ {
		path = filepath.Join(dir, fmt.Sprintf("untitled-%d.toml", i))
	}
	return path
}

// noteEdits runs on the render thread at the start of each frame, before
// the frame's copy of the state is taken: it compares the state with the
// previous frame's copy (frameStart) and sets the dirty flag when what
// the files hold differs. Between the two lies everything that can edit
// the state (the views in the last frame, through their pointers or the
// Host, and anything the host did since), so no edit is missed. The
// copies share their strings, so the comparison costs pointer compares,
// not text, and allocates nothing; it returns whether the state is
// unchanged, and then the frame's copy is not taken again, so a frame
// without edits costs a comparison instead of a copy (about the same:
// BenchmarkSameSaved in persist).
//
// Whoever replaces the whole state (Open, New) calls rebase, so a
// project switch is not taken for an edit.
func (a *App) noteEdits() (unchanged bool) {
	if !persist.SameSaved(&a.UI, &a.frameStart) {
		if f := a.files; f != nil {
			f.dirty, f.changedAt = true, a.now()
		}
		return false
	}
	return persist.SameUnsaved(&a.UI, &a.frameStart)
}

// rebase makes the current state the one edits are compared with, and the
// one a frame discarded by a view's panic goes back to.
func (a *App) rebase() { a.UI.CopyTo(&a.frameStart) }

// snapshot copies what the project file and the config hold.
func (a *App) snapshot() (persist.Project, persist.Config) {
	p := persist.ProjectOf(&a.UI)
	a.files.mu.Lock()
	last := a.files.last
	a.files.mu.Unlock()
	c := persist.ConfigOf(&a.UI, last)
	return p.Clone(), c.Clone()
}

// autosave runs on the render thread each frame: it notes changes and,
// once they have settled, hands a copy to a writer goroutine.
func (a *App) autosave() {
	f := a.files
	if f == nil || a.quit.phase != quitNone { // a quit saves by itself
		return
	}
	now := a.now()
	if now.Sub(f.checkedAt) < autosaveCheck {
		return
	}
	f.checkedAt = now
	a.takeRetry()
	if f.dirty && now.Sub(f.changedAt) >= autosaveQuiet {
		a.writeAsync(nil)
	}
	a.autosaveWaiting.Store(f.dirty)
}

// checkDirty compares the state with what was last handed to the writer
// (a full comparison: for the rare moments that replace the state).
func (a *App) checkDirty() bool {
	f := a.files
	if f == nil {
		return false
	}
	f.mu.Lock()
	last := f.last
	f.mu.Unlock()
	return !persist.ProjectOf(&a.UI).Equal(f.saved) || !persist.ConfigOf(&a.UI, last).Equal(f.savedCfg)
}

// writeJob is one background write: the project, the config, or both.
type writeJob struct {
	path string
	orig *persist.Original
	proj *persist.Project
	cfg  *persist.Config
}

// job returns the writes needed to bring the files up to the state, and
// marks them handed over.
func (a *App) job() writeJob {
	f := a.files
	f.seen, f.seenCfg = a.snapshot()
	j := writeJob{path: f.path, orig: f.orig}
	if !f.seen.Equal(f.saved) || f.fresh {
		f.fresh = false // a failed write sets retry, which writes it again
		p := f.seen
		j.proj = &p
		f.saved = p
	}
	if !f.seenCfg.Equal(f.savedCfg) && f.cfgBlocked == "" {
		c := f.seenCfg
		j.cfg = &c
	}
	f.savedCfg = f.seenCfg // a blocked config counts as handled
	f.dirty = false
	return j
}

// writeAsync writes the state in the background and calls
// done (if not nil) with the project write's error on the writer goroutine.
func (a *App) writeAsync(done func(error)) {
	f := a.files
	j := a.job()
	f.pending.Add(1)
	go func() {
		defer f.pending.Done()
		err := f.write(j, a.now)
		if err != nil {
			f.mu.Lock()
			f.retry = true // the render thread marks it dirty again
			f.mu.Unlock()
		}
		if done != nil {
			done(err)
		}
		g.Update()
	}()
}

// write performs a job; writes never overlap. It returns the project
// write's error: a config that cannot be written is reported on its own
// (cfgErr), never as a failed save.
func (f *files) write(j writeJob, now func() time.Time) error {
	f.writing.Lock()
	defer f.writing.Unlock()
	var perr, cerr error
	if j.proj != nil {
		perr = persist.WriteProject(j.path, *j.proj, j.orig)
	}
	if j.cfg != nil {
		cerr = persist.Save(f.paths.Config, *j.cfg)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if j.proj != nil {
		f.saveErr = perr
		if perr == nil {
			f.savedAt = now()
			f.last = j.path
		}
	}
	if j.cfg != nil {
		f.cfgErr = cerr
	}
	return perr
}

// flush writes everything now and waits for every write (on Save, Open,
// New and exit). It returns the project write's error.
func (a *App) flush() error {
	f := a.files
	if f == nil {
		return nil
	}
	f.pending.Wait()
	a.takeRetry()
	err := f.write(a.job(), a.now)
	if err != nil {
		f.saved = persist.Project{} // still to be written
		f.dirty = true
	}
	// A project written to a new path changes the config's LastProject.
	_, f.seenCfg = a.snapshot()
	if !f.seenCfg.Equal(f.savedCfg) && f.cfgBlocked == "" {
		c := f.seenCfg
		f.write(writeJob{cfg: &c}, a.now)
	}
	f.savedCfg = f.seenCfg
	return err
}

// ProjectInfo is what views are told about the project file.
func (a *App) ProjectInfo() contract.ProjectInfo {
	f := a.files
	if f == nil {
		return contract.ProjectInfo{Problem: a.problemNoFiles}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	info := contract.ProjectInfo{Path: f.path, Dirty: f.dirty || f.retry, SavedAt: f.savedAt, Problem: f.problem}
	if f.saveErr != nil {
		info.SaveError = f.saveErr.Error()
	}
	return info
}

// NewProject saves the current project and starts an empty one, in a new
// file beside it. If the current project cannot be saved, nothing
// switches (its edits would be lost) and a notice says which file and why.
func (a *App) NewProject() {
	if a.files == nil {
		a.UI = state.Fresh("untitled")
		return
	}
	if err := a.flush(); err != nil {
		a.files.notices = append(a.files.notices, "No new project was started: "+switchRefused(err))
		return
	}
	path := freeUntitled(filepath.Dir(a.files.path))
	prefs := persist.ConfigOf(&a.UI, path) // preferences outlive the project
	a.UI = state.Fresh(strings.TrimSuffix(filepath.Base(path), ".toml"))
	prefs.Apply(&a.UI)
	a.files.path, a.files.orig = path, nil
	a.files.saved = persist.Project{}
	a.flush() // a failure shows as SAVE FAILED; the new project stays dirty
	a.rebase()
}

// switchRefused says that the current project could not be saved, so it
// stays open; err names the file and the reason.
func switchRefused(err error) string {
	return fmt.Sprintf("the current project could not be saved, so it stays open and nothing "+
		"you typed is lost: %v\nFix the problem, or save it elsewhere with File > Save As…, then try again.", err)
}

// OpenProject saves the current project and opens the one at path. A file
// that cannot be read is left untouched and the current project stays.
// Opening writes nothing to the opened file.
func (a *App) OpenProject(path string) error {
	if strings.TrimSpace(path) == "" {
		return errors.New("type the path of a project file")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	p, orig, err := persist.ReadProject(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot open %s: there is no file there", abs)
	}
	if err != nil {
		return fmt.Errorf("%w (the file was left untouched; the current project stays open)", err)
	}
	if a.files != nil {
		if err := a.flush(); err != nil {
			return errors.New(switchRefused(err))
		}
		a.files.path, a.files.orig, a.files.fresh = abs, orig, false
		a.files.mu.Lock()
		a.files.last = abs
		a.files.mu.Unlock()
	}
	prefs := persist.ConfigOf(&a.UI, abs) // preferences outlive the project
	a.UI = state.UI{}
	p.Apply(&a.UI)
	prefs.Apply(&a.UI)
	if a.files != nil {
		a.noteComments(abs, orig)
		a.files.seen, a.files.seenCfg = a.snapshot()
		a.files.saved = a.files.seen.Clone()
		a.files.dirty = a.checkDirty() // the config's LastProject changed
		a.rebase()
	}
	return nil
}

// SaveProject writes the project now.
func (a *App) SaveProject() error {
	if a.files == nil {
		return errors.New("this session has no project file")
	}
	a.files.saved = persist.Project{} // Save writes even when nothing changed
	return a.flush()
}

// SaveProjectAs writes the project to path and, once that worked, makes
// it the project's file. A path that is not a regular file is refused up
// front. A config.toml that cannot be written is a warning of its own.
func (a *App) SaveProjectAs(path string) error {
	if a.files == nil {
		return errors.New("this session has no project file")
	}
	if strings.TrimSpace(path) == "" {
		return errors.New("type a path to save to")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("saving to %s: %w", path, err)
	}
	if filepath.Ext(abs) == "" {
		abs += ".toml"
	}
	if err := persist.CheckTarget(abs); err != nil {
		return err
	}
	f := a.files
	// The unknown keys travel with the project; the comments of the old
	// file stay in the old file (and its .bak).
	var carried *persist.Original
	if f.orig != nil && len(f.orig.Unknown) > 0 {
		carried = &persist.Original{Unknown: f.orig.Unknown}
	}
	oldPath, oldOrig := f.path, f.orig
	f.path, f.orig = abs, carried
	f.saved = persist.Project{}
	if err := a.flush(); err != nil {
		f.path, f.orig = oldPath, oldOrig
		return err
	}
	return nil
}

// RecentProjects lists the project files in slopgui's projects directory
// and the current one, newest first.
func (a *App) RecentProjects() []string {
	if a.files == nil {
		return nil
	}
	var out []string
	dir := filepath.Dir(a.files.paths.DefaultProject)
	ents, _ := os.ReadDir(dir)
	type pf struct {
		path string
		mod  time.Time
	}
	var list []pf
	for _, e := range ents {
		if filepath.Ext(e.Name()) == ".toml" {
			if info, err := e.Info(); err == nil {
				list = append(list, pf{filepath.Join(dir, e.Name()), info.ModTime()})
			}
		}
	}
	slices.SortFunc(list, func(x, y pf) int { return y.mod.Compare(x.mod) })
	out = append(out, a.files.path)
	for _, p := range list {
		if p.path != a.files.path {
			out = append(out, p.path)
		}
	}
	return out
}

// DismissProblem clears the project problem message.
func (a *App) DismissProblem() {
	a.problemNoFiles = ""
	if a.files != nil {
		a.files.problem = ""
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
