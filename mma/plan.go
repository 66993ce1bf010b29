package mma

import (
	"context"
	"fmt"
	"strings"

	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/ruleapi"
)

// Plan asks tier 1 to split goal into tracks and returns the plan's ID at
// once; the answer comes as PlanProposed (or PlanFailed) with that ID.
// Nothing runs: the app shows the tracks and calls AcceptTrack for those
// the user accepts (edited or not).
func (e *Engine) Plan(goal string) string {
	e.mu.Lock()
	id := e.newID("plan")
	e.mu.Unlock()
	e.goroutine(func(ctx context.Context) {
		files, err := e.fileTree()
		if err != nil {
			e.report(Event{Kind: PlanFailed, Plan: id, Err: err})
			return
		}
		var system, user string
		in := ruleapi.PlanInput{Goal: goal, Project: e.cfg.Project, SystemPrompt: e.cfg.SystemPrompt, Files: files}
		e.rule("Tier1", func(r *ruleapi.Rules) { system, user = r.Tier1(in) })
		var tracks []ruleapi.ProposedTrack
		schema := &llm.AnswerSchema{Name: "tracks", Description: "The tracks of the plan."}
		e.rule("TracksSchema", func(r *ruleapi.Rules) { schema.Schema = r.TracksSchema() })
		err = e.ask(ctx, Event{Tier: 1, Plan: id}, e.cfg.Models.Tier1, system, user, schema, func(answer string) (err error) {
			e.rule("ParseTracks", func(r *ruleapi.Rules) { tracks, err = r.ParseTracks(answer, files) })
			return err
		})
		if err != nil {
			e.report(Event{Kind: PlanFailed, Plan: id, Err: fmt.Errorf("plan: %w", err)})
			return
		}
		e.report(Event{Kind: PlanProposed, Plan: id, Tracks: tracks})
	})
	return id
}

// Tickets asks tier 2 to split an accepted track into tickets; the answer
// comes as TicketsProposed (or TicketsFailed). The app shows them and calls
// AcceptTickets with those the user approves.
func (e *Engine) Tickets(trackID string) error {
	e.mu.Lock()
	tr, err := e.track(trackID)
	if err != nil {
		e.mu.Unlock()
		return err
	}
	in := ruleapi.TicketsInput{Track: ruleapi.ProposedTrack{Title: tr.Name, Brief: tr.Brief, Files: tr.Files}}
	e.mu.Unlock()
	e.goroutine(func(ctx context.Context) {
		files, err := e.fileTree()
		if err != nil {
			e.report(Event{Kind: TicketsFailed, Track: trackID, Err: err})
			return
		}
		in.Files, in.Skeletons = gather(e.cfg.Root, in.Track.Files, e.cfg.Budget)
		var system, user string
		e.rule("Tier2", func(r *ruleapi.Rules) { system, user = r.Tier2(in) })
		var tickets []ruleapi.ProposedTicket
		schema := &llm.AnswerSchema{Name: "tickets", Description: "The tickets of the track."}
		e.rule("TicketsSchema", func(r *ruleapi.Rules) { schema.Schema = r.TicketsSchema() })
		err = e.ask(ctx, Event{Tier: 2, Track: trackID}, e.cfg.Models.Tier2, system, user, schema, func(answer string) (err error) {
			e.rule("ParseTickets", func(r *ruleapi.Rules) { tickets, err = r.ParseTickets(answer, files) })
			return err
		})
		if err != nil {
			e.report(Event{Kind: TicketsFailed, Track: trackID, Err: fmt.Errorf("tickets for %s: %w", trackID, err)})
			return
		}
		e.report(Event{Kind: TicketsProposed, Track: trackID, Tickets: tickets})
	})
	return nil
}

// goroutine runs f on a goroutine Close waits for.
func (e *Engine) goroutine(f func(ctx context.Context)) {
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		f(e.ctx)
	}()
}

func (e *Engine) fileTree() ([]string, error) {
	if e.cfg.FileTree != nil {
		return e.cfg.FileTree()
	}
	return walkTree(e.cfg.Root)
}

// ask sends a tier-1 or tier-2 request (src: its Tier and Plan or Track),
// its answer constrained to schema where the provider can (structured
// output, a forced tool), and gives parse each answer, streamed as
// TierText events; an answer parse refuses goes back to the model with
// the error (the Retry rule), at most the Tries rule's answers in all.
// The schema is a help, not a check: parse decides.
func (e *Engine) ask(ctx context.Context, src Event, m Model, system, user string, schema *llm.AnswerSchema, parse func(string) error) error {
	req := llm.Request{Model: m.Name, System: system, Messages: []llm.Message{{Role: llm.User, Text: user}}, Answer: schema}
	src.Kind = TierText
	var last error
	tries := 0
	e.rule("Tries", func(r *ruleapi.Rules) { tries = max(1, r.Tries()) })
	for try := 1; try <= tries; try++ {
		answer, err := e.stream(ctx, src.Tier, m, req, src)
		if err != nil && req.Answer != nil && refusedSchema(err) {
			// A server that does not know structured output (an older
			// OpenAI-compatible one) refuses the request: ask again
			// without the schema; the answer is parsed all the same.
			req.Answer = nil
			answer, err = e.stream(ctx, src.Tier, m, req, src)
		}
		if err != nil {
			return err
		}
		if last = parse(answer); last == nil {
			return nil
		}
		var retry string
		e.rule("Retry", func(r *ruleapi.Rules) { retry = r.Retry(last) })
		req.Messages = append(req.Messages, llm.Message{Role: llm.Assistant, Text: answer},
			llm.Message{Role: llm.User, Text: retry})
	}
	return fmt.Errorf("no usable answer in %d tries: %w", tries, last)
}

// refusedSchema says err is the provider refusing the request itself
// (HTTP 400 and the like), as a server does that knows no structured
// output; then the request is worth sending again without the schema.
func refusedSchema(err error) bool {
	le, ok := llm.AsError(err)
	return ok && le.Kind == llm.KindBadRequest
}

// complete sends one request without tools and returns the answer's text,
// reporting its usage for tier (and the ticket, for tier 4).
func (e *Engine) complete(ctx context.Context, tier int, m Model, req llm.Request, track, ticket string) (string, error) {
	return e.stream(ctx, tier, m, req, Event{Track: track, Ticket: ticket})
}

// stream is complete for src's track and ticket; a src of kind TierText
// also reports the answer as it streams (Text "" first).
func (e *Engine) stream(ctx context.Context, tier int, m Model, req llm.Request, src Event) (string, error) {
	track, ticket := src.Track, src.Ticket
	if m.Provider == nil {
		return "", fmt.Errorf("no tier-%d model is set", tier)
	}
	req.Model = m.Name
	shown := src.Kind == TierText
	if shown {
		e.report(src)
	}
	var text strings.Builder
	var usage llm.Usage
	for ev := range m.Provider.Stream(ctx, req) {
		switch ev.Kind {
		case llm.EventText:
			text.WriteString(ev.Text)
			if shown && ev.Text != "" {
				src.Text = ev.Text
				e.report(src)
			}
		case llm.EventUsage:
			usage = ev.Usage
		case llm.EventError:
			e.report(Event{Kind: Usage, Tier: tier, Model: m.Name, Usage: usage, Track: track, Ticket: ticket})
			return "", fmt.Errorf("tier %d (%s): %w", tier, m.Name, ev.Err)
		}
	}
	e.report(Event{Kind: Usage, Tier: tier, Model: m.Name, Usage: usage, Track: track, Ticket: ticket})
	return text.String(), nil
}
