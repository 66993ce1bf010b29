package mma

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/llm/tools"
	"github.com/slopgui/slopgui/ruleapi"
)

// endSpecs describes the two tools that end a worker.
func endSpecs() []llm.ToolSpec {
	str := func(d string) map[string]any { return map[string]any{"type": "string", "description": d} }
	return []llm.ToolSpec{
		{Name: ruleapi.DoneTool, Description: "The ticket is done: end with a short summary of what you changed.",
			Params: map[string]any{"type": "object", "properties": map[string]any{"summary": str("what was changed, in a few lines")}, "required": []string{"summary"}}},
		{Name: ruleapi.BlockedTool, Description: "You cannot go on: say why. You get a diagnosis and may go on.",
			Params: map[string]any{"type": "object", "properties": map[string]any{"reason": str("what stops you")}, "required": []string{"reason"}}},
	}
}

// autoTools run without asking outside step mode.
var autoTools = []string{tools.ReadFile, tools.ListFiles, tools.SearchFiles, ruleapi.DoneTool, ruleapi.BlockedTool}

// approve is the worker's agent.Approver. Writes are never asked here:
// they are asked with their diff when they run.
func (w *worker) approve(ctx context.Context, call llm.ToolCall) (bool, string, error) {
	if call.Name == tools.WriteFile || call.Name == tools.EditFile {
		return true, "", nil
	}
	if !w.step() && (slices.Contains(autoTools, call.Name) || (call.Name == tools.RunCommand && w.e.cfg.AutoCommands)) {
		return true, "", nil
	}
	a, err := w.ask(ctx, approval.Request{Kind: approval.KindTool, Title: call.Name, Args: call.Args, Ref: call.ID})
	return a.Approved, a.Args, err
}

// failedExit matches run_command's ending of a command that failed.
var failedExit = regexp.MustCompile(`\n\[(exit status [1-9][0-9]*|killed after [^\]]*)\]$`)

// Run is the worker's agent.Tools: the read tools and run_command of
// llm/tools, write_file and edit_file through their diff approval, and
// done and blocked, which end the run.
func (w *worker) Run(ctx context.Context, call llm.ToolCall) (string, error) {
	w.e.mu.Lock()
	if w.e.closed || ctx.Err() != nil {
		w.e.mu.Unlock()
		return "", fmt.Errorf("%s: stopped", call.Name)
	}
	w.e.calls.Add(1)
	w.e.mu.Unlock()
	defer w.e.calls.Done()
	var args struct{ Summary, Reason, Command string }
	_ = json.Unmarshal([]byte(call.Args), &args)
	switch call.Name {
	case ruleapi.DoneTool:
		w.finish(outcome{kind: finished, text: strings.TrimSpace(args.Summary)})
		return "done", nil
	case ruleapi.BlockedTool:
		reason := strings.TrimSpace(args.Reason)
		if reason == "" {
			reason = "blocked, no reason given"
		}
		return w.trouble(ctx, reason, "The worker says it is blocked: "+reason)
	case tools.WriteFile, tools.EditFile:
		return w.write(ctx, call)
	case tools.RunCommand:
		out, err := w.runner.Run(ctx, call)
		if err != nil || !failedExit.MatchString(out) {
			return out, err
		}
		return w.trouble(ctx, "the command failed: "+args.Command, "$ "+args.Command+"\n"+out)
	}
	return w.runner.Run(ctx, call)
}

// trouble handles a block or a failed command by the AfterBlock rule: a
// tier-4 diagnosis added to the result (the worker goes on), or the end of
// the run, escalated or blocked for good.
func (w *worker) trouble(ctx context.Context, reason, output string) (string, error) {
	tk, _, ok := w.snapshot()
	if !ok {
		return "", errors.New("the ticket is gone")
	}
	w.mu.Lock()
	w.blocks++
	a := ruleapi.Attempt{Blocks: w.blocks, Escalations: tk.Escalation, Models: len(w.e.cfg.Models.ladder(tk.Model))}
	w.mu.Unlock()
	var act ruleapi.Action
	w.e.rule("AfterBlock", func(r *ruleapi.Rules) { act = r.AfterBlock(a) })
	switch act {
	case ruleapi.Diagnose:
		var system, user string
		w.e.rule("Tier4", func(r *ruleapi.Rules) { system, user = r.Tier4(ruleapi.DiagnoseInput{Ticket: tk, Output: output}) })
		m := w.e.cfg.Models.Tier4
		if m.Provider != nil { // gated like the worker's turns: paused, step mode
			m.Provider = &gate{w: w, p: m.Provider, tier4: true}
		}
		diag, err := w.e.complete(ctx, 4, m,
			llm.Request{System: system, Messages: []llm.Message{{Role: llm.User, Text: user}}}, w.track, w.ticket)
		if err != nil {
			if ctx.Err() != nil {
				return "", err
			}
			return output + "\n\n(no diagnosis: " + err.Error() + ")", nil
		}
		w.emit(Event{Kind: Diagnosis, Text: diag})
		return output + "\n\nDiagnosis (tier 4):\n" + strings.TrimSpace(diag) + "\n\nGo on with the ticket.", nil
	case ruleapi.Escalate:
		w.finish(outcome{kind: escalate})
	default:
		w.finish(outcome{kind: giveUp, text: reason})
	}
	return output, nil
}

