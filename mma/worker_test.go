package mma_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/mma"
	"github.com/slopgui/slopgui/state"
)

// Never more than Limit workers at once, and every ticket gets one.
func TestLimit(t *testing.T) {
	for _, limit := range []int{1, 2, 3} {
		t.Run(string(rune('0'+limit)), func(t *testing.T) {
			var mu sync.Mutex
			inflight, peak := 0, 0
			release := make(chan struct{})
			var w *world
			w = newWorld(t, nil, func(ctx context.Context, req llm.Request) []llm.Event {
				id, _ := ticketOf(req)
				mu.Lock()
				inflight++
				peak = max(peak, inflight)
				mu.Unlock()
				w.sig.poke()
				select {
				case <-release:
				case <-ctx.Done():
				}
				mu.Lock()
				inflight--
				mu.Unlock()
				return []llm.Event{done(id)}
			})
			w.cfg.Limit = limit
			e := w.start()
			tr := w.addTrack("T1", "T2", "T3", "T4", "T5")
			if err := e.Run(tr); err != nil {
				t.Fatal(err)
			}
			for n := 1; n <= 5; n++ {
				// Wait until as many streams run as may, then let one end.
				want := min(limit, 5-n+1)
				w.sig.wait(t, fmt.Sprintf("%d streams at once (round %d)", want, n), func() bool {
					mu.Lock()
					defer mu.Unlock()
					return inflight == want
				})
				release <- struct{}{}
			}
			for _, id := range []string{"T1", "T2", "T3", "T4", "T5"} {
				w.waitStatus(tr, id, state.StatusDone)
			}
			w.sig.wait(t, "every worker's end", func() bool { return len(w.eventsOf(mma.WorkerEnded)) == 5 })
			w.mu.Lock()
			all := append([]mma.Event(nil), w.events...)
			w.mu.Unlock()
			running, most := 0, 0
			for _, ev := range all {
				switch ev.Kind {
				case mma.WorkerStarted:
					running++
					most = max(most, running)
				case mma.WorkerEnded:
					running--
				}
			}
			if peak > limit || most > limit || peak != limit {
				t.Errorf("limit %d: %d streams and %d workers at most at once", limit, peak, most)
			}
		})
	}
}

