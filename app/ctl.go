package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"log/slog"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/AllenDang/cimgui-go/imgui"
	"github.com/AllenDang/cimgui-go/impl/opengl3"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/ask"
	"github.com/slopgui/slopgui/internal/askui"
	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/events"
	"github.com/slopgui/slopgui/internal/glshot"
)

// The control channel: `slopgui ctl` and `slopgui mcp` talk to the app
// over a private Unix socket (internal/ctl). Requests are served on the
// connection's goroutine; whatever touches the state, the views or ImGui
// is handed to the render thread (the App's mailbox, drained at the start
// of each frame) and the goroutine waits for the answer, so a slow or dead
// client never holds a frame up. Approvals wait in the App's approval
// queue, with the model's tool calls.

// ctlHost serves the App's control socket.
type ctlHost struct {
	a    *App
	srv  *ctl.Server
	path string
	log  *slog.Logger

	shots chan *shotReq

	mu      sync.Mutex
	pub     *ctlPub       // published at the end of each frame
	changed chan struct{} // closed at each publication

	// shown is the question the approval modal shows, diff its lines
	// (render thread).
	shown string
	diff  []string

	// The last error's diagnostics (render thread).
	parsedFor string
	diags     []ctl.Diagnostic
	panics    []ctl.ViewPanic

	acts ctl.ActionLog // agents' actions on the UI, for the Hot Reload panel

	asks  ask.Queue   // agents' questions for the user (ctl ask, MCP ask_user)
	askUI askui.State // their modal's (render thread)
}

// ctlPub is what the render thread publishes for request goroutines.
type ctlPub struct {
	frame   int
	status  ctl.Status
	approve bool // UI.ApproveAgentReloads
}

// shotReq is a screenshot wanted after the next frame is drawn.
type shotReq struct {
	done chan shotResult // buffered
}

type shotResult struct {
	png []byte
	err error
}

// startCtl listens on the control socket. The socket belongs to this
// process (the app, not its supervisor).
func (a *App) startCtl(log *slog.Logger) error {
	ln, path, err := ctl.Listen(ctl.Dir())
	if err != nil {
		return err
	}
	h := &ctlHost{a: a, path: path, log: log, shots: make(chan *shotReq, 8), changed: make(chan struct{})}
	h.srv = ctl.NewServer(h, log)
	a.events = events.New() // reloads, panics, restarts, approvals, tickets, actions: for ctl watch
	h.srv.Watch = &ctl.Watch{Bus: a.events, Restarted: a.rs.reason, Crashed: a.rs.cfg.Crash != ""}
	a.approvals.Observe(ctl.ApprovalEvents(a.events))
	h.asks.Changed = g.Update
	a.ctl = h
	go func() {
		if err := h.srv.Serve(ln); err != nil {
			log.Warn("control socket stopped", "err", err)
		}
	}()
	log.Info("control socket", "path", path)
	return nil
}

// stopCtl closes the socket (removing it) and ends open requests.
func (a *App) stopCtl() {
	if a.ctl != nil {
		a.ctl.srv.Close()
	}
}

// ctlFrameEnd publishes the status for request goroutines (render thread,
// end of a frame).
func (a *App) ctlFrameEnd(st hot.Status) {
	h := a.ctl
	if h == nil {
		return
	}
	p := &ctlPub{frame: a.frames, status: a.ctlStatus(st), approve: a.UI.ApproveAgentReloads}
	h.srv.Watch.Observe(p.status) // before the publication: a waiter sees the events queued
	h.mu.Lock()
	h.pub = p
	close(h.changed)
	h.changed = make(chan struct{})
	h.mu.Unlock()
}

// afterRender reads the window's pixels for a pending screenshot: after
// the frame was drawn and presented, the draw data is drawn once more
// into the back buffer and read from there (render thread, GL context
// current), so it works under Xvfb and with the window covered.
func (a *App) afterRender() {
	h := a.ctl
	if h == nil {
		return
	}
	for {
		var req *shotReq
		select {
		case req = <-h.shots:
		default:
			return
		}
		req.done <- takeShot()
	}
}

