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
	// Keys count too (the input events this frame took in): snapshots
	// follow typing, and the memory-cap restart waits for a pause in it.
	if d.X != 0 || d.Y != 0 || io.MouseWheel() != 0 || imgui.IsAnyMouseDown() || imgui.CurrentContext().InputEventsTrail().Size > 0 {
		a.lastInput = a.now()
	}
	fps := framepace.FPS(a.now().Sub(a.lastInput), st.Busy, a.autosaveWaiting.Load(), imgui.IsAnyItemActive())
	if fps != a.fps {
		a.pacer.SetFPS(fps)
		a.fps = fps
	}
}
