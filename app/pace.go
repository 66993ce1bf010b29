package app

import (
	"time"

	"github.com/AllenDang/cimgui-go/imgui"

	"github.com/slopgui/slopgui/hot"
)

// Frame pacing. giu's GLFW loop draws continuously at a target rate; an
// idle window drawing 30 frames a second keeps a core busy (all of it
// under software OpenGL). So: full rate while the user is doing something,
// a middle rate while a reload or an autosave is pending, and a low rate
// once nothing has happened for a while.
//
// giu's loop sleeps until the next frame is due and nothing wakes it
// earlier, so a reload that is ready waits up to one frame to be swapped
// in: 100 ms at the idle rate. While a build of the saved views is loaded
// and only waits for Ctrl+Alt+R ("armed"), the window draws at the full
// rate for armedFor, so the key shows new code within a frame or two.
const (
	activeFPS = 60
	busyFPS   = 30
	idleFPS   = 10
	idleAfter = 2 * time.Second
	armedFor  = 10 * time.Second
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
	armed := st.Ahead.Loaded && !st.Busy
	if armed && a.armedAt.IsZero() {
		a.armedAt = a.now()
	} else if !armed {
		a.armedAt = time.Time{}
	}
	fps := uint(idleFPS)
	switch {
	case a.now().Sub(a.lastInput) < idleAfter:
		fps = activeFPS
	case armed && a.now().Sub(a.armedAt) < armedFor:
		fps = activeFPS
	case st.Busy || a.autosaveWaiting.Load():
		fps = busyFPS
	}
	if fps != a.fps {
		a.wnd.SetTargetFPS(fps)
		a.fps = fps
	}
}
