package ctl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
)

// The MMA ops (`slopgui ctl mma …`, the MCP tools of the same names).
const (
	OpMMAStatus  = "mma_status"  // tracks, tickets, the engine's status, every pending approval
	OpMMAApprove = "mma_approve" // answer approval ID yes (Args: edited arguments)
	OpMMADeny    = "mma_deny"    // answer approval ID no
	OpMMAPause   = "mma_pause"   // pause Track
	OpMMAResume  = "mma_resume"  // resume Track
	OpMMAStep    = "mma_step"    // step mode of Track On or off
	// and the ops that drive a plan: mmaplan.go
)

// IsMMAOp reports whether op is one of the MMA ops.
func IsMMAOp(op string) bool {
	return strings.HasPrefix(op, "mma_")
}

// ErrNoEngine is what pause, resume and step answer when the app runs no
// MMA engine.
var ErrNoEngine = errors.New("the MMA engine is not running in this app")

// MMA is the app's multi-model agent engine as the control socket drives
// it (internal/mmahost.Host). Its methods are called on the control
// socket's goroutines, never on the render thread: they must be safe for
// concurrent use and must not wait for a frame while holding one up.
// Tracks are named by ID (ServeMMA finds a name's ID in the app's state).
type MMA interface {
	// MMAStatus is what the engine knows that the tracks do not (tokens
	// per tier, workers), as JSON.
	MMAStatus() any
	MMAPause(track string) error
	MMAResume(track string) error
	MMAStep(track string, on bool) error
	// MMAView is what the engine proposes and shows besides the tracks.
	MMAView() contract.MMAView
	// Plan, AcceptTrack, MakeTickets, AcceptTickets, Run and
	// ResumeTicket are the dashboard's buttons (contract.MMA).
	Plan(goal string)
	AcceptTrack(i int, p contract.MMAProposal) (string, error)
	MakeTickets(track string) error
	AcceptTickets(track string) error
	Run(track string) error
	ResumeTicket(track, ticket string) error
}

// MMAStatus is mma_status's answer.
type MMAStatus struct {
	// Running: the app runs an MMA engine; Engine is its own status
	// (token usage per tier, workers running and their limit), Note
	// says why not.
	Running bool   `json:"running"`
	Note    string `json:"note,omitempty"`
	Engine  any    `json:"engine,omitempty"`
	// Plan is what the engine proposes and the user has not accepted
	// (tier 1's tracks, tier 2's tickets); nil when nothing.
	Plan *MMAPlan `json:"plan,omitempty"`
	// Tracks are the tracks and tickets of the app's state.
	Tracks []MMATrack `json:"tracks"`
	// Approvals are every question waiting for the user, oldest first:
	// reloads asked over this socket, the model's tool calls, the MMA
	// workers' spawns, turns and edits.
	Approvals []Approval `json:"approvals"`
}

// MMATrack is a track as the app's state has it.
type MMATrack struct {
	ID       string      `json:"id,omitempty"`
	Name     string      `json:"name"`
	Running  bool        `json:"running,omitempty"`
	Paused   bool        `json:"paused,omitempty"`
	StepMode bool        `json:"stepMode,omitempty"`
	Tickets  []MMATicket `json:"tickets"`
}

// MMATicket is one ticket of a track.
type MMATicket struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Status      string   `json:"status"`
	Reason      string   `json:"reason,omitempty"`
	DependsOn   []string `json:"dependsOn,omitempty"`
	StepMode    bool     `json:"stepMode,omitempty"`
	Interrupted bool     `json:"interrupted,omitempty"`
	Model       string   `json:"model,omitempty"`   // the ticket's own tier-3 model
	Summary     string   `json:"summary,omitempty"` // the worker's summary when done
}

// Approval is a pending question of the app's approval queue.
type Approval struct {
	ID       string    `json:"id"`
	Kind     string    `json:"kind"`
	Title    string    `json:"title"`
	Asker    string    `json:"asker"`
	AskerPID int       `json:"askerPid,omitempty"`
	Items    []string  `json:"items,omitempty"`
	Detail   string    `json:"detail,omitempty"`
	Args     string    `json:"args,omitempty"`
	Ref      string    `json:"ref,omitempty"`
	Run      string    `json:"run,omitempty"`
	Asked    time.Time `json:"asked"`
}

