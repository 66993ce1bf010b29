// Package mcpserver is `slopgui mcp`: a Model Context Protocol server on
// stdio (the official Go SDK) that gives a coding agent the control
// socket of the running slopgui as tools: reload, status, errors,
// rollback, screenshot, state.
//
// It runs as its own binary, slopgui-mcp (cmd/slopgui-mcp), which
// `slopgui mcp` execs: the slopgui host does not link the MCP SDK (3 MB
// of its binary, 0.1–0.2 s of every link a stable edit's hot restart pays).
package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/slopgui/slopgui/internal/ctl"
)

// approvalNote is appended to the tools that change the running code.
const approvalNote = " If the user turned approval on (-approve-agent-reloads, or \"Ask me before an agent reloads\" in the Hot Reload panel), " +
	"the window first shows the user a dialog with the diff of views/ and the call waits for Approve or Deny; a denial is returned as an error " +
	"(\"denied by the user\"): do not retry it without asking the user."

// Descriptions of the tools.
const (
	descReload = "Rebuild slopgui's views (the Go packages under views/) from the files on disk and swap them into the running window, " +
		"exactly as the user pressing Ctrl+Alt+R, then wait for the result. On success the result has the new generation number; " +
		"on failure the previous code keeps running and the result has result=\"failed\", the reason, and structured errors: " +
		"diagnostics [{file, line, col, message}] for compiler errors (paths like views/x.go) and panics [{view, value, stack}] for a view " +
		"that panicked in its first frame (then it was rolled back). Use it after editing files in views/. An edit outside views/ " +
		"(app/, state/, hot/…) makes slopgui rebuild and restart itself instead." + approvalNote
	descStatus = "The running slopgui's reload status: current generation, phase (idle, building, …), whether a reload is under way, " +
		"the last result (ok, failed, none), its timings, counters, whether agent reloads need approval, and any errors as structured " +
		"diagnostics and view panics. Read only."
	descErrors = "Only the errors of the running slopgui: the last reload's compiler diagnostics [{file, line, col, message}] and the views " +
		"that panicked [{view, generation, value, stack [{func, file, line}]}], paths mapped back to views/…. Empty lists when all is well. Read only."
	descRollback = "Make an earlier generation of the views current again (0 is the code built into slopgui). Every generation loaded " +
		"since slopgui started stays in memory, so nothing is built: the switch is instant, the UI state is kept, and it is undone " +
		"if that code panics in its first frame. get_status's history is not needed: a wrong number returns the loaded ones." + approvalNote
	descScreenshot = "A PNG screenshot of the slopgui window exactly as it was drawn (read by the app from its own framebuffer, so " +
		"it works when the window is covered or on a virtual display). Use it to check what an edit looks like. Read only."
	descState = "The app's registered UI state keys (project, discussions, composer text, forms, open windows, theme, …) as JSON. " +
		"Give key to read one (e.g. \"Discussions\"); an unknown key returns the list of keys. Read only."
)

// ReloadIn is hot_reload's input.
type ReloadIn struct {
	TimeoutSeconds int `json:"timeout_seconds,omitempty" jsonschema:"give up waiting after this many seconds (default 600; a first build on a cold cache takes minutes)"`
}

// RollbackIn is rollback's input.
type RollbackIn struct {
	Generation int `json:"generation" jsonschema:"the generation to make current again; 0 is the code built into slopgui"`
}

// StateIn is get_state's input.
type StateIn struct {
	Key string `json:"key,omitempty" jsonschema:"one state key to read, e.g. Discussions or ComposerText; empty for all"`
}

// Result is what hot_reload and rollback return.
type Result struct {
	OK      bool        `json:"ok"`
	Denied  bool        `json:"denied,omitempty"`
	Message string      `json:"message,omitempty"`
	Error   string      `json:"error,omitempty"`
	Status  *ctl.Status `json:"status,omitempty"`
	// MMA (the mma_* tools that drive a plan) is the MMA status after
	// the change: tracks, proposals, approvals.
	MMA *ctl.MMAStatus `json:"mma,omitempty"`
}

// Errors is what get_errors returns.
type Errors struct {
	Generation  int              `json:"generation"`
	Result      string           `json:"result"`
	Reason      string           `json:"reason,omitempty"`
	Diagnostics []ctl.Diagnostic `json:"diagnostics"`
	Panics      []ctl.ViewPanic  `json:"panics"`
	Error       string           `json:"error,omitempty"`
}

// caller sends one request to the app.
type caller func(ctx context.Context, req ctl.Request) (ctl.Response, error)