// In step mode each transition waits for one approval, in order: the
// spawn (whose edited context is what is sent), each turn, each tool call.
func TestStepMode(t *testing.T) {
	w := newWorld(t, map[string]string{"a.txt": "hello\n"}, func(ctx context.Context, req llm.Request) []llm.Event {
		switch _, turn := ticketOf(req); turn {
		case 0:
			return []llm.Event{call("c1", "read_file", map[string]string{"path": "a.txt"})}
		}
		return []llm.Event{done("T1")}
	})
	e := w.start()
	tr := w.addTrack("T1")
	if err := e.SetStepMode(tr, true); err != nil {
		t.Fatal(err)
	}
	if err := e.Run(tr); err != nil {
		t.Fatal(err)
	}
	sp := w.answer(approval.KindSpawn, "T1", false, "")
	_ = sp
	got := w.waitStatus(tr, "T1", state.StatusTodo)
	if !got.Interrupted || got.Reason == "" || len(w.p.requests("")) != 0 {
		t.Fatalf("an aborted spawn: %+v, %d requests", got, len(w.p.requests("")))
	}
	if err := e.ResumeTicket(tr, "T1"); err != nil {
		t.Fatal(err)
	}
	p := w.answer(approval.KindSpawn, "T1", true, "")
	var args struct{ System, Context string }
	if err := json.Unmarshal([]byte(p.Args), &args); err != nil || !strings.Contains(args.Context, "Ticket T1:") {
		t.Fatalf("spawn args %q: %v", p.Args, err)
	}
	// (The answer above used the shown args; edit on the next spawn.)
	steps := []approval.Kind{approval.KindTurn, approval.KindTool, approval.KindTurn, approval.KindTool}
	for i, k := range steps {
		w.answer(k, "", true, "")
		if n := len(w.q.Pending()); n > 1 {
			t.Fatalf("step %d: %d questions pending at once", i, n)
		}
	}
	w.waitStatus(tr, "T1", state.StatusDone)
	if n := len(w.eventsOf(mma.Asked)); n != 6 {
		t.Errorf("%d questions asked, want 6 (spawn aborted, spawn, turn, tool, turn, tool)", n)
	}
	if n := len(w.p.requests("A")); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// The spawn approval's edited system prompt and context are what is sent.
func TestStepModeEditedSpawn(t *testing.T) {
	w := newWorld(t, nil, func(ctx context.Context, req llm.Request) []llm.Event { return []llm.Event{done("T1")} })
	e := w.start()
	tr := w.addTrack("T1", "T2")
	e.SetTicket(tr, "T1", true, "") // T2 runs unasked
	e.Run(tr)
	w.waitStatus(tr, "T2", state.StatusDone)
	edited, _ := json.Marshal(map[string]string{"system": "edited system", "context": "Ticket T1: edited context"})
	w.answer(approval.KindSpawn, "T1", true, string(edited))
	w.answer(approval.KindTurn, "", true, "")
	w.answer(approval.KindTool, "done", true, "")
	w.waitStatus(tr, "T1", state.StatusDone)
	r := w.p.requests("A")[1]
	if r.System != "edited system" || r.Messages[0].Text != "Ticket T1: edited context" {
		t.Errorf("sent %q / %q, want the edited text", r.System, r.Messages[0].Text)
	}
	if tk := w.ticket(tr, "T1"); tk.Transcript[0].Text != "Ticket T1: edited context" {
		t.Errorf("the transcript starts with %q", tk.Transcript[0].Text)
	}
}

// A failed command gets a tier-4 diagnosis, which the worker's next
// request carries; the worker goes on.
func TestDiagnosis(t *testing.T) {
	w := newWorld(t, nil, func(ctx context.Context, req llm.Request) []llm.Event {
		if req.Model == "t4" {
			if !strings.Contains(req.Messages[0].Text, "boom") || !strings.Contains(req.Messages[0].Text, "Ticket T1") {
				return []llm.Event{text("tier 4 did not get the output")}
			}
			return []llm.Event{text("DIAG: the build script is missing")}
		}
		if _, turn := ticketOf(req); turn == 0 {
			return []llm.Event{call("c1", "run_command", map[string]string{"command": "echo boom; exit 3"})}
		}
		return []llm.Event{done("T1")}
	})
	e := w.start()
	tr := w.addTrack("T1")
	e.Run(tr)
	w.waitStatus(tr, "T1", state.StatusDone)
	reqs := w.p.requests("A")
	if len(reqs) != 2 {
		t.Fatalf("%d worker requests, want 2", len(reqs))
	}
	if got := lastResults(reqs[1]); !strings.Contains(got, "boom") || !strings.Contains(got, "DIAG: the build script is missing") {
		t.Errorf("the next request's tool result lacks the output or the diagnosis:\n%s", got)
	}
	if d := w.eventsOf(mma.Diagnosis); len(d) != 1 || d[0].Ticket != "T1" {
		t.Errorf("diagnosis events = %+v", d)
	}
}

// In step mode a tier-4 diagnosis request waits for its own approval like
// every other model turn: nothing reaches tier 4 before it is approved; an
// approved one's diagnosis reaches the worker, a denied one's does not
// (the worker goes on without it).
func TestStepModeGatesDiagnosis(t *testing.T) {
	for _, tc := range []struct {
		name    string
		approve bool
		t4      int    // tier-4 requests at the end
		want    string // in the worker's next tool result
	}{
		{"approved", true, 1, "DIAG: the build script is missing"},
		{"denied", false, 0, "(no diagnosis: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, nil, func(ctx context.Context, req llm.Request) []llm.Event {
				if req.Model == "t4" {
					return []llm.Event{text("DIAG: the build script is missing")}
				}
				if _, turn := ticketOf(req); turn == 0 {
					return []llm.Event{call("c1", "run_command", map[string]string{"command": "echo boom; exit 3"})}
				}
				return []llm.Event{done("T1")}
			})
			e := w.start()
			tr := w.addTrack("T1")
			e.SetStepMode(tr, true)
			e.Run(tr)
			w.answer(approval.KindSpawn, "T1", true, "")
			w.answer(approval.KindTurn, "next request", true, "")
			w.answer(approval.KindTool, "run_command", true, "")
			// The command failed: the diagnosis request waits, alone.
			w.sig.wait(t, "the tier-4 question", func() bool {
				ps := w.q.Pending()
				return len(ps) == 1 && ps[0].Kind == approval.KindTurn && strings.Contains(ps[0].Title, "tier-4")
			})
			if n := len(w.p.requests("t4")); n != 0 {
				t.Fatalf("%d tier-4 requests before the approval", n)
			}
			if p := w.q.Pending()[0]; !strings.Contains(p.Detail, "boom") || !strings.Contains(p.Title, "t4") {
				t.Errorf("the tier-4 question %q does not show the model and the failing output:\n%s", p.Title, p.Detail)
			}
			w.answer(approval.KindTurn, "tier-4", tc.approve, "")
			w.answer(approval.KindTurn, "next request", true, "")
			w.answer(approval.KindTool, "done", true, "")
			w.waitStatus(tr, "T1", state.StatusDone)
			if n := len(w.p.requests("t4")); n != tc.t4 {
				t.Errorf("%d tier-4 requests, want %d", n, tc.t4)
			}
			reqs := w.p.requests("A")
			if len(reqs) != 2 {
				t.Fatalf("%d worker requests, want 2", len(reqs))
			}
			if got := lastResults(reqs[1]); !strings.Contains(got, "boom") || !strings.Contains(got, tc.want) {
				t.Errorf("the worker's next tool result lacks %q:\n%s", tc.want, got)
			}
			if d := w.eventsOf(mma.Diagnosis); len(d) != tc.t4 {
				t.Errorf("%d diagnosis events, want %d", len(d), tc.t4)
			}
		})
	}
}

