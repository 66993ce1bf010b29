package state_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/state"
)

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func texts(d *state.Discussion) []string {
	var out []string
	for _, e := range d.Entries {
		out = append(out, e.Text)
	}
	return out
}

func discussion(texts ...string) *state.Discussion {
	d := &state.Discussion{Name: "d"}
	for _, t := range texts {
		d.Add(state.RoleUser, t, t0)
	}
	return d
}

func TestEntryOperations(t *testing.T) {
	tests := []struct {
		name string
		op   func(d *state.Discussion)
		want []string
	}{
		{"add", func(d *state.Discussion) { d.Add(state.RoleAI, "d", t0) }, []string{"a", "b", "c", "d"}},
		{"edit in place", func(d *state.Discussion) { d.Entries[1].Text = "B" }, []string{"a", "B", "c"}},
		{"move up", func(d *state.Discussion) { d.MoveEntry(2, -1) }, []string{"a", "c", "b"}},
		{"move down", func(d *state.Discussion) { d.MoveEntry(0, 1) }, []string{"b", "a", "c"}},
		{"move first up stays", func(d *state.Discussion) { d.MoveEntry(0, -1) }, []string{"a", "b", "c"}},
		{"move last down stays", func(d *state.Discussion) { d.MoveEntry(2, 1) }, []string{"a", "b", "c"}},
		{"move far clamps", func(d *state.Discussion) { d.MoveEntry(0, 10) }, []string{"b", "c", "a"}},
		{"delete middle", func(d *state.Discussion) { d.DeleteEntry(1) }, []string{"a", "c"}},
		{"delete out of range", func(d *state.Discussion) { d.DeleteEntry(7) }, []string{"a", "b", "c"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := discussion("a", "b", "c")
			tc.op(d)
			if got := texts(d); !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCollapseAll(t *testing.T) {
	d := discussion("a", "b")
	d.SetAllCollapsed(true)
	if !d.Entries[0].Collapsed || !d.Entries[1].Collapsed {
		t.Fatal("not collapsed")
	}
	d.SetAllCollapsed(false)
	if d.Entries[0].Collapsed || d.Entries[1].Collapsed {
		t.Fatal("not expanded")
	}
}

func TestSubmitComposer(t *testing.T) {
	u := state.Fresh("p")
	u.ComposerRole = 2 // System
	u.ComposerText = "hello"
	if !u.SubmitComposer(t0) {
		t.Fatal("not submitted")
	}
	e := u.ActiveDisc().Entries[0]
	if e.Role != state.RoleSystem || e.Text != "hello" || !e.Time.Equal(t0) || u.ComposerText != "" {
		t.Fatalf("entry %+v, composer %q", e, u.ComposerText)
	}
	u.ComposerText = "  \n"
	if u.SubmitComposer(t0) || len(u.ActiveDisc().Entries) != 1 {
		t.Fatal("blank text was added")
	}
}

func TestDiscussions(t *testing.T) {
	u := state.Fresh("p")
	if got := u.NewDiscussion("ideas"); got != "ideas" || u.ActiveDiscussion != 1 {
		t.Fatalf("new: %q active %d", got, u.ActiveDiscussion)
	}
	if got := u.NewDiscussion("ideas"); got != "ideas 2" {
		t.Fatalf("duplicate name became %q", got)
	}
	if err := u.RenameDiscussion(1, "main"); err == nil {
		t.Fatal("rename to a taken name accepted")
	}
	if err := u.RenameDiscussion(1, " "); err == nil {
		t.Fatal("blank name accepted")
	}
	if err := u.RenameDiscussion(1, "plans"); err != nil {
		t.Fatal(err)
	}
	u.ActiveDiscussion = 2
	if err := u.DeleteDiscussion(1); err != nil {
		t.Fatal(err)
	}
	if got := u.DiscussionNames(); !slices.Equal(got, []string{"main", "ideas 2"}) || u.ActiveDiscussion != 1 {
		t.Fatalf("after delete: %q active %d", got, u.ActiveDiscussion)
	}
	u.DeleteDiscussion(1)
	u.ActiveDisc().Add(state.RoleUser, "x", t0)
	if err := u.DeleteDiscussion(0); err != nil || len(u.Discussions) != 1 || len(u.Discussions[0].Entries) != 0 {
		t.Fatalf("deleting the last discussion: %v, %+v", err, u.Discussions)
	}
}

func track() *state.Track {
	tr := &state.Track{Name: "t"}
	for _, tk := range []struct{ id, deps string }{{"A", ""}, {"B", "A"}, {"C", "A"}, {"D", "B C"}} {
		if err := tr.AddTicket(tk.id, "ticket "+tk.id, state.ParseIDs(tk.deps)); err != nil {
			panic(err)
		}
	}
	return tr
}

func ids(ts []state.Ticket) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}

func TestDependencyOrder(t *testing.T) {
	tr := &state.Track{Tickets: []state.Ticket{
		{ID: "D", DependsOn: []string{"B", "C"}},
		{ID: "C", DependsOn: []string{"A"}},
		{ID: "B", DependsOn: []string{"A"}},
		{ID: "A"},
		{ID: "E", DependsOn: []string{"missing"}},
	}}
	got, err := tr.Ordered()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"A", "B", "C", "D", "E"}; !slices.Equal(ids(got), want) {
		t.Fatalf("order %q, want %q", ids(got), want)
	}
	if want := map[string]int{"A": 0, "B": 1, "C": 1, "D": 2, "E": 0}; !reflect.DeepEqual(tr.Depth(), want) {
		t.Fatalf("depth %v, want %v", tr.Depth(), want)
	}
}

func TestDependencyChanges(t *testing.T) {
	tests := []struct {
		name      string
		id, deps  string
		wantErr   bool
		wantCycle []string
	}{
		{"valid", "C", "A B", false, nil},
		{"direct cycle", "A", "D", true, []string{"A", "D", "B", "A"}},
		{"self", "B", "B", true, []string{"B", "B"}},
		{"unknown", "B", "Z", true, nil},
		{"unknown ticket", "Z", "A", true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := track()
			before := slices.Clone(tr.Tickets)
			err := tr.SetDependencies(tc.id, state.ParseIDs(tc.deps))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if err != nil && !reflect.DeepEqual(tr.Tickets, before) {
				t.Fatal("a refused change was applied")
			}
			var ce *state.CycleError
			if tc.wantCycle != nil {
				if !errors.As(err, &ce) || !slices.Equal(ce.Cycle, tc.wantCycle) {
					t.Fatalf("err = %v, want cycle %q", err, tc.wantCycle)
				}
			}
		})
	}
}

func TestAddTicket(t *testing.T) {
	tests := []struct {
		id, deps string
		ok       bool
	}{
		{"E", "D", true}, {"", "", false}, {"A", "", false}, {"E", "E", false}, {"E", "nope", false},
	}
	for _, tc := range tests {
		tr := track()
		err := tr.AddTicket(tc.id, "x", state.ParseIDs(tc.deps))
		if (err == nil) != tc.ok {
			t.Errorf("AddTicket(%q, deps %q) = %v, want ok %v", tc.id, tc.deps, err, tc.ok)
		}
		if err == nil && tr.Ticket(tc.id).Status != state.StatusTodo {
			t.Errorf("new ticket status %q", tr.Ticket(tc.id).Status)
		}
	}
}

func TestTicketTransitions(t *testing.T) {
	tests := []struct {
		from    state.TicketStatus
		op      string
		want    state.TicketStatus
		wantErr bool
	}{
		{state.StatusFailed, "retry", state.StatusTodo, false},
		{state.StatusBlocked, "retry", state.StatusTodo, false},
		{state.StatusTodo, "retry", state.StatusTodo, true},
		{state.StatusDone, "retry", state.StatusDone, true},
		{state.StatusTodo, "skip", state.StatusDone, false},
		{state.StatusFailed, "skip", state.StatusDone, false},
		{state.StatusInProgress, "skip", state.StatusDone, false},
		{state.StatusDone, "skip", state.StatusDone, true},
	}
	for _, tc := range tests {
		tk := state.Ticket{ID: "T", Status: tc.from}
		var err error
		if tc.op == "retry" {
			err = tk.Retry()
		} else {
			err = tk.Skip()
		}
		if (err != nil) != tc.wantErr || tk.Status != tc.want {
			t.Errorf("%s from %s: status %s, err %v; want %s, err %v", tc.op, tc.from, tk.Status, err, tc.want, tc.wantErr)
		}
	}
}

func TestDeleteTicketDropsDependencies(t *testing.T) {
	tr := track()
	tr.DeleteTicket("B")
	if tr.Ticket("B") != nil || !slices.Equal(tr.Ticket("D").DependsOn, []string{"C"}) {
		t.Fatalf("%+v", tr.Tickets)
	}
}

func TestExpandFiles(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string
		wantErr bool
	}{
		{"main.go", []string{"main.go"}, false},
		{"src/**/*.go", []string{"src/a/x.go", "src/a/y.go", "src/b/c/z.go"}, false},
		{"src/*/*.go", []string{"src/a/x.go", "src/a/y.go"}, false},
		{"**/*.md", []string{"docs/readme.md"}, false},
		{"src", nil, false}, // a directory is not a file
		{"nothing/*.go", nil, false},
		{"src/[a", nil, true},
		{"/etc/passwd", nil, true},
	}
	for _, tc := range tests {
		m := state.ExpandFiles("testdata/tree", []string{tc.pattern})[0]
		if (m.Err != nil) != tc.wantErr {
			t.Errorf("%s: err %v, wantErr %v", tc.pattern, m.Err, tc.wantErr)
		}
		if !slices.Equal(m.Files, tc.want) {
			t.Errorf("%s: files %q, want %q", tc.pattern, m.Files, tc.want)
		}
	}
	if !state.PathExists("testdata/tree", "docs") || state.PathExists("testdata/tree", "nope") || state.PathExists("x", "") {
		t.Error("PathExists")
	}
}

