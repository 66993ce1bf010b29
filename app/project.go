package app

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/hostdialog"
	"github.com/slopgui/slopgui/internal/projectio"
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
	saveErr   error        // the last project write's error
	cfgErr    error        // the last config write's error
	cfgWarned bool         // the user was told config.toml cannot be written
	retry     bool         // a background write failed
	conflict  atomic.Bool  // the last project write was refused: the file changed on disk
	heldBy    int          // another slopgui (its PID) has the project open too
	writes    atomic.Int32 // background writes under way

	// The changed-on-disk dialog (render thread only).
	confirmReload     bool
	saveAs, saveAsErr string
	savingAs          string              // where a Save As writes, while it runs
	sw                *projectio.Switcher // Open and New (nil until the first)
	lock              *persist.Lock
	writing           sync.Mutex
	pending           sync.WaitGroup
	bg                sync.WaitGroup // the goroutines of goBg, to their end
}

// openFiles loads the config and the project for a new App. Nothing is
// written here. A project file that cannot be read is left exactly as it
// is: the app opens a new, untitled project instead and says why.
func (a *App) openFiles(dir, projectPath string) error {
	f := &files{paths: persist.PathsIn(dir), orig: &persist.Original{}}
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
		f.path = persist.FreeUntitled(filepath.Dir(f.paths.DefaultProject))
		a.UI = state.Fresh(strings.TrimSuffix(filepath.Base(f.path), ".toml"))
		problems = append(problems, persist.UnreadableMessage(err, f.path))
	}
	cfg.Apply(&a.UI)
	f.problem = strings.Join(problems, "\n\n")
	a.lockProject(f.path)
	f.seen, f.seenCfg = a.snapshot()
	f.saved, f.savedCfg = f.seen.Clone(), f.seenCfg.Clone() // opening writes nothing
	return nil
}