// MMATracks copies the tracks and tickets (call it where the tracks may
// be read: the app's render thread).
func MMATracks(tracks []state.Track) []MMATrack {
	out := make([]MMATrack, len(tracks))
	for i, t := range tracks {
		mt := MMATrack{ID: t.ID, Name: t.Name, Running: t.Running, Paused: t.Paused, StepMode: t.StepMode,
			Tickets: make([]MMATicket, len(t.Tickets))}
		for j, k := range t.Tickets {
			mt.Tickets[j] = MMATicket{ID: k.ID, Title: k.Title, Status: string(k.Status), Reason: k.Reason,
				DependsOn: slices.Clone(k.DependsOn), StepMode: k.StepMode, Interrupted: k.Interrupted,
				Model: k.Model, Summary: k.Summary}
		}
		out[i] = mt
	}
	return out
}

// Approvals converts the queue's pending questions.
func Approvals(pending []approval.Pending) []Approval {
	out := make([]Approval, len(pending))
	for i, p := range pending {
		out[i] = Approval{ID: p.ID, Kind: string(p.Kind), Title: p.Title, Asker: p.Asker.Name, AskerPID: p.Asker.PID,
			Items: slices.Clone(p.Items), Detail: p.Detail, Args: p.Args, Ref: p.Ref, Run: p.Run, Asked: p.Asked}
	}
	return out
}

// BuildMMAStatus is mma_status's answer from its parts; engine may be nil
// (also a typed nil).
func BuildMMAStatus(tracks []MMATrack, pending []approval.Pending, engine MMA) *MMAStatus {
	s := &MMAStatus{Tracks: tracks, Approvals: Approvals(pending)}
	if s.Tracks == nil {
		s.Tracks = []MMATrack{}
	}
	if engine = liveEngine(engine); engine != nil {
		s.Running, s.Engine, s.Plan = true, engine.MMAStatus(), planOf(engine.MMAView())
	} else {
		s.Note = ErrNoEngine.Error() + ": the tracks and tickets are the app's state, and nothing runs them"
	}
	return s
}

// liveEngine is m, or nil when m is nil or holds a nil pointer (an App
// field of a pointer type that was never set).
func liveEngine(m MMA) MMA {
	if m == nil {
		return nil
	}
	if v := reflect.ValueOf(m); v.Kind() == reflect.Pointer && v.IsNil() {
		return nil
	}
	return m
}

// MMAApp is what ServeMMA needs of the app.
type MMAApp struct {
	Queue  *approval.Queue
	Engine MMA // nil (or a typed nil) when the engine does not run
	// Tracks copies the app's tracks (MMATracks) where they may be read.
	Tracks func(ctx context.Context) ([]MMATrack, error)
	Log    *slog.Logger
}

