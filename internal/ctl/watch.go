package ctl

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/internal/events"
)

// OpWatch asks for the app's events: the app keeps the connection and
// writes one event per line (see the package doc) until either side closes.
const OpWatch = "watch"

// Event kinds streamed by `slopgui ctl watch`. Every event is one JSON
// line {"time":…,"kind":…, fields…} (internal/events).
const (
	// The reload of a trigger (Ctrl+Alt+R, the button, ctl reload, MCP):
	// started {generation}, building {phase}, built (the plugin was
	// built, it is being loaded), swapped {generation, buildMs, loadMs,
	// swapUs}, failed {generation, reason, error, diagnostics, panics}.
	EvReloadStarted  = "reload.started"
	EvReloadBuilding = "reload.building"
	EvReloadBuilt    = "reload.built"
	EvReloadSwapped  = "reload.swapped"
	EvReloadFailed   = "reload.failed"
	// A rollback done {generation} or failed {generation, error, panics}.
	EvRollbackSwapped = "rollback.swapped"
	EvRollbackFailed  = "rollback.failed"
	// A view of the running generation panicked {view, generation, value, stack}.
	EvViewPanic = "view.panic"
	// The app will hand over to a new process (memory cap) {reason};
	// restart: it is handing over now {reason} and its socket ends.
	EvRestartPending = "restart.pending"
	EvRestart        = "restart"
	// An approval asked {id, approvalKind, title, asker, askerPid}, answered
	// {id, approvalKind, title, approved}, or withdrawn (its asker left).
	EvApprovalAsked     = "approval.asked"
	EvApprovalAnswered  = "approval.answered"
	EvApprovalWithdrawn = "approval.withdrawn"
	// An MMA ticket's status changed {track, ticket, from, to, reason}.
	EvTicket = "mma.ticket"
	// An action on the UI by a ctl or MCP client {action, result, client, clientPid}.
	EvUIAction = "ui.action"
	// The first event on a connection {pid, start: fresh | restarted |
	// crash recovered, reason}.
	EvWatchStarted = "watch.started"
	// The first event on a connection the client made again after the
	// app's socket ended (Request.Resume): how this process started
	// {pid, reason}; app.started for a fresh start.
	EvAppRestarted      = "app.restarted"
	EvAppCrashRecovered = "app.crash_recovered"
	EvAppStarted        = "app.started"
	// Written by the client, not the app: the socket ended {pid, error};
	// the client looks for the app again and goes on.
	EvWatchDisconnected = "watch.disconnected"
)

// watchBuffer is how many events a watcher may be behind before it loses some.
const watchBuffer = 1024

// Watch is the app's side of `slopgui ctl watch`: the bus every event is
// published on, how this process started, and (Observe) the reload
// events derived from the status each frame publishes.
type Watch struct {
	Bus *events.Bus
	// Restarted is why this process was started by a hot restart or, with
	// Crashed, by the supervisor after a crash ("" for a fresh start).
	Restarted string
	Crashed   bool

	// Render thread (Observe).
	last      Status // the previous frame's (valid when observed)
	observed  bool
	inReload  bool
	built     bool
	phase     string
	panicSeen map[string]bool
}

// Matches reports whether kind passes a --kinds filter: a kind is named
// whole or by its first part ("reload" for reload.failed); lost markers
// and the watch's own events always pass.
func Matches(kinds string, kind string) bool {
	if kinds == "" || kind == events.KindLost || strings.HasPrefix(kind, "watch.") || strings.HasPrefix(kind, "app.") {
		return true
	}
	for _, k := range strings.Split(kinds, ",") {
		if k = strings.TrimSpace(k); kind == k || strings.HasPrefix(kind, k+".") {
			return true
		}
	}
	return false
}

// first is the first event for a new connection.
func (w *Watch) first(resume bool) events.Event {
	f := map[string]any{"pid": os.Getpid()}
	if w.Restarted != "" {
		f["reason"] = w.Restarted
	}
	start, kind := "fresh", EvAppStarted
	switch {
	case w.Crashed:
		start, kind = "crash recovered", EvAppCrashRecovered
	case w.Restarted != "":
		start, kind = "restarted", EvAppRestarted
	}
	if !resume {
		f["start"], kind = start, EvWatchStarted
	}
	return events.Event{Time: time.Now(), Kind: kind, Fields: f}
}

// serveWatch streams events to c until the client leaves, the write
// fails, or the server closes (then what is queued is written first).
func (s *Server) serveWatch(ctx context.Context, c *net.UnixConn, req Request) {
	w := s.Watch
	if w == nil || w.Bus == nil {
		c.SetWriteDeadline(time.Now().Add(2 * time.Second))
		WriteMsg(c, Response{Code: ExitUsage, Error: "this slopgui streams no events"})
		return
	}
	kinds := req.Kinds
	sub := w.Bus.Subscribe(watchBuffer, func(k string) bool { return Matches(kinds, k) })
	defer sub.Close()
	write := func(evs []events.Event, limit time.Duration) bool {
		c.SetWriteDeadline(time.Now().Add(limit))
		bw := bufio.NewWriter(c)
		for _, e := range evs {
			if WriteMsg(bw, e) != nil {
				return false
			}
		}
		return bw.Flush() == nil
	}
	if !write([]events.Event{w.first(req.Resume)}, 10*time.Second) {
		return
	}
	for {
		select {
		case <-sub.Ready():
			evs, ended := sub.Take()
			if !write(evs, 30*time.Second) || ended {
				return
			}
		case <-ctx.Done():
			return
		case <-s.quit: // closing: what is queued (a restart event) goes out first
			evs, _ := sub.Take()
			write(evs, time.Second)
			return
		}
	}
}

