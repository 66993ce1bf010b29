// Package undo keeps a bounded history of snapshots of a value for undo
// and redo. The caller records the value as it was before each edit (a
// clone: the history never shares memory with the live value), and Undo
// and Redo trade the live value for the one before or after it.
//
// Edits with the same non-empty group in a row (typing in one field) are
// one step: only the value before the first of them is kept. Any new
// edit clears the redo side, as in every editor.
package undo

// History is the undo and redo stacks of one value. The zero value is not
// ready: use New.
type History[T any] struct {
	past, future []step[T]
	limit        int
	clone        func(T) T
	lastGroup    string // the group of the newest recorded edit, "" after Undo/Redo
}

type step[T any] struct {
	value T
	label string // what the edit did, for "Undo delete entry"
}

// New makes a history of at most limit steps; clone copies a value deeply.
func New[T any](limit int, clone func(T) T) *History[T] {
	if limit < 1 {
		limit = 1
	}
	return &History[T]{limit: limit, clone: clone}
}

// Record notes an edit about to be made (or just made) to a value that was
// before. label says what the edit does; group, when not empty, merges it
// with the previous edit of the same group.
func (h *History[T]) Record(before T, label, group string) {
	h.future = nil
	if group != "" && group == h.lastGroup && len(h.past) > 0 {
		return
	}
	h.lastGroup = group
	h.past = append(h.past, step[T]{value: h.clone(before), label: label})
	if over := len(h.past) - h.limit; over > 0 {
		clear(h.past[:over])
		h.past = h.past[over:]
	}
}

// Undo returns the value before the newest edit and its label, and keeps
// current for Redo. ok is false when there is nothing to undo.
func (h *History[T]) Undo(current T) (prev T, label string, ok bool) {
	if len(h.past) == 0 {
		return current, "", false
	}
	s := h.past[len(h.past)-1]
	h.past = h.past[:len(h.past)-1]
	h.future = append(h.future, step[T]{value: h.clone(current), label: s.label})
	h.lastGroup = ""
	return s.value, s.label, true
}

// Redo returns the value after the newest undone edit and its label, and
// keeps current for Undo. ok is false when there is nothing to redo.
func (h *History[T]) Redo(current T) (next T, label string, ok bool) {
	if len(h.future) == 0 {
		return current, "", false
	}
	s := h.future[len(h.future)-1]
	h.future = h.future[:len(h.future)-1]
	h.past = append(h.past, step[T]{value: h.clone(current), label: s.label})
	h.lastGroup = ""
	return s.value, s.label, true
}

// UndoLabel is the label of the edit Undo would take back ("" when none).
func (h *History[T]) UndoLabel() string {
	if len(h.past) == 0 {
		return ""
	}
	return h.past[len(h.past)-1].label
}

// RedoLabel is the label of the edit Redo would make again ("" when none).
func (h *History[T]) RedoLabel() string {
	if len(h.future) == 0 {
		return ""
	}
	return h.future[len(h.future)-1].label
}

// Len is the number of steps that can be undone and redone.
func (h *History[T]) Len() (undo, redo int) { return len(h.past), len(h.future) }

// Clear forgets every step (a project switched: its history goes too).
func (h *History[T]) Clear() {
	h.past, h.future, h.lastGroup = nil, nil, ""
}
