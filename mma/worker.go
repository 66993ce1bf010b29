package mma

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/llm/tools"
	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/state"
)

// errDenied ends a run whose spawn or turn the user did not approve.
var errDenied = errors.New("not approved by the user")

// errEdited ends a held run whose conversation the user edited: it starts
// again from the edit.
var errEdited = errors.New("the conversation was edited: going on from the edit")

// worker runs one ticket: one agent.Run per model it climbs to.
type worker struct {
	e             *Engine
	track, ticket string
	ctx           context.Context
	cancel        context.CancelFunc
	stopped       atomic.Bool // the user stopped it
	runner        tools.Runner

	mu        sync.Mutex
	out       outcome            // what ended the current run, set by a tool
	runCancel context.CancelFunc // ends the current run
	blocks    int                // blocks and failed commands on the current model

	// held: the worker waits before a model turn (paused, or its step
	// approval); under e.mu. SetTranscript may edit a held worker's
	// conversation.
	held bool
	// system and intro are what the last attempt started with (as the
	// user approved them in step mode): an edit's restart reuses them.
	system, intro string
}

type outcomeKind int

const (
	none     outcomeKind = iota
	finished             // done: text is the summary
	giveUp               // blocked for good: text is the reason
	escalate             // retry from scratch on the next model
	stopped              // the user stopped it
	closed               // the engine closed
	denied               // a spawn or turn was not approved
	failed               // the run failed: text is why
	restart              // the held worker's conversation was edited: run again from it
)

type outcome struct {
	kind outcomeKind
	text string
}

// start starts ticket's worker (lock held).
func (e *Engine) start(trackID, ticketID string) {
	ctx, cancel := context.WithCancel(e.ctx)
	w := &worker{e: e, track: trackID, ticket: ticketID, ctx: ctx, cancel: cancel, runner: tools.Runner{Root: e.cfg.Root}}
	k := key(trackID, ticketID)
	e.workers[k] = w
	tk := FindTicket(e.tracks, trackID, ticketID)
	e.emit(Event{Kind: StatusChanged, Track: trackID, Ticket: ticketID, Status: state.StatusInProgress})
	e.emit(Event{Kind: WorkerStarted, Track: trackID, Ticket: ticketID, Model: w.model(tk).Name})
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		defer cancel()
		out := w.main()
		e.mu.Lock()
		defer e.mu.Unlock()
		e.ended(w, out)
	}()
}

func (w *worker) id() string { return key(w.track, w.ticket) }

func (w *worker) stop() {
	w.stopped.Store(true)
	w.cancel()
}

// snapshot copies the worker's ticket and its track (it takes the lock);
// false when either is gone.
func (w *worker) snapshot() (state.Ticket, state.Track, bool) {
	w.e.mu.Lock()
	defer w.e.mu.Unlock()
	tr, err := w.e.track(w.track)
	if err != nil {
		return state.Ticket{}, state.Track{}, false
	}
	tk := tr.Ticket(w.ticket)
	if tk == nil {
		return state.Ticket{}, state.Track{}, false
	}
	c := state.CloneTracks([]state.Track{*tr})[0]
	return *c.Ticket(w.ticket), c, true
}

// step reports whether the ticket's transitions wait for the user now.
func (w *worker) step() bool {
	tk, tr, ok := w.snapshot()
	return ok && (tk.StepMode || tr.StepMode)
}

// model is the ticket's current model on its escalation ladder.
func (w *worker) model(tk *state.Ticket) Model {
	l := w.e.cfg.Models.ladder(tk.Model)
	if len(l) == 0 {
		return Model{}
	}
	return l[min(tk.Escalation, len(l)-1)]
}

func (w *worker) emit(ev Event) {
	ev.Track, ev.Ticket = w.track, w.ticket
	w.e.report(ev)
}

// main runs the ticket until it is done, blocked for good, failed or
// interrupted, escalating on the way, and returns how it ended.
func (w *worker) main() outcome {
	again := false
	for {
		out := w.attempt(again)
		again = out.kind == restart
		if again {
			continue
		}
		if out.kind != escalate {
			return out
		}
		tk, _, _ := w.snapshot()
		tk.Escalation++
		w.emit(Event{Kind: Escalated, Escalation: tk.Escalation, Model: w.model(&tk).Name})
	}
}

// ended reports how the worker ended, frees its slot and starts what may
// start (lock held): the ticket's status and the free slot come together.
func (e *Engine) ended(w *worker, out outcome) {
	ev := Event{Kind: StatusChanged, Track: w.track, Ticket: w.ticket}
	switch out.kind {
	case finished:
		ev.Status, ev.Summary = state.StatusDone, out.text
	case giveUp:
		ev.Status, ev.Reason = state.StatusBlocked, out.text
	case stopped:
		ev.Status, ev.Reason, ev.Interrupted = state.StatusTodo, "stopped", true
	case denied:
		ev.Status, ev.Reason, ev.Interrupted = state.StatusTodo, out.text, true
	case failed:
		ev.Status, ev.Reason = state.StatusFailed, out.text
	}
	if ev.Status != "" {
		e.emit(ev)
	}
	if out.kind == giveUp {
		if tr, err := e.track(w.track); err == nil {
			var hit []string
			e.ruleHeld("Cascade", func(r *ruleapi.Rules) { hit = r.Cascade(tr, w.ticket) })
			for _, id := range hit {
				e.emit(Event{Kind: StatusChanged, Track: w.track, Ticket: id, Status: state.StatusBlocked, Reason: "depends on " + w.ticket})
			}
		}
	}
	delete(e.workers, key(w.track, w.ticket))
	e.emit(Event{Kind: WorkerEnded, Track: w.track, Ticket: w.ticket})
	e.schedule()
}

