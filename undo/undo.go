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
	// maxCost bounds the sum of the kept steps' costs (0: no bound);
	// cost measures one value (its bytes, roughly). See Bound.
	maxCost, total int
	cost           func(T) int
}

type step[T any] struct {
	value T
	label string // what the edit did, for "Undo delete entry"
	cost  int
}

// New makes a history of at most limit steps; clone copies a value deeply.
func New[T any](limit int, clone func(T) T) *History[T] {
	if limit < 1 {
		limit = 1
	}
	return &History[T]{limit: limit, clone: clone}
}

// Bound makes the history also keep the sum of its steps' costs at most
// maxCost (memory: a snapshot of a large value costs much more than a
// step count says), dropping the oldest undo steps first; the newest
// step is always kept. cost measures one value.
func (h *History[T]) Bound(maxCost int, cost func(T) int) *History[T] {
	h.maxCost, h.cost = maxCost, cost
	return h
}

// push adds a step to the stack *to, costed.
func (h *History[T]) push(to *[]step[T], value T, label string) {
	c := 0
	if h.cost != nil {
		c = h.cost(value)
	}
	h.total += c
	*to = append(*to, step[T]{value: value, label: label, cost: c})
}

// pop removes the top step of *from.
func (h *History[T]) pop(from *[]step[T]) step[T] {
	s := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	h.total -= s.cost
	return s
}

// trim drops the oldest undo steps beyond the limit and the cost bound.
func (h *History[T]) trim() {
	n := 0
	for len(h.past)-n > h.limit || h.maxCost > 0 && h.total > h.maxCost && len(h.past)-n > 1 {
		h.total -= h.past[n].cost
		n++
	}
	if n > 0 {
		clear(h.past[:n])
		h.past = h.past[n:]
	}
}

// Record notes an edit about to be made (or just made) to a value that was
// before. label says what the edit does; group, when not empty, merges it
// with the previous edit of the same group.
func (h *History[T]) Record(before T, label, group string) {
	for len(h.future) > 0 {
		h.pop(&h.future)
	}
	h.future = nil
	if group != "" && group == h.lastGroup && len(h.past) > 0 {
		return
	}
	h.lastGroup = group
	h.push(&h.past, h.clone(before), label)
	h.trim()
}

// Undo returns the value before the newest edit and its label, and keeps
// current for Redo. ok is false when there is nothing to undo.
func (h *History[T]) Undo(current T) (prev T, label string, ok bool) {
	if len(h.past) == 0 {
		return current, "", false
	}
	s := h.pop(&h.past)
	h.push(&h.future, h.clone(current), s.label)
	h.lastGroup = ""
	return s.value, s.label, true
}

// Redo returns the value after the newest undone edit and its label, and
// keeps current for Undo. ok is false when there is nothing to redo.
func (h *History[T]) Redo(current T) (next T, label string, ok bool) {
	if len(h.future) == 0 {
		return current, "", false
	}
	s := h.pop(&h.future)
	h.push(&h.past, h.clone(current), s.label)
	h.trim()
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

// Cost is the sum of the kept steps' costs (0 without Bound).
func (h *History[T]) Cost() int { return h.total }

// Each calls fn with every kept value, undo steps then redo steps.
func (h *History[T]) Each(fn func(T)) {
	for _, s := range h.past {
		fn(s.value)
	}
	for _, s := range h.future {
		fn(s.value)
	}
}

// Clear forgets every step (a project switched: its history goes too).
func (h *History[T]) Clear() {
	h.past, h.future, h.lastGroup, h.total = nil, nil, "", 0
}
