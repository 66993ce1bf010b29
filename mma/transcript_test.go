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

// The memory mutator on a held worker: its track paused (or, in step
// mode, its next turn waiting for approval) after its first turn's edit
// was applied, the conversation is edited while the worker waits (a
// message changed, one deleted). Nothing is sent while it is held; on
// Resume (or the new turn's approval) the next request carries the edited
// history and not the deleted message, the ticket completes, and the edit
// applied before is not applied (nor asked) again.
func TestSetTranscriptHeldWorker(t *testing.T) {
	mentions := func(req llm.Request, s string) bool {
		return slices.ContainsFunc(req.Messages, func(m llm.Message) bool {
			if strings.Contains(m.Text, s) {
				return true
			}
			return slices.ContainsFunc(m.ToolResults, func(r llm.ToolResult) bool { return strings.Contains(r.Content, s) })
		})
	}
	for _, tc := range []struct {
		name string
		step bool
		// edit changes the held transcript (intro, "plan A" with the
		// edit_file call, its result).
		edit func(msgs []state.TicketMsg) []state.TicketMsg
		// applied is the edit's ID after the edit; gone the text the next
		// request must not carry; result the tool result it carries.
		applied, gone, result string
	}{
		{name: "paused", edit: func(msgs []state.TicketMsg) []state.TicketMsg {
			msgs[1].Text = "plan EDITED"
			return msgs[1:] // the intro deleted
		}, applied: "m0.c0:e1", gone: "Ticket T1:", result: "applied to f.txt"},
		{name: "step", step: true, edit: func(msgs []state.TicketMsg) []state.TicketMsg {
			msgs[1].Text = "plan EDITED"
			return msgs[:2] // the edit's result deleted: the call is run again, found applied
		}, applied: "m1.c0:e1", gone: "applied to f.txt", result: "this change was applied already"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, map[string]string{"f.txt": "A\n"}, func(ctx context.Context, req llm.Request) []llm.Event {
				switch {
				case mentions(req, "plan EDITED"):
					return []llm.Event{done("T1")}
				case !slices.ContainsFunc(req.Messages, func(m llm.Message) bool { return m.Role == llm.Assistant }):
					return []llm.Event{text("plan A"), call("e1", "edit_file", map[string]string{"path": "f.txt", "old_text": "A", "new_text": "AB"})}
				}
				return []llm.Event{text("UNEDITED HISTORY SENT")} // ends the ticket, wrongly
			})
			e := w.start()
			tr := w.addTrack("T1")
			if tc.step {
				if err := e.SetStepMode(tr, true); err != nil {
					t.Fatal(err)
				}
			}
			if err := e.Run(tr); err != nil {
				t.Fatal(err)
			}
			if tc.step {
				w.answer(approval.KindSpawn, "start ticket T1", true, "")
				w.answer(approval.KindTurn, "T1", true, "")
			}
			if !tc.step {
				w.sig.wait(t, "the first turn", func() bool { return len(w.p.requests("A")) == 1 })
				if err := e.Pause(tr); err != nil {
					t.Fatal(err)
				}
			}
			w.answer(approval.KindEdit, "f.txt", true, "")
			held := func() bool {
				evs := w.eventsOf(mma.WorkerHeld)
				return len(evs) > 0 && evs[len(evs)-1].Held
			}
			w.sig.wait(t, "the worker held before its second turn", held)
			got := w.ticket(tr, "T1")
			if got.Status != state.StatusInProgress || len(got.Transcript) != 3 || !slices.Equal(got.Applied, []string{"m1.c0:e1"}) {
				t.Fatalf("held ticket: %+v", got)
			}
			nHeld := len(w.eventsOf(mma.WorkerHeld))
			if err := e.SetTranscript(tr, "T1", tc.edit(state.CloneTranscript(got.Transcript))); err != nil {
				t.Fatalf("SetTranscript of a held worker: %v", err)
			}
			w.sig.wait(t, "the edit in the app's copy", func() bool {
				return w.ticket(tr, "T1").Transcript[0].Text != got.Transcript[0].Text || len(w.ticket(tr, "T1").Transcript) == 2
			})
			if tk := w.ticket(tr, "T1"); !slices.Equal(tk.Applied, []string{tc.applied}) {
				t.Fatalf("after the edit the applied edits are %q, want %q", tk.Applied, tc.applied)
			}
			// Released (the held turn not sent), then held again from the
			// edit, and nothing sent meanwhile.
			w.sig.wait(t, "the worker held again", func() bool {
				return len(w.eventsOf(mma.WorkerHeld)) >= nHeld+2 && held()
			})
			if n := len(w.p.requests("A")); n != 1 {
				t.Fatalf("%d requests while held, want 1", n)
			}
			if tc.step {
				w.answer(approval.KindTurn, "T1", true, "")
				w.answer(approval.KindTool, "done", true, "")
			} else if err := e.Resume(tr); err != nil {
				t.Fatal(err)
			}
			w.waitStatus(tr, "T1", state.StatusDone)
			reqs := w.p.requests("A")
			if len(reqs) != 2 {
				t.Fatalf("%d requests, want 2 (the first turn and the edited one)", len(reqs))
			}
			next := reqs[1]
			if !mentions(next, "plan EDITED") || mentions(next, "plan A") || mentions(next, tc.gone) || !mentions(next, tc.result) {
				t.Fatalf("the request after the edit: %+v", next.Messages)
			}
			if b, _ := os.ReadFile(filepath.Join(w.root, "f.txt")); string(b) != "AB\n" {
				t.Fatalf("f.txt = %q, want the edit applied once", b)
			}
			if tk := w.ticket(tr, "T1"); !slices.Equal(tk.Applied, []string{tc.applied}) || tk.Summary != "did T1" {
				t.Fatalf("done ticket: %+v", tk)
			}
			edits, spawns := 0, 0
			for _, ev := range w.eventsOf(mma.Asked) {
				switch ev.Question.Kind {
				case approval.KindEdit:
					edits++
				case approval.KindSpawn:
					spawns++
				}
			}
			if edits != 1 || (tc.step && spawns != 1) {
				t.Fatalf("asked %d edits and %d spawns, want 1 each (nothing asked again after the edit)", edits, spawns)
			}
		})
	}
}

// An edit while the worker sends its turn (not held) is refused, and
// nothing changes.
func TestSetTranscriptRefusedMidTurn(t *testing.T) {
	w := newWorld(t, nil, func(ctx context.Context, req llm.Request) []llm.Event {
		<-ctx.Done()
		return nil
	})
	e := w.start()
	tr := w.addTrack("T1")
	if err := e.Run(tr); err != nil {
		t.Fatal(err)
	}
	w.sig.wait(t, "the first turn", func() bool { return len(w.p.requests("A")) == 1 })
	if err := e.Pause(tr); err != nil { // the running request goes on: not held
		t.Fatal(err)
	}
	err := e.SetTranscript(tr, "T1", nil)
	if err == nil || !strings.Contains(err.Error(), "running a turn") {
		t.Fatalf("SetTranscript mid-turn: %v, want a refusal", err)
	}
	if n := len(w.eventsOf(mma.TranscriptSet)); n != 0 || len(w.ticket(tr, "T1").Transcript) != 1 {
		t.Fatalf("a refused edit changed the transcript: %d events, %+v", n, w.ticket(tr, "T1").Transcript)
	}
}
