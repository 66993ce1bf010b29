package mma_test

import (
	"testing"

	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/mma"
	"github.com/slopgui/slopgui/state"
)

// Apply builds the transcript from a worker's events as the agent builds
// its history, and shares no memory with the events or another copy.
func TestApply(t *testing.T) {
	tr := []state.Track{{ID: "k", Tickets: []state.Ticket{{ID: "T1", Status: state.StatusTodo}}}}
	calls := []llm.ToolCall{{ID: "c1", Name: "read_file", Args: `{"path":"a"}`}, {ID: "c2", Name: "run_command", Args: `{}`}}
	evs := []mma.Event{
		{Kind: mma.Message, Msg: state.TicketMsg{Role: "user", Text: "context"}},
		{Kind: mma.AgentEvent, Agent: agent.Event{Kind: agent.Text, Text: "hm"}},
		{Kind: mma.AgentEvent, Agent: agent.Event{Kind: agent.TurnEnded, Final: llm.Event{Kind: llm.EventError, Err: errTest}}},
		{Kind: mma.AgentEvent, Agent: agent.Event{Kind: agent.TurnEnded, Reply: "let me look", Calls: calls}},
		{Kind: mma.AgentEvent, Agent: agent.Event{Kind: agent.ToolApproved, Call: llm.ToolCall{ID: "c1", Args: `{"path":"b"}`}}},
		{Kind: mma.AgentEvent, Agent: agent.Event{Kind: agent.ToolResult, Result: llm.ToolResult{CallID: "c1", Name: "read_file", Content: "B"}}},
		{Kind: mma.AgentEvent, Agent: agent.Event{Kind: agent.ToolResult, Result: llm.ToolResult{CallID: "c2", Name: "run_command", Content: "denied", IsError: true}}},
		{Kind: mma.EditApplied, Edit: "m1.c0:c1"},
		{Kind: mma.EditApplied, Edit: "m1.c0:c1"},
		{Kind: mma.StatusChanged, Status: state.StatusDone, Summary: "ok", Reason: ""},
		{Kind: mma.StatusChanged, Ticket: "nope", Status: state.StatusFailed},
	}
	other := state.CloneTracks(tr)
	for _, ev := range evs {
		ev.Track = "k"
		if ev.Ticket == "" {
			ev.Ticket = "T1"
		}
		tr = mma.Apply(tr, ev)
		other = mma.Apply(other, ev)
	}
	tk := tr[0].Tickets[0]
	want := []state.TicketMsg{
		{Role: "user", Text: "context"},
		{Role: "assistant", Text: "let me look", Calls: []state.TicketCall{{ID: "c1", Name: "read_file", Args: `{"path":"b"}`}, {ID: "c2", Name: "run_command", Args: `{}`}}},
		{Role: "user", Results: []state.TicketResult{{CallID: "c1", Name: "read_file", Content: "B"}, {CallID: "c2", Name: "run_command", Content: "denied", IsError: true}}},
	}
	if !state.TicketEqual(tk, state.Ticket{ID: "T1", Status: state.StatusDone, Summary: "ok", Transcript: want, Applied: []string{"m1.c0:c1"}}) {
		t.Fatalf("ticket = %+v", tk)
	}
	if calls[0].Args != `{"path":"a"}` {
		t.Error("Apply changed the event's calls")
	}
	tr[0].Tickets[0].Transcript[1].Calls[0].Args = "changed"
	if other[0].Tickets[0].Transcript[1].Calls[0].Args == "changed" {
		t.Error("two copies share a transcript")
	}
	// A track set whole is added, then replaced by its ID.
	tr = mma.Apply(tr, mma.Event{Kind: mma.TrackSet, TrackData: state.Track{ID: "k2", Name: "x"}})
	tr = mma.Apply(tr, mma.Event{Kind: mma.TrackSet, TrackData: state.Track{ID: "k2", Name: "y"}})
	if len(tr) != 2 || tr[1].Name != "y" {
		t.Errorf("tracks = %+v", tr)
	}
}

var errTest = &llm.Error{Kind: llm.KindCanceled}
