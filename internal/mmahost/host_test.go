package mmahost

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/contract"
	"github.com/slopgui/slopgui/llm"
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