// dialer returns a caller that finds the app (by pid, or the only one)
// at each call, so the server outlives app restarts.
func dialer(pid int) caller {
	return func(ctx context.Context, req ctl.Request) (ctl.Response, error) {
		c, err := ctl.Dial(pid)
		if err != nil {
			return ctl.Response{}, err
		}
		if req.Op == ctl.OpAsk && req.TimeoutMs == 0 {
			return c.Call(ctx, req) // as long as the user takes
		}
		return c.Do(ctx, req) // bounded: an app that never answers is an error
	}
}

// Watcher opens the app's event stream (`slopgui ctl watch`) for
// hot_reload's progress notifications.
type Watcher func(ctx context.Context, kinds string) (*ctl.WatchConn, error)

// watchDialer returns a Watcher that finds the app as dialer does.
func watchDialer(pid int) Watcher {
	return func(ctx context.Context, kinds string) (*ctl.WatchConn, error) {
		c, err := ctl.Dial(pid)
		if err != nil {
			return nil, err
		}
		return c.Watch(ctx, ctl.Request{Kinds: kinds})
	}
}

// NewServer returns the MCP server; call sends requests to the app.
// hot_reload sends no progress notifications (see NewServerWithEvents).
func NewServer(version string, call caller) *mcp.Server {
	return NewServerWithEvents(version, call, nil)
}

// NewServerWithEvents is NewServer whose hot_reload, when the client
// sent a progress token, reports the reload's progress (started,
// building, built, swapped or failed) as MCP progress notifications,
// read from the app's events through watch.
func NewServerWithEvents(version string, call caller, watch Watcher) *mcp.Server {
	s := mcp.NewServer(&mcp.Implementation{Name: "slopgui", Title: "slopgui hot reload", Version: version}, &mcp.ServerOptions{
		Instructions: "Tools to drive a running slopgui (a Go desktop app whose views/ packages reload in the running process): " +
			"edit files under views/, call hot_reload, read get_errors when it fails, check the result with screenshot, " +
			"roll back with rollback. The user may require approval of reloads and rollbacks.",
	})
	change := func(ctx context.Context, req ctl.Request) (*mcp.CallToolResult, Result, error) {
		resp, err := call(ctx, req)
		if err != nil {
			return nil, Result{}, fmt.Errorf("slopgui is not reachable: %w", err)
		}
		r := Result{OK: resp.Code == ctl.ExitOK, Denied: resp.Code == ctl.ExitDenied, Message: resp.Message, Error: resp.Error, Status: resp.Status, MMA: resp.MMA}
		return &mcp.CallToolResult{IsError: !r.OK}, r, nil
	}
	mcp.AddTool(s, &mcp.Tool{Name: "hot_reload", Description: descReload}, func(ctx context.Context, req *mcp.CallToolRequest, in ReloadIn) (*mcp.CallToolResult, Result, error) {
		timeout := 10 * time.Minute
		if in.TimeoutSeconds > 0 {
			timeout = time.Duration(in.TimeoutSeconds) * time.Second
		}
		reload := func() (*mcp.CallToolResult, Result, error) {
			return change(ctx, ctl.Request{Op: ctl.OpReload, Wait: true, TimeoutMs: timeout.Milliseconds()})
		}
		tok := req.Params.GetProgressToken()
		if tok == nil || watch == nil {
			return reload()
		}
		return withProgress(ctx, watch, func(p *mcp.ProgressNotificationParams) {
			p.ProgressToken = tok
			req.Session.NotifyProgress(ctx, p) // best effort: the result says how it ended
		}, reload)
	})
	mcp.AddTool(s, &mcp.Tool{Name: "rollback", Description: descRollback}, func(ctx context.Context, _ *mcp.CallToolRequest, in RollbackIn) (*mcp.CallToolResult, Result, error) {
		if in.Generation < 0 {
			return nil, Result{}, errors.New("generation must be 0 or more")
		}
		return change(ctx, ctl.Request{Op: ctl.OpRollback, Generation: in.Generation, TimeoutMs: (10 * time.Minute).Milliseconds()})
	})
	status := func(ctx context.Context) (*ctl.Status, error) {
		resp, err := call(ctx, ctl.Request{Op: ctl.OpStatus})
		if err != nil {
			return nil, fmt.Errorf("slopgui is not reachable: %w", err)
		}
		if resp.Status == nil {
			return nil, fmt.Errorf("slopgui: %s", resp.Error)
		}
		return resp.Status, nil
	}
	mcp.AddTool(s, &mcp.Tool{Name: "get_status", Description: descStatus, Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true}},
		func(ctx context.Context, _ *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, *ctl.Status, error) {
			st, err := status(ctx)
			return nil, st, err
		})
	mcp.AddTool(s, &mcp.Tool{Name: "get_errors", Description: descErrors, Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true}},
		func(ctx context.Context, _ *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, Errors, error) {
			st, err := status(ctx)
			if err != nil {
				return nil, Errors{}, err
			}
			e := Errors{Generation: st.Generation, Result: st.Result, Reason: st.Reason, Diagnostics: st.Diagnostics, Panics: st.Panics}
			if e.Diagnostics == nil {
				e.Diagnostics = []ctl.Diagnostic{}
			}
			if e.Panics == nil {
				e.Panics = []ctl.ViewPanic{}
			}
			if st.Result == "failed" && len(st.Diagnostics) == 0 && len(st.Panics) == 0 {
				e.Error = st.Error
			}
			return nil, e, nil
		})
	mcp.AddTool(s, &mcp.Tool{Name: "screenshot", Description: descScreenshot, Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true}},
		func(ctx context.Context, _ *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, any, error) {
			resp, err := call(ctx, ctl.Request{Op: ctl.OpScreenshot})
			if err != nil {
				return nil, nil, fmt.Errorf("slopgui is not reachable: %w", err)
			}
			if resp.Code != ctl.ExitOK {
				return nil, nil, fmt.Errorf("screenshot: %s", resp.Error)
			}
			return &mcp.CallToolResult{Content: []mcp.Content{&mcp.ImageContent{Data: resp.PNG, MIMEType: "image/png"}}}, nil, nil
		})
	mcp.AddTool(s, &mcp.Tool{Name: "get_state", Description: descState, Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true}},
		func(ctx context.Context, _ *mcp.CallToolRequest, in StateIn) (*mcp.CallToolResult, any, error) {
			resp, err := call(ctx, ctl.Request{Op: ctl.OpState, Key: in.Key})
			if err != nil {
				return nil, nil, fmt.Errorf("slopgui is not reachable: %w", err)
			}
			if resp.Code != ctl.ExitOK {
				return nil, nil, errors.New(resp.Error)
			}
			var pretty json.RawMessage = resp.State
			return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(pretty)}}}, nil, nil
		})
	mcp.AddTool(s, &mcp.Tool{Name: "get_ui", Description: descUI, Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true}},
		func(ctx context.Context, _ *mcp.CallToolRequest, in UIIn) (*mcp.CallToolResult, any, error) {
			resp, err := call(ctx, ctl.Request{Op: ctl.OpUI, Window: in.Window})
			if err != nil {
				return nil, nil, fmt.Errorf("slopgui is not reachable: %w", err)
			}
			if resp.Code != ctl.ExitOK {
				return nil, nil, errors.New(resp.Error)
			}
			return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(resp.UI)}}}, nil, nil
		})
	addMMA(s, call, change)
	addAct(s, call)
	addAsk(s, call)
	return s
}

