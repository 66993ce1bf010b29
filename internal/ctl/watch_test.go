package ctl_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/events"
)

// observed runs statuses through a Watch and returns the kinds published
// (after the first, the baseline), with the events.
func observed(t *testing.T, sts []ctl.Status) (string, []events.Event) {
	t.Helper()
	bus := events.New()
	sub := bus.Subscribe(100, nil)
	w := &ctl.Watch{Bus: bus}
	for _, st := range sts {
		w.Observe(st)
	}
	evs, _ := sub.Take()
	var ks []string
	for _, e := range evs {
		ks = append(ks, e.Kind)
	}
	return strings.Join(ks, " "), evs
}

func TestObserve(t *testing.T) {
	idle := ctl.Status{Generation: 2, Phase: "idle", Result: "ok", Reloads: 3, Successes: 3}
	busy := func(phase string) ctl.Status {
		s := idle
		s.Busy, s.Phase = true, phase
		return s
	}
	swapped := idle
	swapped.Generation, swapped.Reloads, swapped.Successes = 3, 4, 4
	failed := idle
	failed.Reloads, failed.Failures, failed.Result, failed.Reason = 4, 1, "failed", "build"
	failed.Error = "views/discussion/x.go:3:14: syntax error"
	failed.Diagnostics = []ctl.Diagnostic{{File: "views/discussion/x.go", Line: 3, Col: 14, Message: "syntax error"}}
	delivered := idle // the build was handed over; the next frame swaps it
	delivered.Phase = "ready to swap"
	restartFailed := idle
	restartFailed.Result, restartFailed.Error, restartFailed.Reason = "failed", "cmd/x.go:1:1: nope", "build"
	panicking := idle
	panicking.Panics = []ctl.ViewPanic{{View: "DiscussionHub", Generation: 2, Value: "boom"}}
	rolled := idle
	rolled.Rollbacks, rolled.Generation = 1, 1
	capped := idle
	capped.Restarting = "memory: 1100 MB after reload 3 passed the 1024 MB cap"
	for _, tc := range []struct {
		name string
		sts  []ctl.Status
		want string
	}{
		{"nothing happens", []ctl.Status{idle, idle, idle}, ""},
		{"a reload that builds and swaps", []ctl.Status{idle, busy("checking"), busy("building"), busy("loading"), delivered, swapped},
			"reload.started reload.building reload.built reload.swapped"},
		{"a build that fails", []ctl.Status{idle, busy("building"), failed}, "reload.started reload.building reload.failed"},
		{"a ready build swapped between two frames", []ctl.Status{idle, swapped}, "reload.started reload.built reload.swapped"},
		{"the build of slopgui to restart into fails", []ctl.Status{idle, busy("building the new slopgui to restart into"), restartFailed},
			"reload.started reload.building reload.failed"},
		{"a view panics once, however many frames show it", []ctl.Status{idle, panicking, panicking}, "view.panic"},
		{"a rollback", []ctl.Status{idle, rolled}, "rollback.swapped"},
		{"the memory cap", []ctl.Status{idle, capped, capped}, "restart.pending"},
		{"the first status is the baseline", []ctl.Status{failed, failed}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := observed(t, tc.sts)
			if got != tc.want {
				t.Errorf("events %q; want %q", got, tc.want)
			}
		})
	}
	_, evs := observed(t, []ctl.Status{idle, busy("building"), failed})
	b, _ := json.Marshal(evs[len(evs)-1])
	for _, want := range []string{`"kind":"reload.failed"`, `"diagnostics":[{"file":"views/discussion/x.go","line":3,"col":14`, `"reason":"build"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("reload.failed is %s; want %s in it", b, want)
		}
	}
}

func TestMatches(t *testing.T) {
	for _, tc := range []struct {
		kinds, kind string
		want        bool
	}{
		{"", "reload.failed", true},
		{"reload,approval", "reload.failed", true},
		{"reload, approval", "approval.asked", true},
		{"reload", "rollback.swapped", false},
		{"reload", "reloadx.y", false},
		{"reload.failed", "reload.failed", true},
		{"reload.failed", "reload.started", false},
		{"approval", "lost", true},
		{"approval", "watch.disconnected", true},
		{"approval", "app.restarted", true},
	} {
		if got := ctl.Matches(tc.kinds, tc.kind); got != tc.want {
			t.Errorf("Matches(%q, %q) = %v", tc.kinds, tc.kind, got)
		}
	}
}

// startWatchServer serves w on this process's socket in a fresh
// directory and returns the server.
func startWatchServer(t *testing.T, dir string, w *ctl.Watch) *ctl.Server {
	t.Helper()
	ln, _, err := ctl.Listen(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := ctl.NewServer(ctl.HandlerFunc(func(context.Context, ctl.Peer, ctl.Request) ctl.Response {
		return ctl.Response{Message: "ok"}
	}), slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv.Watch = w
	go srv.Serve(ln)
	return srv
}

// lines collects RunWatch's output.
type lines chan string

func (l lines) next(t *testing.T) events.Event {
	t.Helper()
	select {
	case s := <-l:
		var e events.Event
		if err := json.Unmarshal([]byte(s), &e); err != nil {
			t.Fatalf("line %q: %v", s, err)
		}
		return e
	case <-time.After(20 * time.Second):
		t.Fatal("no event line within 20s")
	}
	return events.Event{}
}

// The watch protocol over a real socket: the first line, events as they
// are published, the kinds filter, a refusal without a Watch, and the
// client following the app across a restart.
func TestWatchStream(t *testing.T) {
	dir := t.TempDir()
	bus := events.New()
	srv := startWatchServer(t, dir, &ctl.Watch{Bus: bus})
	path := ctl.SocketPath(dir, os.Getpid())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	t.Run("filtered", func(t *testing.T) {
		w, err := (&ctl.Client{Path: path}).Watch(ctx, ctl.Request{Kinds: "approval"})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		if w.First.Kind != ctl.EvWatchStarted {
			t.Fatalf("first event %q; want watch.started", w.First.Kind)
		}
		q := approval.New(nil)
		q.Observe(ctl.ApprovalEvents(bus))
		bus.Publish(ctl.EvReloadStarted, nil) // filtered out
		actx, acancel := context.WithCancel(ctx)
		defer acancel()
		go q.Ask(actx, approval.Request{Kind: approval.KindReload, Title: "reload the views", Asker: approval.Asker{Name: "claude", PID: 7}})
		e, err := w.Next()
		if err != nil || e.Kind != ctl.EvApprovalAsked || !strings.Contains(string(w.Line), `"asker":"claude"`) {
			t.Fatalf("got %s, %v; want approval.asked by claude", w.Line, err)
		}
		if err := q.Answer("q1", false, ""); err != nil {
			t.Fatal(err)
		}
		e, err = w.Next()
		if err != nil || e.Kind != ctl.EvApprovalAnswered || !strings.Contains(string(w.Line), `"approved":false`) {
			t.Fatalf("got %s, %v; want approval.answered, denied", w.Line, err)
		}
	})

	out := make(lines, 100)
	done := make(chan error, 1)
	go func() {
		done <- ctl.RunWatch(ctx, ctl.WatchOptions{Dir: dir, Retry: 10 * time.Millisecond}, func(l []byte) error {
			out <- string(l)
			return nil
		})
	}()
	if e := out.next(t); e.Kind != ctl.EvWatchStarted {
		t.Fatalf("first %q", e.Kind)
	}
	bus.Publish(ctl.EvReloadFailed, map[string]any{"diagnostics": []ctl.Diagnostic{{File: "views/x.go", Line: 3}}})
	if e := out.next(t); e.Kind != ctl.EvReloadFailed {
		t.Fatalf("got %q; want reload.failed", e.Kind)
	}
	// The app hands over and exits: what it published last goes out
	// before the socket closes.
	bus.Publish(ctl.EvRestart, map[string]any{"reason": "stable code changed"})
	srv.Close()
	if e := out.next(t); e.Kind != ctl.EvRestart {
		t.Fatalf("got %q; want restart before the socket ended", e.Kind)
	}
	if e := out.next(t); e.Kind != ctl.EvWatchDisconnected {
		t.Fatalf("got %q; want watch.disconnected", e.Kind)
	}
	// The new process.
	bus2 := events.New()
	srv2 := startWatchServer(t, dir, &ctl.Watch{Bus: bus2, Restarted: "stable code changed (app/x.go)"})
	defer srv2.Close()
	e := out.next(t)
	if e.Kind != ctl.EvAppRestarted || !strings.Contains(string(e.Fields["reason"].(json.RawMessage)), "stable code changed") {
		t.Fatalf("got %q %v; want app.restarted with its reason", e.Kind, e.Fields)
	}
	bus2.Publish(ctl.EvReloadSwapped, nil)
	if e := out.next(t); e.Kind != ctl.EvReloadSwapped {
		t.Fatalf("got %q from the new process", e.Kind)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("RunWatch after its context ended: %v", err)
	}
}

func TestWatchFirstEvents(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name   string
		w      ctl.Watch
		resume bool
		want   string
	}{
		{"fresh", ctl.Watch{}, false, `"kind":"watch.started"`},
		{"restarted", ctl.Watch{Restarted: "memory"}, false, `"start":"restarted"`},
		{"resumed after a crash", ctl.Watch{Restarted: "crash: panic: x", Crashed: true}, true, `"kind":"app.crash_recovered"`},
		{"resumed, a new app", ctl.Watch{}, true, `"kind":"app.started"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := tc.w
			w.Bus = events.New()
			srv := startWatchServer(t, dir, &w)
			defer srv.Close()
			c, err := (&ctl.Client{Path: ctl.SocketPath(dir, os.Getpid())}).Watch(context.Background(), ctl.Request{Resume: tc.resume})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if !strings.Contains(string(c.Line), tc.want) {
				t.Errorf("first line %s; want %s", c.Line, tc.want)
			}
		})
	}
	srv := startWatchServer(t, dir, nil)
	defer srv.Close()
	if _, err := (&ctl.Client{Path: ctl.SocketPath(dir, os.Getpid())}).Watch(context.Background(), ctl.Request{}); err == nil || !strings.Contains(err.Error(), "streams no events") {
		t.Errorf("watch of an app without events: %v", err)
	}
}

// Observe runs every frame: a frame where nothing happened costs no
// allocation.
func TestObserveQuietFrameAllocates(t *testing.T) {
	w := &ctl.Watch{Bus: events.New()}
	st := ctl.Status{Generation: 2, Phase: "idle", Result: "ok", Reloads: 3, Successes: 3}
	w.Observe(st)
	if n := testing.AllocsPerRun(100, func() { w.Observe(st) }); n != 0 {
		t.Errorf("Observe of an unchanged status: %v allocations; want 0", n)
	}
}
