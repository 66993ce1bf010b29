// Package approval is the one queue where everything that needs the
// user's yes waits: a tool call the model wants to make, a reload an agent
// asks for over the control socket. Whoever asks blocks in Ask until the
// user answers or the asker goes away (its context ends), and then the
// question is withdrawn; whoever shows questions lists Pending and calls
// Answer. Every question has a stable ID: its place in the list is not
// its identity.
//
// The package has no GUI code and is safe for concurrent use.
package approval

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Kind says what is asked.
type Kind string

// The kinds of questions.
const (
	KindTool   Kind = "tool"   // run a tool call (Title is the tool, Args its arguments)
	KindReload Kind = "reload" // reload or roll back the views (Items the files, Detail the diff)
	KindEdit   Kind = "edit"   // apply a file change (Title the tool, Detail the diff, Args the call's arguments)
	KindSpawn  Kind = "spawn"  // start an MMA worker (Detail its context, Args its system prompt and context as JSON)
	KindTurn   Kind = "turn"   // send an MMA worker's next request to its model (Detail what is sent)
	KindAction Kind = "action" // act on the UI for an agent: click, type, key, set (Title the action)
)

// Asker is who asks: a name for the user and its process.
type Asker struct {
	Name string
	PID  int
}

func (a Asker) String() string {
	if a.PID == 0 {
		return a.Name
	}
	return fmt.Sprintf("%s (pid %d)", a.Name, a.PID)
}

// Request is one question.
type Request struct {
	Kind   Kind
	Title  string   // what is asked, in a few words
	Items  []string // a list to show (e.g. the changed files)
	Detail string   // more to show (e.g. a diff)
	Args   string   // arguments the user may edit before approving
	Ref    string   // the asker's own reference (e.g. the tool call's ID)
	Run    string   // the run the question belongs to, if any
	Asker  Asker
}

// Pending is a question waiting for its answer.
type Pending struct {
	ID string
	Request
	Asked time.Time
}

// Answer is the user's decision. Args is what to run: the request's Args
// as the user left them.
type Answer struct {
	Approved bool
	Args     string
}

// Errors Answer returns.
var (
	ErrUnknown  = errors.New("no such question")
	ErrAnswered = errors.New("already answered")
	ErrGone     = errors.New("withdrawn: the asker went away")
)

// Change is a question asked, answered or withdrawn (Observe).
type Change struct {
	Pending
	Answered  bool // the user answered it: Approved says how
	Approved  bool
	Withdrawn bool // its asker went away first
}

// Queue holds the pending questions. The zero value is not usable: call New.
type Queue struct {
	notify  func()
	observe func(Change) // set before use (Observe)

	mu      sync.Mutex
	next    uint64
	version uint64
	pending []*item
	closed  map[string]error // IDs answered (ErrAnswered) or withdrawn (ErrGone)
}

type item struct {
	p      Pending
	answer chan Answer // buffered: Answer never blocks
}

// New returns an empty queue. notify, if not nil, is called (without the
// queue's lock held) whenever Pending changes, e.g. to wake a render loop.
func New(notify func()) *Queue {
	return &Queue{notify: notify, closed: map[string]error{}}
}

// Observe makes f be called for every question asked, answered or
// withdrawn, without the queue's lock held, on the goroutine that asks or
// answers (the render thread, for the window's buttons): f must not block.
// Call it before the queue is used.
func (q *Queue) Observe(f func(Change)) { q.observe = f }

func (q *Queue) tell(c Change) {
	if q.observe != nil {
		c.Items = slices.Clone(c.Items)
		q.observe(c)
	}
}

// Ask queues r and waits for the answer. When ctx ends first the question
// is withdrawn (it leaves Pending) and the error is ctx's.
func (q *Queue) Ask(ctx context.Context, r Request) (Answer, error) {
	it := &item{answer: make(chan Answer, 1)}
	q.mu.Lock()
	q.next++
	it.p = Pending{ID: "q" + strconv.FormatUint(q.next, 10), Request: r, Asked: time.Now()}
	q.pending = append(q.pending, it)
	q.version++
	q.mu.Unlock()
	q.tell(Change{Pending: it.p})
	q.changed()
	select {
	case a := <-it.answer:
		return a, nil
	case <-ctx.Done():
	}
	q.mu.Lock()
	removed := q.remove(it.p.ID, ErrGone)
	q.mu.Unlock()
	if !removed { // answered while ctx ended: the answer stands
		return <-it.answer, nil
	}
	q.tell(Change{Pending: it.p, Withdrawn: true})
	q.changed()
	return Answer{}, ctx.Err()
}

// Pending lists the questions waiting, oldest first.
func (q *Queue) Pending() []Pending {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]Pending, len(q.pending))
	for i, it := range q.pending {
		out[i] = it.p
		out[i].Items = slices.Clone(it.p.Items)
	}
	return out
}

// Version changes whenever Pending does, so a caller polling once a frame
// copies the list only when it changed.
func (q *Queue) Version() uint64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.version
}

// Answer answers question id. args replaces the request's Args when not
// empty (an approval with edited arguments). Answering a question twice,
// or one that was withdrawn, is an error.
func (q *Queue) Answer(id string, approve bool, args string) error {
	q.mu.Lock()
	var it *item
	for _, p := range q.pending {
		if p.p.ID == id {
			it = p
		}
	}
	if it == nil {
		err, ok := q.closed[id]
		q.mu.Unlock()
		if !ok {
			err = ErrUnknown
		}
		return fmt.Errorf("approval %s: %w", id, err)
	}
	q.remove(id, ErrAnswered)
	q.mu.Unlock()
	if args == "" {
		args = it.p.Args
	}
	it.answer <- Answer{Approved: approve, Args: args}
	q.tell(Change{Pending: it.p, Answered: true, Approved: approve})
	q.changed()
	return nil
}

// remove takes id out of pending, remembering why (lock held).
func (q *Queue) remove(id string, why error) bool {
	for i, it := range q.pending {
		if it.p.ID == id {
			q.pending = slices.Delete(q.pending, i, i+1)
			q.closed[id] = why
			q.version++
			return true
		}
	}
	return false
}

func (q *Queue) changed() {
	if q.notify != nil {
		q.notify()
	}
}
