package ctl

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slopgui/slopgui/contract"
)

// The MMA ops that drive a plan without the window, as the dashboard's
// buttons do: plan a goal (tier 1), accept proposed tracks, ask tier 2
// for a track's tickets and accept them, run a track, resume a ticket.
const (
	OpMMAPlan          = "mma_plan"           // tier 1 for Goal (Wait: until it answers)
	OpMMAAccept        = "mma_accept"         // accept proposal Proposal (1 = first), or All
	OpMMATickets       = "mma_tickets"        // tier 2 for Track (Wait: until it answers)
	OpMMAAcceptTickets = "mma_accept_tickets" // put Track's proposed tickets in it
	OpMMARun           = "mma_run"            // Track's auto-queue on
	OpMMAResumeTicket  = "mma_resume_ticket"  // Ticket of Track goes on from its transcript
)

// pollEvery is how often a --wait looks at the engine's view: the
// answer is applied on the render thread, at most a frame later.
const pollEvery = 50 * time.Millisecond

// defaultWait bounds a --wait without a timeout of its own.
const defaultWait = 10 * time.Minute

// MMAPlan is what the engine proposes and the user has not accepted yet:
// tier 1's tracks and tier 2's tickets.
type MMAPlan struct {
	Goal     string `json:"goal,omitempty"`
	Planning bool   `json:"planning,omitempty"` // tier 1 is answering
	Error    string `json:"error,omitempty"`    // the last plan's failure
	// Proposals are tier 1's tracks, numbered from 1 (mma accept N).
	Proposals []MMAProposal `json:"proposals,omitempty"`
	// Tickets are tier 2's answers, by track ID.
	Tickets map[string]MMAProposedTickets `json:"tickets,omitempty"`
}

// MMAProposal is a track tier 1 proposes.
type MMAProposal struct {
	N     int      `json:"n"`
	Title string   `json:"title"`
	Brief string   `json:"brief"`
	Files []string `json:"files,omitempty"`
}

// MMAProposedTickets is tier 2's answer for one track.
type MMAProposedTickets struct {
	Busy    bool                `json:"busy,omitempty"`
	Error   string              `json:"error,omitempty"`
	Tickets []MMATicketProposal `json:"tickets,omitempty"`
}

// MMATicketProposal is one ticket tier 2 proposes.
type MMATicketProposal struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Targets     []string `json:"targets,omitempty"`
	DependsOn   []string `json:"dependsOn,omitempty"`
}

// planOf copies what the view proposes; nil when it proposes nothing.
func planOf(v contract.MMAView) *MMAPlan {
	p := &MMAPlan{Goal: v.Goal, Planning: v.Planning, Error: v.PlanError}
	for i, pr := range v.Proposals {
		p.Proposals = append(p.Proposals, MMAProposal{N: i + 1, Title: pr.Title, Brief: pr.Brief, Files: slices.Clone(pr.Files)})
	}
	for id, t := range v.Tickets {
		if p.Tickets == nil {
			p.Tickets = map[string]MMAProposedTickets{}
		}
		pt := MMAProposedTickets{Busy: t.Busy, Error: t.Err}
		for _, k := range t.Proposed {
			pt.Tickets = append(pt.Tickets, MMATicketProposal{ID: k.ID, Title: k.Title, Description: k.Description,
				Targets: slices.Clone(k.Targets), DependsOn: slices.Clone(k.DependsOn)})
		}
		p.Tickets[id] = pt
	}
	if p.Goal == "" && !p.Planning && p.Error == "" && len(p.Proposals) == 0 && len(p.Tickets) == 0 {
		return nil
	}
	return p
}

