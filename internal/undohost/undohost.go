// Package undohost is undo and redo for what the user edits in the
// Discussion Hub and Project Settings: the discussions (entries, roles,
// order, deletes, takes and whatever else a discussion holds) and the
// project's file list. It has no GUI code: the host calls Begin before the
// views draw a frame and End after, and Undo / Redo (asked by a view)
// apply at the next Begin, between frames, on the render thread.
//
// Steps are found by comparison, not by instrumenting every view: End
// compares the undoable part of the state with the copy taken last
// (copies share their strings, so this costs pointer compares) and
// records a step when the views changed it. Typing in one entry's text is
// one step per burst (edits to the same entry's text with less than Burst
// between them).
//
// What changes between frames is not the user's doing (the model's
// streamed answer and tool entries, a Send's question, an agent's ctl
// set): Begin takes it in without a step. Entries written that way keep
// their newest text through Undo and Redo, and are put back where they
// were when a restored snapshot predates them, so Ctrl+Z in the middle of
// an answer never takes the entry it streams into away (the stream finds
// it by ID) nor rolls its text back. Undo also never removes a sent
// question: what was sent stays; deleting it is an edit, and undoable.
package undohost

import (
	"cmp"
	"slices"
	"strconv"
	"time"
	"unsafe"

	"github.com/slopgui/slopgui/state"
	"github.com/slopgui/slopgui/undo"
)

// Limits of the history: at most Steps steps and about MaxBytes of
// snapshots (entries are counted by their struct size; their texts are
// shared with the live state).
const (
	Steps    = 200
	MaxBytes = 64 << 20
	// Burst is the pause that ends a burst of typing in one entry.
	Burst = 2 * time.Second
)

// Snap is the undoable part of the state. Stored snapshots are never
// changed in place.
type Snap struct {
	Discussions []state.Discussion
	Files       []string
	Active      int    // the discussion shown, so an undo shows where it happened
	Seq         uint64 // when it was taken, in the tracker's steps
}

// written is an entry the user did not write (the model, a Send): the
// newest version of it and where it goes.
type written struct {
	e         state.Entry
	seq, born uint64 // its last change; its place in the order entries were first seen
	disc      string // the name of its discussion
	index     int    // and its index
	after     string // the ID of the entry before it
}

// Tracker is the undo history of one project's state. The zero value is
// ready; Reset starts over (a project switch).
type Tracker struct {
	hist    *undo.History[Snap]
	base    Snap // the state as last seen: what a step restores
	ready   bool
	seq     uint64
	stream  string // Chat.EntryID at Begin: a new one at End is a Send
	last    time.Time
	burst   int
	want    int // asked: -1 undo, +1 redo, applied at Begin
	written map[string]*written
	born    uint64 // counts written entries as they are first seen
}

// maxBytes is MaxBytes (tests lower it).
var maxBytes = MaxBytes

func identity(s Snap) Snap { return s }

func cost(s Snap) int {
	n := 64 + len(s.Files)*int(unsafe.Sizeof(""))
	for _, d := range s.Discussions {
		n += int(unsafe.Sizeof(d)) + len(d.Entries)*int(unsafe.Sizeof(state.Entry{}))
	}
	return n
}

// Reset forgets every step and takes u as the starting point.
func (t *Tracker) Reset(u *state.UI) {
	t.hist = undo.New(Steps, identity).Bound(maxBytes, cost) // snapshots are immutable: no clone needed
	t.written, t.want, t.burst, t.ready = nil, 0, 0, true
	t.base = t.snap(u)
	t.stream = u.Chat.EntryID
}

// snap copies the undoable part of u.
func (t *Tracker) snap(u *state.UI) Snap {
	return Snap{Discussions: state.CloneDiscussions(u.Discussions), Files: slices.Clone(u.Project.Files),
		Active: u.ActiveDiscussion, Seq: t.seq}
}

// same reports whether u's undoable part is the last one seen.
func (t *Tracker) same(u *state.UI) bool {
	return state.DiscussionsSameContent(t.base.Discussions, u.Discussions) && slices.Equal(t.base.Files, u.Project.Files)
}

// Begin runs before the views draw: it takes in what changed since End
// without a step, then applies an Undo or Redo asked for.
func (t *Tracker) Begin(u *state.UI) {
	if !t.ready {
		t.Reset(u)
	}
	if !t.same(u) {
		t.absorb(u)
	}
	t.stream = u.Chat.EntryID
	want := t.want
	t.want = 0
	var s Snap
	var ok bool
	switch {
	case want < 0:
		t.seq++
		s, _, ok = t.hist.Undo(t.snap(u))
	case want > 0:
		t.seq++
		s, _, ok = t.hist.Redo(t.snap(u))
	}
	if ok {
		t.restore(u, s)
	}
}

