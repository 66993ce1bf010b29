// Package events is a fan-out bus of timestamped events (what `slopgui ctl
// watch` streams): whoever knows something happened Publishes it, and every
// subscriber gets its own copy. Publish never blocks: each subscriber has a
// bounded queue, and one that does not keep up loses events, which it is
// told of by a {"kind":"lost","count":N} marker in their place. The package
// has no GUI code and is safe for concurrent use.
package events

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"
)

// KindLost is the marker of events a slow subscriber lost; Fields["count"]
// says how many.
const KindLost = "lost"

// Event is one thing that happened. As JSON it is one flat object:
// {"time":…,"kind":"reload.failed", …Fields}.
type Event struct {
	Time   time.Time
	Kind   string
	Fields map[string]any
}

// MarshalJSON writes time and kind first, then the fields by name (a
// field named time or kind is left out).
func (e Event) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	t, _ := json.Marshal(e.Time)
	k, _ := json.Marshal(e.Kind)
	fmt.Fprintf(&b, `{"time":%s,"kind":%s`, t, k)
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		if k != "time" && k != "kind" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, err := json.Marshal(e.Fields[k])
		if err != nil {
			return nil, fmt.Errorf("events: field %q of %s: %w", k, e.Kind, err)
		}
		kb, _ := json.Marshal(k)
		b.WriteByte(',')
		b.Write(kb)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads what MarshalJSON writes; the fields are kept as
// json.RawMessage.
func (e *Event) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	*e = Event{}
	if t, ok := m["time"]; ok {
		if err := json.Unmarshal(t, &e.Time); err != nil {
			return fmt.Errorf("events: time: %w", err)
		}
	}
	if k, ok := m["kind"]; ok {
		if err := json.Unmarshal(k, &e.Kind); err != nil {
			return fmt.Errorf("events: kind: %w", err)
		}
	}
	delete(m, "time")
	delete(m, "kind")
	if len(m) > 0 {
		e.Fields = map[string]any{}
		for k, v := range m {
			e.Fields[k] = v
		}
	}
	return nil
}

// Bus fans events out to its subscribers. The zero value is not usable:
// call New. A nil *Bus takes Publish and drops the event.
type Bus struct {
	now func() time.Time

	mu     sync.Mutex
	subs   map[*Sub]bool
	closed bool
}

// New returns a bus without subscribers.
func New() *Bus { return &Bus{now: time.Now, subs: map[*Sub]bool{}} }

// Publish sends an event of kind with fields (which must not be changed
// afterwards) to every subscriber that wants it. It never blocks.
func (b *Bus) Publish(kind string, fields map[string]any) {
	b.PublishEvent(Event{Kind: kind, Fields: fields})
}

// PublishEvent is Publish of a whole event; a zero Time is now.
func (b *Bus) PublishEvent(e Event) {
	if b == nil {
		return
	}
	if e.Time.IsZero() {
		e.Time = b.now()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for s := range b.subs {
		s.put(e)
	}
}

// Subscribe returns a subscriber that queues at most buffer events (at
// least 1) of the kinds want accepts (all when want is nil).
func (b *Bus) Subscribe(buffer int, want func(kind string) bool) *Sub {
	s := &Sub{bus: b, max: max(buffer, 1), want: want, ready: make(chan struct{}, 1)}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		s.closed = true
		s.signal()
		return s
	}
	b.subs[s] = true
	return s
}

// Close ends every subscription: each gets what it has queued, then
// nothing more. Publish after Close drops the event.
func (b *Bus) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for s := range b.subs {
		s.close()
		delete(b.subs, s)
	}
}

// Sub is one subscription.
type Sub struct {
	bus   *Bus
	max   int
	want  func(string) bool
	ready chan struct{} // holds a token while something is queued or the sub closed

	mu     sync.Mutex
	queue  []Event
	closed bool
}

// put queues e, or counts it lost (the bus's lock held).
func (s *Sub) put(e Event) {
	if s.want != nil && !s.want(e.Kind) {
		return
	}
	s.mu.Lock()
	switch n := len(s.queue); {
	case s.closed:
	case n < s.max:
		s.queue = append(s.queue, e)
	case s.queue[n-1].Kind == KindLost:
		s.queue[n-1].Fields["count"] = s.queue[n-1].Fields["count"].(int) + 1
	default: // one place more than max, for the marker
		s.queue = append(s.queue, Event{Time: e.Time, Kind: KindLost, Fields: map[string]any{"count": 1}})
	}
	s.mu.Unlock()
	s.signal()
}

func (s *Sub) signal() {
	select {
	case s.ready <- struct{}{}:
	default:
	}
}

func (s *Sub) close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.signal()
}

// Ready has a value when Take has something to return (events, or the
// news that the subscription ended).
func (s *Sub) Ready() <-chan struct{} { return s.ready }

// Take returns the events queued, oldest first, and whether the
// subscription has ended (no more will come after these).
func (s *Sub) Take() (evs []Event, ended bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	evs, s.queue = s.queue, nil
	if s.closed {
		s.signal() // the next Take says so again
	}
	return evs, s.closed
}

// Close ends the subscription; the bus forgets it.
func (s *Sub) Close() {
	s.bus.mu.Lock()
	delete(s.bus.subs, s)
	s.bus.mu.Unlock()
	s.close()
}
