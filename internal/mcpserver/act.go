package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/slopgui/slopgui/gui/uitree"
	"github.com/slopgui/slopgui/internal/ctl"
)

// The UI action tools: the same ops as `slopgui ctl click`, type, key,
// select-tab, set and wait-for.

const actApprovalNote = " If the user turned approval on, the window first asks the user (the action described) and the call waits " +
	"for Approve or Deny; a denial is an error (\"denied by the user\"): do not retry it without asking the user. Every action is " +
	"logged in the Hot Reload panel with your name and PID."

const actChangedNote = " Returns what changed: the widgets (as get_ui lists them) whose value or text differ in the frame after the action."

const (
	descClick = "Click a widget of the slopgui window: a button, checkbox (toggles), selectable, menu item or tab, named by its label " +
		"or by its ID (get_ui). The view's own click handler runs, exactly as for a mouse click. An ambiguous label is an error listing " +
		"the candidates with their IDs; an unknown one lists what can be clicked." + actChangedNote + actApprovalNote
	descType = "Type text into an input of the slopgui window (named by its ID, e.g. ##composer, or its hint), as typed keys: the input " +
		"takes the keyboard focus, the cursor goes to the end of its text, and the characters are typed there." + actChangedNote + actApprovalNote
	descKey = "Press a key combination in the slopgui window, e.g. ctrl+s, enter, escape, ctrl+shift+z, f5: it goes to the widget " +
		"that has the keyboard focus (after type, the input typed into) and to the window's shortcuts." + actChangedNote + actApprovalNote
	descSelectTab = "Show the tab with this label in the slopgui window (e.g. Diagnostics in the Operations window)." + actChangedNote
	descSet       = "Set one of the app's state keys (see get_state) to a JSON value of its type, applied between two frames. " +
		"Keys the app or the user own (Comms, ToolLog, Chat, Tracks, ApproveAgentReloads, Prices) are refused." + actChangedNote + actApprovalNote
	descSelect = "Choose an item of a combo (value: one of the options get_ui lists for it) or set a slider (value: a number, " +
		"kept in its range) of the slopgui window, named by its label or ID; the widget's own change handler runs, as when the " +
		"user picks it." + actChangedNote + actApprovalNote
	descWaitFor = "Wait until the slopgui window draws a widget with this ID or label, or a text or input value containing this text " +
		"(e.g. after a click that starts something slow); returns the widget, or an error after timeout_seconds (default 30). Read only."
)

// ClickIn is click's and select_tab's input.
type ClickIn struct {
	Target string `json:"target" jsonschema:"the widget's label or ID (from get_ui)"`
}

// TypeIn is type's input.
type TypeIn struct {
	Target string `json:"target" jsonschema:"the input's ID (e.g. ##composer) or hint"`
	Text   string `json:"text" jsonschema:"what to type"`
}

// KeyIn is key's input.
type KeyIn struct {
	Combo string `json:"combo" jsonschema:"a key combination: ctrl+s, enter, escape, ctrl+shift+z, f5, a, 7…"`
}

// SetIn is set's input.
type SetIn struct {
	Key   string `json:"key" jsonschema:"a state key, e.g. ComposerText or Theme (get_state lists them)"`
	Value any    `json:"value" jsonschema:"the new value, as JSON of the key's type"`
}

// SelectIn is select's input.
type SelectIn struct {
	Target string `json:"target" jsonschema:"the combo's or slider's label or ID (from get_ui)"`
	Value  string `json:"value" jsonschema:"a combo option's text, or a slider's number"`
}

// WaitForIn is wait_for's input.
type WaitForIn struct {
	Target         string `json:"target" jsonschema:"an ID, a label, or text that a text or input will contain"`
	TimeoutSeconds int    `json:"timeout_seconds,omitempty" jsonschema:"give up after this many seconds (default 30)"`
}

// Acted is what the action tools return.
type Acted struct {
	Message string        `json:"message"`
	Changed []uitree.Item `json:"changed"`
}

func addAct(s *mcp.Server, call caller) {
	do := func(ctx context.Context, req ctl.Request) (*mcp.CallToolResult, Acted, error) {
		if req.TimeoutMs == 0 {
			req.TimeoutMs = (10 * time.Minute).Milliseconds()
		}
		resp, err := call(ctx, req)
		if err != nil {
			return nil, Acted{}, fmt.Errorf("slopgui is not reachable: %w", err)
		}
		if resp.Code != ctl.ExitOK {
			return nil, Acted{}, fmt.Errorf("%s", resp.Error)
		}
		if resp.Changed == nil {
			resp.Changed = []uitree.Item{}
		}
		return nil, Acted{Message: resp.Message, Changed: resp.Changed}, nil
	}
	mcp.AddTool(s, &mcp.Tool{Name: "click", Description: descClick}, func(ctx context.Context, _ *mcp.CallToolRequest, in ClickIn) (*mcp.CallToolResult, Acted, error) {
		return do(ctx, ctl.Request{Op: ctl.OpClick, Query: in.Target})
	})
	mcp.AddTool(s, &mcp.Tool{Name: "type", Description: descType}, func(ctx context.Context, _ *mcp.CallToolRequest, in TypeIn) (*mcp.CallToolResult, Acted, error) {
		return do(ctx, ctl.Request{Op: ctl.OpType, Query: in.Target, Text: in.Text})
	})
	mcp.AddTool(s, &mcp.Tool{Name: "key", Description: descKey}, func(ctx context.Context, _ *mcp.CallToolRequest, in KeyIn) (*mcp.CallToolResult, Acted, error) {
		if _, err := uitree.ParseCombo(in.Combo); err != nil {
			return nil, Acted{}, err
		}
		return do(ctx, ctl.Request{Op: ctl.OpKey, Text: in.Combo})
	})
	mcp.AddTool(s, &mcp.Tool{Name: "select_tab", Description: descSelectTab}, func(ctx context.Context, _ *mcp.CallToolRequest, in ClickIn) (*mcp.CallToolResult, Acted, error) {
		return do(ctx, ctl.Request{Op: ctl.OpSelectTab, Query: in.Target})
	})
	mcp.AddTool(s, &mcp.Tool{Name: "set", Description: descSet}, func(ctx context.Context, _ *mcp.CallToolRequest, in SetIn) (*mcp.CallToolResult, Acted, error) {
		v, err := json.Marshal(in.Value)
		if err != nil {
			return nil, Acted{}, fmt.Errorf("value: %w", err)
		}
		return do(ctx, ctl.Request{Op: ctl.OpSet, Key: in.Key, Value: string(v)})
	})
	mcp.AddTool(s, &mcp.Tool{Name: "select", Description: descSelect}, func(ctx context.Context, _ *mcp.CallToolRequest, in SelectIn) (*mcp.CallToolResult, Acted, error) {
		return do(ctx, ctl.Request{Op: ctl.OpSelect, Query: in.Target, Text: in.Value})
	})
	mcp.AddTool(s, &mcp.Tool{Name: "wait_for", Description: descWaitFor, Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true}},
		func(ctx context.Context, _ *mcp.CallToolRequest, in WaitForIn) (*mcp.CallToolResult, Acted, error) {
			timeout := 30 * time.Second
			if in.TimeoutSeconds > 0 {
				timeout = time.Duration(in.TimeoutSeconds) * time.Second
			}
			return do(ctx, ctl.Request{Op: ctl.OpWaitFor, Query: in.Target, TimeoutMs: timeout.Milliseconds()})
		})
}
