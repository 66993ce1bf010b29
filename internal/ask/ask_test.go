package ask_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/ask"
)

type outcome struct {
	answer string
	err    error
}

// ask starts an Ask and returns where its outcome arrives, once the
// question is in the queue.
func start(t *testing.T, q *ask.Queue, ctx context.Context, qu ask.Question, timeout time.Duration) <-chan outcome {
	t.Helper()
	n := len(q.Pending())
	ch := make(chan outcome, 1)
	go func() {
		a, err := q.Ask(ctx, qu, timeout)
		ch <- outcome{a, err}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for len(q.Pending()) == n {
		if time.Now().After(deadline) {
			t.Fatal("the question never joined the queue")
		}
		time.Sleep(time.Millisecond)
	}
	return ch
}

func wait(t *testing.T, ch <-chan outcome) outcome {
	t.Helper()
	select {
	case o := <-ch:
		return o
	case <-time.After(10 * time.Second):
		t.Fatal("Ask did not return")
	}
	return outcome{}
}

func TestOutcomes(t *testing.T) {
	for _, c := range []struct {
		name    string
		choices []string
		timeout time.Duration
		act     func(q *ask.Queue, id string, cancel func()) error
		answer  string
		err     error
	}{
		{"answer a choice", []string{"yes", "no"}, 0, func(q *ask.Queue, id string, _ func()) error { return q.Answer(id, "yes") }, "yes", nil},
		{"answer text", nil, 0, func(q *ask.Queue, id string, _ func()) error { return q.Answer(id, "blue, please") }, "blue, please", nil},
		{"dismiss", []string{"yes"}, 0, func(q *ask.Queue, id string, _ func()) error { return q.Dismiss(id) }, "", ask.ErrDismissed},
		{"timeout", nil, 20 * time.Millisecond, func(*ask.Queue, string, func()) error { return nil }, "", ask.ErrTimeout},
		{"withdrawn", nil, 0, func(_ *ask.Queue, _ string, cancel func()) error { cancel(); return nil }, "", context.Canceled},
	} {
		t.Run(c.name, func(t *testing.T) {
			var q ask.Queue
			var wakes atomic.Int32
			q.Changed = func() { wakes.Add(1) }
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ch := start(t, &q, ctx, ask.Question{Text: "Ship it?", Choices: c.choices, Asker: "claude", PID: 7}, c.timeout)
			p := q.Pending()
			if len(p) != 1 || p[0].Text != "Ship it?" || p[0].Asker != "claude" || p[0].PID != 7 || p[0].ID == "" {
				t.Fatalf("pending: %+v", p)
			}
			if err := c.act(&q, p[0].ID, cancel); err != nil {
				t.Fatal(err)
			}
			o := wait(t, ch)
			if o.answer != c.answer || !errors.Is(o.err, c.err) || (c.err == nil) != (o.err == nil) {
				t.Errorf("got %q, %v; want %q, %v", o.answer, o.err, c.answer, c.err)
			}
			if n := len(q.Pending()); n != 0 {
				t.Errorf("%d questions still waiting", n)
			}
			if err := q.Answer(p[0].ID, "yes"); !errors.Is(err, ask.ErrUnknown) {
				t.Errorf("answering it again: %v, want ErrUnknown", err)
			}
			if n := wakes.Load(); n < 2 {
				t.Errorf("Changed called %d times; want at the ask and at the outcome", n)
			}
		})
	}
}

// Questions wait in the order asked; a withdrawn one in the middle leaves
// the others in order; an answer not among the choices is refused.
func TestOrder(t *testing.T) {
	var q ask.Queue
	ctx := context.Background()
	ctx2, cancel2 := context.WithCancel(ctx)
	a := start(t, &q, ctx, ask.Question{Text: "first", Choices: []string{"a"}}, 0)
	b := start(t, &q, ctx2, ask.Question{Text: "second"}, 0)
	c := start(t, &q, ctx, ask.Question{Text: "third"}, 0)
	texts := func() (out []string) {
		for _, p := range q.Pending() {
			out = append(out, p.Text)
		}
		return out
	}
	if got := texts(); len(got) != 3 || got[0] != "first" || got[1] != "second" || got[2] != "third" {
		t.Fatalf("order: %q", got)
	}
	first := q.Pending()[0].ID
	if err := q.Answer(first, "b"); err == nil {
		t.Error("an answer that is not a choice was taken")
	}
	cancel2()
	if o := wait(t, b); !errors.Is(o.err, context.Canceled) {
		t.Errorf("withdrawn: %v", o.err)
	}
	if got := texts(); len(got) != 2 || got[0] != "first" || got[1] != "third" {
		t.Fatalf("after the withdrawal: %q", got)
	}
	if err := q.Answer(first, "a"); err != nil {
		t.Fatal(err)
	}
	if o := wait(t, a); o.answer != "a" || o.err != nil {
		t.Errorf("first: %+v", o)
	}
	if p := q.Pending(); len(p) != 1 || p[0].Text != "third" {
		t.Fatalf("next shown: %+v", p)
	}
	q.Answer(q.Pending()[0].ID, "")
	if o := wait(t, c); o.answer != "" || o.err != nil {
		t.Errorf("third (empty text answer): %+v", o)
	}
}

func TestInvalid(t *testing.T) {
	var q ask.Queue
	if _, err := q.Ask(context.Background(), ask.Question{}, 0); err == nil {
		t.Error("an empty question was asked")
	}
	if _, err := q.Ask(context.Background(), ask.Question{Text: "x", Choices: []string{"a", ""}}, 0); err == nil {
		t.Error("an empty choice was taken")
	}
}
