// Package startup measures where a process's start goes, from before main
// to its first frame: the program marks the end of each step (Mark), and
// Phases splits the time since an origin (the process's Go start, or the
// moment the previous process handed over) at those marks.
package startup

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Init is when this package was initialised: after the exec, the dynamic
// loader and the Go runtime's start, before main (every package that
// imports this one initialises later).
var Init = time.Now()

// Phase is one step of the start.
type Phase struct {
	Name string
	D    time.Duration
}

type mark struct {
	name string
	at   time.Time
}

var (
	mu    sync.Mutex
	marks []mark
)

// Mark records that the step name ended now. The first mark of a name
// counts; later ones are ignored.
func Mark(name string) {
	now := time.Now()
	mu.Lock()
	defer mu.Unlock()
	for _, m := range marks {
		if m.name == name {
			return
		}
	}
	marks = append(marks, mark{name, now})
}

// Phases splits the time from origin to the last mark: a first phase
// "exec and init" from origin to Init (none when origin is zero or
// later), then one per mark, in the order they were made.
func Phases(origin time.Time) []Phase {
	mu.Lock()
	defer mu.Unlock()
	var out []Phase
	last := Init
	if !origin.IsZero() && origin.Before(Init) {
		out = append(out, Phase{"exec and init", Init.Sub(origin)})
	}
	for _, m := range marks {
		out = append(out, Phase{m.name, m.at.Sub(last)})
		last = m.at
	}
	return out
}

// Format writes phases as "name 12.3 ms, …, total 45.6 ms".
func Format(ps []Phase) string {
	var b strings.Builder
	var total time.Duration
	for _, p := range ps {
		fmt.Fprintf(&b, "%s %.1f ms, ", p.Name, float64(p.D.Microseconds())/1000)
		total += p.D
	}
	fmt.Fprintf(&b, "total %.1f ms", float64(total.Microseconds())/1000)
	return b.String()
}

// reset forgets the marks (tests).
func reset() {
	mu.Lock()
	marks = nil
	mu.Unlock()
}
