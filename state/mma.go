package state

import (
	"fmt"
	"slices"
	"strings"
)

// TicketStatuses lists every status in display order.
var TicketStatuses = []TicketStatus{StatusTodo, StatusInProgress, StatusBlocked, StatusDone, StatusFailed}

// Ticket returns the ticket with id, or nil.
func (t *Track) Ticket(id string) *Ticket {
	for i := range t.Tickets {
		if t.Tickets[i].ID == id {
			return &t.Tickets[i]
		}
	}
	return nil
}

// AddTicket adds a ticket. Its ID must be new and non-blank, and every
// dependency must name an existing ticket (a new ticket cannot close a
// cycle, since nothing depends on it yet).
func (t *Track) AddTicket(id, title string, deps []string) error {
	id = strings.TrimSpace(id)
	if id == "" {
		return fmt.Errorf("a ticket needs an ID")
	}
	if t.Ticket(id) != nil {
		return fmt.Errorf("ticket %s already exists", id)
	}
	deps = cleanIDs(deps)
	for _, d := range deps {
		if d == id {
			return fmt.Errorf("ticket %s cannot depend on itself", id)
		}
		if t.Ticket(d) == nil {
			return fmt.Errorf("ticket %s depends on %s, which does not exist", id, d)
		}
	}
	t.Tickets = append(t.Tickets, Ticket{ID: id, Title: strings.TrimSpace(title), Status: StatusTodo, DependsOn: deps})
	return nil
}

// SetDependencies replaces ticket id's dependencies. A change that would
// make a dependency cycle is refused with the cycle in the message.
func (t *Track) SetDependencies(id string, deps []string) error {
	tk := t.Ticket(id)
	if tk == nil {
		return fmt.Errorf("no ticket %s", id)
	}
	deps = cleanIDs(deps)
	for _, d := range deps {
		if t.Ticket(d) == nil {
			return fmt.Errorf("ticket %s cannot depend on %s: no such ticket", id, d)
		}
	}
	old := tk.DependsOn
	tk.DependsOn = deps
	if _, err := t.Ordered(); err != nil {
		tk.DependsOn = old
		return fmt.Errorf("refused: %w", err)
	}
	return nil
}

// DeleteTicket removes ticket id and every dependency on it.
func (t *Track) DeleteTicket(id string) {
	t.Tickets = slices.DeleteFunc(t.Tickets, func(tk Ticket) bool { return tk.ID == id })
	for i := range t.Tickets {
		t.Tickets[i].DependsOn = slices.DeleteFunc(t.Tickets[i].DependsOn, func(d string) bool { return d == id })
	}
}

// CycleError is a dependency cycle, listed in order (first == last).
type CycleError struct{ Cycle []string }

func (e *CycleError) Error() string {
	return "dependency cycle " + strings.Join(e.Cycle, " -> ")
}

// Ordered returns the tickets in dependency order: every ticket after all
// it depends on, otherwise in their track order. A cycle is a *CycleError.
// Dependencies on missing tickets are ignored.
func (t *Track) Ordered() ([]Ticket, error) {
	const (
		unseen = iota
		visiting
		done
	)
	mark := make(map[string]int, len(t.Tickets))
	index := make(map[string]int, len(t.Tickets)) // ID -> first ticket with it
	for i := len(t.Tickets) - 1; i >= 0; i-- {
		index[t.Tickets[i].ID] = i
	}
	out := make([]Ticket, 0, len(t.Tickets))
	var stack []string
	var visit func(tk *Ticket) error
	visit = func(tk *Ticket) error {
		switch mark[tk.ID] {
		case done:
			return nil
		case visiting:
			i := slices.Index(stack, tk.ID)
			return &CycleError{Cycle: append(slices.Clone(stack[i:]), tk.ID)}
		}
		mark[tk.ID] = visiting
		stack = append(stack, tk.ID)
		for _, d := range tk.DependsOn {
			if j, ok := index[d]; ok {
				if err := visit(&t.Tickets[j]); err != nil {
					return err
				}
			}
		}
		stack = stack[:len(stack)-1]
		mark[tk.ID] = done
		out = append(out, *tk)
		return nil
	}
	for i := range t.Tickets {
		if err := visit(&t.Tickets[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Depth is how many dependency steps lie under each ticket (0 for one that
// depends on nothing), for drawing the order as an indented tree.
func (t *Track) Depth() map[string]int {
	ordered, err := t.Ordered()
	if err != nil {
		return nil
	}
	depth := map[string]int{}
	for _, tk := range ordered {
		d := 0
		for _, dep := range tk.DependsOn {
			if v, ok := depth[dep]; ok && v+1 > d {
				d = v + 1
			}
		}
		depth[tk.ID] = d
	}
	return depth
}

// Retry puts a failed or blocked ticket back to todo.
func (tk *Ticket) Retry() error {
	switch tk.Status {
	case StatusFailed, StatusBlocked:
		tk.Status = StatusTodo
		return nil
	}
	return fmt.Errorf("ticket %s is %s: only failed or blocked tickets can be retried", tk.ID, tk.Status)
}

// Skip marks a ticket that is not done as done without doing it.
func (tk *Ticket) Skip() error {
	if tk.Status == StatusDone {
		return fmt.Errorf("ticket %s is already done", tk.ID)
	}
	tk.Status = StatusDone
	return nil
}

// ParseIDs splits "T1, T2 T3" into IDs.
func ParseIDs(s string) []string {
	return cleanIDs(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }))
}

func cleanIDs(ids []string) []string {
	var out []string
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
