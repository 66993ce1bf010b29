package mma_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/mma"
	"github.com/slopgui/slopgui/rules"
	"github.com/slopgui/slopgui/state"
)

var project = map[string]string{
	"go.mod":  "module example.com/p\n\ngo 1.22\n",
	"main.go": "package main\n\nimport \"example.com/p/lib\"\n\nfunc main() { lib.Hello() }\n",
	"lib/lib.go": "// Package lib greets.\npackage lib\n\n// Hello greets.\nfunc Hello() { println(secret()) }\n\n" +
		"func secret() string { return \"hi\" }\n",
}

const tracksJSON = `{"tracks":[{"title":"greet","brief":"make it greet twice","files":["main.go"]}]}`

const ticketsJSON = "Here:\n```json\n" + `{"tickets":[
 {"id":"T3","title":"third","description":"d3","target_files":["main.go"],"depends_on":["T2"]},
 {"id":"T1","title":"first","description":"d1","target_files":["main.go"],"depends_on":[]},
 {"id":"T2","title":"second","description":"d2","target_files":["lib/lib.go"],"depends_on":["T1"]}]}` + "\n```\n"

// Plan → accept → tickets → accept → run: the workers run in dependency
// order, each in a fresh conversation, and the ticket is done with the
// worker's summary.
func TestPlanTicketsWorkers(t *testing.T) {
	w := newWorld(t, project, func(ctx context.Context, req llm.Request) []llm.Event {
		switch req.Model {
		case "t1":
			return []llm.Event{text(tracksJSON)}
		case "t2":
			return []llm.Event{text(ticketsJSON)}
		}
		id, _ := ticketOf(req)
		return []llm.Event{text("ok"), done(id)}
	})
	e := w.start()
	plan := e.Plan("greet twice")
	w.sig.wait(t, "the plan", func() bool { return len(w.eventsOf(mma.PlanProposed)) == 1 })
	pe := w.eventsOf(mma.PlanProposed)[0]
	if pe.Plan != plan || len(pe.Tracks) != 1 || pe.Tracks[0].Title != "greet" {
		t.Fatalf("plan event = %+v", pe)
	}
	t1 := w.p.requests("t1")[0]
	for _, want := range []string{"Project: demo", "greet twice", "main.go\n", "lib/lib.go\n"} {
		if !strings.Contains(t1.Messages[0].Text, want) {
			t.Errorf("tier-1 request lacks %q:\n%s", want, t1.Messages[0].Text)
		}
	}
	if !strings.Contains(t1.System, "be brief") || strings.Contains(t1.Messages[0].Text, "func main") {
		t.Errorf("tier 1 gets the system prompt and paths only:\n%s\n%s", t1.System, t1.Messages[0].Text)
	}
	if a := t1.Answer; a == nil || a.Name != "tracks" || !reflect.DeepEqual(a.Schema, rules.TracksSchema()) {
		t.Errorf("the tier-1 request's answer schema = %+v, want rules.TracksSchema", a)
	}
	w.mu.Lock()
	accepted := len(w.tracks)
	w.mu.Unlock()
	if accepted != 0 {
		t.Fatal("a proposed track is in the state before it is accepted")
	}

	id := e.AcceptTrack("greet twice", pe.Tracks[0])
	if err := e.Tickets(id); err != nil {
		t.Fatal(err)
	}
	w.sig.wait(t, "the tickets", func() bool { return len(w.eventsOf(mma.TicketsProposed)) == 1 })
	t2 := w.p.requests("t2")[0].Messages[0].Text
	if !strings.Contains(t2, "--- main.go (full text)\npackage main") || !strings.Contains(t2, "--- lib/lib.go (skeleton") ||
		strings.Contains(t2, "secret") {
		t.Errorf("tier 2 gets main.go in full and lib's skeleton:\n%s", t2)
	}
	if a := w.p.requests("t2")[0].Answer; a == nil || a.Name != "tickets" || !reflect.DeepEqual(a.Schema, rules.TicketsSchema()) {
		t.Errorf("the tier-2 request's answer schema = %+v, want rules.TicketsSchema", a)
	}
	if err := e.AcceptTickets(id, w.eventsOf(mma.TicketsProposed)[0].Tickets); err != nil {
		t.Fatal(err)
	}
	if err := e.Run(id); err != nil {
		t.Fatal(err)
	}
	for _, tk := range []string{"T1", "T2", "T3"} {
		got := w.waitStatus(id, tk, state.StatusDone)
		if got.Summary != "did "+tk {
			t.Errorf("%s summary = %q", tk, got.Summary)
		}
	}
	if got := ids(w.eventsOf(mma.WorkerStarted)); !slices.Equal(got, []string{"T1", "T2", "T3"}) {
		t.Errorf("workers started %v, want T1 T2 T3", got)
	}
	// Each worker's first request is a fresh conversation: its context only.
	for _, r := range w.p.requests("A") {
		if r.Answer != nil {
			t.Errorf("a worker's request constrains its answer to %q: workers answer with tools", r.Answer.Name)
		}
		if len(r.Messages) != 1 {
			t.Errorf("a worker's request has %d messages, want 1 (fresh conversation)", len(r.Messages))
		}
	}
	if first := w.p.requests("A")[0]; !strings.Contains(first.Messages[0].Text, "--- main.go (full text)") ||
		!strings.Contains(first.Messages[0].Text, "lib/lib.go (skeleton") {
		t.Errorf("the worker's context lacks its target in full or an import's skeleton:\n%s", first.Messages[0].Text)
	}
	// The usage of every tier is reported with its model.
	tiers := map[int]string{}
	for _, u := range w.eventsOf(mma.Usage) {
		tiers[u.Tier] = u.Model
	}
	if tiers[1] != "t1" || tiers[2] != "t2" || tiers[3] != "A" {
		t.Errorf("usage by tier = %v", tiers)
	}
}

