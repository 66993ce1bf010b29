package giubackend

import (
	imgui "github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/gui"
	vi "github.com/slopgui/slopgui/gui/imgui"
	"github.com/slopgui/slopgui/gui/uitree"
)

// Probe answers uitree's questions with cimgui-go: the item just drawn and
// the window being drawn.
type Probe struct{}

var _ uitree.Probe = Probe{}

// LastItem implements uitree.Probe.
func (Probe) LastItem() (uint32, uitree.Rect) {
	lo, hi := imgui.ItemRectMin(), imgui.ItemRectMax()
	return uint32(imgui.ItemID()), uitree.Rect{X0: lo.X, Y0: lo.Y, X1: hi.X, Y1: hi.Y}
}

// CurrentWindow implements uitree.Probe.
func (Probe) CurrentWindow() (x, y, w, h float32, focused, collapsed bool) {
	p, s := imgui.WindowPos(), imgui.WindowSize()
	return p.X, p.Y, s.X, s.Y, imgui.IsWindowFocused(), imgui.IsWindowCollapsed()
}

// InstallRecording is Install with a Recorder between the views and the
// drawing, for a host that serves the widget tree (slopgui ctl ui).
func InstallRecording() *uitree.Recorder {
	r := uitree.NewRecorder(widgets{}, calls{}, Probe{})
	gui.SetBackend(r.Widgets())
	vi.SetBackend(r.Calls())
	return r
}