// End runs after the views drew: what they changed is a step.
func (t *Tracker) End(u *state.UI, now time.Time) {
	if !t.ready {
		t.Reset(u)
		return
	}
	if t.same(u) {
		t.base.Active = u.ActiveDiscussion
		return
	}
	if u.Chat.EntryID != "" && u.Chat.EntryID != t.stream {
		t.absorb(u) // a Send started: its question and answer are not undone
		t.stream = u.Chat.EntryID
		return
	}
	label, group := describe(&t.base, u)
	if group != "" {
		if now.Sub(t.last) >= Burst {
			t.burst++
		}
		group += "#" + strconv.Itoa(t.burst)
	}
	t.last = now
	t.hist.Record(t.base, label, group)
	t.seq++
	t.base = t.snap(u)
}

// Undo asks for the last step to be taken back before the next frame.
func (t *Tracker) Undo() { t.want = -1 }

// Redo asks for the last undone step to be made again before the next frame.
func (t *Tracker) Redo() { t.want = 1 }

// UndoLabels say what Undo and Redo would do ("delete entry"); "" when
// there is nothing to undo or redo.
func (t *Tracker) UndoLabels() (undo, redo string) {
	if t.hist == nil {
		return "", ""
	}
	return t.hist.UndoLabel(), t.hist.RedoLabel()
}

// Len is the number of steps that can be undone and redone.
func (t *Tracker) Len() (undo, redo int) {
	if t.hist == nil {
		return 0, 0
	}
	return t.hist.Len()
}

// absorb takes u in without a step, noting the entries that changed as
// written by someone else, so every restore keeps their newest version.
func (t *Tracker) absorb(u *state.UI) {
	t.seq++
	added := false
	for i := range u.Discussions {
		d := &u.Discussions[i]
		var old []state.Entry
		if i < len(t.base.Discussions) {
			old = t.base.Discussions[i].Entries
		}
		var byID map[string]state.Entry
		for j, e := range d.Entries {
			if e.ID == "" || j < len(old) && old[j].SameContent(e) {
				continue
			}
			if j >= len(old) || old[j].ID != e.ID { // not changed in place (an answer streaming): maybe moved
				if byID == nil {
					byID = make(map[string]state.Entry, len(old))
					for _, o := range old {
						byID[o.ID] = o
					}
				}
				if o, ok := byID[e.ID]; ok && o.SameContent(e) {
					continue // moved, not changed
				}
			}
			if t.written == nil {
				t.written = map[string]*written{}
			}
			w := t.written[e.ID]
			if w == nil {
				t.born++
				w = &written{born: t.born}
				t.written[e.ID] = w
				added = true
			}
			w.e, w.seq, w.disc, w.index, w.after = e, t.seq, d.Name, i, ""
			if j > 0 {
				w.after = d.Entries[j-1].ID
			}
		}
	}
	if added {
		t.prune()
	}
	t.base = t.snap(u)
}

// prune forgets written entries older than every kept snapshot: those
// hold them already.
func (t *Tracker) prune() {
	oldest := t.seq
	t.hist.Each(func(s Snap) { oldest = min(oldest, s.Seq) })
	for id, w := range t.written {
		if w.seq <= oldest {
			delete(t.written, id)
		}
	}
}

// restore puts s into u, with the entries written by others since s was
// taken in their newest version.
func (t *Tracker) restore(u *state.UI, s Snap) {
	ds := state.CloneDiscussions(s.Discussions)
	var later []*written
	for _, w := range t.written {
		if w.seq > s.Seq {
			later = append(later, w)
		}
	}
	slices.SortFunc(later, func(a, b *written) int { return cmp.Compare(a.born, b.born) })
	for _, w := range later {
		di := slices.IndexFunc(ds, func(d state.Discussion) bool { return d.Name == w.disc })
		if di < 0 {
			continue // its discussion is not in s (undone creation): nothing to put it in
		}
		es := ds[di].Entries
		if j := slices.IndexFunc(es, func(e state.Entry) bool { return e.ID == w.e.ID }); j >= 0 {
			es[j] = w.e
			continue
		}
		at := len(es)
		if w.after != "" {
			if j := slices.IndexFunc(es, func(e state.Entry) bool { return e.ID == w.after }); j >= 0 {
				at = j + 1
			}
		}
		ds[di].Entries = slices.Insert(es, at, w.e)
	}
	keepEditing(u.Discussions, ds)
	u.Discussions = ds
	u.Project.Files = slices.Clone(s.Files)
	if s.Active >= 0 && s.Active < len(ds) {
		u.ActiveDiscussion = s.Active
	} else if u.ActiveDiscussion >= len(ds) {
		u.ActiveDiscussion = max(len(ds)-1, 0)
	}
	t.base = t.snap(u)
}

