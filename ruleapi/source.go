package ruleapi

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
)

// Source is where the engine gets its rules, at each decision. The app
// sets a new generation's rules (Set) while tracks run; engine goroutines
// call Do concurrently. Under the current rules it keeps the ones they
// replaced, down to the built-in ones: a rule that panics is reported and
// its rules are dropped for those below them, the last good ones.
type Source struct {
	cur atomic.Pointer[layer]

	mu    sync.Mutex
	fault *Fault // the last panic since the last Set
}

// layer is one set of rules and the set it replaced.
type layer struct {
	rules Rules
	name  string // e.g. "generation 3"
	prev  *layer // nil for the built-in rules
}

// NewSource returns a Source running base, named name (e.g. "built-in").
// Every rule of base must be set.
func NewSource(base Rules, name string) (*Source, error) {
	if err := base.Complete(); err != nil {
		return nil, fmt.Errorf("rules %s: %w", name, err)
	}
	s := &Source{}
	s.cur.Store(&layer{rules: base, name: name})
	return s, nil
}

// Set makes r the current rules (named name, e.g. "generation 3"), above
// the current ones, which stay as its fallback. A rule r lacks is the
// current one's. It clears the last fault.
func (s *Source) Set(r Rules, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := s.cur.Load()
	rv, _ := FromTargets(r.Targets(), prev.rules)
	s.cur.Store(&layer{rules: rv, name: name, prev: prev})
	s.fault = nil
}

// Current names the rules in use.
func (s *Source) Current() string { return s.cur.Load().name }

// Fault is the last rule that panicked since the last Set (nil if none).
func (s *Source) Fault() *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fault
}

// Fault is a rule that panicked.
type Fault struct {
	Rule     string // e.g. "Tier3"
	Rules    string // the rules it belongs to, e.g. "generation 3"
	Fallback string // the rules used instead, e.g. "generation 2"
	Value    string // what it panicked with
	Stack    string
}

func (f *Fault) Error() string {
	return fmt.Sprintf("rule %s of the %s rules panicked: %s; the %s rules run instead", f.Rule, f.Rules, f.Value, f.Fallback)
}

// Do calls f with the current rules; rule names the rule f calls (for the
// report). If f panics, the current rules are dropped for the ones they
// replaced and f is called again with those, until one does not panic:
// the error returned reports each panic (nil when none). The built-in
// rules are never dropped: a panic in them is a bug and goes on.
func (s *Source) Do(rule string, f func(r *Rules)) error {
	var faults []error
	for {
		l := s.cur.Load()
		p, stack := try(l.rules, f)
		if p == nil {
			return errors.Join(faults...)
		}
		if l.prev == nil {
			panic(p)
		}
		ft := &Fault{Rule: rule, Rules: l.name, Fallback: l.prev.name, Value: valueText(p), Stack: stack}
		s.mu.Lock()
		// Only the first to see this layer fail drops it; a Set meanwhile
		// stays (its rules are new and get their own chance).
		if s.cur.CompareAndSwap(l, l.prev) {
			s.fault = ft
		}
		s.mu.Unlock()
		faults = append(faults, ft)
	}
}

// try calls f(&r) and returns what it panicked with, and where.
func try(r Rules, f func(r *Rules)) (p any, stack string) {
	defer func() {
		if p = recover(); p != nil {
			stack = string(debug.Stack())
		}
	}()
	f(&r)
	return nil, ""
}

func valueText(p any) string {
	s := fmt.Sprint(p)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
