package mma

import (
	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/state"
)

// Kind says what an Event reports.
type Kind int

// The events. Those marked (state) change the tracks: Apply applies them;
// the others are for showing (proposals, text, usage, questions).
const (
	PlanProposed    Kind = iota // Plan (its ID), Tracks: a tier-1 answer, for Accept/Edit/Reject
	PlanFailed                  // Plan, Err
	TicketsProposed             // Track, Tickets: a tier-2 answer, for approval
	TicketsFailed               // Track, Err
	TrackSet                    // (state) TrackData: a track added, or replaced whole
	TrackFlags                  // (state) Track, Running, Paused, StepMode
	TicketFlags                 // (state) Track, Ticket, StepMode, Model (the ticket's own model, "" for none)
	StatusChanged               // (state) Track, Ticket, Status, Reason, Interrupted (Summary when done)
	Escalated                   // (state) Track, Ticket, Escalation, Model (its name, for showing): transcript and applied IDs cleared, next model
	Message                     // (state) Track, Ticket, Msg appended to the transcript
	AgentEvent                  // (state) Track, Ticket, Agent: a worker's run event (turns, text, tool calls and results)
	EditApplied                 // (state) Track, Ticket, Edit: recorded as applied, just before it is written
	Diagnosis                   // Track, Ticket, Text: tier 4's answer, added to the worker's conversation
	Usage                       // Tier, Model, Usage: one request's tokens (Track, Ticket for workers)
	Asked                       // Track, Ticket, Question: a question goes to the approval queue
	WorkerStarted               // Track, Ticket, Model: a worker runs (counts against Limit)
	WorkerEnded                 // Track, Ticket: the worker's slot is free
	TranscriptSet               // (state) Track, Ticket, Transcript, Applied: the user's edit of a stopped or held worker's conversation
	TierText                    // Plan (tier 1) or Track (tier 2), Tier, Text: a tier-1/2 answer as it streams; Text "" starts an answer
	RulesFailed                 // Text (the rule), Err: a rule panicked; the rules before it ran instead
	WorkerHeld                  // Track, Ticket, Held: the worker waits before a model turn (paused, step approval), its conversation editable; Held false: it goes on
)

// Event is one thing the engine did or learnt. Tracks and tickets are
// named by their stable IDs.
type Event struct {
	Kind   Kind
	Plan   string
	Track  string
	Ticket string

	Tracks  []ruleapi.ProposedTrack  // PlanProposed
	Tickets []ruleapi.ProposedTicket // TicketsProposed
	Err     error                    // PlanFailed, TicketsFailed, RulesFailed

	TrackData state.Track // TrackSet

	Running, Paused, StepMode bool // TrackFlags

	Status      state.TicketStatus // StatusChanged
	Reason      string             // StatusChanged
	Summary     string             // StatusChanged to done
	Interrupted bool               // StatusChanged

	Escalation int    // Escalated
	Model      string // Escalated, Usage, WorkerStarted

	Msg      state.TicketMsg // Message
	Agent    agent.Event     // AgentEvent
	Edit     string          // EditApplied: the edit's stable ID
	Text     string          // Diagnosis; RulesFailed: the rule
	Tier     int             // Usage: 1 to 4
	Usage    llm.Usage       // Usage
	Question approval.Request

	Transcript []state.TicketMsg // TranscriptSet
	Applied    []string          // TranscriptSet: the applied edits' IDs, renamed to the calls' new places
	Held       bool              // WorkerHeld
}
