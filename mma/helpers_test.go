package mma_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/internal/testutil"
	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/mma"
	"github.com/slopgui/slopgui/rules"
	"github.com/slopgui/slopgui/state"
)

// signal is a broadcast: wait blocks until cond holds, re-checking it each
// time poke is called. The timeout only turns a hang into a failure.
type signal struct {
	mu sync.Mutex
	ch chan struct{}
}

func (s *signal) poke() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch != nil {
		close(s.ch)
	}
	s.ch = make(chan struct{})
}

func (s *signal) wait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		s.mu.Lock()
		if s.ch == nil {
			s.ch = make(chan struct{})
		}
		ch := s.ch
		s.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// world is one test's engine, its app-side state and its approval queue.
type world struct {
	t      *testing.T
	sig    *signal
	q      *approval.Queue
	p      *fake
	e      *mma.Engine
	cfg    mma.Config
	root   string
	mu     sync.Mutex
	events []mma.Event
	tracks []state.Track // the app's copy, kept by mma.Apply
	onEv   func(w *world, ev mma.Event)
}

// newWorld makes a project root holding files, a scripted provider
// answering with respond, and the config of an engine on them (not
// started: call w.start).
func newWorld(t *testing.T, files map[string]string, respond func(ctx context.Context, req llm.Request) []llm.Event) *world {
	root := t.TempDir()
	testutil.WriteTree(t, root, files)
	w := &world{t: t, sig: &signal{}, root: root}
	w.q = approval.New(w.sig.poke)
	w.p = &fake{respond: respond, sig: w.sig}
	w.cfg = mma.Config{
		Models: mma.Models{Tier1: mma.Model{Provider: w.p, Name: "t1"}, Tier2: mma.Model{Provider: w.p, Name: "t2"},
			Tier3: []mma.Model{{Provider: w.p, Name: "A"}, {Provider: w.p, Name: "B"}, {Provider: w.p, Name: "C"}},
			Tier4: mma.Model{Provider: w.p, Name: "t4"}},
		Project: "demo", SystemPrompt: "be brief", Root: root, Queue: w.q, AutoCommands: true,
		Emit: w.emit,
	}
	return w
}

func (w *world) emit(ev mma.Event) {
	w.mu.Lock()
	w.events = append(w.events, ev)
	w.tracks = mma.Apply(w.tracks, ev)
	if w.onEv != nil {
		w.onEv(w, ev)
	}
	w.mu.Unlock()
	w.sig.poke()
}

// start starts an engine on the app's tracks.
func (w *world) start() *mma.Engine {
	w.mu.Lock()
	tracks := state.CloneTracks(w.tracks)
	w.mu.Unlock()
	w.e = mma.New(w.cfg, tracks)
	w.t.Cleanup(w.e.Close)
	return w.e
}

// addTrack accepts a track with tickets "ID:dep,dep" (description and
// targets from extra), as the app would after the user's approval.
func (w *world) addTrack(tickets ...string) string {
	w.t.Helper()
	id := w.e.AcceptTrack("goal", rules.ProposedTrack{Title: "work", Brief: "do the work"})
	var ps []rules.ProposedTicket
	for _, s := range tickets {
		name, deps, _ := strings.Cut(s, ":")
		ps = append(ps, rules.ProposedTicket{ID: name, Title: "ticket " + name, Description: "do " + name, DependsOn: state.ParseIDs(deps)})
	}
	if err := w.e.AcceptTickets(id, ps); err != nil {
		w.t.Fatal(err)
	}
	return id
}

// ticket is the app's copy of a ticket.
func (w *world) ticket(track, id string) state.Ticket {
	w.mu.Lock()
	defer w.mu.Unlock()
	if tk := mma.FindTicket(w.tracks, track, id); tk != nil {
		return state.CloneTracks([]state.Track{{Tickets: []state.Ticket{*tk}}})[0].Tickets[0]
	}
	return state.Ticket{}
}