func takeShot() shotResult {
	dd := imgui.CurrentDrawData()
	if dd == nil || !dd.Valid() {
		return shotResult{err: errors.New("no frame drawn yet")}
	}
	_, _, w, h := glshot.Viewport()
	glshot.ClearColorBuffer()
	opengl3.RenderDrawData(dd)
	img, err := glshot.ReadBack(w, h)
	if err != nil {
		return shotResult{err: err}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return shotResult{err: err}
	}
	return shotResult{png: buf.Bytes()}
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
		h := a.ctl
		if h.parsedFor != st.Error {
			// Parsed once per error, not every frame.
			h.parsedFor = st.Error
			h.diags, h.panics = ctl.ParseCompilerOutput(mod, st.Error), ctl.ParsePanics(mod, st.Error)
		}
		s.Diagnostics = h.diags
		s.Panics = append([]ctl.ViewPanic(nil), h.panics...)
	}
	base := 0
	if a.rs != nil {
		base = a.rs.genBase
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

// published returns the latest publication and a channel closed at the
// next one.
func (h *ctlHost) published() (*ctlPub, <-chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.pub, h.changed
}

// nextFrame waits for a publication from a frame after the current one;
// wake asks for that frame at once. A wait for a build must not: a frame
// asked for at each publication drew ~70 a second, which took the
// processors from the build it waited for (its frames come at the
// building rate, and at once when the result is in: internal/framepace).
func (h *ctlHost) nextFrame(ctx context.Context, wake bool) (*ctlPub, error) {
	_, ch := h.published()
	if wake {
		g.Update()
	}
	select {
	case <-ch:
		p, _ := h.published()
		return p, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// onRenderThread runs f on the render thread at the next frame and waits.
func (h *ctlHost) onRenderThread(ctx context.Context, f func()) error {
	done := make(chan struct{})
	h.a.post(func(*App) { f(); close(done) })
	g.Update()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

var _ ctl.Handler = (*ctlHost)(nil)

// Handle serves one request (on the connection's goroutine).
func (h *ctlHost) Handle(ctx context.Context, peer ctl.Peer, req ctl.Request) ctl.Response {
	if req.Op == ctl.OpAsk { // never approved (the user answers), as long as --timeout says
		return ctl.ServeAsk(ctx, &h.asks, peer, req, h.logAction)
	}
	ctx, cancel := context.WithTimeout(ctx, req.Timeout(10*time.Minute))
	defer cancel()
	fail := func(code int, format string, args ...any) ctl.Response {
		return ctl.Response{Code: code, Error: fmt.Sprintf(format, args...)}
	}
	switch req.Op {
	case ctl.OpStatus:
		p, err := h.nextFrame(ctx, true)
		if err != nil {
			return fail(ctl.ExitUsage, "no frame drawn: %v", err)
		}
		return ctl.Response{Status: &p.status}
	case ctl.OpReload:
		return h.reload(ctx, peer, req)
	case ctl.OpRollback:
		return h.rollback(ctx, peer, req)
	case ctl.OpHistory:
		var resp ctl.Response
		if err := h.onRenderThread(ctx, func() { resp = h.history() }); err != nil {
			return fail(ctl.ExitUsage, "history: %v", err)
		}
		return resp
	case ctl.OpScreenshot:
		req := &shotReq{done: make(chan shotResult, 1)}
		select {
		case h.shots <- req:
		case <-ctx.Done():
			return fail(ctl.ExitUsage, "screenshot: %v", ctx.Err())
		}
		g.Update()
		select {
		case r := <-req.done:
			if r.err != nil {
				return fail(ctl.ExitFailed, "screenshot: %v", r.err)
			}
			return ctl.Response{PNG: r.png}
		case <-ctx.Done():
			return fail(ctl.ExitUsage, "screenshot: no frame was drawn: %v", ctx.Err())
		}
	case ctl.OpState:
		return h.state(ctx, req.Key)
	case ctl.OpUI:
		return h.ui(ctx, req.Window)
	}
	if ctl.IsActOp(req.Op) { // the logic is in internal/ctl; the state is set on the render thread
		return ctl.ServeAct(ctx, ctl.ActApp{Rec: h.a.rec, Mu: &h.a.uiMu, Wake: g.Update, OnRenderThread: h.onRenderThread,
			Approve: func(ctx context.Context, peer ctl.Peer, what string) (ctl.Response, bool) {
				p, _ := h.published()
				return ctl.AskAction(ctx, h.a.approvals, p != nil && p.approve, peer, what)
			}, Keyboard: giubackend.Keyboard{}, State: h.a, Keys: StateKeys, Log: h.logAction,
			Set: func(k string, v any) error { return hot.RestoreState(h.a, hot.Snapshot{k: v}) }}, peer, req)
	}
	if ctl.IsMMAOp(req.Op) { // the tracks are read on the render thread, the rest is safe anywhere
		return ctl.ServeMMA(ctx, ctl.MMAApp{Queue: h.a.approvals, Engine: h.a.mma, Log: h.log,
			Tracks: func(ctx context.Context) ([]ctl.MMATrack, error) {
				var t []ctl.MMATrack // not read when the wait fails: f may still run
				if err := h.onRenderThread(ctx, func() { t = ctl.MMATracks(h.a.Tracks) }); err != nil {
					return nil, err
				}
				return t, nil
			}}, peer, req)
	}
	return fail(ctl.ExitUsage, "unknown request %q (want status, reload, history, rollback, screenshot, state, ui or mma_*)", req.Op)
}

// logAction records an agent's action on the UI.
func (h *ctlHost) logAction(peer ctl.Peer, what, result string) {
	h.log.Info("control: UI action", "action", what, "result", result, "client", peer.String())
	h.acts.Add(h.a.now(), peer, what, result)
	h.srv.Watch.Action(peer, what, result)
}

// ui answers with the widget tree of the next frame drawn (read only: it
// never asks for approval).
func (h *ctlHost) ui(ctx context.Context, window string) ctl.Response {
	rec := h.a.rec
	if rec == nil {
		return ctl.Response{Code: ctl.ExitUsage, Error: "this slopgui draws no window, so it has no widget tree"}
	}
	h.a.uiMu.Lock()
	defer h.a.uiMu.Unlock()
	select {
	case <-rec.Done(): // a tree an earlier request gave up on
	default:
	}
	rec.Want()
	g.Update()
	var tree uitree.Tree
	select {
	case tree = <-rec.Done():
	case <-ctx.Done():
		return ctl.Response{Code: ctl.ExitUsage, Error: fmt.Sprintf("ui: no frame was drawn: %v", ctx.Err())}
	}
	if window != "" {
		var err error
		if tree, err = tree.Only(window); err != nil {
			return ctl.Response{Code: ctl.ExitFailed, Error: err.Error()}
		}
	}
	b, err := json.Marshal(tree)
	if err != nil {
		return ctl.Response{Code: ctl.ExitFailed, Error: fmt.Sprintf("ui: %v", err)}
	}
	return ctl.Response{UI: b}
}

// reload triggers a reload through the same path as Ctrl+Alt+R, after the
// user's approval when it is asked for.
func (h *ctlHost) reload(ctx context.Context, peer ctl.Peer, req ctl.Request) ctl.Response {
	a := h.a
	if resp, ok := h.approve(ctx, peer, "reload the views", func() (map[string][]byte, map[string][]byte) {
		return a.hot.Current().Sources, a.diskSources()
	}); !ok {
		return resp
	}
	n0 := a.hot.Status().Stats.Reloads
	a.ReloadAll()
	if !req.Wait {
		return ctl.Response{Message: "reload triggered"}
	}
	if building, _, _ := a.restartState(); building {
		return h.waitRestart(ctx)
	}
	return h.waitResult(ctx, func(st hot.Status) bool { return st.Stats.Reloads > n0 && !st.Busy })
}

// waitRestart waits for the rebuild of slopgui itself that a reload
// started instead (an edit outside views/): a compile error fails; a good
// build restarts the app, which ends this connection.
func (h *ctlHost) waitRestart(ctx context.Context) ctl.Response {
	for {
		building, ready, failed := h.a.restartState()
		switch {
		case failed != "":
			mod := modulePath()
			return ctl.Response{Code: ctl.ExitFailed, Error: failed, Status: &ctl.Status{PID: os.Getpid(), Result: "failed",
				Reason: string(hot.ReasonBuild), Error: failed, Diagnostics: ctl.ParseCompilerOutput(mod, failed)}}
		case ready != "":
			return ctl.Response{Message: "slopgui is restarting into a new build: " + ready}
		case !building:
			return ctl.Response{Message: "slopgui rebuilt itself"}
		}
		if _, err := h.nextFrame(ctx, false); err != nil {
			return ctl.Response{Code: ctl.ExitFailed, Error: "the rebuild of slopgui did not finish: " + err.Error()}
		}
	}
}

// waitResult waits until done says this request's result is in, and
// answers with the status the next frame publishes.
func (h *ctlHost) waitResult(ctx context.Context, done func(hot.Status) bool) ctl.Response {
	for {
		if done(h.a.hot.Status()) {
			p, err := h.nextFrame(ctx, true)
			if err != nil {
				break
			}
			code := ctl.ExitOK
			if p.status.Result == "failed" {
				code = ctl.ExitFailed
			}
			return ctl.Response{Code: code, Status: &p.status}
		}
		if _, err := h.nextFrame(ctx, false); err != nil {
			break
		}
	}
	p, _ := h.published()
	resp := ctl.Response{Code: ctl.ExitFailed, Error: fmt.Sprintf("no result yet: %v", ctx.Err())}
	if p != nil {
		resp.Status = &p.status
	}
	return resp
}

// rollback makes an older generation current again, after approval.
func (h *ctlHost) rollback(ctx context.Context, peer ctl.Peer, req ctl.Request) ctl.Response {
	a := h.a
	local, gen, err := a.localGeneration(req.Generation)
	if err != nil {
		return ctl.Response{Code: ctl.ExitFailed, Error: err.Error()}
	}
	if resp, ok := h.approve(ctx, peer, fmt.Sprintf("roll back to generation %d", req.Generation), func() (map[string][]byte, map[string][]byte) {
		return a.hot.Current().Sources, gen.Sources
	}); !ok {
		return resp
	}
	r0 := a.hot.Status().Stats.Rollbacks
	if err := a.hot.Rollback(local); err != nil {
		return ctl.Response{Code: ctl.ExitFailed, Error: err.Error()}
	}
	return h.waitResult(ctx, func(st hot.Status) bool { return st.Stats.Rollbacks > r0 })
}

// approve asks the user when approval is on; ok false means answer with
// resp. sources returns the running and the proposed sources (read off
// the render thread).
func (h *ctlHost) approve(ctx context.Context, peer ctl.Peer, what string, sources func() (old, new map[string][]byte)) (resp ctl.Response, ok bool) {
	p, _ := h.published()
	if p == nil || !p.approve {
		return ctl.Response{}, true
	}
	old, new := sources()
	files, diff := ctl.DiffTrees(old, new)
	lines := strings.Split(strings.TrimSuffix(diff, "\n"), "\n")
	if diff == "" {
		lines = []string{"(no change in views/ since the running generation)"}
	}
	if old == nil {
		lines = []string{"(the running generation's sources are not known: it was carried over from an earlier process)"}
		files = nil
	}
	items := make([]string, len(files))
	for i, f := range files {
		items[i] = fmt.Sprintf("%s (%s)", f.Path, f.Kind)
	}
	h.log.Info("control: asking the user", "request", what, "client", peer.String())
	ans, err := h.a.approvals.Ask(ctx, approval.Request{Kind: approval.KindReload, Title: what, Items: items,
		Detail: strings.Join(lines, "\n"), Asker: approval.Asker{Name: peer.String(), PID: peer.PID}})
	switch {
	case err != nil: // withdrawn: the client left, or waited too long
		return ctl.Response{Code: ctl.ExitUsage, Error: "no answer from the user: " + err.Error()}, false
	case !ans.Approved:
		h.log.Info("control: the user denied", "request", what, "client", peer.String())
		return ctl.Response{Code: ctl.ExitDenied, Error: "denied by the user: " + what}, false
	}
	return ctl.Response{}, true
}

// history lists every reload and rollback and the loaded generations
// (render thread).
func (h *ctlHost) history() ctl.Response {
	a := h.a
	st := a.status()
	var resp ctl.Response
	for _, r := range st.History {
		resp.History = append(resp.History, ctl.HistoryEntry{When: r.When, Generation: r.Generation, OK: r.OK,
			Rollback: r.Rollback, Reason: string(r.Reason), Error: ctl.SourcePaths(modulePath(), r.Error), SourceHash: r.SourceHash,
			BuildMs: r.Build.Milliseconds(), LoadMs: r.Load.Milliseconds(), SwapUs: r.Swap.Microseconds()})
	}
	cur := a.hot.Current()
	for _, gen := range a.hot.Generations() {
		resp.Generations = append(resp.Generations, ctl.GenerationInfo{Generation: gen.N + a.genBase(),
			Loaded: gen.Loaded, SourceHash: gen.SourceHash, Current: gen == cur})
	}
	return resp
}

// state returns the registered state keys as JSON (a deep copy taken on
// the render thread, encoded here).
func (h *ctlHost) state(ctx context.Context, key string) ctl.Response {
	keys := StateKeys
	if key != "" {
		found := false
		for _, k := range StateKeys {
			if strings.EqualFold(k, key) {
				keys, found = []string{k}, true
			}
		}
		if !found {
			return ctl.Response{Code: ctl.ExitUsage, Error: fmt.Sprintf("no state key %q; the keys are: %s", key, strings.Join(StateKeys, ", "))}
		}
	}
	var snap hot.Snapshot
	var err error
	if e := h.onRenderThread(ctx, func() { snap, err = hot.CaptureState(h.a, keys) }); e != nil {
		return ctl.Response{Code: ctl.ExitUsage, Error: "state: " + e.Error()}
	}
	if err != nil {
		return ctl.Response{Code: ctl.ExitFailed, Error: "state: " + err.Error()}
	}
	var v any = map[string]any(snap)
	if key != "" {
		v = snap[keys[0]]
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ctl.Response{Code: ctl.ExitFailed, Error: "state: " + err.Error()}
	}
	return ctl.Response{State: b}
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
		return a.rs.genBase
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

// drawApproval shows the oldest pending agent request in a modal: who
// asks, the files and the diff, Approve / Deny (render thread).
func (a *App) drawApproval() {
	h := a.ctl
	if h == nil {
		return
	}
	i := slices.IndexFunc(a.ai.asked, func(p approval.Pending) bool { return p.Kind == approval.KindReload || p.Kind == approval.KindAction })
	if i < 0 {
		return
	}
	r := &a.ai.asked[i]
	const id = "Agent request##approval"
	if h.shown != r.ID {
		imgui.OpenPopupStr(id)
		h.shown, h.diff = r.ID, strings.Split(r.Detail, "\n")
	}
	vp := imgui.MainViewport()
	size := vp.Size()
	imgui.SetNextWindowSizeV(imgui.Vec2{X: min(size.X-80, 900), Y: min(size.Y-80, 620)}, imgui.CondAlways)
	imgui.SetNextWindowPosV(vp.Center(), imgui.CondAlways, imgui.Vec2{X: 0.5, Y: 0.5})
	if !imgui.BeginPopupModalV(id, nil, imgui.WindowFlagsNoCollapse|imgui.WindowFlagsNoSavedSettings) {
		h.shown = "" // closed by ImGui (e.g. Escape): ask again
		return
	}
	answer := func(yes bool) {
		a.approvals.Answer(r.ID, yes, "") // an error: withdrawn meanwhile
		imgui.CloseCurrentPopup()
	}
	imgui.TextWrapped(fmt.Sprintf("%s asks to %s.", r.Asker.Name, r.Title))
	if r.Kind == approval.KindAction {
		imgui.TextUnformatted("It acts on the window as you would (the action is logged in the Hot Reload panel).")
	} else if len(r.Items) == 0 {
		imgui.TextUnformatted("No file in views/ differs from the running generation.")
	} else {
		imgui.TextUnformatted(fmt.Sprintf("Changed in views/ (%d files):", len(r.Items)))
		for _, f := range r.Items {
			imgui.BulletText(f)
		}
	}
	avail := imgui.ContentRegionAvail()
	if imgui.BeginChildStrV("##approval-diff", imgui.Vec2{X: 0, Y: avail.Y - imgui.FrameHeightWithSpacing() - 8},
		imgui.ChildFlagsBorders, imgui.WindowFlagsHorizontalScrollbar) {
		green := imgui.Vec4{X: 0.45, Y: 0.85, Z: 0.45, W: 1}
		red := imgui.Vec4{X: 0.95, Y: 0.45, Z: 0.4, W: 1}
		dim := imgui.Vec4{X: 0.6, Y: 0.7, Z: 0.9, W: 1}
		for _, l := range h.diff {
			switch {
			case strings.HasPrefix(l, "+++") || strings.HasPrefix(l, "---") || strings.HasPrefix(l, "@@"):
				imgui.TextColored(dim, l)
			case strings.HasPrefix(l, "+"):
				imgui.TextColored(green, l)
			case strings.HasPrefix(l, "-"):
				imgui.TextColored(red, l)
			default:
				imgui.TextUnformatted(l)
			}
		}
	}
	imgui.EndChild()
	a.rec.Within(ctl.ApprovalWindow, func() { // in ctl ui (a client may not click them)
		if giubackend.Button(a.rec, "Approve", 140, 0) {
			answer(true)
		} else if imgui.SameLine(); giubackend.Button(a.rec, "Deny", 140, 0) {
			answer(false)
		}
	})
	imgui.EndPopup()
}
