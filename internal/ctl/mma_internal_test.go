package ctl

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
)

func TestMMARequest(t *testing.T) {
	text := "edited"
	empty := ""
	for _, tc := range []struct {
		words   []string
		args    *string
		wait    bool
		timeout time.Duration
		want    Request
		wantErr string
	}{
		{words: []string{"status"}, want: Request{Op: OpMMAStatus}},
		{words: []string{"approve", "q3"}, want: Request{Op: OpMMAApprove, ID: "q3"}},
		{words: []string{"approve", "q3"}, args: &text, want: Request{Op: OpMMAApprove, ID: "q3", Args: "edited"}},
		{words: []string{"approve", "q3"}, args: &empty, want: Request{Op: OpMMAApprove, ID: "q3"}},
		{words: []string{"deny", "q7"}, want: Request{Op: OpMMADeny, ID: "q7"}},
		{words: []string{"pause", "hot reload"}, want: Request{Op: OpMMAPause, Track: "hot reload"}},
		{words: []string{"resume", "t1"}, want: Request{Op: OpMMAResume, Track: "t1"}},
		{words: []string{"step", "t1", "on"}, want: Request{Op: OpMMAStep, Track: "t1", On: true}},
		{words: []string{"step", "t1", "OFF"}, want: Request{Op: OpMMAStep, Track: "t1"}},
		{words: nil, wantErr: "wants a command"},
		{words: []string{"status", "x"}, wantErr: "no arguments"},
		{words: []string{"approve"}, wantErr: "one approval ID"},
		{words: []string{"approve", "q1", "q2"}, wantErr: "one approval ID"},
		{words: []string{"deny", "q1"}, args: &text, wantErr: "only approve"},
		{words: []string{"pause"}, wantErr: "one track"},
		{words: []string{"resume", ""}, wantErr: "one track"},
		{words: []string{"step", "t1"}, wantErr: "on or off"},
		{words: []string{"step", "t1", "maybe"}, wantErr: "neither on nor off"},
		{words: []string{"walk", "t1"}, wantErr: `unknown command "walk"`},
		{words: []string{"plan", "add", "undo"}, want: Request{Op: OpMMAPlan, Goal: "add undo"}},
		{words: []string{"plan", "add undo"}, wait: true, want: Request{Op: OpMMAPlan, Goal: "add undo", Wait: true, TimeoutMs: 600000}},
		{words: []string{"plan", "g"}, wait: true, timeout: time.Minute, want: Request{Op: OpMMAPlan, Goal: "g", Wait: true, TimeoutMs: 60000}},
		{words: []string{"plan", " "}, wantErr: "wants a goal"},
		{words: []string{"plan", "g"}, args: &text, wantErr: "only approve"},
		{words: []string{"accept", "2"}, want: Request{Op: OpMMAAccept, Proposal: 2}},
		{words: []string{"accept", "ALL"}, want: Request{Op: OpMMAAccept, All: true}},
		{words: []string{"accept", "0"}, wantErr: "neither a proposal's number"},
		{words: []string{"accept", "x"}, wantErr: "neither a proposal's number"},
		{words: []string{"accept"}, wantErr: "wants a proposal's number"},
		{words: []string{"accept", "1"}, wait: true, wantErr: "takes no --wait"},
		{words: []string{"tickets", "track1"}, wait: true, want: Request{Op: OpMMATickets, Track: "track1", Wait: true, TimeoutMs: 600000}},
		{words: []string{"tickets"}, wantErr: "one track"},
		{words: []string{"accept-tickets", "track1"}, want: Request{Op: OpMMAAcceptTickets, Track: "track1"}},
		{words: []string{"run", "Greeting"}, want: Request{Op: OpMMARun, Track: "Greeting"}},
		{words: []string{"run", "a", "b"}, wantErr: "one track"},
		{words: []string{"resume-ticket", "track1", "T2"}, want: Request{Op: OpMMAResumeTicket, Track: "track1", Ticket: "T2"}},
		{words: []string{"resume-ticket", "track1"}, wantErr: "a track and a ticket"},
		{words: []string{"status"}, wait: true, wantErr: "takes no --wait"},
	} {
		got, err := mmaRequest(tc.words, mmaOpts{args: tc.args, wait: tc.wait, timeout: tc.timeout})
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("mmaRequest(%q): err %v, want %q", tc.words, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("mmaRequest(%q) = %+v, %v; want %+v", tc.words, got, err, tc.want)
		}
	}
}

