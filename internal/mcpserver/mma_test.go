package mcpserver

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/ctl"
)

// The mma_* tools send the ctl ops with their arguments and return the
// app's answers.
func TestMMATools(t *testing.T) {
	var got []ctl.Request
	call := func(_ context.Context, req ctl.Request) (ctl.Response, error) {
		got = append(got, req)
		switch req.Op {
		case ctl.OpMMAStatus:
			return ctl.Response{MMA: ctl.BuildMMAStatus([]ctl.MMATrack{{Name: "hot reload", Tickets: []ctl.MMATicket{{ID: "T1", Status: "todo"}}}}, nil, nil)}, nil
		case ctl.OpMMAPause:
			return ctl.Response{Code: ctl.ExitFailed, Error: "pause x: " + ctl.ErrNoEngine.Error()}, nil
		case ctl.OpMMAPlan:
			if req.Wait {
				return ctl.Response{Message: "1 tracks proposed", MMA: &ctl.MMAStatus{Running: true,
					Plan: &ctl.MMAPlan{Goal: req.Goal, Proposals: []ctl.MMAProposal{{N: 1, Title: "Undo stack", Brief: "b"}}}}}, nil
			}
		}
		return ctl.Response{Message: "done"}, nil
	}
	ctx := context.Background()
	st, ct := mcp.NewInMemoryTransports()
	if _, err := NewServer("test", call).Connect(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "t", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	tools, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	schemas := map[string]string{}
	for _, tool := range tools.Tools {
		b, _ := json.Marshal(tool.InputSchema)
		schemas[tool.Name] = string(b)
		if strings.HasPrefix(tool.Name, "mma_") && tool.Description == "" {
			t.Errorf("%s has no description", tool.Name)
		}
	}
	for name, want := range map[string]string{"mma_status": "object", "mma_approve": `"id"`, "mma_deny": `"id"`,
		"mma_pause": `"track"`, "mma_resume": `"track"`, "mma_step": `"on"`, "mma_plan": `"goal"`, "mma_accept": `"proposal"`,
		"mma_tickets": `"wait"`, "mma_accept_tickets": `"track"`, "mma_run": `"track"`, "mma_resume_ticket": `"ticket"`} {
		if !strings.Contains(schemas[name], want) {
			t.Errorf("%s's schema %s lacks %s", name, schemas[name], want)
		}
	}

	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "mma_status", Arguments: map[string]any{}})
	if err != nil || res.IsError {
		t.Fatalf("mma_status: %v %+v", err, res)
	}
	var s ctl.MMAStatus
	if err := json.Unmarshal([]byte(res.Content[0].(*mcp.TextContent).Text), &s); err != nil || len(s.Tracks) != 1 || s.Running {
		t.Errorf("mma_status: %v %+v", err, s)
	}
	for _, c := range []struct {
		tool    string
		args    map[string]any
		want    ctl.Request
		isError bool
	}{
		{"mma_approve", map[string]any{"id": "q3", "args": "{}"}, ctl.Request{Op: ctl.OpMMAApprove, ID: "q3", Args: "{}"}, false},
		{"mma_deny", map[string]any{"id": "q4"}, ctl.Request{Op: ctl.OpMMADeny, ID: "q4"}, false},
		{"mma_pause", map[string]any{"track": "x"}, ctl.Request{Op: ctl.OpMMAPause, Track: "x"}, true},
		{"mma_resume", map[string]any{"track": "x"}, ctl.Request{Op: ctl.OpMMAResume, Track: "x"}, false},
		{"mma_step", map[string]any{"track": "x", "on": true}, ctl.Request{Op: ctl.OpMMAStep, Track: "x", On: true}, false},
		{"mma_step", map[string]any{"track": "x", "on": false}, ctl.Request{Op: ctl.OpMMAStep, Track: "x"}, false},
		{"mma_plan", map[string]any{"goal": "add undo"}, ctl.Request{Op: ctl.OpMMAPlan, Goal: "add undo"}, false},
		{"mma_plan", map[string]any{"goal": "add undo", "wait": true}, ctl.Request{Op: ctl.OpMMAPlan, Goal: "add undo", Wait: true, TimeoutMs: 600000}, false},
		{"mma_plan", map[string]any{"goal": "g", "wait": true, "timeout_seconds": 5}, ctl.Request{Op: ctl.OpMMAPlan, Goal: "g", Wait: true, TimeoutMs: 5000}, false},
		{"mma_accept", map[string]any{"proposal": 2}, ctl.Request{Op: ctl.OpMMAAccept, Proposal: 2}, false},
		{"mma_accept", map[string]any{"all": true}, ctl.Request{Op: ctl.OpMMAAccept, All: true}, false},
		{"mma_tickets", map[string]any{"track": "track1", "wait": true}, ctl.Request{Op: ctl.OpMMATickets, Track: "track1", Wait: true, TimeoutMs: 600000}, false},
		{"mma_accept_tickets", map[string]any{"track": "track1"}, ctl.Request{Op: ctl.OpMMAAcceptTickets, Track: "track1"}, false},
		{"mma_run", map[string]any{"track": "Greeting"}, ctl.Request{Op: ctl.OpMMARun, Track: "Greeting"}, false},
		{"mma_resume_ticket", map[string]any{"track": "track1", "ticket": "T2"}, ctl.Request{Op: ctl.OpMMAResumeTicket, Track: "track1", Ticket: "T2"}, false},
	} {
		got = nil
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: c.tool, Arguments: c.args})
		if err != nil || res.IsError != c.isError || len(got) != 1 || got[0] != c.want {
			t.Errorf("%s %v: err %v, isError %v, sent %+v; want %+v", c.tool, c.args, err, res != nil && res.IsError, got, c.want)
		}
	}
	// A plan's result carries the proposals.
	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "mma_plan", Arguments: map[string]any{"goal": "g", "wait": true}})
	if b, _ := json.Marshal(res.StructuredContent); err != nil || res.IsError || !strings.Contains(string(b), `"title":"Undo stack"`) {
		t.Errorf("mma_plan --wait: %v %s", err, b)
	}
	// Missing arguments are refused before anything is sent.
	for _, c := range []struct {
		tool string
		args map[string]any
	}{{"mma_approve", map[string]any{"id": ""}}, {"mma_deny", map[string]any{"id": "q1", "args": "x"}}, {"mma_pause", map[string]any{"track": ""}},
		{"mma_plan", map[string]any{"goal": " "}}, {"mma_accept", map[string]any{}}, {"mma_accept", map[string]any{"proposal": 1, "all": true}},
		{"mma_tickets", map[string]any{"track": ""}}, {"mma_run", map[string]any{"track": ""}}, {"mma_resume_ticket", map[string]any{"track": "t"}}} {
		got = nil
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: c.tool, Arguments: c.args})
		if (err == nil && !res.IsError) || len(got) != 0 {
			t.Errorf("%s %v: accepted (sent %+v)", c.tool, c.args, got)
		}
	}
}

