package undohost_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slopgui/slopgui/internal/undohost"
	"github.com/slopgui/slopgui/state"
)

// rig drives a Tracker as the host does: Begin, the views' edit, End.
type rig struct {
	t   *testing.T
	tr  undohost.Tracker
	u   state.UI
	now time.Time
}

func newRig(t *testing.T) *rig {
	u := state.Fresh("p")
	u.Project.Files = []string{"a.go"}
	u.Discussions = []state.Discussion{{Name: "main", Entries: []state.Entry{
		{ID: "e1", Role: state.RoleUser, Text: "one"},
		{ID: "e2", Role: state.RoleAI, Text: "two"},
		{ID: "e3", Role: state.RoleUser, Text: "three"},
	}}}
	r := &rig{t: t, u: u, now: time.Unix(1000, 0)}
	r.tr.Reset(&r.u)
	return r
}

// frame draws one frame in which the views do edit (nil: nothing).
func (r *rig) frame(edit func(u *state.UI)) {
	r.tr.Begin(&r.u)
	if edit != nil {
		edit(&r.u)
	}
	r.tr.End(&r.u, r.now)
	r.now = r.now.Add(100 * time.Millisecond)
}

func (r *rig) undo() { r.tr.Undo(); r.frame(nil) }
func (r *rig) redo() { r.tr.Redo(); r.frame(nil) }

// text is the active discussion as "role:text" items, joined by "|".
func (r *rig) text() string {
	var s []string
	for _, e := range r.u.ActiveDisc().Entries {
		s = append(s, string(e.Role)+":"+e.Text)
	}
	return strings.Join(s, "|")
}

func (r *rig) want(what, text string) {
	r.t.Helper()
	if got := r.text(); got != text {
		r.t.Fatalf("%s: discussion %s, want %s", what, got, text)
	}
}

func (r *rig) labels(undo, redo string) {
	r.t.Helper()
	if u, d := r.tr.UndoLabels(); u != undo || d != redo {
		r.t.Fatalf("labels undo %q redo %q, want %q %q", u, d, undo, redo)
	}
}

func disc(u *state.UI) *state.Discussion { return u.ActiveDisc() }

const start = "User:one|AI:two|User:three"

func TestSteps(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(u *state.UI)
		label string
		after string
	}{
		{"delete", func(u *state.UI) { disc(u).DeleteEntry(1) }, "delete entry", "User:one|User:three"},
		{"move", func(u *state.UI) { disc(u).MoveEntry(0, 1) }, "move entry", "AI:two|User:one|User:three"},
		{"role", func(u *state.UI) { disc(u).Entries[2].Role = state.RoleSystem }, "change role", "User:one|AI:two|System:three"},
		{"text", func(u *state.UI) { disc(u).Entries[0].Text = "uno" }, "edit entry", "User:uno|AI:two|User:three"},
		{"add", func(u *state.UI) {
			u.ComposerText = "four"
			u.SubmitComposer(time.Time{})
		}, "add entry", start + "|User:four"},
		{"collapse", func(u *state.UI) { disc(u).Entries[0].Collapsed = true }, "collapse entry", start},
		{"collapse all", func(u *state.UI) { disc(u).SetAllCollapsed(true) }, "collapse entries", start},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t)
			r.labels("", "")
			before := r.u.Clone()
			r.frame(tc.edit)
			r.want("after the edit", tc.after)
			after := r.u.Clone()
			r.labels(tc.label, "")
			r.undo()
			if !state.DiscussionsEqual(r.u.Discussions, before.Discussions) {
				t.Fatalf("undo: %s, want the discussions as before", r.text())
			}
			r.labels("", tc.label)
			r.redo()
			if !state.DiscussionsEqual(r.u.Discussions, after.Discussions) {
				t.Fatalf("redo: %s, want the discussions as after the edit", r.text())
			}
			r.labels(tc.label, "")
			r.redo() // nothing to redo: nothing changes
			if !state.DiscussionsEqual(r.u.Discussions, after.Discussions) {
				t.Fatal("a redo with nothing to redo changed the state")
			}
		})
	}
}

