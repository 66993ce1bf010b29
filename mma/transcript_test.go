package mma_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/mma"
	"github.com/slopgui/slopgui/state"
)

// The memory mutator: a stopped worker's conversation, edited (a message
// deleted, the model's text and a tool result changed) with SetTranscript,
// is what the resumed worker sends; editing is refused while the worker
// runs; the edit applied before stays applied (renamed to its call's new
// place) and is not applied again.
func TestSetTranscriptThenResume(t *testing.T) {
	mentions := func(req llm.Request, s string) bool {
		return slices.ContainsFunc(req.Messages, func(m llm.Message) bool {
			if strings.Contains(m.Text, s) {
				return true
			}
			return slices.ContainsFunc(m.ToolResults, func(r llm.ToolResult) bool { return strings.Contains(r.Content, s) })
		})
	}
	w := newWorld(t, map[string]string{"f.txt": "A\n"}, func(ctx context.Context, req llm.Request) []llm.Event {
		switch _, turn := ticketOf(req); {
		case turn == 0:
			return []llm.Event{text("plan A"), call("e1", "edit_file", map[string]string{"path": "f.txt", "old_text": "A", "new_text": "AB"})}
		case mentions(req, "plan EDITED"):
			return []llm.Event{done("T1")}
		}
		<-ctx.Done() // held until stopped
		return nil
	})
	e := w.start()
	tr := w.addTrack("T1")
	if err := e.Run(tr); err != nil {
		t.Fatal(err)
	}
	w.answer(approval.KindEdit, "f.txt", true, "")
	w.sig.wait(t, "the second turn", func() bool { return len(w.p.requests("A")) == 2 })

	if err := e.SetTranscript(tr, "T1", nil); err == nil || !strings.Contains(err.Error(), "worker running") {
		t.Fatalf("SetTranscript while the worker runs: %v, want a refusal", err)
	}
	if err := e.Stop(tr, "T1"); err != nil {
		t.Fatal(err)
	}
	got := w.waitStatus(tr, "T1", state.StatusTodo)
	if !got.Interrupted || len(got.Transcript) != 3 || !slices.Equal(got.Applied, []string{"m1.c0:e1"}) {
		t.Fatalf("stopped ticket: %+v", got)
	}

	msgs := state.CloneTranscript(got.Transcript[1:]) // the intro deleted
	msgs[0].Text = "plan EDITED"
	msgs[1].Results[0].Content = "EDITED RESULT"
	if err := e.SetTranscript(tr, "T1", msgs); err != nil {
		t.Fatal(err)
	}
	if err := e.SetTranscript(tr, "T1", []state.TicketMsg{{Role: "system", Text: "x"}}); err == nil {
		t.Error("a message with role system was accepted")
	}
	w.sig.wait(t, "the edit in the app's copy", func() bool {
		tk := w.ticket(tr, "T1")
		return len(tk.Transcript) == 2 && tk.Transcript[0].Text == "plan EDITED"
	})
	if tk := w.ticket(tr, "T1"); !slices.Equal(tk.Applied, []string{"m0.c0:e1"}) || tk.Transcript[1].Results[0].Content != "EDITED RESULT" {
		t.Fatalf("after SetTranscript the app's ticket is %+v", tk)
	}
	if n := len(w.eventsOf(mma.TranscriptSet)); n != 1 {
		t.Fatalf("%d TranscriptSet events, want 1", n)
	}

	if err := e.ResumeTicket(tr, "T1"); err != nil {
		t.Fatal(err)
	}
	w.waitStatus(tr, "T1", state.StatusDone)
	reqs := w.p.requests("A")
	next := reqs[2]
	if !mentions(next, "plan EDITED") || !mentions(next, "EDITED RESULT") || mentions(next, "plan A") || len(next.Messages) != 2 {
		t.Fatalf("the request after the edit: %+v", next.Messages)
	}
	if b, _ := os.ReadFile(filepath.Join(w.root, "f.txt")); string(b) != "AB\n" {
		t.Fatalf("f.txt = %q, want the edit applied once", b)
	}
	if n := len(w.q.Pending()); n != 0 {
		t.Fatalf("%d questions pending after the resume, want none (nothing asked again)", n)
	}
}

// Tiers 1 and 2 stream their answers as TierText events: an empty one
// first, then the text, named by the plan or the track.
func TestTierTextStreams(t *testing.T) {
	w := newWorld(t, map[string]string{"a.go": "package a\n"}, func(ctx context.Context, req llm.Request) []llm.Event {
		if req.Model == "t1" {
			return []llm.Event{text(`{"tracks": [{"title": "T", "brief": "b", `), text(`"files": ["a.go"]}]}`)}
		}
		return []llm.Event{text(`{"tickets": [{"id": "T1", "title": "x", "description": "d", "target_files": ["a.go"], "depends_on": []}]}`)}
	})
	e := w.start()
	plan := e.Plan("goal")
	w.sig.wait(t, "the plan", func() bool { return len(w.eventsOf(mma.PlanProposed))+len(w.eventsOf(mma.PlanFailed)) > 0 })
	tr := w.addTrack()
	if err := e.Tickets(tr); err != nil {
		t.Fatal(err)
	}
	w.sig.wait(t, "the tickets", func() bool { return len(w.eventsOf(mma.TicketsProposed))+len(w.eventsOf(mma.TicketsFailed)) > 0 })
	var tier1, tier2 []string
	for _, ev := range w.eventsOf(mma.TierText) {
		switch {
		case ev.Tier == 1 && ev.Plan == plan:
			tier1 = append(tier1, ev.Text)
		case ev.Tier == 2 && ev.Track == tr:
			tier2 = append(tier2, ev.Text)
		default:
			t.Errorf("a TierText event names neither the plan nor the track: %+v", ev)
		}
	}
	if len(tier1) != 3 || tier1[0] != "" || !strings.HasPrefix(tier1[1], `{"tracks"`) {
		t.Errorf("tier 1 streamed %q", tier1)
	}
	if len(tier2) != 2 || tier2[0] != "" || !strings.Contains(tier2[1], `"T1"`) {
		t.Errorf("tier 2 streamed %q", tier2)
	}
}