// The UI action tools send the ctl ops with their arguments and return
// what changed; an app's refusal is the tool's error.
func TestActTools(t *testing.T) {
	var got []ctl.Request
	call := func(_ context.Context, req ctl.Request) (ctl.Response, error) {
		got = append(got, req)
		if req.Op == ctl.OpSet {
			return ctl.Response{Code: ctl.ExitUsage, Error: "state key Tracks is read-only here"}, nil
		}
		return ctl.Response{Message: "clicked", Changed: []uitree.Item{{Kind: uitree.Input, ID: "0x1", Value: "x"}}}, nil
	}
	ctx := context.Background()
	st, ct := mcp.NewInMemoryTransports()
	if _, err := NewServer("test", call).Connect(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "t", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	for _, tc := range []struct {
		tool string
		args map[string]any
		want ctl.Request
		err  string
	}{
		{"click", map[string]any{"target": "Add"}, ctl.Request{Op: ctl.OpClick, Query: "Add"}, ""},
		{"type", map[string]any{"target": "##composer", "text": "hi"}, ctl.Request{Op: ctl.OpType, Query: "##composer", Text: "hi"}, ""},
		{"key", map[string]any{"combo": "ctrl+s"}, ctl.Request{Op: ctl.OpKey, Text: "ctrl+s"}, ""},
		{"select_tab", map[string]any{"target": "Diagnostics"}, ctl.Request{Op: ctl.OpSelectTab, Query: "Diagnostics"}, ""},
		{"select", map[string]any{"target": "Provider", "value": "gemini"}, ctl.Request{Op: ctl.OpSelect, Query: "Provider", Text: "gemini"}, ""},
		{"wait_for", map[string]any{"target": "done", "timeout_seconds": 2}, ctl.Request{Op: ctl.OpWaitFor, Query: "done", TimeoutMs: 2000}, ""},
		{"set", map[string]any{"key": "Tracks", "value": []string{"a"}}, ctl.Request{Op: ctl.OpSet, Key: "Tracks", Value: `["a"]`}, "read-only"},
	} {
		got = nil
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: tc.tool, Arguments: tc.args})
		if err != nil {
			t.Fatalf("%s: %v", tc.tool, err)
		}
		b, _ := json.Marshal(res.Content)
		if tc.err != "" {
			if !res.IsError || !strings.Contains(string(b), tc.err) {
				t.Errorf("%s: %s, want the error %q", tc.tool, b, tc.err)
			}
		} else if res.IsError || !strings.Contains(string(b), `changed`) {
			t.Errorf("%s: %s", tc.tool, b)
		}
		if len(got) != 1 {
			t.Fatalf("%s sent %v", tc.tool, got)
		}
		if tc.want.TimeoutMs == 0 {
			got[0].TimeoutMs = 0
		}
		if got[0] != tc.want {
			t.Errorf("%s sent %+v, want %+v", tc.tool, got[0], tc.want)
		}
	}
}
