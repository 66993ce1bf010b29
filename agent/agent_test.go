package agent_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slopgui/slopgui/agent"
	"github.com/slopgui/slopgui/approval"
	"github.com/slopgui/slopgui/llm"
)

// step is one scripted answer: its events, and whether to then hang until
// the context ends (a stream that does not finish by itself).
type step struct {
	events []llm.Event
	hang   bool
}

// scripted is an llm.Provider answering each Stream with the next step,
// keeping the requests.
type scripted struct {
	mu    sync.Mutex
	steps []step
	reqs  []llm.Request
	// streaming is closed when a hanging step has sent its events.
	streaming chan struct{}
}

func (p *scripted) Name() string                             { return "scripted" }
func (p *scripted) Models(context.Context) ([]string, error) { return nil, nil }
func (p *scripted) Stream(ctx context.Context, req llm.Request) <-chan llm.Event {
	p.mu.Lock()
	n := len(p.reqs)
	p.reqs = append(p.reqs, req)
	p.mu.Unlock()
	ch := make(chan llm.Event, 16)
	go func() {
		defer close(ch)
		if n >= len(p.steps) {
			ch <- llm.Event{Kind: llm.EventError, Err: errors.New("no more script")}
			return
		}
		s := p.steps[n]
		for _, ev := range s.events {
			ch <- ev
		}
		if s.hang {
			close(p.streaming)
			<-ctx.Done()
			ch <- llm.Event{Kind: llm.EventError, Err: &llm.Error{Kind: llm.KindCanceled}}
			return
		}
		ch <- llm.Event{Kind: llm.EventDone, Stop: "stop"}
	}()
	return ch
}

func text(s string) llm.Event { return llm.Event{Kind: llm.EventText, Text: s} }
func call(id, name, args string) llm.Event {
	return llm.Event{Kind: llm.EventToolCall, Call: llm.ToolCall{ID: id, Name: name, Args: args}}
}

// tools records what runs; a call named "slow" blocks (ignoring its
// context, like a tool that does not honour it) until release closes.
type tools struct {
	mu      sync.Mutex
	ran     []string
	started chan struct{}
	release chan struct{}
}

func (t *tools) Run(ctx context.Context, c llm.ToolCall) (string, error) {
	t.mu.Lock()
	t.ran = append(t.ran, c.Name+" "+c.Args)
	t.mu.Unlock()
	if c.Name == "slow" {
		close(t.started)
		<-t.release
		return "LATE RESULT", nil
	}
	if c.Name == "broken" {
		return "", errors.New("it broke")
	}
	return "out of " + c.Args, nil
}

// decision answers every approval.
type decision struct {
	approve bool
	args    string
}