// servePlanOp answers the ops that drive a plan (engine is live).
func servePlanOp(ctx context.Context, app MMAApp, engine MMA, peer Peer, req Request) Response {
	fail := func(code int, format string, args ...any) Response {
		return Response{Code: code, Error: fmt.Sprintf(format, args...)}
	}
	name := strings.TrimPrefix(req.Op, "mma_")
	logged := func(args ...any) {
		if app.Log != nil {
			app.Log.Info("control: "+req.Op, append(args, "client", peer.String())...)
		}
	}
	// status is the whole MMA status, for --json readers.
	status := func(resp Response) Response {
		tracks, err := app.Tracks(ctx)
		if err == nil {
			resp.MMA = BuildMMAStatus(tracks, app.Queue.Pending(), engine)
		}
		return resp
	}
	switch req.Op {
	case OpMMAPlan:
		goal := strings.TrimSpace(req.Goal)
		if goal == "" {
			return fail(ExitUsage, "plan: no goal given")
		}
		engine.Plan(goal)
		logged("goal", goal)
		if !req.Wait {
			return status(Response{Message: "planning: tier 1 is asked for tracks (slopgui ctl mma status shows them)"})
		}
		v, err := waitView(ctx, engine, req.Timeout(defaultWait), func(v contract.MMAView) bool { return !v.Planning })
		if err != nil {
			return fail(ExitFailed, "plan: tier 1 gave no answer: %v", err)
		}
		if v.PlanError != "" {
			return status(Response{Code: ExitFailed, Error: "plan failed: " + v.PlanError})
		}
		return status(Response{Message: proposalsText(planOf(v))})
	case OpMMAAccept:
		v := engine.MMAView()
		n := len(v.Proposals)
		if n == 0 {
			return fail(ExitFailed, "accept: no track is proposed (slopgui ctl mma plan GOAL first)")
		}
		first, count := req.Proposal-1, 1
		if req.All {
			first, count = 0, n
		} else if req.Proposal < 1 || req.Proposal > n {
			return fail(ExitFailed, "accept: there is no proposal %d; %d are proposed (1 to %d)", req.Proposal, n, n)
		}
		var ids []string
		for range count {
			// Accepting one removes it: the next is at the same place.
			v = engine.MMAView()
			if first >= len(v.Proposals) {
				break
			}
			p := v.Proposals[first]
			id, err := engine.AcceptTrack(first, p)
			if err != nil {
				return fail(ExitFailed, "accept %q: %v", p.Title, err)
			}
			ids = append(ids, fmt.Sprintf("%s (%s)", id, p.Title))
			logged("track", id, "title", p.Title)
		}
		return status(Response{Message: "accepted track " + strings.Join(ids, ", track ")})
	case OpMMATickets, OpMMAAcceptTickets, OpMMARun, OpMMAResumeTicket:
		if req.Track == "" {
			return fail(ExitUsage, "%s: no track given", name)
		}
		id := resolveTrack(ctx, app, req.Track)
		var err error
		var msg string
		switch req.Op {
		case OpMMATickets:
			err, msg = engine.MakeTickets(id), "tier 2 is asked for the tickets of track "+id
		case OpMMAAcceptTickets:
			err, msg = engine.AcceptTickets(id), "accepted the proposed tickets of track "+id
		case OpMMARun:
			err, msg = engine.Run(id), "running track "+id
		default:
			if req.Ticket == "" {
				return fail(ExitUsage, "resume-ticket: no ticket given")
			}
			err, msg = engine.ResumeTicket(id, req.Ticket), "resumed ticket "+req.Ticket+" of track "+id
		}
		if err != nil {
			return fail(ExitFailed, "%s %s: %v", name, req.Track, err)
		}
		logged("track", id, "ticket", req.Ticket)
		if req.Op != OpMMATickets || !req.Wait {
			return status(Response{Message: msg})
		}
		v, err := waitView(ctx, engine, req.Timeout(defaultWait), func(v contract.MMAView) bool { return !v.Tickets[id].Busy })
		if err != nil {
			return fail(ExitFailed, "tickets %s: tier 2 gave no answer: %v", req.Track, err)
		}
		t := v.Tickets[id]
		if t.Err != "" || len(t.Proposed) == 0 {
			return status(Response{Code: ExitFailed, Error: fmt.Sprintf("tickets %s failed: %s", req.Track, cmp.Or(t.Err, "no tickets proposed"))})
		}
		return status(Response{Message: ticketsText(id, planOf(v).Tickets[id])})
	}
	return fail(ExitUsage, "unknown request %q", req.Op)
}

// resolveTrack is the ID of the app's track named track, or track itself
// (an ID, or a track the app's state has not shown yet).
func resolveTrack(ctx context.Context, app MMAApp, track string) string {
	tracks, err := app.Tracks(ctx)
	if err != nil {
		return track
	}
	for _, t := range tracks {
		if t.ID == track {
			return track
		}
	}
	for _, t := range tracks {
		if t.Name == track && t.ID != "" {
			return t.ID
		}
	}
	return track
}

// waitView polls the engine's view until done holds, ctx ends or timeout
// passes.
func waitView(ctx context.Context, engine MMA, timeout time.Duration, done func(contract.MMAView) bool) (contract.MMAView, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		v := engine.MMAView()
		if done(v) {
			return v, nil
		}
		select {
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return v, fmt.Errorf("still waiting after %v", timeout)
			}
			return v, ctx.Err()
		case <-tick.C:
		}
	}
}

