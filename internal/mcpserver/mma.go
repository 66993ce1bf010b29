package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/slopgui/slopgui/internal/ctl"
)

// The MMA tools: the same ops as `slopgui ctl mma`.

const answerNote = " It answers exactly as the user's button in the window would, and whoever asked (a reload, a tool call, an MMA worker) " +
	"goes on at once; approvals exist so that the user decides: answer one only when the user told you to."

const (
	descMMAStatus = "The multi-model agent (MMA) side of the running slopgui, as JSON: whether its MMA engine runs (engine: its own status, " +
		"with token usage per tier), the tracks of the app's state with their tickets (id, title, status, reason, dependsOn), " +
		"and every approval waiting for the user, oldest first: id (for mma_approve / mma_deny), kind (reload, tool, edit, spawn, turn), " +
		"title, asker, items, detail (e.g. a diff), args. The one queue the window, slopgui ctl and these tools all see. Read only."
	descMMAApprove = "Approve the pending approval with this id (from mma_status); args, when given, replaces the call's arguments " +
		"(as the user editing them before approving). An unknown or already answered id is an error naming the pending ones." + answerNote
	descMMADeny  = "Deny the pending approval with this id (from mma_status)." + answerNote
	descMMAPause = "Pause an MMA track (by id or name, see mma_status): no new worker starts and no worker sends a next turn " +
		"until mma_resume. An error when the app runs no MMA engine."
	descMMAResume = "Resume a paused MMA track (by id or name): its ready tickets run again. An error when the app runs no MMA engine."
	descMMAStep   = "Turn step mode of an MMA track (by id or name) on or off: with it on, every transition of its tickets " +
		"(a worker starting, each turn) waits for an approval (see mma_status). An error when the app runs no MMA engine."
)

const (
	descMMAPlan = "Ask the MMA engine's tier-1 model to plan a goal: it answers with proposed tracks (title, brief, files), shown " +
		"in the MMA Dashboard and in mma_status's plan.proposals, numbered from 1. Nothing runs until a track is accepted (mma_accept). " +
		"With wait, the call returns once tier 1 has answered (the proposals, or the plan's error). Same as the dashboard's Plan button."
	descMMAAccept = "Accept proposed track number proposal (1 = the first, as mma_status's plan.proposals numbers them), or all of them: " +
		"each becomes a track (its ID is in the message) with no tickets yet (mma_tickets). Same as the dashboard's Accept."
	descMMATickets = "Ask the MMA engine's tier-2 model for the tickets of an accepted track (by id or name): they are proposed " +
		"(mma_status's plan.tickets) until mma_accept_tickets. With wait, the call returns once tier 2 has answered."
	descMMAAcceptTickets = "Put a track's proposed tickets (mma_tickets) in the track, as the dashboard's Accept does. Nothing runs until mma_run."
	descMMARun           = "Run a track (by id or name): its ready tickets get tier-3 workers, at most the engine's limit at once. " +
		"Each change a worker makes to a file waits as an approval (mma_status; mma_approve / mma_deny)."
	descMMAResumeTicket = "Let an interrupted or stopped ticket of a track go on from its transcript (an edit whose approval was pending is asked again)."
)

// PlanIn is mma_plan's input.
type PlanIn struct {
	Goal           string `json:"goal" jsonschema:"what the project should get, in a few sentences"`
	Wait           bool   `json:"wait,omitempty" jsonschema:"return once tier 1 has answered"`
	TimeoutSeconds int    `json:"timeout_seconds,omitempty" jsonschema:"with wait: give up after this many seconds (default 600)"`
}

// AcceptIn is mma_accept's input.
type AcceptIn struct {
	Proposal int  `json:"proposal,omitempty" jsonschema:"the proposed track's number, 1 for the first (mma_status plan.proposals[].n)"`
	All      bool `json:"all,omitempty" jsonschema:"accept every proposed track"`
}

// TicketsIn is mma_tickets's input.
type TicketsIn struct {
	Track          string `json:"track" jsonschema:"the track's id or name, as mma_status lists it"`
	Wait           bool   `json:"wait,omitempty" jsonschema:"return once tier 2 has answered"`
	TimeoutSeconds int    `json:"timeout_seconds,omitempty" jsonschema:"with wait: give up after this many seconds (default 600)"`
}

// TicketIn is mma_resume_ticket's input.
type TicketIn struct {
	Track  string `json:"track" jsonschema:"the track's id or name, as mma_status lists it"`
	Ticket string `json:"ticket" jsonschema:"the ticket's id, e.g. T2"`
}

// AnswerIn is mma_approve's and mma_deny's input.
type AnswerIn struct {
	ID   string `json:"id" jsonschema:"the approval's id, as mma_status lists it (e.g. q3)"`
	Args string `json:"args,omitempty" jsonschema:"mma_approve only: the call's arguments as edited; empty keeps them"`
}

// TrackIn is mma_pause's and mma_resume's input.
type TrackIn struct {
	Track string `json:"track" jsonschema:"the track's id or name, as mma_status lists it"`
}

// StepIn is mma_step's input.
type StepIn struct {
	Track string `json:"track" jsonschema:"the track's id or name, as mma_status lists it"`
	On    bool   `json:"on" jsonschema:"true turns step mode on, false off"`
}

type changer func(ctx context.Context, req ctl.Request) (*mcp.CallToolResult, Result, error)