func TestSequence(t *testing.T) {
	r := newRig(t)
	r.frame(func(u *state.UI) { disc(u).DeleteEntry(0) })
	r.frame(func(u *state.UI) { disc(u).Entries[0].Role = state.RoleUser })
	r.frame(func(u *state.UI) { disc(u).MoveEntry(1, -1) })
	r.want("three edits", "User:three|User:two")
	r.undo()
	r.want("undo move", "User:two|User:three")
	r.undo()
	r.want("undo role", "AI:two|User:three")
	r.redo()
	r.want("redo role", "User:two|User:three")
	// A new edit clears what could be redone.
	r.frame(func(u *state.UI) { disc(u).Entries[1].Text = "3" })
	r.labels("edit entry", "")
	r.redo()
	r.want("redo after a new edit", "User:two|User:3")
	for range 3 {
		r.undo()
	}
	r.want("all undone", start)
	r.labels("", "delete entry")
}

func TestTypingBursts(t *testing.T) {
	r := newRig(t)
	for _, s := range []string{"o", "on", "one!"} { // a burst of keys in entry 1
		r.frame(func(u *state.UI) { disc(u).Entries[0].Text = s })
	}
	r.frame(func(u *state.UI) { disc(u).Entries[1].Text = "two!" }) // another entry: a new step
	r.frame(func(u *state.UI) { disc(u).Entries[1].Text = "two!!" })
	r.now = r.now.Add(undohost.Burst) // a pause ends the burst
	r.frame(func(u *state.UI) { disc(u).Entries[1].Text = "two!!!" })
	if n, _ := r.tr.Len(); n != 3 {
		t.Fatalf("%d steps, want 3: a burst in entry 1, a burst in entry 2, another after a pause", n)
	}
	r.undo()
	r.want("undo the last burst", "User:one!|AI:two!!|User:three")
	r.undo()
	r.want("undo entry 2's first burst", "User:one!|AI:two|User:three")
	r.undo()
	r.want("undo entry 1's burst", start)
	// Typing right after an undo is a new step, not part of the old one.
	r.redo()
	r.frame(func(u *state.UI) { disc(u).Entries[0].Text = "one!?" })
	r.undo()
	r.want("undo typing after a redo", "User:one!|AI:two|User:three")
}

func TestFilesAndDiscussions(t *testing.T) {
	r := newRig(t)
	r.frame(func(u *state.UI) { u.Forms.NewFilePattern = "b.go"; u.AddFilePattern() })
	r.labels("add file", "")
	r.frame(func(u *state.UI) { u.Project.Files = state.RemoveAt(u.Project.Files, 0) })
	r.labels("remove file", "")
	if !slices.Equal(r.u.Project.Files, []string{"b.go"}) {
		t.Fatalf("files %v", r.u.Project.Files)
	}
	r.undo()
	if !slices.Equal(r.u.Project.Files, []string{"a.go", "b.go"}) {
		t.Fatalf("undo remove: files %v", r.u.Project.Files)
	}
	r.undo()
	if !slices.Equal(r.u.Project.Files, []string{"a.go"}) {
		t.Fatalf("undo add: files %v", r.u.Project.Files)
	}

	r.frame(func(u *state.UI) { u.NewDiscussion("side") })
	r.labels("new discussion", "")
	r.frame(func(u *state.UI) { disc(u).Add(state.RoleUser, "side note", time.Time{}) })
	r.frame(func(u *state.UI) { u.ActiveDiscussion = 0 }) // only looking: no step
	r.labels("add entry", "")
	r.frame(func(u *state.UI) { _ = u.RenameDiscussion(1, "aside") })
	r.labels("rename discussion", "")
	r.frame(func(u *state.UI) { _ = u.DeleteDiscussion(1) })
	r.labels("delete discussion", "")
	r.undo()
	if len(r.u.Discussions) != 2 || r.u.Discussions[1].Name != "aside" {
		t.Fatalf("undo delete discussion: %v", r.u.DiscussionNames())
	}
	r.undo()
	r.undo() // the side note: undo shows the discussion it was in
	if r.u.ActiveDiscussion != 1 || len(r.u.Discussions[1].Entries) != 0 {
		t.Fatalf("undo add entry: active %d, side has %d entries", r.u.ActiveDiscussion, len(r.u.Discussions[1].Entries))
	}
}

