package mcpserver

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

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
		"mma_pause": `"track"`, "mma_resume": `"track"`, "mma_step": `"on"`} {
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
	} {
		got = nil
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: c.tool, Arguments: c.args})
		if err != nil || res.IsError != c.isError || len(got) != 1 || got[0] != c.want {
			t.Errorf("%s %v: err %v, isError %v, sent %+v; want %+v", c.tool, c.args, err, res != nil && res.IsError, got, c.want)
		}
	}
	// Missing arguments are refused before anything is sent.
	for _, c := range []struct {
		tool string
		args map[string]any
	}{{"mma_approve", map[string]any{"id": ""}}, {"mma_deny", map[string]any{"id": "q1", "args": "x"}}, {"mma_pause", map[string]any{"track": ""}}} {
		got = nil
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: c.tool, Arguments: c.args})
		if (err == nil && !res.IsError) || len(got) != 0 {
			t.Errorf("%s %v: accepted (sent %+v)", c.tool, c.args, got)
		}
	}
}
