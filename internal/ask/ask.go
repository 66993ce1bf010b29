// Package ask is the queue of questions agents ask the user (`slopgui ctl
// ask`, MCP ask_user): each Ask blocks until the user answers, dismisses
// the question, its timeout passes, or the asker goes away (its context
// ends: the question is withdrawn). Questions are shown one at a time,
// oldest first. It has no UI: the host draws Pending()[0] and calls
// Answer or Dismiss.
package ask

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Errors Ask returns besides its context's.
var (
	// ErrDismissed: the user closed the question without answering.
	ErrDismissed = errors.New("the user dismissed the question")
	// ErrTimeout: nobody answered within the question's timeout.
	ErrTimeout = errors.New("no answer within the timeout")
	// ErrUnknown: Answer or Dismiss named a question not waiting (answered
	// or withdrawn meanwhile).
	ErrUnknown = errors.New("no such question is waiting")
)

// Question is one question waiting for the user.
type Question struct {
	ID   string // q1, q2, … in the order asked
	Text string
	// Choices, when any, are the answers offered (one button each);
	// without them the user types the answer.
	Choices []string
	Asker   string // the client's name, e.g. "claude"
	PID     int
	Asked   time.Time
}

type entry struct {
	q    Question
	done chan result // buffered 1
}

type result struct {
	answer string
	err    error
}

// Queue holds the questions waiting; the zero value is ready to use and
// safe for concurrent use.
type Queue struct {
	// Changed, when set, is called after a question is added or removed
	// (the host wakes its render loop); never with the lock held.
	Changed func()

	mu    sync.Mutex
	items []*entry
	n     int
}

// Ask queues q and waits for its outcome: the answer, ErrDismissed,
// ErrTimeout (timeout > 0 passed), or ctx's error (withdrawn). The
// question leaves the queue in every case.
func (q *Queue) Ask(ctx context.Context, qu Question, timeout time.Duration) (string, error) {
	if qu.Text == "" {
		return "", errors.New("ask: the question is empty")
	}
	if slices.Contains(qu.Choices, "") {
		return "", errors.New("ask: a choice is empty")
	}
	e := &entry{done: make(chan result, 1)}
	q.mu.Lock()
	q.n++
	qu.ID = fmt.Sprintf("q%d", q.n)
	if qu.Asked.IsZero() {
		qu.Asked = time.Now()
	}
	e.q = qu
	q.items = append(q.items, e)
	q.mu.Unlock()
	q.changed()
	var expire <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		expire = t.C
	}
	select {
	case r := <-e.done:
		return r.answer, r.err
	case <-expire:
		if r, ok := q.settle(qu.ID, result{err: ErrTimeout}); ok {
			return r.answer, r.err
		}
	case <-ctx.Done():
		if r, ok := q.settle(qu.ID, result{err: fmt.Errorf("question withdrawn: %w", ctx.Err())}); ok {
			return r.answer, r.err
		}
	}
	// Answered in the meantime: the answer wins.
	r := <-e.done
	return r.answer, r.err
}

// settle removes the question id and delivers r to its asker; ok false
// means it had already gone (and had its outcome delivered).
func (q *Queue) settle(id string, r result) (result, bool) {
	q.mu.Lock()
	i := slices.IndexFunc(q.items, func(e *entry) bool { return e.q.ID == id })
	if i < 0 {
		q.mu.Unlock()
		return result{}, false
	}
	e := q.items[i]
	q.items = slices.Delete(q.items, i, i+1)
	q.mu.Unlock()
	e.done <- r
	q.changed()
	return r, true
}

// Answer answers question id with answer (one of its choices, when it has
// any).
func (q *Queue) Answer(id, answer string) error {
	q.mu.Lock()
	i := slices.IndexFunc(q.items, func(e *entry) bool { return e.q.ID == id })
	if i >= 0 && len(q.items[i].q.Choices) > 0 && !slices.Contains(q.items[i].q.Choices, answer) {
		q.mu.Unlock()
		return fmt.Errorf("ask: %q is not one of the choices %q", answer, q.items[i].q.Choices)
	}
	q.mu.Unlock()
	if _, ok := q.settle(id, result{answer: answer}); !ok {
		return fmt.Errorf("ask: answering %s: %w", id, ErrUnknown)
	}
	return nil
}

// Dismiss closes question id unanswered.
func (q *Queue) Dismiss(id string) error {
	if _, ok := q.settle(id, result{err: ErrDismissed}); !ok {
		return fmt.Errorf("ask: dismissing %s: %w", id, ErrUnknown)
	}
	return nil
}

// Pending lists the questions waiting, oldest (the one shown) first.
func (q *Queue) Pending() []Question {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]Question, len(q.items))
	for i, e := range q.items {
		out[i] = e.q
	}
	return out
}

func (q *Queue) changed() {
	if q.Changed != nil {
		q.Changed()
	}
}
