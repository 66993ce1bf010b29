// Package agent is the conversation loop, with no GUI code: one Run sends
// a request to an llm.Provider, streams the answer, asks an Approver about
// each tool call the model makes (the approver may edit the arguments),
// runs the approved ones, feeds the results back and asks again, until
// the model answers without tools. Everything that happens is reported as
// typed Events tagged with the run's ID, in order; the caller applies them
// to its state (the Discussion Hub's Send, the MMA workers).
//
// Stopping is cancelling the context: the run ends within a second even
// when a tool or the provider ignores the cancellation, and nothing that
// arrives after that is reported or fed back to the model.
package agent

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/llm"
)

// Tools runs a tool call and returns its output (llm/tools.Runner).
type Tools interface {
	Run(ctx context.Context, call llm.ToolCall) (string, error)
}

// Approver decides about a tool call: approved, with the arguments to run
// (call.Args, or the user's edit of them). An error means no decision
// (ctx ended): the run stops.
type Approver func(ctx context.Context, call llm.ToolCall) (approved bool, args string, err error)

// Kind says what an Event reports.
type Kind int

// The events of a run, in the order they can come. Exactly one of Done,
// Failed and Stopped ends every run.
const (
	TurnStarted  Kind = iota // a request goes to the model (Round)
	Text                     // Text is the next piece of the answer
	Usage                    // Usage holds the token counts so far
	TurnEnded                // the model answered: Final (its Done or Error), Reply, Calls
	ToolAsked                // Call waits for the approver
	ToolApproved             // Call (with the arguments that run) is running
	ToolDenied               // Call was denied
	ToolResult               // Call ended: Result, Approved, Took
	Done                     // the model answered without tools
	Failed                   // Err says why
	Stopped                  // ctx was cancelled
)

// Event is one step of a run.
type Event struct {
	Run      string // the run's ID
	Kind     Kind
	Round    int // the request's number in the run, from 0
	Text     string
	Usage    llm.Usage      // Usage; TurnEnded: the request's last counts
	Final    llm.Event      // TurnEnded: the provider's closing event (Exchange, Stop, Err)
	Reply    string         // TurnEnded: the whole text of the answer
	Calls    []llm.ToolCall // TurnEnded: the tool calls it asked for
	Call     llm.ToolCall
	Result   llm.ToolResult
	Approved bool          // ToolResult: the call ran (else it was denied)
	Took     time.Duration // ToolResult: how long it ran
	Err      error         // Failed
}

// Config is what a run needs.
type Config struct {
	Provider llm.Provider
	Request  llm.Request // model, system, messages, tool specs
	Tools    Tools
	Approve  Approver
	// Emit receives the events, on Run's goroutine, in order. It must not
	// block for long: the run waits for it.
	Emit func(Event)
	// MaxRounds bounds the model ↔ tool round trips (8 when zero).
	MaxRounds int
}

// Denied is the tool result the model gets for a denied call.
const Denied = "denied by the user"

// grace is how long a stopped run waits for what it stopped (the
// provider's closing event, for the comms history).
const grace = time.Second

// Run runs one conversation until the model stops, it fails, or ctx is
// cancelled, and returns when its last event was emitted.
func Run(ctx context.Context, id string, c Config) {
	r := &run{id: id, c: c, ctx: ctx}
	if r.c.MaxRounds <= 0 {
		r.c.MaxRounds = 8
	}
	r.loop()
}

type run struct {
	id  string
	c   Config
	ctx context.Context
}

func (r *run) emit(e Event) {
	e.Run = r.id
	r.c.Emit(e)
}

// stopped reports whether the user stopped the run (a deadline is a
// failure, not a stop).
func (r *run) stopped() bool { return errors.Is(r.ctx.Err(), context.Canceled) }

// end emits the closing event for err (nil: Done).
func (r *run) end(err error) {
	switch {
	case r.stopped():
		r.emit(Event{Kind: Stopped})
	case err == nil:
		r.emit(Event{Kind: Done})
	default:
		r.emit(Event{Kind: Failed, Err: err})
	}
}

func (r *run) loop() {
	req := r.c.Request
	req.Messages = append([]llm.Message(nil), req.Messages...)
	for round := 0; ; round++ {
		if r.ctx.Err() != nil {
			r.end(r.ctx.Err())
			return
		}
		r.emit(Event{Kind: TurnStarted, Round: round})
		reply, calls, usage, final := r.stream(round, req)
		r.emit(Event{Kind: TurnEnded, Round: round, Final: final, Reply: reply, Calls: calls, Usage: usage})
		if final.Kind == llm.EventError || r.ctx.Err() != nil {
			r.end(final.Err)
			return
		}
		if len(calls) == 0 {
			r.end(nil)
			return
		}
		if round+1 >= r.c.MaxRounds {
			r.end(fmt.Errorf("the model asked for tools %d times in a row; stopped there (send again to continue)", r.c.MaxRounds))
			return
		}
		asked := llm.Message{Role: llm.Assistant, Text: reply, ToolCalls: slices.Clone(calls)}
		var results []llm.ToolResult
		for i, call := range calls {
			res, ran, err := r.tool(round, call)
			if err != nil {
				r.end(err)
				return
			}
			asked.ToolCalls[i] = ran // the history says what ran
			results = append(results, res)
		}
		req.Messages = append(req.Messages, asked, llm.Message{Role: llm.User, ToolResults: results})
	}
}