// A worker that stays blocked climbs the escalation list A, B, C (a
// diagnosis on each first block), then the ticket is blocked with its
// reason and so is everything that depends on it.
func TestEscalationAndCascade(t *testing.T) {
	var fixed atomic.Bool
	w := newWorld(t, nil, func(ctx context.Context, req llm.Request) []llm.Event {
		if req.Model == "t4" {
			return []llm.Event{text("try harder")}
		}
		if id, _ := ticketOf(req); fixed.Load() {
			return []llm.Event{done(id)}
		}
		return []llm.Event{call("b", "blocked", map[string]string{"reason": "no idea on " + req.Model})}
	})
	e := w.start()
	tr := w.addTrack("T1", "T2:T1", "T3:T2", "T4")
	e.Run(tr)
	tk := w.waitStatus(tr, "T1", state.StatusBlocked)
	w.waitStatus(tr, "T4", state.StatusBlocked) // independent: blocked on its own
	var t1 []string
	for _, r := range w.p.requests("") {
		if id, _ := ticketOf(r); id == "T1" && r.Model != "t4" {
			t1 = append(t1, r.Model)
		}
	}
	if !slices.Equal(t1, []string{"A", "A", "B", "B", "C", "C"}) {
		t.Errorf("T1 went to models %v, want A A B B C C", t1)
	}
	if tk.Reason != "no idea on C" {
		t.Errorf("reason %q", tk.Reason)
	}
	for _, id := range []string{"T2", "T3"} {
		if got := w.waitStatus(tr, id, state.StatusBlocked); got.Reason != "depends on T1" {
			t.Errorf("%s: %s %q, want blocked, depends on T1", id, got.Status, got.Reason)
		}
	}
	var esc []string
	for _, ev := range w.eventsOf(mma.Escalated) {
		if ev.Ticket == "T1" {
			esc = append(esc, ev.Model)
		}
	}
	if !slices.Equal(esc, []string{"B", "C"}) {
		t.Errorf("escalated to %v, want B C", esc)
	}
	if n := len(w.p.requests("t4")); n != 6 {
		t.Errorf("%d tier-4 calls, want 6 (one per model per ticket)", n)
	}
	if got := w.ticket(tr, "T1"); len(got.Transcript) == 0 || !strings.Contains(got.Transcript[0].Text, "Ticket T1") {
		t.Errorf("the transcript was not started afresh for C: %+v", got.Transcript)
	}
	// Retried, T1 starts again on A; what its block cascaded to follows.
	fixed.Store(true)
	n := len(w.p.requests(""))
	if err := e.Retry(tr, "T1"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"T1", "T2", "T3"} {
		w.waitStatus(tr, id, state.StatusDone)
	}
	if r := w.p.requests("")[n]; r.Model != "A" {
		t.Errorf("the retry went to %s, want A", r.Model)
	}
	if got := w.ticket(tr, "T4"); got.Status != state.StatusBlocked {
		t.Errorf("T4, blocked on its own, is %s after T1's retry", got.Status)
	}
}

// A ticket's own model goes first, then the rest of the list after it.
func TestModelOverride(t *testing.T) {
	w := newWorld(t, nil, func(ctx context.Context, req llm.Request) []llm.Event { return []llm.Event{done("T1")} })
	e := w.start()
	tr := w.addTrack("T1")
	if err := e.SetTicket(tr, "T1", false, "B"); err != nil {
		t.Fatal(err)
	}
	e.Run(tr)
	w.waitStatus(tr, "T1", state.StatusDone)
	if got := models(w.p.requests("")); !slices.Equal(got, []string{"B"}) {
		t.Errorf("models %v, want B", got)
	}
}