// waitStatus waits for a ticket's status in the app's copy.
func (w *world) waitStatus(track, id string, want state.TicketStatus) state.Ticket {
	w.t.Helper()
	w.sig.wait(w.t, fmt.Sprintf("ticket %s %s", id, want), func() bool { return w.ticket(track, id).Status == want })
	return w.ticket(track, id)
}

// eventsOf lists the events of kind k.
func (w *world) eventsOf(k mma.Kind) []mma.Event {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []mma.Event
	for _, ev := range w.events {
		if ev.Kind == k {
			out = append(out, ev)
		}
	}
	return out
}

// answer waits for a question of kind (and, when not empty, whose title
// contains title), checks it is the only one pending, and answers it.
func (w *world) answer(kind approval.Kind, title string, approve bool, args string) approval.Pending {
	w.t.Helper()
	var got approval.Pending
	w.sig.wait(w.t, fmt.Sprintf("a %s question %q", kind, title), func() bool {
		for _, p := range w.q.Pending() {
			if p.Kind == kind && strings.Contains(p.Title, title) {
				got = p
				return true
			}
		}
		return false
	})
	if err := w.q.Answer(got.ID, approve, args); err != nil {
		w.t.Fatal(err)
	}
	return got
}

// fake is a scripted llm.Provider: respond gives each request's events
// (it may block until ctx ends); the requests are kept.
type fake struct {
	respond func(ctx context.Context, req llm.Request) []llm.Event
	sig     *signal
	mu      sync.Mutex
	reqs    []llm.Request
}

func (p *fake) Name() string                             { return "fake" }
func (p *fake) Models(context.Context) ([]string, error) { return nil, nil }
func (p *fake) Stream(ctx context.Context, req llm.Request) <-chan llm.Event {
	p.mu.Lock()
	p.reqs = append(p.reqs, req)
	p.mu.Unlock()
	p.sig.poke()
	ch := make(chan llm.Event, 16)
	go func() {
		defer close(ch)
		evs := p.respond(ctx, req)
		if ctx.Err() != nil {
			ch <- llm.Event{Kind: llm.EventError, Err: &llm.Error{Kind: llm.KindCanceled}}
			return
		}
		for _, ev := range evs {
			ch <- ev
		}
		ch <- llm.Event{Kind: llm.EventUsage, Usage: llm.Usage{In: 10, Out: 2}}
		ch <- llm.Event{Kind: llm.EventDone, Stop: "stop"}
	}()
	return ch
}

// requests lists the requests to model (all when "").
func (p *fake) requests(model string) []llm.Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []llm.Request
	for _, r := range p.reqs {
		if model == "" || r.Model == model {
			out = append(out, r)
		}
	}
	return out
}

func text(s string) llm.Event { return llm.Event{Kind: llm.EventText, Text: s} }

func call(id, name string, args map[string]string) llm.Event {
	b, _ := json.Marshal(args)
	return llm.Event{Kind: llm.EventToolCall, Call: llm.ToolCall{ID: id, Name: name, Args: string(b)}}
}

func done(id string) llm.Event { return call(id, "done", map[string]string{"summary": "did " + id}) }

var ticketRE = regexp.MustCompile(`(?m)^Ticket (\S+):`)

// ticketOf is the ticket a worker request is about, and its turn (the
// assistant messages so far).
func ticketOf(req llm.Request) (string, int) {
	turn := 0
	for _, m := range req.Messages {
		if m.Role == llm.Assistant {
			turn++
		}
	}
	if len(req.Messages) > 0 {
		if m := ticketRE.FindStringSubmatch(req.Messages[0].Text); m != nil {
			return m[1], turn
		}
	}
	return "", turn
}

// lastResults is the text of the tool results of a request's last message.
func lastResults(req llm.Request) string {
	if len(req.Messages) == 0 {
		return ""
	}
	var b strings.Builder
	for _, r := range req.Messages[len(req.Messages)-1].ToolResults {
		b.WriteString(r.Content)
	}
	return b.String()
}

func models(reqs []llm.Request) []string {
	var out []string
	for _, r := range reqs {
		out = append(out, r.Model)
	}
	return out
}

func ids(evs []mma.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Ticket)
	}
	return out
}
