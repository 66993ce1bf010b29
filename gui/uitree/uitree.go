// Package uitree is what a frame drew, as plain data a coding agent can
// read: the windows (title, position, size, focus) and their items in
// drawing order (kind, label, ID, rectangle, enabled, value or text). The
// Recorder builds it by standing between the views and the real widget
// backend, so every view is recorded without doing anything; it records
// only the frames someone asked for, and costs a flag test otherwise.
package uitree

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Kind is what an item is.
type Kind string

// Item kinds.
const (
	Button     Kind = "button"
	Checkbox   Kind = "checkbox"
	Input      Kind = "input"
	Text       Kind = "text"
	Tab        Kind = "tab"
	Selectable Kind = "selectable"
	MenuItem   Kind = "menu item"
	Menu       Kind = "menu"
	Combo      Kind = "combo"
	Slider     Kind = "slider"
	Bar        Kind = "bar" // a segmented bar: value is the segments' fractions, text its text
)

// Rect is a screen rectangle in pixels: top-left and bottom-right.
type Rect struct {
	X0, Y0, X1, Y1 float32
}

// Center is the rectangle's middle, where a click lands.
func (r Rect) Center() (x, y float32) { return (r.X0 + r.X1) / 2, (r.Y0 + r.Y1) / 2 }

// Item is one widget drawn.
type Item struct {
	Kind    Kind   `json:"kind"`
	Label   string `json:"label,omitempty"` // shown text, without "##id"
	ID      string `json:"id"`              // the ImGui ID, hex
	Key     string `json:"key,omitempty"`   // the widget's own ID string, or its whole label when that has "##id"
	Rect    Rect   `json:"rect"`
	Enabled bool   `json:"enabled"`
	Value   any    `json:"value,omitempty"` // inputs, checkboxes, combos, sliders
	Text    string `json:"text,omitempty"`  // text items
	Window  string `json:"window"`
	// Options are what a combo offers (slopgui ctl select picks one).
	Options []string `json:"options,omitempty"`
}

// Window is one window and what it drew.
type Window struct {
	Title     string  `json:"title"`
	X         float32 `json:"x"`
	Y         float32 `json:"y"`
	Width     float32 `json:"width"`
	Height    float32 `json:"height"`
	Focused   bool    `json:"focused"`
	Collapsed bool    `json:"collapsed"`
	Items     []Item  `json:"items"`
}

// Tree is one frame's windows in drawing order.
type Tree struct {
	Frame   uint64   `json:"frame"`
	Windows []Window `json:"windows"`
}

// Only returns the tree with just the window titled title (its "##" part
// ignored), or an error listing the windows there are.
func (t Tree) Only(title string) (Tree, error) {
	var names []string
	for _, w := range t.Windows {
		if visible(w.Title) == title || w.Title == title {
			return Tree{Frame: t.Frame, Windows: []Window{w}}, nil
		}
		names = append(names, visible(w.Title))
	}
	return Tree{}, fmt.Errorf("no window %q is drawn; windows: %s", title, strings.Join(names, ", "))
}

// Items lists every item of every window, in drawing order.
func (t Tree) Items() []Item {
	var out []Item
	for _, w := range t.Windows {
		out = append(out, w.Items...)
	}
	return out
}

// AmbiguousError is a query that matches more than one item.
type AmbiguousError struct {
	Query      string
	Candidates []Item
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q matches %d items; name one by its ID:", e.Query, len(e.Candidates))
	for _, c := range e.Candidates {
		fmt.Fprintf(&b, "\n  %s  %s %q in %q", c.ID, c.Kind, c.Label, visible(c.Window))
	}
	return b.String()
}

// Find returns the one item that query names: its ImGui ID (hex), its own
// ID string, or its label (exactly, else case-insensitively). kinds, when
// given, limits the search (a click looks for buttons, tabs, …). No match
// and several matches are errors that say what there is.
func (t Tree) Find(query string, kinds ...Kind) (Item, error) {
	items := t.Items()
	if len(kinds) > 0 {
		items = filter(items, func(it Item) bool {
			for _, k := range kinds {
				if it.Kind == k {
					return true
				}
			}
			return false
		})
	}
	for _, match := range []func(Item) bool{
		func(it Item) bool { return it.ID == query || (it.Key != "" && it.Key == query) },
		func(it Item) bool { return it.Label == query },
		func(it Item) bool { return strings.EqualFold(it.Label, query) },
	} {
		switch found := filter(items, match); len(found) {
		case 0:
			continue
		case 1:
			return found[0], nil
		default:
			return Item{}, &AmbiguousError{Query: query, Candidates: found}
		}
	}
	return Item{}, fmt.Errorf("nothing drawn is called %q (looked at %d items)", query, len(items))
}

func filter(items []Item, keep func(Item) bool) []Item {
	var out []Item
	for _, it := range items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// Changed lists the items of after whose value, text, label or enabled
// state differs from their place in before, and the items that are new.
// Items are paired by window, kind and order among their kind there:
// ImGui gives text no ID, and a label that changes changes its ID.
func Changed(before, after Tree) []Item {
	old := map[slot]Item{}
	for _, w := range before.Windows {
		n := map[Kind]int{}
		for _, it := range w.Items {
			old[slot{w.Title, it.Kind, n[it.Kind]}] = it
			n[it.Kind]++
		}
	}
	var out []Item
	for _, w := range after.Windows {
		n := map[Kind]int{}
		for _, it := range w.Items {
			prev, ok := old[slot{w.Title, it.Kind, n[it.Kind]}]
			n[it.Kind]++
			if !ok || prev.Text != it.Text || prev.Label != it.Label || prev.Enabled != it.Enabled || !sameValue(prev.Value, it.Value) {
				out = append(out, it)
			}
		}
	}
	return out
}

// slot is an item's place: its window, kind and order among its kind.
type slot struct {
	window string
	kind   Kind
	n      int
}

func sameValue(a, b any) bool {
	if a == nil || b == nil {
		return a == b
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// visible is a label as shown: the part before "##".
func visible(label string) string {
	if i := strings.Index(label, "##"); i >= 0 {
		return label[:i]
	}
	return label
}
