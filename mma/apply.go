package mma

import (
	"slices"

	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/state"
)

// Apply applies ev to tracks and returns them: the app calls it in its
// mailbox for every event, and the engine keeps its own copy the same way,
// so both hold the same tracks. Events that are not (state) events, and
// events naming a track or ticket that is gone, change nothing. Nothing of
// ev is kept by reference: the app's copy and the engine's share no memory.
func Apply(tracks []state.Track, ev Event) []state.Track {
	if ev.Kind == TrackSet {
		t := state.CloneTracks([]state.Track{ev.TrackData})[0]
		if i := trackIndex(tracks, t.ID); i >= 0 {
			tracks[i] = t
		} else {
			tracks = append(tracks, t)
		}
		return tracks
	}
	i := trackIndex(tracks, ev.Track)
	if i < 0 {
		return tracks
	}
	tr := &tracks[i]
	if ev.Kind == TrackFlags {
		tr.Running, tr.Paused, tr.StepMode = ev.Running, ev.Paused, ev.StepMode
		return tracks
	}
	tk := tr.Ticket(ev.Ticket)
	if tk == nil {
		return tracks
	}
	switch ev.Kind {
	case TicketFlags:
		tk.StepMode, tk.Model = ev.StepMode, ev.Model
	case StatusChanged:
		tk.Status, tk.Reason, tk.Interrupted = ev.Status, ev.Reason, ev.Interrupted
		if ev.Status == state.StatusDone {
			tk.Summary = ev.Summary
		}
	case Escalated:
		tk.Escalation, tk.Transcript, tk.Applied = ev.Escalation, nil, nil // edit IDs name places in the transcript
	case Message:
		tk.Transcript = append(tk.Transcript, state.CloneTranscript([]state.TicketMsg{ev.Msg})...)
	case EditApplied:
		if !slices.Contains(tk.Applied, ev.Edit) {
			tk.Applied = append(tk.Applied, ev.Edit)
		}
	case AgentEvent:
		applyAgent(tk, ev.Agent)
	case TranscriptSet:
		tk.Transcript, tk.Applied = state.CloneTranscript(ev.Transcript), slices.Clone(ev.Applied)
	}
	return tracks
}

// applyAgent records a worker's turns and tool results in its transcript.
func applyAgent(tk *state.Ticket, ev agent.Event) {
	switch ev.Kind {
	case agent.TurnEnded:
		if ev.Final.Err != nil {
			return // the turn failed: it is sent again
		}
		m := state.TicketMsg{Role: "assistant", Text: ev.Reply}
		for _, c := range ev.Calls {
			m.Calls = append(m.Calls, state.TicketCall{ID: c.ID, Name: c.Name, Args: c.Args})
		}
		tk.Transcript = append(tk.Transcript, m)
	case agent.ToolApproved: // the arguments that run (edited, maybe)
		if n := len(tk.Transcript); n > 0 {
			calls := tk.Transcript[n-1].Calls
			for i := range calls {
				if calls[i].ID == ev.Call.ID {
					calls[i].Args = ev.Call.Args
				}
			}
		}
	case agent.ToolResult:
		r := state.TicketResult{CallID: ev.Result.CallID, Name: ev.Result.Name, Content: ev.Result.Content, IsError: ev.Result.IsError}
		n := len(tk.Transcript)
		if n > 0 && tk.Transcript[n-1].Role == "user" && tk.Transcript[n-1].Text == "" {
			tk.Transcript[n-1].Results = append(tk.Transcript[n-1].Results, r)
			return
		}
		tk.Transcript = append(tk.Transcript, state.TicketMsg{Role: "user", Results: []state.TicketResult{r}})
	}
}

func trackIndex(tracks []state.Track, id string) int {
	return slices.IndexFunc(tracks, func(t state.Track) bool { return t.ID == id })
}

// FindTicket returns the ticket named by track and ticket IDs, or nil.
func FindTicket(tracks []state.Track, track, ticket string) *state.Ticket {
	if i := trackIndex(tracks, track); i >= 0 {
		return tracks[i].Ticket(ticket)
	}
	return nil
}
