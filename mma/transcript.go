package mma

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slopgui/slopgui/state"
)

// SetTranscript replaces a ticket's conversation with the user's edit of
// it (Manual Slop's memory mutator: messages changed or deleted), for a
// ticket whose worker is not running (stopped, interrupted, blocked…): the
// next start goes on from it (ResumeTicket for an interrupted one); or
// whose worker is held before a model turn (its track paused, or its
// turn waiting for approval in step mode): the held turn is not sent, and
// the worker starts again from the edit and waits there as before (for
// Resume, or a new turn approval), its system prompt as it was. While a
// worker is sending a turn or running tools it is refused. The IDs of the
// edits already applied name the places of their calls in the transcript:
// they are renamed to where those calls are now, so an applied edit stays
// applied (never applied twice); a deleted call's ID is kept as it was.
func (e *Engine) SetTranscript(trackID, ticketID string, msgs []state.TicketMsg) error {
	for i, m := range msgs {
		if m.Role != "user" && m.Role != "assistant" {
			return fmt.Errorf("message %d: role %q: a message is the user's or the assistant's", i+1, m.Role)
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	tk := FindTicket(e.tracks, trackID, ticketID)
	if tk == nil {
		return fmt.Errorf("no ticket %s in track %s", ticketID, trackID)
	}
	w := e.workers[key(trackID, ticketID)]
	if w != nil && !w.held {
		return fmt.Errorf("ticket %s of track %s has a worker running a turn: pause its track (or stop the ticket) and edit its conversation once it is held", ticketID, trackID)
	}
	applied := make([]string, 0, len(tk.Applied))
	for _, id := range tk.Applied {
		applied = append(applied, renameEdit(id, msgs))
	}
	e.emit(Event{Kind: TranscriptSet, Track: trackID, Ticket: ticketID, Transcript: state.CloneTranscript(msgs), Applied: applied})
	if w != nil {
		w.finish(outcome{kind: restart}) // the held turn is not sent (release sees it)
	}
	return nil
}

// renameEdit is an applied edit's ID ("m3.c0:callID", see editID) for the
// place its call has in msgs, found as editID finds it (the last call with
// that ID); unchanged when the call is gone or the ID has no place.
func renameEdit(id string, msgs []state.TicketMsg) string {
	place, callID, ok := strings.Cut(id, ":")
	if !ok || !strings.HasPrefix(place, "m") {
		return id
	}
	for i := len(msgs) - 1; i >= 0; i-- {
		for j, c := range msgs[i].Calls {
			if c.ID == callID {
				return "m" + strconv.Itoa(i) + ".c" + strconv.Itoa(j) + ":" + callID
			}
		}
	}
	return id
}
