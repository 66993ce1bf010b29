package app

import (
	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/hot"
	"github.com/slopgui/slopgui/internal/framepace"
)

// pace picks the frame rate for the next frames (internal/framepace).
func (a *App) pace(st hot.Status) {
	if a.wnd == nil {
		return
	}
	io := imgui.CurrentIO()
	d := io.MouseDelta()
	now := a.now()
	// The mouse in use sets the full rate. Keys, and the window's own
	// focus event, are input too (the input events this frame took in:
	// snapshots follow typing, and the memory-cap restart waits for a
	// pause in it), but each is drawn at once anyway, as any event wakes
	// the loop: they do not raise the rate (the focus event at every start
	// set the full rate for 2 s).
	mouse := d.X != 0 || d.Y != 0 || io.MouseWheel() != 0 || imgui.IsAnyMouseDown()
	if mouse {
		a.lastMouse = now
	}
	if mouse || imgui.CurrentContext().InputEventsTrail().Size > 0 {
		a.lastInput = now
	}
	fps := framepace.FPS(a.frames, now.Sub(a.lastMouse), st.Busy, a.autosaveWaiting.Load(), imgui.IsAnyItemActive())
	if fps != a.fps {
		a.pacer.SetFPS(fps)
		a.fps = fps
	}
}
