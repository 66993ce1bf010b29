package app

import (
	"fmt"
	"strings"

	"github.com/AllenDang/cimgui-go/imgui"
)

// Notices are things about the user's files they should know but need not
// answer: the project has comments (and where its .bak goes), the
// preferences could not be saved. The host draws them, so they show even
// when every view is broken; each stays until the user dismisses it.

// notePrefs turns a config write error into a notice, once until a
// config write works again. The project's own save state is not affected.
func (a *App) notePrefs() {
	f := a.files
	if f == nil {
		return
	}
	f.mu.Lock()
	err := f.cfgErr
	f.mu.Unlock()
	if (err != nil) == f.cfgWarned {
		return
	}
	f.cfgWarned = err != nil
	if err != nil {
		f.notices = append(f.notices, fmt.Sprintf("Your preferences (theme, windows, last project) "+
			"could not be saved: %v\nThis is not about the project: it was saved normally. "+
			"slopgui keeps trying after each change.", err))
	}
}

// prefsState is the config's state for the status line.
func (a *App) prefsState() string {
	f := a.files
	if f == nil {
		return ""
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cfgErr != nil || f.cfgBlocked != "" {
		return "  |  preferences not saved"
	}
	return ""
}

// drawNotices draws the pending notices in one small window.
func (a *App) drawNotices() {
	f := a.files
	if f == nil || len(f.notices) == 0 {
		return
	}
	vp := imgui.MainViewport()
	imgui.SetNextWindowPosV(imgui.Vec2{X: vp.Pos().X + vp.Size().X - 20, Y: vp.Pos().Y + 90},
		imgui.CondAppearing, imgui.Vec2{X: 1, Y: 0})
	imgui.SetNextWindowSizeV(imgui.Vec2{X: 460, Y: 0}, imgui.CondAlways)
	if !imgui.BeginV("Notice##slopgui-notices", nil, imgui.WindowFlagsNoCollapse|imgui.WindowFlagsNoSavedSettings|
		imgui.WindowFlagsAlwaysAutoResize) {
		imgui.End()
		return
	}
	imgui.PushTextWrapPosV(imgui.CursorPosX() + 440)
	imgui.TextUnformatted(strings.Join(f.notices, "\n\n"))
	imgui.PopTextWrapPos()
	if imgui.Button("OK##dismiss-notices") {
		f.notices = nil
	}
	imgui.End()
}

// Notices returns the notices waiting to be dismissed.
func (a *App) Notices() []string {
	if a.files == nil {
		return nil
	}
	return append([]string(nil), a.files.notices...)
}
