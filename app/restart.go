package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/app/watchdog"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/handover"
	"github.com/slopgui/slopgui/internal/hostbuild"
	"github.com/slopgui/slopgui/internal/memstat"
	"github.com/slopgui/slopgui/internal/restart"
	"github.com/slopgui/slopgui/internal/startup"
	"github.com/slopgui/slopgui/internal/supervisor"
)

// Hot restart: saving a stable package builds the whole binary ahead
// (internal/hostbuild: after any views build, niced, once per burst of
// saves); a reload trigger, once the build of the sources on disk is done,
// hands every state key, ImGui's settings, the window geometry and the
// reload history over to a new process running it. The memory cap does the
// same without a build (the same binary, carrying the running generation's
// plugin), and a supervised app keeps the same handover as a crash snapshot.

// RestartConfig configures hot restart, crash snapshots, the memory cap and
// the watchdog. Main fills it; the zero value turns all of them off.
type RestartConfig struct {
	// Dir holds snapshots, handovers, kept plugins and new binaries; the
	// supervisor's directory when supervised. Empty turns restarts off.
	Dir string
	// Supervised: a hot restart exits with supervisor.ExitRestart and a
	// snapshot is kept in Dir; otherwise the process execs the new binary.
	Supervised bool
	// Binary is this program (os.Executable).
	Binary string
	// CapMB restarts the app at the next idle moment when its RSS passes
	// it after a reload; 0 never.
	CapMB int
	// Handover and Crash name the files to start from ("" for none).
	Handover string
	Crash    string
	// Watchdog is how long the render thread may go without a frame
	// before the app reports it frozen and exits; 0 turns it off.
	Watchdog time.Duration
	ahead    *hot.FingerprintAhead // the tree's, taken while a spare made its window (nil: when needed)
}

// Timings of the restart machinery.
const (
	idleBeforeRestart = 2 * time.Second        // no input this long before a memory-cap restart
	snapshotAfter     = 300 * time.Millisecond // a snapshot at most this often after input
	snapshotEvery     = 3 * time.Second        // and at least this often otherwise
)

// restarter is the App's hot-restart state.
type restarter struct {
	cfg     RestartConfig
	root    string          // the source tree
	keepDir string          // kept copies of loaded plugins
	fp      hot.Fingerprint // stable packages at start
	modPath string
	goCmd   string

	// From the handover this process started with.
	chain     restart.Chain   // where the views generations continue from
	earlier   restart.Earlier // the earlier processes' history and counters (plus restarts and crashes)
	triggered time.Time       // when the restart that started us was asked for
	written   time.Time       // when the previous process wrote the handover
	notice    *restart.Notice // what the window tells the user at start
	restartMs int64           // trigger → first frame, measured
	handMs    int64           // handover written → first frame, measured
	startup   string          // where the start went (internal/startup)
	reason    string          // why this process was started by a restart

	sched *hostbuild.Scheduler // nil without a source tree
	gate  *hostbuild.Gate      // views builds go first
	host  *hostbuild.Direct    // the builds sched runs

	mu       sync.Mutex
	buildErr string // the build a trigger waited for failed
	built    string // the last binary buildHost made, and how (howBuilt): for its restart's reason
	builtHow string
	ready    string // why the app is handing over now
	capWhy   string
	capAt    time.Time
	// capChecking is set while a passed cap is measured again.
	capChecking atomic.Bool

	// Render thread only.
	snapValues map[string]any  // the state of the last snapshot made
	exit       *pendingRestart // handed over: Main acts on it once the window closes
	lastSnap   time.Time
	snapInput  time.Time
	snaps      *handover.SnapshotWriter
	frames     int
	watch      *watchdog.Watchdog
}

// hostName names the binaries hot restarts build, in binDir.
const hostName = "slopgui"

func (rs *restarter) binDir() string { return filepath.Join(rs.cfg.Dir, "bin") }

