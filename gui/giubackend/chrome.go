package giubackend

import (
	imgui "github.com/AllenDang/cimgui-go/imgui"
	g "github.com/AllenDang/giu"

	"github.com/slopgui/slopgui/gui/uitree"
)

// The host's own chrome (toolbar, error bar, modals) is drawn with giu and
// ImGui directly, not through gui; these helpers draw an item and record
// it in rec (nil: not recorded), so that `slopgui ctl ui` lists it and
// `slopgui ctl click` presses it.

// Button draws an ImGui button (w, h: its size, 0 to fit the label) and
// records it; it reports a click, or a pending press for it.
func Button(rec *uitree.Recorder, label string, w, h float32) bool {
	c := imgui.ButtonV(label, imgui.Vec2{X: w, Y: h})
	return rec.Item(uitree.Button, label, true, nil, "") || c
}

// ButtonW is Button as a giu widget that calls onClick when pressed.
func ButtonW(rec *uitree.Recorder, label string, onClick func()) g.Widget {
	return g.Custom(func() {
		if Button(rec, label, 0, 0) && onClick != nil {
			onClick()
		}
	})
}

// LabelW is a giu label recorded as a text item.
func LabelW(rec *uitree.Recorder, text string) g.Widget {
	return g.Custom(func() {
		g.Label(text).Build()
		rec.Item(uitree.Text, "", true, nil, text)
	})
}

// Within is w recorded as the items of the window titled title (use it as
// that window's layout).
func Within(rec *uitree.Recorder, title string, w g.Widget) g.Widget {
	return g.Custom(func() { rec.Within(title, w.Build) })
}