// Stop ends one ticket's run and keeps its work; the other goes on; the
// stopped one resumes from its transcript.
func TestStopAndResumeTicket(t *testing.T) {
	var resumed atomic.Bool
	w := newWorld(t, map[string]string{"f.txt": "A\n"}, func(ctx context.Context, req llm.Request) []llm.Event {
		id, turn := ticketOf(req)
		switch {
		case id == "T1" && turn == 0:
			return []llm.Event{call("e1", "edit_file", map[string]string{"path": "f.txt", "old_text": "A", "new_text": "AB"})}
		case id == "T1" && turn == 1 && !resumed.Load():
			<-ctx.Done() // hangs until stopped
			return nil
		}
		return []llm.Event{done(id)}
	})
	e := w.start()
	tr := w.addTrack("T1", "T2")
	w.cfg.Queue = w.q
	e.Run(tr)
	w.answer(approval.KindEdit, "f.txt", true, "")
	w.sig.wait(t, "T1's second turn", func() bool { return len(w.p.requests("A")) >= 3 })
	w.waitStatus(tr, "T2", state.StatusDone)
	if err := e.Stop(tr, "T1"); err != nil {
		t.Fatal(err)
	}
	tk := w.waitStatus(tr, "T1", state.StatusTodo)
	if !tk.Interrupted || tk.Reason != "stopped" {
		t.Fatalf("stopped ticket: %+v", tk)
	}
	if b, _ := os.ReadFile(filepath.Join(w.root, "f.txt")); string(b) != "AB\n" {
		t.Errorf("the applied edit was lost: %q", b)
	}
	if len(tk.Transcript) != 3 || len(tk.Applied) != 1 {
		t.Fatalf("transcript %d messages, applied %v; want 3 and one", len(tk.Transcript), tk.Applied)
	}
	if err := e.Stop(tr, "T1"); err == nil {
		t.Error("stopping a ticket with no worker is not an error")
	}
	resumed.Store(true)
	if err := e.ResumeTicket(tr, "T1"); err != nil {
		t.Fatal(err)
	}
	w.waitStatus(tr, "T1", state.StatusDone)
	reqs := w.p.requests("A")
	last := reqs[len(reqs)-1]
	if id, turn := ticketOf(last); id != "T1" || turn != 1 || !strings.Contains(lastResults(last), "applied to f.txt") {
		t.Errorf("the resumed request is not the transcript's: %s turn %d, %q", id, turn, lastResults(last))
	}
	if b, _ := os.ReadFile(filepath.Join(w.root, "f.txt")); string(b) != "AB\n" {
		t.Errorf("f.txt = %q after the resume, want the edit once", b)
	}
}

// A paused track starts no workers and no turns; running turns finish.
func TestPauseResume(t *testing.T) {
	gate := make(chan struct{})
	w := newWorld(t, map[string]string{"a.txt": "x"}, func(ctx context.Context, req llm.Request) []llm.Event {
		id, turn := ticketOf(req)
		if id == "T1" && turn == 0 {
			<-gate
			return []llm.Event{call("r", "read_file", map[string]string{"path": "a.txt"})}
		}
		return []llm.Event{done(id)}
	})
	w.cfg.Limit = 1
	e := w.start()
	tr := w.addTrack("T1", "T2")
	e.Run(tr)
	w.sig.wait(t, "T1's first turn", func() bool { return len(w.p.requests("A")) == 1 })
	if err := e.Pause(tr); err != nil {
		t.Fatal(err)
	}
	close(gate) // the running turn finishes; its tool runs
	w.sig.wait(t, "T1's second turn started", func() bool {
		for _, ev := range w.eventsOf(mma.AgentEvent) {
			if ev.Ticket == "T1" && ev.Agent.Round == 1 {
				return true
			}
		}
		return false
	})
	if n := len(w.p.requests("A")); n != 1 {
		t.Fatalf("%d requests while paused, want 1", n)
	}
	if w.ticket(tr, "T1").Status != state.StatusInProgress {
		t.Fatal("T1 is not in progress while paused")
	}
	if err := e.Resume(tr); err != nil {
		t.Fatal(err)
	}
	w.waitStatus(tr, "T1", state.StatusDone)
	w.waitStatus(tr, "T2", state.StatusDone)

	// Paused before it runs: nothing starts until Resume.
	tr2 := w.addTrack("U1")
	e.Pause(tr2)
	e.Run(tr2)
	for _, ev := range w.eventsOf(mma.WorkerStarted) {
		if ev.Track == tr2 {
			t.Fatal("a worker started on a paused track")
		}
	}
	e.Resume(tr2)
	w.waitStatus(tr2, "U1", state.StatusDone)
}
