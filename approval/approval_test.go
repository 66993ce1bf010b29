package approval_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slopgui/slopgui/approval"
)

// waitPending polls until n questions are pending (the asker's goroutine
// queues asynchronously), failing after 5 s.
func waitPending(t *testing.T, q *approval.Queue, n int) []approval.Pending {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		p := q.Pending()
		if len(p) == n {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d pending, want %d: %+v", len(p), n, p)
		}
		time.Sleep(time.Millisecond)
	}
}

type result struct {
	a   approval.Answer
	err error
}

func ask(q *approval.Queue, ctx context.Context, r approval.Request) <-chan result {
	ch := make(chan result, 1)
	go func() {
		a, err := q.Ask(ctx, r)
		ch <- result{a, err}
	}()
	return ch
}

func TestAnswer(t *testing.T) {
	for _, tc := range []struct {
		name     string
		approve  bool
		args     string
		wantArgs string
	}{
		{"approved as asked", true, "", `{"command":"ls"}`},
		{"approved edited", true, `{"command":"ls -l"}`, `{"command":"ls -l"}`},
		{"denied", false, "", `{"command":"ls"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var notified atomic.Int32
			q := approval.New(func() { notified.Add(1) })
			v0 := q.Version()
			ch := ask(q, context.Background(), approval.Request{Kind: approval.KindTool, Title: "run_command",
				Args: `{"command":"ls"}`, Asker: approval.Asker{Name: "model", PID: 42}})
			p := waitPending(t, q, 1)
			if p[0].ID == "" || p[0].Title != "run_command" || p[0].Asker.String() != "model (pid 42)" || q.Version() == v0 {
				t.Fatalf("pending %+v, version %d", p, q.Version())
			}
			if err := q.Answer(p[0].ID, tc.approve, tc.args); err != nil {
				t.Fatal(err)
			}
			r := <-ch
			if r.err != nil || r.a.Approved != tc.approve || r.a.Args != tc.wantArgs {
				t.Fatalf("answer %+v, err %v", r.a, r.err)
			}
			if len(q.Pending()) != 0 || notified.Load() != 2 {
				t.Fatalf("pending %+v, notified %d times, want 2", q.Pending(), notified.Load())
			}
			if err := q.Answer(p[0].ID, true, ""); !errors.Is(err, approval.ErrAnswered) {
				t.Fatalf("second answer: %v, want ErrAnswered", err)
			}
		})
	}
}

// An asker that goes away withdraws its question; the others stay in
// order, with their IDs.
func TestWithdrawnWhenAskerGoes(t *testing.T) {
	q := approval.New(nil)
	ctx, cancel := context.WithCancel(context.Background())
	first := ask(q, ctx, approval.Request{Title: "first"})
	waitPending(t, q, 1)
	second := ask(q, context.Background(), approval.Request{Title: "second"})
	p := waitPending(t, q, 2)
	if p[0].Title != "first" || p[1].Title != "second" || p[0].ID == p[1].ID {
		t.Fatalf("pending %+v", p)
	}
	cancel()
	if r := <-first; !errors.Is(r.err, context.Canceled) {
		t.Fatalf("withdrawn ask: %+v", r)
	}
	left := waitPending(t, q, 1)
	if left[0].ID != p[1].ID {
		t.Fatalf("left %+v, want %s", left, p[1].ID)
	}
	if err := q.Answer(p[0].ID, true, ""); !errors.Is(err, approval.ErrGone) {
		t.Fatalf("answer to a withdrawn question: %v, want ErrGone", err)
	}
	if err := q.Answer(p[1].ID, true, ""); err != nil {
		t.Fatal(err)
	}
	if r := <-second; r.err != nil || !r.a.Approved {
		t.Fatalf("second %+v", r)
	}
}

func TestUnknownID(t *testing.T) {
	q := approval.New(nil)
	if err := q.Answer("q99", true, ""); !errors.Is(err, approval.ErrUnknown) {
		t.Fatalf("err %v, want ErrUnknown", err)
	}
}

// Pending returns copies: changing them changes nothing queued.
func TestPendingIsACopy(t *testing.T) {
	q := approval.New(nil)
	ch := ask(q, context.Background(), approval.Request{Items: []string{"a.go"}, Args: "x"})
	p := waitPending(t, q, 1)
	p[0].Items[0], p[0].Args = "changed", "changed"
	if again := q.Pending(); again[0].Items[0] != "a.go" || again[0].Args != "x" {
		t.Fatalf("pending changed through a copy: %+v", again)
	}
	q.Answer(p[0].ID, false, "")
	<-ch
}

// Observe sees every question asked, answered and withdrawn.
func TestObserve(t *testing.T) {
	q := approval.New(nil)
	var mu sync.Mutex
	var got []string
	q.Observe(func(c approval.Change) {
		mu.Lock()
		defer mu.Unlock()
		s := "asked " + c.ID
		switch {
		case c.Withdrawn:
			s = "withdrawn " + c.ID
		case c.Answered:
			s = fmt.Sprintf("answered %s %v", c.ID, c.Approved)
		}
		got = append(got, s)
	})
	done := make(chan struct{})
	go func() { q.Ask(context.Background(), approval.Request{Title: "a"}); close(done) }()
	waitPending(t, q, 1)
	q.Answer("q1", true, "")
	<-done
	ctx, cancel := context.WithCancel(context.Background())
	done = make(chan struct{})
	go func() { q.Ask(ctx, approval.Request{Title: "b"}); close(done) }()
	waitPending(t, q, 1)
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if s := strings.Join(got, ", "); s != "asked q1, answered q1 true, asked q2, withdrawn q2" {
		t.Errorf("observed %q", s)
	}
}