// An answer that does not parse goes back with its error; after three the
// plan fails.
func TestPlanRetries(t *testing.T) {
	for _, tc := range []struct {
		name    string
		answers []string
		ok      bool
	}{
		{"third time lucky", []string{"no json here", `{"tracks":[]}`, tracksJSON}, true},
		{"three bad answers", []string{"no json", "still none", `{"trax":[]}`}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, project, func(ctx context.Context, req llm.Request) []llm.Event {
				return []llm.Event{text(tc.answers[len(req.Messages)/2])}
			})
			e := w.start()
			e.Plan("goal")
			w.sig.wait(t, "the plan's end", func() bool {
				return len(w.eventsOf(mma.PlanProposed))+len(w.eventsOf(mma.PlanFailed)) == 1
			})
			reqs := w.p.requests("t1")
			if len(reqs) != 3 {
				t.Fatalf("%d requests, want 3", len(reqs))
			}
			for i, r := range reqs {
				if r.Answer == nil || r.Answer.Name != "tracks" {
					t.Errorf("try %d carries no answer schema", i+1)
				}
			}
			if retry := reqs[1].Messages[2].Text; !strings.Contains(retry, "holds no JSON object") || reqs[1].Messages[1].Text != "no json"+map[bool]string{true: " here", false: ""}[tc.ok] {
				t.Errorf("the second request does not send the first answer and its error back: %+v", reqs[1].Messages)
			}
			if tc.ok {
				if len(w.eventsOf(mma.PlanProposed)) != 1 {
					t.Fatal("no plan proposed")
				}
				return
			}
			f := w.eventsOf(mma.PlanFailed)
			if len(f) != 1 || !strings.Contains(f[0].Err.Error(), "3 tries") || !strings.Contains(f[0].Err.Error(), "unknown field") {
				t.Fatalf("failure = %v", f)
			}
		})
	}
}

// Tier 2's answer is checked by the track rules; a cycle or an unknown
// dependency goes back to the model like a parse error.
func TestTicketsRetries(t *testing.T) {
	answers := []string{
		`{"tickets":[{"id":"T1","title":"a","description":"","target_files":[],"depends_on":["T2"]},{"id":"T2","title":"b","description":"","target_files":[],"depends_on":["T1"]}]}`,
		`{"tickets":[{"id":"T1","title":"a","description":"","target_files":[],"depends_on":["T9"]}]}`,
		`{"tickets":[{"id":"T1","title":"a","description":"","target_files":["main.go"],"depends_on":[]}]}`,
	}
	w := newWorld(t, project, func(ctx context.Context, req llm.Request) []llm.Event {
		return []llm.Event{text(answers[len(req.Messages)/2])}
	})
	e := w.start()
	id := e.AcceptTrack("g", rules.ProposedTrack{Title: "x", Brief: "b", Files: []string{"main.go"}})
	if err := e.Tickets(id); err != nil {
		t.Fatal(err)
	}
	w.sig.wait(t, "the tickets", func() bool { return len(w.eventsOf(mma.TicketsProposed)) == 1 })
	reqs := w.p.requests("t2")
	if len(reqs) != 3 || !strings.Contains(reqs[1].Messages[2].Text, "dependency cycle") ||
		!strings.Contains(reqs[2].Messages[4].Text, "T9") {
		t.Fatalf("the rule errors were not sent back: %d requests", len(reqs))
	}
	if err := e.Tickets("nope"); err == nil {
		t.Error("tickets for an unknown track is not an error")
	}
}

// A server that refuses the answer schema (HTTP 400, as an older
// OpenAI-compatible one does for response_format) is asked again without
// it, and the plan goes on; any other failure is not retried that way.
func TestPlanWithoutSchemaWhenRefused(t *testing.T) {
	for _, tc := range []struct {
		name    string
		kind    llm.Kind
		planned bool
	}{
		{"bad request: asked again without the schema", llm.KindBadRequest, true},
		{"auth: reported", llm.KindAuth, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, project, func(ctx context.Context, req llm.Request) []llm.Event {
				if req.Answer != nil {
					return []llm.Event{{Kind: llm.EventError, Err: &llm.Error{Kind: tc.kind, Status: 400, Provider: "fake"}}}
				}
				return []llm.Event{text(tracksJSON)}
			})
			e := w.start()
			e.Plan("goal")
			w.sig.wait(t, "the plan's end", func() bool {
				return len(w.eventsOf(mma.PlanProposed))+len(w.eventsOf(mma.PlanFailed)) == 1
			})
			reqs := w.p.requests("t1")
			if tc.planned {
				if len(w.eventsOf(mma.PlanProposed)) != 1 || len(reqs) != 2 || reqs[0].Answer == nil || reqs[1].Answer != nil {
					t.Fatalf("proposed %d, requests %d; want the plan from a second request without the schema",
						len(w.eventsOf(mma.PlanProposed)), len(reqs))
				}
				return
			}
			if f := w.eventsOf(mma.PlanFailed); len(f) != 1 || len(reqs) != 1 {
				t.Fatalf("failed %d, requests %d; want one failure after one request", len(f), len(reqs))
			}
		})
	}
}
