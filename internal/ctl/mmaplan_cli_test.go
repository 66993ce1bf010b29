package ctl_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/slopgui/slopgui/internal/ctl"
)

// `slopgui ctl mma plan|accept|…` send their request over the socket; the
// text output is the app's message (the proposals), not the whole status
// again; --json has the status with the plan.
func TestCLIMMAPlan(t *testing.T) {
	var mu sync.Mutex
	var got []ctl.Request
	serve(t, ctl.HandlerFunc(func(_ context.Context, _ ctl.Peer, req ctl.Request) ctl.Response {
		mu.Lock()
		got = append(got, req)
		mu.Unlock()
		st := &ctl.MMAStatus{Running: true, Tracks: []ctl.MMATrack{}, Approvals: []ctl.Approval{},
			Plan: &ctl.MMAPlan{Goal: req.Goal, Proposals: []ctl.MMAProposal{{N: 1, Title: "Undo", Brief: "an undo stack"}}}}
		if req.Op == ctl.OpMMAAccept && req.Proposal == 9 {
			return ctl.Response{Code: ctl.ExitFailed, Error: "accept: there is no proposal 9; 1 are proposed (1 to 1)"}
		}
		return ctl.Response{Message: "1 tracks proposed (slopgui ctl mma accept N|all):\n  1. Undo: an undo stack", MMA: st}
	}), nil)
	for _, tc := range []struct {
		args      []string
		code      int
		out, errs string
		notOut    string
		want      ctl.Request
	}{
		{args: []string{"mma", "plan", "add", "undo", "--wait"}, out: "1. Undo: an undo stack", notOut: "MMA engine",
			want: ctl.Request{Op: ctl.OpMMAPlan, Goal: "add undo", Wait: true, TimeoutMs: 600000}},
		{args: []string{"--json", "mma", "plan", "add undo"}, out: `"proposals"`, want: ctl.Request{Op: ctl.OpMMAPlan, Goal: "add undo"}},
		{args: []string{"mma", "accept", "9"}, code: 1, errs: "no proposal 9", want: ctl.Request{Op: ctl.OpMMAAccept, Proposal: 9}},
		{args: []string{"mma", "tickets", "track2", "--wait", "--timeout", "30s"}, out: "Undo",
			want: ctl.Request{Op: ctl.OpMMATickets, Track: "track2", Wait: true, TimeoutMs: 30000}},
		{args: []string{"mma", "status"}, out: "MMA engine: running", want: ctl.Request{Op: ctl.OpMMAStatus}},
		{args: []string{"mma", "run"}, code: 2, errs: "wants one track"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			mu.Lock()
			got = nil
			mu.Unlock()
			var out, errs bytes.Buffer
			code := ctl.Main(tc.args, &out, &errs)
			if code != tc.code || !strings.Contains(out.String(), tc.out) || !strings.Contains(errs.String(), tc.errs) ||
				(tc.notOut != "" && strings.Contains(out.String(), tc.notOut)) {
				t.Errorf("exit %d, want %d\nstdout %q (want %q, not %q)\nstderr %q (want %q)", code, tc.code, out.String(), tc.out, tc.notOut, errs.String(), tc.errs)
			}
			mu.Lock()
			defer mu.Unlock()
			if tc.want.Op == "" {
				if len(got) != 0 {
					t.Errorf("a usage error was sent: %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("sent %+v, want %+v", got, tc.want)
			}
		})
	}
}
