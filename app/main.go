package app

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/assets"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/persist"
)

// ModulePath is slopgui's Go module path; a source tree for reloading is a
// directory whose go.mod declares it.
const ModulePath = "github.com/slopgui/slopgui"

// Options carries what cmd/slopgui wires in.
type Options struct {
	// GlobalHotkey registers Ctrl+Alt+R system-wide and calls onPress on
	// each press. It lives outside this package because
	// golang.design/x/hotkey needs an X display as soon as it is imported.
	GlobalHotkey func(onPress func()) (stop func(), err error)
	Stderr       io.Writer
}

// Main runs slopgui and returns its exit code.
func Main(args []string, opts Options) int {
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	log := slog.New(slog.NewTextHandler(opts.Stderr, nil))
	fs := flag.NewFlagSet("slopgui", flag.ContinueOnError)
	fs.SetOutput(opts.Stderr)
	src := fs.String("src", "", "slopgui source tree to rebuild views from (default: the checkout containing the working directory)")
	width := fs.Int("width", 1280, "window width")
	height := fs.Int("height", 800, "window height")
	auto := fs.Bool("auto-reload", false, "reload the views whenever a file in views/ is saved")
	timeout := fs.Duration("build-timeout", 10*time.Minute, "give up on a plugin build after this long (a first build on a cold Go cache takes minutes)")
	project := fs.String("project", "", "project file to open (default: the last one used)")
	builder := fs.String("plugin-builder", "direct", "how views are built: direct (the compiler and linker run by slopgui) or go (the go command)")
	statusFile := fs.String("status-file", os.Getenv("SLOPGUI_STATUS_FILE"), "keep the reload status, as JSON, in this file (for scripts and tests)")
	if err := fs.Parse(args); err != nil {
		return 2
	}

	root := *src
	if root == "" {
		wd, _ := os.Getwd()
		root = FindSourceTree(wd)
	} else if _, err := hot.ModulePath(root); err != nil {
		fmt.Fprintf(opts.Stderr, "slopgui: -src %s: %v\n", root, err)
		return 2
	}
	if root == "" {
		log.Warn("no slopgui source tree found: views cannot be reloaded; start slopgui inside its checkout or pass -src")
	}

	cfgDir, err := persist.Dir()
	if err != nil {
		fmt.Fprintf(opts.Stderr, "slopgui: %v\n", err)
		return 1
	}
	var pb hot.Builder
	switch *builder {
	case "direct":
	case "go":
		pb = hot.GoBuilder{GoCmd: goCommand(), Settings: hot.HostBuildSettings()}
	default:
		fmt.Fprintf(opts.Stderr, "slopgui: -plugin-builder %q: want direct or go\n", *builder)
		return 2
	}
	a, err := New(Config{SourceRoot: root, BuildTimeout: *timeout, StatusFile: *statusFile,
		ConfigDir: cfgDir, ProjectPath: *project, Builder: pb})
	if err != nil {
		fmt.Fprintf(opts.Stderr, "slopgui: %v\n", err)
		return 1
	}
	defer a.Close()
	if root != "" {
		if err := a.hot.Watch(); err != nil {
			log.Warn("not watching the views for changes", "err", err)
		}
		a.hot.SetAutoReload(*auto)
	}

	wnd := g.NewMasterWindow("slopgui - "+a.Project.Name, *width, *height, 0)
	a.wnd = wnd
	wnd.SetStyle(nil)                                 // the App pushes its theme around each frame itself
	wnd.SetUserFile(persist.PathsIn(cfgDir).ImGuiIni) // window layout, beside config.toml
	g.Context.FontAtlas.SetDefaultFontFromBytes(assets.Font)
	io := imgui.CurrentIO()
	// A view that panics mid-window is unwound by error recovery; never abort.
	io.SetConfigErrorRecovery(true)
	io.SetConfigErrorRecoveryEnableAssert(false)
	wnd.RegisterKeyboardShortcuts(g.WindowShortcut{Key: g.KeyR, Modifier: g.ModControl | g.ModAlt, Callback: a.ReloadAll})

	a.hotkey = "in-window only"
	if opts.GlobalHotkey != nil {
		stop, err := opts.GlobalHotkey(a.ReloadAll)
		if err != nil {
			log.Warn("global Ctrl+Alt+R unavailable; it still works while the window has focus", "err", err)
			a.hotkey = "unavailable: " + err.Error()
		} else {
			a.hotkey = "global"
			defer stop()
		}
	}

	done := make(chan struct{})
	defer close(done)
	go a.tick(done)
	log.Info("slopgui started", "source", root, "hotkey", a.hotkey, "project", a.files.path)
	wnd.Run(a.Frame)
	if err := a.flush(); err != nil {
		fmt.Fprintf(opts.Stderr, "slopgui: saving on exit: %v\n", err)
		return 1
	}
	return 0
}

// tick redraws a few times a second while a reload is under way, so its
// progress and elapsed time stay live.
func (a *App) tick(done <-chan struct{}) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			// Keep frames coming while a reload runs (live progress) and
			// while edits wait to be autosaved (the check runs in frames).
			if st := a.hot.Status(); st.Busy || st.Ahead.Building || a.autosaveWaiting.Load() {
				g.Update()
			}
		}
	}
}

