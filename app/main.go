package app

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/app/watchdog"
	"github.com/slopgui/slopgui/assets"
	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/eventwait"
	"github.com/slopgui/slopgui/internal/fontmap"
	"github.com/slopgui/slopgui/internal/glwindow"
	"github.com/slopgui/slopgui/internal/latestfile"
	"github.com/slopgui/slopgui/internal/softgl"
	"github.com/slopgui/slopgui/internal/startup"
	"github.com/slopgui/slopgui/internal/supervisor"
	"github.com/slopgui/slopgui/llm/tools"
	"github.com/slopgui/slopgui/persist"
)

// ModulePath is slopgui's Go module path; a source tree for reloading is a
// directory whose go.mod declares it.
const ModulePath = "github.com/slopgui/slopgui"

// Options carries what cmd/slopgui wires in.
type Options struct {
	// GlobalHotkey registers Ctrl+Alt+R system-wide and calls onPress on
	// each press. It lives outside this package (internal/globalkey: cgo
	// and Xlib), so that tests of this package need no X display.
	GlobalHotkey func(onPress func()) (stop func(), err error)
	Stderr       io.Writer
}

// envSession passes an unsupervised app's restart directory on to the
// process it execs into (a hot restart without a supervisor).
const envSession = "SLOPGUI_SESSION_DIR"

// Main runs slopgui and returns its exit code. A supervised app that hot
// restarts returns supervisor.ExitRestart; an unsupervised one execs the
// new binary in its own place (same PID) and does not return.
func Main(args []string, opts Options) int {
	code, next := run(args, opts)
	if next == nil {
		return code
	}
	env := []string{supervisor.EnvHandover + "=" + next.file, envSession + "=" + filepath.Dir(next.file)}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, supervisor.EnvHandover+"=") && !strings.HasPrefix(kv, envSession+"=") {
			env = append(env, kv)
		}
	}
	bin := next.binary
	if bin == "" {
		bin, _ = os.Executable()
	}
	argv := append([]string{bin}, supervisor.WithoutFlag(args, "handover")...)
	err := syscall.Exec(bin, argv, env)
	fmt.Fprintf(opts.Stderr, "slopgui: hot restart: exec %s: %v\n", bin, err)
	return 1
}