// UIIn is get_ui's input.
type UIIn struct {
	Window string `json:"window,omitempty" jsonschema:"only the window with this title; all windows when empty"`
}

const descUI = "What slopgui's views draw in the next frame, as JSON: each window (title, position, size, focused) " +
	"and its widgets in drawing order (kind: button, checkbox, input, text, tab, selectable, menu item, combo, slider; " +
	"label, ImGui ID, screen rectangle, enabled, the value of inputs, checkboxes, combos and sliders, and a combo's options). " +
	"The host's toolbar, error bar and modals (an approval, a question from ask_user) are listed too. Read only."

// Main runs `slopgui mcp` on stdin/stdout and returns its exit code.
func Main(args []string, version string, stderr io.Writer) int {
	fs := flag.NewFlagSet("slopgui mcp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pid := fs.Int("pid", 0, "the slopgui to drive (app or supervisor PID); default: the only one running as this user")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: slopgui mcp [--pid N]\n\nAn MCP server on stdio for a coding agent: tools hot_reload (with progress notifications), get_status, get_errors, rollback, screenshot, get_state, get_ui, click, type, key, select_tab, set, select, wait_for, mma_status, mma_approve, mma_deny, mma_pause, mma_resume, mma_step, ask_user, served by the running slopgui's control socket.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return ctl.ExitUsage
	}
	if err := NewServerWithEvents(version, dialer(*pid), watchDialer(*pid)).Run(context.Background(), &mcp.StdioTransport{}); err != nil {
		fmt.Fprintf(stderr, "slopgui mcp: %v\n", err)
		return 1
	}
	return 0
}

// Version is slopgui's version as this binary's build info has it
// ("devel" for a checkout build).
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
