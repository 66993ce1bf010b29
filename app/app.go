// Package app is slopgui's stable host: the App struct owns all UI state,
// draws the chrome that must work even when every view is broken (toolbar,
// error panel, red tint, status line) and calls the reloadable views only
// through delegation wrappers. This package is never reloaded.
package app

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/app/ctlhost"
	"github.com/slopgui/slopgui/app/style"
	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/chathost"
	"github.com/slopgui/slopgui/internal/events"
	"github.com/slopgui/slopgui/internal/eventwait"
	"github.com/slopgui/slopgui/internal/handover"
	"github.com/slopgui/slopgui/internal/mdcache"
	"github.com/slopgui/slopgui/internal/mmahost"
	"github.com/slopgui/slopgui/internal/restart"
	"github.com/slopgui/slopgui/internal/rulesmod"
	"github.com/slopgui/slopgui/internal/softgl"
	"github.com/slopgui/slopgui/internal/undohost"
	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/theme"
)

// App owns all of slopgui's UI state. The embedded state.UI is what the
// views see; the rest is the host's own.
type App struct {
	state.UI
	undohost.Tracker // undo / redo of the user's edits (Host's Undo, Redo, UndoLabels)

	hot       *hot.Reloader
	now       func() time.Time
	panics    []error // raised by views during the current frame
	recovery  map[string]*imgui.ErrorRecoveryState
	faults    map[string]*fault // view targets that panicked, by name
	wnd       *g.MasterWindow
	applied   string         // theme name of style
	style     *g.StyleSetter // the active theme's style, pushed every frame
	frames    int
	hotkey    string // how the global hotkey registration went
	shownErr  string // error text the error panel last showed
	errBuf    string // read-only copy for the error panel's text box
	report    *statusWriter
	files     *files          // project and config files; nil when not persisting
	lookups   lookups         // cached file counts for the views
	docs      *mdcache.Cache  // AI entries parsed as markdown, for Doc
	diag      diagnostics     // frame times and memory
	title     string          // window title last set
	lastInput time.Time       // last mouse or keyboard activity seen
	lastMouse time.Time       // last mouse activity seen (the frame rate follows it)
	fps       uint            // target frame rate last set
	pacer     *eventwait.Loop // waits for events between frames
	gl        *softgl.Tuner   // cheaper frames under software GL
	// autosaveWaiting is set while edits wait to be written, so the
	// ticker keeps frames (and thus autosave checks) coming.
	autosaveWaiting atomic.Bool
	// problemNoFiles is a startup problem when there are no files.
	problemNoFiles string
	// swapFrame is how long the last frame that swapped code in took.
	swapFrame time.Duration
	// longFrame is the longest frame since the last reload trigger or
	// Save (triggered says one came); frameSum and frameN add them up.
	longFrame, frameSum time.Duration
	frameN              int64
	triggered           atomic.Bool
	// rs is hot restart, crash snapshots and the memory cap (restart.go);
	// nil when off.
	rs *restarter
	// handedIni and handedWindow are ImGui's settings and the window's
	// geometry handed over by the previous process, applied by Main.
	handedIni    string
	handedWindow *handover.Window

	// frameStart is a copy of UI taken at the start of each frame: a view
	// that panics in a later frame (not a new generation's first) may have
	// changed state half way; the frame is discarded and UI restored from
	// it. The next frame compares UI with it to notice edits (noteEdits),
	// and copies again only if something changed.
	// viewPanicked is set when that happened in the frame being drawn.
	frameStart   state.UI
	viewPanicked bool
	// protectCost is how long the last frame's guard of the state took:
	// noticing edits, and the copy when there were some (status file).
	protectCost time.Duration

	// sourceRoot is the tree views are rebuilt from ("" when none).
	sourceRoot string
	// ctl serves the control socket; nil when it is off.
	ctl *ctlhost.Host

	chars     int          // typed characters received by frames (status file)
	quit      quitter      // File > Quit in progress
	signalled atomic.Value // the exit signal received (a string), if any

	box       mailbox          // the one way other goroutines reach the state (ai.go)
	chat      *chathost.Host   // the discussion's Sends (ai.go)
	approvals *approval.Queue  // every question for the user: tool calls, agents' reloads
	mma       *mmahost.Host    // the project's MMA engine; made by drainMailbox
	events    *events.Bus      // what `ctl watch` streams (startCtl makes it; nil without a socket)
	rules     *rulesmod.Switch // the engine's rules: each generation's (modules.go)
	rec       *uitree.Recorder // records a frame's widget tree when ctl ui asks; nil headless
	uiMu      sync.Mutex       // one ctl ui request waits for a frame at a time
}

