package state

import (
	"maps"
	"slices"
)

// Copying and comparing the UI cheaply.
//
// The host copies the whole UI at the start of every frame (so a view that
// panics half way through a change can be undone) and compares it with the
// last saved copy a few times a second (autosave). At 5,000 discussion
// entries and 2,000 tickets a reflective deep copy and reflect.DeepEqual
// take tens of milliseconds; these hand-written ones copy slices with
// memmove and share strings (Go never mutates a string), so a copy costs
// tens of microseconds, and comparing two copies that share their strings
// compares pointers, not text.
//
// TestCloneCoversUI walks the UI type by reflection and fails when a field
// is added that CopyTo does not deep-copy or Equal does not compare.

// Clone returns a deep copy of u that shares no mutable memory with it.
func (u *UI) Clone() UI {
	var c UI
	u.CopyTo(&c)
	return c
}

// CopyTo makes *dst a deep copy of u, reusing dst's slices where they are
// large enough (so a copy taken every frame allocates almost nothing).
// dst must not share memory with u, nor with anything still in use.
func (u *UI) CopyTo(dst *UI) {
	old := *dst
	*dst = *u // scalars, strings, Forms and Dialogs (plain values)
	dst.Project = CloneProject(u.Project, old.Project)
	dst.Discussions = cloneDiscussions(u.Discussions, old.Discussions)
	dst.Tracks = cloneTracks(u.Tracks, old.Tracks)
	dst.Comms = reuse(u.Comms, old.Comms)
	dst.ToolLog = reuse(u.ToolLog, old.ToolLog)
	dst.ShowWindows = cloneMap(u.ShowWindows, old.ShowWindows)
	dst.Prices = cloneMap(u.Prices, old.Prices)
	dst.Chat.Models = reuse(u.Chat.Models, old.Chat.Models)
}

// ChatEqual reports whether two chat states are the same.
func ChatEqual(a, b Chat) bool {
	return a.Busy == b.Busy && a.Phase == b.Phase && a.Discussion == b.Discussion &&
		a.EntryID == b.EntryID && a.TokensIn == b.TokensIn && a.TokensOut == b.TokensOut &&
		a.Error == b.Error && a.RetryAt.Equal(b.RetryAt) && a.CanRetry == b.CanRetry &&
		a.Approval == b.Approval && a.ConnBusy == b.ConnBusy && a.ConnStatus == b.ConnStatus && a.Follow == b.Follow &&
		slices.Equal(a.Models, b.Models)
}

// Equal reports whether u and v hold the same state.
func (u *UI) Equal(v *UI) bool {
	return u.Forms == v.Forms && u.Dialogs == v.Dialogs &&
		u.AI == v.AI && u.ActiveDiscussion == v.ActiveDiscussion &&
		u.ComposerRole == v.ComposerRole && u.ComposerText == v.ComposerText &&
		u.DiscussionSplit == v.DiscussionSplit && u.ActiveTrack == v.ActiveTrack &&
		u.StepMode == v.StepMode && u.Theme == v.Theme && u.ApproveAgentReloads == v.ApproveAgentReloads && u.ReloadErrorDetails == v.ReloadErrorDetails &&
		ProjectEqual(u.Project, v.Project) &&
		DiscussionsEqual(u.Discussions, v.Discussions) &&
		TracksEqual(u.Tracks, v.Tracks) &&
		slices.Equal(u.Comms, v.Comms) && slices.Equal(u.ToolLog, v.ToolLog) &&
		maps.Equal(u.ShowWindows, v.ShowWindows) && maps.Equal(u.Prices, v.Prices) && ChatEqual(u.Chat, v.Chat)
}

// CloneProject deep-copies p, reusing buf's slices where they fit.
func CloneProject(p, buf Project) Project {
	c := p
	c.Files = reuse(p.Files, buf.Files)
	c.Screenshots = reuse(p.Screenshots, buf.Screenshots)
	c.Roles = slices.Clone(p.Roles)
	return c
}

// ProjectEqual reports whether two projects are the same.
func ProjectEqual(a, b Project) bool {
	return a.Name == b.Name && a.Root == b.Root && a.OutputDir == b.OutputDir &&
		slices.Equal(a.Files, b.Files) && slices.Equal(a.Screenshots, b.Screenshots) && slices.Equal(a.Roles, b.Roles)
}

// CloneDiscussions deep-copies ds.
func CloneDiscussions(ds []Discussion) []Discussion { return cloneDiscussions(ds, nil) }

func cloneDiscussions(ds, buf []Discussion) []Discussion {
	if ds == nil {
		return nil
	}
	out := resize(buf, len(ds))
	for i, d := range ds {
		var old []Entry
		if i < len(buf) {
			old = buf[i].Entries
		}
		c := d
		c.Entries = reuse(d.Entries, old)
		if d.Takes != nil {
			c.Takes = make([]Take, len(d.Takes))
			for k, t := range d.Takes {
				c.Takes[k] = Take{Name: t.Name, Entries: slices.Clone(t.Entries)}
			}
		}
		out[i] = c
	}
	return out
}

