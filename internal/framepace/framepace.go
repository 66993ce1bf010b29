// Package framepace picks a render loop's frame rate: full rate while the
// user is doing something, a low one while the user waits for a build
// (the compiler and linker get the processors: under software GL a window
// at full rate takes more than a core from them), a middle rate while an
// autosave is pending, a low rate once nothing has happened for a while
// (an idle ImGui window would otherwise keep a core busy: under software
// GL each frame of a 1280×800 window costs ~25 ms of processor, so 10 idle
// frames a second were a quarter of a core). Between frames the loop waits
// for events (internal/eventwait): input, and g.Update from any goroutine
// (the global hotkey, the control socket, the reloader's news), draw on
// the next frame at any rate.
package framepace

import "time"

// The rates, in frames a second.
const (
	Active   = 60 // the mouse moved in the last IdleAfter
	Busy     = 20 // work pending: an autosave
	Building = 5  // the user waits for a build: its progress, and input at once
	Caret    = 5  // a text box has the keyboard: its caret blinks
	Idle     = 2

	IdleAfter = 2 * time.Second

	// Starting is how many frames a new window draws at the full rate:
	// Dear ImGui lays new windows out over their first frames, and the
	// window must look whole at once, not half a second later.
	Starting = 4
)

// FPS is the frame rate for a window that has drawn as many frames as
// drawn says, whose last mouse input was since ago, while the user waits
// for a build (building: a reload or a hot restart asked for and not yet
// built), with work pending (busy) and an item active (a text box holding
// the keyboard). Input wakes the loop and is drawn at once at any rate, so a
// build only spares the frames nothing asked for (a key that starts a
// reload used to keep 60 a second for 2 s, the build's first 2 s). A
// focused text box left alone only needs its caret to blink (it drew 60
// frames a second, 1.5 cores under software GL, until the user clicked
// elsewhere). Keys are not mouse input: each wakes the loop anyway, and
// the window's own focus event at start is one (it set 60 a second for
// the first 2 s of every start and hot restart, ~2 s of processor).
func FPS(drawn int, since time.Duration, building, busy, itemActive bool) uint {
	switch {
	case drawn < Starting:
		return Active
	case building:
		return Building
	case since < IdleAfter:
		return Active
	case busy:
		return Busy
	case itemActive:
		return Caret
	}
	return Idle
}
