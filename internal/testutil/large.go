package testutil

import (
	"fmt"
	"strings"
	"time"

	"github.com/slopgui/slopgui/state"
)

// LargeUI returns a generated project at the scale issue 12 names: one
// discussion of entries entries (texts of 1 to 12 lines, some long, some
// collapsed) and one track of tickets tickets (each needing one or two
// earlier ones), deterministic. textBytes > 0 pads entry texts so the
// project's text totals about that many bytes (a "50 MB project").
func LargeUI(entries, tickets, textBytes int) state.UI {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	u := state.Fresh("large")
	d := &u.Discussions[0]
	d.Entries = make([]state.Entry, entries)
	pad := ""
	if entries > 0 && textBytes > 0 {
		pad = strings.Repeat("lorem ipsum dolor sit amet ", max(textBytes/entries/27, 0))
	}
	for i := range d.Entries {
		lines := make([]string, 1+i%12)
		for j := range lines {
			lines[j] = fmt.Sprintf("entry %d line %d: %s", i+1, j+1, strings.Repeat("words ", (i*7+j)%20))
		}
		d.Entries[i] = state.Entry{
			Role:      state.Roles[i%len(state.Roles)],
			Text:      strings.Join(lines, "\n") + pad,
			Time:      at.Add(time.Duration(i) * time.Minute),
			Collapsed: i%5 == 4,
		}
	}
	tr := state.Track{Name: "large"}
	tr.Tickets = make([]state.Ticket, tickets)
	for i := range tr.Tickets {
		tk := state.Ticket{ID: fmt.Sprintf("T%d", i+1),
			Title:  fmt.Sprintf("Ticket %d: %s", i+1, strings.Repeat("make the thing work ", 1+i%4)),
			Status: state.TicketStatuses[i%len(state.TicketStatuses)]}
		if i > 0 {
			tk.DependsOn = append(tk.DependsOn, fmt.Sprintf("T%d", i))
		}
		if i > 10 {
			tk.DependsOn = append(tk.DependsOn, fmt.Sprintf("T%d", i-10))
		}
		tr.Tickets[i] = tk
	}
	u.Tracks = []state.Track{tr}
	return u
}