// pendingRestart is a restart waiting for (or done by) the render thread.
type pendingRestart struct {
	binary    string // the new binary; "" for this one
	reason    string
	triggered time.Time
	keepGen   bool   // carry the running generation (memory cap)
	file      string // the handover written
}

// setupRestart reads the handover and crash report (if any) before the
// reloader exists, restores the state keys into a and returns the views
// generation 0 should run (nil: the linked-in ones).
func (a *App) setupRestart(cfg RestartConfig, root string) (map[string]hot.Symbols, error) {
	rs := &restarter{cfg: cfg, root: root, keepDir: filepath.Join(cfg.Dir, "plugins"), goCmd: goCommand(),
		snaps: handover.NewSnapshotWriter(filepath.Join(cfg.Dir, supervisor.SnapshotFile),
			func(err error) { fmt.Fprintf(os.Stderr, "slopgui: snapshot: %v\n", err) })}
	a.rs = rs
	if err := os.MkdirAll(rs.keepDir, 0o700); err != nil {
		return nil, fmt.Errorf("restart directory: %w", err)
	}
	if root != "" {
		if mp, err := hot.ModulePath(root); err == nil {
			rs.modPath = mp
			rs.fp, _ = cfg.ahead.Get(root, hotDirs())
		}
	}
	if rs.fp != nil {
		rs.gate = &hostbuild.Gate{}
		info, _ := debug.ReadBuildInfo()
		rs.host = hostbuild.NewDirect(hostbuild.GoBuild{GoCmd: rs.goCmd, Root: rs.root, Package: "./cmd/slopgui",
			OutDir: rs.binDir(), Name: hostName, Args: []string{"-buildvcs=false"}}.
			WithHost(hot.HostBuildSettings(), filepath.Join(root, "internal", "giulink", "extld.sh")), hotDirs(), info)
		rs.host.Private = []string{"app"} // app and the packages under it: a body edit compiles its package alone
		rs.sched = hostbuild.New(hostbuild.Config{Build: rs.buildHost,
			Fingerprint: hostbuild.HotFingerprint(root, hotDirs(), rs.fp),
			Base:        rs.fp.Sum(), Gate: rs.gate, Notify: g.Update, Prepare: rs.host.Prepare, PrepareAfter: time.Second,
			Ready: func(bin string) { supervisor.AskSpare(bin) }, // its window made ahead (unsupervised: nothing)
			// Then the views' packages compiled for plugins from the new
			// sources: the new process's first views build needs them.
			Warm: func() *exec.Cmd {
				if a.hot == nil {
					return nil
				}
				return a.hot.WarmCommand()
			}})
	}

	start := restart.Read(cfg.Handover, cfg.Crash, a.now())
	var views map[string]hot.Symbols
	var lines []string
	if h := start.Handover; h != nil {
		startup.Mark("handover read")
		if h.Kind == handover.KindSnapshot { // a swap it has not seen yet
			handover.ApplyMarker(h, filepath.Join(filepath.Dir(cfg.Handover), handover.MarkerFile))
		}
		if _, err := handover.DecodeState(a, h.State); err != nil {
			lines = append(lines, "Some state could not be restored: "+err.Error())
		}
		rs.triggered, rs.written = h.Triggered, h.Written
		hot.ReserveBuildIDs(h.MaxBuildID)
		for _, gen := range h.Generations {
			hot.ReserveBuildIDs(gen.Build)
		}
		a.handedIni, a.handedWindow = h.ImGuiIni, h.Window
		startup.Mark("handover decode")
		var said string
		rs.chain, views, said = restart.Pick(h, start.Crash, cfg.Binary, hot.PluginLoader{})
		if said != "" {
			lines = append(lines, said)
		}
		rs.earlier = restart.EarlierFrom(h)
		startup.Mark("kept plugin load")
	}
	w := start.Welcome(lines)
	rs.notice, rs.reason = w.Notice, w.Reason
	if w.Crash {
		rs.earlier.Stats.Crashes++
	}
	if w.Restart {
		rs.earlier.Stats.Restarts++
	}
	if h := start.Handover; h != nil && h.Kind == handover.KindRestart && !cfg.Supervised {
		os.Remove(cfg.Handover) // consumed (a supervisor's directory is cleaned by the supervisor)
	}
	return views, nil
}