// ServeMMA answers an MMA op for peer.
func ServeMMA(ctx context.Context, app MMAApp, peer Peer, req Request) Response {
	fail := func(code int, format string, args ...any) Response {
		return Response{Code: code, Error: fmt.Sprintf(format, args...)}
	}
	engine := liveEngine(app.Engine)
	switch req.Op {
	case OpMMAStatus:
		tracks, err := app.Tracks(ctx)
		if err != nil {
			return fail(ExitUsage, "mma status: no frame drawn: %v", err)
		}
		return Response{MMA: BuildMMAStatus(tracks, app.Queue.Pending(), engine)}
	case OpMMAApprove, OpMMADeny:
		yes := req.Op == OpMMAApprove
		msg, err := answer(app.Queue, req.ID, yes, req.Args)
		if err != nil {
			return fail(ExitFailed, "%v", err)
		}
		if app.Log != nil {
			app.Log.Info("control: approval answered", "id", req.ID, "approved", yes, "question", msg, "client", peer.String())
		}
		verb := "denied"
		if yes {
			verb = "approved"
		}
		return Response{Message: fmt.Sprintf("%s %s: %s", verb, req.ID, msg)}
	case OpMMAPause, OpMMAResume, OpMMAStep:
		if req.Track == "" {
			return fail(ExitUsage, "%s: no track given", req.Op)
		}
		if engine == nil {
			return fail(ExitFailed, "%s %s: %v", strings.TrimPrefix(req.Op, "mma_"), req.Track, ErrNoEngine)
		}
		var err error
		var done string
		switch req.Op {
		case OpMMAPause:
			err, done = engine.MMAPause(req.Track), "paused"
		case OpMMAResume:
			err, done = engine.MMAResume(req.Track), "resumed"
		default:
			err, done = engine.MMAStep(req.Track, req.On), "step mode off for"
			if req.On {
				done = "step mode on for"
			}
		}
		if err != nil {
			return fail(ExitFailed, "%s %s: %v", strings.TrimPrefix(req.Op, "mma_"), req.Track, err)
		}
		if app.Log != nil {
			app.Log.Info("control: "+req.Op, "track", req.Track, "on", req.On, "client", peer.String())
		}
		return Response{Message: fmt.Sprintf("%s track %s", done, req.Track)}
	case OpMMAPlan, OpMMAAccept, OpMMATickets, OpMMAAcceptTickets, OpMMARun, OpMMAResumeTicket:
		if engine == nil {
			return fail(ExitFailed, "%s: %v", strings.ReplaceAll(strings.TrimPrefix(req.Op, "mma_"), "_", "-"), ErrNoEngine)
		}
		return servePlanOp(ctx, app, engine, peer, req)
	}
	return fail(ExitUsage, "unknown request %q", req.Op)
}

// answer answers question id through the queue, as the window's buttons
// do, and describes it; an unknown or answered id names the pending ones.
func answer(q *approval.Queue, id string, yes bool, args string) (string, error) {
	if id == "" {
		return "", errors.New("no approval ID given" + pendingIDs(q.Pending()))
	}
	pending := q.Pending()
	var what string
	if i := slices.IndexFunc(pending, func(p approval.Pending) bool { return p.ID == id }); i >= 0 {
		p := pending[i]
		what = fmt.Sprintf("%s %q asked by %s", p.Kind, p.Title, p.Asker)
	}
	if err := q.Answer(id, yes, args); err != nil {
		return "", fmt.Errorf("%v%s", err, pendingIDs(q.Pending()))
	}
	return what, nil
}

// pendingIDs says which questions wait, for an error.
func pendingIDs(pending []approval.Pending) string {
	if len(pending) == 0 {
		return "; no approval is pending"
	}
	ids := make([]string, len(pending))
	for i, p := range pending {
		ids[i] = fmt.Sprintf("%s (%s: %s)", p.ID, p.Kind, p.Title)
	}
	return "; pending: " + strings.Join(ids, ", ")
}

// mmaCommands names the commands of `slopgui ctl mma`, for errors.
const mmaCommands = "status, approve ID, deny ID, pause TRACK, resume TRACK, step TRACK on|off, " +
	"plan GOAL, accept N|all, tickets TRACK, accept-tickets TRACK, run TRACK or resume-ticket TRACK TICKET"

// mmaOpts are the flags of `slopgui ctl mma`.
type mmaOpts struct {
	args    *string // --args TEXT (approve), nil when not given
	wait    bool    // --wait (plan, tickets)
	timeout time.Duration
}

