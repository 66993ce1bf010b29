// Package ctl is slopgui's control channel: the protocol a running app
// speaks on its Unix socket, the socket's place and permissions, a server
// that refuses other users, the client used by `slopgui ctl` and
// `slopgui mcp`, and the parsers that turn reload errors into structured
// diagnostics.
//
// The protocol is one JSON request line from the client and one JSON
// response line from the app, per connection. The exception is watch
// (OpWatch, `slopgui ctl watch`): the app keeps that connection and writes
// one JSON event per line ({"time":…,"kind":"reload.failed",…}; the kinds
// are the Ev* constants), flushed as they happen, until the client closes
// it or the app exits; the first line is watch.started (or, for a client
// that Resumes after the socket ended, app.restarted, app.crash_recovered
// or app.started). A client too slow to read loses events and gets a
// {"kind":"lost","count":N} line in their place; the app never waits
// for it. A watch is read only: it never asks for approval.
package ctl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/slopgui/slopgui/gui/uitree"
)

// Ops a client may ask for.
const (
	OpStatus     = "status"
	OpReload     = "reload"
	OpHistory    = "history"
	OpRollback   = "rollback"
	OpScreenshot = "screenshot"
	OpState      = "state"
	OpUI         = "ui"
)

// Exit codes of `slopgui ctl`, also carried in Response.Code.
const (
	ExitOK     = 0 // done
	ExitFailed = 1 // the reload or rollback failed (or did not finish in time)
	ExitUsage  = 2 // usage or connection error
	ExitDenied = 3 // the user denied the request
)

// maxLine bounds a request line (a response may be large: a screenshot).
const maxLine = 1 << 20

// Request is what a client asks.
type Request struct {
	Op string `json:"op"`
	// Wait (reload): answer once this trigger's result is known.
	Wait bool `json:"wait,omitempty"`
	// TimeoutMs bounds a wait (and an approval) on the app's side.
	TimeoutMs int64 `json:"timeoutMs,omitempty"`
	// Generation (rollback) is the generation to make current again.
	Generation int `json:"generation"`
	// Key (state) names one state key; empty for all.
	Key string `json:"key,omitempty"`
	// Window (ui) limits the widget tree to one window, by title.
	Window string `json:"window,omitempty"`
	// ID (mma_approve, mma_deny) is the approval answered; Args
	// (mma_approve) the arguments as the user edited them, if any.
	ID   string `json:"id,omitempty"`
	Args string `json:"args,omitempty"`
	// Track (mma_pause, mma_resume, mma_step, mma_tickets, mma_run, …)
	// names a track, by ID or name; On (mma_step) turns step mode on.
	Track string `json:"track,omitempty"`
	On    bool   `json:"on,omitempty"`
	// Goal (mma_plan) is what tier 1 plans for.
	Goal string `json:"goal,omitempty"`
	// Proposal (mma_accept) is the proposed track accepted, 1 for the
	// first; All accepts every one.
	Proposal int  `json:"proposal,omitempty"`
	All      bool `json:"all,omitempty"`
	// Ticket (mma_resume_ticket) names a ticket of Track.
	Ticket string `json:"ticket,omitempty"`
	// Query (click, type, select_tab, wait_for) names an item: its ID,
	// label or (wait_for) text; Text (type, key) is what is typed or the
	// key combination; Value (set) is Key's new value. Ask: Text is the
	// question, Value the choices as a JSON array of strings (or empty).
	Query string `json:"query,omitempty"`
	Text  string `json:"text,omitempty"`
	Value string `json:"value,omitempty"` // JSON text
	// Kinds (watch) limits the events streamed to these kinds, comma
	// separated, each named whole or by its first part ("reload" for
	// reload.failed); empty for all.
	Kinds string `json:"kinds,omitempty"`
	// Resume (watch): the client watched before and the app's socket
	// ended; the first event says how this process started.
	Resume bool `json:"resume,omitempty"`
}

// Timeout returns the request's timeout, or def when it has none.
func (r Request) Timeout(def time.Duration) time.Duration {
	if r.TimeoutMs > 0 {
		return time.Duration(r.TimeoutMs) * time.Millisecond
	}
	return def
}

// Response is the app's answer.
type Response struct {
	// Code is the exit code `slopgui ctl` should return (Exit*).
	Code  int    `json:"code"`
	Error string `json:"error,omitempty"`
	// Message is a one-line human summary ("reload triggered").
	Message     string           `json:"message,omitempty"`
	Status      *Status          `json:"status,omitempty"`
	History     []HistoryEntry   `json:"history,omitempty"`
	Generations []GenerationInfo `json:"generations,omitempty"`
	// PNG is a screenshot of the window (base64 in JSON).
	PNG   []byte          `json:"png,omitempty"`
	State json.RawMessage `json:"state,omitempty"`
	// UI (ui) is the widget tree of the frame drawn after the request:
	// gui/uitree's Tree as JSON.
	UI json.RawMessage `json:"ui,omitempty"`
	// Changed (click, type, key, select_tab, set) is the items whose
	// value or text differ in the frame after the action; wait_for's the
	// item found.
	Changed []uitree.Item `json:"changed,omitempty"`
	// MMA (mma_status) is the tracks, the engine and the pending approvals.
	MMA *MMAStatus `json:"mma,omitempty"`
	// Answer (ask) is the user's answer (absent: not answered).
	Answer *string `json:"answer,omitempty"`
}

