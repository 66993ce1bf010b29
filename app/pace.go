package app

import (
	"time"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/hot"
)

// Frame pacing: full rate while the user is doing something, a middle rate
// while a reload or an autosave is pending (enough for its progress, and
// the compiler keeps the processor), a low rate once nothing has happened
// for a while (an idle ImGui window would otherwise keep a core busy: under
// software GL each frame of a 1280×800 window costs ~25 ms of processor,
// so 10 idle frames a second were a quarter of a core). Between frames
// the loop waits for events (internal/eventwait): input, and g.Update from
// any goroutine (the global hotkey, the control socket, the reloader's
// news), draw on the next frame at any rate.
const (
	activeFPS = 60
	busyFPS   = 20
	idleFPS   = 2
	idleAfter = 2 * time.Second
)

// pace picks the frame rate for the next frames.
func (a *App) pace(st hot.Status) {
	if a.wnd == nil {
		return
	}
	io := imgui.CurrentIO()
	d := io.MouseDelta()
	if d.X != 0 || d.Y != 0 || io.MouseWheel() != 0 || imgui.IsAnyMouseDown() || imgui.IsAnyItemActive() {
		a.lastInput = a.now()
	}
	fps := uint(idleFPS)
	switch {
	case a.now().Sub(a.lastInput) < idleAfter:
		fps = activeFPS
	case st.Busy || a.autosaveWaiting.Load():
		fps = busyFPS
	}
	if fps != a.fps {
		a.pacer.SetFPS(fps)
		a.fps = fps
	}
}