// Observe publishes the events a frame's status shows happened since the
// last frame's: a reload started, its build, its result; rollbacks; new
// panics of the running views; a restart pending. Render thread; cheap
// (a few comparisons) when nothing changed.
func (w *Watch) Observe(st Status) {
	if w == nil || w.Bus == nil {
		return
	}
	prev, had := w.last, w.observed
	w.last, w.observed = st, true
	var seen map[string]bool // no allocation in a frame without panics
	var newPanics []ViewPanic
	for _, p := range st.Panics {
		if p.Generation == 0 {
			continue // a new generation's first frame: the reload failed
		}
		k := fmt.Sprintf("%s\x00%d\x00%s", p.View, p.Generation, p.Value)
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[k] = true
		if !w.panicSeen[k] {
			newPanics = append(newPanics, p)
		}
	}
	w.panicSeen = seen
	if !had {
		return // the baseline
	}
	pub := w.Bus.Publish
	finished := st.Reloads > prev.Reloads
	if (st.Busy && !prev.Busy) || (finished && !w.inReload) {
		pub(EvReloadStarted, map[string]any{"generation": prev.Generation})
		w.inReload, w.built, w.phase = true, false, ""
	}
	if st.Busy && w.inReload && st.Phase != w.phase {
		w.phase = st.Phase
		switch st.Phase {
		case "checking", "idle":
		case "loading", "ready to swap":
			w.markBuilt()
		default: // building, or building the new slopgui to restart into
			pub(EvReloadBuilding, map[string]any{"phase": st.Phase})
		}
	}
	failed := func(kind string) {
		f := map[string]any{"generation": st.Generation, "reason": st.Reason, "error": st.Error}
		if len(st.Diagnostics) > 0 {
			f["diagnostics"] = st.Diagnostics
		}
		var ps []ViewPanic
		for _, p := range st.Panics {
			if p.Generation == 0 {
				ps = append(ps, p)
			}
		}
		if len(ps) > 0 {
			f["panics"] = ps
		}
		pub(kind, f)
	}
	switch {
	case finished && st.Successes > prev.Successes:
		w.markBuilt()
		t := st.Timings
		pub(EvReloadSwapped, map[string]any{"generation": st.Generation, "buildMs": t.BuildMs, "loadMs": t.LoadMs, "swapUs": t.SwapUs, "waitedMs": t.WaitedMs})
		w.inReload = false
	case finished:
		failed(EvReloadFailed)
		w.inReload = false
	case w.inReload && prev.Busy && !st.Busy && st.Phase != "ready to swap" && st.Result == "failed" && st.Error != "":
		failed(EvReloadFailed) // the build of slopgui to restart into failed
		w.inReload = false
	}
	if st.Rollbacks > prev.Rollbacks {
		if st.Result == "failed" {
			failed(EvRollbackFailed)
		} else {
			pub(EvRollbackSwapped, map[string]any{"generation": st.Generation})
		}
	}
	for _, p := range newPanics {
		pub(EvViewPanic, map[string]any{"view": p.View, "generation": p.Generation, "value": p.Value, "stack": p.Stack})
	}
	if st.Restarting != "" && st.Restarting != prev.Restarting {
		pub(EvRestartPending, map[string]any{"reason": st.Restarting})
	}
}

// markBuilt publishes reload.built once per reload.
func (w *Watch) markBuilt() {
	if w.built {
		return
	}
	w.built = true
	w.Bus.Publish(EvReloadBuilt, nil)
}

// Restart publishes that the app hands over to a new process now.
func (w *Watch) Restart(reason string) {
	if w != nil {
		w.Bus.Publish(EvRestart, map[string]any{"reason": reason})
	}
}

// Action publishes an action on the UI done for a client.
func (w *Watch) Action(peer Peer, what, result string) {
	if w != nil {
		w.Bus.Publish(EvUIAction, map[string]any{"action": what, "result": result, "client": peer.String(), "clientPid": peer.PID})
	}
}

// ApprovalEvents returns an approval.Queue observer publishing on bus.
func ApprovalEvents(bus *events.Bus) func(approval.Change) {
	return func(c approval.Change) {
		f := map[string]any{"id": c.ID, "approvalKind": string(c.Kind), "title": c.Title}
		kind := EvApprovalAsked
		switch {
		case c.Withdrawn:
			kind = EvApprovalWithdrawn
		case c.Answered:
			kind, f["approved"] = EvApprovalAnswered, c.Approved
		default:
			f["asker"], f["askerPid"] = c.Asker.Name, c.Asker.PID
		}
		bus.Publish(kind, f)
	}
}

