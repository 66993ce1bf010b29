// Package contract is the small, stable agreement between the host (app/)
// and the reloadable views (views/): the API version, the signature of a
// view, and what a view is handed each frame.
//
// Both sides compile this package; a plugin can only be loaded when its copy
// is byte-identical to the host's, so changing anything here means restarting
// slopgui. Bump APIVersion whenever Frame or View change meaning, and set the
// views' own views.APIVersion to match.
package contract

import (
	"time"

	// Every binary that draws links cimgui-go; make it link on glibc < 2.38.
	_ "github.com/slopgui/slopgui/internal/linkfix"
	"github.com/slopgui/slopgui/state"
)

// APIVersion is the version of this contract the host was built with. A
// views generation whose APIVersion differs is refused before it is swapped in.
const APIVersion = 1

// View draws one part of the UI. It may read and write f.UI and nothing else
// that outlives the frame.
type View = func(f *Frame)

// Frame is what the host hands every view, every frame.
type Frame struct {
	UI     *state.UI  // all UI state; owned by app.App
	Reload ReloadInfo // read-only facts about hot reloading
	Host   Host       // actions the host performs for views
	Now    time.Time  // the frame's time, so views need no clock
}

// ReloadInfo describes the reloader for views that show it.
type ReloadInfo struct {
	Generation int
	Busy       bool
	Error      string
}

// Host is what views may ask the host to do.
type Host interface {
	// ReloadAll rebuilds and swaps every hot module, as Ctrl+Alt+R does.
	ReloadAll()
}