func TestParseInterspersed(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		pos      []string
		flagArgs string
		json     bool
	}{
		{args: []string{"approve", "q3", "--args", "x y"}, pos: []string{"approve", "q3"}, flagArgs: "x y"},
		{args: []string{"--args=z", "approve", "q3"}, pos: []string{"approve", "q3"}, flagArgs: "z"},
		{args: []string{"status", "--json"}, pos: []string{"status"}, json: true},
		{args: []string{"pause", "--", "--odd-track"}, pos: []string{"pause", "--odd-track"}},
		{args: nil, pos: nil},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		a := fs.String("args", "", "")
		j := fs.Bool("json", false, "")
		pos, err := parseInterspersed(fs, tc.args)
		if err != nil || strings.Join(pos, "|") != strings.Join(tc.pos, "|") || *a != tc.flagArgs || *j != tc.json {
			t.Errorf("parseInterspersed(%q) = %q, %v; --args %q --json %v", tc.args, pos, err, *a, *j)
		}
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if _, err := parseInterspersed(fs, []string{"status", "--nope"}); err == nil {
		t.Error("an unknown flag after a word is accepted")
	}
}

// fakeEngine is an engine whose tiers answer on another goroutine, as
// the real one's answers reach its view a frame later.
type fakeEngine struct {
	mu    sync.Mutex
	calls []string
	err   error
	view  contract.MMAView
	// answer is what Plan and MakeTickets make of the view when they
	// answer; nil: they never answer.
	planned func(v *contract.MMAView)
	tickets func(v *contract.MMAView, track string)
}

func (f *fakeEngine) called(c string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, c)
}

func (f *fakeEngine) MMAView() contract.MMAView {
	f.mu.Lock()
	defer f.mu.Unlock()
	v := f.view
	v.Proposals = slices.Clone(v.Proposals)
	v.Tickets = maps.Clone(v.Tickets)
	return v
}

func (f *fakeEngine) Plan(goal string) {
	f.called("plan " + goal)
	f.mu.Lock()
	f.view.Planning, f.view.Goal, f.view.PlanError, f.view.Proposals = true, goal, "", nil
	f.mu.Unlock()
	if planned := f.planned; planned != nil {
		go func() {
			time.Sleep(3 * pollEvery) // a later frame
			f.mu.Lock()
			defer f.mu.Unlock()
			f.view.Planning = false
			planned(&f.view)
		}()
	}
}

func (f *fakeEngine) AcceptTrack(i int, p contract.MMAProposal) (string, error) {
	f.called(fmt.Sprintf("accept %d %s", i, p.Title))
	f.mu.Lock()
	defer f.mu.Unlock()
	if i < 0 || i >= len(f.view.Proposals) {
		return "", errors.New("no such proposal")
	}
	f.view.Proposals = slices.Delete(f.view.Proposals, i, i+1)
	return "track-" + p.Title, nil
}

func (f *fakeEngine) MakeTickets(track string) error {
	f.called("tickets " + track)
	if f.err != nil {
		return f.err
	}
	f.mu.Lock()
	if f.view.Tickets == nil {
		f.view.Tickets = map[string]contract.MMATickets{}
	}
	f.view.Tickets[track] = contract.MMATickets{Busy: true}
	f.mu.Unlock()
	if tickets := f.tickets; tickets != nil {
		go func() {
			time.Sleep(3 * pollEvery)
			f.mu.Lock()
			defer f.mu.Unlock()
			tickets(&f.view, track)
		}()
	}
	return nil
}

func (f *fakeEngine) AcceptTickets(track string) error {
	f.called("accept-tickets " + track)
	return f.err
}

func (f *fakeEngine) Run(track string) error {
	f.called("run " + track)
	return f.err
}

func (f *fakeEngine) ResumeTicket(track, ticket string) error {
	f.called("resume-ticket " + track + " " + ticket)
	return f.err
}