func TestBound(t *testing.T) {
	r := newRig(t)
	for i := range undohost.Steps + 50 {
		r.frame(func(u *state.UI) { disc(u).Entries[0].Role = state.Roles[i%2+1] })
	}
	if n, _ := r.tr.Len(); n != undohost.Steps {
		t.Fatalf("%d steps kept, want %d", n, undohost.Steps)
	}
	// A discussion so large that a snapshot costs over an eighth of the
	// memory bound keeps fewer steps.
	defer undohost.SetMaxBytes(1 << 20)()
	big := make([]state.Entry, (1<<20)/8/100)
	for i := range big {
		big[i] = state.Entry{ID: fmt.Sprint(i), Role: state.RoleUser}
	}
	r.u.Discussions = []state.Discussion{{Name: "main", Entries: big}}
	r.tr.Reset(&r.u)
	for i := range 20 {
		r.frame(func(u *state.UI) {
			disc(u).Entries[0].Text = fmt.Sprint(i)
			disc(u).Entries[1].Role = state.Roles[i%2+1]
		})
	}
	if n, _ := r.tr.Len(); n < 2 || n > 8 {
		t.Fatalf("%d steps of a huge discussion kept, want a few (the memory bound)", n)
	}
}

func TestReset(t *testing.T) {
	r := newRig(t)
	r.frame(func(u *state.UI) { disc(u).DeleteEntry(0) })
	r.u = state.Fresh("other") // a project switch
	r.tr.Reset(&r.u)
	r.labels("", "")
	r.undo()
	if len(r.u.ActiveDisc().Entries) != 0 {
		t.Fatal("an undo after a project switch changed the new project")
	}
}

// TestModelWritesAreNotUndone: what arrives between frames (the streamed
// answer) is not a step; Undo mid-stream keeps the answer's entry, with
// its newest text, where the stream (which finds it by ID) goes on.
func TestModelWritesAreNotUndone(t *testing.T) {
	r := newRig(t)
	r.frame(func(u *state.UI) { disc(u).Entries[0].Text = "one, edited" }) // a step before the Send
	// Send (in the views): the question and an empty streaming answer.
	r.frame(func(u *state.UI) {
		d := disc(u)
		d.Add(state.RoleUser, "question", time.Time{})
		i := d.Add(state.RoleAI, "", time.Time{})
		d.Entries[i].Status = state.EntryStreaming
		u.Chat.Busy, u.Chat.EntryID = true, d.Entries[i].ID
	})
	r.labels("edit entry", "") // the Send is not a step
	stream := func(s string) { // a chunk arrives between frames
		di, ei := r.u.FindEntry(r.u.Chat.EntryID, 0)
		if di < 0 {
			t.Fatalf("the streaming entry is gone: %s", r.text())
		}
		r.u.Discussions[di].Entries[ei].Text += s
		r.frame(nil)
	}
	stream("Hel")
	r.labels("edit entry", "")
	r.frame(func(u *state.UI) { disc(u).Entries[2].Text = "three, edited" }) // the user edits mid-stream
	stream("lo")
	r.undo() // mid-stream: the edit of entry 3 goes; the answer stays, whole
	r.want("undo mid-stream", "User:one, edited|AI:two|User:three|User:question|AI:Hello")
	stream(" world")
	r.undo() // before the Send: the question and answer stay
	r.want("undo to before the Send", "User:one|AI:two|User:three|User:question|AI:Hello world")
	stream("!")
	r.redo()
	r.want("redo", "User:one, edited|AI:two|User:three|User:question|AI:Hello world!")
	r.redo()
	r.want("redo mid-stream", "User:one, edited|AI:two|User:three, edited|User:question|AI:Hello world!")

	// The user's own edit of the answer, once written, is undone as any.
	r.u.Chat.Busy = false
	r.frame(func(u *state.UI) { disc(u).Entries[4].Text = "Hi" })
	r.undo()
	r.want("undo an edit of the answer", "User:one, edited|AI:two|User:three, edited|User:question|AI:Hello world!")
	// Deleting the answer is a step too, and Undo brings it back.
	r.frame(func(u *state.UI) { disc(u).DeleteEntry(4) })
	r.undo()
	r.want("undo the answer's delete", "User:one, edited|AI:two|User:three, edited|User:question|AI:Hello world!")
}

// Takes are part of a discussion: branching, switching, renaming and
// deleting a take are undo steps like any edit, and undo brings back the
// takes and the entries shown as they were.
func TestTakesAreUndone(t *testing.T) {
	r := newRig(t)
	r.frame(func(u *state.UI) {
		if _, err := disc(u).Branch(1); err != nil { // a take of one, two
			t.Fatal(err)
		}
	})
	r.want("after the branch", "User:one|AI:two")
	if n := len(disc(&r.u).Takes); n != 1 {
		t.Fatalf("after the branch: %d other takes, want 1", n)
	}
	r.frame(func(u *state.UI) {
		if err := disc(u).RenameTake(1, "idea"); err != nil {
			t.Fatal(err)
		}
	})
	r.frame(func(u *state.UI) {
		if err := disc(u).DeleteTake(1); err != nil {
			t.Fatal(err)
		}
	})
	r.want("after deleting the branch", start)
	r.undo() // the delete
	if r.want("undo delete take", "User:one|AI:two"); disc(&r.u).TakeName != "idea" {
		t.Fatalf("undo delete take: shown take %q, want idea", disc(&r.u).TakeName)
	}
	r.undo() // the rename
	r.undo() // the branch
	r.want("undo branch", start)
	if n := len(disc(&r.u).Takes); n != 0 {
		t.Fatalf("undo branch: %d other takes, want 0", n)
	}
	r.redo()
	r.want("redo branch", "User:one|AI:two")
}