// run is Main up to the point where a hot restart replaces the process:
// every deferred cleanup has run when it returns.
func run(args []string, opts Options) (int, *pendingRestart) {
	startup.Mark("main")
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	var wnd *g.MasterWindow
	var ahead *hot.FingerprintAhead
	wd, _ := os.Getwd()
	if supervisor.IsSpare() { // a hot restart's process, started ahead: window, GL and a frame now, the handover when woken
		ahead = hot.TakeFingerprintAhead(FindSourceTree(wd), hotDirs()) // ~25 ms; -src is known only after waking (then taken again)
		wnd = g.NewMasterWindow("slopgui", 1280, 800, g.MasterWindowFlagsHidden)
		loadFonts()
		glwindow.WarmUp() // a failure only leaves the work to the first frame
		if err := supervisor.WaitAsSpare(); err != nil {
			return 0, nil // not needed after all
		}
		startup.Woke()
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
	fs.Bool("no-supervisor", false, "run the app alone, without the supervisor that restarts it with its state after a crash")
	capMB := fs.Int("restart-above-mb", 1024, "after a reload leaves the app above this resident size (MB), restart it with its state at the next idle moment; 0 never")
	handoverFile := fs.String("handover", os.Getenv(supervisor.EnvHandover), "start from the state an earlier slopgui handed over in this file")
	approveAgent := fs.Bool("approve-agent-reloads", false, "reloads and rollbacks asked over the control socket (slopgui ctl, slopgui mcp) wait for your approval in the window (also a checkbox in the Hot Reload panel, kept in config.toml)")
	watchdogAfter := fs.Duration("watchdog", 5*time.Second, "a render thread that draws no frame for this long is reported and the app exits (the supervisor restarts it); 0 turns it off")
	if err := fs.Parse(args); err != nil {
		return 2, nil
	}

	root := *src
	if root == "" {
		root = FindSourceTree(wd)
	} else if _, err := hot.ModulePath(root); err != nil {
		fmt.Fprintf(opts.Stderr, "slopgui: -src %s: %v\n", root, err)
		return 2, nil
	}
	if root == "" {
		log.Warn("no slopgui source tree found: views cannot be reloaded; start slopgui inside its checkout or pass -src")
	}

	cfgDir, err := persist.Dir()
	if err != nil {
		fmt.Fprintf(opts.Stderr, "slopgui: %v\n", err)
		return 1, nil
	}
	rc := RestartConfig{Dir: supervisor.Dir(), Supervised: supervisor.Dir() != "", CapMB: *capMB,
		Handover: *handoverFile, Crash: os.Getenv(supervisor.EnvCrash), Watchdog: *watchdogAfter, ahead: ahead}
	rc.Binary, _ = os.Executable()
	if !rc.Supervised {
		// Alone, the restart directory is this process's (and, after a hot
		// restart, the one it execs into carries it on).
		rc.Dir = os.Getenv(envSession)
		if rc.Dir == "" {
			d, err := os.MkdirTemp("", "slopgui-session-")
			if err != nil {
				fmt.Fprintf(opts.Stderr, "slopgui: %v\n", err)
				return 1, nil
			}
			rc.Dir = d
		}
	}
	var pb hot.Builder
	switch *builder {
	case "direct":
	case "go":
		pb = hot.GoBuilder{GoCmd: goCommand(), Settings: hot.HostBuildSettings(), ExtLD: giuLinker()}
	default:
		fmt.Fprintf(opts.Stderr, "slopgui: -plugin-builder %q: want direct or go\n", *builder)
		return 2, nil
	}
	a, err := New(Config{SourceRoot: root, BuildTimeout: *timeout, StatusFile: *statusFile,
		ConfigDir: cfgDir, ProjectPath: *project, Builder: pb, Restart: rc})
	if err != nil {
		fmt.Fprintf(opts.Stderr, "slopgui: %v\n", err)
		return 1, nil
	}
	defer a.Close()
	defer tools.KillAll() // no run_command's process outlives the app
	startup.Mark("app and reloader")
	a.UI.ApproveAgentReloads = a.UI.ApproveAgentReloads || *approveAgent
	if root != "" {
		if err := a.hot.Watch(); err != nil {
			log.Warn("not watching the views for changes", "err", err)
		}
		a.hot.SetAutoReload(*auto)
	}
	startup.Mark("watch")

	if w := a.handedWindow; w != nil && w.W > 0 && w.H > 0 {
		*width, *height = w.W, w.H
	}
	a.rec = giubackend.InstallRecording() // views draw through gui/ and gui/imgui; ctl ui reads what they drew
	spare := wnd != nil
	if !spare {
		wnd = g.NewMasterWindow("slopgui - "+a.Project.Name, *width, *height, 0)
	} else {
		wnd.SetTitle("slopgui - " + a.Project.Name)
		wnd.SetSize(*width, *height)
	}
	a.wnd = wnd
	startup.Mark("window and GL")
	if w := a.handedWindow; w != nil {
		wnd.SetPos(w.X, w.Y)
	}
	wnd.SetStyle(nil)                                 // the App pushes its theme around each frame itself
	wnd.SetUserFile(persist.PathsIn(cfgDir).ImGuiIni) // window layout, beside config.toml
	if a.handedIni != "" {
		imgui.LoadIniSettingsFromMemory(a.handedIni) // before the first frame: wins over imgui.ini
	}
	if !spare {
		loadFonts()
	}
	startup.Mark("ini and fonts")
	io := imgui.CurrentIO()
	// A view that panics mid-window is unwound by error recovery; never abort.
	io.SetConfigErrorRecovery(true)
	io.SetConfigErrorRecoveryEnableAssert(false)
	// A view's fault has its own panel: no ImGui error tooltips over it.
	io.SetConfigErrorRecoveryEnableTooltip(false)
	wnd.RegisterKeyboardShortcuts(g.WindowShortcut{Key: g.KeyR, Modifier: g.ModControl | g.ModAlt, Callback: a.ReloadAll})
	// Screenshots for the control socket are read after a frame is drawn,
	// then the loop waits for the next frame or an event.
	a.pacer = eventwait.New(wnd.SetTargetFPS)
	a.gl = &softgl.Tuner{}
	g.Context.Backend().SetAfterRenderHook(func() { a.gl.AfterFrame(); a.afterRender(); a.pacer.AfterFrame() })
	if err := a.startCtl(log); err != nil {
		log.Warn("control socket unavailable: slopgui ctl and slopgui mcp cannot reach this window", "err", err)
	} else {
		defer a.stopCtl()
	}
	wnd.SetCloseCallback(a.onWindowClose) // the close button saves first, like File > Quit
	defer a.watchSignals()()              // SIGTERM, SIGINT, SIGHUP: save and exit 0

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

	if rc.Watchdog > 0 {
		a.rs.watch = watchdog.New(rc.Watchdog, opts.Stderr)
		defer a.rs.watch.Stop()
	}
	log.Info("slopgui started", "source", root, "hotkey", a.hotkey, "project", a.files.path,
		"supervised", rc.Supervised, "restarted", a.rs.reason)
	startup.Mark("ctl and hotkey")
	if spare && !glwindow.ShowMain() {
		log.Warn("the window made ahead could not be shown (no GLFW window or glfwShowWindow)")
	}
	wnd.Run(a.Frame)
	if a.rs.watch != nil {
		a.rs.watch.Stop()
	}
	if code := a.ExitCode(opts.Stderr); code != 0 {
		return code, nil
	}
	if p := a.rs.exit; p != nil && !a.quit.discard {
		log.Info("hot restart", "why", p.reason, "binary", p.binary)
		if rc.Supervised {
			return supervisor.ExitRestart, nil
		}
		return 0, p
	}
	if !rc.Supervised {
		os.RemoveAll(rc.Dir)
	}
	return 0, nil
}

// loadFonts gives giu its fonts: DejaVu Sans first, then fonts for what it
// lacks (CJK, emoji), and the markdown's.
func loadFonts() {
	fallbacks := FallbackFonts()
	for i := len(fallbacks) - 1; i >= 0; i-- {
		if b, err := fontmap.Map(fallbacks[i]); err == nil { // mapped: only the pages of glyphs drawn are read
			g.Context.FontAtlas.SetDefaultFontFromBytes(b) // each goes first
		}
	}
	g.Context.FontAtlas.SetDefaultFontFromBytes(assets.Font)
	giubackend.SetMarkdownFonts(assets.MonoFont, assets.BoldFont, assets.ItalicFont)
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
	// LongestFrameUs is the longest frame since the last trigger;
	// MeanFrameUs their mean.
	LongestFrameUs int64 `json:"longestFrameUs"`
	MeanFrameUs    int64 `json:"meanFrameUs"`
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
	// ViewFault names the views that panicked in the running generation.
	ViewFault string `json:"viewFault"`
	// ProtectUs is what guarding the state cost in the last frame: the
	// comparison that notices edits and, when there were some, the copy
	// that undoes a view that panics half way.
	ProtectUs int64 `json:"protectUs"`
	// Chars counts the typed characters frames have received (to measure
	// how late keys arrive).
	Chars  int    `json:"chars"`
	Hotkey string `json:"hotkey"`
	// GLRenderer and TextureFilter: who draws, and how the font atlas is
	// sampled (internal/softgl).
	GLRenderer    string `json:"glRenderer"`
	TextureFilter string `json:"textureFilter"`
	Frames        int    `json:"frames"`
	PID           int    `json:"pid"`
	// Restarted says why this process was started by a hot restart or
	// after a crash; RestartMs is that restart's trigger → first frame.
	Restarted string `json:"restarted,omitempty"`
	RestartMs int64  `json:"restartMs,omitempty"`
	// HandoverMs is the part from the handover being written (the old
	// process about to exit) to that first frame; Startup splits it (or,
	// without a handover, the start from Go's init) into phases.
	HandoverMs int64  `json:"handoverMs,omitempty"`
	Startup    string `json:"startup,omitempty"`
	// HostAhead is the build of slopgui made ahead of a restart: building,
	// ready, or error: …; HostBuilds counts those started; HostListed: its
	// packages are listed, builds skip the go command (hostbuild.Direct);
	// HostPrepared: that and the packages under app/ compiled ahead, done;
	// HostAdopted: listed by the build that made this binary, not go list;
	// HostWarmed: the views' packages compiled for plugins from the sources
	// the ready build was made of (hot.Reloader.WarmCommand), done.
	HostAhead    string `json:"hostAhead,omitempty"`
	HostBuilds   int    `json:"hostBuilds"`
	HostListed   bool   `json:"hostListed,omitempty"`
	HostPrepared bool   `json:"hostPrepared,omitempty"`
	HostAdopted  bool   `json:"hostAdopted,omitempty"`
	HostWarmed   bool   `json:"hostWarmed,omitempty"`
	// Restarts and Crashes count them over the session.
	Restarts int `json:"restarts"`
	Crashes  int `json:"crashes"`
	// Notice is the title of the message shown at start, if any, and
	// NoticeText all of its text.
	Notice     string `json:"notice,omitempty"`
	NoticeText string `json:"noticeText,omitempty"`
	// RestartPending says why the app will restart at the next idle moment.
	RestartPending string  `json:"restartPending,omitempty"`
	RSSMB          float64 `json:"rssMb"`
	// MemoryCheck is set while a reload that passed the memory cap is
	// measured again, its garbage given back.
	MemoryCheck bool `json:"memoryCheck,omitempty"`
}

func (a *App) statusReport(st hot.Status) StatusReport {
	r := StatusReport{
		Generation: st.Generation, Busy: st.Busy, Phase: string(st.Phase),
		IsError: st.IsError, Error: st.Error, Reason: string(st.Reason),
		Reloads: st.Stats.Reloads, Successes: st.Stats.Successes, Failures: st.Stats.Failures,
		Coalesced: st.Stats.Coalesced, LastBuild: st.Stats.LastBuild.Milliseconds(),
		LastLoad: st.Stats.LastLoad.Milliseconds(), LastSwapUs: st.Stats.LastSwap.Microseconds(),
		SwapFrameUs: a.swapFrame.Microseconds(), LongestFrameUs: a.longFrame.Microseconds(), MeanFrameUs: a.frameSum.Microseconds() / max(a.frameN, 1),
		LastCompile: st.Stats.LastCompile.Milliseconds(), LastLink: st.Stats.LastLink.Milliseconds(), LastBuildCPU: st.Stats.LastBuildCPU.Milliseconds(),
		LastCompiled: st.Stats.LastCompiled, LastWaitedMs: float64(st.Stats.LastWaited.Microseconds()) / 1000,
		AheadBuilds: st.Stats.AheadBuilds, Saves: st.Stats.Saves, AheadLoads: st.Stats.AheadLoads, WastedLoads: st.Stats.WastedLoads,
		AheadBuilding: st.Ahead.Building, AheadReady: st.Ahead.Ready, AheadLoaded: st.Ahead.Loaded,
		AheadError: st.Ahead.Error,
		ViewFault:  a.viewFault(st.Generation), ProtectUs: a.protectCost.Microseconds(), Chars: a.chars,
		Hotkey: a.hotkey, Frames: a.frames, PID: os.Getpid(),
		RSSMB: float64(int(a.diag.rssMB)), GLRenderer: a.gl.Renderer(), TextureFilter: a.gl.Filter(),
	}
	if n := len(st.History); n > 0 {
		r.LastAhead = st.History[n-1].Ahead
	}
	if rs := a.rs; rs != nil {
		r.Restarted, r.RestartMs, r.HandoverMs, r.Startup = rs.reason, rs.restartMs, rs.handMs, rs.startup
		hs := rs.sched.Status()
		r.HostAhead, r.HostBuilds, r.HostListed, r.HostAdopted = hs.Word(), rs.sched.Builds(), rs.host.Listed(), rs.host.Adopted()
		r.HostPrepared, r.HostWarmed = rs.host.Prepared(), hs.Warmed
		r.Restarts, r.Crashes = rs.earlier.Stats.Restarts, rs.earlier.Stats.Crashes
		if rs.notice != nil {
			r.Notice = rs.notice.Title
			text := append(append([]string(nil), rs.notice.Lines...), rs.notice.Detail)
			r.NoticeText = strings.Join(text, "\n")
		}
		rs.mu.Lock()
		r.RestartPending, r.MemoryCheck = rs.capWhy, rs.capChecking.Load()
		rs.mu.Unlock()
	}
	return r
}

// statusWriter writes the report when it changes (frames aside),
// atomically and off the render thread (the fsync waited up to half a
// second behind a large project's save).
type statusWriter struct {
	out  *latestfile.Writer
	last StatusReport
	n    int
}

func newStatusWriter(path string) *statusWriter {
	return &statusWriter{out: latestfile.New(path, 0o644, func(err error) { fmt.Fprintf(os.Stderr, "slopgui: status file: %v\n", err) })}
}

func (w *statusWriter) write(r StatusReport) {
	frames, protect, mean := r.Frames, r.ProtectUs, r.MeanFrameUs
	r.Frames, r.ProtectUs, r.MeanFrameUs = w.last.Frames, w.last.ProtectUs, w.last.MeanFrameUs
	if w.n > 0 && r == w.last && frames-w.last.Frames < 30 {
		return
	}
	r.Frames, r.ProtectUs, r.MeanFrameUs = frames, protect, mean
	w.last, w.n = r, w.n+1
	if b, err := json.MarshalIndent(r, "", "  "); err == nil {
		w.out.Write(b)
	}
}