// maxFrameRestarts bounds how often one frame is discarded and redrawn
// (each restart marks one more generation of a view as failing).
const maxFrameRestarts = 4

// Config configures New.
type Config struct {
	// SourceRoot is the slopgui checkout views are rebuilt from; empty
	// disables reloading with an explanation shown on the first trigger.
	SourceRoot string
	// WorkDir for plugin builds; a temp dir when empty.
	WorkDir string
	// BuildTimeout for a plugin build; hot's default when zero.
	BuildTimeout time.Duration
	// Builder and Loader override hot's (tests).
	Builder hot.Builder
	Loader  hot.Loader
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// StatusFile, if set, receives the reload status as JSON.
	StatusFile string
	// ConfigDir holds config.toml, imgui.ini and the default project;
	// empty means nothing is loaded or saved (tests).
	ConfigDir string
	// ProjectPath is the project file to open; empty reopens the last one.
	ProjectPath string
	// Restart configures hot restart, snapshots and the memory cap.
	Restart RestartConfig
}

// New returns an App with the sample state and generation 0 of the views.
func New(cfg Config) (*App, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	a := &App{
		UI:         state.Sample(cfg.Now()),
		now:        cfg.Now,
		recovery:   map[string]*imgui.ErrorRecoveryState{},
		faults:     map[string]*fault{},
		hotkey:     "not registered",
		sourceRoot: cfg.SourceRoot,
		rules:      rulesmod.New(),
	}
	a.approvals = approval.New(func() { a.post(nil) })
	a.chat = a.newChat()
	if cfg.ConfigDir != "" {
		if err := a.openFiles(cfg.ConfigDir, cfg.ProjectPath); err != nil {
			return nil, fmt.Errorf("app: %w", err)
		}
	}
	var views map[string]hot.Symbols
	if cfg.Restart.Dir != "" {
		v, err := a.setupRestart(cfg.Restart, cfg.SourceRoot)
		if err != nil {
			return nil, fmt.Errorf("app: %w", err)
		}
		views = v
	}
	hc := hot.Config{
		Root:         cfg.SourceRoot,
		State:        a,
		APIVersion:   contract.APIVersion,
		WorkDir:      cfg.WorkDir,
		GoCmd:        goCommand(),
		BuildTimeout: cfg.BuildTimeout,
		Notify:       g.Update,
		Explain:      explain,
		ExtLD:        giuLinker(),
		Builder:      cfg.Builder,
		Loader:       cfg.Loader,
		Now:          cfg.Now,
	}
	if cfg.SourceRoot == "" {
		hc.Root = "."
		hc.Builder = noSourceBuilder{}
		hc.Loader = hot.PluginLoader{}
	} else if a.rs != nil && hc.Loader == nil && hc.Builder == nil {
		// Keep every loaded plugin for a later process (not with an
		// injected Builder: hot treats Builder and Loader both injected
		// as a test double and skips its source checks).
		hc.Loader = restart.KeepingLoader{Dir: a.rs.keepDir, Inner: hot.PluginLoader{}}
	}
	if rs := a.rs; rs != nil && rs.sched != nil {
		hc.BuildGate, hc.AutoTrigger = rs.gate.Views, a.ReloadAll
		hc.StableSaved = func() { rs.sched.SetAuto(a.hot.AutoReload()); rs.sched.Saved() }
	}
	r, err := hot.New(hc)
	if err != nil {
		return nil, fmt.Errorf("app: %w", err)
	}
	for _, m := range hotModules() {
		if err := r.Register(m); err != nil {
			return nil, fmt.Errorf("app: %w", err)
		}
	}
	if views == nil {
		views = staticViews()
	}
	if err := r.SetStatic(views); err != nil {
		return nil, fmt.Errorf("app: %w", err)
	}
	a.hot = r
	if cfg.StatusFile != "" {
		a.report = newStatusWriter(cfg.StatusFile)
	}
	if a.files != nil && a.checkDirty() {
		// A handed-over state may hold edits the project file has not.
		a.files.dirty, a.files.changedAt = true, a.now()
	}
	a.rebase()
	return a, nil
}

