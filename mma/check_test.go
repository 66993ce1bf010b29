package mma_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/llm"
	"github.com/slopgui/slopgui/rules"
)

// The user's edit of proposed tickets is checked by the rules a tier-2
// answer is: unique IDs, titles, known dependencies, no cycle, paths
// inside the project; a good edit comes back cleaned.
func TestCheckTickets(t *testing.T) {
	w := newWorld(t, nil, func(context.Context, llm.Request) []llm.Event { return nil })
	e := w.start()
	tk := func(id, title string, deps ...string) rules.ProposedTicket {
		return rules.ProposedTicket{ID: id, Title: title, DependsOn: deps}
	}
	for _, tc := range []struct {
		name string
		in   []rules.ProposedTicket
		want string // in the error; "" for none
	}{
		{"ok", []rules.ProposedTicket{tk(" T1 ", "one"), tk("T2", "two", "T1", "T1")}, ""},
		{"duplicate", []rules.ProposedTicket{tk("T1", "one"), tk("T1", "again")}, "T1 already exists"},
		{"unknown dep", []rules.ProposedTicket{tk("T1", "one", "T9")}, "T9"},
		{"cycle", []rules.ProposedTicket{tk("T1", "one", "T2"), tk("T2", "two", "T1")}, "cycle"},
		{"no title", []rules.ProposedTicket{tk("T1", " ")}, "no title"},
		{"no id", []rules.ProposedTicket{tk("", "x")}, "needs an ID"},
		{"outside", []rules.ProposedTicket{{ID: "T1", Title: "x", Targets: []string{"../etc/passwd"}}}, "not a path inside the project"},
		{"none", nil, "no tickets"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.CheckTickets(tc.in)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			case tc.want == "" && (got[0].ID != "T1" || !slices.Equal(got[1].DependsOn, []string{"T1"})):
				t.Fatalf("cleaned %+v", got)
			}
		})
	}
}