// WatchConn is an open watch connection.
type WatchConn struct {
	conn net.Conn
	stop func() bool
	r    *bufio.Reader
	// First is the first event the app sent (watch.started or app.*).
	First events.Event
	// Line is the last line read, as the app wrote it.
	Line []byte
}

// Watch opens a watch connection (req.Op is set to watch) and reads the
// app's first event. A cancelled ctx closes it.
func (c *Client) Watch(ctx context.Context, req Request) (*WatchConn, error) {
	req.Op = OpWatch
	var d net.Dialer
	conn, err := d.DialContext(ctx, "unix", c.Path)
	if err != nil {
		return nil, fmt.Errorf("connecting to slopgui at %s: %w", c.Path, err)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	if err := WriteMsg(conn, req); err != nil {
		stop()
		conn.Close()
		return nil, fmt.Errorf("sending to slopgui: %w", err)
	}
	w := &WatchConn{conn: conn, r: bufio.NewReader(conn), stop: stop}
	first, err := w.Next()
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("reading slopgui's first event: %w", err)
	}
	if first.Kind == "" { // a response: the app refused
		var resp Response
		_ = json.Unmarshal(w.Line, &resp)
		w.Close()
		return nil, fmt.Errorf("slopgui refused to stream events: %s", resp.Error)
	}
	w.First = first
	return w, nil
}

// Next reads the next event.
func (w *WatchConn) Next() (events.Event, error) {
	line, err := readLine(w.r, 64<<20)
	if err != nil {
		return events.Event{}, err
	}
	w.Line = line
	var e events.Event
	if err := json.Unmarshal(line, &e); err != nil {
		return e, fmt.Errorf("ctl: bad event: %w", err)
	}
	return e, nil
}

// Close ends the connection.
func (w *WatchConn) Close() error {
	w.stop()
	return w.conn.Close()
}

// WatchOptions configure RunWatch.
type WatchOptions struct {
	Dir   string // the sockets' directory (Dir())
	PID   int    // the app or its supervisor; 0: the only one
	Kinds string // --kinds, comma separated; "" for all
	// Retry is how often to look for the app again after its socket
	// ended (200 ms when zero).
	Retry time.Duration
}

// RunWatch streams the app's events to out (each line as the app wrote
// it, and the client's own watch.disconnected) until ctx ends or out
// fails. When the app's socket ends (a hot restart, a crash) it says so
// and looks for the app again, as `ctl` finds it (or by the supervisor's
// PID, which outlives the app), until ctx ends. Only the first connection
// failing is an error.
func RunWatch(ctx context.Context, o WatchOptions, out func(line []byte) error) error {
	retry := o.Retry
	if retry <= 0 {
		retry = 200 * time.Millisecond
	}
	path, err := Find(o.Dir, o.PID)
	if err != nil {
		return err
	}
	resume, alt := false, 0
	for {
		w, err := (&Client{Path: path}).Watch(ctx, Request{Kinds: o.Kinds, Resume: resume})
		if err != nil {
			if !resume {
				return err
			}
		} else {
			pid := pidOf(w.First)
			super := parentOf(pid)
			err = pipe(w, out)
			w.Close()
			if ctx.Err() != nil {
				return nil
			}
			var oerr outError
			if errors.As(err, &oerr) {
				return oerr.err
			}
			line, _ := json.Marshal(events.Event{Time: time.Now(), Kind: EvWatchDisconnected, Fields: map[string]any{
				"pid": pid, "error": fmt.Sprintf("the app's socket ended (%v): it restarted, crashed or quit; waiting for it to come back", err)}})
			if err := out(line); err != nil {
				return err
			}
			if o.PID > 0 && super > 1 {
				alt = super // a supervised app comes back with a new PID
			}
			resume = true
		}
		// Look for it again.
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(retry):
			}
			p, err := Find(o.Dir, o.PID)
			if err != nil && alt > 0 {
				p, err = Find(o.Dir, alt)
			}
			if err == nil {
				path = p
				break
			}
		}
	}
}

type outError struct{ err error }

func (e outError) Error() string { return e.err.Error() }

// pipe copies w's lines (its first event included) to out until the
// connection ends.
func pipe(w *WatchConn, out func([]byte) error) error {
	for {
		if err := out(bytes.TrimSuffix(w.Line, []byte("\n"))); err != nil {
			return outError{err}
		}
		if _, err := w.Next(); err != nil {
			return err
		}
	}
}

func pidOf(e events.Event) int {
	var pid int
	if raw, ok := e.Fields["pid"]; ok {
		b, _ := json.Marshal(raw)
		json.Unmarshal(b, &pid)
	}
	return pid
}

// watchMain runs `slopgui ctl watch` until SIGINT or SIGTERM (exit 0).
func watchMain(o WatchOptions, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := RunWatch(ctx, o, func(line []byte) error {
		_, err := stdout.Write(append(line, '\n'))
		return err
	})
	if err != nil {
		fmt.Fprintf(stderr, "slopgui ctl watch: %v\n", err)
		return ExitUsage
	}
	return ExitOK
}