// Status is the reloader's state as a machine reads it.
type Status struct {
	PID        int    `json:"pid"`
	Generation int    `json:"generation"`
	Phase      string `json:"phase"`
	Busy       bool   `json:"busy"`
	// Result is the last reload's (or rollback's) result: "ok", "failed",
	// or "none" before the first.
	Result string `json:"result"`
	Reason string `json:"reason,omitempty"`
	// Error is the whole error text, views/ paths as in the source tree.
	Error string `json:"error,omitempty"`
	// Diagnostics are the compiler's errors; Panics the views that
	// panicked (in a first frame, or later in the running generation).
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
	Panics      []ViewPanic  `json:"panics,omitempty"`
	Timings     Timings      `json:"timings"`
	Reloads     int          `json:"reloads"`
	Successes   int          `json:"successes"`
	Failures    int          `json:"failures"`
	Rollbacks   int          `json:"rollbacks"`
	// ApprovalRequired: reloads and rollbacks asked over the socket wait
	// for the user to approve them in the window.
	ApprovalRequired bool `json:"approvalRequired"`
	// Restarting says why the app is rebuilding or restarting itself (an
	// edit outside views/), when it is.
	Restarting string `json:"restarting,omitempty"`
	// Frames is how many frames the window drew since it started;
	// WokenFrames how many of them something woke before the frame was
	// due (input, or a wake from another goroutine: this request's own,
	// a finished build or count). An idle window draws 2 a second and
	// wakes for none.
	Frames      int64 `json:"frames"`
	WokenFrames int64 `json:"wokenFrames"`
}

// Timings of the last reload.
type Timings struct {
	BuildMs   int64   `json:"buildMs"`
	CompileMs int64   `json:"compileMs"`
	LinkMs    int64   `json:"linkMs"`
	LoadMs    int64   `json:"loadMs"`
	SwapUs    int64   `json:"swapUs"`
	WaitedMs  float64 `json:"waitedMs"` // trigger to swap
}

// Diagnostic is one compiler error.
type Diagnostic struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
}

func (d Diagnostic) String() string {
	if d.Col > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Message)
	}
	return fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Message)
}

// ViewPanic is a view that panicked.
type ViewPanic struct {
	View string `json:"view"`
	// Generation is the running generation whose view panicked; absent
	// for a new generation that panicked in its first frame (it was
	// rolled back and never kept).
	Generation int          `json:"generation,omitempty"`
	Value      string       `json:"value"`
	Stack      []StackFrame `json:"stack,omitempty"`
}

// StackFrame is one call in a panic's stack, paths as in the source tree.
type StackFrame struct {
	Func string `json:"func"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// HistoryEntry is one finished reload or rollback.
type HistoryEntry struct {
	When       time.Time `json:"when"`
	Generation int       `json:"generation"` // running afterwards
	OK         bool      `json:"ok"`
	Rollback   bool      `json:"rollback,omitempty"`
	Reason     string    `json:"reason,omitempty"`
	Error      string    `json:"error,omitempty"`
	// SourceHash identifies the views sources the build was made from.
	SourceHash string `json:"sourceHash,omitempty"`
	BuildMs    int64  `json:"buildMs"`
	LoadMs     int64  `json:"loadMs"`
	SwapUs     int64  `json:"swapUs"`
}

// GenerationInfo is a generation loaded in the app: rollback can make it
// current again.
type GenerationInfo struct {
	Generation int       `json:"generation"`
	Loaded     time.Time `json:"loaded"`
	SourceHash string    `json:"sourceHash,omitempty"`
	Current    bool      `json:"current,omitempty"`
}

// WriteMsg writes v as one JSON line.
func WriteMsg(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("ctl: encoding: %w", err)
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// ReadRequest reads one request line (at most 1 MiB).
func ReadRequest(r *bufio.Reader) (Request, error) {
	var req Request
	line, err := readLine(r, maxLine)
	if err != nil {
		return req, err
	}
	if err := json.Unmarshal(line, &req); err != nil {
		return req, fmt.Errorf("ctl: bad request: %w", err)
	}
	if k, dup := duplicateKey(line); dup {
		return Request{}, fmt.Errorf("ctl: bad request: the key %q appears more than once; send each key once", k)
	}
	if req.Op == "" {
		return req, errors.New("ctl: bad request: no op")
	}
	return req, nil
}

// ReadResponse reads one response line.
func ReadResponse(r *bufio.Reader) (Response, error) {
	var resp Response
	line, err := readLine(r, 256<<20)
	if err != nil {
		return resp, err
	}
	if err := json.Unmarshal(line, &resp); err != nil {
		return resp, fmt.Errorf("ctl: bad response: %w", err)
	}
	return resp, nil
}

// readLine reads up to '\n'; a line longer than max is an error.
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var out []byte
	for {
		chunk, err := r.ReadSlice('\n')
		out = append(out, chunk...)
		if len(out) > max {
			return nil, fmt.Errorf("ctl: message longer than %d bytes", max)
		}
		switch {
		case err == nil:
			return out, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(out) > 0:
			return out, nil
		default:
			return nil, err
		}
	}
}

// duplicateKey reports a key that appears twice in the top-level object
// of b (which json.Unmarshal accepts, keeping the last). Keys are compared
// as encoding/json matches them to fields: ignoring case.
func duplicateKey(b []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", false
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", false
		}
		k, _ := t.(string)
		fold := strings.ToLower(strings.ToUpper(k))
		if seen[fold] {
			return k, true
		}
		seen[fold] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", false
		}
	}
	return "", false
}