// DiscussionsEqual reports whether two discussion lists are the same, in
// every field.
func DiscussionsEqual(a, b []Discussion) bool { return discussionsEqual(a, b, false) }

// DiscussionsSameContent reports whether two discussion lists hold the same
// content: they are equal but for how entries are shown (Entry.Editing,
// the Read / Edit toggle), which is neither saved nor an undo step.
func DiscussionsSameContent(a, b []Discussion) bool { return discussionsEqual(a, b, true) }

func discussionsEqual(a, b []Discussion, content bool) bool {
	entries := func(x, y []Entry) bool {
		// The plain comparison first: it is the common case each frame,
		// and the fastest.
		return slices.Equal(x, y) || content && slices.EqualFunc(x, y, Entry.SameContent)
	}
	return slices.EqualFunc(a, b, func(x, y Discussion) bool {
		return x.Name == y.Name && entries(x.Entries, y.Entries) && x.TakeName == y.TakeName &&
			x.TakeAt == y.TakeAt && x.Created == y.Created && x.Stamped == y.Stamped &&
			slices.EqualFunc(x.Takes, y.Takes, func(s, t Take) bool { return s.Name == t.Name && entries(s.Entries, t.Entries) })
	})
}

// SameContent reports whether e and f are the same entry but for Editing
// (how it is shown).
func (e Entry) SameContent(f Entry) bool {
	e.Editing = f.Editing
	return e == f
}

// CloneTracks deep-copies ts.
func CloneTracks(ts []Track) []Track { return cloneTracks(ts, nil) }

func cloneTracks(ts, buf []Track) []Track {
	if ts == nil {
		return nil
	}
	out := resize(buf, len(ts))
	for i, t := range ts {
		var old []Ticket
		if i < len(buf) {
			old = buf[i].Tickets
		}
		tickets := resizeNil(old, t.Tickets)
		for j, tk := range t.Tickets {
			var deps []string
			if j < len(old) {
				deps = old[j].DependsOn
			}
			tk.DependsOn = reuse(tk.DependsOn, deps)
			tk.Targets = slices.Clone(tk.Targets)
			tk.Applied = slices.Clone(tk.Applied)
			tk.Transcript = CloneTranscript(tk.Transcript)
			tickets[j] = tk
		}
		t.Tickets = tickets
		t.Files = slices.Clone(t.Files)
		out[i] = t
	}
	return out
}

// CloneTranscript deep-copies a worker's conversation.
func CloneTranscript(ms []TicketMsg) []TicketMsg {
	if ms == nil {
		return nil
	}
	out := make([]TicketMsg, len(ms))
	for i, m := range ms {
		m.Calls = slices.Clone(m.Calls)
		m.Results = slices.Clone(m.Results)
		out[i] = m
	}
	return out
}

// TracksEqual reports whether two track lists are the same.
func TracksEqual(a, b []Track) bool {
	return slices.EqualFunc(a, b, func(x, y Track) bool {
		return x.Name == y.Name && x.ID == y.ID && x.Goal == y.Goal && x.Brief == y.Brief &&
			x.Running == y.Running && x.Paused == y.Paused && x.StepMode == y.StepMode &&
			slices.Equal(x.Files, y.Files) && slices.EqualFunc(x.Tickets, y.Tickets, TicketEqual)
	})
}

// TicketEqual reports whether two tickets are the same.
func TicketEqual(s, t Ticket) bool {
	return s.ID == t.ID && s.Title == t.Title && s.Status == t.Status && slices.Equal(s.DependsOn, t.DependsOn) &&
		s.Description == t.Description && s.Reason == t.Reason && s.Summary == t.Summary && s.Model == t.Model &&
		s.Escalation == t.Escalation && s.StepMode == t.StepMode && s.Interrupted == t.Interrupted &&
		slices.Equal(s.Targets, t.Targets) && slices.Equal(s.Applied, t.Applied) &&
		slices.EqualFunc(s.Transcript, t.Transcript, func(m, n TicketMsg) bool {
			return m.Role == n.Role && m.Text == n.Text && slices.Equal(m.Calls, n.Calls) && slices.Equal(m.Results, n.Results)
		})
}

// reuse copies src into buf's memory when it fits, else into new memory;
// nil stays nil and empty stays empty.
func reuse[T any](src, buf []T) []T {
	if src == nil {
		return nil
	}
	if cap(buf) < len(src) || cap(buf) == 0 {
		return append(make([]T, 0, len(src)), src...)
	}
	return append(buf[:0], src...)
}

// resize returns a slice of length n, in buf's memory when it fits. The
// elements are overwritten by the caller.
func resize[T any](buf []T, n int) []T {
	if cap(buf) >= n && cap(buf) > 0 {
		return buf[:n]
	}
	return make([]T, n)
}

// resizeNil is resize for a copy of src that keeps src's nil-ness.
func resizeNil[T any](buf, src []T) []T {
	if src == nil {
		return nil
	}
	return resize(buf, len(src))
}

func cloneMap[K comparable, V any](src, buf map[K]V) map[K]V {
	if src == nil {
		return nil
	}
	if buf == nil {
		return maps.Clone(src)
	}
	clear(buf)
	maps.Copy(buf, src)
	return buf
}
