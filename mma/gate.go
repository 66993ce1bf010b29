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
// approval.
type gate struct {
	w *worker
	p llm.Provider
	// tier4 marks the gate of a diagnosis request (its question says so).
	tier4 bool
}

func (g *gate) Name() string                                 { return g.p.Name() }
func (g *gate) Models(ctx context.Context) ([]string, error) { return g.p.Models(ctx) }

func (g *gate) Stream(ctx context.Context, req llm.Request) <-chan llm.Event {
	fail := func(err error) <-chan llm.Event {
		ch := make(chan llm.Event, 1)
		ch <- llm.Event{Kind: llm.EventError, Err: err}
		close(ch)
		return ch
	}
	if err := g.w.e.waitUnpaused(ctx, g.w.track); err != nil {
		return fail(err)
	}
	if g.w.step() {
		detail := ""
		if n := len(req.Messages); n > 0 {
			detail = describe(req.Messages[n-1])
		}
		title := fmt.Sprintf("send ticket %s's next request to %s", g.w.ticket, req.Model)
		if g.tier4 {
			title = fmt.Sprintf("send ticket %s's tier-4 diagnosis request to %s", g.w.ticket, req.Model)
		}
		a, err := g.w.ask(ctx, approval.Request{Kind: approval.KindTurn, Title: title, Detail: detail})
		if err != nil {
			return fail(err)
		}
		if !a.Approved {
			return fail(errDenied)
		}
	}
	return g.p.Stream(ctx, req)
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
