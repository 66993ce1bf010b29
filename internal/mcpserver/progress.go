package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/slopgui/slopgui/internal/ctl"
	"github.com/slopgui/slopgui/internal/events"
)

// afterResult bounds the wait, once the reload's result is in, for its
// last event (already queued in the app when the result is sent).
const afterResult = 3 * time.Second

// withProgress runs reload while forwarding the app's reload events to
// notify as progress (1, 2, … with a message), until reload returned and
// its swapped or failed event was sent. Without an event stream (an older
// app) reload just runs.
// A result without a status (denied, or the app unreachable) ends it at once.
func withProgress(ctx context.Context, watch Watcher, notify func(*mcp.ProgressNotificationParams), reload func() (*mcp.CallToolResult, Result, error)) (*mcp.CallToolResult, Result, error) {
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := watch(wctx, "reload,restart")
	if err != nil {
		return reload()
	}
	defer w.Close()
	evs := make(chan events.Event)
	go func() {
		defer close(evs)
		for {
			e, err := w.Next()
			if err != nil {
				return
			}
			select {
			case evs <- e:
			case <-wctx.Done():
				return
			}
		}
	}()
	type result struct {
		res *mcp.CallToolResult
		out Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, out, err := reload()
		done <- result{res, out, err}
	}()
	var (
		n        float64
		res      *result
		terminal bool
		grace    <-chan time.Time
	)
	for res == nil || !terminal {
		select {
		case e, ok := <-evs:
			if !ok { // the app's socket ended (a restart): the result says the rest
				evs = nil
				terminal = true
				continue
			}
			msg, last := progressMessage(e)
			if msg == "" {
				continue
			}
			n++
			notify(&mcp.ProgressNotificationParams{Progress: n, Message: msg})
			terminal = terminal || last
		case r := <-done:
			res = &r
			grace = time.After(afterResult)
			if r.out.Status == nil {
				terminal = true // nothing was reloaded
			}
		case <-grace:
			terminal = true
		}
	}
	return res.res, res.out, res.err
}

// progressMessage is a progress message for a reload event, and whether
// the event ends the reload.
func progressMessage(e events.Event) (msg string, last bool) {
	str := func(k string) string {
		var s string
		if raw, ok := e.Fields[k].(json.RawMessage); ok {
			json.Unmarshal(raw, &s)
		}
		return s
	}
	switch e.Kind {
	case ctl.EvReloadStarted:
		return "started", false
	case ctl.EvReloadBuilding:
		if p := str("phase"); p != "" && p != "building" {
			return "building: " + p, false
		}
		return "building", false
	case ctl.EvReloadBuilt:
		return "built; loading and linking the plugin", false
	case ctl.EvReloadSwapped:
		var gen int
		if raw, ok := e.Fields["generation"].(json.RawMessage); ok {
			json.Unmarshal(raw, &gen)
		}
		return fmt.Sprintf("swapped: generation %d is running", gen), true
	case ctl.EvReloadFailed:
		var ds []ctl.Diagnostic
		if raw, ok := e.Fields["diagnostics"].(json.RawMessage); ok {
			json.Unmarshal(raw, &ds)
		}
		if len(ds) > 0 {
			return "failed: " + ds[0].String(), true
		}
		return "failed: " + firstLine(str("error")), true
	case ctl.EvRestart:
		return "restarting slopgui: " + str("reason"), true
	}
	return "", false
}

func firstLine(s string) string {
	for i, c := range s {
		if c == '\n' {
			return s[:i]
		}
	}
	return s
}
