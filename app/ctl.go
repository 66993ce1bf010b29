package app

import (
	"fmt"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/slopgui/slopgui/app/ctlhost"
	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/ctl"
)

// The control channel (app/ctlhost) serves `slopgui ctl` and `slopgui
// mcp`; ctlApp is what it asks of the App.

// startCtl listens on the control socket. The socket belongs to this
// process (the app, not its supervisor).
func (a *App) startCtl(log *slog.Logger) error {
	h, err := ctlhost.Start(ctlApp{a}, ctlhost.Config{Log: log, StateKeys: StateKeys, ModulePath: modulePath(),
		Restarted: a.rs.reason, Crashed: a.rs.cfg.Crash != ""})
	if err != nil {
		return err
	}
	a.events = h.Events() // reloads, panics, restarts, approvals, tickets, actions: for ctl watch
	a.approvals.Observe(ctl.ApprovalEvents(a.events))
	a.ctl = h
	return nil
}

// stopCtl closes the socket (removing it) and ends open requests.
func (a *App) stopCtl() {
	if a.ctl != nil {
		a.ctl.Close()
	}
}

// ctlFrameEnd publishes the status for request goroutines (render thread,
// end of a frame).
func (a *App) ctlFrameEnd(st hot.Status) {
	if a.ctl != nil {
		a.ctl.Publish(a.frames, a.ctlStatus(st), a.UI.ApproveAgentReloads)
	}
}

// afterRender takes the screenshots asked for (render thread, after the
// frame was presented).
func (a *App) afterRender() {
	if a.ctl != nil {
		a.ctl.AfterRender()
	}
}

// ctlStatus turns the reloader's status (as the user sees it) into the
// protocol's, with structured diagnostics (render thread: reads faults).
func (a *App) ctlStatus(st hot.Status) ctl.Status {
	mod := modulePath()
	s := ctl.Status{PID: os.Getpid(), Generation: st.Generation, Phase: string(st.Phase), Busy: st.Busy,
		Reason: string(st.Reason), Error: ctl.SourcePaths(mod, st.Error),
		Reloads: st.Stats.Reloads, Successes: st.Stats.Successes, Failures: st.Stats.Failures, Rollbacks: st.Stats.Rollbacks,
		ApprovalRequired: a.UI.ApproveAgentReloads,
		Timings: ctl.Timings{BuildMs: st.Stats.LastBuild.Milliseconds(), CompileMs: st.Stats.LastCompile.Milliseconds(),
			LinkMs: st.Stats.LastLink.Milliseconds(), LoadMs: st.Stats.LastLoad.Milliseconds(),
			SwapUs: st.Stats.LastSwap.Microseconds(), WaitedMs: float64(st.Stats.LastWaited.Microseconds()) / 1000},
	}
	s.Result = "none"
	if n := len(st.History); n > 0 {
		s.Result = "ok"
		if !st.History[n-1].OK {
			s.Result = "failed"
		}
	}
	if st.IsError {
		s.Result = "failed"
		s.Diagnostics, s.Panics = a.ctl.Diagnose(st.Error)
	}
	base := 0
	if a.rs != nil {
		base = a.rs.chain.Base
	}
	for _, t := range viewTargets {
		if ft, ok := a.faults[t]; ok && ft.gen+base == st.Generation {
			p := ctl.ParsePanic(mod, t, ft.err)
			p.Generation = st.Generation
			s.Panics = append(s.Panics, p)
		}
	}
	if a.rs != nil {
		a.rs.mu.Lock()
		s.Restarting = a.rs.capWhy
		a.rs.mu.Unlock()
	}
	if s.Frames = int64(a.frames); a.pacer != nil {
		s.WokenFrames = a.pacer.Woken
	}
	return s
}

// diskSources reads the views' sources as they are on disk now (nil when
// there is no source tree or it cannot be read).
func (a *App) diskSources() map[string][]byte {
	if a.sourceRoot == "" {
		return nil
	}
	files, _ := hot.ReadSources(a.sourceRoot, hotDirs())
	return files
}

// genBase is the number the user sees for this process's generation 0.
func (a *App) genBase() int {
	if a.rs != nil {
		return a.rs.chain.Base
	}
	return 0
}

// localGeneration maps a generation number as the user sees it to the
// reloader's, and returns that generation if it is loaded.
func (a *App) localGeneration(n int) (int, *hot.Generation, error) {
	local := n - a.genBase()
	gens := a.hot.Generations()
	var have []string
	for _, gen := range gens {
		if gen.N == local {
			return local, gen, nil
		}
		have = append(have, fmt.Sprint(gen.N+a.genBase()))
	}
	sort.Strings(have)
	return 0, nil, fmt.Errorf("generation %d is not loaded in this process (loaded: %s); generations from before a restart cannot be rolled back to", n, strings.Join(have, ", "))
}

// Rollback makes generation n (as the user sees it) current again at the
// next frame (the Hot Reload panel's history rows). The user asked: no
// approval.
func (a *App) Rollback(n int) error {
	local, _, err := a.localGeneration(n)
	if err != nil {
		return err
	}
	return a.hot.Rollback(local)
}

// restartState says whether a hot restart (a trigger after an edit outside
// views/) is being built, why the app is about to restart, and the
// build's error.
func (a *App) restartState() (building bool, ready, failed string) {
	rs := a.rs
	if rs == nil {
		return false, "", ""
	}
	building = rs.sched.Status().Waiting
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return building, rs.ready, rs.buildErr
}

// drawApproval shows the oldest pending agent request in a modal
// (render thread).
func (a *App) drawApproval() {
	if a.ctl != nil {
		a.ctl.DrawApproval(a.chat.Asked(), a.rec)
	}
}

// ctlApp is the App as the control host sees it (ctlhost.App).
type ctlApp struct{ a *App }

var _ ctlhost.App = ctlApp{}

func (c ctlApp) Post(f func())                        { c.a.post(func(*App) { f() }) }
func (c ctlApp) Reloader() *hot.Reloader              { return c.a.hot }
func (c ctlApp) Approvals() *approval.Queue           { return c.a.approvals }
func (c ctlApp) Recorder() *uitree.Recorder           { return c.a.rec }
func (c ctlApp) UIMutex() *sync.Mutex                 { return &c.a.uiMu }
func (c ctlApp) MMA() ctl.MMA                         { return c.a.mma }
func (c ctlApp) Now() time.Time                       { return c.a.now() }
func (c ctlApp) ReloadAll()                           { c.a.ReloadAll() }
func (c ctlApp) DiskSources() map[string][]byte       { return c.a.diskSources() }
func (c ctlApp) GenBase() int                         { return c.a.genBase() }
func (c ctlApp) Status() hot.Status                   { return c.a.status() }
func (c ctlApp) Tracks() []ctl.MMATrack               { return ctl.MMATracks(c.a.Tracks) }
func (c ctlApp) State() any                           { return c.a }
func (c ctlApp) RestartState() (bool, string, string) { return c.a.restartState() }
func (c ctlApp) LocalGeneration(n int) (int, *hot.Generation, error) {
	return c.a.localGeneration(n)
}
