package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	g "github.com/AllenDang/giu"
	clone "github.com/huandu/go-clone"

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
type files struct {
	paths persist.Paths
	path  string // the project file

	// Render thread only.
	seen, saved       persist.Project // last observed, last handed to the writer
	seenCfg, savedCfg persist.Config
	changedAt         time.Time
	checkedAt         time.Time
	problem           string

	mu      sync.Mutex // guards what the writer reports, and serialises writes
	savedAt time.Time
	saveErr error
	retry   bool // a background write failed
	writing sync.Mutex
	pending sync.WaitGroup
}

// openFiles loads the config and the project for a new App. A corrupt file
// is moved aside and reported; the app starts with a new project.
func (a *App) openFiles(dir, projectPath string) error {
	f := &files{paths: persist.PathsIn(dir)}
	a.files = f
	var problems []string
	var cfg persist.Config
	if err := persist.Load(f.paths.Config, &cfg); err != nil && !errors.Is(err, fs.ErrNotExist) {
		problems = append(problems, a.quarantine(f.paths.Config, err, "your preferences were reset"))
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
	f.path = abs
	p, err := persist.LoadProject(abs)
	switch {
	case err == nil:
		p.Apply(&a.UI)
	case errors.Is(err, fs.ErrNotExist) && first:
		a.UI = state.Sample(a.now()) // a first start shows something
	case errors.Is(err, fs.ErrNotExist):
		a.UI = state.Fresh(strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs)))
	default:
		problems = append(problems, a.quarantine(abs, err, "a new, empty project was started in its place"))
		a.UI = state.Fresh(strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs)))
	}
	cfg.Apply(&a.UI)
	f.problem = strings.Join(problems, "\n\n")
	f.seen, f.seenCfg = a.snapshot()
	if err == nil {
		f.saved = f.seen // what is on disk already
	}
	f.savedCfg = cfg
	return nil
}

// quarantine moves a bad file aside and returns the message for the user.
func (a *App) quarantine(path string, cause error, then string) string {
	moved, err := persist.MoveAside(path, a.now())
	if err != nil {
		return fmt.Sprintf("%v\nIt could not be moved aside (%v); it was left as it is and will not be overwritten until you save elsewhere.", cause, err)
	}
	return fmt.Sprintf("%v\nThe file was moved to %s (nothing was overwritten) and %s.", cause, moved, then)
}

// snapshot deep-copies what the project file and the config hold.
func (a *App) snapshot() (persist.Project, persist.Config) {
	p := persist.ProjectOf(&a.UI)
	c := persist.ConfigOf(&a.UI, a.files.path)
	return clone.Clone(p).(persist.Project), clone.Clone(c).(persist.Config)
}

// autosave runs on the render thread each frame: it notes changes and,
// once they have settled, hands a copy to a writer goroutine.
func (a *App) autosave() {
	f := a.files
	if f == nil {
		return
	}
	now := a.now()
	if now.Sub(f.checkedAt) < autosaveCheck {
		return
	}
	f.checkedAt = now
	f.mu.Lock()
	if f.retry {
		f.retry = false
		f.saved = persist.Project{}
	}
	f.mu.Unlock()
	p, c := a.snapshot()
	if !reflect.DeepEqual(p, f.seen) || !reflect.DeepEqual(c, f.seenCfg) {
		f.seen, f.seenCfg, f.changedAt = p, c, now
	}
	if a.dirty() && now.Sub(f.changedAt) >= autosaveQuiet {
		a.writeAsync()
	}
	a.autosaveWaiting.Store(a.dirty())
}

// dirty reports whether what the user sees differs from what was written.
func (a *App) dirty() bool {
	f := a.files
	return f != nil && (!reflect.DeepEqual(f.seen, f.saved) || !reflect.DeepEqual(f.seenCfg, f.savedCfg))
}

// writeAsync writes the last observed state in the background.
func (a *App) writeAsync() {
	f := a.files
	p, c, path := f.seen, f.seenCfg, f.path
	f.saved, f.savedCfg = p, c
	f.pending.Add(1)
	go func() {
		defer f.pending.Done()
		if err := f.write(path, p, c, a.now); err != nil {
			f.mu.Lock()
			f.retry = true // the render thread marks it dirty again
			f.mu.Unlock()
		}
		g.Update()
	}()
}

// write saves the project and the config; writes never overlap.
func (f *files) write(path string, p persist.Project, c persist.Config, now func() time.Time) error {
	f.writing.Lock()
	defer f.writing.Unlock()
	err := errors.Join(persist.Save(path, p), persist.Save(f.paths.Config, c))
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saveErr = err
	if err == nil {
		f.savedAt = now()
	}
	return err
}

// flush writes everything now and waits for every write (on Save and Quit).
func (a *App) flush() error {
	f := a.files
	if f == nil {
		return nil
	}
	f.seen, f.seenCfg = a.snapshot()
	f.pending.Wait()
	f.saved, f.savedCfg = f.seen, f.seenCfg
	return f.write(f.path, f.seen, f.seenCfg, a.now)
}

// ProjectInfo is what views are told about the project file.
func (a *App) ProjectInfo() contract.ProjectInfo {
	f := a.files
	if f == nil {
		return contract.ProjectInfo{Problem: a.problemNoFiles}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	info := contract.ProjectInfo{Path: f.path, Dirty: a.dirty(), SavedAt: f.savedAt, Problem: f.problem}
	if f.saveErr != nil {
		info.SaveError = f.saveErr.Error()
	}
	return info
}

// NewProject saves the current project and starts an empty one, in a new
// file beside it.
func (a *App) NewProject() {
	if a.files == nil {
		a.UI = state.Fresh("untitled")
		return
	}
	a.flush()
	dir := filepath.Dir(a.files.path)
	path := filepath.Join(dir, "untitled.toml")
	for i := 2; fileExists(path); i++ {
		path = filepath.Join(dir, fmt.Sprintf("untitled-%d.toml", i))
	}
	prefs := persist.ConfigOf(&a.UI, path) // preferences outlive the project
	a.UI = state.Fresh(strings.TrimSuffix(filepath.Base(path), ".toml"))
	prefs.Apply(&a.UI)
	a.files.path = path
	a.files.saved = persist.Project{}
	a.flush()
}

// OpenProject saves the current project and opens the one at path.
func (a *App) OpenProject(path string) error {
	if strings.TrimSpace(path) == "" {
		return errors.New("type the path of a project file")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	p, err := persist.LoadProject(abs)
	if err != nil {
		var ce *persist.CorruptError
		if errors.As(err, &ce) {
			return fmt.Errorf("%w (the file was left untouched; the current project stays open)", err)
		}
		return fmt.Errorf("cannot open %s: %w", abs, err)
	}
	if a.files != nil {
		a.flush()
		a.files.path = abs
	}
	prefs := persist.ConfigOf(&a.UI, abs) // preferences outlive the project
	a.UI = state.UI{}
	p.Apply(&a.UI)
	prefs.Apply(&a.UI)
	if a.files != nil {
		a.files.seen, a.files.seenCfg = a.snapshot()
		a.files.saved = a.files.seen
	}
	return nil
}

// SaveProject writes the project now.
func (a *App) SaveProject() error {
	if a.files == nil {
		return errors.New("this session has no project file")
	}
	return a.flush()
}

// SaveProjectAs writes the project to path and makes that its file.
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
	old := a.files.path
	a.files.path = abs
	if err := a.flush(); err != nil {
		a.files.path = old
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
