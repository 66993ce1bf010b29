// Package framepace picks a render loop's frame rate: full rate while the
// user is doing something, a middle rate while a reload or an autosave is
// pending (enough for its progress, and the compiler keeps the
// processor), a low rate once nothing has happened for a while (an idle
// ImGui window would otherwise keep a core busy: under software GL each
// frame of a 1280×800 window costs ~25 ms of processor, so 10 idle frames
// a second were a quarter of a core). Between frames the loop waits for
// events (internal/eventwait): input, and g.Update from any goroutine (the
// global hotkey, the control socket, the reloader's news), draw on the
// next frame at any rate.
package framepace

import "time"

// The rates, in frames a second.
const (
	Active = 60 // the mouse moved in the last IdleAfter
	Busy   = 20 // work pending: a reload, an autosave
	Caret  = 5  // a text box has the keyboard: its caret blinks
	Idle   = 2

	IdleAfter = 2 * time.Second
)

// FPS is the frame rate for a window whose last mouse input was since ago,
// with work pending (busy) and an item active (a text box holding the
// keyboard). Keys wake the loop and are drawn at once at any rate; a
// focused text box left alone only needs its caret to blink (it drew 60
// frames a second, 1.5 cores under software GL, until the user clicked
// elsewhere).
func FPS(since time.Duration, busy, itemActive bool) uint {
	switch {
	case since < IdleAfter:
		return Active
	case busy:
		return Busy
	case itemActive:
		return Caret
	}
	return Idle
}