// trace is a run's events as short strings.
func trace(evs []agent.Event) string {
	var out []string
	for _, e := range evs {
		switch e.Kind {
		case agent.TurnStarted:
			out = append(out, fmt.Sprintf("turn%d", e.Round))
		case agent.Text:
			out = append(out, "text:"+e.Text)
		case agent.Usage:
			out = append(out, fmt.Sprintf("usage:%d/%d", e.Usage.In, e.Usage.Out))
		case agent.TurnEnded:
			out = append(out, fmt.Sprintf("ended:%q+%d", e.Reply, len(e.Calls)))
		case agent.ToolAsked:
			out = append(out, "asked:"+e.Call.Args)
		case agent.ToolApproved:
			out = append(out, "approved:"+e.Call.Args)
		case agent.ToolDenied:
			out = append(out, "denied")
		case agent.ToolResult:
			out = append(out, "result:"+e.Result.Content)
		case agent.Done:
			out = append(out, "done")
		case agent.Failed:
			out = append(out, "failed:"+e.Err.Error())
		case agent.Stopped:
			out = append(out, "stopped")
		}
	}
	return strings.Join(out, " ")
}

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name     string
		steps    []step
		decide   decision
		want     string
		wantRan  string
		wantLast string // in the last request's tool result
	}{
		{
			name:  "plain answer",
			steps: []step{{events: []llm.Event{text("Hel"), text("lo"), {Kind: llm.EventUsage, Usage: llm.Usage{In: 3, Out: 2}}}}},
			want:  `turn0 text:Hel text:lo usage:3/2 ended:"Hello"+0 done`,
		},
		{
			name:     "tool approved",
			steps:    []step{{events: []llm.Event{call("c1", "read_file", `{"path":"a"}`)}}, {events: []llm.Event{text("ok")}}},
			decide:   decision{approve: true},
			want:     `turn0 ended:""+1 asked:{"path":"a"} approved:{"path":"a"} result:out of {"path":"a"} turn1 text:ok ended:"ok"+0 done`,
			wantRan:  `read_file {"path":"a"}`,
			wantLast: `out of {"path":"a"}`,
		},
		{
			name:     "tool denied",
			steps:    []step{{events: []llm.Event{call("c1", "run_command", `{"command":"rm -rf /"}`)}}, {events: []llm.Event{text("fine")}}},
			decide:   decision{approve: false},
			want:     `turn0 ended:""+1 asked:{"command":"rm -rf /"} denied result:denied by the user turn1 text:fine ended:"fine"+0 done`,
			wantLast: agent.Denied,
		},
		{
			name:     "tool edited",
			steps:    []step{{events: []llm.Event{call("c1", "run_command", `{"command":"rm -rf /"}`)}}, {events: []llm.Event{text("ok")}}},
			decide:   decision{approve: true, args: `{"command":"ls"}`},
			want:     `turn0 ended:""+1 asked:{"command":"rm -rf /"} approved:{"command":"ls"} result:out of {"command":"ls"} turn1 text:ok ended:"ok"+0 done`,
			wantRan:  `run_command {"command":"ls"}`,
			wantLast: `out of {"command":"ls"}`,
		},
		{
			name:     "tool error goes back to the model",
			steps:    []step{{events: []llm.Event{call("c1", "broken", `{}`)}}, {events: []llm.Event{text("sorry")}}},
			decide:   decision{approve: true},
			want:     `turn0 ended:""+1 asked:{} approved:{} result:error: it broke turn1 text:sorry ended:"sorry"+0 done`,
			wantRan:  `broken {}`,
			wantLast: "error: it broke",
		},
		{
			name:  "provider error",
			steps: []step{{events: []llm.Event{text("par"), {Kind: llm.EventError, Err: errors.New("HTTP 500")}}}},
			want:  `turn0 text:par ended:"par"+0 failed:HTTP 500`,
		},
		{
			name:    "too many rounds",
			steps:   []step{{events: []llm.Event{call("c1", "read_file", `{}`)}}, {events: []llm.Event{call("c2", "read_file", `{}`)}}},
			decide:  decision{approve: true},
			want:    `turn0 ended:""+1 asked:{} approved:{} result:out of {} turn1 ended:""+1 failed:the model asked for tools 2 times in a row; stopped there (send again to continue)`,
			wantRan: `read_file {}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &scripted{steps: tc.steps}
			tl := &tools{}
			var evs []agent.Event
			agent.Run(context.Background(), "run-1", agent.Config{Provider: p, Tools: tl, MaxRounds: 2,
				Request: llm.Request{Model: "m", Messages: []llm.Message{{Role: llm.User, Text: "hi"}}},
				Approve: func(ctx context.Context, c llm.ToolCall) (bool, string, error) {
					return tc.decide.approve, tc.decide.args, nil
				},
				Emit: func(e agent.Event) { evs = append(evs, e) }})
			if got := trace(evs); got != tc.want {
				t.Fatalf("events\n%s\nwant\n%s", got, tc.want)
			}
			for _, e := range evs {
				if e.Run != "run-1" {
					t.Fatalf("event %+v not tagged with the run", e)
				}
			}
			if got := strings.Join(tl.ran, "; "); got != tc.wantRan {
				t.Errorf("ran %q, want %q", got, tc.wantRan)
			}
			if tc.wantLast != "" {
				last := p.reqs[len(p.reqs)-1].Messages
				n := len(last)
				if n < 3 || len(last[n-1].ToolResults) != 1 || last[n-1].ToolResults[0].Content != tc.wantLast ||
					last[n-2].ToolCalls[0].ID != "c1" {
					t.Fatalf("last request's messages %+v", last)
				}
				if tc.decide.args != "" && last[n-2].ToolCalls[0].Args != tc.decide.args {
					t.Errorf("the history says the model called %s, want what ran: %s", last[n-2].ToolCalls[0].Args, tc.decide.args)
				}
			}
		})
	}
}

// runAsync runs c on a goroutine; the events arrive on the channel, which
// is closed when Run returns.
func runAsync(ctx context.Context, c agent.Config) <-chan agent.Event {
	ch := make(chan agent.Event, 64)
	c.Emit = func(e agent.Event) { ch <- e }
	go func() {
		agent.Run(ctx, "r", c)
		close(ch)
	}()
	return ch
}

// collect reads events until the channel closes, failing after d.
func collect(t *testing.T, ch <-chan agent.Event, d time.Duration) []agent.Event {
	t.Helper()
	var evs []agent.Event
	timeout := time.After(d)
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				return evs
			}
			evs = append(evs, e)
		case <-timeout:
			t.Fatalf("the run did not end within %v: %s", d, trace(evs))
		}
	}
}

// Stop mid-stream: no more text, Stopped, the provider's closing event
// kept for the comms history.
func TestStopMidStream(t *testing.T) {
	p := &scripted{steps: []step{{events: []llm.Event{text("partial")}, hang: true}}, streaming: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	ch := runAsync(ctx, agent.Config{Provider: p, Tools: &tools{}})
	var evs []agent.Event
	for len(evs) < 2 { // turn0, text: the text is in before the stop
		evs = append(evs, <-ch)
	}
	<-p.streaming
	cancel()
	evs = append(evs, collect(t, ch, 5*time.Second)...)
	if got := trace(evs); got != `turn0 text:partial ended:"partial"+0 stopped` {
		t.Fatalf("events %s", got)
	}
	if le, ok := llm.AsError(evs[2].Final.Err); !ok || le.Kind != llm.KindCanceled {
		t.Fatalf("closing event %+v, want the provider's cancelled error", evs[2].Final)
	}
}

// Stop mid-tool ends the run although the tool ignores its context (it
// returns only after the run ended), and the tool's late result is never
// reported or sent. How fast: BenchmarkStopMidTool.
func TestStopMidTool(t *testing.T) {
	p := &scripted{steps: []step{{events: []llm.Event{call("c1", "slow", `{}`)}}, {events: []llm.Event{text("never")}}}}
	tl := &tools{started: make(chan struct{}), release: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	ch := runAsync(ctx, agent.Config{Provider: p, Tools: tl,
		Approve: func(context.Context, llm.ToolCall) (bool, string, error) { return true, "", nil }})
	<-tl.started
	cancel()
	evs := collect(t, ch, 10*time.Second) // the tool would hold it forever
	close(tl.release)                     // the result arrives after the stop
	if got := trace(evs); got != `turn0 ended:""+1 asked:{} approved:{} stopped` {
		t.Fatalf("events %s", got)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.reqs) != 1 {
		t.Fatalf("%d requests: the late result was sent on", len(p.reqs))
	}
}

// Stop while the approval waits in the queue: the question is withdrawn
// and nothing runs.
func TestStopWhileAsking(t *testing.T) {
	q := approval.New(nil)
	p := &scripted{steps: []step{{events: []llm.Event{call("c1", "run_command", `{"command":"ls"}`)}}}}
	tl := &tools{}
	ctx, cancel := context.WithCancel(context.Background())
	ch := runAsync(ctx, agent.Config{Provider: p, Tools: tl, Approve: agent.AskQueue(q, "r", approval.Asker{Name: "model"})})
	deadline := time.Now().Add(5 * time.Second)
	for len(q.Pending()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no question queued")
		}
		time.Sleep(time.Millisecond)
	}
	pend := q.Pending()[0]
	if pend.Kind != approval.KindTool || pend.Title != "run_command" || pend.Ref != "c1" || pend.Run != "r" {
		t.Fatalf("question %+v", pend)
	}
	cancel()
	evs := collect(t, ch, 5*time.Second)
	if got := trace(evs); got != `turn0 ended:""+1 asked:{"command":"ls"} stopped` || len(q.Pending()) != 0 || len(tl.ran) != 0 {
		t.Fatalf("events %s, pending %+v, ran %q", got, q.Pending(), tl.ran)
	}
}

// An edited approval through the queue runs the edited arguments.
func TestQueueApprovalEdited(t *testing.T) {
	q := approval.New(nil)
	p := &scripted{steps: []step{{events: []llm.Event{call("c1", "run_command", `{"command":"rm x"}`)}}, {events: []llm.Event{text("ok")}}}}
	tl := &tools{}
	ch := runAsync(context.Background(), agent.Config{Provider: p, Tools: tl, Approve: agent.AskQueue(q, "r", approval.Asker{Name: "model"})})
	deadline := time.Now().Add(5 * time.Second)
	for len(q.Pending()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no question queued")
		}
		time.Sleep(time.Millisecond)
	}
	if err := q.Answer(q.Pending()[0].ID, true, `{"command":"ls"}`); err != nil {
		t.Fatal(err)
	}
	collect(t, ch, 5*time.Second)
	if len(tl.ran) != 1 || tl.ran[0] != `run_command {"command":"ls"}` {
		t.Fatalf("ran %q", tl.ran)
	}
}

// BenchmarkStopMidTool measures a run with a tool that ignores its
// context, stopped mid-tool: start, Stop, end (the goal: Stop ends it well
// under 1 s; ns/op is an upper bound).
func BenchmarkStopMidTool(b *testing.B) {
	for range b.N {
		p := &scripted{steps: []step{{events: []llm.Event{call("c1", "slow", `{}`)}}}}
		tl := &tools{started: make(chan struct{}), release: make(chan struct{})}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			agent.Run(ctx, "r", agent.Config{Provider: p, Tools: tl, Emit: func(agent.Event) {},
				Approve: func(context.Context, llm.ToolCall) (bool, string, error) { return true, "", nil }})
			close(done)
		}()
		<-tl.started
		cancel()
		<-done
		close(tl.release)
	}
}
