package ctlhost

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/gui/giubackend"
	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/ctl"
)

// Handle serves one request (on the connection's goroutine).
func (h *Host) Handle(ctx context.Context, peer ctl.Peer, req ctl.Request) ctl.Response {
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
		return ctl.ServeAct(ctx, ctl.ActApp{Rec: h.app.Recorder(), Mu: h.app.UIMutex(), Wake: g.Update, OnRenderThread: h.onRenderThread,
			Approve: func(ctx context.Context, peer ctl.Peer, what string) (ctl.Response, bool) {
				p, _ := h.published()
				return ctl.AskAction(ctx, h.app.Approvals(), p != nil && p.approve, peer, what)
			}, Keyboard: giubackend.Keyboard{}, State: h.app.State(), Keys: h.cfg.StateKeys, Log: h.logAction,
			Set: func(k string, v any) error { return hot.RestoreState(h.app.State(), hot.Snapshot{k: v}) }}, peer, req)
	}
	if ctl.IsMMAOp(req.Op) { // the tracks are read on the render thread, the rest is safe anywhere
		return ctl.ServeMMA(ctx, ctl.MMAApp{Queue: h.app.Approvals(), Engine: h.app.MMA(), Log: h.log,
			Tracks: func(ctx context.Context) ([]ctl.MMATrack, error) {
				var t []ctl.MMATrack // not read when the wait fails: f may still run
				if err := h.onRenderThread(ctx, func() { t = h.app.Tracks() }); err != nil {
					return nil, err
				}
				return t, nil
			}}, peer, req)
	}
	return fail(ctl.ExitUsage, "unknown request %q (want status, reload, history, rollback, screenshot, state, ui or mma_*)", req.Op)
}

// logAction records an agent's action on the UI.
func (h *Host) logAction(peer ctl.Peer, what, result string) {
	h.log.Info("control: UI action", "action", what, "result", result, "client", peer.String())
	h.acts.Add(h.app.Now(), peer, what, result)
	h.srv.Watch.Action(peer, what, result)
}

// ui answers with the widget tree of the next frame drawn (read only: it
// never asks for approval).
func (h *Host) ui(ctx context.Context, window string) ctl.Response {
	rec := h.app.Recorder()
	if rec == nil {
		return ctl.Response{Code: ctl.ExitUsage, Error: "this slopgui draws no window, so it has no widget tree"}
	}
	mu := h.app.UIMutex()
	mu.Lock()
	defer mu.Unlock()
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
func (h *Host) reload(ctx context.Context, peer ctl.Peer, req ctl.Request) ctl.Response {
	a := h.app
	if resp, ok := h.approve(ctx, peer, "reload the views", func() (map[string][]byte, map[string][]byte) {
		return a.Reloader().Current().Sources, a.DiskSources()
	}); !ok {
		return resp
	}
	n0 := a.Reloader().Status().Stats.Reloads
	a.ReloadAll()
	if !req.Wait {
		return ctl.Response{Message: "reload triggered"}
	}
	if building, _, _ := a.RestartState(); building {
		return h.waitRestart(ctx)
	}
	return h.waitResult(ctx, func(st hot.Status) bool { return st.Stats.Reloads > n0 && !st.Busy })
}

// waitRestart waits for the rebuild of slopgui itself that a reload
// started instead (an edit outside views/): a compile error fails; a good
// build restarts the app, which ends this connection.
func (h *Host) waitRestart(ctx context.Context) ctl.Response {
	for {
		building, ready, failed := h.app.RestartState()
		switch {
		case failed != "":
			mod := h.cfg.ModulePath
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
func (h *Host) waitResult(ctx context.Context, done func(hot.Status) bool) ctl.Response {
	for {
		if done(h.app.Reloader().Status()) {
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
func (h *Host) rollback(ctx context.Context, peer ctl.Peer, req ctl.Request) ctl.Response {
	a := h.app
	local, gen, err := a.LocalGeneration(req.Generation)
	if err != nil {
		return ctl.Response{Code: ctl.ExitFailed, Error: err.Error()}
	}
	if resp, ok := h.approve(ctx, peer, fmt.Sprintf("roll back to generation %d", req.Generation), func() (map[string][]byte, map[string][]byte) {
		return a.Reloader().Current().Sources, gen.Sources
	}); !ok {
		return resp
	}
	r0 := a.Reloader().Status().Stats.Rollbacks
	if err := a.Reloader().Rollback(local); err != nil {
		return ctl.Response{Code: ctl.ExitFailed, Error: err.Error()}
	}
	return h.waitResult(ctx, func(st hot.Status) bool { return st.Stats.Rollbacks > r0 })
}

// approve asks the user when approval is on; ok false means answer with
// resp. sources returns the running and the proposed sources (read off
// the render thread).
func (h *Host) approve(ctx context.Context, peer ctl.Peer, what string, sources func() (old, new map[string][]byte)) (resp ctl.Response, ok bool) {
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
	ans, err := h.app.Approvals().Ask(ctx, approval.Request{Kind: approval.KindReload, Title: what, Items: items,
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
func (h *Host) history() ctl.Response {
	a := h.app
	st := a.Status()
	var resp ctl.Response
	for _, r := range st.History {
		resp.History = append(resp.History, ctl.HistoryEntry{When: r.When, Generation: r.Generation, OK: r.OK,
			Rollback: r.Rollback, Reason: string(r.Reason), Error: ctl.SourcePaths(h.cfg.ModulePath, r.Error), SourceHash: r.SourceHash,
			BuildMs: r.Build.Milliseconds(), LoadMs: r.Load.Milliseconds(), SwapUs: r.Swap.Microseconds()})
	}
	cur := a.Reloader().Current()
	for _, gen := range a.Reloader().Generations() {
		resp.Generations = append(resp.Generations, ctl.GenerationInfo{Generation: gen.N + a.GenBase(),
			Loaded: gen.Loaded, SourceHash: gen.SourceHash, Current: gen == cur})
	}
	return resp
}

// state returns the registered state keys as JSON (a deep copy taken on
// the render thread, encoded here).
func (h *Host) state(ctx context.Context, key string) ctl.Response {
	keys := h.cfg.StateKeys
	if key != "" {
		found := false
		for _, k := range h.cfg.StateKeys {
			if strings.EqualFold(k, key) {
				keys, found = []string{k}, true
			}
		}
		if !found {
			return ctl.Response{Code: ctl.ExitUsage, Error: fmt.Sprintf("no state key %q; the keys are: %s", key, strings.Join(h.cfg.StateKeys, ", "))}
		}
	}
	var snap hot.Snapshot
	var err error
	if e := h.onRenderThread(ctx, func() { snap, err = hot.CaptureState(h.app.State(), keys) }); e != nil {
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