func (f *fakeEngine) MMAStatus() any { return map[string]any{"tiers": map[string]int{"tier3": 42}} }
func (f *fakeEngine) MMAPause(track string) error {
	f.called("pause " + track)
	return f.err
}
func (f *fakeEngine) MMAResume(track string) error {
	f.called("resume " + track)
	return f.err
}
func (f *fakeEngine) MMAStep(track string, on bool) error {
	if on {
		f.called("step on " + track)
	} else {
		f.called("step off " + track)
	}
	return f.err
}

var sampleTracks = []state.Track{{Name: "hot reload", ID: "t-hr", Paused: true, Tickets: []state.Ticket{
	{ID: "T1", Title: "Link", Status: state.StatusDone},
	{ID: "T2", Title: "Swap", Status: state.StatusBlocked, Reason: "waits for T1", DependsOn: []string{"T1"}},
}}}

func TestBuildMMAStatus(t *testing.T) {
	pending := []approval.Pending{{ID: "q1", Asked: time.Unix(0, 0), Request: approval.Request{Kind: approval.KindReload,
		Title: "reload the views", Items: []string{"views/a.go (changed)"}, Detail: "--- a\n+++ b", Asker: approval.Asker{Name: "ctl", PID: 7}}},
		{ID: "q2", Request: approval.Request{Kind: approval.KindTool, Title: "run_command", Args: `{"cmd":"ls"}`, Ref: "call1", Run: "r1"}}}
	var typedNil *fakeEngine
	for _, tc := range []struct {
		name    string
		engine  MMA
		running bool
	}{{"no engine", nil, false}, {"typed nil", typedNil, false}, {"engine", &fakeEngine{}, true}} {
		s := BuildMMAStatus(MMATracks(sampleTracks), pending, tc.engine)
		if s.Running != tc.running || (s.Note == "") == !tc.running || (s.Engine != nil) != tc.running {
			t.Errorf("%s: running %v note %q engine %v", tc.name, s.Running, s.Note, s.Engine)
		}
		if len(s.Tracks) != 1 || s.Tracks[0].ID != "t-hr" || !s.Tracks[0].Paused || len(s.Tracks[0].Tickets) != 2 ||
			s.Tracks[0].Tickets[1].Reason != "waits for T1" || s.Tracks[0].Tickets[1].Status != "blocked" {
			t.Errorf("%s: tracks %+v", tc.name, s.Tracks)
		}
		if len(s.Approvals) != 2 || s.Approvals[0].ID != "q1" || s.Approvals[0].Kind != "reload" || s.Approvals[0].AskerPID != 7 ||
			s.Approvals[0].Detail != "--- a\n+++ b" || s.Approvals[1].Args != `{"cmd":"ls"}` || s.Approvals[1].Run != "r1" {
			t.Errorf("%s: approvals %+v", tc.name, s.Approvals)
		}
	}
	if s := BuildMMAStatus(nil, nil, nil); s.Tracks == nil || s.Approvals == nil {
		t.Error("empty lists are null in JSON")
	} else if b, _ := json.Marshal(s); !strings.Contains(string(b), `"tracks":[]`) || !strings.Contains(string(b), `"approvals":[]`) {
		t.Errorf("empty status %s", b)
	}
	// MMATracks copies: the app's tracks may change after.
	tr := MMATracks(sampleTracks)
	tr[0].Tickets[1].DependsOn[0] = "X"
	if sampleTracks[0].Tickets[1].DependsOn[0] != "T1" {
		t.Error("MMATracks shares DependsOn with the state")
	}
	var buf bytes.Buffer
	PrintMMAStatus(&buf, BuildMMAStatus(MMATracks(sampleTracks), pending, nil))
	for _, want := range []string{"not running", "track hot reload [t-hr] (paused)", "T2", "blocked", "waits for T1",
		"q1  reload: reload the views  asked by ctl (pid 7)", "views/a.go (changed)", "| +++ b", "q2  tool: run_command"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text status lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestServeMMA(t *testing.T) {
	q := approval.New(nil)
	ask := func(title string) <-chan approval.Answer {
		ch := make(chan approval.Answer, 1)
		go func() {
			a, err := q.Ask(context.Background(), approval.Request{Kind: approval.KindReload, Title: title, Args: "orig"})
			if err != nil {
				t.Error(err)
			}
			ch <- a
		}()
		for len(q.Pending()) == 0 || q.Pending()[len(q.Pending())-1].Title != title {
			time.Sleep(time.Millisecond)
		}
		return ch
	}
	eng := &fakeEngine{}
	app := MMAApp{Queue: q, Engine: eng, Tracks: func(context.Context) ([]MMATrack, error) { return MMATracks(sampleTracks), nil }}
	serve := func(req Request) Response { return ServeMMA(context.Background(), app, Peer{PID: 1}, req) }

	a1 := ask("first")
	a2 := ask("second")
	r := serve(Request{Op: OpMMAStatus})
	if r.Code != 0 || r.MMA == nil || len(r.MMA.Approvals) != 2 || !r.MMA.Running || len(r.MMA.Tracks) != 1 {
		t.Fatalf("status: %+v", r)
	}
	id1, id2 := r.MMA.Approvals[0].ID, r.MMA.Approvals[1].ID
	if r := serve(Request{Op: OpMMADeny, ID: id1}); r.Code != 0 || !strings.Contains(r.Message, "denied "+id1) || !strings.Contains(r.Message, "first") {
		t.Errorf("deny: %+v", r)
	}
	if a := <-a1; a.Approved {
		t.Error("deny approved")
	}
	r = serve(Request{Op: OpMMAApprove, ID: id1})
	if r.Code != ExitFailed || !strings.Contains(r.Error, "already answered") || !strings.Contains(r.Error, "pending: "+id2) {
		t.Errorf("approving an answered ID: %+v", r)
	}
	if r := serve(Request{Op: OpMMAApprove, ID: "q99"}); r.Code != ExitFailed || !strings.Contains(r.Error, "no such question") {
		t.Errorf("unknown ID: %+v", r)
	}
	if r := serve(Request{Op: OpMMAApprove, ID: id2, Args: "edited"}); r.Code != 0 {
		t.Errorf("approve: %+v", r)
	}
	if a := <-a2; !a.Approved || a.Args != "edited" {
		t.Errorf("approve with args: %+v", a)
	}
	if r := serve(Request{Op: OpMMADeny, ID: id2}); !strings.Contains(r.Error, "no approval is pending") {
		t.Errorf("nothing pending: %+v", r)
	}

	for _, req := range []Request{{Op: OpMMAPause, Track: "t1"}, {Op: OpMMAResume, Track: "t1"}, {Op: OpMMAStep, Track: "t1", On: true}, {Op: OpMMAStep, Track: "t1"}} {
		if r := serve(req); r.Code != 0 || r.Message == "" {
			t.Errorf("%+v: %+v", req, r)
		}
	}
	if got := strings.Join(eng.calls, ","); got != "pause t1,resume t1,step on t1,step off t1" {
		t.Errorf("engine calls %s", got)
	}
	eng.err = ErrUnknownTrackForTest
	if r := serve(Request{Op: OpMMAPause, Track: "zz"}); r.Code != ExitFailed || !strings.Contains(r.Error, "no track zz") {
		t.Errorf("engine error: %+v", r)
	}
	if r := serve(Request{Op: OpMMAPause}); r.Code != ExitUsage {
		t.Errorf("no track: %+v", r)
	}

	var typedNil *fakeEngine
	for _, e := range []MMA{nil, typedNil} {
		app.Engine = e
		for _, op := range []string{OpMMAPause, OpMMAResume, OpMMAStep} {
			if r := serve(Request{Op: op, Track: "t1"}); r.Code != ExitFailed || !strings.Contains(r.Error, "the MMA engine is not running in this app") {
				t.Errorf("%s without engine: %+v", op, r)
			}
		}
		if r := serve(Request{Op: OpMMAStatus}); r.Code != 0 || r.MMA.Running || !strings.Contains(r.MMA.Note, "not running") || len(r.MMA.Tracks) != 1 {
			t.Errorf("status without engine: %+v", r.MMA)
		}
	}
}

var ErrUnknownTrackForTest = errorString("no track zz")

type errorString string

func (e errorString) Error() string { return string(e) }