// FindSourceTree returns the nearest directory at or above dir whose go.mod
// declares ModulePath, or "".
func FindSourceTree(dir string) string {
	for d := dir; d != ""; {
		if mp, err := hot.ModulePath(d); err == nil && mp == modulePath() {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return ""
}

func modulePath() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Path != "" && bi.Main.Path != "command-line-arguments" {
		return bi.Main.Path
	}
	return ModulePath
}

func goCommand() string {
	if c := os.Getenv("SLOPGUI_GO"); c != "" {
		return c
	}
	return "go"
}

// StatusReport is what the status file holds.
type StatusReport struct {
	Generation int    `json:"generation"`
	Busy       bool   `json:"busy"`
	Phase      string `json:"phase"`
	IsError    bool   `json:"isError"`
	Error      string `json:"error"`
	Reason     string `json:"reason"`
	Reloads    int    `json:"reloads"`
	Successes  int    `json:"successes"`
	Failures   int    `json:"failures"`
	Coalesced  int    `json:"coalesced"`
	LastBuild  int64  `json:"lastBuildMs"`
	LastLoad   int64  `json:"lastLoadMs"`
	LastSwapUs int64  `json:"lastSwapUs"`
	// SwapFrameUs is the whole frame that swapped code in (the render-thread pause).
	SwapFrameUs int64 `json:"swapFrameUs"`
	// LongestFrameUs is the longest frame since the last trigger.
	LongestFrameUs int64 `json:"longestFrameUs"`
	LastCompile    int64 `json:"lastCompileMs"`
	LastLink       int64 `json:"lastLinkMs"`
	LastBuildCPU   int64 `json:"lastBuildCpuMs"` // processor time of the build
	LastCompiled   int   `json:"lastCompiled"`   // packages compiled
	// LastWaitedMs is from the last trigger to its swap (inside the app).
	LastWaitedMs  float64 `json:"lastWaitedMs"`
	LastAhead     bool    `json:"lastAhead"` // the last reload was built ahead
	AheadBuilds   int     `json:"aheadBuilds"`
	Saves         int     `json:"saves"` // bursts of saves seen settling
	AheadLoads    int     `json:"aheadLoads"`
	WastedLoads   int     `json:"wastedLoads"`
	AheadBuilding bool    `json:"aheadBuilding"`
	AheadReady    bool    `json:"aheadReady"`
	AheadLoaded   bool    `json:"aheadLoaded"`
	AheadError    string  `json:"aheadError"`
	Hotkey        string  `json:"hotkey"`
	Frames        int     `json:"frames"`
	PID           int     `json:"pid"`
}

func (a *App) statusReport(st hot.Status) StatusReport {
	r := StatusReport{
		Generation: st.Generation, Busy: st.Busy, Phase: string(st.Phase),
		IsError: st.IsError, Error: st.Error, Reason: string(st.Reason),
		Reloads: st.Stats.Reloads, Successes: st.Stats.Successes, Failures: st.Stats.Failures,
		Coalesced: st.Stats.Coalesced, LastBuild: st.Stats.LastBuild.Milliseconds(),
		LastLoad: st.Stats.LastLoad.Milliseconds(), LastSwapUs: st.Stats.LastSwap.Microseconds(),
		SwapFrameUs: a.swapFrame.Microseconds(), LongestFrameUs: a.longFrame.Microseconds(),
		LastCompile: st.Stats.LastCompile.Milliseconds(), LastLink: st.Stats.LastLink.Milliseconds(), LastBuildCPU: st.Stats.LastBuildCPU.Milliseconds(),
		LastCompiled: st.Stats.LastCompiled, LastWaitedMs: float64(st.Stats.LastWaited.Microseconds()) / 1000,
		AheadBuilds: st.Stats.AheadBuilds, Saves: st.Stats.Saves, AheadLoads: st.Stats.AheadLoads, WastedLoads: st.Stats.WastedLoads,
		AheadBuilding: st.Ahead.Building, AheadReady: st.Ahead.Ready, AheadLoaded: st.Ahead.Loaded,
		AheadError: st.Ahead.Error,
		Hotkey:     a.hotkey, Frames: a.frames, PID: os.Getpid(),
	}
	if n := len(st.History); n > 0 {
		r.LastAhead = st.History[n-1].Ahead
	}
	return r
}

// statusWriter writes the report when it changes (frames aside), atomically.
type statusWriter struct {
	path string
	last StatusReport
	n    int
}

func (w *statusWriter) write(r StatusReport) {
	frames := r.Frames
	r.Frames = w.last.Frames
	if w.n > 0 && r == w.last && frames-w.last.Frames < 30 {
		return
	}
	r.Frames = frames
	w.last, w.n = r, w.n+1
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return
	}
	tmp := w.path + ".tmp"
	if err := errors.Join(os.WriteFile(tmp, b, 0o644), os.Rename(tmp, w.path)); err != nil {
		fmt.Fprintf(os.Stderr, "slopgui: status file: %v\n", err)
	}
}
