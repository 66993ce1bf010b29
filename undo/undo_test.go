package undo_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/slopgui/slopgui/undo"
)

// doc is a stand-in for the discussion: a list of entries.
type doc []string

func cloneDoc(d doc) doc { return slices.Clone(d) }

func TestSequences(t *testing.T) {
	type op struct {
		do    string // "edit i text group", "del i", "undo", "redo"
		want  string // the document after, entries joined by "|"
		label string // for undo/redo: the label returned; "-" for nothing to do
	}
	for _, tc := range []struct {
		name string
		ops  []op
	}{
		{"delete then undo restores it", []op{
			{do: "del 1", want: "a|c"},
			{do: "undo", want: "a|b|c", label: "delete entry"},
			{do: "undo", want: "a|b|c", label: "-"},
			{do: "redo", want: "a|c", label: "delete entry"},
			{do: "redo", want: "a|c", label: "-"},
		}},
		{"typing in one field is one step", []op{
			{do: "edit 0 ax g0", want: "ax|b|c"},
			{do: "edit 0 axy g0", want: "axy|b|c"},
			{do: "edit 0 axyz g0", want: "axyz|b|c"},
			{do: "undo", want: "a|b|c", label: "edit entry"},
		}},
		{"another field starts a new step", []op{
			{do: "edit 0 ax g0", want: "ax|b|c"},
			{do: "edit 1 bx g1", want: "ax|bx|c"},
			{do: "edit 0 axx g0", want: "axx|bx|c"},
			{do: "undo", want: "ax|bx|c", label: "edit entry"},
			{do: "undo", want: "ax|b|c", label: "edit entry"},
			{do: "undo", want: "a|b|c", label: "edit entry"},
		}},
		{"typing after an undo is a new step", []op{
			{do: "edit 0 ax g0", want: "ax|b|c"},
			{do: "undo", want: "a|b|c", label: "edit entry"},
			{do: "edit 0 ay g0", want: "ay|b|c"},
			{do: "redo", want: "ay|b|c", label: "-"}, // a new edit clears redo
			{do: "undo", want: "a|b|c", label: "edit entry"},
		}},
		{"undo, redo, undo", []op{
			{do: "del 0", want: "b|c"},
			{do: "del 0", want: "c"},
			{do: "undo", want: "b|c", label: "delete entry"},
			{do: "undo", want: "a|b|c", label: "delete entry"},
			{do: "redo", want: "b|c", label: "delete entry"},
			{do: "undo", want: "a|b|c", label: "delete entry"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := undo.New(100, cloneDoc)
			d := doc{"a", "b", "c"}
			for i, o := range tc.ops {
				f := strings.Fields(o.do)
				var label string
				var ok bool
				switch f[0] {
				case "del":
					h.Record(d, "delete entry", "")
					n := int(f[1][0] - '0')
					d = append(d[:n:n], d[n+1:]...)
				case "edit":
					h.Record(d, "edit entry", f[3])
					d[int(f[1][0]-'0')] = f[2]
				case "undo":
					d, label, ok = h.Undo(d)
				case "redo":
					d, label, ok = h.Redo(d)
				}
				if got := strings.Join(d, "|"); got != o.want {
					t.Fatalf("op %d %q: doc = %s, want %s", i, o.do, got, o.want)
				}
				if o.label != "" {
					if o.label == "-" && ok || o.label != "-" && (!ok || label != o.label) {
						t.Fatalf("op %d %q: label %q ok %v, want %q", i, o.do, label, ok, o.label)
					}
				}
			}
		})
	}
}

func TestBoundedAndIsolated(t *testing.T) {
	h := undo.New(3, cloneDoc)
	d := doc{"0"}
	for i := 1; i <= 10; i++ {
		h.Record(d, "edit", "")
		d = doc{string(rune('0' + i))}
	}
	if u, _ := h.Len(); u != 3 {
		t.Fatalf("%d steps kept, want the limit 3", u)
	}
	for range 3 {
		d, _, _ = h.Undo(d)
	}
	if d[0] != "7" {
		t.Fatalf("after 3 undos doc = %v, want the oldest kept step 7", d)
	}
	if _, _, ok := h.Undo(d); ok {
		t.Fatal("undo past the limit")
	}

	// The history holds copies: changing the live value later does not
	// change what Undo gives back.
	h = undo.New(10, cloneDoc)
	live := doc{"x"}
	h.Record(live, "edit", "")
	live[0] = "changed in place"
	back, _, _ := h.Undo(live)
	if back[0] != "x" {
		t.Fatalf("undo gave %v: the history shared memory with the live value", back)
	}
	if h.RedoLabel() != "edit" || h.UndoLabel() != "" {
		t.Fatalf("labels: undo %q redo %q", h.UndoLabel(), h.RedoLabel())
	}
	h.Clear()
	if u, r := h.Len(); u+r != 0 {
		t.Fatal("Clear kept steps")
	}
}

func TestCostBound(t *testing.T) {
	// Each value costs its length: a bound of 10 keeps the newest steps
	// whose lengths add up to at most 10, and always the newest one.
	h := undo.New(100, cloneDoc).Bound(10, func(d doc) int { return len(d) })
	d := doc{}
	for i := range 6 {
		h.Record(d, "add", "")
		d = append(slices.Clone(d), string(rune('a'+i)))
	}
	// The recorded values are 0..5 long; the oldest go first: 5+4 = 9
	// fits, 5+4+3 = 12 does not.
	if u, _ := h.Len(); u != 2 || h.Cost() != 9 {
		t.Fatalf("kept %d steps costing %d, want 2 costing 9", u, h.Cost())
	}
	d, _, _ = h.Undo(d) // future holds the 6-long current: 6 + 4
	if h.Cost() != 10 {
		t.Fatalf("cost after undo %d, want 10", h.Cost())
	}
	h.Record(d, "edit", "") // clears redo: 4 + 5
	if u, r := h.Len(); u != 2 || r != 0 || h.Cost() != 9 {
		t.Fatalf("after a new edit: %d undo %d redo, cost %d", u, r, h.Cost())
	}
	big := make(doc, 50)
	h.Record(big, "huge", "") // over the bound alone: still kept, the others go
	if u, _ := h.Len(); u != 1 || h.UndoLabel() != "huge" {
		t.Fatalf("a step over the bound: %d kept, label %q", u, h.UndoLabel())
	}
	n := 0
	h.Each(func(doc) { n++ })
	if n != 1 {
		t.Fatalf("Each visited %d values, want 1", n)
	}
}