// noteComments tells the user, once, that the project file has comments
// the writer cannot keep, and where the original will be kept.
func (a *App) noteComments(path string, orig *persist.Original) {
	if orig == nil || !orig.Comments {
		return
	}
	a.files.notices = append(a.files.notices, persist.CommentsMessage(path))
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
func (a *App) rebase() { a.UI.CopyTo(&a.frameStart); a.Tracker.Reset(&a.UI) }

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
	if f == nil || a.quit.phase != quitNone || f.savingAs != "" { // a quit saves by itself; Save As waits for earlier writes
		return
	}
	now := a.now()
	if now.Sub(f.checkedAt) < autosaveCheck {
		return
	}
	f.checkedAt = now
	a.takeRetry()
	if f.dirty && now.Sub(f.changedAt) >= autosaveQuiet && !f.conflict.Load() { // changed on disk: wait for the user
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
	f.writes.Add(1)
	f.goBg(func() {
		defer f.pending.Done()
		defer f.writes.Add(-1)
		err := f.write(j, a.now)
		if err != nil {
			f.mu.Lock()
			f.retry = !f.conflict.Load() // the render thread marks it dirty again
			f.mu.Unlock()
		}
		if done != nil {
			done(err)
		}
		if g.Context != nil { // no giu yet: a Save called before the window (tests)
			g.Update()
		}
	})
}

// goBg runs fn on a goroutine that Close waits for.
func (f *files) goBg(fn func()) {
	f.bg.Add(1)
	go func() {
		defer f.bg.Done()
		fn()
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
		f.conflict.Store(errors.As(perr, new(*persist.ChangedError)))
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
	if t, ok := f.sw.Pending(); ok {
		info.Opening = t.Name()
	}
	info.SavingAs = f.savingAs
	return info
}

// NewProject saves the current project and starts an empty one beside it;
// OpenProject saves it and opens the one at path. Both run off the render
// thread and switch in one step between frames once the current project
// holds everything typed meanwhile (internal/projectio); the status line
// says "opening NAME…". A second one replaces the one under way. A failed
// save or read changes nothing and is said in the Open dialog
// (Forms.DialogError) or a notice (New). Opening writes nothing to the
// opened file.
func (a *App) NewProject() {
	if a.files == nil {
		a.stopMMA()
		a.UI = state.Fresh("untitled")
		return
	}
	if err := a.beginSwitch(""); err != nil {
		a.files.notices = append(a.files.notices, "No new project was started: "+err.Error())
	}
}

// OpenProject starts opening the project at path (see NewProject).
func (a *App) OpenProject(path string) error {
	abs, err := projectio.OpenPath(path)
	if err != nil || a.files == nil {
		return cmp.Or(err, errors.New("this session has no project file"))
	}
	return a.beginSwitch(abs)
}

// beginSwitch starts a switch to the project at path ("" for a new one).
func (a *App) beginSwitch(path string) error {
	f := a.files
	if f.savingAs != "" {
		return fmt.Errorf("the project is being saved to %s: try again when that is done", f.savingAs)
	}
	if f.sw == nil {
		f.sw = projectio.New(projectio.Hooks{Post: func(fn func()) { a.post(func(*App) { fn() }) },
			Unsaved: a.unsaved, Save: a.saveAll, Apply: a.applySwitch, Fail: a.switchFailed})
	}
	a.triggered.Store(true) // the status file's longest frame counts from here
	f.sw.Begin(projectio.Target{Path: path})
	return nil
}

// unsaved reports whether anything of the project or config is not yet
// written successfully, a write under way included.
func (a *App) unsaved() bool {
	a.takeRetry()
	return a.files.fresh || a.files.writes.Load() > 0 || a.checkDirty()
}

// applySwitch makes l the open project (render thread, between frames).
func (a *App) applySwitch(l projectio.Loaded) {
	f := a.files
	if l.Path != "" {
		a.lockProject(l.Path)
		a.adopt(l.Path, l.Project, l.Orig)
		return
	}
	path := persist.FreeUntitled(filepath.Dir(f.path))
	a.stopMMA()
	prefs := persist.ConfigOf(&a.UI, path) // preferences outlive the project
	a.UI = state.Fresh(strings.TrimSuffix(filepath.Base(path), ".toml"))
	prefs.Apply(&a.UI)
	f.path, f.orig, f.fresh = path, &persist.Original{}, true
	a.lockProject(path)
	a.writeAsync(nil) // a failure shows as SAVE FAILED; the new project stays dirty
	a.rebase()
}

// switchFailed says why a switch did not happen, where it was asked.
func (a *App) switchFailed(t projectio.Target, err error) {
	if t.Path == "" {
		a.files.notices = append(a.files.notices, "No new project was started: "+err.Error())
		return
	}
	a.Dialogs.Open, a.Forms.OpenPath, a.Forms.DialogError = true, t.Path, err.Error()
}

// adopt makes p, read from abs, the open project (Open, Reload from disk).
func (a *App) adopt(abs string, p persist.Project, orig *persist.Original) {
	if f := a.files; f != nil {
		f.path, f.orig, f.fresh = abs, orig, false
		f.conflict.Store(false)
		f.mu.Lock()
		f.last, f.saveErr = abs, nil
		f.mu.Unlock()
	}
	a.stopMMA()
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
}

// SaveProject writes the project now, off the render thread (a large
// project's encoding and write would pause the window): the status line
// says "saving…" meanwhile, and SAVE FAILED if it failed.
func (a *App) SaveProject() error {
	if a.files == nil {
		return errors.New("this session has no project file")
	} else if a.files.savingAs != "" { // its write to the old file could land after the Save As
		return fmt.Errorf("the project is being saved to %s", a.files.savingAs)
	}
	a.triggered.Store(true) // the status file's longest frame counts from here (make bench)
	a.takeRetry()
	a.files.saved = persist.Project{} // Save writes even when nothing changed
	a.writeAsync(nil)
	return nil
}

// SaveProjectAs writes the project to path off the render thread (the
// status line and the Save As dialog say "saving to NAME…") and, once
// that worked, makes it the project's file and closes the dialog; a
// failure is said in the dialog and changes nothing.
func (a *App) SaveProjectAs(path string) error {
	return a.saveAs(path, func(err error) { a.Dialogs.SaveAs, a.Forms.DialogError = err != nil, projectio.Message(err) })
}

// saveAs writes the project to path in the background and, if that
// worked, makes it the project's file; done gets the result on the render
// thread. A path that is not a regular file is refused up front. The
// edits made meanwhile stay unsaved and go to the new file next.
func (a *App) saveAs(path string, done func(error)) error {
	f := a.files
	if f == nil {
		return errors.New("this session has no project file")
	}
	abs, err := projectio.SaveAsPath(path)
	if err != nil {
		return err
	}
	if t, ok := f.sw.Pending(); ok || f.savingAs != "" {
		return fmt.Errorf("wait until %s is done", map[bool]string{true: "opening " + t.Name(), false: "saving to " + f.savingAs}[ok])
	}
	carried := projectio.Carried(f.orig)
	snap, cfg := a.snapshot()
	cfg.LastProject = abs
	f.savingAs = abs
	f.writes.Add(1)
	f.goBg(func() {
		f.pending.Wait() // autosave is off meanwhile; earlier writes end first
		err := f.write(writeJob{path: abs, orig: carried, proj: &snap}, a.now)
		if err == nil && f.cfgBlocked == "" { // set before the App runs
			f.write(writeJob{cfg: &cfg}, a.now) // LastProject: only once the project is there
		}
		f.writes.Add(-1)
		a.post(func(a *App) {
			if f.savingAs = ""; err == nil {
				f.path, f.orig, f.fresh, f.saved, f.savedCfg = abs, carried, false, snap, cfg
				a.lockProject(abs)
				f.dirty = a.checkDirty()
			}
			done(err)
		})
	})
	return nil
}

// lockProject takes the lock of the project at path, releasing the last
// one; another slopgui that has it open is a notice and in the status line.
func (a *App) lockProject(path string) {
	f := a.files
	f.lock.Unlock()
	var pid int
	f.lock, pid, _ = persist.LockProject(persist.LockDir(), path) // no lock dir: no warning, saves still check
	if f.heldBy = pid; pid != 0 {
		f.notices = append(f.notices, persist.HeldMessage(path, pid))
	}
}

// drawConflict asks, while the project file changed on disk, what to do
// (autosave is off for it until then): reload it (after confirming),
// overwrite it with the app's version, or save that elsewhere.
func (a *App) drawConflict() {
	f := a.files
	if f == nil || a.quit.phase != quitNone || !f.conflict.Load() {
		return
	}
	d := hostdialog.Dialog{Title: "Project changed on disk", ID: "slopgui-conflict",
		Text: f.path + " changed on disk since slopgui last read or wrote it (another program, or another " +
			"slopgui). Nothing was overwritten, and autosave is off for it until you choose.",
		Buttons: []string{"Reload from disk", "Keep mine (overwrite)"},
		Path:    &f.saveAs, PathLabel: "Save mine as…", PathButton: "Save", PathError: f.saveAsErr}
	if f.confirmReload {
		d.Text = "Reload " + f.path + " from disk? What you changed in slopgui since it was last saved is lost."
		d.Buttons, d.Path = []string{"Reload, losing my changes", "Back"}, nil
	}
	switch c := hostdialog.Draw(d); {
	case f.confirmReload && c == 0: // read in the background, adopted between frames
		path := f.path
		f.goBg(func() {
			p, orig, err := persist.ReadProject(path)
			a.post(func(a *App) {
				switch {
				case err != nil:
					f.notices = append(f.notices, "Could not reload: "+err.Error())
				case a.files == f && f.path == path:
					a.adopt(path, p, orig)
				}
			})
		})
		f.confirmReload = false
	case c == 0 || c == 1 && f.confirmReload:
		f.confirmReload = !f.confirmReload
	case c == 1:
		f.orig.Overwrite()
		f.saved = persist.Project{}
		a.writeAsync(nil)
	case c == 2:
		if err := a.saveAs(f.saveAs, func(err error) { f.saveAsErr = projectio.Message(err) }); err != nil {
			f.saveAsErr = err.Error()
		}
	}
}

// RecentProjects lists the current project file and the others in
// slopgui's projects directory, newest first.
func (a *App) RecentProjects() []string {
	if a.files == nil {
		return nil
	}
	return persist.Recent(filepath.Dir(a.files.paths.DefaultProject), a.files.path)
}

// DismissProblem clears the project problem message.
func (a *App) DismissProblem() {
	a.problemNoFiles = ""
	if a.files != nil {
		a.files.problem = ""
	}
}
