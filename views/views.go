// Package views holds slopgui's render functions: the reloadable code.
//
// Each view is a contract.View, a function of the state it is handed. The
// host links this package statically as generation 0; when the user presses
// Ctrl+Alt+R, hot/ rebuilds this directory as a Go plugin under a fresh
// import path and swaps every target in Targets at once, between frames.
//
// Rules for code here: keep no state of your own (package-level variables
// are reset by every reload; put state in state.UI instead), and import only
// stable packages (contract, state, theme, giu) and other view packages.
package views

import "github.com/slopgui/slopgui/contract"

// APIVersion is the contract.APIVersion this code was written against. The
// host refuses a generation whose APIVersion differs from its own.
const APIVersion = 1

// Targets maps each delegation target name to its function. The host
// looks targets up here, in generation 0 and in every reloaded generation,
// and checks each one's type (contract.View) when it loads.
var Targets = map[string]any{
	"DiscussionHub":   DiscussionHub,
	"ProjectSettings": ProjectSettings,
	"MMADashboard":    MMADashboard,
}

// window returns whether a view's window is shown, and a func that stores
// the user's choice back when they close it.
func window(f *contract.Frame, name string) (open *bool, done func()) {
	v := f.UI.ShowWindows[name]
	return &v, func() {
		if f.UI.ShowWindows == nil {
			f.UI.ShowWindows = map[string]bool{}
		}
		f.UI.ShowWindows[name] = v
	}
}