// stream sends req and reports the answer. After a stop it reports no
// more text and waits at most grace for the provider's closing event.
func (r *run) stream(round int, req llm.Request) (string, []llm.ToolCall, llm.Usage, llm.Event) {
	var text strings.Builder
	var calls []llm.ToolCall
	var usage llm.Usage
	ch := r.c.Provider.Stream(r.ctx, req)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				return text.String(), calls, usage, llm.Event{Kind: llm.EventError, Err: errors.New(r.c.Provider.Name() + ": the answer ended without its closing event")}
			}
			if r.ctx.Err() != nil && ev.Kind != llm.EventDone && ev.Kind != llm.EventError {
				continue // arrived after the stop
			}
			switch ev.Kind {
			case llm.EventText:
				text.WriteString(ev.Text)
				r.emit(Event{Kind: Text, Round: round, Text: ev.Text})
			case llm.EventToolCall:
				calls = append(calls, ev.Call)
			case llm.EventUsage:
				usage = ev.Usage
				r.emit(Event{Kind: Usage, Round: round, Usage: ev.Usage})
			case llm.EventDone, llm.EventError:
				return text.String(), calls, usage, ev
			}
		case <-r.ctx.Done():
			return text.String(), calls, usage, r.closing(ch)
		}
	}
}

// closing waits up to grace for the closing event of a stopped stream;
// the rest of the stream is drained in the background.
func (r *run) closing(ch <-chan llm.Event) llm.Event {
	timer := time.NewTimer(grace)
	defer timer.Stop()
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				return llm.Event{Kind: llm.EventError, Err: r.ctx.Err()}
			}
			if ev.Kind == llm.EventDone || ev.Kind == llm.EventError {
				return ev
			}
		case <-timer.C:
			go func() {
				for range ch {
				}
			}()
			return llm.Event{Kind: llm.EventError, Err: r.ctx.Err()}
		}
	}
}

// tool asks about call and runs it if approved. It returns the result,
// the call as it ran (edited arguments), or an error when the run must
// end (stopped, or no decision).
func (r *run) tool(round int, call llm.ToolCall) (llm.ToolResult, llm.ToolCall, error) {
	r.emit(Event{Kind: ToolAsked, Round: round, Call: call})
	approved, args, err := r.c.Approve(r.ctx, call)
	if err != nil || r.ctx.Err() != nil {
		if err == nil {
			err = r.ctx.Err()
		}
		return llm.ToolResult{}, call, err
	}
	res := llm.ToolResult{CallID: call.ID, Name: call.Name}
	if !approved {
		r.emit(Event{Kind: ToolDenied, Round: round, Call: call})
		res.Content, res.IsError = Denied, true
		r.emit(Event{Kind: ToolResult, Round: round, Call: call, Result: res})
		return res, call, nil
	}
	if args != "" {
		call.Args = args
	}
	r.emit(Event{Kind: ToolApproved, Round: round, Call: call})
	start := time.Now()
	type out struct {
		s   string
		err error
	}
	done := make(chan out, 1) // a late result lands here and is dropped
	go func() {
		s, err := r.c.Tools.Run(r.ctx, call)
		done <- out{s, err}
	}()
	select {
	case o := <-done:
		if r.ctx.Err() != nil { // stopped while it finished: never fed back
			return llm.ToolResult{}, call, r.ctx.Err()
		}
		res.Content = o.s
		if o.err != nil {
			res.Content, res.IsError = "error: "+o.err.Error(), true
		}
	case <-r.ctx.Done():
		return llm.ToolResult{}, call, r.ctx.Err()
	}
	r.emit(Event{Kind: ToolResult, Round: round, Call: call, Result: res, Approved: true, Took: time.Since(start)})
	return res, call, nil
}

// AskQueue is an Approver that asks q, as asker, for each tool call; the
// question carries the run's ID.
func AskQueue(q *approval.Queue, run string, asker approval.Asker) Approver {
	return func(ctx context.Context, call llm.ToolCall) (bool, string, error) {
		a, err := q.Ask(ctx, approval.Request{Kind: approval.KindTool, Title: call.Name, Args: call.Args,
			Ref: call.ID, Run: run, Asker: asker})
		return a.Approved, a.Args, err
	}
}