// proposalsText lists proposed tracks for a person.
func proposalsText(p *MMAPlan) string {
	var b strings.Builder
	n := 0
	if p != nil {
		n = len(p.Proposals)
	}
	fmt.Fprintf(&b, "%d tracks proposed (slopgui ctl mma accept N|all):", n)
	if p != nil {
		for _, pr := range p.Proposals {
			fmt.Fprintf(&b, "\n  %d. %s: %s", pr.N, pr.Title, firstLine(pr.Brief))
			if len(pr.Files) > 0 {
				fmt.Fprintf(&b, " [%s]", strings.Join(pr.Files, ", "))
			}
		}
	}
	return b.String()
}

// ticketsText lists a track's proposed tickets for a person.
func ticketsText(track string, t MMAProposedTickets) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d tickets proposed for track %s (slopgui ctl mma accept-tickets %s):", len(t.Tickets), track, track)
	for _, k := range t.Tickets {
		fmt.Fprintf(&b, "\n  %s: %s", k.ID, k.Title)
		if len(k.Targets) > 0 {
			fmt.Fprintf(&b, " [%s]", strings.Join(k.Targets, ", "))
		}
		if len(k.DependsOn) > 0 {
			fmt.Fprintf(&b, " after %s", strings.Join(k.DependsOn, ","))
		}
	}
	return b.String()
}

// printPlan writes what the engine proposes, for a person.
func printPlan(w io.Writer, p *MMAPlan) {
	if p == nil {
		return
	}
	switch {
	case p.Planning:
		fmt.Fprintf(w, "planning %q: tier 1 is answering\n", p.Goal)
	case p.Error != "":
		fmt.Fprintf(w, "plan %q failed: %s\n", p.Goal, p.Error)
	case len(p.Proposals) > 0:
		fmt.Fprintln(w, proposalsText(p))
	}
	ids := make([]string, 0, len(p.Tickets))
	for id := range p.Tickets {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		t := p.Tickets[id]
		switch {
		case t.Busy:
			fmt.Fprintf(w, "tickets of track %s: tier 2 is answering\n", id)
		case t.Error != "":
			fmt.Fprintf(w, "tickets of track %s failed: %s\n", id, t.Error)
		default:
			fmt.Fprintln(w, ticketsText(id, t))
		}
	}
}

// planRequest parses the words of the plan-driving commands after
// `slopgui ctl mma` (the first is the command).
func planRequest(sub string, pos []string, o mmaOpts) (Request, error) {
	req := Request{Op: "mma_" + strings.ReplaceAll(sub, "-", "_"), Wait: o.wait}
	if o.wait && sub != "plan" && sub != "tickets" {
		return Request{}, fmt.Errorf("%s takes no --wait (plan and tickets do)", sub)
	}
	if o.wait || o.timeout > 0 {
		req.TimeoutMs = cmp.Or(o.timeout, defaultWait).Milliseconds()
	}
	switch sub {
	case "plan":
		goal := strings.TrimSpace(strings.Join(pos, " "))
		if goal == "" {
			return Request{}, errors.New(`plan wants a goal: slopgui ctl mma plan "GOAL" [--wait]`)
		}
		req.Goal = goal
	case "accept":
		if len(pos) != 1 {
			return Request{}, errors.New("accept wants a proposal's number (1 = the first, as mma status lists them) or all")
		}
		if strings.EqualFold(pos[0], "all") {
			req.All = true
			break
		}
		n, err := strconv.Atoi(pos[0])
		if err != nil || n < 1 {
			return Request{}, fmt.Errorf("accept: %q is neither a proposal's number (1, 2…) nor all", pos[0])
		}
		req.Proposal = n
	case "tickets", "accept-tickets", "run":
		if len(pos) != 1 || pos[0] == "" {
			return Request{}, fmt.Errorf("%s wants one track: slopgui ctl mma %s TRACK", sub, sub)
		}
		req.Track = pos[0]
	case "resume-ticket":
		if len(pos) != 2 || pos[0] == "" || pos[1] == "" {
			return Request{}, errors.New("resume-ticket wants a track and a ticket: slopgui ctl mma resume-ticket TRACK TICKET")
		}
		req.Track, req.Ticket = pos[0], pos[1]
	default:
		return Request{}, fmt.Errorf("unknown command %q", sub)
	}
	return req, nil
}