// keepEditing gives the entries of ds the Read / Edit toggles (Entry.Editing)
// the entries of the same ID have in live: how an entry is shown is not
// undone.
func keepEditing(live, ds []state.Discussion) {
	var editing map[string]bool
	each := func(ds []state.Discussion, f func(e *state.Entry)) {
		for i := range ds {
			for j := range ds[i].Entries {
				f(&ds[i].Entries[j])
			}
			for k := range ds[i].Takes {
				for j := range ds[i].Takes[k].Entries {
					f(&ds[i].Takes[k].Entries[j])
				}
			}
		}
	}
	each(live, func(e *state.Entry) {
		if e.Editing && e.ID != "" {
			if editing == nil {
				editing = map[string]bool{}
			}
			editing[e.ID] = true
		}
	})
	each(ds, func(e *state.Entry) { e.Editing = editing[e.ID] && e.ID != "" })
}

// describe names the change from a to u, and its group when it is typing
// in one entry's text.
func describe(a *Snap, u *state.UI) (label, group string) {
	b := u.Discussions
	switch {
	case !slices.Equal(a.Files, u.Project.Files):
		switch {
		case len(u.Project.Files) > len(a.Files):
			return "add file", ""
		case len(u.Project.Files) < len(a.Files):
			return "remove file", ""
		}
		return "edit file list", ""
	case len(b) > len(a.Discussions):
		return "new discussion", ""
	case len(b) < len(a.Discussions):
		return "delete discussion", ""
	}
	for i := range b {
		x, y := &a.Discussions[i], &b[i]
		if state.DiscussionsSameContent(a.Discussions[i:i+1], b[i:i+1]) {
			continue
		}
		if x.Name != y.Name {
			return "rename discussion", ""
		}
		if l := takeChange(x, y); l != "" {
			return l, ""
		}
		switch d := len(y.Entries) - len(x.Entries); {
		case d == 1:
			return "add entry", ""
		case d == -1:
			return "delete entry", ""
		case d != 0:
			return "edit discussion", ""
		}
		return entryChange(x.Entries, y.Entries)
	}
	return "edit", ""
}

// takeChange names a change to x's takes (tabs), or says "" when they
// are the same.
func takeChange(x, y *state.Discussion) string {
	xs, ys := x.TakeNames(), y.TakeNames()
	switch {
	case len(ys) > len(xs):
		return "branch take"
	case len(ys) < len(xs):
		return "delete take"
	case !slices.Equal(xs, ys):
		if slices.Equal(slices.Sorted(slices.Values(xs)), slices.Sorted(slices.Values(ys))) {
			return "promote take"
		}
		return "rename take"
	case x.TakeAt != y.TakeAt:
		return "switch take"
	}
	return ""
}

// entryChange names a change between two equally long entry lists.
func entryChange(x, y []state.Entry) (label, group string) {
	var diff []int
	for j := range x {
		if !x[j].SameContent(y[j]) {
			diff = append(diff, j)
		}
	}
	switch {
	case len(diff) == 0:
		return "edit discussion", "" // a field beyond the entries (takes…)
	case len(diff) == 2 && x[diff[0]].ID != y[diff[0]].ID && x[diff[0]].ID == y[diff[1]].ID:
		return "move entry", ""
	case len(diff) == 1:
		o, n := x[diff[0]], y[diff[0]]
		switch {
		case o.ID != n.ID:
			return "edit entry", ""
		case o.Role != n.Role:
			return "change role", ""
		case o.Text != n.Text:
			return "edit entry", "text:" + n.ID
		case o.Collapsed != n.Collapsed:
			return "collapse entry", ""
		}
		return "edit entry", ""
	}
	for _, j := range diff {
		o, n := x[j], y[j]
		o.Collapsed = n.Collapsed
		if !o.SameContent(n) {
			return "edit entries", ""
		}
	}
	return "collapse entries", ""
}
