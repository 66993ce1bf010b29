package mmahost

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/internal/events"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/mma"
	"github.com/slopgui/slopgui/state"
)

// script plays every tier by the request's model: t1 answers tracks, t2
// tickets, a worker writes hello.txt and then says done.
type script struct {
	mu    sync.Mutex
	names []string // providers asked for
}

func (s *script) Name() string                             { return "script" }
func (s *script) Models(context.Context) ([]string, error) { return nil, nil }
func (s *script) Stream(ctx context.Context, req llm.Request) <-chan llm.Event {
	ch := make(chan llm.Event, 4)
	text := func(t string) {
		ch <- llm.Event{Kind: llm.EventText, Text: t}
	}
	switch req.Model {
	case "t1":
		text(`{"tracks":[{"title":"greet","brief":"write hello.txt","files":["hello.txt"]}]}`)
	case "t2":
		text(`{"tickets":[{"id":"T1","title":"write it","description":"write hello","target_files":["hello.txt"],"depends_on":[]}]}`)
	default:
		last := req.Messages[len(req.Messages)-1]
		if len(last.ToolResults) == 0 {
			text("writing")
			ch <- llm.Event{Kind: llm.EventToolCall, Call: llm.ToolCall{ID: "c1", Name: "write_file", Args: `{"path":"hello.txt","content":"old"}`}}
		} else {
			ch <- llm.Event{Kind: llm.EventToolCall, Call: llm.ToolCall{ID: "c2", Name: "done", Args: `{"summary":"wrote it"}`}}
		}
	}
	ch <- llm.Event{Kind: llm.EventUsage, Usage: llm.Usage{In: 10, Out: 5}}
	ch <- llm.Event{Kind: llm.EventDone}
	close(ch)
	return ch
}

// app is the app's side: a mailbox drained by one goroutine into tracks.
type app struct {
	t      *testing.T
	mu     sync.Mutex
	mail   chan any
	tracks []state.Track
	h      *Host
}

func (a *app) drain() {
	for m := range a.mail {
		a.mu.Lock()
		a.tracks, _ = a.h.Apply(a.tracks, m)
		a.mu.Unlock()
	}
}

func (a *app) wait(what string, cond func() bool) {
	a.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		a.mu.Lock()
		ok := cond()
		a.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	a.t.Fatalf("timed out waiting for %s", what)
}

