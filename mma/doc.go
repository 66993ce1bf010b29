// Package mma is the multi-model engine, with no GUI code: it drives the
// four tiers of a goal's work and reports everything it does as typed
// Events through one Emit func, for the app to post into its mailbox and
// apply to the state it owns.
//
//  1. Plan(goal): tier 1 gets the goal, the project's name and system
//     prompt and its file tree (paths only) and answers tracks, parsed by
//     rules.ParseTracks (the request carries rules.TracksSchema as its
//     llm.AnswerSchema: structured output or a forced tool where the
//     provider has one; tier 2 likewise with rules.TicketsSchema; a server
//     that refuses the request with it is asked again without it). An
//     answer that does not parse goes back with the error (rules.Retry),
//     at most rules.Tries answers; then PlanFailed.
//     The tracks come as PlanProposed and nothing runs: the app shows
//     them, and AcceptTrack adds each the user accepts (edited or not);
//     a rejected one is simply not accepted.
//  2. Tickets(trackID): tier 2 gets the track's brief, the full text of its
//     files (within Config.Budget) and skeletons of the module's Go
//     packages they import; its tickets (rules.ParseTickets: unique IDs,
//     known dependencies, no cycle; same retries) come as TicketsProposed,
//     and AcceptTickets puts those the user approves in the track;
//     CheckTickets checks the user's edit of them by the same rules.
//  3. Run(trackID) turns the track's auto-queue on: each ticket that is
//     todo, not interrupted and has its dependencies done
//     (rules.Startable) gets a worker, at most Config.Limit at once over
//     all tracks. A worker is a fresh agent.Run (context amnesia) with the
//     rules.Tier3 prompt, its ticket, its target files in full and
//     skeletons of what they import, and the tools: read_file,
//     list_files, search_files, run_command, write_file and edit_file
//     (each change asked in the approval queue with its diff, then
//     applied once), done (summary) and blocked (reason). A model that
//     answers without a tool call is done too, its answer the summary.
//     Outside step mode the read tools, done and blocked run unasked,
//     run_command asks unless Config.AutoCommands; writes always ask.
//  4. A failed command or a block goes by rules.AfterBlock: the first on a
//     model gets a tier-4 diagnosis added to the tool result, and the
//     worker goes on; the second starts the ticket again from scratch on
//     the next model of its escalation list (Escalated), at most
//     rules.MaxEscalations times; then the ticket is blocked with its
//     reason and rules.Cascade blocks its dependents ("depends on X").
//
// Step mode (Track.StepMode, Ticket.StepMode) makes every transition wait
// in the approval queue: the spawn (its system prompt and context, as
// JSON Args the user may edit: the approved text is what is sent), each
// model turn (a tier-4 diagnosis request too: denied, the worker goes on
// without the diagnosis), each tool call. Pause/Resume hold a track's new
// spawns and turns (diagnoses too); Stop ends one ticket's run (its
// applied edits stay; the ticket is todo, interrupted, "stopped") until
// ResumeTicket. While no worker runs on a ticket, SetTranscript replaces
// its conversation with the user's edit (messages changed or deleted):
// the next start goes on from it. A worker waiting before a model turn
// (its track paused, or the turn's approval in step mode) is held
// (WorkerHeld): its conversation may be edited too; the held turn is then
// not sent, and the worker starts again from the edit and waits as before,
// so Resume (or the approval) sends the edited history. Tiers 1 and 2
// stream their answers as TierText events.
//
// Rules: every prompt, parse and step decision above (rules.X) is read
// through Config.Rules at the moment it is made, as a ruleapi.Rules: the
// app points it at each reloaded generation of the rules/ hot module, so
// a running track's next step uses the new code. A rule that panics is
// reported (RulesFailed) and the decision is made again by the rules it
// replaced; the worker goes on.
//
// Models: Config.Models names a provider and model per tier, the tier-3
// escalation list and the tier-4 model; SetTicket gives a ticket its own
// model (it climbs from there). Usage events carry the tier and model.
//
// Tracks are named by ID (AcceptTrack makes one); a track without an ID,
// made before the engine, is not seen until the app gives it one.
//
// Nothing lost, nothing twice: the app owns the tracks. It calls Apply
// with every event (the engine keeps its own copy the same way), saves
// them with the project, and gives them to New after a restart. A ticket
// in progress at the save is marked interrupted and, on ResumeTicket,
// goes on from its transcript; a track whose auto-queue was on keeps it
// on. Questions are not saved: asked again. Every write has a stable ID (the place of
// its call in the transcript); EditApplied records it just before the
// file is written, and a recorded edit is never applied again; a write
// whose approval was pending is asked again, never applied unasked. (The
// window between the EditApplied event and the app saving it is the
// app's: an edit written but not saved is re-proposed against the new
// text and, as a write_file, found already applied.)
//
// Files:
//
//	config.go   Config, Models (provider and model per tier), defaults
//	event.go    Event and its kinds
//	apply.go    Apply: an event applied to the tracks (app and engine)
//	engine.go   Engine: New, Close, accepting tracks and tickets, Run,
//	            Pause, Resume, Stop, ResumeTicket, Retry, the scheduler
//	plan.go     tiers 1 and 2, and the retry of unparsable answers
//	worker.go   a ticket's worker: attempts, escalation, how it ended
//	gate.go     each turn held while paused and, in step mode, asked
//	wtools.go   the worker's tools: writes with approval, done, blocked,
//	            tier-4 diagnosis, resuming dangling calls
//	context.go  the file tree, full texts and skeletons within a budget
//	transcript.go SetTranscript: the user's edit of a stopped or held
//	            worker's conversation (Manual Slop's memory mutator)
//	rules.go    the rules read at each decision, and a panicking one's fallback
package mma
