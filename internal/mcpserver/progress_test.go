package mcpserver

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/events"
)

// A Go SDK client calling hot_reload with a progress token gets the
// reload's progress as notifications, in order, from an app (a real
// control socket and event stream; its reload publishes what the app's
// does); without a token it gets none.
func TestHotReloadProgress(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	ln, _, err := ctl.Listen(ctl.Dir())
	if err != nil {
		t.Fatal(err)
	}
	bus := events.New()
	srv := ctl.NewServer(ctl.HandlerFunc(func(_ context.Context, _ ctl.Peer, req ctl.Request) ctl.Response {
		if req.Op != ctl.OpReload {
			return ctl.Response{Code: ctl.ExitUsage, Error: "unexpected " + req.Op}
		}
		bus.Publish(ctl.EvReloadStarted, map[string]any{"generation": 2})
		bus.Publish(ctl.EvApprovalAsked, map[string]any{"id": "q1"}) // not progress
		bus.Publish(ctl.EvReloadBuilding, map[string]any{"phase": "building"})
		bus.Publish(ctl.EvReloadBuilt, nil)
		bus.Publish(ctl.EvReloadFailed, map[string]any{"diagnostics": []ctl.Diagnostic{{File: "views/discussion/x.go", Line: 3, Col: 14, Message: "syntax error"}}})
		return ctl.Response{Code: ctl.ExitFailed, Status: &ctl.Status{Generation: 2, Result: "failed"}}
	}), slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv.Watch = &ctl.Watch{Bus: bus}
	go srv.Serve(ln)
	defer srv.Close()

	ctx := context.Background()
	st, ct := mcp.NewInMemoryTransports()
	if _, err := NewServerWithEvents("test", dialer(os.Getpid()), watchDialer(os.Getpid())).Connect(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var got []string
	client := mcp.NewClient(&mcp.Implementation{Name: "t", Version: "1"}, &mcp.ClientOptions{
		ProgressNotificationHandler: func(_ context.Context, r *mcp.ProgressNotificationClientRequest) {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, r.Params.ProgressToken.(string)+" "+r.Params.Message)
		}})
	cs, err := client.Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	params := &mcp.CallToolParams{Name: "hot_reload", Arguments: map[string]any{}}
	params.SetProgressToken("tok1")
	res, err := cs.CallTool(ctx, params)
	if err != nil {
		t.Fatal(err)
	}
	if !res.IsError {
		t.Error("a failed reload is not an error result")
	}
	want := "tok1 started|tok1 building|tok1 built; loading and linking the plugin|tok1 failed: views/discussion/x.go:3:14: syntax error"
	deadline := time.Now().Add(10 * time.Second) // notifications may be handled after the result
	for {
		mu.Lock()
		s := strings.Join(got, "|")
		mu.Unlock()
		if s == want {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("progress notifications\n%s\nwant\n%s", s, want)
		}
		time.Sleep(5 * time.Millisecond)
	}

	mu.Lock()
	got = nil
	mu.Unlock()
	if _, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "hot_reload", Arguments: map[string]any{}}); err != nil {
		t.Fatal(err)
	}
	// A call with a token after it: its notifications come after any of
	// the first call's, so seeing them proves the first got none.
	params.SetProgressToken("tok2")
	if _, err := cs.CallTool(ctx, params); err != nil {
		t.Fatal(err)
	}
	for {
		mu.Lock()
		n, first := len(got), ""
		if n > 0 {
			first = got[0]
		}
		mu.Unlock()
		if n == 4 {
			if !strings.HasPrefix(first, "tok2 ") {
				t.Errorf("a call without a progress token got notifications: %q", first)
			}
			break
		}
		if time.Now().After(deadline.Add(10 * time.Second)) {
			t.Fatalf("%d notifications for the second call with a token", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