func TestHostFlow(t *testing.T) {
	root := t.TempDir()
	p := &script{}
	ui := state.Fresh("demo")
	ui.Project.Root = root
	ui.AI.Model = "w"
	ui.AI.MMA = state.MMASettings{Tier1: state.TierModel{Model: "t1"}, Tier2: state.TierModel{Model: "t2"}, Tier3: "w1, w2", Limit: 3}
	q := approval.New(nil)
	a := &app{t: t, mail: make(chan any, 1000)}
	a.h = New(Config{Post: func(m any) { a.mail <- m }, Queue: q, Provider: func(name string) (llm.Provider, error) {
		p.mu.Lock()
		p.names = append(p.names, name)
		p.mu.Unlock()
		return p, nil
	}}, &ui)
	go a.drain()
	defer func() { a.h.Close(); close(a.mail) }()
	var h contract.MMA = a.h // the dashboard's view of it

	if h.MMAView().Limit != 3 {
		t.Fatalf("limit %d", h.MMAView().Limit)
	}
	h.Plan("greet the world")
	if !h.MMAView().Planning {
		t.Fatal("not planning")
	}
	a.wait("the proposal", func() bool { return len(a.h.props) == 1 })
	v := h.MMAView()
	if v.Planning || v.Proposals[0].Title != "greet" {
		t.Fatalf("view %+v", v)
	}
	id, err := h.AcceptTrack(0, contract.MMAProposal{Title: "greeting", Brief: "write hello.txt"})
	if err != nil {
		t.Fatal(err)
	}
	a.wait("the track", func() bool { return len(a.tracks) == 1 })
	if a.tracks[0].Name != "greeting" || a.tracks[0].Goal != "greet the world" {
		t.Fatalf("track %+v", a.tracks[0])
	}
	if err := h.MakeTickets(id); err != nil {
		t.Fatal(err)
	}
	a.wait("tickets", func() bool { return a.h.tickets[id] != nil && len(a.h.tickets[id].Proposed) == 1 })
	if err := h.AcceptTickets(id); err != nil {
		t.Fatal(err)
	}
	if err := h.MMAStep(id, false); err != nil {
		t.Fatal(err)
	}
	if err := h.Run("greeting"); err != nil { // by name
		t.Fatal(err)
	}
	var qs []contract.MMAQuestion
	a.wait("the edit question", func() bool { qs = h.MMAView().Questions; return len(qs) == 1 })
	if qs[0].Kind != string(approval.KindEdit) || qs[0].Track != id || qs[0].Ticket != "T1" {
		t.Fatalf("question %+v", qs[0])
	}
	if err := h.Answer(qs[0].ID, true, `{"path":"hello.txt","content":"hello, edited"}`); err != nil {
		t.Fatal(err)
	}
	a.wait("done", func() bool {
		return len(a.tracks[0].Tickets) == 1 && a.tracks[0].Tickets[0].Status == state.StatusDone
	})
	b, err := os.ReadFile(filepath.Join(root, "hello.txt"))
	if err != nil || string(b) != "hello, edited" {
		t.Fatalf("file %q %v", b, err)
	}
	a.mu.Lock()
	live := a.h.MMAView().Live[id+"/T1"]
	a.mu.Unlock()
	_ = live // the last turn's text (the done call has none)

	js, err := json.Marshal(a.h.MMAStatus())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"tier":1`, `"model":"t1"`, `"model":"w1"`, `"workers":0`, `"limit":`} {
		if !strings.Contains(string(js), want) {
			t.Errorf("status %s lacks %s", js, want)
		}
	}
	if strings.Contains(string(js), `"tracks"`) || strings.Contains(string(js), "greeting") {
		t.Errorf("status %s repeats the tracks (the app's state lists them)", js)
	}
	err = h.MMAPause("nope")
	if err == nil || !strings.Contains(err.Error(), "greeting") {
		t.Fatalf("unknown track: %v", err)
	}
	if err := h.MMAPause(id); err != nil {
		t.Fatal(err)
	}
	if err := h.MMAResume("greeting"); err != nil {
		t.Fatal(err)
	}
}

func TestModels(t *testing.T) {
	ai := state.AISettings{Provider: "openai-compatible", Model: "base",
		MMA: state.MMASettings{Tier2: state.TierModel{Provider: "anthropic", Model: "big"}, Tier3: " a ,b,"}}
	ms := Models(ai, nil)
	if ms.Tier1.Name != "base" || ms.Tier2.Name != "big" || ms.Tier2.Provider.Name() != "anthropic" || ms.Tier4.Name != "base" {
		t.Fatalf("%+v", ms)
	}
	if len(ms.Tier3) != 2 || ms.Tier3[0].Name != "a" || ms.Tier3[1].Name != "b" {
		t.Fatalf("tier 3 %+v", ms.Tier3)
	}
	if len(Models(state.AISettings{Model: "m"}, nil).Tier3) != 1 {
		t.Fatal("empty tier 3 is not the project's model")
	}
	// A provider that cannot be made fails its requests.
	ev := <-ms.Tier1.Provider.Stream(context.Background(), llm.Request{})
	if ev.Kind != llm.EventError {
		t.Fatalf("%+v", ev)
	}
}

func TestStale(t *testing.T) {
	ui := state.Fresh("demo")
	ui.Project.Root = t.TempDir()
	h := New(Config{Post: func(any) {}, Queue: approval.New(nil)}, &ui)
	defer h.Close()
	if h.Stale(&ui) {
		t.Fatal("stale at once")
	}
	ui.AI.MMA.Limit = 5
	if !h.Stale(&ui) {
		t.Fatal("not stale after a change")
	}
	if _, ok := h.Apply(nil, "other"); ok {
		t.Fatal("applied a foreign message")
	}
}

// Each usage row is priced from the model's price when it is known: the
// sum of its calls' tokens at the prices per million; an unknown model's
// row is not priced; without a price table nothing is.
func TestUsageCost(t *testing.T) {
	prices := map[string][2]float64{"t1": {2, 8}, "w1": {0.5, 1}}
	price := func(m string) (float64, float64, bool) { p, ok := prices[m]; return p[0], p[1], ok }
	calls := []struct {
		tier    int
		model   string
		in, out int
	}{{1, "t1", 1000, 500}, {3, "w1", 200000, 10000}, {1, "t1", 3000, 1500}, {4, "local", 50, 5}}
	for _, tc := range []struct {
		name  string
		price func(string) (float64, float64, bool)
		want  []contract.MMAUsage
	}{
		{"priced", price, []contract.MMAUsage{
			{Tier: 1, Model: "t1", In: 4000, Out: 2000, Cost: (4000*2 + 2000*8) / 1e6, Priced: true},
			{Tier: 3, Model: "w1", In: 200000, Out: 10000, Cost: (200000*0.5 + 10000*1) / 1e6, Priced: true},
			{Tier: 4, Model: "local", In: 50, Out: 5},
		}},
		{"no table", nil, []contract.MMAUsage{
			{Tier: 1, Model: "t1", In: 4000, Out: 2000},
			{Tier: 3, Model: "w1", In: 200000, Out: 10000},
			{Tier: 4, Model: "local", In: 50, Out: 5},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ui := state.Fresh("demo")
			ui.Project.Root = t.TempDir()
			h := New(Config{Post: func(any) {}, Queue: approval.New(nil), Price: tc.price,
				Provider: func(string) (llm.Provider, error) { return &script{}, nil }}, &ui)
			defer h.Close()
			for _, c := range calls {
				h.Apply(nil, Event{h: h, ev: mma.Event{Kind: mma.Usage, Tier: c.tier, Model: c.model, Usage: llm.Usage{In: c.in, Out: c.out}}})
			}
			got := h.MMAView().Usage
			if len(got) != len(tc.want) {
				t.Fatalf("rows %+v, want %+v", got, tc.want)
			}
			for i := range got {
				g, w := got[i], tc.want[i]
				if g.Tier != w.Tier || g.Model != w.Model || g.In != w.In || g.Out != w.Out || g.Priced != w.Priced || math.Abs(g.Cost-w.Cost) > 1e-12 {
					t.Errorf("row %d = %+v, want %+v", i, g, w)
				}
			}
			js, _ := json.Marshal(h.MMAStatus())
			if want := fmt.Sprintf(`"priced":%v`, tc.price != nil); !strings.Contains(string(js), want) {
				t.Errorf("status %s lacks %s", js, want)
			}
		})
	}
}

// newApp starts a host on the script provider in a temp project, with its
// mailbox drained into the app's tracks.
func newApp(t *testing.T) (*app, contract.MMA) {
	t.Helper()
	ui := state.Fresh("demo")
	ui.Project.Root = t.TempDir()
	ui.AI.Model = "w"
	ui.AI.MMA = state.MMASettings{Tier1: state.TierModel{Model: "t1"}, Tier2: state.TierModel{Model: "t2"}, Tier3: "w1"}
	p := &script{}
	a := &app{t: t, mail: make(chan any, 1000)}
	a.h = New(Config{Post: func(m any) { a.mail <- m }, Queue: approval.New(nil),
		Provider: func(string) (llm.Provider, error) { return p, nil }}, &ui)
	go a.drain()
	t.Cleanup(func() { a.h.Close(); close(a.mail) })
	return a, a.h
}

// The plan's answer streams into PlanStream; a tier-2 call's into its
// MMATickets.Stream while it is busy, "" starting each answer again; a
// long stream keeps its end.
func TestHostTierStreams(t *testing.T) {
	a, h := newApp(t)
	h.Plan("greet")
	a.wait("the proposal", func() bool { return len(a.h.props) == 1 })
	if s := h.MMAView().PlanStream; !strings.Contains(s, `"tracks"`) {
		t.Fatalf("PlanStream %q: want tier 1's answer", s)
	}

	a.h.mu.Lock()
	a.h.tickets["track9"] = &contract.MMATickets{Busy: true}
	a.h.mu.Unlock()
	for _, text := range []string{"", "first", "", "second ", "answer"} {
		a.h.Apply(nil, Event{h: a.h, ev: mma.Event{Kind: mma.TierText, Tier: 2, Track: "track9", Text: text}})
	}
	if got := h.MMAView().Tickets["track9"].Stream; got != "second answer" {
		t.Fatalf("tier-2 stream %q, want the second answer only", got)
	}
	long := strings.Repeat("line\n", LiveCap/2)
	a.h.Apply(nil, Event{h: a.h, ev: mma.Event{Kind: mma.TierText, Tier: 2, Track: "track9", Text: long}})
	if got := h.MMAView().Tickets["track9"].Stream; len(got) > LiveCap+LiveCap/4+len(TrimMarker) || !strings.HasPrefix(got, TrimMarker) {
		t.Fatalf("a long tier-2 stream is kept as %d bytes starting %q", len(got), got[:20])
	}
}

// SetTicket and SetTranscript reach the engine and come back to the app's
// tracks as events; an unknown ticket is an error.
func TestHostSetTicketAndTranscript(t *testing.T) {
	a, h := newApp(t)
	h.Plan("greet")
	a.wait("the proposal", func() bool { return len(a.h.props) == 1 })
	id, err := h.AcceptTrack(0, h.MMAView().Proposals[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := h.MakeTickets(id); err != nil {
		t.Fatal(err)
	}
	a.wait("tickets", func() bool { return a.h.tickets[id] != nil && len(a.h.tickets[id].Proposed) == 1 })
	if err := h.AcceptTickets(id); err != nil {
		t.Fatal(err)
	}
	if err := h.SetTicket(id, "T1", true, " big "); err != nil {
		t.Fatal(err)
	}
	a.wait("the ticket's flags", func() bool {
		return len(a.tracks) == 1 && len(a.tracks[0].Tickets) == 1 && a.tracks[0].Tickets[0].StepMode && a.tracks[0].Tickets[0].Model == "big"
	})
	msgs := []state.TicketMsg{{Role: "user", Text: "edited intro"}}
	if err := h.SetTranscript(id, "T1", msgs); err != nil {
		t.Fatal(err)
	}
	a.wait("the transcript", func() bool {
		tr := a.tracks[0].Tickets[0].Transcript
		return len(tr) == 1 && tr[0].Text == "edited intro"
	})
	if err := h.SetTicket(id, "T9", false, ""); err == nil {
		t.Error("SetTicket of an unknown ticket: no error")
	}
	if err := h.SetTranscript(id, "T9", msgs); err == nil {
		t.Error("SetTranscript of an unknown ticket: no error")
	}
}

// The user's edit of the proposed tickets: a good edit replaces them (as
// checked: trimmed) and AcceptTickets puts the edited list in the track; a
// refused one (a cycle, a duplicate ID, none left) says why and changes
// nothing; a track with nothing proposed refuses.
func TestHostSetProposedTickets(t *testing.T) {
	a, h := newApp(t)
	h.Plan("greet")
	a.wait("the proposal", func() bool { return len(a.h.props) == 1 })
	id, err := h.AcceptTrack(0, h.MMAView().Proposals[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := h.SetProposedTickets(id, []contract.MMATicketProposal{{ID: "X", Title: "x"}}); err == nil {
		t.Error("SetProposedTickets with nothing proposed: no error")
	}
	if err := h.MakeTickets(id); err != nil {
		t.Fatal(err)
	}
	a.wait("tickets", func() bool { return len(h.MMAView().Tickets[id].Proposed) == 1 })
	orig := h.MMAView().Tickets[id].Proposed
	edited := []contract.MMATicketProposal{
		{ID: " T1 ", Title: "first, edited", Description: "edited", Targets: []string{"hello.txt"}},
		{ID: "T2", Title: "second", DependsOn: []string{"T1"}},
	}
	for _, tc := range []struct {
		name string
		ps   []contract.MMATicketProposal
		want string
	}{
		{"cycle", []contract.MMATicketProposal{{ID: "T1", Title: "a", DependsOn: []string{"T2"}}, {ID: "T2", Title: "b", DependsOn: []string{"T1"}}}, "cycle"},
		{"duplicate", []contract.MMATicketProposal{{ID: "T1", Title: "a"}, {ID: "T1", Title: "b"}}, "T1 already exists"},
		{"unknown", []contract.MMATicketProposal{{ID: "T1", Title: "a", DependsOn: []string{"T7"}}}, "T7"},
		{"none", nil, "no tickets"},
	} {
		err := h.SetProposedTickets(id, tc.ps)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want a refusal saying %q", tc.name, err, tc.want)
		}
		if got := h.MMAView().Tickets[id].Proposed; len(got) != 1 || got[0].Title != orig[0].Title {
			t.Fatalf("%s: a refused edit changed the proposal to %+v", tc.name, got)
		}
	}
	if err := h.SetProposedTickets(id, edited); err != nil {
		t.Fatal(err)
	}
	got := h.MMAView().Tickets[id].Proposed
	if len(got) != 2 || got[0].ID != "T1" || got[0].Title != "first, edited" || got[1].DependsOn[0] != "T1" {
		t.Fatalf("proposed after the edit: %+v", got)
	}
	got[0].Title = "changed by the caller" // the view is a copy
	if err := h.AcceptTickets(id); err != nil {
		t.Fatal(err)
	}
	a.wait("the edited tickets in the track", func() bool {
		return len(a.tracks) == 1 && len(a.tracks[0].Tickets) == 2 && a.tracks[0].Tickets[0].Title == "first, edited" &&
			a.tracks[0].Tickets[1].DependsOn[0] == "T1"
	})
	if _, ok := h.MMAView().Tickets[id]; ok {
		t.Error("the proposal stays after Accept")
	}
}

// A held worker is named in MMAView.Held until it goes on or ends.
func TestHostHeld(t *testing.T) {
	a, h := newApp(t)
	apply := func(ev mma.Event) { a.h.Apply(nil, Event{h: a.h, ev: ev}) }
	apply(mma.Event{Kind: mma.WorkerHeld, Track: "track1", Ticket: "T1", Held: true})
	apply(mma.Event{Kind: mma.WorkerHeld, Track: "track1", Ticket: "T2", Held: true})
	if v := h.MMAView().Held; !v["track1/T1"] || !v["track1/T2"] || len(v) != 2 {
		t.Fatalf("held %v, want T1 and T2", v)
	}
	apply(mma.Event{Kind: mma.WorkerHeld, Track: "track1", Ticket: "T1"})
	apply(mma.Event{Kind: mma.WorkerEnded, Track: "track1", Ticket: "T2"})
	if v := h.MMAView().Held; len(v) != 0 {
		t.Fatalf("held %v after the release and the end, want none", v)
	}
}

// With the dashboard's Step mode on, a track accepted from the plan starts
// in step mode (the app's copy too); with it off, it does not.
func TestStepNewTracks(t *testing.T) {
	for _, on := range []bool{true, false} {
		t.Run(fmt.Sprint(on), func(t *testing.T) {
			a, h := newApp(t)
			a.h.StepNewTracks(on)
			h.Plan("greet")
			a.wait("the proposal", func() bool { return len(a.h.props) == 1 })
			id, err := h.AcceptTrack(0, h.MMAView().Proposals[0])
			if err != nil {
				t.Fatal(err)
			}
			a.wait("the track", func() bool { return len(a.tracks) == 1 && a.tracks[0].ID == id })
			if on {
				a.wait("step mode", func() bool { return a.tracks[0].StepMode })
			}
			for _, tr := range a.h.eng.Tracks() {
				if tr.ID == id && tr.StepMode != on {
					t.Fatalf("the engine's track in step mode %v, want %v", tr.StepMode, on)
				}
			}
		})
	}
}

// A ticket's status change applied is published with the status it had.
func TestTicketEvents(t *testing.T) {
	ui := state.Fresh("demo")
	ui.Project.Root = t.TempDir()
	bus := events.New()
	sub := bus.Subscribe(10, nil)
	h := New(Config{Post: func(any) {}, Queue: approval.New(nil), Events: bus}, &ui)
	defer h.Close()
	tracks := []state.Track{{ID: "track1", Name: "undo", Tickets: []state.Ticket{{ID: "T1", Status: state.StatusTodo}}}}
	tracks, _ = h.Apply(tracks, Event{h: h, ev: mma.Event{Kind: mma.StatusChanged, Track: "track1", Ticket: "T1", Status: state.StatusInProgress}})
	tracks, _ = h.Apply(tracks, Event{h: h, ev: mma.Event{Kind: mma.StatusChanged, Track: "track1", Ticket: "T1", Status: state.StatusBlocked, Reason: "needs a key"}})
	h.Apply(tracks, Event{h: h, ev: mma.Event{Kind: mma.StatusChanged, Track: "track1", Ticket: "T9", Status: state.StatusDone}}) // no such ticket
	evs, _ := sub.Take()
	var got []string
	for _, e := range evs {
		got = append(got, fmt.Sprintf("%s %s/%s %s→%s %s", e.Kind, e.Fields["track"], e.Fields["ticket"], e.Fields["from"], e.Fields["to"], e.Fields["reason"]))
	}
	want := "mma.ticket track1/T1 todo→in progress |mma.ticket track1/T1 in progress→blocked needs a key"
	if s := strings.Join(got, "|"); s != want {
		t.Errorf("events\n%s\nwant\n%s", s, want)
	}
}
