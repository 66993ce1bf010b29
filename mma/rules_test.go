package mma_test

import (
	"context"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/mma"
	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/rules"
	"github.com/slopgui/slopgui/state"
)

// edited is the built-in rules with Tier1 and Tier3 prompts changed, as a
// reloaded generation of rules/ would have them.
func edited(mark string) ruleapi.Rules {
	r := rules.Set
	r.Tier1 = func(in ruleapi.PlanInput) (string, string) {
		s, u := rules.Tier1(in)
		return mark + " " + s, u
	}
	r.Tier3 = func(in ruleapi.WorkerInput) (string, string) {
		s, u := rules.Tier3(in)
		return mark + " " + s, u
	}
	return r
}

// The engine reads its rules at each decision: rules set while a track
// runs are what its next worker (and the next plan) is sent; the running
// worker is not disturbed.
func TestRulesSwappedMidRun(t *testing.T) {
	src := mma.Builtin()
	var w *world
	w = newWorld(t, project, func(ctx context.Context, req llm.Request) []llm.Event {
		if req.Model == "t1" {
			return []llm.Event{text(tracksJSON)}
		}
		id, _ := ticketOf(req)
		if id == "T1" {
			// A reload lands while T1's worker runs.
			src.Set(edited("RELOADED-PROMPT"), "generation 1")
		}
		return []llm.Event{done(id)}
	})
	w.cfg.Rules = src
	e := w.start()
	e.Plan("goal")
	w.sig.wait(t, "the first plan", func() bool { return len(w.eventsOf(mma.PlanProposed)) == 1 })
	tr := w.addTrack("T1", "T2:T1")
	if err := e.Run(tr); err != nil {
		t.Fatal(err)
	}
	w.waitStatus(tr, "T2", state.StatusDone)
	e.Plan("goal")
	w.sig.wait(t, "the second plan", func() bool { return len(w.eventsOf(mma.PlanProposed)) == 2 })

	for _, tc := range []struct {
		what   string
		req    llm.Request
		edited bool
	}{
		{"the plan before the reload", w.p.requests("t1")[0], false},
		{"T1's worker, started before the reload", w.p.requests("A")[0], false},
		{"T2's worker, started after it", w.p.requests("A")[1], true},
		{"the plan after the reload", w.p.requests("t1")[1], true},
	} {
		if got := strings.HasPrefix(tc.req.System, "RELOADED-PROMPT "); got != tc.edited {
			t.Errorf("%s: edited prompt = %v, want %v; system prompt:\n%s", tc.what, got, tc.edited, tc.req.System)
		}
	}
	if id, _ := ticketOf(w.p.requests("A")[1]); id != "T2" {
		t.Fatalf("second worker request is for %s", id)
	}
	if f := w.eventsOf(mma.RulesFailed); len(f) != 0 {
		t.Errorf("rules failed: %v", f[0].Err)
	}
}

// A rule that panics does not kill the worker: the panic is reported
// (RulesFailed, and the Source's Fault for the app's error state) and the
// decision is made by the last good rules, which stay in use.
func TestPanickingRuleFallsBack(t *testing.T) {
	src := mma.Builtin()
	src.Set(edited("GOOD"), "generation 1")
	bad := edited("BAD")
	bad.Tier3 = func(ruleapi.WorkerInput) (string, string) {
		var m map[string]int
		m["x"] = 1 // a bug in an edited rule
		return "", ""
	}
	src.Set(bad, "generation 2")
	w := newWorld(t, project, func(ctx context.Context, req llm.Request) []llm.Event {
		id, _ := ticketOf(req)
		return []llm.Event{done(id)}
	})
	w.cfg.Rules = src
	e := w.start()
	tr := w.addTrack("T1", "T2:T1")
	if err := e.Run(tr); err != nil {
		t.Fatal(err)
	}
	w.waitStatus(tr, "T2", state.StatusDone)

	for i, r := range w.p.requests("A") {
		if !strings.HasPrefix(r.System, "GOOD ") {
			t.Errorf("worker request %d was not made by the last good rules:\n%s", i, r.System)
		}
	}
	f := w.eventsOf(mma.RulesFailed)
	if len(f) != 1 { // the bad rules were dropped at the first panic
		t.Fatalf("%d RulesFailed events, want 1", len(f))
	}
	if msg := f[0].Err.Error(); f[0].Text != "Tier3" || !strings.Contains(msg, "rule Tier3 of the generation 2 rules panicked") ||
		!strings.Contains(msg, "assignment to entry in nil map") || !strings.Contains(msg, "the generation 1 rules run instead") {
		t.Errorf("RulesFailed = %q: %v", f[0].Text, f[0].Err)
	}
	if src.Current() != "generation 1" {
		t.Errorf("rules in use = %q, want generation 1", src.Current())
	}
	if ft := src.Fault(); ft == nil || ft.Rule != "Tier3" || !strings.Contains(ft.Stack, "rules_test.go") {
		t.Errorf("the source's fault = %+v", ft)
	}
}

// A panic in a step rule called with the engine's lock held (the
// scheduler's Startable) falls back the same way, and the track runs.
func TestPanickingStepRuleFallsBack(t *testing.T) {
	src := mma.Builtin()
	bad := rules.Set
	bad.Startable = func(*state.Track) []string { panic("no tickets today") }
	src.Set(bad, "generation 1")
	w := newWorld(t, project, func(ctx context.Context, req llm.Request) []llm.Event {
		id, _ := ticketOf(req)
		return []llm.Event{done(id)}
	})
	w.cfg.Rules = src
	e := w.start()
	tr := w.addTrack("T1")
	if err := e.Run(tr); err != nil {
		t.Fatal(err)
	}
	w.waitStatus(tr, "T1", state.StatusDone)
	if f := w.eventsOf(mma.RulesFailed); len(f) != 1 || f[0].Text != "Startable" || !strings.Contains(f[0].Err.Error(), "no tickets today") {
		t.Fatalf("RulesFailed events = %+v", f)
	}
	if src.Current() != "built-in" {
		t.Errorf("rules in use = %q", src.Current())
	}
}