// status is the reloader's status as the user sees it: generation numbers
// continue across restarts, the history and counters include earlier
// processes', and a host rebuild for a restart shows as a reload under way
// (or as a failed one, with the compiler's output).
func (a *App) status() hot.Status {
	st := a.rules.Status(a.hot.Status()) // a rule's panic is an error too
	rs := a.rs
	if rs == nil {
		return st
	}
	st = rs.earlier.Status(st, rs.chain.Base)
	if hs := rs.sched.Status(); hs.Waiting && hs.Building {
		st.Busy, st.Phase, st.Since = true, "building the new slopgui to restart into", hs.Since
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	switch {
	case st.Busy:
	case rs.buildErr != "":
		st.IsError, st.Error, st.Reason = true, rs.buildErr, hot.ReasonBuild
	}
	return st
}

// restartInstead starts a hot restart when a stable package changed since
// start, and reports whether it did (ReloadAll then leaves the views alone):
// the restart waits for the build of the sources on disk (made ahead, or
// under way, or started now).
func (a *App) restartInstead() bool {
	rs := a.rs
	if rs == nil || rs.sched == nil {
		return false
	}
	changed, err := hot.ChangedStable(rs.fp, rs.root, rs.modPath, hotDirs())
	rs.mu.Lock()
	rs.buildErr = ""
	rs.mu.Unlock()
	if err != nil || len(changed) == 0 {
		return false // the reloader reports an unreadable tree itself
	}
	rs.sched.Trigger()
	return true
}

// buildHost compiles cmd/slopgui from the source tree into the restart
// directory and returns its path: rs.host runs the compiler and linker
// with this binary's build settings and info (the linker wrapper from the
// tree; no VCS stamp: seven git runs, ~0.15 s here, for facts unread).
func (rs *restarter) buildHost(ctx context.Context) (string, error) {
	bin, err := rs.host.Build(ctx)
	if err == nil {
		how := restart.HowBuilt(rs.host.LastTrace(), rs.modPath)
		rs.mu.Lock()
		rs.built, rs.builtHow = bin, how
		rs.mu.Unlock()
	}
	var be *hostbuild.BuildError
	if errors.As(err, &be) {
		return "", &hot.Error{Reason: hot.ReasonBuild,
			What:   "restart needed, but the new slopgui does not compile; this one keeps running",
			Detail: be.Output, Err: be.Err,
			Hint: "fix the error above and press Ctrl+Alt+R again (or undo the change to the stable package to go back to reloading views)"}
	}
	return bin, err
}

// afterFrame runs at the end of each frame on the render thread: it
// measures the restart that started this process, notices the memory cap,
// hands over to a finished restart and keeps the crash snapshot.
func (a *App) afterFrame(st hot.Status, swapped bool) {
	rs := a.rs
	if rs == nil {
		return
	}
	now := a.now()
	rs.frames++
	if rs.frames == 1 && !rs.triggered.IsZero() {
		rs.restartMs = now.Sub(rs.triggered).Milliseconds()
		rs.handMs = now.Sub(rs.written).Milliseconds()
	}
	if rs.frames == 1 {
		startup.Mark("first frame")
		rs.startup = startup.Format(startup.Phases(rs.written))
		// This binary starts: the ones before it are never run again.
		go hostbuild.Prune(rs.binDir(), hostName, rs.cfg.Binary, startup.Init)
	}
	if rs.watch != nil {
		rs.watch.Beat()
	}
	if rs.exit != nil {
		return
	}
	if swapped && rs.cfg.CapMB > 0 && memstat.RSSMB() > float64(rs.cfg.CapMB) && rs.capChecking.CompareAndSwap(false, true) {
		// Garbage is not what the cap is about (a large project's swap
		// leaves hundreds of MB of it): measured again once it is given
		// back, off the render thread.
		reloads := st.Stats.Reloads
		go func() {
			defer g.Update() // the status and the toolbar say the result
			defer rs.capChecking.Store(false)
			debug.FreeOSMemory()
			mb := memstat.RSSMB()
			rs.mu.Lock()
			defer rs.mu.Unlock()
			if mb > float64(rs.cfg.CapMB) && rs.capWhy == "" {
				rs.capWhy = fmt.Sprintf("memory: %.0f MB after reload %d passed the %d MB cap (a plugin is never unloaded)", mb, reloads, rs.cfg.CapMB)
				rs.capAt = now
				supervisor.AskSpare(rs.cfg.Binary) // the restart at the next idle moment wakes it
			}
		}()
	}
	var p *pendingRestart
	if res, ok := rs.sched.Take(); ok && res.Err != nil {
		rs.mu.Lock()
		rs.buildErr = res.Err.Error()
		rs.mu.Unlock()
	} else if ok {
		p = &pendingRestart{binary: res.Binary, triggered: res.Wanted,
			reason: fmt.Sprintf("stable code changed (%s)", strings.Join(res.Source.Changed, ", "))}
	}
	rs.mu.Lock()
	if p != nil && p.binary == rs.built {
		p.reason += "; " + rs.builtHow
	}
	// At the cap, the next idle moment: no input for a while, and as long
	// since the cap was found, so that the spare asked then has made its
	// window (~0.4 s here) and is woken, not waited for (a key that does
	// not reach the window, the global hotkey, is no input to it).
	if p == nil && rs.capWhy != "" && now.Sub(a.lastInput) >= idleBeforeRestart && now.Sub(rs.capAt) >= idleBeforeRestart &&
		!st.Busy && !a.hot.OnProbation() {
		p = &pendingRestart{reason: rs.capWhy, triggered: rs.capAt, keepGen: true}
	}
	rs.mu.Unlock()
	if p != nil {
		a.handOver(p)
		return
	}
	if rs.cfg.Supervised && (rs.frames == 1 ||
		(a.lastInput.After(rs.snapInput) && now.Sub(rs.lastSnap) >= snapshotAfter) ||
		now.Sub(rs.lastSnap) >= snapshotEvery) {
		rs.snapInput, rs.lastSnap = a.lastInput, now
		if h, err := a.capture(handover.KindSnapshot); err == nil {
			rs.handSnapshot(h)
		}
	}
}

// handSnapshot gives h to the snapshot writer (render thread).
func (rs *restarter) handSnapshot(h *handover.Handover) {
	rs.snapValues = h.Values
	rs.snaps.Hand(h)
}

// noteSwap makes sure, on the render thread, before a new generation's
// code runs, that a crash in its first frame finds its state and which
// generation did it. A state not handed to the snapshot writer yet is
// written whole, now; else only the chain of generations is
// (handover.Marker), and the snapshot follows off the render thread: a
// whole snapshot of a 53 MB project froze every reload for a second or
// more.
func (a *App) noteSwap() {
	rs := a.rs
	if rs == nil || !rs.cfg.Supervised {
		return
	}
	h, err := a.capture(handover.KindSnapshot)
	if err != nil {
		return
	}
	if !reflect.DeepEqual(h.Values, rs.snapValues) {
		rs.lastSnap, rs.snapValues = a.now(), h.Values
		err = rs.snaps.WriteNow(h)
	} else {
		err = handover.WriteMarker(filepath.Join(rs.cfg.Dir, handover.MarkerFile),
			handover.Marker{Written: h.Written, Generations: h.Generations, MaxBuildID: h.MaxBuildID})
		rs.handSnapshot(h)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "slopgui: snapshot: %v\n", err)
	}
}