// Reloader returns the App's hot reloader.
func (a *App) Reloader() *hot.Reloader { return a.hot }

// ReloadAll rebuilds and swaps the views; Ctrl+Alt+R, the global hotkey and
// the Hot Reload button all call it. It returns at once.
// The global hotkey calls it off the render thread. When a stable package
// changed since start, it rebuilds slopgui itself instead and restarts into
// it with every piece of state (restart.go).
func (a *App) ReloadAll() {
	a.triggered.Store(true)
	if a.restartInstead() {
		return
	}
	a.hot.ReloadAll()
}

// Close stops any build and any answer under way, and removes build files.
// It waits up to 10 s for project writes under way (a hung disk must not
// keep the process from ending).
func (a *App) Close() error {
	if a.files != nil {
		done := make(chan struct{})
		go func() { a.files.bg.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
		}
		a.files.lock.Unlock()
	}
	a.chat.Close() // an answer under way
	a.stopMMA()
	if a.report != nil {
		a.report.out.Close()
	}
	if a.rs != nil {
		a.rs.snaps.Close()
		a.rs.sched.Close() // removes a build not handed over
	}
	return a.hot.Close()
}

// Frame draws one frame: swap in finished reloads, draw the chrome and every
// view through its wrapper, then confirm or roll back a new generation.
// A view that panics (in a new generation's first frame, or later) makes
// the frame be discarded unseen: the state is put back as it was at the
// frame's start and the frame is drawn again without the failing code, so
// nothing half-applied is shown, autosaved, or drawn twice.
// It must run on the render thread, inside an ImGui frame.
func (a *App) Frame() {
	start := time.Now()
	a.diag.frame(start)
	a.chars += imgui.CurrentIO().InputQueueCharacters().Size
	a.checkSignal()
	a.drainMailbox()
	before := a.hot.Current()
	a.hot.BeginFrame()
	swapped := a.hot.Current()
	if swapped != before {
		a.noteSwap() // before the new code runs: a crash must know what ran
	}
	style := a.themeStyle()
	style.Push()
	a.updateTitle()
	if a.rec != nil {
		a.rec.BeginFrame(uint64(a.frames))
	}
	a.Tracker.Begin(&a.UI) // the model's writes taken in; an Undo asked for applied
	panics := a.drawViewsProtected(true)
	for restarts := 0; ; restarts++ {
		rolledBack := a.hot.EndFrame(panics)
		if !rolledBack && !a.viewPanicked {
			break
		}
		if a.viewPanicked {
			a.restoreFrameStart()
		}
		if restarts == maxFrameRestarts {
			break
		}
		// Discard this frame unseen and draw it again with what works.
		// Pop what this frame pushed, end it (UpdatePlatformWindows is
		// what the GLFW backend would call next), start a new one.
		style.Pop()
		imgui.EndFrame()
		imgui.UpdatePlatformWindows()
		imgui.NewFrame()
		style = a.themeStyle() // the theme may have been restored
		style.Push()
		if a.rec != nil {
			a.rec.Redraw()
		}
		panics = a.drawViewsProtected(false)
	}
	a.Tracker.End(&a.UI, a.now()) // what the views changed is an undo step
	a.rules.Sync(a.hot.Current(), a.hot.Current().N+a.genBase())
	st := a.status()
	a.drawToolbar(st)
	a.drawErrorPanel(st)
	a.drawNotice()
	a.notePrefs()
	a.drawNotices()
	a.drawApproval()
	if a.ctl != nil {
		a.ctl.DrawAsks(a.rec)
	}
	a.quitStep()
	a.drawConflict()
	if a.rec != nil { // the host's chrome and modals are in the tree too
		a.rec.EndFrame()
	}
	a.drawTint(st)
	style.Pop()
	a.autosave()
	a.pace(st)
	a.frames++
	took := time.Since(start)
	if swapped != before {
		a.pruneKept()
	}
	a.afterFrame(st, swapped != before)
	if swapped != before {
		// The whole frame that swapped code in: the pause a user sees.
		a.swapFrame = took
	}
	if a.triggered.Swap(false) {
		a.longFrame, a.frameSum, a.frameN = 0, 0, 0
	}
	a.longFrame, a.frameSum, a.frameN = max(a.longFrame, took), a.frameSum+took, a.frameN+1
	if a.report != nil {
		a.report.write(a.statusReport(st))
	}
	a.ctlFrameEnd(st)
	if swapped != before || len(panics) > 0 {
		g.Update() // draw again at once with what is now current
	}
}