func addMMA(s *mcp.Server, call caller, change changer) {
	mcp.AddTool(s, &mcp.Tool{Name: "mma_status", Description: descMMAStatus, Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true}},
		func(ctx context.Context, _ *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, any, error) {
			resp, err := call(ctx, ctl.Request{Op: ctl.OpMMAStatus})
			if err != nil {
				return nil, nil, fmt.Errorf("slopgui is not reachable: %w", err)
			}
			if resp.Code != ctl.ExitOK || resp.MMA == nil {
				return nil, nil, fmt.Errorf("mma_status: %s", resp.Error)
			}
			b, err := json.MarshalIndent(resp.MMA, "", "  ")
			if err != nil {
				return nil, nil, err
			}
			return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(b)}}}, nil, nil
		})
	answer := func(op string) func(context.Context, *mcp.CallToolRequest, AnswerIn) (*mcp.CallToolResult, Result, error) {
		return func(ctx context.Context, _ *mcp.CallToolRequest, in AnswerIn) (*mcp.CallToolResult, Result, error) {
			if in.ID == "" {
				return nil, Result{}, errors.New("id is required (see mma_status)")
			}
			if op == ctl.OpMMADeny && in.Args != "" {
				return nil, Result{}, errors.New("args is for mma_approve only")
			}
			return change(ctx, ctl.Request{Op: op, ID: in.ID, Args: in.Args})
		}
	}
	mcp.AddTool(s, &mcp.Tool{Name: "mma_approve", Description: descMMAApprove}, answer(ctl.OpMMAApprove))
	mcp.AddTool(s, &mcp.Tool{Name: "mma_deny", Description: descMMADeny}, answer(ctl.OpMMADeny))
	track := func(op string) func(context.Context, *mcp.CallToolRequest, TrackIn) (*mcp.CallToolResult, Result, error) {
		return func(ctx context.Context, _ *mcp.CallToolRequest, in TrackIn) (*mcp.CallToolResult, Result, error) {
			if in.Track == "" {
				return nil, Result{}, errors.New("track is required (see mma_status)")
			}
			return change(ctx, ctl.Request{Op: op, Track: in.Track})
		}
	}
	mcp.AddTool(s, &mcp.Tool{Name: "mma_pause", Description: descMMAPause}, track(ctl.OpMMAPause))
	mcp.AddTool(s, &mcp.Tool{Name: "mma_resume", Description: descMMAResume}, track(ctl.OpMMAResume))
	addPlan(change, s, track)
	mcp.AddTool(s, &mcp.Tool{Name: "mma_step", Description: descMMAStep},
		func(ctx context.Context, _ *mcp.CallToolRequest, in StepIn) (*mcp.CallToolResult, Result, error) {
			if in.Track == "" {
				return nil, Result{}, errors.New("track is required (see mma_status)")
			}
			return change(ctx, ctl.Request{Op: ctl.OpMMAStep, Track: in.Track, On: in.On})
		})
}

// waitMs is a wait's timeout for the request.
func waitMs(wait bool, seconds int) int64 {
	if !wait {
		return 0
	}
	if seconds <= 0 {
		seconds = 600
	}
	return (time.Duration(seconds) * time.Second).Milliseconds()
}

// addPlan adds the tools that drive a plan.
func addPlan(change changer, s *mcp.Server, track func(op string) func(context.Context, *mcp.CallToolRequest, TrackIn) (*mcp.CallToolResult, Result, error)) {
	mcp.AddTool(s, &mcp.Tool{Name: "mma_plan", Description: descMMAPlan},
		func(ctx context.Context, _ *mcp.CallToolRequest, in PlanIn) (*mcp.CallToolResult, Result, error) {
			if strings.TrimSpace(in.Goal) == "" {
				return nil, Result{}, errors.New("goal is required")
			}
			return change(ctx, ctl.Request{Op: ctl.OpMMAPlan, Goal: in.Goal, Wait: in.Wait, TimeoutMs: waitMs(in.Wait, in.TimeoutSeconds)})
		})
	mcp.AddTool(s, &mcp.Tool{Name: "mma_accept", Description: descMMAAccept},
		func(ctx context.Context, _ *mcp.CallToolRequest, in AcceptIn) (*mcp.CallToolResult, Result, error) {
			if in.All == (in.Proposal > 0) {
				return nil, Result{}, errors.New("give either proposal (1 = the first) or all")
			}
			return change(ctx, ctl.Request{Op: ctl.OpMMAAccept, Proposal: in.Proposal, All: in.All})
		})
	mcp.AddTool(s, &mcp.Tool{Name: "mma_tickets", Description: descMMATickets},
		func(ctx context.Context, _ *mcp.CallToolRequest, in TicketsIn) (*mcp.CallToolResult, Result, error) {
			if in.Track == "" {
				return nil, Result{}, errors.New("track is required (see mma_status)")
			}
			return change(ctx, ctl.Request{Op: ctl.OpMMATickets, Track: in.Track, Wait: in.Wait, TimeoutMs: waitMs(in.Wait, in.TimeoutSeconds)})
		})
	mcp.AddTool(s, &mcp.Tool{Name: "mma_accept_tickets", Description: descMMAAcceptTickets}, track(ctl.OpMMAAcceptTickets))
	mcp.AddTool(s, &mcp.Tool{Name: "mma_run", Description: descMMARun}, track(ctl.OpMMARun))
	mcp.AddTool(s, &mcp.Tool{Name: "mma_resume_ticket", Description: descMMAResumeTicket},
		func(ctx context.Context, _ *mcp.CallToolRequest, in TicketIn) (*mcp.CallToolResult, Result, error) {
			if in.Track == "" || in.Ticket == "" {
				return nil, Result{}, errors.New("track and ticket are required (see mma_status)")
			}
			return change(ctx, ctl.Request{Op: ctl.OpMMAResumeTicket, Track: in.Track, Ticket: in.Ticket})
		})
}