// editID is the stable ID of a write call: the place of its call in the
// ticket's transcript (which message, which call), so the same call has
// the same ID after a restart.
func (w *worker) editID(call llm.ToolCall) string {
	tk, _, _ := w.snapshot()
	for i := len(tk.Transcript) - 1; i >= 0; i-- {
		for j, c := range tk.Transcript[i].Calls {
			if c.ID == call.ID {
				return fmt.Sprintf("m%d.c%d:%s", i, j, call.ID)
			}
		}
	}
	return "call:" + call.ID
}

// write proposes a change, asks for it with its diff, records it as
// applied and applies it, once: an edit recorded as applied is never
// applied again, and nothing is applied unasked.
func (w *worker) write(ctx context.Context, call llm.ToolCall) (string, error) {
	id := w.editID(call)
	if tk, _, _ := w.snapshot(); slices.Contains(tk.Applied, id) {
		return "this change was applied already", nil
	}
	ch, err := w.runner.Propose(call)
	if err != nil {
		return "", err
	}
	a, err := w.ask(ctx, approval.Request{Kind: approval.KindEdit, Title: call.Name + " " + ch.Path, Items: []string{ch.Path},
		Detail: ch.Diff(), Args: call.Args, Ref: id})
	if err != nil {
		return "", err
	}
	if !a.Approved {
		return "", errors.New("the user did not approve this change")
	}
	if a.Args != "" && a.Args != call.Args {
		call.Args = a.Args
		if ch, err = w.runner.Propose(call); err != nil {
			return "", fmt.Errorf("the edited change: %w", err)
		}
	}
	w.e.mu.Lock()
	if w.e.closed {
		w.e.mu.Unlock()
		return "", errors.New("the engine closed before the change was applied")
	}
	w.e.emit(Event{Kind: EditApplied, Track: w.track, Ticket: w.ticket, Edit: id})
	w.e.mu.Unlock()
	if err := ch.Apply(); err != nil {
		if errors.Is(err, tools.ErrApplied) {
			return "this change was applied already", nil
		}
		return "", err
	}
	return "applied to " + ch.Path, nil
}

// finishDangling runs the tool calls of the transcript's last turn that
// have no result (the worker was interrupted while they waited): each is
// asked again, and an edit recorded as applied is not applied again.
func (w *worker) finishDangling(ctx context.Context) error {
	tk, _, _ := w.snapshot()
	n := len(tk.Transcript)
	if n == 0 {
		return nil
	}
	i := n - 1
	answered := map[string]bool{}
	if tk.Transcript[i].Role == "user" && i > 0 {
		for _, r := range tk.Transcript[i].Results {
			answered[r.CallID] = true
		}
		i--
	}
	m := tk.Transcript[i]
	if m.Role != "assistant" || (i != n-1 && len(tk.Transcript[n-1].Results) == 0) {
		return nil
	}
	for _, c := range m.Calls {
		if answered[c.ID] {
			continue
		}
		call := llm.ToolCall{ID: c.ID, Name: c.Name, Args: c.Args}
		w.emit(Event{Kind: AgentEvent, Agent: agent.Event{Run: w.id(), Kind: agent.ToolAsked, Call: call}})
		ok, args, err := w.approve(ctx, call)
		if err != nil {
			return fmt.Errorf("asking about %s again: %w", c.Name, err)
		}
		res := llm.ToolResult{CallID: c.ID, Name: c.Name}
		start := time.Now()
		if !ok {
			res.Content, res.IsError = agent.Denied, true
		} else {
			if args != "" {
				call.Args = args
			}
			w.emit(Event{Kind: AgentEvent, Agent: agent.Event{Run: w.id(), Kind: agent.ToolApproved, Call: call}})
			out, err := w.Run(ctx, call)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			res.Content = out
			if err != nil {
				res.Content, res.IsError = "error: "+err.Error(), true
			}
		}
		w.emit(Event{Kind: AgentEvent, Agent: agent.Event{Run: w.id(), Kind: agent.ToolResult, Call: call, Result: res, Approved: ok, Took: time.Since(start)}})
		if w.current().kind != none {
			return nil
		}
	}
	return nil
}
