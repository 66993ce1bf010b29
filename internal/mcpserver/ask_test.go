package mcpserver

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/slopgui/slopgui/internal/ask"
	"github.com/slopgui/slopgui/internal/ctl"
)

// ask_user through the Go SDK's client, the MCP server's real dialer and a
// fake app on a real control socket serving ServeAsk with a real queue; a
// goroutine plays the user.
func TestAskUser(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	ln, _, err := ctl.Listen(ctl.Dir())
	if err != nil {
		t.Fatal(err)
	}
	var q ask.Queue
	srv := ctl.NewServer(ctl.HandlerFunc(func(ctx context.Context, peer ctl.Peer, req ctl.Request) ctl.Response {
		return ctl.ServeAsk(ctx, &q, peer, req, nil)
	}), nil)
	go srv.Serve(ln)
	defer srv.Close()
	old := ctl.DefaultTimeout
	ctl.DefaultTimeout = 100 * time.Millisecond // an ask without a timeout must not be cut at this
	defer func() { ctl.DefaultTimeout = old }()

	ctx := context.Background()
	st, ct := mcp.NewInMemoryTransports()
	if _, err := NewServer("test", dialer(os.Getpid())).Connect(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "t", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()

	// shown waits for the question the user sees.
	shown := func() ask.Question {
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if p := q.Pending(); len(p) > 0 {
				return p[0]
			}
		}
		t.Fatal("no question shown")
		return ask.Question{}
	}
	for _, c := range []struct {
		name string
		args map[string]any
		user func()
		want Asked
	}{
		{"choice", map[string]any{"question": "Ship it?", "choices": []string{"yes", "no"}}, func() {
			p := shown()
			if p.Text != "Ship it?" || strings.Join(p.Choices, ",") != "yes,no" {
				t.Errorf("shown %+v", p)
			}
			time.Sleep(200 * time.Millisecond) // longer than DefaultTimeout: the call must still be waiting
			q.Answer(p.ID, "no")
		}, Asked{Answered: true, Answer: "no"}},
		{"text", map[string]any{"question": "Name?"}, func() { q.Answer(shown().ID, "Ada") }, Asked{Answered: true, Answer: "Ada"}},
		{"dismissed", map[string]any{"question": "Sure?"}, func() { q.Dismiss(shown().ID) },
			Asked{Dismissed: true, Message: "the user dismissed the question without answering"}},
		{"timed out", map[string]any{"question": "Anyone?", "timeout_seconds": 1}, func() {},
			Asked{TimedOut: true, Message: "no answer from the user within 1s"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			go c.user()
			res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "ask_user", Arguments: c.args})
			if err != nil || res.IsError {
				t.Fatalf("ask_user: %v %+v", err, res)
			}
			var got Asked
			if err := json.Unmarshal([]byte(res.Content[0].(*mcp.TextContent).Text), &got); err != nil || got != c.want {
				t.Errorf("got %+v (%v), want %+v", got, err, c.want)
			}
		})
	}
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "ask_user", Arguments: map[string]any{"question": "x", "choices": []string{""}}})
	if err != nil || !res.IsError {
		t.Errorf("an empty choice: %v %+v; want a tool error", err, res)
	}
}