// capture takes the handover of the running app (render thread).
func (a *App) capture(kind string) (*handover.Handover, error) {
	snap, err := hot.CaptureState(a, StateKeys)
	if err != nil {
		return nil, fmt.Errorf("capturing state: %w", err)
	}
	vals := make(map[string]any, len(snap))
	for k, v := range snap {
		vals[k] = v
	}
	st := a.status() // vals are encoded by whoever writes h (handover.Encode), off the render thread for snapshots
	h := &handover.Handover{Written: a.now(), PID: os.Getpid(), Kind: kind, Values: vals,
		MaxBuildID: hot.LastBuildID(), Generations: a.generations()}
	h.Stats, h.History = a.rs.earlier.Carry(st)
	if a.wnd != nil {
		h.ImGuiIni = imgui.SaveIniSettingsToMemory()
		x, y := a.wnd.GetPos()
		w, hh := a.wnd.GetSize()
		h.Window = &handover.Window{X: x, Y: y, W: w, H: hh}
	}
	return h, nil
}

// generations is the chain of generations up to the running one, oldest
// first, with kept plugins where there are some.
func (a *App) generations() []handover.Generation {
	return a.rs.chain.Generations(a.hot.Current(), a.rs.keepDir, a.rs.cfg.Binary)
}

// pruneKept deletes the kept plugins no generation in the chain needs
// (render thread, after a swap).
func (a *App) pruneKept() {
	if a.rs != nil {
		restart.PruneKept(a.rs.keepDir, a.generations(), a.hot.Current().Build)
	}
}