// interrupted says how a run cut short ended: closed, stopped, or o.
func (w *worker) interrupted(o outcome) outcome {
	switch {
	case w.e.ctx.Err() != nil:
		return outcome{kind: closed}
	case w.stopped.Load():
		return outcome{kind: stopped}
	}
	return o
}

// attempt runs the ticket on its current model, from its transcript;
// again: after an edit of a held worker's conversation, with the system
// prompt and intro it had (not asked again in step mode).
func (w *worker) attempt(again bool) outcome {
	tk, tr, ok := w.snapshot()
	if !ok {
		return outcome{kind: closed} // the track or ticket is gone
	}
	m := w.model(&tk)
	if m.Provider == nil {
		return outcome{kind: failed, text: "no tier-3 model is set"}
	}
	full, skel := gather(w.e.cfg.Root, tk.Targets, w.e.cfg.Budget)
	var system, intro string
	in := ruleapi.WorkerInput{Brief: tr.Brief, Ticket: tk, Files: full, Skeletons: skel}
	w.e.rule("Tier3", func(r *ruleapi.Rules) { system, intro = r.Tier3(in) })
	resume := len(tk.Transcript) > 0
	switch {
	case again:
		system, intro = w.system, w.intro
	case tk.StepMode || tr.StepMode:
		var err error
		if system, intro, err = w.askSpawn(m, system, intro, resume, len(tk.Transcript)); err != nil {
			return w.interrupted(outcome{kind: denied, text: "spawn not approved"})
		}
	}
	w.system, w.intro = system, intro
	if !resume {
		w.emit(Event{Kind: Message, Msg: state.TicketMsg{Role: "user", Text: intro}})
	}
	w.mu.Lock()
	w.out = outcome{}
	if !again {
		w.blocks = 0
	}
	runCtx, cancel := context.WithCancel(w.ctx)
	w.runCancel = cancel
	w.mu.Unlock()
	defer cancel()

	if err := w.finishDangling(runCtx); err != nil {
		return w.ended(outcome{kind: failed, text: err.Error()})
	}
	if o := w.current(); o.kind != none {
		return o
	}
	tk, _, _ = w.snapshot()
	if n := len(tk.Transcript); n > 0 && tk.Transcript[n-1].Role == "assistant" {
		w.emit(Event{Kind: Message, Msg: state.TicketMsg{Role: "user", Text: "Go on with the ticket: call " + ruleapi.DoneTool + " when it is done."}})
		tk, _, _ = w.snapshot()
	}
	var last agent.Event
	specs := append(append(tools.Specs(), tools.EditSpecs()...), endSpecs()...)
	agent.Run(runCtx, w.id(), agent.Config{
		Provider:  &gate{w: w, p: m.Provider},
		Request:   llm.Request{Model: m.Name, System: system, Messages: toLLM(tk.Transcript), Tools: specs},
		Tools:     w,
		Approve:   w.approve,
		MaxRounds: w.e.cfg.MaxRounds,
		Emit: func(ev agent.Event) {
			w.emit(Event{Kind: AgentEvent, Agent: ev})
			switch ev.Kind {
			case agent.TurnEnded:
				w.emit(Event{Kind: Usage, Tier: 3, Model: m.Name, Usage: ev.Usage})
				last.Reply = ev.Reply
			case agent.Done, agent.Failed, agent.Stopped:
				last.Kind, last.Err = ev.Kind, ev.Err
			}
		},
	})
	if o := w.current(); o.kind != none {
		return o
	}
	switch {
	case last.Kind == agent.Done:
		return outcome{kind: finished, text: strings.TrimSpace(last.Reply)}
	case last.Kind == agent.Failed && errors.Is(last.Err, errDenied):
		return w.interrupted(outcome{kind: denied, text: "turn not approved"})
	case last.Kind == agent.Failed:
		return w.ended(outcome{kind: failed, text: last.Err.Error()})
	}
	return w.interrupted(outcome{kind: stopped})
}

// ended is o unless the run was cut short by Stop or Close.
func (w *worker) ended(o outcome) outcome {
	if w.ctx.Err() != nil {
		return w.interrupted(o)
	}
	return o
}

// current is the outcome a tool set, if any.
func (w *worker) current() outcome {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.out
}

// finish ends the current run with o (a tool decided).
func (w *worker) finish(o outcome) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.out.kind == none {
		w.out = o
	}
	if w.runCancel != nil {
		w.runCancel()
	}
}

// askSpawn asks to start the worker, showing its system prompt and
// context; the approved (maybe edited) text is what is sent.
func (w *worker) askSpawn(m Model, system, intro string, resume bool, n int) (string, string, error) {
	detail := intro
	if resume {
		detail = fmt.Sprintf("(continues from its transcript of %d messages)", n)
	}
	args, _ := json.Marshal(map[string]string{"system": system, "context": detail})
	a, err := w.ask(w.ctx, approval.Request{Kind: approval.KindSpawn, Title: fmt.Sprintf("start ticket %s on %s", w.ticket, m.Name),
		Detail: "System prompt:\n" + system + "\n\nContext:\n" + detail, Args: string(args)})
	if err != nil {
		return "", "", err
	}
	if !a.Approved {
		return "", "", errDenied
	}
	var edited struct{ System, Context string }
	if err := json.Unmarshal([]byte(a.Args), &edited); err == nil {
		system = edited.System
		if !resume {
			intro = edited.Context
		}
	}
	return system, intro, nil
}

// ask puts a question in the queue on behalf of this worker.
func (w *worker) ask(ctx context.Context, r approval.Request) (approval.Answer, error) {
	r.Run, r.Asker = w.id(), w.e.cfg.Asker
	w.emit(Event{Kind: Asked, Question: r})
	return w.e.cfg.Queue.Ask(ctx, r)
}