// An answer under way keeps going into its own discussion when another
// one before it is deleted, and has none when its own is deleted.
func TestDeleteDiscussionKeepsTheAnswersPlace(t *testing.T) {
	for _, tc := range []struct {
		name          string
		deleted, want int
	}{
		{"one before", 0, 1},
		{"its own", 2, -1},
		{"one after", 3, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := state.UI{Discussions: []state.Discussion{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}}}
			u.Chat.Busy, u.Chat.Discussion = true, 2
			if err := u.DeleteDiscussion(tc.deleted); err != nil {
				t.Fatal(err)
			}
			if u.Chat.Discussion != tc.want {
				t.Fatalf("Chat.Discussion = %d, want %d", u.Chat.Discussion, tc.want)
			}
			if tc.want >= 0 && u.Discussions[tc.want].Name != "c" {
				t.Errorf("the answer now goes into %q, want c", u.Discussions[tc.want].Name)
			}
		})
	}
}

// Chat.Equal sees a change to every field of Chat, the ones added later
// too: each field of a copy is changed in turn, by its kind.
func TestChatEqual(t *testing.T) {
	base := state.Chat{Models: []string{"a"}}
	typ := reflect.TypeFor[state.Chat]()
	for i := range typ.NumField() {
		c := base
		c.Models = slices.Clone(base.Models)
		if !c.Equal(base) {
			t.Fatal("a copy is not equal")
		}
		f := reflect.ValueOf(&c).Elem().Field(i)
		switch v := f.Addr().Interface().(type) {
		case *bool:
			*v = !*v
		case *string:
			*v += "x"
		case *int:
			*v++
		case *time.Time:
			*v = v.Add(time.Second)
		case *[]string:
			*v = append(*v, "b")
		case *state.Approval:
			v.Args += "x"
		default:
			t.Fatalf("Chat.%s is a %s: teach this test to change it", typ.Field(i).Name, f.Type())
		}
		if c.Equal(base) {
			t.Errorf("a change to Chat.%s is not seen by Equal", typ.Field(i).Name)
		}
	}
}