// mmaRequest turns the words after `slopgui ctl mma` into a request.
func mmaRequest(words []string, o mmaOpts) (Request, error) {
	if len(words) == 0 {
		return Request{}, errors.New("wants a command: " + mmaCommands)
	}
	sub, pos := words[0], words[1:]
	if o.args != nil && sub != "approve" {
		return Request{}, fmt.Errorf("%s takes no --args (only approve does)", sub)
	}
	switch sub {
	case "plan", "accept", "tickets", "accept-tickets", "run", "resume-ticket":
		return planRequest(sub, pos, o)
	}
	if o.wait {
		return Request{}, fmt.Errorf("%s takes no --wait (plan and tickets do)", sub)
	}
	args := o.args
	req := Request{Op: "mma_" + sub}
	switch sub {
	case "status":
		if len(pos) != 0 {
			return Request{}, errors.New("status takes no arguments")
		}
	case "approve", "deny":
		if len(pos) != 1 || pos[0] == "" {
			return Request{}, fmt.Errorf("%s wants one approval ID (see slopgui ctl mma status): slopgui ctl mma %s ID", sub, sub)
		}
		req.ID = pos[0]
		if args != nil {
			req.Args = *args
		}
	case "pause", "resume":
		if len(pos) != 1 || pos[0] == "" {
			return Request{}, fmt.Errorf("%s wants one track: slopgui ctl mma %s TRACK", sub, sub)
		}
		req.Track = pos[0]
	case "step":
		if len(pos) != 2 || pos[0] == "" {
			return Request{}, errors.New("step wants a track and on or off: slopgui ctl mma step TRACK on|off")
		}
		req.Track = pos[0]
		switch strings.ToLower(pos[1]) {
		case "on":
			req.On = true
		case "off":
		default:
			return Request{}, fmt.Errorf("step: %q is neither on nor off", pos[1])
		}
	default:
		return Request{}, fmt.Errorf("unknown command %q (want %s)", sub, mmaCommands)
	}
	return req, nil
}

// detailLines bounds how much of an approval's detail the text output
// shows (--json has it all).
const detailLines = 12

// PrintMMAStatus writes an MMA status for a person.
func PrintMMAStatus(w io.Writer, s *MMAStatus) {
	if s.Running {
		fmt.Fprintln(w, "MMA engine: running")
	} else {
		fmt.Fprintf(w, "MMA engine: not running (%s)\n", s.Note)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, t := range s.Tracks {
		var flags []string
		for _, f := range []struct {
			on   bool
			name string
		}{{t.Running, "running"}, {t.Paused, "paused"}, {t.StepMode, "step mode"}} {
			if f.on {
				flags = append(flags, f.name)
			}
		}
		head := "track " + t.Name
		if t.ID != "" && t.ID != t.Name {
			head += " [" + t.ID + "]"
		}
		if len(flags) > 0 {
			head += " (" + strings.Join(flags, ", ") + ")"
		}
		fmt.Fprintln(tw, head)
		for _, k := range t.Tickets {
			deps := ""
			if len(k.DependsOn) > 0 {
				deps = "after " + strings.Join(k.DependsOn, ",")
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", k.ID, k.Status, k.Title, deps, k.Reason)
		}
	}
	tw.Flush()
	if len(s.Tracks) == 0 {
		fmt.Fprintln(w, "no tracks")
	}
	printPlan(w, s.Plan)
	if s.Engine != nil {
		b, err := jsonIndent(s.Engine)
		if err == nil {
			fmt.Fprintf(w, "engine: %s\n", b)
		}
	}
	if len(s.Approvals) == 0 {
		fmt.Fprintln(w, "no approval pending")
		return
	}
	fmt.Fprintf(w, "%d pending approvals (slopgui ctl mma approve|deny ID):\n", len(s.Approvals))
	for _, a := range s.Approvals {
		asker := a.Asker
		if a.AskerPID != 0 && !strings.Contains(asker, fmt.Sprint(a.AskerPID)) {
			asker = fmt.Sprintf("%s (pid %d)", a.Asker, a.AskerPID)
		}
		fmt.Fprintf(w, "  %s  %s: %s  asked by %s at %s\n", a.ID, a.Kind, a.Title, asker, a.Asked.Format("15:04:05"))
		for _, it := range a.Items {
			fmt.Fprintf(w, "      - %s\n", it)
		}
		if a.Args != "" {
			fmt.Fprintf(w, "      args: %s\n", firstLine(a.Args))
		}
		if a.Detail != "" {
			lines := strings.Split(strings.TrimSuffix(a.Detail, "\n"), "\n")
			for _, l := range lines[:min(len(lines), detailLines)] {
				fmt.Fprintf(w, "      | %s\n", l)
			}
			if n := len(lines) - detailLines; n > 0 {
				fmt.Fprintf(w, "      | … %d more lines (--json shows all)\n", n)
			}
		}
	}
}

func jsonIndent(v any) ([]byte, error) {
	return json.MarshalIndent(v, "", "  ")
}
