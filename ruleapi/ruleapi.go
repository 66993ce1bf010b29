// Package ruleapi is the stable agreement between the MMA engine (mma/)
// and its rules (rules/), the second hot module: the plain data the rules
// take and give, and Rules, the one struct of functions the engine calls
// for every decision.
//
// rules/ is reloaded as a Go plugin, compiled under a new import path, so
// any type it defined would be a new type in each generation. Everything
// exchanged between the engine and the rules therefore lives here, in a
// package that is never reloaded (or in state and llm): a reloaded
// generation's functions have exactly the types of Rules' fields, and the
// host can call them. The rules package may alias these types for its own
// readability; an alias is the same type.
//
// The engine reads the rules through a Source at each decision: the app
// points it at each new generation, and a rule that panics falls back to
// the rules it replaced (Source.Do).
package ruleapi

import "github.com/slopgui/slopgui/state"

// APIVersion is the version of this agreement. A rules generation whose
// APIVersion differs is refused before it is swapped in. Bump it when a
// type here or a field of Rules changes meaning.
const APIVersion = 1

// Tool names of the two tools that end a worker: the engine dispatches on
// them, the tier-3 prompt names them.
const (
	DoneTool    = "done"
	BlockedTool = "blocked"
)

// PlanInput is what tier 1 sees: the goal, the project's name and system
// prompt, and its file tree (paths only, no code).
type PlanInput struct {
	Goal         string
	Project      string
	SystemPrompt string
	Files        []string
}

// ProposedTrack is one track a tier-1 answer proposes.
type ProposedTrack struct {
	Title string   `json:"title"`
	Brief string   `json:"brief"`
	Files []string `json:"files"`
}

// ProposedTicket is one ticket a tier-2 answer proposes.
type ProposedTicket struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Targets     []string `json:"target_files"`
	DependsOn   []string `json:"depends_on"`
}

// NamedText is a file's path and the text sent of it.
type NamedText struct {
	Path, Text string
}

// TicketsInput is what tier 2 sees for one accepted track: its brief, the
// full text of the files it names (within the budget), and skeletons of
// the other Go files they reference.
type TicketsInput struct {
	Track     ProposedTrack
	Files     []NamedText // full text
	Skeletons []NamedText // package, imports, exported signatures, docs
}

// WorkerInput is what a tier-3 worker sees: its ticket, the track's brief,
// the full text of its target files and skeletons of what they import.
type WorkerInput struct {
	Brief     string
	Ticket    state.Ticket
	Files     []NamedText
	Skeletons []NamedText
}

// DiagnoseInput is what tier 4 sees: the ticket and what failed (a
// command's output, or the reason a worker gave for being blocked).
type DiagnoseInput struct {
	Ticket state.Ticket
	Output string
}

// Attempt is where a worker stands when it fails or says blocked.
type Attempt struct {
	Blocks      int // blocks (and failed commands) on the current model
	Escalations int // models moved up so far
	Models      int // models in the escalation list
}

// Action is what the engine does next about a worker in trouble.
type Action int

// Actions after a block or a failed command.
const (
	Diagnose Action = iota // ask tier 4, add its diagnosis, the worker goes on
	Escalate               // retry the ticket from scratch on the next model
	GiveUp                 // block the ticket with its reason and cascade
)

func (a Action) String() string {
	switch a {
	case Diagnose:
		return "diagnose"
	case Escalate:
		return "escalate"
	case GiveUp:
		return "give up"
	}
	return "unknown action"
}