// Entries get IDs that find them wherever they move; the hint is only
// where to look first.
func TestFindEntry(t *testing.T) {
	u := state.UI{Discussions: []state.Discussion{{Name: "a"}, {Name: "b"}}}
	u.Discussions[0].Add(state.RoleUser, "q", time.Time{})
	i := u.Discussions[1].Add(state.RoleAI, "x", time.Time{})
	u.Discussions[1].Add(state.RoleUser, "y", time.Time{})
	id := u.Discussions[1].Entries[i].ID
	if id == "" || id == u.Discussions[0].Entries[0].ID {
		t.Fatalf("IDs %q and %q", id, u.Discussions[0].Entries[0].ID)
	}
	for _, tc := range []struct {
		name   string
		change func()
		hint   int
		di, ei int
	}{
		{"in place, hinted", func() {}, 1, 1, 0},
		{"wrong hint", func() {}, 0, 1, 0},
		{"hint out of range", func() {}, 7, 1, 0},
		{"moved down", func() { u.Discussions[1].MoveEntry(0, 1) }, 1, 1, 1},
		{"discussion before deleted", func() { u.DeleteDiscussion(0) }, 1, 0, 1},
		{"deleted", func() { u.Discussions[0].DeleteEntry(1) }, 0, -1, -1},
	} {
		tc.change()
		if di, ei := u.FindEntry(id, tc.hint); di != tc.di || ei != tc.ei {
			t.Errorf("%s: at %d,%d, want %d,%d", tc.name, di, ei, tc.di, tc.ei)
		}
	}
	if di, _ := u.FindEntry("", 0); di != -1 {
		t.Error("the empty ID names an entry")
	}
}

// NewID gives 12 hex digits, a different one each time.
func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for range 10000 {
		id := state.NewID()
		if len(id) != 12 || strings.Trim(id, "0123456789abcdef") != "" {
			t.Fatalf("NewID() = %q, want 12 hex digits", id)
		}
		if seen[id] {
			t.Fatalf("NewID() gave %q twice in %d", id, len(seen))
		}
		seen[id] = true
	}
}