// handOver writes the handover and closes the window; Main then starts the
// next process (render thread).
func (a *App) handOver(p *pendingRestart) {
	rs := a.rs
	h, err := a.capture(handover.KindRestart)
	if err != nil {
		rs.mu.Lock()
		rs.buildErr = "restart cancelled: " + err.Error()
		rs.mu.Unlock()
		return
	}
	h.Reason, h.Triggered, h.Binary = p.reason, p.triggered, p.binary
	if !p.keepGen {
		h.Generations = nil // the new binary's generation 0 is the newest views
	}
	p.file = filepath.Join(rs.cfg.Dir, supervisor.HandoverFile)
	if err := handover.WriteFile(p.file, h); err != nil {
		rs.mu.Lock()
		rs.buildErr = "restart cancelled: " + err.Error()
		rs.mu.Unlock()
		return
	}
	rs.exit = p
	a.events.Publish(ctl.EvRestart, map[string]any{"reason": p.reason}) // written to watchers before the socket closes
	rs.mu.Lock()
	rs.ready = p.reason
	rs.mu.Unlock()
	a.Quit()
}

// drawNotice shows what happened at start (a crash, a restart that could
// not carry everything) until the user dismisses it.
func (a *App) drawNotice() {
	rs := a.rs
	if rs == nil || rs.notice == nil {
		return
	}
	n := rs.notice
	var rows []g.Widget
	for _, l := range n.Lines {
		rows = append(rows, g.Label(l).Wrapped(true))
	}
	if n.Detail != "" {
		rows = append(rows, g.InputTextMultiline(&n.Detail).ID("##restart-detail").Size(-1, -40).Flags(g.InputTextFlagsReadOnly))
	}
	rows = append(rows, g.Row(
		g.Button("Copy").OnClick(func() {
			imgui.SetClipboardText(strings.Join(append(append([]string{n.Title}, n.Lines...), n.Detail), "\n"))
		}),
		g.Button("Dismiss").OnClick(func() { rs.notice = nil }),
	))
	g.Window(n.Title).Pos(20, 90).Size(1000, 330).Layout(rows...)
}

// restartLine is the status line's word on restarts.
func (a *App) restartLine() string {
	rs := a.rs
	if rs == nil {
		return ""
	}
	hs := rs.sched.Status()
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return restart.Line(hs, rs.buildErr, rs.capWhy, rs.reason, rs.frames)
}