// The Read / Edit toggle (Entry.Editing) is how an entry is shown: it is
// no undo step, alone or between edits (also while an answer streams in),
// and an undo or redo leaves every entry shown as it is.
func TestReadEditToggleIsNoStep(t *testing.T) {
	toggle := func(i int) func(u *state.UI) {
		return func(u *state.UI) { disc(u).Entries[i].Editing = !disc(u).Entries[i].Editing }
	}
	r := newRig(t)
	r.frame(toggle(1))
	r.frame(toggle(1))
	r.frame(toggle(1))
	if n, _ := r.tr.Len(); n != 0 {
		t.Fatalf("three Read / Edit toggles made %d undo steps, want 0", n)
	}
	r.labels("", "")

	r.frame(func(u *state.UI) { disc(u).Entries[0].Text = "uno" })
	r.frame(toggle(0))
	r.frame(toggle(2))
	r.frame(toggle(2)) // back as it was
	if n, _ := r.tr.Len(); n != 1 {
		t.Fatalf("an edit and toggles made %d undo steps, want 1", n)
	}
	r.labels("edit entry", "")
	r.undo()
	r.want("undo the edit", start)
	if es := disc(&r.u).Entries; !es[0].Editing || !es[1].Editing || es[2].Editing {
		t.Fatalf("undo changed how entries are shown: editing %v %v %v, want true true false",
			es[0].Editing, es[1].Editing, es[2].Editing)
	}
	r.frame(toggle(0))
	r.redo()
	r.want("redo the edit", "User:uno|AI:two|User:three")
	if es := disc(&r.u).Entries; es[0].Editing || !es[1].Editing {
		t.Fatalf("redo changed how entries are shown: editing %v %v, want false true", es[0].Editing, es[1].Editing)
	}

	// Between frames (an answer streaming) and then a toggle: still no
	// step, and the entry toggled is not taken for one written by the
	// model (its earlier text comes back on an undo past it).
	r.frame(func(u *state.UI) { disc(u).Entries[2].Text = "tres" }) // step 2
	r.u.Discussions[0].Entries = append(r.u.Discussions[0].Entries, state.Entry{ID: "e4", Role: state.RoleAI, Text: "streamed"})
	r.frame(toggle(2))
	if n, _ := r.tr.Len(); n != 2 {
		t.Fatalf("after two edits, an answer and a toggle: %d undo steps, want 2", n)
	}
	r.undo()
	r.undo()
	r.want("undo both edits", start+"|AI:streamed")
	if !disc(&r.u).Entries[2].Editing {
		t.Fatal("the undo showed entry 3 read again")
	}
}

// Each change to the takes is one step named for what it did (Edit > Undo
// says it), whichever entries the tab shown holds after it.
func TestTakeLabels(t *testing.T) {
	r := newRig(t)
	for _, step := range []struct {
		label string
		edit  func(d *state.Discussion) error
	}{
		{"branch take", func(d *state.Discussion) error { _, err := d.Branch(0); return err }},
		{"rename take", func(d *state.Discussion) error { return d.RenameTake(1, "idea") }},
		{"promote take", func(d *state.Discussion) error { return d.PromoteTake(1) }},
		{"switch take", func(d *state.Discussion) error { return d.SelectTake(1) }},
		{"delete take", func(d *state.Discussion) error { return d.DeleteTake(1) }},
	} {
		r.frame(func(u *state.UI) {
			if err := step.edit(disc(u)); err != nil {
				t.Fatalf("%s: %v", step.label, err)
			}
		})
		r.labels(step.label, "")
	}
	for range 5 {
		r.undo()
	}
	r.want("all undone", start)
	if d := disc(&r.u); d.TakeCount() != 1 {
		t.Fatalf("all undone: takes %q", d.TakeNames())
	}
}
