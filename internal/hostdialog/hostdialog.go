// Package hostdialog draws the host's own dialogs: a save that failed
// before quitting, a project file changed on disk. They are drawn with
// ImGui by the host, never by a view, so they work whatever state the
// reloadable views are in. A dialog is a value: the caller keeps what it
// asks (the path typed) and acts on the button Draw reports.
package hostdialog

import (
	"strings"
	"sync"

	"github.com/AllenDang/cimgui-go/imgui"
)

// Dialog is one host dialog.
type Dialog struct {
	Title string // shown in the title bar
	ID    string // unique among the host's windows and widgets
	Text  string // the message, wrapped
	// Buttons are the choices, in one row.
	Buttons []string
	// Path, when not nil, adds a row to type a path into (PathLabel above
	// it) and a PathButton that chooses it; PathError, when not "", says
	// under it why the last try failed.
	Path                  *string
	PathLabel, PathButton string
	PathError             string
}

// width is the dialog's width, wrapped text included.
const width = 620

// Draw draws d centred in the window, focused, and returns the choice
// clicked this frame: the index in Buttons, len(Buttons) for PathButton
// (only with a path typed), or -1 for none.
func Draw(d Dialog) int {
	vp := imgui.MainViewport()
	imgui.SetNextWindowPosV(vp.Center(), imgui.CondAppearing, imgui.Vec2{X: 0.5, Y: 0.5})
	imgui.SetNextWindowSizeV(imgui.Vec2{X: width, Y: 0}, imgui.CondAlways)
	imgui.SetNextWindowFocus()
	if !imgui.BeginV(d.Title+"##"+d.ID, nil, imgui.WindowFlagsNoCollapse|
		imgui.WindowFlagsNoSavedSettings|imgui.WindowFlagsAlwaysAutoResize) {
		imgui.End()
		return -1
	}
	defer imgui.End()
	wrapped(d.Text)
	chose, _ := takePress(d)
	for i, b := range d.Buttons {
		if i > 0 {
			imgui.SameLine()
		}
		if imgui.Button(b + "##" + d.ID + "-" + b) {
			chose = i
		}
	}
	if d.Path == nil {
		return chose
	}
	imgui.Separator()
	imgui.TextUnformatted(d.PathLabel)
	imgui.SetNextItemWidth(width - 120)
	imgui.InputTextWithHint("##"+d.ID+"-path", "path/to/project.toml", d.Path, 0, nil)
	imgui.SameLine()
	if imgui.Button(d.PathButton+"##"+d.ID+"-path-ok") && strings.TrimSpace(*d.Path) != "" {
		chose = len(d.Buttons)
	}
	if d.PathError != "" {
		wrapped("Could not save there: " + d.PathError)
	}
	return chose
}

// pressed holds the choices Press made, by dialog ID.
var pressed struct {
	sync.Mutex
	m map[string]press
}

type press struct {
	choice int
	path   string
}

// Press makes the next Draw of the dialog id report choice, with path
// typed into its path row when not "", as if the user had clicked it (for
// tests). Pressed reports whether it is still waiting for that dialog.
func Press(id string, choice int, path string) {
	pressed.Lock()
	defer pressed.Unlock()
	if pressed.m == nil {
		pressed.m = map[string]press{}
	}
	pressed.m[id] = press{choice, path}
}

// Pressed reports whether a Press for dialog id waits for it to be drawn.
func Pressed(id string) bool {
	pressed.Lock()
	defer pressed.Unlock()
	_, ok := pressed.m[id]
	return ok
}

// takePress returns the pending Press for d, if any, typing its path.
func takePress(d Dialog) (int, bool) {
	pressed.Lock()
	defer pressed.Unlock()
	p, ok := pressed.m[d.ID]
	if !ok {
		return -1, false
	}
	delete(pressed.m, d.ID)
	if p.path != "" && d.Path != nil {
		*d.Path = p.path
	}
	return p.choice, true
}

// wrapped draws text wrapped at the dialog's width.
func wrapped(text string) {
	imgui.PushTextWrapPosV(imgui.CursorPosX() + width - 20)
	imgui.TextUnformatted(text)
	imgui.PopTextWrapPos()
}
