package rules

import (
	"slices"

	"github.com/slopgui/slopgui/ruleapi"
	"github.com/slopgui/slopgui/state"
)

// Ready lists the tickets that may start: todo, with every dependency
// done, in the track's order.
func Ready(t *state.Track) []string {
	var out []string
	for _, tk := range t.Tickets {
		if tk.Status != state.StatusTodo {
			continue
		}
		ok := true
		for _, d := range tk.DependsOn {
			if dep := t.Ticket(d); dep == nil || dep.Status != state.StatusDone {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, tk.ID)
		}
	}
	return out
}

// Spawn is how many of ready tickets to start now, with running already
// running and at most limit at once.
func Spawn(ready []string, running, limit int) []string {
	n := max(0, min(len(ready), limit-running))
	return ready[:n]
}

// Cascade lists the tickets blocked because blocked is: every ticket that
// depends on it, directly or through others, and is not done yet, in the
// track's order. The caller marks them blocked with the reason
// "depends on <blocked>".
func Cascade(t *state.Track, blocked string) []string {
	hit := map[string]bool{blocked: true}
	for changed := true; changed; {
		changed = false
		for _, tk := range t.Tickets {
			if hit[tk.ID] || tk.Status == state.StatusDone {
				continue
			}
			if slices.ContainsFunc(tk.DependsOn, func(d string) bool { return hit[d] }) {
				hit[tk.ID], changed = true, true
			}
		}
	}
	var out []string
	for _, tk := range t.Tickets {
		if tk.ID != blocked && hit[tk.ID] {
			out = append(out, tk.ID)
		}
	}
	return out
}

// MaxEscalations is how many times a blocked ticket moves to the next
// model of its tier's escalation list before it is blocked for good.
const MaxEscalations = 2

// Actions after a block or a failed command (ruleapi's).
const (
	Diagnose = ruleapi.Diagnose // ask tier 4, add its diagnosis, the worker goes on
	Escalate = ruleapi.Escalate // retry the ticket from scratch on the next model
	GiveUp   = ruleapi.GiveUp   // block the ticket with its reason and cascade
)

// AfterBlock decides what follows a worker's block or failed command: the
// first on a model gets a tier-4 diagnosis; the second moves the ticket to
// the next model, at most MaxEscalations times and while there is one;
// after that the ticket is blocked.
func AfterBlock(a Attempt) Action {
	switch {
	case a.Blocks <= 1:
		return Diagnose
	case a.Escalations < MaxEscalations && a.Escalations+1 < a.Models:
		return Escalate
	}
	return GiveUp
}
