package ctl

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/state"
)

// A plan driven over the socket, as the dashboard's buttons drive it:
// plan --wait returns tier 1's tracks, accept takes one or all, tickets
// --wait (by the track's name) returns tier 2's, accept-tickets, run and
// resume-ticket reach the engine with the track's ID; each change is
// logged with the client; failures and a missing engine are errors.
func TestServeMMAPlan(t *testing.T) {
	eng := &fakeEngine{
		planned: func(v *contract.MMAView) {
			v.Proposals = []contract.MMAProposal{{Title: "A", Brief: "do a", Files: []string{"a.go"}}, {Title: "B", Brief: "do b"}, {Title: "C", Brief: "do c"}}
		},
		tickets: func(v *contract.MMAView, track string) {
			v.Tickets[track] = contract.MMATickets{Proposed: []contract.MMATicketProposal{
				{ID: "T1", Title: "first", Targets: []string{"a.go"}}, {ID: "T2", Title: "second", DependsOn: []string{"T1"}}}}
		},
	}
	var logBuf bytes.Buffer
	tracks := []state.Track{{Name: "Greeting", ID: "track1"}}
	app := MMAApp{Queue: approval.New(nil), Engine: eng, Log: slog.New(slog.NewTextHandler(&logBuf, nil)),
		Tracks: func(context.Context) ([]MMATrack, error) { return MMATracks(tracks), nil }}
	serve := func(req Request) Response {
		return ServeMMA(context.Background(), app, Peer{Name: "agent", PID: 42}, req)
	}

	r := serve(Request{Op: OpMMAPlan, Goal: "greet everyone", Wait: true, TimeoutMs: 60000})
	if r.Code != 0 || !strings.Contains(r.Message, "3 tracks proposed") || !strings.Contains(r.Message, "1. A: do a [a.go]") ||
		r.MMA == nil || r.MMA.Plan == nil || len(r.MMA.Plan.Proposals) != 3 || r.MMA.Plan.Proposals[2].N != 3 || r.MMA.Plan.Goal != "greet everyone" {
		t.Fatalf("plan --wait: %+v %+v", r, r.MMA)
	}
	if r := serve(Request{Op: OpMMAAccept, Proposal: 2}); r.Code != 0 || r.Message != "accepted track track-B (B)" ||
		len(r.MMA.Plan.Proposals) != 2 || r.MMA.Plan.Proposals[1].Title != "C" {
		t.Fatalf("accept 2: %+v", r)
	}
	if r := serve(Request{Op: OpMMAAccept, Proposal: 3}); r.Code != ExitFailed || !strings.Contains(r.Error, "no proposal 3; 2 are proposed") {
		t.Errorf("accept 3 of 2: %+v", r)
	}
	if r := serve(Request{Op: OpMMAAccept, All: true}); r.Code != 0 || r.Message != "accepted track track-A (A), track track-C (C)" || r.MMA.Plan.Proposals != nil {
		t.Fatalf("accept all: %+v", r)
	}
	if r := serve(Request{Op: OpMMAAccept, All: true}); r.Code != ExitFailed || !strings.Contains(r.Error, "no track is proposed") {
		t.Errorf("accept with nothing proposed: %+v", r)
	}

	r = serve(Request{Op: OpMMATickets, Track: "Greeting", Wait: true, TimeoutMs: 60000})
	if r.Code != 0 || !strings.Contains(r.Message, "2 tickets proposed for track track1") || !strings.Contains(r.Message, "T2: second after T1") ||
		len(r.MMA.Plan.Tickets["track1"].Tickets) != 2 {
		t.Fatalf("tickets --wait by name: %+v", r)
	}
	var text bytes.Buffer
	PrintMMAStatus(&text, r.MMA)
	if !strings.Contains(text.String(), "T1: first [a.go]") || !strings.Contains(text.String(), "mma accept-tickets track1") {
		t.Errorf("status text lacks the proposed tickets:\n%s", text.String())
	}
	for _, c := range []struct {
		req  Request
		want string
	}{
		{Request{Op: OpMMAAcceptTickets, Track: "Greeting"}, "accepted the proposed tickets of track track1"},
		{Request{Op: OpMMARun, Track: "track1"}, "running track track1"},
		{Request{Op: OpMMAResumeTicket, Track: "Greeting", Ticket: "T2"}, "resumed ticket T2 of track track1"},
		{Request{Op: OpMMARun, Track: "track9"}, "running track track9"}, // not in the app's state yet: as given
	} {
		if r := serve(c.req); r.Code != 0 || r.Message != c.want {
			t.Errorf("%+v: %+v", c.req, r)
		}
	}
	want := "plan greet everyone,accept 1 B,accept 0 A,accept 0 C,tickets track1,accept-tickets track1,run track1,resume-ticket track1 T2,run track9"
	if got := strings.Join(eng.calls, ","); got != want {
		t.Errorf("engine calls\n%s\nwant\n%s", got, want)
	}
	if n := strings.Count(logBuf.String(), `client="agent (PID 42)`); n < 8 {
		t.Errorf("%d changes logged with the client:\n%s", n, logBuf.String())
	}

	// Failures.
	eng.planned = func(v *contract.MMAView) { v.PlanError = "the JSON does not parse" }
	if r := serve(Request{Op: OpMMAPlan, Goal: "g", Wait: true}); r.Code != ExitFailed || r.Error != "plan failed: the JSON does not parse" {
		t.Errorf("failed plan: %+v", r)
	}
	eng.planned = nil // tier 1 never answers
	if r := serve(Request{Op: OpMMAPlan, Goal: "g", Wait: true, TimeoutMs: 200}); r.Code != ExitFailed || !strings.Contains(r.Error, "still waiting") {
		t.Errorf("plan that never answers: %+v", r)
	}
	if r := serve(Request{Op: OpMMAPlan, Goal: "g"}); r.Code != 0 || !strings.Contains(r.Message, "planning") || !r.MMA.Plan.Planning {
		t.Errorf("plan without --wait: %+v", r)
	}
	if r := serve(Request{Op: OpMMAPlan, Goal: "  "}); r.Code != ExitUsage {
		t.Errorf("plan without a goal: %+v", r)
	}
	eng.tickets = func(v *contract.MMAView, track string) {
		v.Tickets[track] = contract.MMATickets{Err: "a cycle: T1 → T2 → T1"}
	}
	if r := serve(Request{Op: OpMMATickets, Track: "track1", Wait: true}); r.Code != ExitFailed || !strings.Contains(r.Error, "a cycle") {
		t.Errorf("failed tickets: %+v", r)
	}
	eng.err = errorString("no track zz")
	for _, req := range []Request{{Op: OpMMATickets, Track: "zz"}, {Op: OpMMAAcceptTickets, Track: "zz"}, {Op: OpMMARun, Track: "zz"}, {Op: OpMMAResumeTicket, Track: "zz", Ticket: "T1"}} {
		if r := serve(req); r.Code != ExitFailed || !strings.Contains(r.Error, "no track zz") {
			t.Errorf("%+v: %+v", req, r)
		}
	}
	for _, req := range []Request{{Op: OpMMARun}, {Op: OpMMAResumeTicket, Track: "track1"}} {
		if r := serve(req); r.Code != ExitUsage {
			t.Errorf("%+v: %+v", req, r)
		}
	}
	app.Engine = nil
	for _, op := range []string{OpMMAPlan, OpMMAAccept, OpMMATickets, OpMMAAcceptTickets, OpMMARun, OpMMAResumeTicket} {
		if r := serve(Request{Op: op, Track: "t", Goal: "g", All: true, Ticket: "T1"}); r.Code != ExitFailed || !strings.Contains(r.Error, "not running") {
			t.Errorf("%s without engine: %+v", op, r)
		}
	}
}