// drawViewsProtected copies the state, then draws the views. In a frame's
// first drawing it first notices edits (noteEdits) and copies only if
// there were any; a frame drawn again after a restore always copies.
func (a *App) drawViewsProtected(first bool) []error {
	t := time.Now()
	if !first || !a.noteEdits() {
		a.UI.CopyTo(&a.frameStart)
	}
	a.protectCost = time.Since(t)
	a.viewPanicked = false
	return a.drawViews()
}

// restoreFrameStart puts the state back as it was when the frame began.
func (a *App) restoreFrameStart() {
	a.UI = a.frameStart
	a.frameStart = a.UI.Clone() // UI owns that memory now; edits are compared with this
}

// menuBarHeight is the height of the main menu bar the views draw.
func menuBarHeight() float32 { return imgui.FrameHeight() }

// drawViews draws every view, in contract.Targets order, through the one
// delegation wrapper (delegate), and returns the panics they raised.
func (a *App) drawViews() []error {
	f := &contract.Frame{
		UI:      &a.UI,
		Reload:  a.reloadInfo(),
		Project: a.ProjectInfo(),
		Diag:    a.diag.info(),
		Host:    a,
		Now:     a.now(),
		Top:     menuBarHeight() + ToolbarHeight,
	}
	if a.mma != nil {
		f.MMA = a.mma
	}
	for _, target := range viewTargets {
		a.delegate(target, f)
	}
	panics := a.panics
	a.panics = nil
	return panics
}

// reloadInfo is the reloader's status for views, with the generations
// loaded (numbered as the user sees them).
func (a *App) reloadInfo() contract.ReloadInfo {
	info := reloadInfo(a.status(), a.now())
	for _, gen := range a.hot.Generations() {
		info.Loaded = append(info.Loaded, gen.N+a.genBase())
	}
	if a.ctl != nil {
		info.Actions = a.ctl.Actions()
	}
	return info
}

// reloadInfo converts the reloader's status for views.
func reloadInfo(st hot.Status, now time.Time) contract.ReloadInfo {
	info := contract.ReloadInfo{
		Generation: st.Generation, Busy: st.Busy, Phase: string(st.Phase),
		Error: st.Error, Reason: string(st.Reason),
		Reloads: st.Stats.Reloads, Successes: st.Stats.Successes, Failures: st.Stats.Failures,
		ViewPanics: st.Stats.ViewPanics,
	}
	if st.Busy {
		info.Elapsed = now.Sub(st.Since)
	}
	for _, h := range st.History {
		info.History = append(info.History, contract.ReloadRecord{
			When: h.When, Generation: h.Generation, OK: h.OK, Reason: string(h.Reason),
			Error: h.Error, Build: h.Build, Load: h.Load, Swap: h.Swap, Rollback: h.Rollback,
		})
	}
	return info
}

// updateTitle keeps the window title on the project's name.
func (a *App) updateTitle() {
	t := "slopgui - " + a.Project.Name
	if a.wnd != nil && t != a.title {
		a.wnd.SetTitle(t)
		a.title = t
	}
}

// ActiveTheme returns the theme named by UI.Theme.
func (a *App) ActiveTheme() theme.Theme {
	t, _ := theme.ByName(a.UI.Theme)
	return t
}

// themeStyle returns the giu style of the active theme, built once per
// theme change. The App pushes it around the whole frame itself (giu's own
// window theme is off), so a theme switch mid-frame, or a frame restarted
// by a rollback, always pops exactly what it pushed.
func (a *App) themeStyle() *g.StyleSetter {
	if a.style == nil || a.applied != a.UI.Theme {
		a.style = style.Of(a.ActiveTheme())
		a.applied = a.UI.Theme
	}
	return a.style
}

// noSourceBuilder explains that there is nothing to rebuild from.
type noSourceBuilder struct{}

func (noSourceBuilder) Build(context.Context, hot.BuildRequest) (string, error) {
	return "", errNoSource
}

var errNoSource = &hot.Error{Reason: hot.ReasonSources,
	What: "reloading is off: no slopgui source tree was found",
	Hint: "start slopgui from inside its checkout (make run), or pass -src /path/to/slopgui"}
