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

var _ uitree.MenuProbe = Probe{}

// OpenMenu implements uitree.MenuProbe: the menu labelled label, just
// drawn, is open from the next frame on (as BeginMenu names its popup).
func (Probe) OpenMenu(label string) { imgui.InternalOpenPopupEx(imgui.IDStr(label)) }

// ClosePopup implements uitree.MenuProbe: the menu (and its parent menus)
// the item just drawn is in closes.
func (Probe) ClosePopup() { imgui.CloseCurrentPopup() }

// InstallRecording is Install with a Recorder between the views and the
// drawing, for a host that serves the widget tree (slopgui ctl ui).
func InstallRecording() *uitree.Recorder {
	r := uitree.NewRecorder(widgets{}, calls{}, Probe{})
	gui.SetBackend(r.Widgets())
	vi.SetBackend(r.Calls())
	return r
}

// Focus implements uitree.Probe: the item just drawn takes the keyboard
// focus, as with Tab.
func (Probe) Focus() { imgui.SetKeyboardFocusHereV(-1) }

// Keyboard types into ImGui's input queue, as the platform backend does
// for real keys (render thread only).
type Keyboard struct{}

// Press presses c's keys in order and releases them in reverse.
func (Keyboard) Press(c uitree.KeyCombo) {
	io := imgui.CurrentIO()
	for _, k := range c.Keys {
		io.AddKeyEvent(imgui.Key(k), true)
	}
	for i := len(c.Keys) - 1; i >= 0; i-- {
		io.AddKeyEvent(imgui.Key(c.Keys[i]), false)
	}
}

// Type queues text as typed characters.
func (Keyboard) Type(text string) { imgui.CurrentIO().AddInputCharactersUTF8(text) }

// Queued is the number of input events ImGui has not processed yet.
func (Keyboard) Queued() int { return imgui.CurrentContext().InputEventsQueue().Size }

// Active is the ID of the item being edited or held, 0 for none.
func (Keyboard) Active() uint32 { return uint32(imgui.InternalActiveID()) }

// Release ends the editing of the active item.
func (Keyboard) Release() { imgui.InternalClearActiveID() }
