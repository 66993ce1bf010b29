package mma

import (
	"context"
	"fmt"
	"strings"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/state"
)

// gate is the worker's provider, and its tier-4 diagnoses': each turn
// waits while the track is paused and, in step mode, for the user's
// approval. While a worker's own turn waits so, the worker is held
// (WorkerHeld): its conversation may be edited (SetTranscript), and then
// the turn is not sent: the run starts again from the edited transcript
// and waits at its gate again.
type gate struct {
	w *worker
	p llm.Provider
	// tier4 marks the gate of a diagnosis request (its question says so).
	tier4 bool
}

func (g *gate) Name() string                                 { return g.p.Name() }
func (g *gate) Models(ctx context.Context) ([]string, error) { return g.p.Models(ctx) }

func (g *gate) Stream(ctx context.Context, req llm.Request) <-chan llm.Event {
	err := g.wait(ctx, req)
	if rerr := g.w.release(); err == nil {
		err = rerr
	}
	if err != nil {
		ch := make(chan llm.Event, 1)
		ch <- llm.Event{Kind: llm.EventError, Err: err}
		close(ch)
		return ch
	}
	return g.p.Stream(ctx, req)
}

// wait waits while the track is paused, then, in step mode, for the
// approval of the request; a worker's own turn is held meanwhile.
func (g *gate) wait(ctx context.Context, req llm.Request) error {
	w := g.w
	var onHold func()
	if !g.tier4 {
		onHold = w.holdLocked
	}
	if err := w.e.waitUnpaused(ctx, w.track, onHold); err != nil {
		return err
	}
	if !w.step() {
		return nil
	}
	if !g.tier4 {
		w.e.mu.Lock()
		w.holdLocked()
		w.e.mu.Unlock()
	}
	detail := ""
	if n := len(req.Messages); n > 0 {
		detail = describe(req.Messages[n-1])
	}
	title := fmt.Sprintf("send ticket %s's next request to %s", w.ticket, req.Model)
	if g.tier4 {
		title = fmt.Sprintf("send ticket %s's tier-4 diagnosis request to %s", w.ticket, req.Model)
	}
	a, err := w.ask(ctx, approval.Request{Kind: approval.KindTurn, Title: title, Detail: detail})
	if err != nil {
		return err
	}
	if !a.Approved {
		return errDenied
	}
	return nil
}

// holdLocked marks the worker held before a turn (engine lock held).
func (w *worker) holdLocked() {
	if !w.held {
		w.held = true
		w.e.emit(Event{Kind: WorkerHeld, Track: w.track, Ticket: w.ticket, Held: true})
	}
}

// release ends the worker's hold before a turn: errEdited when its
// conversation was edited meanwhile (the turn is not sent; the run starts
// again from the edit). The check and the release are one step under the
// engine's lock, so an edit either comes while held (and is used) or is
// refused.
func (w *worker) release() error {
	w.e.mu.Lock()
	defer w.e.mu.Unlock()
	if w.held {
		w.held = false
		w.e.emit(Event{Kind: WorkerHeld, Track: w.track, Ticket: w.ticket})
	}
	if w.current().kind == restart {
		return errEdited
	}
	return nil
}

// describe is a message as a turn approval shows it.
func describe(m llm.Message) string {
	var b strings.Builder
	b.WriteString(m.Text)
	for _, r := range m.ToolResults {
		fmt.Fprintf(&b, "\n[%s result]\n%s", r.Name, r.Content)
	}
	return b.String()
}

// toLLM turns a transcript into the messages of a request.
func toLLM(ms []state.TicketMsg) []llm.Message {
	out := make([]llm.Message, 0, len(ms))
	for _, m := range ms {
		lm := llm.Message{Role: llm.Role(m.Role), Text: m.Text}
		for _, c := range m.Calls {
			lm.ToolCalls = append(lm.ToolCalls, llm.ToolCall{ID: c.ID, Name: c.Name, Args: c.Args})
		}
		for _, r := range m.Results {
			lm.ToolResults = append(lm.ToolResults, llm.ToolResult{CallID: r.CallID, Name: r.Name, Content: r.Content, IsError: r.IsError})
		}
		out = append(out, lm)
	}
	return out
}
