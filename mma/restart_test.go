package mma_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/mma"
	"github.com/slopgui/slopgui/state"
)

// An approved edit is applied exactly once across a restart, and one whose
// approval was pending is asked again, never applied unasked. The engine
// is discarded right after the first edit was recorded (the saved state
// is the app's at that event: the edit's result not in it yet) while the
// second waits for its approval; a new engine on the saved state marks the
// ticket interrupted and, resumed, goes on from its transcript.
func TestExactlyOnceAcrossRestart(t *testing.T) {
	files := map[string]string{"f.txt": "A\n", "g.txt": "G\n"}
	w := newWorld(t, files, func(ctx context.Context, req llm.Request) []llm.Event {
		if _, turn := ticketOf(req); turn == 0 {
			// Re-applied, either edit would show: "A" → "AB" → "ABB".
			return []llm.Event{
				call("e1", "edit_file", map[string]string{"path": "f.txt", "old_text": "A", "new_text": "AB"}),
				call("e2", "edit_file", map[string]string{"path": "g.txt", "old_text": "G", "new_text": "GH"}),
			}
		}
		return []llm.Event{done("T1")}
	})
	var saved []state.Track
	w.onEv = func(w *world, ev mma.Event) {
		if ev.Kind == mma.EditApplied && saved == nil {
			saved = state.CloneTracks(w.tracks) // the app saves here, then dies
		}
	}
	e := w.start()
	tr := w.addTrack("T1")
	e.Run(tr)
	w.answer(approval.KindEdit, "f.txt", true, "")
	w.sig.wait(t, "the second edit's question", func() bool {
		for _, p := range w.q.Pending() {
			if p.Kind == approval.KindEdit && p.Items[0] == "g.txt" {
				return true
			}
		}
		return false
	})
	e.Close()
	if n := len(w.q.Pending()); n != 0 {
		t.Fatalf("%d questions left after Close, want them withdrawn", n)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(w.root, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if read("f.txt") != "AB\n" || read("g.txt") != "G\n" {
		t.Fatalf("before the restart f=%q g=%q", read("f.txt"), read("g.txt"))
	}
	tk := mma.FindTicket(saved, tr, "T1")
	if tk == nil || len(tk.Applied) != 1 || tk.Status != state.StatusInProgress {
		t.Fatalf("saved ticket %+v", tk)
	}

	// The restart: a new engine, a new queue, the saved state.
	w2 := newWorld(t, nil, w.p.respond)
	w2.root, w2.cfg.Root = w.root, w.root
	w2.tracks = saved
	e2 := w2.start()
	got := w2.waitStatus(tr, "T1", state.StatusTodo)
	if !got.Interrupted || got.Reason != "interrupted" {
		t.Fatalf("after the restart T1 is %+v, want interrupted", got)
	}
	if len(w2.p.requests("")) != 0 {
		t.Fatal("an interrupted ticket resumed unasked")
	}
	if err := e2.ResumeTicket(tr, "T1"); err != nil {
		t.Fatal(err)
	}
	p := w2.answer(approval.KindEdit, "", true, "")
	if p.Items[0] != "g.txt" {
		t.Fatalf("asked again about %v, want only g.txt (f.txt's edit was applied)", p.Items)
	}
	w2.waitStatus(tr, "T1", state.StatusDone)
	if read("f.txt") != "AB\n" || read("g.txt") != "GH\n" {
		t.Errorf("after the restart f=%q g=%q, want each edit once", read("f.txt"), read("g.txt"))
	}
	edits := 0
	for _, ev := range w2.eventsOf(mma.Asked) {
		if ev.Question.Kind == approval.KindEdit {
			edits++
		}
	}
	if edits != 1 {
		t.Errorf("%d edits asked after the restart, want 1", edits)
	}
	if n := len(w2.eventsOf(mma.EditApplied)); n != 1 {
		t.Errorf("%d edits recorded after the restart, want 1", n)
	}
	// The resumed worker's request carries both results.
	last := w2.p.requests("A")[0]
	if r := last.Messages[len(last.Messages)-1].ToolResults; len(r) != 2 {
		t.Errorf("the resumed request's last message has %d results, want 2: %+v", len(r), r)
	}
}

// A track made by hand (no ID: the engine never ran it) keeps the status
// the user gave its tickets when an engine starts on it; an engine track's
// ticket in progress at the save is marked interrupted.
func TestNewLeavesHandMadeTracksAlone(t *testing.T) {
	w := newWorld(t, nil, func(ctx context.Context, req llm.Request) []llm.Event { return nil })
	w.tracks = []state.Track{
		{Name: "by hand", Tickets: []state.Ticket{{ID: "T1", Title: "mine", Status: state.StatusInProgress}}},
		{ID: "k1", Name: "engine", Tickets: []state.Ticket{{ID: "T1", Title: "its", Status: state.StatusInProgress}}},
	}
	w.start()
	w.sig.wait(t, "the engine track's ticket interrupted", func() bool {
		w.mu.Lock()
		defer w.mu.Unlock()
		return w.tracks[1].Tickets[0].Interrupted
	})
	w.mu.Lock()
	defer w.mu.Unlock()
	if got := w.tracks[0].Tickets[0]; got.Status != state.StatusInProgress || got.Interrupted || got.Reason != "" {
		t.Errorf("the hand-made ticket became %q (reason %q, interrupted %v), want it in progress as the user left it", got.Status, got.Reason, got.Interrupted)
	}
	if got := w.tracks[1].Tickets[0]; got.Status != state.StatusTodo || got.Reason != "interrupted" {
		t.Errorf("the engine's ticket is %q (reason %q), want todo, interrupted", got.Status, got.Reason)
	}
}
