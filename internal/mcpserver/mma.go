package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

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
	mcp.AddTool(s, &mcp.Tool{Name: "mma_step", Description: descMMAStep},
		func(ctx context.Context, _ *mcp.CallToolRequest, in StepIn) (*mcp.CallToolResult, Result, error) {
			if in.Track == "" {
				return nil, Result{}, errors.New("track is required (see mma_status)")
			}
			return change(ctx, ctl.Request{Op: ctl.OpMMAStep, Track: in.Track, On: in.On})
		})
}
